// Type inference of the shape ops (pytensor/tensor/shape.py: Shape,
// Shape_i, SpecifyShape, Reshape; tensor/elemwise.py: DimShuffle; and the
// DimShuffles that pt.squeeze and pt.expand_dims build, given their own IR
// names so the catalog rows are covered).
//
// IR encodings of PyTensor's Python-level arguments:
// - SpecifyShape's shape is the attribute `shape` (ints, -1 = None), not
//   symbolic inputs: the exported check needs the values at export time.
// - DimShuffle's new_order is the attribute `new_order` (ints, -1 = 'x').
// - Squeeze's `axis` is always explicit: pt::squeeze resolves axis=None to
//   the statically-1 dims, as pytensor.tensor.extra_ops.squeeze does.
#include <algorithm>
#include <set>

#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

using infer::one;

int64_t norm_axis(const InferContext& c, int64_t axis, int64_t ndim) {
  if (axis < -ndim || axis >= ndim)
    c.fail("axis " + std::to_string(axis) + " is out of bounds for " + std::to_string(ndim) + " dimensions");
  return axis < 0 ? axis + ndim : axis;
}

// normalize_axis_tuple: each axis in range, none repeated.
std::vector<int64_t> norm_axes(const InferContext& c, const std::vector<int64_t>& axes, int64_t ndim) {
  std::vector<int64_t> out;
  for (int64_t a : axes) {
    const int64_t n = norm_axis(c, a, ndim);
    if (std::find(out.begin(), out.end(), n) != out.end()) c.fail("repeated axis " + std::to_string(a));
    out.push_back(n);
  }
  return out;
}

std::vector<TensorType> shape_out(const InferContext& c) { return one(DType::Int64, {c.type(0).ndim()}); }

// Shape_i.make_node rejects i >= ndim; perform indexes x.shape[i], so a
// negative i counts from the end.
std::vector<TensorType> shape_i_out(const InferContext& c) {
  norm_axis(c, attr_int(c.attrs, "i"), c.type(0).ndim());
  return one(DType::Int64, {});
}

// SpecifyShape.make_node: one entry per dim; a known input dim wins, else
// the specified value. A conflict is only detected at run time (perform).
std::vector<TensorType> specify_shape_out(const InferContext& c) {
  const auto& s = attr_ints(c.attrs, "shape");
  const TensorType& x = c.type(0);
  if (static_cast<int64_t>(s.size()) != x.ndim())
    c.fail("x is " + std::to_string(x.ndim()) + "-dimensional and will never match a shape of length " +
           std::to_string(s.size()));
  StaticShape out = x.shape;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] < -1) c.fail("shape entries are sizes >= 0 or -1 (None)");
    if (!out[i] && s[i] >= 0) out[i] = s[i];
  }
  return one(x.dtype, out);
}

// What is known of a shape vector's entries at build time: a constant's
// values, or the static dims of the tensor a Shape node reads (what
// PyTensor's get_scalar_constant_value folds Shape(y)[i] to).
std::vector<std::optional<int64_t>> known_entries(const VarRef& shp, int64_t ndim) {
  std::vector<std::optional<int64_t>> out(static_cast<size_t>(ndim));
  if (shp->kind == VarKind::Constant && shp->value && shp->value->numel() == ndim) {
    for (int64_t i = 0; i < ndim; ++i) out[i] = shp->value->get_as_int64(i);
  } else if (shp->owner && shp->owner->op == "Shape") {
    const StaticShape& s = shp->owner->inputs[0]->type.shape;
    for (int64_t i = 0; i < ndim && i < static_cast<int64_t>(s.size()); ++i) out[i] = s[i];
  }
  return out;
}

// Reshape.make_node: entries >= 0 known at build time are static dims; if
// x is fully static and exactly one dim is unknown, it is deduced.
std::vector<TensorType> reshape_out(const InferContext& c) {
  const int64_t ndim = attr_int(c.attrs, "ndim");
  const TensorType& x = c.type(0);
  const TensorType& shp = c.type(1);
  if (ndim < 0) c.fail("ndim must be >= 0");
  if (shp.ndim() != 1 || !is_signed_integer(shp.dtype)) c.fail("the shape must be a vector of signed integers");
  if (shp.shape[0] && *shp.shape[0] != ndim)
    c.fail("the shape has length " + std::to_string(*shp.shape[0]) + ", ndim is " + std::to_string(ndim));
  StaticShape out(static_cast<size_t>(ndim));
  const auto known = known_entries(c.inputs[1], ndim);
  for (int64_t i = 0; i < ndim; ++i)
    if (known[i] && *known[i] >= 0) out[i] = known[i];
  const auto unknown = std::count(out.begin(), out.end(), std::nullopt);
  // Element counts of hostile shapes (constant entries near INT64_MAX)
  // overflow int64: a type error, not undefined behaviour.
  auto mul = [&](int64_t& acc, int64_t d) {
    if (__builtin_mul_overflow(acc, d, &acc))
      c.fail("the element count of " + static_shape_to_string(out) + " or of the input overflows int64");
  };
  if (x.fully_static() && unknown == 1) {
    int64_t full = 1, part = 1;
    for (const auto& d : x.shape) mul(full, *d);
    for (const auto& d : out) mul(part, d.value_or(1));
    // A 0 beside the unknown dim cannot be solved (NumPy raises at run time).
    if (part > 0) *std::find(out.begin(), out.end(), std::nullopt) = full / part;
  }
  if (x.fully_static() && std::count(out.begin(), out.end(), std::nullopt) == 0) {
    int64_t full = 1, got = 1;
    for (const auto& d : x.shape) mul(full, *d);
    for (const auto& d : out) mul(got, *d);
    if (full != got) c.fail("input shape " + static_shape_to_string(x.shape) + " is incompatible with the new shape " +
                            static_shape_to_string(out));
  }
  return one(x.dtype, out);
}

// DimShuffle.make_node: entries in [0, ndim) used once, or -1 ('x'); a
// dropped dim must be 1 or unknown (perform checks unknown ones).
std::vector<TensorType> dimshuffle_out(const InferContext& c) {
  const auto& order = attr_ints(c.attrs, "new_order");
  const TensorType& x = c.type(0);
  std::set<int64_t> kept;
  StaticShape out;
  for (int64_t j : order) {
    if (j < -1 || j >= x.ndim()) c.fail("new_order entry " + std::to_string(j) + " is not an input axis or -1 ('x')");
    if (j >= 0 && !kept.insert(j).second) c.fail("input axis " + std::to_string(j) + " appears twice in new_order");
    out.push_back(j < 0 ? StaticDim{1} : x.shape[j]);
  }
  for (int64_t d = 0; d < x.ndim(); ++d)
    if (!kept.count(d) && x.shape[d] && *x.shape[d] != 1)
      c.fail("dropped dimension " + std::to_string(d) + " must have length 1 but has " + std::to_string(*x.shape[d]));
  return one(x.dtype, out);
}

// pt.squeeze(x, axis): a DimShuffle keeping the other dims in order. A 0-d
// input is treated as a vector (axis 0 or -1) and stays 0-d.
std::vector<TensorType> squeeze_out(const InferContext& c) {
  const TensorType& x = c.type(0);
  const auto axes = norm_axes(c, attr_ints(c.attrs, "axis"), std::max<int64_t>(x.ndim(), 1));
  StaticShape out;
  for (int64_t d = 0; d < x.ndim(); ++d) {
    const bool drop = std::find(axes.begin(), axes.end(), d) != axes.end();
    if (drop && x.shape[d] && *x.shape[d] != 1)
      c.fail("cannot squeeze dimension " + std::to_string(d) + " of length " + std::to_string(*x.shape[d]));
    if (!drop) out.push_back(x.shape[d]);
  }
  return one(x.dtype, out);
}

// pt.expand_dims(x, axis): axes are positions in the output
// (len(axis) + ndim dims), normalised and unique.
std::vector<TensorType> expand_dims_out(const InferContext& c) {
  const TensorType& x = c.type(0);
  const auto& axis = attr_ints(c.attrs, "axis");
  const int64_t out_ndim = x.ndim() + static_cast<int64_t>(axis.size());
  const auto axes = norm_axes(c, axis, out_ndim);
  StaticShape out;
  size_t k = 0;
  for (int64_t d = 0; d < out_ndim; ++d)
    out.push_back(std::find(axes.begin(), axes.end(), d) != axes.end() ? StaticDim{1} : x.shape[k++]);
  return one(x.dtype, out);
}

const OpSchemaRegistrar kShape(OpSchema{"Shape", 1, 1, {}, shape_out, "x.shape as an int64 vector (Shape)"});
const OpSchemaRegistrar kShapeI(OpSchema{"Shape_i", 1, 1, {{"i", AttrKind::Int, true}}, shape_i_out,
                                         "x.shape[i] as an int64 scalar (Shape_i)"});
const OpSchemaRegistrar kSpecifyShape(OpSchema{"SpecifyShape", 1, 1, {{"shape", AttrKind::Ints, true}},
                                               specify_shape_out,
                                               "x, asserting its shape; shape entries -1 mean None (SpecifyShape)"});
const OpSchemaRegistrar kReshape(OpSchema{"Reshape", 2, 2, {{"ndim", AttrKind::Int, true}}, reshape_out,
                                          "np.reshape(x, shape); 0 is a literal zero-size dim (Reshape{ndim})"});
const OpSchemaRegistrar kDimShuffle(OpSchema{"DimShuffle", 1, 1, {{"new_order", AttrKind::Ints, true}},
                                             dimshuffle_out,
                                             "transpose the kept axes, drop length-1 axes, insert 1s at -1 ('x')"});
const OpSchemaRegistrar kSqueeze(OpSchema{"Squeeze", 1, 1, {{"axis", AttrKind::Ints, true}}, squeeze_out,
                                          "pt.squeeze with explicit axes (a DimShuffle)"});
const OpSchemaRegistrar kExpandDims(OpSchema{"ExpandDims", 1, 1, {{"axis", AttrKind::Ints, true}}, expand_dims_out,
                                             "pt.expand_dims: insert 1s at the output positions `axis`"});

}  // namespace
}  // namespace ptonnx
