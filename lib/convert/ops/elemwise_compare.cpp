// Converters of the comparison Elemwise ops (tier 5): LT, GT, LE, GE, EQ,
// NEQ as Less, Greater, LessOrEqual, GreaterOrEqual (opset 12+), Equal and
// Not(Equal) (ONNX has no NotEqual). ONNX comparisons need one input type,
// so both inputs are Cast to NumPy's promotion of the two, which is exact
// for every pair but one: a signed integer against uint64 promotes to
// float64, and NumPy (1.25+, numpy PR #23713) compares those exactly instead (int64 max against
// 2^63 is not equal; -1 is below every uint64). That pair is compared as
// uint64 (the signed value reduced modulo 2^64 without an out-of-range
// Cast), with `Where(signed < 0, ...)` giving the answer for a negative
// value. bool inputs of the ordering comparisons become uint8 (Less and
// friends take no bool; False < True is kept). NaN compares false except
// in NEQ, -0 equals +0: IEEE arithmetic on both sides.
#include "convert/context.h"
#include "convert/ops/arith.h"
#include "convert/portable.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

enum class Comparison { LT, GT, LE, GE, EQ, NEQ };

const char* onnx_op(Comparison k) {
  switch (k) {
    case Comparison::LT: return "Less";
    case Comparison::GT: return "Greater";
    case Comparison::LE: return "LessOrEqual";
    case Comparison::GE: return "GreaterOrEqual";
    default: return "Equal";
  }
}

void compare_values(ConversionContext& c, Comparison k, const std::string& a, const std::string& b,
                    const std::string& out) {
  if (k != Comparison::NEQ) {
    c.emit(onnx_op(k), {a, b}, {out});
    return;
  }
  const std::string equal = c.temp("equal");
  c.emit("Equal", {a, b}, {equal});
  c.emit("Not", {equal}, {out});
}

// The result of `a k b` when a is below every value b can take.
bool when_left_is_below(Comparison k) { return k == Comparison::LT || k == Comparison::LE || k == Comparison::NEQ; }
bool when_right_is_below(Comparison k) { return k == Comparison::GT || k == Comparison::GE || k == Comparison::NEQ; }

template <Comparison K>
void convert_comparison(ConversionContext& c, const Node&) {
  const DType ta = c.in_dtype(0), tb = c.in_dtype(1);
  const bool exact_integers = !is_float(ta) && !is_float(tb);
  DType t = promote(ta, tb);
  if (exact_integers && is_float(t)) {
    // A signed integer against uint64: compare as uint64, a negative signed
    // value is below every uint64.
    const bool signed_left = is_signed_integer(ta);
    const std::string& s = signed_left ? c.in(0) : c.in(1);
    const DType ts = signed_left ? ta : tb;
    const std::string negative = c.temp("negative");
    c.emit("Less", {c.cast(s, ts, DType::Int64), c.scalar(DType::Int64, 0)}, {negative});
    const std::string s64 = arith::cast_mod_2_64(c, s, ts, DType::UInt64);
    const std::string compared = c.temp("compared");
    if (signed_left)
      compare_values(c, K, s64, c.in(1), compared);
    else
      compare_values(c, K, c.in(0), s64, compared);
    const bool below = signed_left ? when_left_is_below(K) : when_right_is_below(K);
    portable::where(c, negative, c.scalar(DType::Bool, below ? 1 : 0), compared, DType::Bool, c.out());
    return;
  }
  const bool ordering = K != Comparison::EQ && K != Comparison::NEQ;
  if (t == DType::Bool && ordering) t = DType::UInt8;
  compare_values(c, K, c.cast(c.in(0), ta, t), c.cast(c.in(1), tb, t), c.out());
}

const ConverterRegistrar kLT("LT", 13, convert_comparison<Comparison::LT>);
const ConverterRegistrar kGT("GT", 13, convert_comparison<Comparison::GT>);
const ConverterRegistrar kLE("LE", 13, convert_comparison<Comparison::LE>);
const ConverterRegistrar kGE("GE", 13, convert_comparison<Comparison::GE>);
const ConverterRegistrar kEQ("EQ", 13, convert_comparison<Comparison::EQ>);
const ConverterRegistrar kNEQ("NEQ", 13, convert_comparison<Comparison::NEQ>);

}  // namespace
}  // namespace ptonnx
