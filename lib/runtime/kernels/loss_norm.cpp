// Losses and normalisation: NegativeLogLikelihoodLoss,
// SoftmaxCrossEntropyLoss (log-softmax over axis 1, then NLL) and
// LayerNormalization. All compute in double and round once to the output
// dtype.
#include <cmath>

#include "runtime/broadcast.h"
#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

std::vector<double> as_doubles(const Tensor& t) {
  std::vector<double> out(static_cast<size_t>(t.numel()));
  for (int64_t i = 0; i < t.numel(); ++i) out[i] = t.get_as_double(i);
  return out;
}

Tensor from_doubles(const KernelContext& ctx, DType dt, const Shape& shape, const std::vector<double>& v) {
  Tensor t = ctx.alloc(dt, shape);
  for (int64_t i = 0; i < t.numel(); ++i) set_element(t, i, v[i]);
  return t;
}

// NLL over log-probabilities lp of shape [N, C, d...] and targets [N, d...].
Tensor nll(const KernelContext& ctx, DType dt, const Shape& shape, const std::vector<double>& lp, const Tensor& target,
           const Tensor* weight) {
  if (shape.size() < 2) throw ValidationError("input must have rank >= 2 ([N, C, ...])");
  const int64_t n = shape[0], c = shape[1], inner = dims_product(shape, 2, static_cast<int64_t>(shape.size()));
  Shape tshape{n};
  tshape.insert(tshape.end(), shape.begin() + 2, shape.end());
  if (target.shape() != tshape) throw ValidationError("target shape " + shape_to_string(target.shape()) + " does not match input " + shape_to_string(shape));
  if (weight && (weight->rank() != 1 || weight->shape()[0] != c)) throw ValidationError("weight must have shape [C]");
  const auto t = to_int64_list(target, "target");
  const bool has_ignore = ctx.attrs().has("ignore_index");
  const int64_t ignore = ctx.attrs().get_int("ignore_index", 0);
  const std::string reduction = ctx.attrs().get_string("reduction", "mean");
  if (reduction != "none" && reduction != "sum" && reduction != "mean") throw ValidationError("reduction '" + reduction + "'");
  ctx.charge_scratch(2 * static_cast<int64_t>(t.size() * sizeof(double)), "the loss");
  std::vector<double> loss(t.size()), w(t.size());
  for (int64_t b = 0; b < n; ++b)
    for (int64_t i = 0; i < inner; ++i) {
      const size_t k = static_cast<size_t>(b * inner + i);
      if (has_ignore && t[k] == ignore) continue;
      if (t[k] < 0 || t[k] >= c) throw ValidationError("target " + std::to_string(t[k]) + " is out of range for " + std::to_string(c) + " classes");
      w[k] = weight ? weight->get_as_double(t[k]) : 1.0;
      loss[k] = -lp[static_cast<size_t>((b * c + t[k]) * inner + i)] * w[k];
    }
  if (reduction == "none") return from_doubles(ctx, dt, tshape, loss);
  double sum = 0, wsum = 0;
  for (size_t k = 0; k < loss.size(); ++k) {
    sum += loss[k];
    wsum += w[k];
  }
  return from_doubles(ctx, dt, {}, {reduction == "sum" ? sum : sum / wsum});
}

std::vector<Tensor> nll_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  require_dtype(is_float(x.dtype()), x, "input", "float types");
  return one_output(
      nll(ctx, x.dtype(), x.shape(), as_doubles(x), ctx.input(1), ctx.has_input(2) ? &ctx.input(2) : nullptr));
}

std::vector<Tensor> sce_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  require_dtype(is_float(x.dtype()), x, "scores", "float types");
  if (x.rank() < 2) throw ValidationError("scores must have rank >= 2 ([N, C, ...])");
  const int64_t n = x.shape()[0], c = x.shape()[1], inner = dims_product(x.shape(), 2, x.rank());
  ctx.charge_scratch(2 * x.numel() * 8, "log-probabilities");
  auto v = as_doubles(x);
  std::vector<double> lp(v.size());
  for (int64_t b = 0; b < n; ++b)
    for (int64_t i = 0; i < inner; ++i) {
      double mx = -INFINITY, sum = 0;
      for (int64_t k = 0; k < c; ++k) mx = std::max(mx, v[(b * c + k) * inner + i]);
      for (int64_t k = 0; k < c; ++k) sum += std::exp(v[(b * c + k) * inner + i] - mx);
      for (int64_t k = 0; k < c; ++k) lp[(b * c + k) * inner + i] = v[(b * c + k) * inner + i] - mx - std::log(sum);
    }
  std::vector<Tensor> out{nll(ctx, x.dtype(), x.shape(), lp, ctx.input(1), ctx.has_input(2) ? &ctx.input(2) : nullptr)};
  if (ctx.num_outputs() > 1) out.push_back(from_doubles(ctx, x.dtype(), x.shape(), lp));
  return out;
}

std::vector<Tensor> layer_norm_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  require_dtype(is_float(x.dtype()), x, "X", "float types");
  const int64_t axis = normalize_axis(ctx.attrs().get_int("axis", -1), x.rank());
  const double eps = ctx.attrs().get_float("epsilon", 1e-5f);
  auto stash = dtype_from_onnx(static_cast<int32_t>(ctx.attrs().get_int("stash_type", 1)));
  if (!stash || !is_float(*stash)) throw UnsupportedError("stash_type " + std::to_string(ctx.attrs().get_int("stash_type", 1)));
  const int64_t outer = dims_product(x.shape(), 0, axis), inner = dims_product(x.shape(), axis, x.rank());
  const Tensor& scale = ctx.input(1);
  const Tensor* bias = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  // Scale and B broadcast to X's shape (checked before any scratch is
  // allocated: a Scale that does not fit would be read out of bounds).
  check_broadcasts_to(scale.shape(), x.shape());
  if (bias) check_broadcasts_to(bias->shape(), x.shape());
  ctx.charge_scratch(4 * x.numel() * 8, "normalization");  // sc, bi, v, y in double
  std::vector<double> sc(static_cast<size_t>(x.numel())), bi(sc.size(), 0.0);
  for_each_broadcast<1>(x.shape(), {&scale.shape()}, [&](int64_t i, const std::array<int64_t, 1>& o) { sc[i] = scale.get_as_double(o[0]); });
  if (bias)
    for_each_broadcast<1>(x.shape(), {&bias->shape()}, [&](int64_t i, const std::array<int64_t, 1>& o) { bi[i] = bias->get_as_double(o[0]); });
  const auto v = as_doubles(x);
  std::vector<double> y(v.size()), mean(static_cast<size_t>(outer)), inv(static_cast<size_t>(outer));
  for (int64_t o = 0; o < outer; ++o) {
    double m = 0, var = 0;
    for (int64_t i = 0; i < inner; ++i) m += v[o * inner + i];
    m /= static_cast<double>(inner);
    for (int64_t i = 0; i < inner; ++i) var += (v[o * inner + i] - m) * (v[o * inner + i] - m);
    var /= static_cast<double>(inner);
    const double is = 1.0 / std::sqrt(var + eps);
    for (int64_t i = 0; i < inner; ++i) {
      const int64_t k = o * inner + i;
      y[k] = (v[k] - m) * is * sc[k] + bi[k];
    }
    mean[o] = m;
    inv[o] = is;
  }
  Shape stat_shape = x.shape();
  for (int64_t d = axis; d < x.rank(); ++d) stat_shape[d] = 1;
  std::vector<Tensor> out{from_doubles(ctx, x.dtype(), x.shape(), y)};
  if (ctx.num_outputs() > 1) out.push_back(from_doubles(ctx, *stash, stat_shape, mean));
  if (ctx.num_outputs() > 2) out.push_back(from_doubles(ctx, *stash, stat_shape, inv));
  return out;
}

const KernelRegistrar regs[] = {
    {"NegativeLogLikelihoodLoss", 12, nll_kernel},
    {"SoftmaxCrossEntropyLoss", 12, sce_kernel},
    {"LayerNormalization", 17, layer_norm_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
