#include "graph/builder.h"

#include <cmath>
#include <limits>

namespace ptonnx::pt {

VarRef tensor(const std::string& name, const std::string& dtype, StaticShape shape) {
  return make_input(name, TensorType{parse_dtype(dtype), std::move(shape)});
}
VarRef scalar(const std::string& name, const std::string& dtype) { return tensor(name, dtype, {}); }
VarRef vector(const std::string& name, const std::string& dtype, StaticShape shape) {
  return tensor(name, dtype, std::move(shape));
}
VarRef matrix(const std::string& name, const std::string& dtype, StaticShape shape) {
  return tensor(name, dtype, std::move(shape));
}
VarRef tensor3(const std::string& name, const std::string& dtype) { return tensor(name, dtype, StaticShape(3)); }
VarRef tensor4(const std::string& name, const std::string& dtype) { return tensor(name, dtype, StaticShape(4)); }

VarRef constant(Tensor value, const std::string& name) { return make_constant(std::move(value), name); }

DType literal_int_dtype(int64_t v) {
  if (v >= std::numeric_limits<int8_t>::min() && v <= std::numeric_limits<int8_t>::max()) return DType::Int8;
  if (v >= std::numeric_limits<int16_t>::min() && v <= std::numeric_limits<int16_t>::max()) return DType::Int16;
  if (v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max()) return DType::Int32;
  return DType::Int64;
}

DType literal_dtype(double v) {
  // NaN and infinities are representable in float32.
  if (std::isnan(v) || static_cast<double>(static_cast<float>(v)) == v) return DType::Float32;
  return DType::Float64;
}

// A whole number written as a double is still a float literal in Python
// (1.0 is a float); integer literals go through literal_int.
VarRef literal(double v) {
  return make_constant(Tensor::scalar(literal_dtype(v), v));
}

VarRef literal_int(int64_t v) {
  Tensor t(literal_int_dtype(v), {});
  visit_dtype(t.dtype(), [&](auto tag) {
    using S = storage_t<decltype(tag)::value>;
    t.data<S>()[0] = static_cast<S>(v);
  });
  return make_constant(std::move(t));
}

VarRef shared(const std::string& name, Tensor value) { return make_shared_variable(name, std::move(value)); }

std::vector<VarRef> op(const std::string& name, std::vector<VarRef> inputs, Attributes attrs) {
  return apply_op(name, std::move(inputs), std::move(attrs));
}

VarRef add(VarRef a, VarRef b) { return apply_op1("Add", {std::move(a), std::move(b)}); }
VarRef sub(VarRef a, VarRef b) { return apply_op1("Sub", {std::move(a), std::move(b)}); }
VarRef mul(VarRef a, VarRef b) { return apply_op1("Mul", {std::move(a), std::move(b)}); }
VarRef true_div(VarRef a, VarRef b) { return apply_op1("TrueDiv", {std::move(a), std::move(b)}); }
VarRef maximum(VarRef a, VarRef b) { return apply_op1("Maximum", {std::move(a), std::move(b)}); }
VarRef minimum(VarRef a, VarRef b) { return apply_op1("Minimum", {std::move(a), std::move(b)}); }
VarRef pow(VarRef a, VarRef b) { return apply_op1("Pow", {std::move(a), std::move(b)}); }
VarRef neg(VarRef a) { return apply_op1("Neg", {std::move(a)}); }
VarRef abs(VarRef a) { return apply_op1("Abs", {std::move(a)}); }
VarRef exp(VarRef a) { return apply_op1("Exp", {std::move(a)}); }
VarRef sin(VarRef a) { return apply_op1("Sin", {std::move(a)}); }
VarRef cos(VarRef a) { return apply_op1("Cos", {std::move(a)}); }
VarRef tan(VarRef a) { return apply_op1("Tan", {std::move(a)}); }
VarRef arcsin(VarRef a) { return apply_op1("ArcSin", {std::move(a)}); }
VarRef arccos(VarRef a) { return apply_op1("ArcCos", {std::move(a)}); }
VarRef arctan(VarRef a) { return apply_op1("ArcTan", {std::move(a)}); }
VarRef sinh(VarRef a) { return apply_op1("Sinh", {std::move(a)}); }
VarRef cosh(VarRef a) { return apply_op1("Cosh", {std::move(a)}); }
VarRef tanh(VarRef a) { return apply_op1("Tanh", {std::move(a)}); }
VarRef arcsinh(VarRef a) { return apply_op1("ArcSinh", {std::move(a)}); }
VarRef arccosh(VarRef a) { return apply_op1("ArcCosh", {std::move(a)}); }
VarRef arctanh(VarRef a) { return apply_op1("ArcTanh", {std::move(a)}); }
VarRef sigmoid(VarRef a) { return apply_op1("Sigmoid", {std::move(a)}); }
VarRef softplus(VarRef a) { return apply_op1("Softplus", {std::move(a)}); }
VarRef log1p(VarRef a) { return apply_op1("Log1p", {std::move(a)}); }
VarRef expm1(VarRef a) { return apply_op1("Expm1", {std::move(a)}); }
VarRef erf(VarRef a) { return apply_op1("Erf", {std::move(a)}); }
VarRef erfc(VarRef a) { return apply_op1("Erfc", {std::move(a)}); }
VarRef clip(VarRef x, VarRef min, VarRef max) {
  return apply_op1("Clip", {std::move(x), std::move(min), std::move(max)});
}
VarRef log(VarRef a) { return apply_op1("Log", {std::move(a)}); }
VarRef sqrt(VarRef a) { return apply_op1("Sqrt", {std::move(a)}); }
VarRef floor(VarRef a) { return apply_op1("Floor", {std::move(a)}); }
VarRef ceil(VarRef a) { return apply_op1("Ceil", {std::move(a)}); }
VarRef round(VarRef a, const std::string& mode) { return apply_op1("Round", {std::move(a)}, {{"mode", mode}}); }
VarRef cast(VarRef a, const std::string& dtype) { return apply_op1("Cast", {std::move(a)}, {{"dtype", dtype}}); }
VarRef identity(VarRef a) { return apply_op1("Identity", {std::move(a)}); }
VarRef deep_copy(VarRef a) { return apply_op1("DeepCopyOp", {std::move(a)}); }

VarRef named(VarRef v, const std::string& name) {
  v->name = name;
  return v;
}

}  // namespace ptonnx::pt

namespace ptonnx {
VarRef operator+(VarRef a, VarRef b) { return pt::add(std::move(a), std::move(b)); }
VarRef operator-(VarRef a, VarRef b) { return pt::sub(std::move(a), std::move(b)); }
VarRef operator*(VarRef a, VarRef b) { return pt::mul(std::move(a), std::move(b)); }
VarRef operator/(VarRef a, VarRef b) { return pt::true_div(std::move(a), std::move(b)); }
VarRef operator-(VarRef a) { return pt::neg(std::move(a)); }
VarRef operator+(VarRef a, double b) { return pt::add(std::move(a), pt::literal(b)); }
VarRef operator-(VarRef a, double b) { return pt::sub(std::move(a), pt::literal(b)); }
VarRef operator*(VarRef a, double b) { return pt::mul(std::move(a), pt::literal(b)); }
VarRef operator/(VarRef a, double b) { return pt::true_div(std::move(a), pt::literal(b)); }
VarRef operator+(double a, VarRef b) { return pt::add(pt::literal(a), std::move(b)); }
VarRef operator-(double a, VarRef b) { return pt::sub(pt::literal(a), std::move(b)); }
VarRef operator*(double a, VarRef b) { return pt::mul(pt::literal(a), std::move(b)); }
VarRef operator/(double a, VarRef b) { return pt::true_div(pt::literal(a), std::move(b)); }
}  // namespace ptonnx
