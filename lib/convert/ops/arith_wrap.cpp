// Sums and products modulo 2^64 from in-range operations (arith_wrap.h).
//
// A value v (int64) is split as v = hi * 2^32 + lo with lo = v mod 2^32 in
// [0, 2^32) (Mod with fmod=0 takes the divisor's sign) and hi = (v - lo) /
// 2^32 in [-2^31, 2^31) (an exact division, so Div's rounding never
// matters). Joining back wraps hi into [-2^31, 2^31) first, so that
// hi * 2^32 + lo lies in [-2^63, 2^63).
#include "convert/ops/arith_wrap.h"

#include "convert/ops/arith.h"

#include "convert/ops/axes.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/reduction.h"
#include "convert/ops/subgraph_emit.h"

namespace ptonnx::arith {

namespace {

constexpr double k2p16 = 65536.0, k2p31 = 2147483648.0, k2p32 = 4294967296.0;

struct Halves {
  std::string hi, lo;
};

// v = q * m + r with r = v mod m in [0, m) and q exact; m a power of two.
Halves split(ConversionContext& c, const std::string& v, double m, const char* hint) {
  Emit e{c};
  const std::string mod = c.scalar(DType::Int64, m);
  const std::string r = e.op("Mod", {v, mod}, hint);
  const std::string q = e.op("Div", {e.op("Sub", {v, r}, "multiple"), mod}, hint);
  return {q, r};
}

// (h mod 2^32 as a signed 32-bit value) * 2^32 + lo, lo in [0, 2^32); |h|
// stays far below 2^62 for every caller.
std::string join(ConversionContext& c, const std::string& h, const std::string& lo) {
  Emit e{c};
  const std::string half = c.scalar(DType::Int64, k2p31), whole = c.scalar(DType::Int64, k2p32);
  const std::string wrapped =
      e.op("Sub", {e.op("Mod", {e.op("Add", {h, half}, "shifted"), whole}, "reduced"), half}, "hi_wrapped");
  return e.op("Add", {e.op("Mul", {wrapped, whole}, "hi_part"), lo}, "mod_2_64");
}

}  // namespace

std::string sum_mod_2_64(ConversionContext& c, const std::string& x, const std::vector<int64_t>& axes,
                         bool keepdims) {
  Emit e{c};
  const Halves h = split(c, x, k2p32, "half");
  // Each sum has fewer than 2^31 terms below 2^32 in magnitude: exact.
  const std::string hi_sum = reduce::emit(c, "ReduceSum", h.hi, axes, keepdims);
  const Halves lo_sum = split(c, reduce::emit(c, "ReduceSum", h.lo, axes, keepdims), k2p32, "lo_sum");
  return join(c, e.op("Add", {hi_sum, lo_sum.hi}, "hi_total"), lo_sum.lo);
}

std::string mul_mod_2_64(ConversionContext& c, const std::string& a, const std::string& b) {
  Emit e{c};
  const Halves ah = split(c, a, k2p32, "a"), bh = split(c, b, k2p32, "b");
  // a * b = ah.hi*bh.hi*2^64 + (ah.hi*bh.lo + ah.lo*bh.hi)*2^32 + ah.lo*bh.lo;
  // the first term vanishes mod 2^64, each cross product is below 2^63 in
  // magnitude (2^31 * (2^32 - 1)) and only its value mod 2^32 matters.
  const std::string whole = c.scalar(DType::Int64, k2p32), quarter = c.scalar(DType::Int64, k2p16);
  const std::string cross1 = e.op("Mod", {e.op("Mul", {ah.hi, bh.lo}, "cross"), whole}, "cross_mod");
  const std::string cross2 = e.op("Mod", {e.op("Mul", {ah.lo, bh.hi}, "cross"), whole}, "cross_mod");
  // ah.lo * bh.lo can reach 2^64: split bh.lo into 16-bit halves, so each
  // partial product is below 2^48, and carry what passes 2^32.
  const Halves b16 = split(c, bh.lo, k2p16, "b16");
  const std::string p0 = e.op("Mul", {ah.lo, b16.lo}, "p0");
  const Halves p1 = split(c, e.op("Mul", {ah.lo, b16.hi}, "p1"), k2p16, "p1");
  const std::string t = e.op("Add", {p0, e.op("Mul", {p1.lo, quarter}, "p1_low")}, "low_sum");
  const Halves low = split(c, t, k2p32, "low");
  const std::string carry = e.op("Add", {low.hi, p1.hi}, "carry");
  const std::string hi = e.op("Add", {e.op("Add", {cross1, cross2}, "cross_sum"), carry}, "hi_total");
  return join(c, hi, low.lo);
}

std::string exact_integer_sum_as_float64(ConversionContext& c, const std::vector<std::string>& values,
                                        const std::vector<DType>& dtypes, const std::string& out) {
  Emit e{c};
  const std::string whole = c.scalar(DType::Int64, k2p32);
  std::string hi_total, lo_total;
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string pattern = cast_mod_2_64(c, values[i], dtypes[i], DType::Int64);
    Halves h = split(c, pattern, k2p32, "term");
    // A uint64 at or above 2^63 has a negative int64 pattern: its value is
    // the pattern + 2^64, i.e. its high half + 2^32.
    if (dtypes[i] == DType::UInt64) {
      const std::string wrapped = c.cast(e.op("Less", {pattern, c.scalar(DType::Int64, 0)}, "wrapped"), DType::Bool,
                                         DType::Int64);
      h.hi = e.op("Add", {h.hi, e.op("Mul", {wrapped, whole}, "carry")}, "term_hi");
    }
    // Fewer than 2^28 terms of magnitude at most 2^32: the sums are exact.
    hi_total = hi_total.empty() ? h.hi : e.op("Add", {hi_total, h.hi}, "hi_sum");
    lo_total = lo_total.empty() ? h.lo : e.op("Add", {lo_total, h.lo}, "lo_sum");
  }
  // hi * 2^32 is exact in double (|hi| < 2^36 for such sums) and so is lo:
  // one rounding, in the final Add, gives the correctly rounded sum.
  const std::string hi_part = e.op("Mul", {c.cast(hi_total, DType::Int64, DType::Float64),
                                           c.scalar(DType::Float64, k2p32)}, "hi_part");
  c.emit("Add", {hi_part, c.cast(lo_total, DType::Int64, DType::Float64)}, {out});
  return out;
}

std::string prod_mod_2_64(ConversionContext& c, const std::string& x, int64_t rank, const std::vector<int64_t>& axes,
                          bool keepdims) {
  Emit e{c};
  std::string acc = x;
  for (int64_t axis : axes) {
    const std::string axis_v = axes::int64_vector(c, {axis}, "axis");
    const std::string n = e.op("Gather", {e.op("Shape", {acc}, "shape"), axes::int64_vector(c, {axis}, "axis")}, "n", 0);
    // Ones shaped like acc with `axis` at 1: a ReduceSum of zeros (cannot
    // overflow), then + 1; also right when the axis is empty.
    const std::string zeros = e.op("Mul", {acc, c.scalar(DType::Int64, 0)}, "zeros");
    const std::string ones = e.op("Add", {reduce::emit(c, "ReduceSum", zeros, {axis}, true), c.scalar(DType::Int64, 1)},
                                  "ones");
    linalg_loops::LoopBuilder loop(c, "product_body");
    ConversionContext& b = loop.body();
    Emit be{b};
    const std::string carried =
        loop.carry("acc", TensorType{DType::Int64, StaticShape(static_cast<size_t>(rank), std::nullopt)}, ones);
    const std::string shape1 = axes::int64_vector(c, {1}, "shape1");
    const std::string k = loop.iteration();
    const std::string starts = be.op("Reshape", {k, shape1}, "starts");
    const std::string ends = be.op("Reshape", {be.op("Add", {k, c.scalar(DType::Int64, 1)}, "k_end"), shape1}, "ends");
    const std::string slice = axes::pin_rank(b, be.op("Slice", {acc, starts, ends, axis_v}, "x_k"), rank);
    loop.update(0, mul_mod_2_64(b, carried, slice));
    acc = loop.emit(n)[0];
  }
  if (keepdims) return acc;
  return e.op("Squeeze", {acc, axes::int64_vector(c, axes, "axes")}, "squeezed");
}

}  // namespace ptonnx::arith
