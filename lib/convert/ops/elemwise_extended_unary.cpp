// Converters of the extended group's unary Elemwise ops: Sign, Reciprocal,
// Sqr, IsNan, IsInf, Trunc (dtype rules in lib/graph/ops/
// elemwise_extended_unary.cpp).
// - Sign: ONNX Sign (every numeric type) for integers. For floats its spec
//   ("> 0: 1, < 0: -1, == 0: 0") leaves NaN open and does not give the
//   sign of the 0 for -0.0, where np.sign gives NaN and +0.0: Where(IsNaN(x),
//   x, Sign(x) + 0.0) (-0.0 + 0.0 = +0.0; the rest unchanged).
// - Reciprocal: Cast to the float output (upgrade_to_float), Reciprocal
//   (float-only ONNX op): 1/0 = inf, 1/-0 = -inf by IEEE.
// - Sqr: Mul(x, x) in the same dtype; integers wrap (8/16-bit at opset 13
//   through int64, arith::binary); bool is x (np.square computes bool in
//   int8, 1*1 = 1): Identity.
// - IsNan/IsInf: IsNaN-13 takes float16/32/64, IsInf-10 only float32/64
//   until opset 20, so float16 is Cast to float32 first (exact). Integers
//   and bool are never NaN or inf: Not(Equal(x, x)), all False with x's
//   shape (IsNaN/IsInf take integers only from opset 20).
// - Trunc: Where(x < 0, Ceil(x), Floor(x)) on the float output: exact for
//   every value (NaN, +-inf and huge values are their own floor; -0.5 ->
//   Ceil = -0.0, -0.0 -> Floor = -0.0). Never a Cast to an integer, which
//   overflows beyond 2^63 and loses NaN. An integer or bool input is
//   integral already: its Cast to the float output is the answer (an int64
//   above 2^53 rounds to a float64 that is itself whole).
#include "convert/context.h"
#include "convert/ops/arith.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

std::string emit1(ConversionContext& c, const std::string& type, std::vector<std::string> in, const std::string& hint) {
  const std::string out = c.temp(hint);
  c.emit(type, std::move(in), {out});
  return out;
}

void convert_sign(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  if (!is_float(t)) {
    c.emit("Sign", {c.in(0)}, {c.out()});
    return;
  }
  const std::string s = emit1(c, "Sign", {c.in(0)}, "sign");
  const std::string positive_zero = emit1(c, "Add", {s, c.scalar(t, 0.0)}, "sign_plus_0");
  const std::string nan = emit1(c, "IsNaN", {c.in(0)}, "isnan");
  c.emit("Where", {nan, c.in(0), positive_zero}, {c.out()});
}

void convert_reciprocal(ConversionContext& c, const Node&) {
  c.emit("Reciprocal", {c.cast(c.in(0), c.in_dtype(0), c.out_dtype())}, {c.out()});
}

void convert_sqr(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  if (t == DType::Bool) {
    c.emit("Identity", {c.in(0)}, {c.out()});
    return;
  }
  arith::binary(c, "Mul", c.in(0), c.in(0), t, c.out());
}

void all_false(ConversionContext& c) {
  c.emit("Not", {emit1(c, "Equal", {c.in(0), c.in(0)}, "equal_self")}, {c.out()});
}

void convert_isnan(ConversionContext& c, const Node&) {
  if (!is_float(c.in_dtype(0))) return all_false(c);
  c.emit("IsNaN", {c.in(0)}, {c.out()});
}

void convert_isinf(ConversionContext& c, const Node&) {
  const DType t = c.in_dtype(0);
  if (!is_float(t)) return all_false(c);
  c.emit("IsInf", {c.cast(c.in(0), t, t == DType::Float16 ? DType::Float32 : t)}, {c.out()});
}

void convert_trunc(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  if (!is_float(c.in_dtype(0))) {
    c.cast(c.in(0), c.in_dtype(0), t, c.out());
    return;
  }
  const std::string& x = c.in(0);
  const std::string negative = emit1(c, "Less", {x, c.scalar(t, 0)}, "negative");
  c.emit("Where", {negative, emit1(c, "Ceil", {x}, "ceil"), emit1(c, "Floor", {x}, "floor")}, {c.out()});
}

const ConverterRegistrar kSign("Sign", 13, convert_sign);
const ConverterRegistrar kReciprocal("Reciprocal", 13, convert_reciprocal);
const ConverterRegistrar kSqr("Sqr", 13, convert_sqr);
const ConverterRegistrar kIsNan("IsNan", 13, convert_isnan);
const ConverterRegistrar kIsInf("IsInf", 13, convert_isinf);
const ConverterRegistrar kTrunc("Trunc", 13, convert_trunc);

}  // namespace
}  // namespace ptonnx
