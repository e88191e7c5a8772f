// Type inference of Log2, Log10 and Exp2 (pytensor rel-3.3.0
// scalar/basic.py: `log2 = Log2(upgrade_to_float)`, likewise log10 and
// exp2): float inputs keep their dtype; bool, 8- and 16-bit integers give
// float32, 32- and 64-bit integers float64.
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

std::vector<TensorType> float_out(const InferContext& c) {
  return infer::one(upgrade_to_float(c.dtype(0)), c.type(0).shape);
}

OpSchema float_unary(const std::string& name, const std::string& numpy) {
  return OpSchema{name, 1, 1, {}, float_out, numpy + " in upgrade_to_float(x)"};
}

const OpSchemaRegistrar kLog2(float_unary("Log2", "np.log2"));
const OpSchemaRegistrar kLog10(float_unary("Log10", "np.log10"));
const OpSchemaRegistrar kExp2(float_unary("Exp2", "np.exp2"));

}  // namespace
}  // namespace ptonnx
