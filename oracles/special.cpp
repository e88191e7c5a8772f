// Oracle kernels of Softmax and LogSoftmax (tier 5; pytensor rel-3.3.0
// tensor/special.py). Both are TensorSymbolicOps: PyTensor evaluates their
// inner graph node by node, each an Elemwise or CAReduce perform:
//   xs = x - x.max(axis, keepdims=True)     Sub in x's dtype (integers wrap)
//   e  = exp(xs)                             upgrade_to_float(x's dtype): f
//   s  = e.sum(axis, keepdims=True)          np.add.reduce in the accumulator
//                                            (float16 -> float32, float32 ->
//                                            float64), cast back to f
//   Softmax:    e / s                        TrueDiv in f
//   LogSoftmax: xs - log(s)                  Log in f, Sub in f (xs converted)
// Every step rounds to its dtype, float16 ones computed in float32 and
// rounded to half once per op (NumPy's HALF loops); +, -, / computed in
// double and rounded once give the same result (double holds more than
// 2p + 2 bits of a float or half). The max is NumPy's maximum.reduce: NaN
// propagates; a reduced axis of length 0 raises ("zero-size array to
// reduction operation maximum which has no identity"). Consequences kept as
// NumPy has them: a row of -inf gives NaN (-inf - -inf), a row holding +inf
// gives NaN everywhere (inf - inf in the sum), a NaN poisons its row.
// The sum adds in C order where NumPy sums pairwise: both in the wider
// accumulator, so the rounded results agree within the comparison's ulps.
#include <cmath>

#include "core/float16.h"
#include "graph/ops/reduction.h"
#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

// d rounded to float dtype f (one rounding).
double round_to(DType f, double d) {
  if (f == DType::Float16) return half_to_float(double_to_half(d));
  if (f == DType::Float32) return static_cast<double>(double_to_float(d));
  return d;
}

// NumPy's exp/log of a value of float dtype f: float16 and float32 through
// the float function, rounded to f.
double exp_in(DType f, double v) {
  return f == DType::Float64 ? std::exp(v) : round_to(f, std::exp(static_cast<float>(v)));
}
double log_in(DType f, double v) {
  return f == DType::Float64 ? std::log(v) : round_to(f, std::log(static_cast<float>(v)));
}

// For each element (flat, C order) the flat index of its group: the output
// element of a keepdims reduction over `axes`.
std::vector<int64_t> groups_of(const Shape& shape, const std::vector<int64_t>& axes, int64_t& ngroups) {
  const size_t rank = shape.size();
  std::vector<bool> reduced(rank, false);
  for (int64_t a : axes) reduced[static_cast<size_t>(a)] = true;
  std::vector<int64_t> stride(rank, 0);
  int64_t s = 1;
  for (size_t d = rank; d-- > 0;) {
    if (reduced[d]) continue;
    stride[d] = s;
    s *= shape[d];
  }
  ngroups = s;
  const int64_t n = shape_numel(shape);
  std::vector<int64_t> g(static_cast<size_t>(n));
  std::vector<int64_t> idx(rank, 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t t = 0;
    for (size_t d = 0; d < rank; ++d) t += idx[d] * stride[d];
    g[static_cast<size_t>(i)] = t;
    for (size_t d = rank; d-- > 0;) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return g;
}

// xs = x - max(x) per group, as doubles of dtype f's values (integers:
// computed with wraparound in x's dtype, then converted to f).
std::vector<double> stabilised(const Tensor& x, DType f, const std::vector<int64_t>& g, int64_t ngroups) {
  const DType t = x.dtype();
  const int64_t n = x.numel();
  std::vector<double> xs(static_cast<size_t>(n));
  if (is_float(t)) {
    std::vector<double> m(static_cast<size_t>(ngroups), -HUGE_VAL);
    std::vector<bool> nan(static_cast<size_t>(ngroups), false);
    for (int64_t i = 0; i < n; ++i) {
      const double v = x.get_as_double(i);
      const size_t k = static_cast<size_t>(g[static_cast<size_t>(i)]);
      if (std::isnan(v))
        nan[k] = true;
      else if (v > m[k])
        m[k] = v;
    }
    for (int64_t i = 0; i < n; ++i) {
      const size_t k = static_cast<size_t>(g[static_cast<size_t>(i)]);
      xs[static_cast<size_t>(i)] = round_to(t, x.get_as_double(i) - (nan[k] ? NAN : m[k]));
    }
    return xs;
  }
  const int bits = dtype_bits(t);
  const uint64_t mask = bits >= 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
  if (is_unsigned_integer(t)) {
    std::vector<uint64_t> m(static_cast<size_t>(ngroups), 0);
    for (int64_t i = 0; i < n; ++i) {
      const size_t k = static_cast<size_t>(g[static_cast<size_t>(i)]);
      m[k] = std::max(m[k], x.get_as_uint64(i));
    }
    for (int64_t i = 0; i < n; ++i) {
      const uint64_t d = (x.get_as_uint64(i) - m[static_cast<size_t>(g[static_cast<size_t>(i)])]) & mask;
      xs[static_cast<size_t>(i)] = round_to(f, static_cast<double>(d));  // uint64 -> float64: one rounding
    }
    return xs;
  }
  std::vector<int64_t> m(static_cast<size_t>(ngroups), INT64_MIN);
  for (int64_t i = 0; i < n; ++i) {
    const size_t k = static_cast<size_t>(g[static_cast<size_t>(i)]);
    m[k] = std::max(m[k], x.get_as_int64(i));
  }
  for (int64_t i = 0; i < n; ++i) {
    const uint64_t raw = static_cast<uint64_t>(x.get_as_int64(i)) -
                         static_cast<uint64_t>(m[static_cast<size_t>(g[static_cast<size_t>(i)])]);
    // Sign-extend the low `bits` bits (two's complement wraparound).
    uint64_t low = raw & mask;
    if (bits < 64 && (low >> (bits - 1)) & 1) low |= ~mask;
    xs[static_cast<size_t>(i)] = round_to(f, static_cast<double>(static_cast<int64_t>(low)));
  }
  return xs;
}

template <bool Log>
std::vector<Tensor> softmax_kernel(const Node& node, const std::vector<Tensor>& in) {
  const Tensor& x = in.at(0);
  const DType f = out_dtype(node);
  const auto axes = reduction::reduced_axes(node.attrs, x.rank());
  for (int64_t a : axes)
    if (x.shape()[static_cast<size_t>(a)] == 0)
      throw PyTensorRaises("zero-size array to reduction operation maximum which has no identity");
  int64_t ngroups = 0;
  const std::vector<int64_t> g = groups_of(x.shape(), axes, ngroups);
  const std::vector<double> xs = stabilised(x, f, g, ngroups);
  const size_t n = xs.size();
  std::vector<double> e(n), s(static_cast<size_t>(ngroups), 0.0);
  for (size_t i = 0; i < n; ++i) e[i] = exp_in(f, xs[i]);
  // Sum in the accumulator: float32 for float16 (each addition rounded to
  // float), float64 otherwise; then cast to f.
  const DType acc = f == DType::Float16 ? DType::Float32 : DType::Float64;
  for (size_t i = 0; i < n; ++i) {
    double& a = s[static_cast<size_t>(g[i])];
    a = round_to(acc, a + e[i]);
  }
  for (double& a : s) a = round_to(f, a);
  Tensor out(f, x.shape());
  for (size_t i = 0; i < n; ++i) {
    const double si = s[static_cast<size_t>(g[i])];
    const double r = Log ? round_to(f, xs[i] - log_in(f, si)) : round_to(f, e[i] / si);
    out.set_from_double(static_cast<int64_t>(i), r);
  }
  return {out};
}

const KernelRegistrar kSoftmax("Softmax", softmax_kernel<false>);
const KernelRegistrar kLogSoftmax("LogSoftmax", softmax_kernel<true>);

}  // namespace
}  // namespace ptonnx::oracle
