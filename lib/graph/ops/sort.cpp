// Type inference of SortOp and ArgSortOp (pytensor/tensor/sort.py).
//
// Both take (input, axis): `axis` is a 0-d tensor of a signed integer dtype
// (make_node: as_tensor_variable(axis, ndim=0, dtype=int), and "Sort axis
// must have an integer dtype" when its numpy kind is not 'i', so uint
// axes are refused). SortOp returns input.type(); ArgSortOp an int64 tensor
// of the input's static shape. The `kind` property is one of quicksort
// (the default), mergesort, heapsort, stable (KIND_VALUES); pt.sort(axis=None)
// flattens first and sorts axis 0, so the op itself always has an axis.
//
// np.sort(a, axis) raises AxisError for an axis outside [-ndim, ndim) and
// for every axis of a 0-d array; PyTensor's make_node does not look at the
// value, perform raises. Here a constant axis is checked at graph
// construction (the same error, earlier); a computed axis is left to the
// oracle (PyTensorRaises) and refused by the converter, which needs the
// axis as a TopK attribute.
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

std::vector<TensorType> sort_infer(const InferContext& c, bool indices) {
  const TensorType& x = c.type(0);
  const TensorType& axis = c.type(1);
  if (axis.ndim() != 0) c.fail("axis must be 0-d, got " + std::to_string(axis.ndim()) + "-d");
  if (!is_signed_integer(axis.dtype))
    c.fail(std::string(indices ? "ArgSort" : "Sort") + " axis must have an integer dtype, got " +
           std::string(dtype_name(axis.dtype)));
  const Variable& a = *c.inputs[1];
  if (a.kind == VarKind::Constant && a.value) {
    const int64_t v = a.value->get_as_int64(0);
    const auto r = static_cast<int64_t>(x.ndim());
    if (v < -r || v >= r)
      c.fail("axis " + std::to_string(v) + " is out of bounds for array of dimension " + std::to_string(r) +
             " (np.sort raises AxisError)");
  }
  return infer::one(indices ? DType::Int64 : x.dtype, x.shape);
}

const std::vector<AttrSpec> kSortAttrs{
    {"kind", AttrKind::String, false, {"quicksort", "mergesort", "heapsort", "stable"}}};

const OpSchemaRegistrar kSortOp(OpSchema{"SortOp", 2, 2, kSortAttrs,
                                         [](const InferContext& c) { return sort_infer(c, false); },
                                         "np.sort(x, axis, kind): the input sorted along one axis, NaN last"});
const OpSchemaRegistrar kArgSortOp(OpSchema{
    "ArgSortOp", 2, 2, kSortAttrs, [](const InferContext& c) { return sort_infer(c, true); },
    "np.argsort(x, axis, kind) as int64: the indices that sort x along one axis (ties in any order unless stable)"});

}  // namespace
}  // namespace ptonnx
