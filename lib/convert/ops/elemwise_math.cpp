// Converters of the elementwise math ops: Exp, Log, Sqrt, Floor, Ceil,
// Round and Pow (pytensor/scalar/basic.py, scalar/math.py). The ONNX
// operators are float-only (Pow's base: int32, int64 or float), so inputs
// are Cast to the IR's output dtype, which PyTensor's upgrade_to_float
// already made a float for the unary ops.
#include "convert/onnx_types.h"
#include "convert/ops/arith.h"
#include "convert/ops/round_half_away.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

// Exp, Log, Sqrt: Cast an integer input to the float output dtype (int8 ->
// float32, int64 -> float64, ...), then the op. log(0) = -inf and
// log/sqrt of a negative = NaN follow from IEEE arithmetic in both.
template <const char* OnnxOp>
void convert_float_unary(ConversionContext& c, const Node&) {
  c.emit(OnnxOp, {c.cast(c.in(0), c.in_dtype(0), c.out_dtype())}, {c.out()});
}

// Floor/Ceil: an integer input becomes an integral float when Cast (large
// int64s round to the nearest float, which is still integral), and
// floor/ceil of an integral float is itself, so the Cast alone is exact.
template <const char* OnnxOp>
void convert_floor_ceil(ConversionContext& c, const Node&) {
  if (is_float(c.in_dtype(0))) c.emit(OnnxOp, {c.in(0)}, {c.out()});
  else c.cast(c.in(0), c.in_dtype(0), c.out_dtype(), c.out());
}

constexpr char kExpOp[] = "Exp";
constexpr char kLogOp[] = "Log";
constexpr char kSqrtOp[] = "Sqrt";
constexpr char kFloorOp[] = "Floor";
constexpr char kCeilOp[] = "Ceil";

// Round: ONNX Round rounds halves to even, as np.round (half_to_even).
// half_away_from_zero is PyTensor's RoundHalfAwayFromZero scalar op,
// computed in float64 whatever the float dtype (round_half_away.h): in
// float32, 0.49999997 + 0.5 would round to 1.0 where PyTensor gives 0.0.
void convert_round(ConversionContext& c, const Node& n) {
  const std::string mode = has_attr(n.attrs, "mode") ? attr_string(n.attrs, "mode") : "half_to_even";
  const DType t = c.out_dtype();
  if (!is_float(t)) c.unsupported("Round takes float inputs only (got " + std::string(dtype_name(t)) + ")");
  if (mode == "half_to_even") {
    c.emit("Round", {c.in(0)}, {c.out()});
    return;
  }
  if (mode != "half_away_from_zero")
    c.unsupported("Round mode '" + mode + "' is not supported; supported modes: half_to_even, half_away_from_zero");
  emit_round_half_away_from_zero(c);
}

// Pow: NumPy computes in the upcast dtype (IR: at least 8 bits, so
// bool ** bool is int8), so both sides are Cast to it. Floats use ONNX
// Pow; integers use arith::integer_power (exponentiation by squaring,
// exact modulo 2^bits as NumPy's repeated multiplication wraps): ONNX Pow
// takes only int32/int64 bases and leaves how the power is formed open, and
// ONNX Runtime's goes through double (wrong beyond 2^53, no wraparound).
// Integer ** negative integer raises in NumPy; ONNX leaves it unspecified.
void convert_pow(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  const auto v = arith::inputs_as(c, t);
  if (is_float(t)) {
    if (!onnx_accepts("Pow", t, c.opset())) c.unsupported("Pow of " + std::string(dtype_name(t)));
    c.emit("Pow", {v[0], v[1]}, {c.out()});
    return;
  }
  arith::integer_power(c, v[0], v[1], t, c.out());
}

const ConverterRegistrar kExp("Exp", 13, convert_float_unary<kExpOp>);
const ConverterRegistrar kLog("Log", 13, convert_float_unary<kLogOp>);
const ConverterRegistrar kSqrt("Sqrt", 13, convert_float_unary<kSqrtOp>);
const ConverterRegistrar kFloor("Floor", 13, convert_floor_ceil<kFloorOp>);
const ConverterRegistrar kCeil("Ceil", 13, convert_floor_ceil<kCeilOp>);
const ConverterRegistrar kRound("Round", 13, convert_round);
const ConverterRegistrar kPow("Pow", 13, convert_pow);

}  // namespace
}  // namespace ptonnx
