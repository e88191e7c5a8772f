// The training-domain optimizers of ai.onnx.preview.training: Momentum,
// Adagrad and Adam. Each updates n tensors at once: inputs R (learning
// rate), T (update count), then n X, n G and n or 2n state tensors; outputs
// the new X and the new states, in the spec's order.
#include <cmath>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

constexpr const char* kTraining = "ai.onnx.preview.training";

// Number of optimized tensors n, given 2 + groups*n inputs and
// (groups-1)*n outputs (X and every state are updated).
int64_t tensor_count(const KernelContext& ctx, int64_t groups) {
  const auto inputs = static_cast<int64_t>(ctx.num_inputs()) - 2;
  if (inputs <= 0 || inputs % groups != 0)
    throw ValidationError("expects R, T and " + std::to_string(groups) + " groups of n tensors; got " +
                          std::to_string(ctx.num_inputs()) + " inputs");
  const int64_t n = inputs / groups;
  if (static_cast<int64_t>(ctx.num_outputs()) != (groups - 1) * n)
    throw ValidationError("expects " + std::to_string((groups - 1) * n) + " outputs for " + std::to_string(n) +
                          " optimized tensors, got " + std::to_string(ctx.num_outputs()));
  for (int64_t g = 0; g < groups; ++g)
    for (int64_t i = 0; i < n; ++i) {
      const Tensor& t = ctx.input(static_cast<size_t>(2 + g * n + i));
      const Tensor& x = ctx.input(static_cast<size_t>(2 + i));
      require_dtype(is_float(t.dtype()) && t.dtype() != DType::Float16, t, "input " + std::to_string(2 + g * n + i),
                    "float32, float64");
      if (t.shape() != x.shape() || t.dtype() != x.dtype())
        throw ValidationError("input " + std::to_string(2 + g * n + i) + " " + t.describe() + " must match its X " +
                              x.describe());
    }
  return n;
}

// The scalars R (float) and T (int64).
std::pair<double, int64_t> rate_and_count(const KernelContext& ctx) {
  require_dtype(is_float(ctx.input(0).dtype()), ctx.input(0), "R", "float types");
  require_dtype(ctx.input(1).dtype() == DType::Int64, ctx.input(1), "T", "int64");
  return {scalar_as_double(ctx.input(0), "R"), scalar_as_int64(ctx.input(1), "T")};
}

// Applies `step(k, x, g, states_in, states_out)` elementwise (in double) to
// each of the n tensors; returns the n new X then, per state, the n new
// states.
template <typename Step>
std::vector<Tensor> update_all(const KernelContext& ctx, int64_t n, int64_t states, Step step) {
  std::vector<Tensor> xs, st;
  for (int64_t i = 0; i < n; ++i) {
    const Tensor& x = ctx.input(static_cast<size_t>(2 + i));
    const Tensor& g = ctx.input(static_cast<size_t>(2 + n + i));
    Tensor x_new = ctx.alloc(x.dtype(), x.shape());
    std::vector<Tensor> s_new;
    for (int64_t s = 0; s < states; ++s) s_new.push_back(ctx.alloc(x.dtype(), x.shape()));
    for (int64_t k = 0; k < x.numel(); ++k) {
      double in[2] = {0, 0}, out[2] = {0, 0};
      for (int64_t s = 0; s < states; ++s) in[s] = ctx.input(static_cast<size_t>(2 + (2 + s) * n + i)).get_as_double(k);
      const double xv = step(x.get_as_double(k), g.get_as_double(k), in, out);
      set_element(x_new, k, xv);
      for (int64_t s = 0; s < states; ++s) set_element(s_new[static_cast<size_t>(s)], k, out[s]);
    }
    xs.push_back(std::move(x_new));
    for (auto& t : s_new) st.push_back(std::move(t));
  }
  // st holds the states tensor by tensor; the outputs list them state by state.
  for (int64_t s = 0; s < states; ++s)
    for (int64_t i = 0; i < n; ++i) xs.push_back(std::move(st[static_cast<size_t>(i * states + s)]));
  return xs;
}

std::vector<Tensor> momentum_kernel(KernelContext& ctx) {
  const int64_t n = tensor_count(ctx, 3);
  // Plain variables, not a structured binding: the update lambdas capture
  // them, which clang 14 (the fuzz build) refuses for bindings.
  const auto [rate_in, count] = rate_and_count(ctx);
  const double r = rate_in;
  const int64_t t = count;
  const double alpha = ctx.attrs().get_float("alpha"), beta = ctx.attrs().get_float("beta");
  const double lambda = ctx.attrs().get_float("norm_coefficient");
  const std::string mode = ctx.attrs().get_string("mode", "standard");
  if (mode != "standard" && mode != "nesterov")
    throw ValidationError("mode must be 'standard' or 'nesterov', got '" + mode + "'");
  const bool nesterov = mode == "nesterov";
  // The first update (T = 0) takes the whole gradient: beta is used from T > 0.
  const double b = t > 0 ? beta : 1.0;
  return update_all(ctx, n, 1, [&](double x, double g, const double* in, double* out) {
    const double gr = lambda * x + g;
    out[0] = alpha * in[0] + b * gr;
    return nesterov ? x - r * (gr + alpha * out[0]) : x - r * out[0];
  });
}

std::vector<Tensor> adagrad_kernel(KernelContext& ctx) {
  const int64_t n = tensor_count(ctx, 3);
  // Plain variables, not a structured binding: the update lambdas capture
  // them, which clang 14 (the fuzz build) refuses for bindings.
  const auto [rate_in, count] = rate_and_count(ctx);
  const double r = rate_in;
  const int64_t t = count;
  const double decay = ctx.attrs().get_float("decay_factor", 0.0f);
  const double eps = ctx.attrs().get_float("epsilon", 1e-6f);
  const double lambda = ctx.attrs().get_float("norm_coefficient", 0.0f);
  const double rate = r / (1 + static_cast<double>(t) * decay);
  return update_all(ctx, n, 1, [&](double x, double g, const double* in, double* out) {
    const double gr = lambda * x + g;
    out[0] = in[0] + gr * gr;
    return x - rate * gr / (std::sqrt(out[0]) + eps);
  });
}

std::vector<Tensor> adam_kernel(KernelContext& ctx) {
  const int64_t n = tensor_count(ctx, 4);
  // Plain variables, not a structured binding: the update lambdas capture
  // them, which clang 14 (the fuzz build) refuses for bindings.
  const auto [rate_in, count] = rate_and_count(ctx);
  const double r = rate_in;
  const int64_t t = count;
  const double alpha = ctx.attrs().get_float("alpha", 0.9f), beta = ctx.attrs().get_float("beta", 0.999f);
  const double eps = ctx.attrs().get_float("epsilon", 1e-6f);
  const double lambda = ctx.attrs().get_float("norm_coefficient", 0.0f);
  const double post = ctx.attrs().get_float("norm_coefficient_post", 0.0f);
  // Bias correction applies from the first counted update (T > 0).
  const double td = static_cast<double>(t);
  const double rate = t > 0 ? r * std::sqrt(1 - std::pow(beta, td)) / (1 - std::pow(alpha, td)) : r;
  return update_all(ctx, n, 2, [&](double x, double g, const double* in, double* out) {
    const double gr = lambda * x + g;
    out[0] = alpha * in[0] + (1 - alpha) * gr;
    out[1] = beta * in[1] + (1 - beta) * gr * gr;
    return (1 - post) * (x - rate * out[0] / (std::sqrt(out[1]) + eps));
  });
}

const KernelRegistrar regs[] = {
    {kTraining, "Momentum", 1, 1, momentum_kernel},
    {kTraining, "Adagrad", 1, 1, adagrad_kernel},
    {kTraining, "Adam", 1, 1, adam_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
