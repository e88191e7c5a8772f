// Converters of the trigonometric and hyperbolic Elemwise ops (tier 5):
// one ONNX operator each (Sin, Cos, Tan, Asin, Acos, Atan: opset 7; Sinh,
// Cosh, Asinh, Acosh, Atanh: 9; Tanh: 13), after a Cast of an integer or
// bool input to the IR's float output dtype (PyTensor's upgrade_to_float:
// int8 computes in float32, int64 in float64). The ONNX operators take
// float16, float32 and float64, so a float input goes in unchanged. NaN
// outside the domain, +-inf at the poles and on overflow, and the sign of
// a zero argument of the odd functions follow from IEEE arithmetic on both
// sides; the spec compares the sign of zero (generators/specs/elemwise_trig.cpp).
#include "convert/context.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

template <const char* OnnxOp>
void convert_float_unary(ConversionContext& c, const Node&) {
  c.emit(OnnxOp, {c.cast(c.in(0), c.in_dtype(0), c.out_dtype())}, {c.out()});
}

constexpr char kSinOp[] = "Sin", kCosOp[] = "Cos", kTanOp[] = "Tan", kAsinOp[] = "Asin", kAcosOp[] = "Acos",
               kAtanOp[] = "Atan", kSinhOp[] = "Sinh", kCoshOp[] = "Cosh", kTanhOp[] = "Tanh", kAsinhOp[] = "Asinh",
               kAcoshOp[] = "Acosh", kAtanhOp[] = "Atanh";

const ConverterRegistrar kSin("Sin", 13, convert_float_unary<kSinOp>);
const ConverterRegistrar kCos("Cos", 13, convert_float_unary<kCosOp>);
const ConverterRegistrar kTan("Tan", 13, convert_float_unary<kTanOp>);
const ConverterRegistrar kArcSin("ArcSin", 13, convert_float_unary<kAsinOp>);
const ConverterRegistrar kArcCos("ArcCos", 13, convert_float_unary<kAcosOp>);
const ConverterRegistrar kArcTan("ArcTan", 13, convert_float_unary<kAtanOp>);
const ConverterRegistrar kSinh("Sinh", 13, convert_float_unary<kSinhOp>);
const ConverterRegistrar kCosh("Cosh", 13, convert_float_unary<kCoshOp>);
const ConverterRegistrar kTanh("Tanh", 13, convert_float_unary<kTanhOp>);
const ConverterRegistrar kArcSinh("ArcSinh", 13, convert_float_unary<kAsinhOp>);
const ConverterRegistrar kArcCosh("ArcCosh", 13, convert_float_unary<kAcoshOp>);
const ConverterRegistrar kArcTanh("ArcTanh", 13, convert_float_unary<kAtanhOp>);

}  // namespace
}  // namespace ptonnx
