// Type inference of the extended group's unary Elemwise ops (pytensor
// rel-3.3.0 scalar/basic.py and tensor/math.py):
// - Sign: `Sign._output_types_preference`: same dtype, bool refused
//   (TypeError), complex refused;
// - Reciprocal: `Reciprocal(upgrade_to_float)`: int8 -> float32, int32 ->
//   float64, bool -> float32; floats keep their dtype;
// - Sqr: `Sqr(same_out)`: same dtype, bool included (np.square computes
//   bool in int8, PyTensor casts back: x);
// - IsNan, IsInf: FixedLogicalComparison, bool out for every input dtype
//   (np.isnan/np.isinf of an integer or bool is False; pt.isnan/pt.isinf
//   replace a discrete input by alloc(False) before building the Elemwise,
//   which gives the same values);
// - Trunc: `Trunc(upgrade_to_float_no_complex)`, as Floor and Ceil: an
//   integer input gives float32/float64, not its own dtype.
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

std::vector<TensorType> sign_out(const InferContext& c) {
  if (c.dtype(0) == DType::Bool) c.fail("bool input is not supported (PyTensor's Sign raises TypeError(bool))");
  return {c.type(0)};
}

std::vector<TensorType> same_out(const InferContext& c) { return {c.type(0)}; }

std::vector<TensorType> float_out(const InferContext& c) {
  return infer::one(upgrade_to_float(c.dtype(0)), c.type(0).shape);
}

std::vector<TensorType> bool_out(const InferContext& c) { return infer::one(DType::Bool, c.type(0).shape); }

OpSchema unary(const std::string& name, std::function<std::vector<TensorType>(const InferContext&)> f,
               const std::string& doc) {
  return OpSchema{name, 1, 1, {}, std::move(f), doc};
}

const OpSchemaRegistrar kSign(unary("Sign", sign_out, "np.sign(x), same dtype; bool refused"));
const OpSchemaRegistrar kReciprocal(unary("Reciprocal", float_out, "np.reciprocal in upgrade_to_float(x)"));
const OpSchemaRegistrar kSqr(unary("Sqr", same_out, "np.square(x), same dtype (integers wrap)"));
const OpSchemaRegistrar kIsNan(unary("IsNan", bool_out, "np.isnan(x): bool (False for integers)"));
const OpSchemaRegistrar kIsInf(unary("IsInf", bool_out, "np.isinf(x): bool (False for integers)"));
const OpSchemaRegistrar kTrunc(unary("Trunc", float_out, "np.trunc in upgrade_to_float(x)"));

}  // namespace
}  // namespace ptonnx
