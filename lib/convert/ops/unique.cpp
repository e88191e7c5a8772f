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
// of [True] with nothing would be 1 long). axis given: refused (rows
// would need a lexicographic sort over a dynamic number of columns).
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

void convert_unique(ConversionContext& c, const Node& n) {
  if (has_attr(n.attrs, "axis"))
    c.unsupported("axis=" + std::to_string(attr_int(n.attrs, "axis")) +
                  " (unique rows need a lexicographic sort over a dynamic number of columns); axis=None is "
                  "supported");
  const DType t = c.in_dtype(0);
  const StaticShape& xs = n.inputs.at(0)->type.shape;
  std::optional<int64_t> size = 1;
  for (const auto& d : xs) size = d && size ? std::optional<int64_t>(*d * *size) : std::nullopt;
  std::vector<std::string> outs;
  for (size_t i = 0; i < n.outputs.size(); ++i) outs.push_back(c.out(i));
  std::string flat = c.in(0);
  if (xs.size() != 1) flat = emit1(c, "Reshape", {c.in(0), axes::int64_vector(c, {-1}, "flat")}, "flat");
  if (size == 0) {  // nothing to find: every output empty
    c.emit("Identity", {flat}, {outs[0]});
    for (size_t i = 1; i < outs.size(); ++i) {
      if (t == DType::Int64) c.emit("Identity", {flat}, {outs[i]});
      else c.cast(flat, t, DType::Int64, outs[i]);
    }
    return;
  }
  const StaticShape fs{size};
  const sorting::SortKey sk = sorting::sort_key(c, flat, t);
  const std::string perm = sorting::stable_argsort(c, sk, fs, 0);
  std::string change = differs(c, emit1(c, "Gather", {sk.key, perm}, "sorted_key"));
  if (!sk.flag.empty())
    change = emit1(c, "Or", {change, differs(c, emit1(c, "Gather", {sk.flag, perm}, "sorted_flag"))}, "differs_any");
  Tensor first(DType::Bool, {1});
  first.data<uint8_t>()[0] = 1;
  const std::string head = c.initializer(first, "true");
  auto& cat = c.emit("Concat", {head, change}, {c.temp("mask_long")});
  set_attr(cat, "axis", int64_t{0});
  const std::string n_elems = emit1(c, "Shape", {flat}, "size");
  const std::string mask =
      emit1(c, "Slice", {cat.output(0), axes::int64_vector(c, {0}, "starts"), n_elems}, "mask");
  const std::string pos =
      emit1(c, "Squeeze", {emit1(c, "NonZero", {mask}, "nonzero"), axes::int64_vector(c, {0}, "axes")}, "pos");
  // Every output is a vector: its rank pinned for ONNX shape inference,
  // which loses it through the Slice with computed ends and NonZero.
  const std::string index = emit1(c, "Gather", {perm, pos}, "first_index");
  axes::pin_rank(c, emit1(c, "Gather", {flat, index}, "values"), 1, outs[0]);
  size_t o = 1;
  if (flag(n, "return_index")) axes::pin_rank(c, index, 1, outs[o++]);
  if (flag(n, "return_inverse")) {
    auto& cs = c.emit("CumSum", {c.cast(mask, DType::Bool, DType::Int64), c.scalar(DType::Int64, 0.0)},
                      {c.temp("group_end")});
    const std::string imask = emit1(c, "Sub", {cs.output(0), c.scalar(DType::Int64, 1.0)}, "group");
    const std::string inv = c.temp("inverse");
    set_attr(c.emit("ScatterElements", {imask, perm, imask}, {inv}), "axis", int64_t{0});
    axes::pin_rank(c, inv, 1, outs[o++]);
  }
  if (flag(n, "return_counts")) {
    auto& ends = c.emit("Concat", {pos, n_elems}, {c.temp("group_bounds")});
    set_attr(ends, "axis", int64_t{0});
    axes::pin_rank(
        c, emit1(c, "Sub", {slice(c, ends.output(0), 1, std::numeric_limits<int64_t>::max()), pos}, "counts"), 1,
        outs[o++]);
  }
}

const ConverterRegistrar kUnique("Unique", 13, convert_unique);

}  // namespace
}  // namespace ptonnx
