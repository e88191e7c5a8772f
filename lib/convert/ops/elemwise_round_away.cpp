// Converter of RoundHalfAwayFromZero (pytensor scalar/basic.py). ONNX Round
// rounds halves to even. PyTensor's Python implementation (what Elemwise
// runs: the op has no nfunc_spec, so np.frompyfunc(impl) on Python floats)
// is round_half_away_from_zero_(a) = a > 0 ? floor(a + 0.5) : ceil(a - 0.5)
// in double precision. So: Cast to float64, the same formula, Cast back:
// - float64: a + 0.5 rounds like Python's, hence 0.49999999999999994 ->
//   1.0 (0.5 + 0.49999999999999994 rounds up to 1.0) and 2^52 + 1 -> 2^52
//   + 2 (the .5 tie goes to even), as PyTensor's perform gives (its C code,
//   C's round(), would give 0.0 and 2^52 + 1: docs/converter.md);
// - float16 and float32: a + 0.5 is exact in float64 (24 significant bits
//   and a half fit in 53), so the result is C's round(); in the input's own
//   dtype it would not be (float32 0.49999997 + 0.5 ties to 1.0, 8388609 +
//   0.5 to 8388610). The result is an integer of magnitude at most |a| + 1
//   below 2^24 (2^11 for float16), or a itself above: the Cast back is
//   exact;
// - +-0 and -0.4 -> -0.0 (a > 0 fails, ceil(-0.5) = -0.0), NaN -> NaN
//   (ceil(NaN - 0.5)), +-inf stay.
#include "convert/ops/round_half_away.h"

#include "convert/registry.h"

namespace ptonnx {

void emit_round_half_away_from_zero(ConversionContext& c) {
  constexpr DType F64 = DType::Float64;
  const DType t = c.out_dtype();
  const std::string x = c.cast(c.in(0), c.in_dtype(0), F64);
  const std::string half = c.scalar(F64, 0.5);
  const std::string positive = c.temp("positive"), up = c.temp("plus_half"), down = c.temp("minus_half");
  c.emit("Greater", {x, c.scalar(F64, 0)}, {positive});
  c.emit("Add", {x, half}, {up});
  c.emit("Sub", {x, half}, {down});
  const std::string floored = c.temp("floor"), ceiled = c.temp("ceil");
  c.emit("Floor", {up}, {floored});
  c.emit("Ceil", {down}, {ceiled});
  if (t == F64) {
    c.emit("Where", {positive, floored, ceiled}, {c.out()});
    return;
  }
  const std::string r = c.temp("rounded");
  c.emit("Where", {positive, floored, ceiled}, {r});
  c.cast(r, F64, t, c.out());
}

namespace {

void convert_round_away(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  if (!is_float(t))
    c.unsupported("RoundHalfAwayFromZero takes float inputs only (got " + std::string(dtype_name(t)) + ")");
  emit_round_half_away_from_zero(c);
}

const ConverterRegistrar kRoundHalfAwayFromZero("RoundHalfAwayFromZero", 13, convert_round_away);

}  // namespace
}  // namespace ptonnx
