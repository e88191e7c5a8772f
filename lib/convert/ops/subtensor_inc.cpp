// Converters of IncSubtensor and AdvancedIncSubtensor1 (pytensor/tensor/
// subtensor.py): x[idx] = y / x[idx] += y on a copy, and x[i] = y (last
// write wins) / np.add.at(x, i, y) (duplicates accumulate in order).
#include <limits>

#include "convert/ops/arith.h"
#include "convert/ops/arith_wrap.h"
#include "convert/ops/subtensor_util.h"
#include "convert/portable.h"
#include "convert/registry.h"

namespace ptonnx::subtensor {
namespace {

bool is_set(const Node& n) {
  auto it = n.attrs.find("set_instead_of_inc");
  return it != n.attrs.end() && std::get<int64_t>(it->second) != 0;
}

std::string emit1(ConversionContext& c, const std::string& op, std::vector<std::string> in, std::string hint) {
  const std::string out = c.temp(hint);
  c.emit(op, std::move(in), {out});
  return out;
}

// a + b in dtype t with NumPy's meaning: or for bool, wrapping ints.
std::string np_add(ConversionContext& c, const std::string& a, const std::string& b, DType t) {
  if (t == DType::Bool) return emit1(c, "Or", {a, b}, "or");
  return arith::binary(c, "Add", a, b, t);
}

std::string to_scalar(ConversionContext& c, const std::string& v) { return reshape(c, v, {}); }

// The coordinates an axis of the basic index visits, as a 1-D int64:
// Range(first, first + n*k, k) for a slice (k = 0 is replaced by 1 here;
// the Slice that computes the region rejects it), and Gather(Range(dim),
// [i]) for an integer index, which wraps a negative i and rejects one out
// of range, as NumPy.
std::string axis_coords(ConversionContext& c, const AxisIndex& ax, const std::string& dims, int64_t d) {
  if (ax.static_first && ax.static_count && ax.static_step) {
    std::vector<int64_t> v;
    for (int64_t j = 0; j < *ax.static_count; ++j) v.push_back(*ax.static_first + j * *ax.static_step);
    return i64_vector(c, v, "coords");
  }
  if (ax.dropped) {
    const std::string dim = emit1(c, "Gather", {dims, i64_scalar(c, d, "axis")}, "dim");
    const std::string all = emit1(c, "Range", {i64_scalar(c, 0, "zero"), dim, i64_scalar(c, 1, "one")}, "range");
    return emit1(c, "Gather", {all, reshape(c, ax.index, {1})}, "coord");
  }
  const std::string one = i64_vector(c, {1}, "one");
  const std::string is0 = emit1(c, "Equal", {ax.step, i64_vector(c, {0}, "zero")}, "step_is_0");
  const std::string k = emit1(c, "Where", {is0, one, ax.step}, "delta");
  const std::string last = emit1(c, "Add", {ax.first, emit1(c, "Mul", {ax.count, k}, "span")}, "limit");
  return emit1(c, "Range", {to_scalar(c, ax.first), to_scalar(c, last), to_scalar(c, k)}, "coords");
}

std::string concat(ConversionContext& c, const std::vector<std::string>& parts, int64_t axis, std::string hint) {
  const std::string out = c.temp(hint);
  set_attr(c.emit("Concat", parts, {out}), "axis", axis);
  return out;
}

// ScatterND indices [m_0, ..., m_{r-1}, r] of the grid of visited
// positions (each axis' coordinates broadcast over the others); sets
// `grid_shape` to [m_0, ..., m_{r-1}].
std::string grid_indices(ConversionContext& c, const std::vector<std::string>& coords, std::string& grid_shape) {
  const size_t r = coords.size();
  std::vector<std::string> lens;
  for (const auto& v : coords) lens.push_back(emit1(c, "Shape", {v}, "len"));
  grid_shape = concat(c, lens, 0, "grid_shape");
  const std::string target = concat(c, {grid_shape, i64_vector(c, {1}, "one")}, 0, "grid_target");
  std::vector<std::string> parts;
  for (size_t d = 0; d < r; ++d) {
    std::vector<int64_t> s(r + 1, 1);
    s[d] = -1;
    parts.push_back(emit1(c, "Expand", {reshape(c, coords[d], s), target}, "grid_axis"));
  }
  return concat(c, parts, static_cast<int64_t>(r), "grid");
}

// A slice that visits no position whatever the input (x[:-4] on a dim of
// static size 1, x[3:3]).
bool statically_empty(const std::vector<AxisIndex>& axes) {
  for (const auto& ax : axes)
    if (ax.static_count && *ax.static_count == 0) return true;
  return false;
}

// A statically empty region writes nothing: the result is x. The region
// and the update are still computed and still feed the result, so that what
// NumPy refuses (a step of 0, an integer index out of range, a y that does
// not broadcast to the empty region) still fails: ScatterND takes each,
// flattened to [0], with a [0, rank] constant index. ONNX Runtime drops
// nodes no output depends on, and folds Shape of a static shape, so a set's
// update (y expanded to Shape(region)) alone would not keep the region's
// Gather. The general form's grid would Expand a 1-length coordinate
// against a target with a 0, which ONNX Runtime 1.30 infers as 1 and then
// refuses to Concat with the 0-length one at load ("Can't merge shape info
// ... Inferred=1 Declared=0"; the spec's broadcasting gives 0).
void write_nothing(ConversionContext& c, const std::string& region, const std::string& upd, bool set) {
  const int64_t rank = c.node().inputs.at(0)->type.ndim();
  const std::string none = c.initializer(Tensor(DType::Int64, {0, rank}), "no_indices");
  std::string base = c.in(0);
  if (set) {  // inc's update is region + y: it reads the region already
    base = c.temp("x_checked");
    c.emit("ScatterND", {c.in(0), none, reshape(c, region, {-1})}, {base});
  }
  c.emit("ScatterND", {base, none, reshape(c, upd, {-1})}, {c.out()});
}

// IncSubtensor: the region x[idx] is computed as Subtensor does (Slice +
// Gather: step 0 and out-of-range integer indices raise there), y is
// broadcast to it (Expand), added for inc, reshaped to the grid of visited
// positions (dropped axes as 1) and written back with ScatterND. Slices
// never visit a position twice, so ScatterND's indices are unique.
void convert_inc_subtensor(ConversionContext& c, const Node& n) {
  const DType t = c.out_dtype();
  if (c.node().inputs.at(0)->type.ndim() == 0) {  // x[()] = y / x[()] += y
    if (is_set(n)) c.emit("Identity", {c.in(1)}, {c.out()});
    else c.emit("Identity", {np_add(c, c.in(0), c.in(1), t)}, {c.out()});
    return;
  }
  const auto axes = lower_index(c, 2);
  const std::string region = c.temp("region");
  emit_basic_index(c, c.in(0), axes, region);
  std::string upd = emit1(c, "Expand", {c.in(1), emit1(c, "Shape", {region}, "region_shape")}, "y_region");
  if (!is_set(n)) upd = np_add(c, region, upd, t);
  if (statically_empty(axes)) {
    write_nothing(c, region, upd, is_set(n));
    return;
  }
  const std::string dims = emit1(c, "Shape", {c.in(0)}, "x_shape");
  std::vector<std::string> coords;
  for (size_t d = 0; d < axes.size(); ++d) coords.push_back(axis_coords(c, axes[d], dims, static_cast<int64_t>(d)));
  std::string grid_shape;
  const std::string idx = grid_indices(c, coords, grid_shape);
  // The region with its dropped axes put back as 1s: Unsqueeze, since a
  // Reshape to a run-time shape would read a zero-length axis as "copy".
  std::vector<int64_t> dropped;
  for (size_t d = 0; d < axes.size(); ++d)
    if (axes[d].dropped) dropped.push_back(static_cast<int64_t>(d));
  const std::string upd_grid =
      dropped.empty() ? upd : emit1(c, "Unsqueeze", {upd, i64_vector(c, dropped, "dropped_axes")}, "updates");
  c.emit("ScatterND", {c.in(0), idx, upd_grid}, {c.out()});
}

// Shared by set and inc: the wrapped, bounds-checked row of each index
// (Gather(Range(n), i): NumPy's IndexError becomes Gather's range error),
// y broadcast to [K, x.shape[1:]], and n = x.shape[0] as a 0-d value.
struct Rows {
  std::string w, yb, n, rows;
};
Rows rows_of(ConversionContext& c) {
  Rows r;
  const std::string dims = emit1(c, "Shape", {c.in(0)}, "x_shape");
  r.n = emit1(c, "Gather", {dims, i64_scalar(c, 0, "zero")}, "n");
  r.rows = emit1(c, "Range", {i64_scalar(c, 0, "zero"), r.n, i64_scalar(c, 1, "one")}, "rows");
  const std::string idx = as_int64(c, c.in(2), c.in_dtype(2));
  r.w = emit1(c, "Gather", {r.rows, idx}, "w");
  const std::string target = concat(c, {emit1(c, "Shape", {idx}, "k"), shape_tail(c, c.in(0), 1)}, 0, "y_target");
  r.yb = emit1(c, "Expand", {c.in(1), target}, "y_rows");
  return r;
}

// match[n, k] = (w[k] == n), shape [N, K].
std::string match_matrix(ConversionContext& c, const Rows& r) {
  return emit1(c, "Equal", {reshape(c, r.rows, {-1, 1}), reshape(c, r.w, {1, -1})}, "match");
}

// [N] -> [N, 1, ..., 1] of x's rank, for Where against rows of x.
std::string per_row(ConversionContext& c, const std::string& v) {
  std::vector<int64_t> s(static_cast<size_t>(c.node().inputs.at(0)->type.ndim()), 1);
  s[0] = -1;
  return reshape(c, v, s);
}

std::string reduce_max_rows(ConversionContext& c, const std::string& v) {
  const std::string out = c.temp("last");
  if (c.opset() >= 18) {
    set_attr(c.emit("ReduceMax", {v, i64_vector(c, {1}, "axis1")}, {out}), "keepdims", int64_t{0});
  } else {
    auto& node = c.emit("ReduceMax", {v}, {out});
    set_attr(node, "axes", std::vector<int64_t>{1});
    set_attr(node, "keepdims", int64_t{0});
  }
  return out;
}

// x[i] = y, last write wins: each row n of x takes y's row last(n), the
// largest k with w[k] == n (-1: none, a -1 column keeps the max defined
// when K = 0), else keeps x[n]. A gather, not a scatter: ScatterND with
// duplicate indices is undefined in ONNX.
void convert_advanced_set(ConversionContext& c, const Rows& r) {
  const std::string kdim = emit1(c, "Shape", {r.w}, "k");
  const std::string ks = to_scalar(c, kdim);
  const std::string ks_range = emit1(c, "Range", {i64_scalar(c, 0, "zero"), ks, i64_scalar(c, 1, "one")}, "ks");
  const std::string cand = emit1(c, "Where", {match_matrix(c, r), reshape(c, ks_range, {1, -1}),
                                              i64_scalar(c, -1, "minus_one")}, "cand");
  const std::string none = emit1(c, "Sub", {emit1(c, "Mul", {r.rows, i64_scalar(c, 0, "zero")}, "zeros"),
                                            i64_scalar(c, 1, "one")}, "none");
  const std::string last = reduce_max_rows(c, concat(c, {cand, reshape(c, none, {-1, 1})}, 1, "cand_ext"));
  const std::string has = emit1(c, "Greater", {last, i64_scalar(c, -1, "minus_one")}, "has");
  const std::string sel = emit1(c, "Where", {has, last, ks}, "sel");
  const std::string first_row = c.temp("x_row0");
  c.emit("Slice", {c.in(0), i64_vector(c, {0}, "zero"), i64_vector(c, {1}, "one")}, {first_row});
  const std::string yext = concat(c, {r.yb, first_row}, 0, "y_ext");
  const std::string picked = c.temp("picked");
  set_attr(c.emit("Gather", {yext, sel}, {picked}), "axis", int64_t{0});
  portable::where(c, per_row(c, has), picked, c.in(0), c.out_dtype(), c.out());
}

// np.add.at from opset 16: ScatterND reduction='add' accumulates
// duplicates in index order. bool (np.add is or) goes through int32.
void set_reduction_add(onnx::NodeProto& node) {
  auto* a = node.add_attribute();
  a->set_name("reduction");
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s("add");
}

void convert_advanced_inc_16(ConversionContext& c, const Rows& r, DType t) {
  const std::string idx = reshape(c, r.w, {-1, 1});
  if (t != DType::Bool) {
    set_reduction_add(c.emit("ScatterND", {c.in(0), idx, r.yb}, {c.out()}));
    return;
  }
  const std::string xi = c.cast(c.in(0), t, DType::Int32), yi = c.cast(r.yb, t, DType::Int32);
  const std::string sum = c.temp("sum");
  set_reduction_add(c.emit("ScatterND", {xi, idx, yi}, {sum}));
  c.emit("Not", {emit1(c, "Equal", {sum, c.scalar(DType::Int32, 0)}, "is0")}, {c.out()});
}

// np.add.at before opset 16, integers and bool: integer sums are exact in
// any order (modulo 2^bits), so the updates of each row are summed with a
// masked sum and added once, in int64: below 64 bits a plain ReduceSum
// (fewer than 2^31 values of 32 bits cannot overflow), wrapped back (bool:
// != 0); 64-bit values (uint64 as its int64 bit pattern) with
// arith::sum_mod_2_64, which wraps by construction. An overflowing integer
// ReduceSum is left open by the spec: ONNX Runtime's int32 one gave
// -2147483648 where NumPy's wrapped sum is 2147483647 (tier-2
// AdvancedIncSubtensor1, int32, opset 13), and it has no uint64 ReduceSum.
void convert_advanced_inc_int(ConversionContext& c, const Rows& r, DType t) {
  const bool wide = dtype_bits(t) == 64;
  const DType w = DType::Int64;
  const std::string m = match_matrix(c, r);
  const int64_t rank = c.node().inputs.at(0)->type.ndim();
  std::vector<int64_t> ms(static_cast<size_t>(rank) + 1, 1);
  ms[0] = ms[1] = 0;  // Reshape: 0 copies the dim (M has rank 2)
  const std::string mb = reshape(c, m, ms);
  const std::string yw = arith::cast_mod_2_64(c, r.yb, t, w);
  const std::string masked = portable::where(c, mb, emit1(c, "Unsqueeze", {yw, i64_vector(c, {0}, "axis0")}, "y_k"),
                                             c.scalar(w, 0), w, c.temp("masked"));
  std::string sum;
  if (wide) {
    sum = arith::sum_mod_2_64(c, masked, {1}, false);
  } else {
    sum = c.temp("sum");
    set_attr(c.emit("ReduceSum", {masked, i64_vector(c, {1}, "axis1")}, {sum}), "keepdims", int64_t{0});
  }
  const std::string total = emit1(c, "Add", {arith::cast_mod_2_64(c, c.in(0), t, w), sum}, "total");
  if (t == DType::Bool) c.emit("Not", {emit1(c, "Equal", {total, c.scalar(w, 0)}, "is0")}, {c.out()});
  else if (t == DType::UInt64) arith::cast_mod_2_64(c, total, w, t, c.out());
  else if (t == DType::Int64) c.emit("Identity", {total}, {c.out()});
  else arith::wrap_from_int64(c, total, t, c.out());
}

// np.add.at before opset 16, floats: NumPy rounds after each addition, in
// index order, and no ONNX accumulation over a data-dependent number of
// duplicates fixes that order and precision (ReduceSum, CumSum and MatMul
// leave both open). With a static index length K the additions are
// unrolled, exactly in np.add.at's order: row w[k] += y[k] for k = 0..K-1.
void convert_advanced_inc_float(ConversionContext& c, const Rows& r, DType t) {
  const StaticDim k = c.node().inputs.at(2)->type.shape[0];
  if (!k)
    c.unsupported("AdvancedIncSubtensor1 (inc) of " + std::string(dtype_name(t)) +
                  " with an index of unknown length before opset 16: exact float np.add.at needs ScatterND "
                  "reduction='add' (opset 16) or a static index length to unroll");
  std::string cur = c.in(0);
  for (int64_t j = 0; j < *k; ++j) {
    const std::string wj = emit1(c, "Gather", {r.w, i64_scalar(c, j, "k")}, "w_k");
    const std::string hit = per_row(c, emit1(c, "Equal", {r.rows, wj}, "hit"));
    const std::string yj = c.temp("y_k");
    set_attr(c.emit("Gather", {r.yb, i64_vector(c, {j}, "k1")}, {yj}), "axis", int64_t{0});
    const std::string next = j + 1 == *k ? c.out() : c.temp("acc");
    portable::where(c, hit, emit1(c, "Add", {cur, yj}, "sum"), cur, t, next);
    cur = next;
  }
  if (*k == 0) c.emit("Identity", {cur}, {c.out()});
}

void convert_advanced_inc_subtensor1(ConversionContext& c, const Node& n) {
  const DType t = c.out_dtype();
  const Rows r = rows_of(c);
  // ONNX Runtime has no float16 ScatterND with reduction='add': float16
  // takes the unrolled form when the index length is static (exact, in
  // np.add.at's order); a float32 ScatterND would round duplicates' sums
  // once instead of after each addition.
  const bool unroll_half = t == DType::Float16 && c.node().inputs.at(2)->type.shape[0].has_value();
  if (is_set(n)) convert_advanced_set(c, r);
  else if (c.opset() >= 16 && !unroll_half) convert_advanced_inc_16(c, r, t);
  else if (is_float(t)) convert_advanced_inc_float(c, r, t);
  else convert_advanced_inc_int(c, r, t);
}

const ConverterRegistrar kIncSubtensor("IncSubtensor", 13, convert_inc_subtensor);
const ConverterRegistrar kAdvancedIncSubtensor1("AdvancedIncSubtensor1", 13, convert_advanced_inc_subtensor1);

}  // namespace
}  // namespace ptonnx::subtensor
