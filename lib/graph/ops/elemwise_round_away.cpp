// Type inference of RoundHalfAwayFromZero (pytensor rel-3.3.0
// scalar/basic.py: `RoundHalfAwayFromZero(same_out_float_only)`): the
// input's float dtype; integer and bool inputs raise TypeError ("only float
// type are supported"), as in PyTensor.
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

std::vector<TensorType> same_float_out(const InferContext& c) {
  if (!is_float(c.dtype(0)))
    c.fail("RoundHalfAwayFromZero is defined for float inputs only (got " + std::string(dtype_name(c.dtype(0))) +
           "); PyTensor's same_out_float_only refuses the others");
  return {c.type(0)};
}

const OpSchemaRegistrar kRoundHalfAwayFromZero(OpSchema{
    "RoundHalfAwayFromZero", 1, 1, {}, same_float_out, "x > 0 ? floor(x + 0.5) : ceil(x - 0.5) on Python floats"});

}  // namespace
}  // namespace ptonnx
