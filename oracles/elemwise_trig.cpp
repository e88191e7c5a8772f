// Oracle kernels of the trigonometric and hyperbolic Elemwise ops (tier 5):
// Sin, Cos, Tan, ArcSin, ArcCos, ArcTan, Sinh, Cosh, Tanh, ArcSinh,
// ArcCosh, ArcTanh (pytensor rel-3.3.0 scalar/basic.py). Each has
// nfunc_spec (np.sin, ..., np.arctanh) and upgrade_to_float, so Elemwise
// calls the ufunc in the output dtype (int8 -> float32, int32 -> float64;
// the impls' own `dtype=np.float32` for int8/uint8 says the same), float16
// in float and rounded once, under np.errstate(all="ignore"): out-of-domain
// arguments give NaN (arcsin(1.5), arccosh(0.5), arctanh(2)), poles give
// +-inf (arctanh(+-1)), overflow gives +-inf (sinh(90) in float32), never
// an error. The odd functions keep the sign of zero (sin(-0) = -0).
#include <cmath>

#include "oracles/elemwise.h"

namespace ptonnx::oracle {
namespace {

template <typename F>
Kernel float_ufunc(F f) {
  return ufunc1([f](auto, auto v) { return float_only(v, f); });
}

const KernelRegistrar kSin("Sin", float_ufunc([](auto x) { return std::sin(x); }));
const KernelRegistrar kCos("Cos", float_ufunc([](auto x) { return std::cos(x); }));
const KernelRegistrar kTan("Tan", float_ufunc([](auto x) { return std::tan(x); }));
const KernelRegistrar kArcSin("ArcSin", float_ufunc([](auto x) { return std::asin(x); }));
const KernelRegistrar kArcCos("ArcCos", float_ufunc([](auto x) { return std::acos(x); }));
const KernelRegistrar kArcTan("ArcTan", float_ufunc([](auto x) { return std::atan(x); }));
const KernelRegistrar kSinh("Sinh", float_ufunc([](auto x) { return std::sinh(x); }));
const KernelRegistrar kCosh("Cosh", float_ufunc([](auto x) { return std::cosh(x); }));
const KernelRegistrar kTanh("Tanh", float_ufunc([](auto x) { return std::tanh(x); }));
const KernelRegistrar kArcSinh("ArcSinh", float_ufunc([](auto x) { return std::asinh(x); }));
const KernelRegistrar kArcCosh("ArcCosh", float_ufunc([](auto x) { return std::acosh(x); }));
const KernelRegistrar kArcTanh("ArcTanh", float_ufunc([](auto x) { return std::atanh(x); }));

}  // namespace
}  // namespace ptonnx::oracle
