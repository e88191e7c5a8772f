// Converter of Unique (np.unique as NumPy < 2.0 returns it), axis=None.
//
// ONNX's Unique-11 is not used: its spec leaves NaN and -0.0 open (NumPy
// 1.24 collapses all NaNs into one and keeps -0.0 == +0.0 together), ONNX
// Runtime implements it for float, int64, int8 and string only, and the
// built-in runtime has no kernel for it. _unique1d is composed instead from
// the exact stable sort of sorting::stable_argsort (NaN last, ties in index
// order: mergesort's, which return_index asks for):
//
//   flat = Reshape(x, [-1]); perm = stable argsort of flat
//   ks, fs = the sort key and flag (sorting::sort_key) taken by perm:
//            equal (key, flag) is NumPy's equality with every NaN equal
//            to every NaN (equal_nan=True) and -0.0 to +0.0
//   mask = [True] + (ks[1:] != ks[:-1] or fs[1:] != fs[:-1]), cut to N
//   pos = NonZero(mask); index = perm[pos]; values = flat[index]
//   inverse: ScatterElements(imask, perm, imask), imask = CumSum(mask) - 1
//   counts = Concat(pos, [N])[1:] - pos
//
// The value kept for a group is its first element in x (so a -0.0 before a
// 0.0 is kept), and the NaN kept is the first NaN. A statically empty x
// gives empty outputs; for a dynamic N the mask is Sliced to N (Concat
// of [True] with nothing would be 1 long). axis given: see
// convert_unique_axis.
#include <limits>

#include "convert/ops/axes.h"
#include "convert/ops/sort.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

bool flag(const Node& n, const char* name) { return has_attr(n.attrs, name) && attr_int(n.attrs, name) != 0; }

std::string emit1(ConversionContext& c, const std::string& op, std::vector<std::string> in, const std::string& hint) {
  const std::string out = c.temp(hint);
  c.emit(op, std::move(in), {out});
  return out;
}

std::string slice(ConversionContext& c, const std::string& v, int64_t start, int64_t end) {
  return emit1(c, "Slice",
               {v, axes::int64_vector(c, {start}, "starts"), axes::int64_vector(c, {end}, "ends"),
                axes::int64_vector(c, {0}, "axes")},
               "slice");
}

// a[1:] != a[:-1] elementwise.
std::string differs(ConversionContext& c, const std::string& a) {
  const std::string eq = emit1(
      c, "Equal", {slice(c, a, 1, std::numeric_limits<int64_t>::max()), slice(c, a, 0, -1)}, "same_as_previous");
  return emit1(c, "Not", {eq}, "differs");
}

// Empty outputs: `empty` is an empty vector of x's dtype t.
void all_empty(ConversionContext& c, const Node& n, const std::string& values, const std::string& empty, DType t) {
  c.emit("Identity", {values}, {c.out(0)});
  for (size_t i = 1; i < n.outputs.size(); ++i) {
    if (t == DType::Int64) c.emit("Identity", {empty}, {c.out(i)});
    else c.cast(empty, t, DType::Int64, c.out(i));
  }
}

// _unique1d's tail, from the stable sort `perm` of the N rows, `change`
// (row i of the sorted order differs from row i - 1, N - 1 long) and the
// 1-D shape [N]. Returns the index output's value (perm at the group
// starts); writes the extras; the caller writes output 0 from it.
std::string unique_tail(ConversionContext& c, const Node& n, const std::string& perm, const std::string& change,
                        const std::string& n_rows) {
  Tensor first(DType::Bool, {1});
  first.data<uint8_t>()[0] = 1;
  const std::string head = c.initializer(first, "true");
  auto& cat = c.emit("Concat", {head, change}, {c.temp("mask_long")});
  set_attr(cat, "axis", int64_t{0});
  // Cut to N: for N = 0, [True] + nothing would be 1 long.
  const std::string mask = emit1(c, "Slice", {cat.output(0), axes::int64_vector(c, {0}, "starts"), n_rows}, "mask");
  const std::string pos =
      emit1(c, "Squeeze", {emit1(c, "NonZero", {mask}, "nonzero"), axes::int64_vector(c, {0}, "axes")}, "pos");
  // Every output is pinned to its rank for ONNX shape inference, which
  // loses it through the Slice with computed ends and NonZero.
  const std::string index = emit1(c, "Gather", {perm, pos}, "first_index");
  size_t o = 1;
  if (flag(n, "return_index")) axes::pin_rank(c, index, 1, c.out(o++));
  if (flag(n, "return_inverse")) {
    auto& cs = c.emit("CumSum", {c.cast(mask, DType::Bool, DType::Int64), c.scalar(DType::Int64, 0.0)},
                      {c.temp("group_end")});
    const std::string imask = emit1(c, "Sub", {cs.output(0), c.scalar(DType::Int64, 1.0)}, "group");
    const std::string inv = c.temp("inverse");
    set_attr(c.emit("ScatterElements", {imask, perm, imask}, {inv}), "axis", int64_t{0});
    axes::pin_rank(c, inv, 1, c.out(o++));
  }
  if (flag(n, "return_counts")) {
    auto& ends = c.emit("Concat", {pos, n_rows}, {c.temp("group_bounds")});
    set_attr(ends, "axis", int64_t{0});
    axes::pin_rank(
        c, emit1(c, "Sub", {slice(c, ends.output(0), 1, std::numeric_limits<int64_t>::max()), pos}, "counts"), 1,
        c.out(o++));
  }
  return index;
}

void convert_unique_flat(ConversionContext& c, const Node& n) {
  const DType t = c.in_dtype(0);
  const StaticShape& xs = n.inputs.at(0)->type.shape;
  std::optional<int64_t> size = 1;
  for (const auto& d : xs) size = d && size ? std::optional<int64_t>(*d * *size) : std::nullopt;
  std::string flat = c.in(0);
  if (xs.size() != 1) flat = emit1(c, "Reshape", {c.in(0), axes::int64_vector(c, {-1}, "flat")}, "flat");
  if (size == 0) return all_empty(c, n, flat, flat, t);
  const sorting::SortKey sk = sorting::sort_key(c, flat, t);
  const std::string perm = sorting::stable_argsort(c, sk, StaticShape{size}, 0);
  std::string change = differs(c, emit1(c, "Gather", {sk.key, perm}, "sorted_key"));
  if (!sk.flag.empty())
    change = emit1(c, "Or", {change, differs(c, emit1(c, "Gather", {sk.flag, perm}, "sorted_flag"))}, "differs_any");
  const std::string index = unique_tail(c, n, perm, change, emit1(c, "Shape", {flat}, "size"));
  axes::pin_rank(c, emit1(c, "Gather", {flat, index}, "values"), 1, c.out(0));
}

// axis given: np.unique views the axis-first array as N rows of M fields
// (a structured dtype). Rows sort lexicographically by each field's
// FLOAT_compare (NaN last): LSD order, one stable sort per column from the
// last to the first, each with its NaN/top-bit pass; rows are equal when
// every field is == (so a NaN field makes a row unequal to every other,
// and -0.0 == +0.0): Equal on the values (floats in their key dtype),
// on the int64 key for integers. M must be static (the columns are
// unrolled), and > 0.
void convert_unique_axis(ConversionContext& c, const Node& n) {
  const DType t = c.in_dtype(0);
  const StaticShape& xs = n.inputs.at(0)->type.shape;
  const int64_t axis = attr_int(n.attrs, "axis"), r = static_cast<int64_t>(xs.size());
  int64_t m = 1;
  std::vector<int64_t> perm_t{axis}, rest{-1};
  for (int64_t d = 0; d < r; ++d) {
    if (d == axis) continue;
    if (!xs[static_cast<size_t>(d)])
      c.unsupported("axis=" + std::to_string(axis) + " with dim " + std::to_string(d) +
                    " unknown: the other dims must be static (each column of the rows is sorted in turn)");
    m *= *xs[static_cast<size_t>(d)];
    perm_t.push_back(d);
    rest.push_back(*xs[static_cast<size_t>(d)]);
  }
  if (m == 0) c.unsupported("axis=" + std::to_string(axis) + " with rows of no elements");
  std::string moved = c.in(0);
  const bool transposed = axis != 0;
  if (transposed) {
    moved = c.temp("axis_first");
    set_attr(c.emit("Transpose", {c.in(0)}, {moved}), "perm", perm_t);
  }
  const std::string rows = emit1(c, "Reshape", {moved, axes::int64_vector(c, {-1, m}, "rows_shape")}, "rows");
  const std::string n_rows = emit1(
      c, "Slice",
      {emit1(c, "Shape", {rows}, "rows_dims"), axes::int64_vector(c, {0}, "starts"), axes::int64_vector(c, {1}, "ends")},
      "n_rows");
  if (xs[static_cast<size_t>(axis)] == 0) {
    const std::string empty = emit1(c, "Reshape", {rows, axes::int64_vector(c, {-1}, "flat")}, "flat");
    return all_empty(c, n, c.in(0), empty, t);
  }
  const StaticShape ns{xs[static_cast<size_t>(axis)]};
  std::vector<std::string> columns;
  for (int64_t j = 0; j < m; ++j) {
    columns.push_back(c.temp("column"));
    set_attr(c.emit("Gather", {rows, c.scalar(DType::Int64, static_cast<double>(j))}, {columns.back()}), "axis",
             int64_t{1});
  }
  std::string perm;
  for (int64_t j = m - 1; j >= 0; --j) {
    sorting::SortKey sk = sorting::sort_key(c, columns[static_cast<size_t>(j)], t);
    if (!perm.empty()) {
      sk.key = emit1(c, "Gather", {sk.key, perm}, "key_so_far");
      if (!sk.flag.empty()) sk.flag = emit1(c, "Gather", {sk.flag, perm}, "flag_so_far");
    }
    const std::string p = sorting::stable_argsort(c, sk, ns, 0);
    perm = perm.empty() ? p : emit1(c, "Gather", {perm, p}, "row_order");
  }
  std::string same;
  for (int64_t j = 0; j < m; ++j) {
    const std::string& col = columns[static_cast<size_t>(j)];
    // Field ==: floats compared as values (NaN != NaN), integers by key.
    const std::string v = is_float(t) ? c.cast(col, t, t == DType::Float64 ? DType::Float64 : DType::Float32)
                                      : sorting::sort_key(c, col, t).key;
    const std::string sorted = emit1(c, "Gather", {v, perm}, "sorted_column");
    const std::string eq = emit1(
        c, "Equal", {slice(c, sorted, 1, std::numeric_limits<int64_t>::max()), slice(c, sorted, 0, -1)}, "field_eq");
    same = same.empty() ? eq : emit1(c, "And", {same, eq}, "row_eq");
  }
  const std::string index = unique_tail(c, n, perm, emit1(c, "Not", {same}, "differs"), n_rows);
  const std::string picked = emit1(c, "Gather", {rows, index}, "unique_rows");
  std::string shaped = emit1(c, "Reshape", {picked, axes::int64_vector(c, rest, "unique_shape")}, "unique_moved");
  if (transposed) {
    std::vector<int64_t> back(static_cast<size_t>(r));
    for (int64_t d = 0; d < r; ++d) back[static_cast<size_t>(perm_t[static_cast<size_t>(d)])] = d;
    const std::string home = c.temp("axis_home");
    set_attr(c.emit("Transpose", {shaped}, {home}), "perm", back);
    shaped = home;
  }
  axes::pin_rank(c, shaped, r, c.out(0));
}

void convert_unique(ConversionContext& c, const Node& n) {
  if (has_attr(n.attrs, "axis")) convert_unique_axis(c, n);
  else convert_unique_flat(c, n);
}

const ConverterRegistrar kUnique("Unique", 13, convert_unique);

}  // namespace
}  // namespace ptonnx
