// Type inference of the comparison Elemwise ops (tier 5; pytensor rel-3.3.0
// scalar/basic.py LogicalComparison): LT, GT, LE, GE, EQ, NEQ. Two inputs
// of any dtypes, broadcast; the output is bool. Which values are compared
// (the ufunc's loop) is the converter's and the oracle's business: NumPy 1.25+
// compares integers exactly whatever their signedness (int64 against
// uint64 included, where arithmetic would promote to float64) and mixed
// integer/float operands in the promoted float dtype.
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

std::vector<TensorType> compare_out(const InferContext& c) {
  return infer::one(DType::Bool, infer::broadcast_inputs(c));
}

OpSchema comparison(const std::string& name, const std::string& numpy) {
  return OpSchema{name, 2, 2, {}, compare_out, "np." + numpy + "(x, y): bool"};
}

const OpSchemaRegistrar kLT(comparison("LT", "less"));
const OpSchemaRegistrar kGT(comparison("GT", "greater"));
const OpSchemaRegistrar kLE(comparison("LE", "less_equal"));
const OpSchemaRegistrar kGE(comparison("GE", "greater_equal"));
const OpSchemaRegistrar kEQ(comparison("EQ", "equal"));
const OpSchemaRegistrar kNEQ(comparison("NEQ", "not_equal"));

}  // namespace
}  // namespace ptonnx
