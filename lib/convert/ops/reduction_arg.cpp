// Converters of Argmax and Argmin (pytensor/tensor/math.py Argmax, argmin).
//
// - One axis: ArgMax/ArgMin with select_last_index=0 (NumPy's first
//   occurrence). Several axes: Transpose the kept axes first and the reduced
//   ones last, Reshape them into one axis, reduce it, and Unsqueeze the
//   reduced axes back for keepdims (Argmax.perform does the same).
//   axis=None over a 0-d input and axis=() reduce nothing: all zeros, via
//   Unsqueeze(x, -1) and an ArgMax over that axis.
// - NaN is the maximum in NumPy and the first NaN wins; the ONNX spec is
//   silent on NaN. Floats get a guard: where the reduced elements hold a
//   NaN, the index of the first one (ArgMax of IsNaN as uint8).
// - Argmin is argmax(-x) in PyTensor. For floats and unsigned ints that is
//   the first minimum (negation and iinfo.max - x reverse the order
//   exactly): ArgMin. For signed ints -INT_MIN wraps to INT_MIN, so INT_MIN
//   counts as the largest: ArgMax of an int64 key equal to -x, and to
//   INT64_MIN where x is INT_MIN (no Neg overflow, which ONNX leaves open).
//   bool: ArgMin of x as uint8 (argmax(~x)).
// - ArgMax/ArgMin have no bool: Cast to uint8. ONNX Runtime's lack int16,
//   uint16, uint32 and uint64: int32, int32, int64 and an order-preserving
//   int64 key (reduce::uint64_key) instead. An empty reduced axis raises
//   in PyTensor and is an error in ONNX (docs/runtime-errors.md).
#include <algorithm>
#include <cmath>

#include "convert/ops/reduction.h"
#include "convert/registry.h"
#include "graph/ops/reduction.h"

namespace ptonnx {
namespace {

std::string arg_node(ConversionContext& c, const std::string& op, const std::string& x, int64_t axis, bool keep) {
  const std::string out = c.temp(op);
  auto& n = c.emit(op, {x}, {out});
  set_attr(n, "axis", axis);
  set_attr(n, "keepdims", int64_t{keep ? 1 : 0});
  set_attr(n, "select_last_index", int64_t{0});
  return out;
}

// op over one axis of x, with the first-NaN guard when `nan_x` (the float
// values whose NaNs count) is given.
std::string arg_along(ConversionContext& c, const std::string& op, const std::string& x, const std::string& nan_x,
                      int64_t axis, bool keep) {
  const std::string plain = arg_node(c, op, x, axis, keep);
  if (nan_x.empty()) return plain;
  const std::string isnan = c.temp("isnan");
  c.emit("IsNaN", {nan_x}, {isnan});
  const std::string first_nan = arg_node(c, "ArgMax", c.cast(isnan, DType::Bool, DType::UInt8), axis, keep);
  const std::string has_nan = c.temp("has_nan");
  c.emit("Greater", {reduce::count_true(c, isnan, {axis}, keep), c.scalar(DType::Int64, 0)}, {has_nan});
  const std::string out = c.temp("guarded");
  c.emit("Where", {has_nan, first_nan, plain}, {out});
  return out;
}

std::string int64_vector(ConversionContext& c, const std::vector<int64_t>& v, const std::string& hint) {
  Tensor t(DType::Int64, {static_cast<int64_t>(v.size())});
  for (size_t i = 0; i < v.size(); ++i) t.data<int64_t>()[i] = v[i];
  return c.initializer(t, hint);
}

// Flattening the reduced axes of t (kept axes first): Reshape to
// [0, ..., 0, P] (0 copies a kept dim) when the reduced dims are static.
// Otherwise [0, ..., 0, -1], after padding every kept axis by one element:
// -1 cannot be inferred when a kept dim is 0 (no elements), and a shape
// computed from Shape(t) would hide the rank from ONNX shape inference. The
// padded rows are sliced off the result (unpad).
struct Flattened {
  std::string value;
  bool padded = false;
};

Flattened flatten_reduced(ConversionContext& c, const std::string& t, const StaticShape& s, size_t k,
                          const std::vector<int64_t>& axes) {
  int64_t product = 1;
  bool known = true;
  for (int64_t a : axes) {
    if (s[a]) product *= *s[a];
    else known = false;
  }
  std::vector<int64_t> shape(k, 0);
  shape.push_back(known ? product : -1);
  std::string source = t;
  if (!known) {
    std::vector<int64_t> pads(2 * s.size(), 0);
    for (size_t d = 0; d < k; ++d) pads[s.size() + d] = 1;
    source = c.temp("padded");
    c.emit("Pad", {t, int64_vector(c, pads, "pads")}, {source});
  }
  const std::string flat = c.temp("flat");
  c.emit("Reshape", {source, int64_vector(c, shape, "flat_shape")}, {flat});
  return {flat, !known};
}

std::string unpad(ConversionContext& c, const std::string& r, size_t k) {
  std::vector<int64_t> axes(k);
  for (size_t d = 0; d < k; ++d) axes[d] = static_cast<int64_t>(d);
  const std::string out = c.temp("unpadded");
  c.emit("Slice", {r, int64_vector(c, std::vector<int64_t>(k, 0), "starts"),
                   int64_vector(c, std::vector<int64_t>(k, -1), "ends"), int64_vector(c, axes, "axes")},
         {out});
  return out;
}

void convert_arg(ConversionContext& c, const Node& n, const std::string& op, const std::string& x,
                 const std::string& nan_x) {
  const StaticShape& s = n.inputs.at(0)->type.shape;
  const auto rank = static_cast<int64_t>(s.size());
  const auto axes = reduction::reduced_axes(n.attrs, rank);
  const bool keep = reduction::keepdims(n.attrs);
  if (axes.empty()) {
    // Non-negative axes: ONNX Runtime's ArgMax gives a wrong shape for
    // keepdims=0 with a negative axis on an empty input.
    const std::string col = c.temp("column");
    c.emit("Unsqueeze", {x, int64_vector(c, {rank}, "axes")}, {col});
    return reduce::assign(c, arg_node(c, op, col, rank, false), c.out());
  }
  if (axes.size() == 1) return reduce::assign(c, arg_along(c, op, x, nan_x, axes[0], keep), c.out());
  std::vector<int64_t> kept, perm;
  for (int64_t d = 0; d < rank; ++d)
    if (!std::binary_search(axes.begin(), axes.end(), d)) kept.push_back(d);
  perm = kept;
  perm.insert(perm.end(), axes.begin(), axes.end());
  // The permuted dims: kept first, reduced last.
  StaticShape ps;
  for (int64_t d : perm) ps.push_back(s[d]);
  std::vector<int64_t> tail;
  for (size_t i = kept.size(); i < perm.size(); ++i) tail.push_back(static_cast<int64_t>(i));
  auto flatten = [&](const std::string& v) {
    std::string t = v;
    if (!std::is_sorted(perm.begin(), perm.end())) {
      t = c.temp("transposed");
      set_attr(c.emit("Transpose", {v}, {t}), "perm", perm);
    }
    return flatten_reduced(c, t, ps, kept.size(), tail);
  };
  const Flattened fx = flatten(x);
  const std::string fnan = nan_x.empty() ? "" : (nan_x == x ? fx.value : flatten(nan_x).value);
  std::string r = arg_along(c, op, fx.value, fnan, static_cast<int64_t>(kept.size()), false);
  if (fx.padded && !kept.empty()) r = unpad(c, r, kept.size());
  if (keep) c.emit("Unsqueeze", {r, int64_vector(c, axes, "axes")}, {c.out()});
  else reduce::assign(c, r, c.out());
}

// x in a dtype ONNX Runtime's ArgMax/ArgMin take (float, double, int8,
// uint8, int32, int64), by an exact order-preserving map: equal values
// stay equal, so the first-index tie rule is unchanged.
std::string arg_input(ConversionContext& c, const std::string& x, DType t) {
  switch (t) {
    case DType::Bool: return c.cast(x, t, DType::UInt8);
    case DType::Int16: case DType::UInt16: return c.cast(x, t, DType::Int32);
    case DType::UInt32: return c.cast(x, t, DType::Int64);
    case DType::UInt64: return reduce::uint64_key(c, x);
    default: return x;
  }
}

void convert_argmax(ConversionContext& c, const Node& n) {
  const DType t = c.in_dtype(0);
  const std::string x = arg_input(c, c.in(0), t);
  convert_arg(c, n, "ArgMax", x, is_float(t) ? x : "");
}

void convert_argmin(ConversionContext& c, const Node& n) {
  const DType t = c.in_dtype(0);
  if (is_signed_integer(t)) {
    // argmax of -x in t, where -MIN wraps to MIN: the smallest key, below
    // every other -x. Built in int64 without the overflow (ONNX leaves
    // Neg(MIN) open): key = MIN64 where x is t's MIN, else -x.
    const std::string x = c.cast(c.in(0), t, DType::Int64);
    const std::string is_min = c.temp("is_min"), safe = c.temp("safe"), negated = c.temp("neg"), key = c.temp("key");
    const double min = -std::ldexp(1.0, dtype_bits(t) - 1);
    c.emit("Equal", {x, c.scalar(DType::Int64, min)}, {is_min});
    c.emit("Where", {is_min, c.scalar(DType::Int64, 0), x}, {safe});
    c.emit("Neg", {safe}, {negated});
    c.emit("Where", {is_min, c.scalar(DType::Int64, -9223372036854775808.0), negated}, {key});
    return convert_arg(c, n, "ArgMax", key, "");
  }
  const std::string x = arg_input(c, c.in(0), t);
  convert_arg(c, n, "ArgMin", x, is_float(t) ? x : "");
}

const ConverterRegistrar kArgmax("Argmax", 13, convert_argmax);
const ConverterRegistrar kArgmin("Argmin", 13, convert_argmin);

}  // namespace
}  // namespace ptonnx
