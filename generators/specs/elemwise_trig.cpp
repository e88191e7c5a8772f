// Sample specs of the trigonometric and hyperbolic Elemwise ops (tier 5),
// every dtype (integers and bool go through upgrade_to_float). No value
// domain: the generic values (quarters in [-64, 64], +-0, +-1, +-inf, NaN,
// 1e30, subnormals, each dtype's extremes) reach every case that matters:
// arguments outside arcsin/arccos's [-1, 1], arccosh's [1, inf) and
// arctanh's (-1, 1) (NaN), arctanh's poles +-1 (+-inf), sinh/cosh overflow
// (float16 past 11.1, every dtype at 1e30), and huge arguments of sin, cos,
// tan (argument reduction). The sign of zero is compared: NumPy gives
// f(-0) = -0 for the odd functions and +0 for arccos(1), arccosh(1).
// The others use glibc on both sides, so they stay unrounded in graphs.
#include "generators/elemwise_case.h"
#include "generators/specs/extended_values.h"

namespace ptonnx::gen {
namespace {

SampleSpec float_unary(const std::string& op) {
  SampleSpec s = elemwise_spec(op, 1, all_dtypes());
  s.signed_zero = true;
  return s;
}

const SampleSpecRegistrar kSin(float_unary("Sin"));
const SampleSpecRegistrar kCos(float_unary("Cos"));
const SampleSpecRegistrar kTan(float_unary("Tan"));
const SampleSpecRegistrar kArcSin(float_unary("ArcSin"));
const SampleSpecRegistrar kArcCos(float_unary("ArcCos"));
const SampleSpecRegistrar kArcTan(float_unary("ArcTan"));
const SampleSpecRegistrar kSinh(float_unary("Sinh"));
const SampleSpecRegistrar kCosh(float_unary("Cosh"));
// The built-in runtime's float32 Tanh is a vectorised polynomial within 2
// ulp (runtime/kernels/unary_simd.cpp), not glibc's tanhf as the oracle's:
// in random graphs a downstream Sub magnified that ulp to 512 (tier-5
// graph, opset 16, seed 4549397529093320145: x - tanh(x) at 0.0624999963).
// So random graphs round it off its ties, as the other inexact ops.
SampleSpec tanh_spec() {
  SampleSpec s = float_unary("Tanh");
  s.grow = rounded_elemwise_grow("Tanh", 1);
  return s;
}

const SampleSpecRegistrar kTanh(tanh_spec());
const SampleSpecRegistrar kArcSinh(float_unary("ArcSinh"));
const SampleSpecRegistrar kArcCosh(float_unary("ArcCosh"));
const SampleSpecRegistrar kArcTanh(float_unary("ArcTanh"));

}  // namespace
}  // namespace ptonnx::gen
