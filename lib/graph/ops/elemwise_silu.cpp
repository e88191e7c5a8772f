// Type inference of SiLU. PyTensor has no SiLU op (no SiLU, silu or swish
// anywhere in pymc-devs/pytensor at f857e69); a model writes x *
// pt.sigmoid(x): Sigmoid is upgrade_to_float, and Mul's upcast of x with
// that float dtype is the same dtype again (int8 with float32 -> float32,
// int32 with float64 -> float64, bool with float32 -> float32). So the
// output is upgrade_to_float(x) with x's shape.
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

std::vector<TensorType> silu_out(const InferContext& c) {
  return infer::one(upgrade_to_float(c.dtype(0)), c.type(0).shape);
}

const OpSchemaRegistrar kSiLU(OpSchema{
    "SiLU", 1, 1, {}, silu_out, "x * pt.sigmoid(x) in upgrade_to_float(x) (Sigmoid rounded, then Mul)"});

}  // namespace
}  // namespace ptonnx
