// Type inference of the trigonometric and hyperbolic Elemwise ops (tier 5;
// pytensor rel-3.3.0 scalar/basic.py): Sin, Cos, Tan, ArcSin, ArcCos,
// ArcTan, Sinh, Cosh, Tanh, ArcSinh, ArcCosh, ArcTanh. Every one is built
// with upgrade_to_float (`sin = Sin(upgrade_to_float, name="sin")`): float
// inputs keep their dtype; bool, 8- and 16-bit integers give float32, 32-
// and 64-bit integers float64. The shape is the input's.
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

std::vector<TensorType> float_out(const InferContext& c) {
  return infer::one(upgrade_to_float(c.dtype(0)), c.type(0).shape);
}

OpSchema float_unary(const std::string& name, const std::string& numpy) {
  return OpSchema{name, 1, 1, {}, float_out, "np." + numpy + " in upgrade_to_float(x)"};
}

const OpSchemaRegistrar kSin(float_unary("Sin", "sin"));
const OpSchemaRegistrar kCos(float_unary("Cos", "cos"));
const OpSchemaRegistrar kTan(float_unary("Tan", "tan"));
const OpSchemaRegistrar kArcSin(float_unary("ArcSin", "arcsin"));
const OpSchemaRegistrar kArcCos(float_unary("ArcCos", "arccos"));
const OpSchemaRegistrar kArcTan(float_unary("ArcTan", "arctan"));
const OpSchemaRegistrar kSinh(float_unary("Sinh", "sinh"));
const OpSchemaRegistrar kCosh(float_unary("Cosh", "cosh"));
const OpSchemaRegistrar kTanh(float_unary("Tanh", "tanh"));
const OpSchemaRegistrar kArcSinh(float_unary("ArcSinh", "arcsinh"));
const OpSchemaRegistrar kArcCosh(float_unary("ArcCosh", "arccosh"));
const OpSchemaRegistrar kArcTanh(float_unary("ArcTanh", "arctanh"));

}  // namespace
}  // namespace ptonnx
