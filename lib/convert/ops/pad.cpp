// Converter of Pad (tier 5; pt.pad, pytensor rel-3.3.0 tensor/pad.py).
//
// ONNX Pad-13 has constant (one value for every side), reflect (ONNX
// Runtime requires pads < dim; NumPy and PyTensor reflect again and
// again) and edge; wrap arrives in Pad-19, symmetric never. PyTensor pads
// one axis at a time, later axes overwriting the corners, with per-axis,
// per-side constants and statistics. So each axis d, in order, is padded
// by standard ops on the running result (widths W = Expand(Cast(pad_width,
// int64), [ndim, 2]), read per axis by Gather, so fed widths work too):
//
// - wrap / symmetric / reflect / edge: an index map and one Gather, exactly
//   PyTensor's _gather_indices over o = Range(before + n + after) - before:
//   wrap Mod(o, n); symmetric f = Mod(o, 2n), Where(f < n, f, 2n-1-f);
//   reflect p = Max(2n-2, 1), f = Mod(o, p), Where(f < n, f, p-f); edge
//   Max(Min(o, n-1), 0). Mod-13 (fmod 0) takes the divisor's sign, so f is
//   in [0, p); divisors are kept >= 1 (an empty axis with pads is outside
//   the domain, and an empty o gathers nothing). Widths beyond the dim
//   fold as often as needed.
// - constant / maximum / minimum / mean / linear_ramp: Concat(left, current, right) on
//   axis d, each side one value per line made the side's shape (a constant:
//   Expand to Where(axis == d, width, Shape(current)); a statistic, of
//   length 1 along d: Tile by the width along d): a constant_values entry Cast
//   to the output dtype, or the statistic of the first / last min(
//   stat_length, n) rows (ReduceMax/ReduceMin with NaN made explicit,
//   since ONNX leaves NaN in ReduceMax open; mean: ReduceSum / count);
//   linear_ramp's sides are computed whole (see ramp()).
//
// The output dtype follows PyTensor: floatX for every mode but wrap,
// symmetric and reflect (they start from zeros(new_shape) of floatX): x is
// Cast first.
#include <cmath>

#include "convert/ops/axes.h"
#include "convert/ops/reduction.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

struct PadContext {
  ConversionContext& c;
  Emit e;
  int64_t rank;
  std::string table;  // the widths, flattened (ndim * 2,)

  // Entry (d, k) of a flattened (ndim, 2) table, 0-d.
  std::string entry(const std::string& t, int64_t d, int64_t k, const char* hint) {
    return e.op("Gather", {t, c.scalar(DType::Int64, static_cast<double>(2 * d + k))}, hint, 0);
  }
  // v broadcast to (ndim, 2) and flattened.
  std::string flat_table(const std::string& v, DType from, DType to, const char* hint) {
    const std::string wide = c.cast(v, from, to);
    const std::string full = e.op("Expand", {wide, axes::int64_vector(c, {rank, 2}, "table_shape")}, hint);
    return e.op("Reshape", {full, axes::int64_vector(c, {-1}, "flat")}, "flat_table");
  }
  std::string dim(const std::string& v, int64_t d) {
    return e.op("Gather", {e.op("Shape", {v}, "shape"), c.scalar(DType::Int64, static_cast<double>(d))}, "n", 0);
  }
  std::string as_vector(const std::string& s) {
    return e.op("Reshape", {s, axes::int64_vector(c, {1}, "one_elem")}, "as_vector");
  }
};

std::string gather_axis(PadContext& p, const std::string& mode, const std::string& cur, int64_t d) {
  ConversionContext& c = p.c;
  Emit& e = p.e;
  const std::string before = p.entry(p.table, d, 0, "before"), after = p.entry(p.table, d, 1, "after");
  const std::string n = p.dim(cur, d);
  const std::string one = c.scalar(DType::Int64, 1), zero = c.scalar(DType::Int64, 0);
  const std::string total = e.op("Add", {e.op("Add", {before, n}, "before_n"), after}, "total");
  const std::string o = e.op("Sub", {e.op("Range", {zero, total, one}, "positions"), before}, "offsets");
  std::string idx;
  if (mode == "edge") {
    idx = e.op("Max", {e.op("Min", {o, e.op("Sub", {n, one}, "last")}, "clamped_high"), zero}, "indices");
  } else if (mode == "wrap") {
    idx = e.op("Mod", {o, e.op("Max", {n, one}, "period")}, "indices");
  } else {
    const std::string two_n = e.op("Mul", {n, c.scalar(DType::Int64, 2)}, "two_n");
    const std::string period = mode == "symmetric" ? e.op("Max", {two_n, one}, "period")
                                                   : e.op("Max", {e.op("Sub", {two_n, c.scalar(DType::Int64, 2)},
                                                                       "two_n_minus_2"),
                                                                  one},
                                                          "period");
    const std::string f = e.op("Mod", {o, period}, "folded");
    const std::string back = mode == "symmetric" ? e.op("Sub", {e.op("Sub", {period, one}, "period_m1"), f}, "back")
                                                 : e.op("Sub", {period, f}, "back");
    idx = e.op("Where", {e.op("Less", {f, n}, "in_first_half"), f, back}, "indices");
  }
  return e.op("Gather", {cur, idx}, "padded", d);
}

// One value per line of `cur` along d, keepdims (shape with d = 1): the
// statistic of positions [lo, hi).
std::string statistic(PadContext& p, const std::string& mode, const std::string& cur, int64_t d,
                      const std::string& lo, const std::string& hi, DType f) {
  ConversionContext& c = p.c;
  Emit& e = p.e;
  const std::string chunk =
      axes::pin_rank(c,
                     e.op("Slice", {cur, p.as_vector(lo), p.as_vector(hi), axes::int64_vector(c, {d}, "axis")},
                          "chunk"),
                     p.rank);
  if (mode == "mean") {
    const std::string sum = reduce::emit(c, "ReduceSum", chunk, {d}, true);
    const std::string count = c.cast(e.op("Sub", {hi, lo}, "count"), DType::Int64, f);
    return e.op("Div", {sum, count}, "mean");
  }
  const std::string m = reduce::emit(c, mode == "maximum" ? "ReduceMax" : "ReduceMin", chunk, {d}, true);
  const std::string nans = reduce::emit(c, "ReduceSum", c.cast(e.op("IsNaN", {chunk}, "is_nan"), DType::Bool, f),
                                        {d}, true);
  const std::string any_nan = e.op("Greater", {nans, c.scalar(f, 0)}, "any_nan");
  return e.op("Where", {any_nan, c.scalar(f, std::nan("")), m}, "stat");
}

// linear_ramp's side k (0 left, 1 right) of width w along d, as
// _linear_ramp_pad computes it: linspace(end, edge, w, endpoint=False) is
// (i * delta) / w + end with i the int64 arange, so it runs in float64
// (int64 * float), delta = edge - end in upcast(floatX, end's dtype); the
// right ramp is reversed (its outermost value is the end value); astype
// floatX at the end.
std::string ramp(PadContext& p, const std::string& cur, int64_t d, const std::string& w, int64_t k, DType f) {
  ConversionContext& c = p.c;
  Emit& e = p.e;
  const bool given = c.num_inputs() == 3;
  const DType ed = given ? c.in_dtype(2) : DType::Int8;  // as_tensor(0) is int8
  const std::string end_values = given ? c.in(2) : c.scalar(DType::Int8, 0);
  const DType dt = promote(f, ed);
  const std::string end_dt = p.entry(p.flat_table(end_values, ed, dt, "end_values"), d, k, "end");
  const std::string end64 = p.entry(p.flat_table(end_values, ed, DType::Float64, "end_values64"), d, k, "end64");
  const std::string n = p.dim(cur, d), one = c.scalar(DType::Int64, 1);
  const std::string at = k == 0 ? c.scalar(DType::Int64, 0) : e.op("Sub", {n, one}, "last");
  const std::string edge = axes::pin_rank(
      c,
      e.op("Slice", {cur, p.as_vector(at), p.as_vector(e.op("Add", {at, one}, "edge_end")),
                     axes::int64_vector(c, {d}, "axis")},
           "edge"),
      p.rank);
  const std::string delta =
      c.cast(e.op("Sub", {c.cast(edge, f, dt), end_dt}, "delta"), dt, DType::Float64);
  std::string i = e.op("Range", {c.scalar(DType::Int64, 0), w, one}, "ramp_index");
  if (k == 1) i = e.op("Sub", {e.op("Sub", {w, one}, "w_minus_1"), i}, "ramp_index_reversed");
  std::vector<int64_t> others;
  for (int64_t a = 0; a < p.rank; ++a)
    if (a != d) others.push_back(a);
  std::string index = c.cast(i, DType::Int64, DType::Float64);
  if (!others.empty()) index = e.op("Unsqueeze", {index, axes::int64_vector(c, others, "axes")}, "ramp_index_nd");
  const std::string scaled =
      e.op("Div", {e.op("Mul", {index, delta}, "i_delta"), c.cast(w, DType::Int64, DType::Float64)}, "scaled");
  return c.cast(e.op("Add", {scaled, end64}, "ramp64"), DType::Float64, f);
}

std::string concat_axis(PadContext& p, const Node& node, const std::string& mode, const std::string& cur, int64_t d,
                        DType f) {
  ConversionContext& c = p.c;
  Emit& e = p.e;
  const std::string before = p.entry(p.table, d, 0, "before"), after = p.entry(p.table, d, 1, "after");
  const std::string shape = e.op("Shape", {cur}, "shape");
  Tensor is_d(DType::Bool, {p.rank});
  is_d.data<uint8_t>()[static_cast<size_t>(d)] = 1;
  const std::string mask = c.initializer(is_d, "is_axis");
  auto side_shape = [&](const std::string& w) { return e.op("Where", {mask, p.as_vector(w), shape}, "side_shape"); };
  std::string left, right;
  if (mode == "linear_ramp") {
    const std::string lb = ramp(p, cur, d, before, 0, f), rb = ramp(p, cur, d, after, 1, f);
    return e.op("Concat", {lb, cur, rb}, "padded", d);
  }
  if (mode == "constant") {
    std::string values;
    if (c.num_inputs() == 3)
      values = p.flat_table(c.in(2), c.in_dtype(2), f, "constant_values");
    else
      values = p.flat_table(c.scalar(f, 0), f, f, "constant_values");
    left = p.entry(values, d, 0, "left_value");
    right = p.entry(values, d, 1, "right_value");
  } else {
    const std::string n = p.dim(cur, d);
    std::string ll = n, rl = n;
    if (c.num_inputs() == 3) {
      const std::string lengths = p.flat_table(c.in(2), c.in_dtype(2), DType::Int64, "stat_length");
      ll = e.op("Min", {p.entry(lengths, d, 0, "left_length"), n}, "left_len");
      rl = e.op("Min", {p.entry(lengths, d, 1, "right_length"), n}, "right_len");
    }
    left = statistic(p, mode, cur, d, c.scalar(DType::Int64, 0), ll, f);
    right = statistic(p, mode, cur, d, e.op("Sub", {n, rl}, "right_start"), n, f);
  }
  (void)node;
  if (mode == "constant") {  // 0-d values: Expand to the side's shape
    const std::string lb = e.op("Expand", {left, side_shape(before)}, "left_pad");
    const std::string rb = e.op("Expand", {right, side_shape(after)}, "right_pad");
    return e.op("Concat", {lb, cur, rb}, "padded", d);
  }
  // A statistic has length 1 along d: Tile it `width` times there, not
  // Expand it to the side's shape. ONNX Runtime's shape inference takes
  // broadcasting 1 against a width of 0 for 1, so its optimizer dropped
  // such an Expand as a no-op and concatenated the 1-row statistic
  // (float16 maximum pad ((2, 0), (3, 0)): "invalid expand shape" later).
  Tensor ones(DType::Int64, {p.rank});
  for (int64_t k = 0; k < p.rank; ++k) ones.data<int64_t>()[k] = 1;
  const std::string unit = c.initializer(ones, "ones");
  auto repeats = [&](const std::string& w) { return e.op("Where", {mask, p.as_vector(w), unit}, "repeats"); };
  const std::string lb = e.op("Tile", {left, repeats(before)}, "left_pad");
  const std::string rb = e.op("Tile", {right, repeats(after)}, "right_pad");
  return e.op("Concat", {lb, cur, rb}, "padded", d);
}

void convert_pad(ConversionContext& c, const Node& node) {
  const std::string& mode = attr_string(node.attrs, "mode");
  const DType t = c.out_dtype();
  PadContext p{c, Emit{c}, node.inputs[0]->type.ndim(), ""};
  std::string cur = c.cast(c.in(0), c.in_dtype(0), t);
  if (p.rank > 0) p.table = p.flat_table(c.in(1), c.in_dtype(1), DType::Int64, "pad_width");
  const bool gathers = mode == "wrap" || mode == "symmetric" || mode == "reflect" || mode == "edge";
  for (int64_t d = 0; d < p.rank; ++d)
    cur = gathers ? gather_axis(p, mode, cur, d) : concat_axis(p, node, mode, cur, d, t);
  c.emit("Identity", {cur}, {c.out()});
}

const ConverterRegistrar kPad("Pad", 13, convert_pad);

}  // namespace
}  // namespace ptonnx
