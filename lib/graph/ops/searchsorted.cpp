// Type inference of SearchsortedOp (pytensor/tensor/extra_ops.py):
// make_node(x, v, sorter=None) takes x as a vector (as_tensor(x, ndim=1)),
// v of any rank and dtype, and an optional sorter vector of a signed
// integer dtype (int_dtypes; "sorter must be an integer vector"). The
// output is v's type with dtype int64. The `side` property is "left"
// (default) or "right".
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

std::vector<TensorType> searchsorted_infer(const InferContext& c) {
  if (c.type(0).ndim() != 1) c.fail("x must be a vector, got " + std::to_string(c.type(0).ndim()) + "-d");
  if (c.inputs.size() == 3) {
    if (c.type(2).ndim() != 1 || !is_signed_integer(c.dtype(2)))
      c.fail("sorter must be an integer vector, got " + std::string(dtype_name(c.dtype(2))) + " " +
             std::to_string(c.type(2).ndim()) + "-d");
  }
  return infer::one(DType::Int64, c.type(1).shape);
}

const OpSchemaRegistrar kSearchsortedOp(OpSchema{
    "SearchsortedOp", 2, 3, {{"side", AttrKind::String, false, {"left", "right"}}}, searchsorted_infer,
    "np.searchsorted(x, v, side, sorter) as int64: where v's elements would be inserted into the sorted x"});

}  // namespace
}  // namespace ptonnx
