// Converter of SearchsortedOp (np.searchsorted(x, v, side, sorter)).
//
// No ONNX op searches; for a sorted x (np.searchsorted's precondition,
// x[sorter] when a sorter is given) the answer is a count over x, exact and
// O(len(x) * v.size):
//
//   left  = ReduceSum(Cast(lt(x_i, v), int64), axis 0)
//   right = ReduceSum(Cast(Not(lt(v, x_i)), int64), axis 0)
//
// with x (Gather(x, sorter) first) Unsqueezed to [N, 1, ..., 1] against v.
// lt is NumPy's sort order in the common dtype promote(x, v) (NumPy casts
// both there): floats a < b or (IsNaN(b) and not IsNaN(a)), NaN largest;
// float16 compared in float32 (exact), float32/float64 in themselves;
// bool and integers in int64 (exact); uint64 by its int64 view (modulo 2^64,
// arith::cast_mod_2_64) and the top bit: when the top bits differ the one
// with it set is larger. So every comparison ONNX sees is a Less on
// float32/float64/int64, which ONNX Runtime has. A v element equal to
// several x elements, NaN against NaN, -0.0 against +0.0: all decided by
// lt alone. An empty x gives zeros (ReduceSum of nothing).
#include <limits>

#include "convert/ops/arith.h"
#include "convert/ops/axes.h"
#include "convert/portable.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

struct Operand {
  std::string value;  // in the comparison dtype
  std::string isnan;  // floats: IsNaN(value)
  std::string high;   // uint64: the top bit, as bool
};

Operand operand(ConversionContext& c, const std::string& v, DType from, DType common) {
  Operand o;
  if (is_float(common)) {
    // float16 is compared in float32: widening is exact, and an integer
    // meets float16 only as bool/int8/uint8, exact in either.
    o.value = c.cast(v, from, common == DType::Float64 ? DType::Float64 : DType::Float32);
    o.isnan = c.temp("isnan");
    c.emit("IsNaN", {o.value}, {o.isnan});
  } else if (common == DType::UInt64) {
    o.value = arith::cast_mod_2_64(c, v, from, DType::Int64);
    o.high = c.temp("high_bit");
    c.emit("Less", {o.value, c.scalar(DType::Int64, 0.0)}, {o.high});
  } else {
    o.value = c.cast(v, from, DType::Int64);
  }
  return o;
}

std::string op2(ConversionContext& c, const std::string& op, const std::string& a, const std::string& b,
                const std::string& hint) {
  const std::string out = c.temp(hint);
  c.emit(op, {a, b}, {out});
  return out;
}

// p < q in NumPy's sort order, elementwise (broadcast).
std::string sort_less(ConversionContext& c, const Operand& p, const Operand& q) {
  const std::string less = op2(c, "Less", p.value, q.value, "less");
  if (!p.isnan.empty()) {
    const std::string p_num = c.temp("not_nan");
    c.emit("Not", {p.isnan}, {p_num});
    return op2(c, "Or", less, op2(c, "And", q.isnan, p_num, "nan_above"), "sort_less");
  }
  if (!p.high.empty()) {
    // bool values: portable::where (ONNX Runtime's Where has no bool).
    return portable::where(c, op2(c, "Xor", p.high, q.high, "top_bits_differ"), q.high, less, DType::Bool,
                           c.temp("sort_less"));
  }
  return less;
}

void convert_searchsorted(ConversionContext& c, const Node& n) {
  const bool right = has_attr(n.attrs, "side") && attr_string(n.attrs, "side") == "right";
  const DType xt = c.in_dtype(0), vt = c.in_dtype(1);
  const DType common = promote(xt, vt);
  std::string x = c.in(0);
  if (c.num_inputs() == 3) {
    const std::string sorted = c.temp("sorted_x");
    c.emit("Gather", {x, c.cast(c.in(2), c.in_dtype(2), DType::Int64)}, {sorted});
    x = sorted;
  }
  const int64_t r = n.inputs.at(1)->type.ndim();
  if (r > 0) {
    std::vector<int64_t> ax;
    for (int64_t d = 1; d <= r; ++d) ax.push_back(d);
    const std::string col = c.temp("x_column");
    c.emit("Unsqueeze", {x, axes::int64_vector(c, ax, "axes")}, {col});
    x = col;
  }
  const Operand a = operand(c, x, xt, common), v = operand(c, c.in(1), vt, common);
  std::string before = right ? sort_less(c, v, a) : sort_less(c, a, v);
  if (right) {
    const std::string not_after = c.temp("not_after");
    c.emit("Not", {before}, {not_after});
    before = not_after;
  }
  auto& sum = c.emit("ReduceSum", {c.cast(before, DType::Bool, DType::Int64), axes::int64_vector(c, {0}, "axes")},
                     {c.out()});
  set_attr(sum, "keepdims", int64_t{0});
}

const ConverterRegistrar kSearchsortedOp("SearchsortedOp", 13, convert_searchsorted);

}  // namespace
}  // namespace ptonnx
