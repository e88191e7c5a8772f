// Converters of the elementwise arithmetic ops (PyTensor's Elemwise over
// scalar Add, Sub, Mul, TrueDiv, Neg, Abs, Maximum, Minimum, Identity;
// pytensor/scalar/basic.py). The IR node's output dtype is the contract:
// PyTensor computes in it, so every input is Cast to it first (ONNX binary
// ops also need equal input types). Integer overflow wraps, as in NumPy;
// where ONNX lacks the dtype at the target opset, arith::binary computes in
// int64 and wraps back exactly.
#include "convert/onnx_types.h"
#include "convert/ops/arith.h"
#include "convert/ops/arith_wrap.h"
#include "convert/portable.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

// Add is n-ary in the IR. On bools np.add is logical or (ONNX Add has no
// bool): Or. With three or more inputs PyTensor adds with Python's sum()
// over the elements as Python values: all-integer inputs with a float
// output (the uint64/signed mix, float64) are summed exactly and rounded
// once, where casting each to float64 first rounds every term
// (2^64 - 1 - 2 * 9199999451701357568 is 128 ulps off that way).
void convert_add(ConversionContext& c, const Node& n) {
  const DType t = c.out_dtype();
  bool integers = n.inputs.size() > 2 && t == DType::Float64;
  std::vector<DType> dtypes;
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    integers = integers && !is_float(c.in_dtype(i));
    dtypes.push_back(c.in_dtype(i));
  }
  if (integers) {
    std::vector<std::string> values;
    for (size_t i = 0; i < n.inputs.size(); ++i) values.push_back(c.in(i));
    arith::exact_integer_sum_as_float64(c, values, dtypes, c.out());
    return;
  }
  arith::fold(c, t == DType::Bool ? "Or" : "Add", arith::inputs_as(c, t), t, c.out());
}

// Mul is n-ary in the IR. On bools np.multiply is logical and: And.
// With three or more inputs PyTensor multiplies with np.prod over the
// elements as Python values; all-integer inputs give a float output only
// for the uint64/signed mix (upcast float64). np.prod's array then takes
// its dtype from the values (numpy issue #14883): int64 when every value
// fits int64, and the product wraps modulo 2^64 (int64 max * 2 * 1 is
// -2.0, not 2^64); float64 when a uint64 value is at or above 2^63 (the
// signed inputs keep the rest below), a float product. So both are built
// and a value >= 2^63 selects. A zero integer product is +0.0 once cast,
// where a float chain gives -1.0 * 0.0 = -0.0: adding +0.0 clears that sign
// and changes nothing else.
void convert_mul(ConversionContext& c, const Node& n) {
  const DType t = c.out_dtype();
  bool integers = n.inputs.size() > 2 && is_float(t);
  for (size_t i = 0; i < n.inputs.size(); ++i) integers = integers && !is_float(c.in_dtype(i));
  if (!integers) {
    arith::fold(c, t == DType::Bool ? "And" : "Mul", arith::inputs_as(c, t), t, c.out());
    return;
  }
  const std::string float_product = c.temp("float_product");
  arith::fold(c, "Mul", arith::inputs_as(c, t), t, float_product);
  std::string wrapped, beyond_int64;
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    const std::string v = arith::cast_mod_2_64(c, c.in(i), c.in_dtype(i), DType::Int64);
    wrapped = wrapped.empty() ? v : arith::mul_mod_2_64(c, wrapped, v);
    if (c.in_dtype(i) != DType::UInt64) continue;
    // Its int64 pattern is negative exactly when the uint64 is >= 2^63.
    const std::string big = c.temp("at_least_2_63");
    c.emit("Less", {v, c.scalar(DType::Int64, 0)}, {big});
    if (beyond_int64.empty()) {
      beyond_int64 = big;
    } else {
      const std::string any = c.temp("any_at_least_2_63");
      c.emit("Or", {beyond_int64, big}, {any});
      beyond_int64 = any;
    }
  }
  const std::string product = c.temp("product");
  c.emit("Where", {beyond_int64, float_product, c.cast(wrapped, DType::Int64, t)}, {product});
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
  const std::string extremum = portable::elementwise(c, onnx_op, {v[0], v[1]}, t);
  // NumPy's loop keeps the first operand on a tie ((a <= b || isnan(a)) ?
  // a : b), so Minimum(+0.0, -0.0) is +0.0; ONNX leaves a tie of signed
  // zeros open (ONNX Runtime gives -0.0). Equal operands select a. Equal is
  // taken in float32 for float16 (an exact Cast; ORT lacks float16 Equal).
  const std::string tie = c.temp("tie");
  if (t == DType::Float16)
    c.emit("Equal", {c.cast(v[0], t, DType::Float32), c.cast(v[1], t, DType::Float32)}, {tie});
  else
    c.emit("Equal", {v[0], v[1]}, {tie});
  const std::string m = portable::where(c, tie, v[0], extremum, t, c.temp("tie_a"));
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
