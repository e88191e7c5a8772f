// Converters of the elementwise arithmetic ops (PyTensor's Elemwise over
// scalar Add, Sub, Mul, TrueDiv, Neg, Abs, Maximum, Minimum, Identity;
// pytensor/scalar/basic.py). The IR node's output dtype is the contract:
// PyTensor computes in it, so every input is Cast to it first (ONNX binary
// ops also need equal input types). Integer overflow wraps, as in NumPy;
// where ONNX lacks the dtype at the target opset, arith::binary computes in
// int64 and wraps back exactly.
#include "convert/onnx_types.h"
#include "convert/ops/arith.h"
#include "convert/portable.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

// Add is n-ary in the IR. On bools np.add is logical or (ONNX Add has no
// bool): Or.
void convert_add(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  arith::fold(c, t == DType::Bool ? "Or" : "Add", arith::inputs_as(c, t), t, c.out());
}

// Mul is n-ary in the IR. On bools np.multiply is logical and: And.
// With three or more inputs PyTensor multiplies with np.prod over the
// elements as Python values: all-integer inputs (a float output only for
// the uint64/signed mix, whose upcast is float64) give an exact integer
// product, whose zero is +0.0 once cast, where a float chain gives
// -1.0 * 0.0 = -0.0. Adding +0.0 clears that sign and changes nothing else.
void convert_mul(ConversionContext& c, const Node& n) {
  const DType t = c.out_dtype();
  bool integers = n.inputs.size() > 2 && is_float(t);
  for (size_t i = 0; i < n.inputs.size(); ++i) integers = integers && !is_float(c.in_dtype(i));
  if (!integers) {
    arith::fold(c, t == DType::Bool ? "And" : "Mul", arith::inputs_as(c, t), t, c.out());
    return;
  }
  const std::string product = c.temp("product");
  arith::fold(c, "Mul", arith::inputs_as(c, t), t, product);
  c.emit("Add", {product, c.scalar(t, 0)}, {c.out()});
}

// Sub: the IR rejects bool, as PyTensor does.
void convert_sub(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  const auto v = arith::inputs_as(c, t);
  arith::binary(c, "Sub", v[0], v[1], t, c.out());
}

// TrueDiv: the output is always float (int/int gives floatX), so both sides
// are Cast to it; ONNX Div on ints would truncate instead.
void convert_true_div(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  const auto v = arith::inputs_as(c, t);
  c.emit("Div", {v[0], v[1]}, {c.out()});
}

// Neg: ONNX Neg takes signed ints and floats only. Unsigned negation wraps
// in NumPy (-x mod 2^bits), which is exactly 0 - x in unsigned arithmetic.
// -INT_MIN wraps to INT_MIN in NumPy; ONNX Neg on signed ints is relied on
// to wrap the same way (two's complement, as every runtime computes it).
void convert_neg(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  const std::string x = c.cast(c.in(0), c.in_dtype(0), t);
  if (onnx_accepts("Neg", t, c.opset())) {
    c.emit("Neg", {x}, {c.out()});
    return;
  }
  arith::binary(c, "Sub", c.scalar(t, 0), x, t, c.out());
}

// Abs: identity on unsigned ints and bools (ONNX Abs has no bool). Like
// Neg, abs(INT_MIN) is INT_MIN in NumPy and relies on two's complement.
void convert_abs(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  c.emit(is_unsigned_integer(t) || t == DType::Bool ? "Identity" : "Abs", {c.in(0)}, {c.out()});
}

// Maximum/Minimum: bools use Or/And (Max/Min have no bool). NumPy
// propagates a NaN from either side, the first one when both are NaN; the
// ONNX Max/Min spec says nothing about NaN, so floats get explicit guards:
// Where(IsNaN(a), a, Where(IsNaN(b), b, Max(a, b))).
void convert_extremum(ConversionContext& c, const std::string& onnx_op, const std::string& bool_op) {
  const DType t = c.out_dtype();
  const auto v = arith::inputs_as(c, t);
  if (t == DType::Bool) {
    c.emit(bool_op, {v[0], v[1]}, {c.out()});
    return;
  }
  // ONNX Runtime lacks Max/Min on int16/uint16 and Where on float16: the
  // portable forms compute those in int32 and float32 (exact Casts).
  if (!is_float(t)) {
    portable::elementwise(c, onnx_op, {v[0], v[1]}, t, c.out());
    return;
  }
  const std::string m = portable::elementwise(c, onnx_op, {v[0], v[1]}, t);
  const std::string b_nan = c.temp("b_isnan");
  c.emit("IsNaN", {v[1]}, {b_nan});
  const std::string with_b = portable::where(c, b_nan, v[1], m, t, c.temp("nan_b"));
  const std::string a_nan = c.temp("a_isnan");
  c.emit("IsNaN", {v[0]}, {a_nan});
  portable::where(c, a_nan, v[0], with_b, t, c.out());
}

void convert_maximum(ConversionContext& c, const Node&) { convert_extremum(c, "Max", "Or"); }
void convert_minimum(ConversionContext& c, const Node&) { convert_extremum(c, "Min", "And"); }

// Identity (pt.tensor_copy): elementwise identity.
void convert_identity(ConversionContext& c, const Node&) { c.emit("Identity", {c.in(0)}, {c.out()}); }

const ConverterRegistrar kAdd("Add", 13, convert_add);
const ConverterRegistrar kMul("Mul", 13, convert_mul);
const ConverterRegistrar kSub("Sub", 13, convert_sub);
const ConverterRegistrar kTrueDiv("TrueDiv", 13, convert_true_div);
const ConverterRegistrar kNeg("Neg", 13, convert_neg);
const ConverterRegistrar kAbs("Abs", 13, convert_abs);
const ConverterRegistrar kMaximum("Maximum", 13, convert_maximum);
const ConverterRegistrar kMinimum("Minimum", 13, convert_minimum);
const ConverterRegistrar kIdentity("Identity", 13, convert_identity);

}  // namespace
}  // namespace ptonnx
