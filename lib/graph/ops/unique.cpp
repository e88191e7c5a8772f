// Type inference of Unique (pytensor/tensor/extra_ops.py): properties
// return_index, return_inverse, return_counts (bools) and axis (None when
// absent; a negative axis raises "Axis cannot be negative." in __init__,
// pt.unique normalises it first; axis >= ndim raises in make_node).
// Outputs: the unique values, x's dtype, shape (None,) for axis=None, else
// x's static shape with the axis dim unknown; then one int64 vector of
// unknown length per requested extra, in the order index, inverse, counts.
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

bool flag(const Attributes& a, const char* name) { return has_attr(a, name) && attr_int(a, name) != 0; }

std::vector<TensorType> unique_infer(const InferContext& c) {
  const TensorType& x = c.type(0);
  TensorType values{x.dtype, {std::nullopt}};
  if (has_attr(c.attrs, "axis")) {
    const int64_t axis = attr_int(c.attrs, "axis");
    if (axis < 0) c.fail("Axis cannot be negative.");
    if (axis >= x.ndim())
      c.fail("Axis " + std::to_string(axis) + " out of range for input with ndim=" + std::to_string(x.ndim()) + ".");
    values.shape = x.shape;
    values.shape[static_cast<size_t>(axis)] = std::nullopt;
  }
  std::vector<TensorType> out{values};
  for (const char* extra : {"return_index", "return_inverse", "return_counts"})
    if (flag(c.attrs, extra)) out.push_back(TensorType{DType::Int64, {std::nullopt}});
  return out;
}

const OpSchemaRegistrar kUnique(OpSchema{"Unique",
                                         1,
                                         1,
                                         {{"return_index", AttrKind::Int},
                                          {"return_inverse", AttrKind::Int},
                                          {"return_counts", AttrKind::Int},
                                          {"axis", AttrKind::Int}},
                                         unique_infer,
                                         "np.unique(x, return_index, return_inverse, return_counts, axis) as NumPy "
                                         "< 2.0 returns it (inverse raveled)"});

}  // namespace
}  // namespace ptonnx
