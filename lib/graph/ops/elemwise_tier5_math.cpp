// Type inference of the tier-5 scalar-math Elemwise ops (pytensor rel-3.3.0
// scalar/math.py and scalar/basic.py): Sigmoid, Softplus, Erf, Erfc (math),
// Log1p, Expm1, Clip (basic). Sigmoid, Softplus, Erf, Log1p and Expm1 are
// built with upgrade_to_float, Erfc with upgrade_to_float_no_complex (the
// same without complex inputs): float inputs keep their dtype; bool, 8- and
// 16-bit integers give float32, 32- and 64-bit integers float64. Clip is
// `Clip(upcast_out_no_complex)`: the NumPy promotion of (x, min, max), bool
// included, with the three shapes broadcast.
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

std::vector<TensorType> float_out(const InferContext& c) {
  return infer::one(upgrade_to_float(c.dtype(0)), c.type(0).shape);
}

OpSchema float_unary(const std::string& name, const std::string& numpy) {
  return OpSchema{name, 1, 1, {}, float_out, numpy + " in upgrade_to_float(x)"};
}

std::vector<TensorType> clip_out(const InferContext& c) {
  return infer::one(infer::upcast_inputs(c), infer::broadcast_inputs(c));
}

const OpSchemaRegistrar kSigmoid(float_unary("Sigmoid", "scipy.special.expit"));
const OpSchemaRegistrar kSoftplus(float_unary("Softplus", "PyTensor's piecewise log1p(exp(x))"));
const OpSchemaRegistrar kLog1p(float_unary("Log1p", "np.log1p"));
const OpSchemaRegistrar kExpm1(float_unary("Expm1", "np.expm1"));
const OpSchemaRegistrar kErf(float_unary("Erf", "scipy.special.erf"));
const OpSchemaRegistrar kErfc(float_unary("Erfc", "scipy.special.erfc"));
const OpSchemaRegistrar kClip(OpSchema{
    "Clip", 3, 3, {}, clip_out, "x < min ? min : (x > max ? max : x) in upcast(x, min, max)"});

}  // namespace
}  // namespace ptonnx
