// RNN, GRU and LSTM (opsets 7 and 14): the recurrent layers, forward,
// reverse or bidirectional, with optional biases, initial states,
// per-batch sequence lengths, peepholes (LSTM), cell clipping, custom
// activations and, from opset 14, the batch-first layout. Gates are
// computed in double and stored in the input's dtype.
#include <algorithm>
#include <cmath>
#include <functional>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

using Act = std::function<double(double)>;

// The spec's activation list; alpha/beta are consumed in order by the
// activations that take them, each falling back to its documented default
// (ONNX Runtime's defaults where the spec names none).
std::vector<Act> activations(const KernelContext& ctx, std::vector<std::string> names) {
  if (ctx.attrs().has("activations")) {
    const auto& a = ctx.node().attribute();
    for (const auto& attr : a)
      if (attr.name() == "activations") names.assign(attr.strings().begin(), attr.strings().end());
  }
  std::vector<float> alphas, betas;
  if (ctx.attrs().has("activation_alpha")) alphas = ctx.attrs().get_floats("activation_alpha");
  if (ctx.attrs().has("activation_beta")) betas = ctx.attrs().get_floats("activation_beta");
  size_t ai = 0, bi = 0;
  auto alpha = [&](double d) { return ai < alphas.size() ? static_cast<double>(alphas[ai++]) : d; };
  auto beta = [&](double d) { return bi < betas.size() ? static_cast<double>(betas[bi++]) : d; };
  std::vector<Act> out;
  for (const std::string& n : names) {
    if (n == "Sigmoid")
      out.push_back([](double x) { return 1 / (1 + std::exp(-x)); });
    else if (n == "Tanh")
      out.push_back([](double x) { return std::tanh(x); });
    else if (n == "Relu")
      out.push_back([](double x) { return std::max(x, 0.0); });
    else if (n == "Softsign")
      out.push_back([](double x) { return x / (1 + std::abs(x)); });
    else if (n == "Softplus")
      out.push_back([](double x) { return std::log1p(std::exp(x)); });
    else if (n == "LeakyRelu")
      out.push_back([a = alpha(0.01)](double x) { return x >= 0 ? x : a * x; });
    else if (n == "ThresholdedRelu")
      out.push_back([a = alpha(1.0)](double x) { return x > a ? x : 0.0; });
    else if (n == "Elu")
      out.push_back([a = alpha(1.0)](double x) { return x >= 0 ? x : a * (std::exp(x) - 1); });
    else if (n == "HardSigmoid") {
      const double a = alpha(0.2), b = beta(0.5);
      out.push_back([a, b](double x) { return std::clamp(a * x + b, 0.0, 1.0); });
    } else if (n == "Affine") {
      const double a = alpha(1.0), b = beta(0.0);
      out.push_back([a, b](double x) { return a * x + b; });
    } else if (n == "ScaledTanh") {
      const double a = alpha(1.0), b = beta(1.0);
      out.push_back([a, b](double x) { return a * std::tanh(b * x); });
    } else {
      throw UnsupportedError("activation '" + n +
                             "' is not supported; Relu, Tanh, Sigmoid, Affine, LeakyRelu, ThresholdedRelu, ScaledTanh, "
                             "HardSigmoid, Elu, Softsign, Softplus are");
    }
  }
  return out;
}

enum class Cell { Rnn, Gru, Lstm };

struct Layer {
  Cell cell;
  int64_t gates;   // 1, 3, 4
  int64_t n_acts;  // activations per direction: 1, 2, 3
  std::vector<std::string> default_acts;
};

// Element (d, g*hidden + j, k) of a [dirs, gates*hidden, K] weight.
struct Mat {
  const Tensor* t = nullptr;
  int64_t rows = 0, cols = 0;
  double at(int64_t d, int64_t r, int64_t c) const { return t ? t->get_as_double((d * rows + r) * cols + c) : 0.0; }
};

std::vector<Tensor> recurrent(KernelContext& ctx, const Layer& L) {
  const Tensor& x = ctx.input(0);
  require_dtype(is_float(x.dtype()), x, "X", "float16, float32, float64");
  const int64_t layout = ctx.opset() >= 14 ? ctx.attrs().get_int("layout", 0) : 0;
  if (layout != 0 && layout != 1) throw ValidationError("layout must be 0 or 1, got " + std::to_string(layout));
  if (x.rank() != 3) throw ValidationError("X must be 3-D, got " + x.describe());
  const int64_t seq = x.shape()[layout == 0 ? 0 : 1], batch = x.shape()[layout == 0 ? 1 : 0], in = x.shape()[2];
  const std::string direction = ctx.attrs().get_string("direction", "forward");
  if (direction != "forward" && direction != "reverse" && direction != "bidirectional")
    throw ValidationError("direction must be forward, reverse or bidirectional, got '" + direction + "'");
  const int64_t dirs = direction == "bidirectional" ? 2 : 1;
  const int64_t hidden = ctx.attrs().get_int("hidden_size");
  const int64_t gh = L.gates * hidden;
  auto expect = [&](size_t i, const Shape& s, const char* name) -> const Tensor* {
    if (!ctx.has_input(i)) return nullptr;
    const Tensor& t = ctx.input(i);
    if (t.shape() != s || t.dtype() != x.dtype())
      throw ValidationError(std::string(name) + " must have shape " + shape_to_string(s) + " and X's dtype, got " +
                            t.describe());
    return &t;
  };
  check_operations(ctx,
                   static_cast<double>(seq) * static_cast<double>(batch) * static_cast<double>(dirs) *
                       static_cast<double>(gh) * (static_cast<double>(in) + static_cast<double>(hidden)),
                   "the recurrence (sequence x batch x directions x gates x hidden x (input + hidden))");
  const Mat W{expect(1, {dirs, gh, in}, "W"), gh, in};
  const Mat R{expect(2, {dirs, gh, hidden}, "R"), gh, hidden};
  if (!W.t || !R.t) throw ValidationError("W and R are required");
  const Mat B{expect(3, {dirs, 2 * gh}, "B"), 1, 2 * gh};
  const Tensor* lens = ctx.has_input(4) ? &ctx.input(4) : nullptr;
  if (lens) {
    require_dtype(lens->dtype() == DType::Int32, *lens, "sequence_lens", "int32");
    if (lens->rank() != 1 || lens->numel() != batch)
      throw ValidationError("sequence_lens must be 1-D of batch size " + std::to_string(batch) + ", got " +
                            lens->describe());
    for (int64_t b = 0; b < batch; ++b) {
      const auto l = static_cast<int64_t>(lens->get_as_double(b));
      if (l < 0 || l > seq)
        throw ValidationError("sequence length " + std::to_string(l) + " is outside [0, " + std::to_string(seq) + "]");
    }
  }
  const Shape state_shape = layout == 0 ? Shape{dirs, batch, hidden} : Shape{batch, dirs, hidden};
  const Tensor* h0 = expect(5, state_shape, "initial_h");
  const Tensor* c0 = L.cell == Cell::Lstm ? expect(6, state_shape, "initial_c") : nullptr;
  const Mat P{L.cell == Cell::Lstm ? expect(7, {dirs, 3 * hidden}, "P") : nullptr, 1, 3 * hidden};
  const bool has_clip = ctx.attrs().has("clip");
  const double clip = ctx.attrs().get_float("clip", 0.0f);
  const bool linear_before_reset = L.cell == Cell::Gru && ctx.attrs().get_int("linear_before_reset", 0) != 0;
  const bool input_forget = L.cell == Cell::Lstm && ctx.attrs().get_int("input_forget", 0) != 0;
  std::vector<std::string> names;
  for (int64_t d = 0; d < dirs; ++d) names.insert(names.end(), L.default_acts.begin(), L.default_acts.end());
  const auto acts = activations(ctx, names);
  if (static_cast<int64_t>(acts.size()) != dirs * L.n_acts)
    throw ValidationError("activations must list " + std::to_string(dirs * L.n_acts) + " functions, got " +
                          std::to_string(acts.size()));

  Tensor y = ctx.alloc(x.dtype(), layout == 0 ? Shape{seq, dirs, batch, hidden} : Shape{batch, seq, dirs, hidden});
  Tensor yh = ctx.alloc(x.dtype(), state_shape);
  Tensor yc = ctx.alloc(x.dtype(), state_shape);
  auto xi = [&](int64_t t, int64_t b, int64_t k) {
    return x.get_as_double(layout == 0 ? (t * batch + b) * in + k : (b * seq + t) * in + k);
  };
  auto yi = [&](int64_t t, int64_t d, int64_t b, int64_t j) {
    return layout == 0 ? ((t * dirs + d) * batch + b) * hidden + j : ((b * seq + t) * dirs + d) * hidden + j;
  };
  auto si = [&](int64_t d, int64_t b, int64_t j) {
    return layout == 0 ? (d * batch + b) * hidden + j : (b * dirs + d) * hidden + j;
  };
  auto clipped = [&](double v) { return has_clip ? std::clamp(v, -clip, clip) : v; };

  ctx.charge_scratch(static_cast<int64_t>(sizeof(double)) * (5 * hidden + 3 * gh), "recurrent state");
  std::vector<double> h(static_cast<size_t>(hidden)), c(static_cast<size_t>(hidden)), g(static_cast<size_t>(gh)),
      rh(static_cast<size_t>(gh)), nh(static_cast<size_t>(hidden)), reset(static_cast<size_t>(hidden)),
      xw(static_cast<size_t>(gh));
  for (int64_t d = 0; d < dirs; ++d) {
    const bool reverse = direction == "reverse" || d == 1;
    const Act& f = acts[static_cast<size_t>(d * L.n_acts)];
    const Act& gact = L.n_acts > 1 ? acts[static_cast<size_t>(d * L.n_acts + 1)] : f;
    const Act& hact = L.n_acts > 2 ? acts[static_cast<size_t>(d * L.n_acts + 2)] : f;
    for (int64_t b = 0; b < batch; ++b) {
      const int64_t len = lens ? static_cast<int64_t>(lens->get_as_double(b)) : seq;
      for (int64_t j = 0; j < hidden; ++j) {
        h[static_cast<size_t>(j)] = h0 ? h0->get_as_double(si(d, b, j)) : 0.0;
        c[static_cast<size_t>(j)] = c0 ? c0->get_as_double(si(d, b, j)) : 0.0;
      }
      for (int64_t s = 0; s < len; ++s) {
        const int64_t t = reverse ? len - 1 - s : s;
        // xw = X_t W^T + Wb; rh = H_{t-1} R^T + Rb, per gate row.
        for (int64_t r = 0; r < gh; ++r) {
          double a = B.at(d, 0, r), e = B.at(d, 0, gh + r);
          for (int64_t k = 0; k < in; ++k) a += xi(t, b, k) * W.at(d, r, k);
          for (int64_t k = 0; k < hidden; ++k) e += h[static_cast<size_t>(k)] * R.at(d, r, k);
          xw[static_cast<size_t>(r)] = a;
          rh[static_cast<size_t>(r)] = e;
        }
        // GRU's reset gate, needed whole before the candidate state.
        if (L.cell == Cell::Gru)
          for (int64_t k = 0; k < hidden; ++k) {
            const auto K = static_cast<size_t>(hidden + k);
            reset[static_cast<size_t>(k)] = f(clipped(xw[K] + rh[K]));
          }
        for (int64_t j = 0; j < hidden; ++j) {
          const auto J = static_cast<size_t>(j), H = static_cast<size_t>(hidden);
          if (L.cell == Cell::Rnn) {
            nh[J] = f(clipped(xw[J] + rh[J]));
          } else if (L.cell == Cell::Gru) {
            // Gate order z, r, h.
            const double z = f(clipped(xw[J] + rh[J]));
            const double rg = reset[J];
            double cand;
            if (linear_before_reset) {
              cand = gact(clipped(xw[2 * H + J] + rg * rh[2 * H + J]));
            } else {
              // (r . H_{t-1}) R_h^T + Rb_h: needs the reset state, not rh.
              double e = B.at(d, 0, gh + 2 * hidden + j);
              for (int64_t k = 0; k < hidden; ++k)
                e += reset[static_cast<size_t>(k)] * h[static_cast<size_t>(k)] * R.at(d, 2 * hidden + j, k);
              cand = gact(clipped(xw[2 * H + J] + e));
            }
            nh[J] = (1 - z) * cand + z * h[J];
          } else {
            // Gate order i, o, f, c; peepholes i, o, f.
            const double ct_1 = c[J];
            double i = f(clipped(xw[J] + rh[J] + P.at(d, 0, j) * ct_1));
            const double fg = f(clipped(xw[2 * H + J] + rh[2 * H + J] + P.at(d, 0, 2 * hidden + j) * ct_1));
            if (input_forget) i = 1 - fg;
            const double cc = gact(clipped(xw[3 * H + J] + rh[3 * H + J]));
            const double ct = fg * ct_1 + i * cc;
            const double o = f(clipped(xw[H + J] + rh[H + J] + P.at(d, 0, hidden + j) * ct));
            c[J] = ct;
            nh[J] = o * hact(ct);
          }
        }
        h = nh;
        for (int64_t j = 0; j < hidden; ++j) set_element(y, yi(t, d, b, j), h[static_cast<size_t>(j)]);
      }
      for (int64_t j = 0; j < hidden; ++j) {
        set_element(yh, si(d, b, j), h[static_cast<size_t>(j)]);
        set_element(yc, si(d, b, j), c[static_cast<size_t>(j)]);
      }
    }
  }
  std::vector<Tensor> res;
  res.push_back(std::move(y));
  res.push_back(std::move(yh));
  if (L.cell == Cell::Lstm) res.push_back(std::move(yc));
  return res;
}

const Layer kRnn{Cell::Rnn, 1, 1, {"Tanh"}};
const Layer kGru{Cell::Gru, 3, 2, {"Sigmoid", "Tanh"}};
const Layer kLstm{Cell::Lstm, 4, 3, {"Sigmoid", "Tanh", "Tanh"}};

const KernelRegistrar regs[] = {
    // 14 added the layout attribute (batch-first); 7 is the same otherwise.
    {"RNN", 7, [](KernelContext& c) { return recurrent(c, kRnn); }},
    {"GRU", 7, [](KernelContext& c) { return recurrent(c, kGru); }},
    {"LSTM", 7, [](KernelContext& c) { return recurrent(c, kLstm); }},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
