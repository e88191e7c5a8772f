// Converters of SortOp and ArgSortOp (pytensor/tensor/sort.py: np.sort and
// np.argsort along one constant axis; pt.sort(axis=None) arrives flattened).
//
// ONNX has no sort; TopK(k = the axis length, largest=0, sorted=1) is one,
// and TopK-11 promises that equal values keep index order ("the element
// with the lower index will appear first"). It promises nothing about NaN
// (NumPy puts NaN after +inf) or about -0.0 against +0.0 (equal in NumPy),
// and ONNX Runtime's TopK takes float, double, int32 and int64 only. So
// TopK sorts a key with no NaN and no -0.0, of float32/float64/int64:
//
//   float16/32/64: key = Where(IsNaN(x), +inf, Where(x == 0, +0, x)) in
//                  float32 (float16 widened exactly) or float64, and a
//                  second pass orders by the NaN flag: TopK is stable, so
//                  sorting by the key and then by the flag (LSD order)
//                  puts the NaNs, in index order, after +inf;
//   bool, 8..32-bit ints: key = Cast(x, int64), exact;
//   int64: x itself;
//   uint64: key = x modulo 2^64 as int64 (arith::cast_mod_2_64, no
//           out-of-range Cast), negative exactly for x >= 2^63, and a
//           second pass by that sign flag restores the unsigned order.
//
// The values are GatherElements(x, indices): x's own elements, so NaN
// payloads and the signs of zeros are NumPy's (for a stable kind, ties keep
// index order as in NumPy's stable sorts). Every kind gets the stable
// order, one of the answers NumPy's quicksort/heapsort may give.
//
// TopK-11 wants k positive; an axis of unknown length may be 0, so then the
// key is padded with one element after the end of the axis (the largest
// key, flag 1: being last, it sorts last among its ties), k is that padded
// length, and the pad's index is sliced off the result. The other axes of
// unknown length are padded too (ONNX Runtime's TopK crashes on an empty
// tensor). A statically known length needs no pad; a known 0 anywhere
// gives the (empty) input back.
#include "convert/ops/sort.h"

#include <cmath>
#include <limits>

#include "convert/ops/arith.h"
#include "convert/ops/axes.h"
#include "convert/registry.h"

namespace ptonnx::sorting {
namespace {

std::string topk_indices(ConversionContext& c, const std::string& key, const std::string& k, int64_t axis) {
  const std::string vals = c.temp("topk_values"), idx = c.temp("topk_indices");
  auto& n = c.emit("TopK", {key, k}, {vals, idx});
  set_attr(n, "axis", axis);
  set_attr(n, "largest", int64_t{0});
  set_attr(n, "sorted", int64_t{1});
  return idx;
}

std::string gather_elements(ConversionContext& c, const std::string& data, const std::string& idx, int64_t axis,
                            std::string out = "") {
  if (out.empty()) out = c.temp("gathered");
  set_attr(c.emit("GatherElements", {data, idx}, {out}), "axis", axis);
  return out;
}

// v with one element `fill` appended to each of `axes`.
std::string pad_axes(ConversionContext& c, const std::string& v, const Tensor& fill, int64_t rank,
                     const std::vector<int64_t>& axes) {
  std::vector<int64_t> pads(static_cast<size_t>(2 * rank), 0);
  for (const int64_t a : axes) pads[static_cast<size_t>(rank + a)] = 1;
  const std::string out = c.temp("padded");
  c.emit("Pad", {v, axes::int64_vector(c, pads, "pads"), c.initializer(fill, "pad_value")}, {out});
  return out;
}

}  // namespace

SortKey sort_key(ConversionContext& c, const std::string& x, DType t) {
  SortKey k;
  if (is_float(t)) {
    k.key_dtype = t == DType::Float64 ? DType::Float64 : DType::Float32;
    const std::string xk = c.cast(x, t, k.key_dtype);
    const std::string isnan = c.temp("isnan"), iszero = c.temp("iszero"), nonzero = c.temp("plus_zero");
    c.emit("IsNaN", {xk}, {isnan});
    c.emit("Equal", {xk, c.scalar(k.key_dtype, 0.0)}, {iszero});
    c.emit("Where", {iszero, c.scalar(k.key_dtype, 0.0), xk}, {nonzero});
    k.key = c.temp("key");
    c.emit("Where", {isnan, c.scalar(k.key_dtype, std::numeric_limits<double>::infinity()), nonzero}, {k.key});
    k.flag = c.cast(isnan, DType::Bool, DType::Int64);
  } else if (t == DType::UInt64) {
    k.key = arith::cast_mod_2_64(c, x, t, DType::Int64);
    const std::string high = c.temp("high_bit");
    c.emit("Less", {k.key, c.scalar(DType::Int64, 0.0)}, {high});
    k.flag = c.cast(high, DType::Bool, DType::Int64);
  } else {
    k.key = c.cast(x, t, DType::Int64);
  }
  return k;
}

std::string stable_argsort(ConversionContext& c, const std::string& x, DType t, const StaticShape& s, int64_t axis) {
  return stable_argsort(c, sort_key(c, x, t), s, axis);
}

std::string stable_argsort(ConversionContext& c, const SortKey& sk, const StaticShape& s, int64_t axis) {
  const auto rank = static_cast<int64_t>(s.size());
  std::string key = sk.key, flag = sk.flag;
  const DType key_t = sk.key_dtype;
  // Every axis of unknown length gets one padding element (see the top):
  // the sort axis so that k > 0, the others so that TopK never sees an
  // empty tensor, on which ONNX Runtime 1.30 dies of SIGFPE (TopK of
  // [0, 1] along axis 1). Padded rows sort on their own and are sliced off.
  std::vector<int64_t> unknown;
  for (int64_t d = 0; d < rank; ++d)
    if (!s[static_cast<size_t>(d)]) unknown.push_back(d);
  if (!unknown.empty()) {
    // The largest key: +inf, or INT64_MAX (which a double cannot carry).
    Tensor largest(key_t, {});
    if (key_t == DType::Int64) largest.data<int64_t>()[0] = std::numeric_limits<int64_t>::max();
    else largest.set_from_double(0, std::numeric_limits<double>::infinity());
    key = pad_axes(c, key, largest, rank, unknown);
    if (!flag.empty()) flag = pad_axes(c, flag, Tensor::scalar(DType::Int64, 1.0), rank, unknown);
  }
  std::string k;
  if (!s[static_cast<size_t>(axis)]) {
    const std::string shape = c.temp("shape");
    c.emit("Shape", {key}, {shape});
    k = c.temp("k");
    c.emit("Gather", {shape, axes::int64_vector(c, {axis}, "axis_index")}, {k});
  } else {
    k = axes::int64_vector(c, {*s[static_cast<size_t>(axis)]}, "k");
  }
  std::string idx = topk_indices(c, key, k, axis);
  if (!flag.empty()) {
    const std::string by_flag = topk_indices(c, gather_elements(c, flag, idx, axis), k, axis);
    idx = gather_elements(c, idx, by_flag, axis);
  }
  if (!unknown.empty()) {
    const std::string cut = c.temp("unpadded");
    const std::vector<int64_t> zeros(unknown.size(), 0), last(unknown.size(), -1);
    c.emit("Slice",
           {idx, axes::int64_vector(c, zeros, "starts"), axes::int64_vector(c, last, "ends"),
            axes::int64_vector(c, unknown, "axes")},
           {cut});
    idx = cut;
  }
  return idx;
}

namespace {

int64_t constant_axis(ConversionContext& c, const Node& n) {
  const Variable& a = *n.inputs.at(1);
  if (a.kind != VarKind::Constant || !a.value)
    c.unsupported("a computed axis (TopK's axis is an attribute): the axis must be a constant");
  return axes::normalize(a.value->get_as_int64(0), n.inputs.at(0)->type.ndim());
}

void convert_sort_like(ConversionContext& c, const Node& n, bool indices) {
  const StaticShape& s = n.inputs.at(0)->type.shape;
  const int64_t axis = constant_axis(c, n);
  const DType t = c.in_dtype(0);
  bool empty = false;  // statically: nothing to sort, the empty input back (as int64 for ArgSort)
  for (const auto& d : s) empty = empty || d == 0;
  if (empty) {
    if (indices && t != DType::Int64) c.cast(c.in(0), t, DType::Int64, c.out());
    else c.emit("Identity", {c.in(0)}, {c.out()});
    return;
  }
  const std::string idx = stable_argsort(c, c.in(0), t, s, axis);
  if (indices) c.emit("Identity", {idx}, {c.out()});
  else gather_elements(c, c.in(0), idx, axis, c.out());
}

void convert_sort(ConversionContext& c, const Node& n) { convert_sort_like(c, n, false); }
void convert_argsort(ConversionContext& c, const Node& n) { convert_sort_like(c, n, true); }

const ConverterRegistrar kSortOp("SortOp", 13, convert_sort);
const ConverterRegistrar kArgSortOp("ArgSortOp", 13, convert_argsort);

}  // namespace
}  // namespace ptonnx::sorting
