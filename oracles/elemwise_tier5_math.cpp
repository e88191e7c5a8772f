// Oracle kernels of the tier-5 scalar-math Elemwise ops (pytensor rel-3.3.0
// scalar/math.py, scalar/basic.py), each computed the way Elemwise.perform
// computes it (oracles/elemwise.h):
// - Log1p, Expm1: nfunc_spec np.log1p / np.expm1, so the NumPy ufunc in the
//   output dtype (int8 -> float32 by prepare_node's `sig`, as the impls'
//   own `dtype=np.float32` says); float16 in float, rounded once. glibc's
//   log1p / expm1 (< 1 ulp) stand for NumPy's (which call them).
// - Sigmoid: nfunc_spec scipy.special.expit, 1 / (1 + exp(-x)) in the loop
//   type (scipy/special/_logit.h has float, double and long double
//   instances; a float16 array takes the float loop and PyTensor casts the
//   float32 result back to float16). exp(-x) overflows for very negative x,
//   giving exactly +0 (x < -88.7 in float32, x < -709.8 in float64).
// - Erf, Erfc: nfunc_spec scipy.special.erf / erfc, cephes double routines;
//   scipy's float loop converts to double and rounds the result to float, a
//   float16 array goes through that float loop too (double -> float ->
//   half). glibc's erf / erfc (< 1 ulp) stand for cephes'.
// - Softplus: no nfunc_spec, so frompyfunc(impl) on Python numbers: the
//   piecewise form in float64 (exp(x) below -37, log1p(exp(x)) below 18,
//   x + exp(-x) below 33.3, else x; NaN falls through to x), cast once to
//   the output dtype (int8 inputs are Python ints there, so the impl's
//   int8 special case never fires).
// - Clip: no nfunc_spec (numpy.clip disagrees when min > max), so the impl
//   `x < min ? min : (x > max ? max : x)` per broadcast element, in the
//   upcast dtype: min > max gives min below min and max elsewhere
//   ([0, 5, 10] with (7, 3) -> [7, 7, 3]); NaN x and NaN bounds fail both
//   comparisons, so x passes through; a zero x keeps its sign. Python
//   compares int against float exactly, whereas this kernel compares after
//   converting to the upcast dtype; the two differ only when x rounds onto
//   the bound, and then both return the same value.
#include <cmath>

#include "oracles/broadcast.h"
#include "oracles/elemwise.h"

namespace ptonnx::oracle {
namespace {

template <typename F>
Kernel float_ufunc(F f) {
  return ufunc1([f](auto, auto v) { return float_only(v, f); });
}

// scipy's loops for float32 (and float16 through float32) compute in double
// and round the result to float.
template <typename F>
Kernel double_ufunc(F f) {
  return ufunc1([f](auto, auto v) {
    return float_only(v, [&](auto x) {
      using V = decltype(x);
      return static_cast<V>(f(static_cast<double>(x)));
    });
  });
}

double softplus(double x) {
  if (x < -37.0) return std::exp(x);
  if (x < 18.0) return std::log1p(std::exp(x));
  if (x < 33.3) return x + std::exp(-x);
  return x;
}

std::vector<Tensor> clip_kernel(const Node& node, const std::vector<Tensor>& in) {
  const DType t = out_dtype(node);
  const Broadcast b = broadcast(node, in);
  const Tensor x = to_loop_dtype(in.at(0), t);
  const Tensor lo = to_loop_dtype(in.at(1), t);
  const Tensor hi = to_loop_dtype(in.at(2), t);
  return {visit_dtype(t, [&](auto tag) {
    constexpr DType T = decltype(tag)::value;
    Tensor out(T, b.out_shape);
    auto xs = x.data<storage_t<T>>();
    auto ls = lo.data<storage_t<T>>();
    auto hs = hi.data<storage_t<T>>();
    auto o = out.data<storage_t<T>>();
    for_each_broadcast(b, [&](int64_t i, const std::vector<int64_t>& off) {
      const auto v = Lane<T>::load(xs[off[0]]), l = Lane<T>::load(ls[off[1]]), h = Lane<T>::load(hs[off[2]]);
      o[i] = Lane<T>::store(v < l ? l : (v > h ? h : v));
    });
    return out;
  })};
}

const KernelRegistrar kSigmoid("Sigmoid", float_ufunc([](auto x) {
                                 using V = decltype(x);
                                 return V(1) / (V(1) + std::exp(-x));
                               }));
const KernelRegistrar kSoftplus("Softplus", python_float_impl("Softplus", softplus));
const KernelRegistrar kLog1p("Log1p", float_ufunc([](auto x) { return std::log1p(x); }));
const KernelRegistrar kExpm1("Expm1", float_ufunc([](auto x) { return std::expm1(x); }));
const KernelRegistrar kErf("Erf", double_ufunc([](double x) { return std::erf(x); }));
const KernelRegistrar kErfc("Erfc", double_ufunc([](double x) { return std::erfc(x); }));
const KernelRegistrar kClip("Clip", clip_kernel);

}  // namespace
}  // namespace ptonnx::oracle
