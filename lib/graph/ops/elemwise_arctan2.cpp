// Type inference of ArcTan2 (pytensor rel-3.3.0 scalar/basic.py:
// `arctan2 = ArcTan2(upgrade_to_float)`): upgrade_to_float maps each input
// dtype (bool, 8- and 16-bit integers -> float32, 32- and 64-bit integers
// -> float64, floats stay) and upcasts the results: (int8, float16) ->
// float32, (float32, int32) -> float64, (bool, bool) -> float32. The two
// shapes broadcast. Inputs are (y, x), as np.arctan2.
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

std::vector<TensorType> arctan2_out(const InferContext& c) {
  const DType t = promote(upgrade_to_float(c.dtype(0)), upgrade_to_float(c.dtype(1)));
  return infer::one(t, infer::broadcast_inputs(c));
}

const OpSchemaRegistrar kArcTan2(OpSchema{
    "ArcTan2", 2, 2, {}, arctan2_out, "np.arctan2(y, x) in upcast(upgrade_to_float(y), upgrade_to_float(x))"});

}  // namespace
}  // namespace ptonnx
