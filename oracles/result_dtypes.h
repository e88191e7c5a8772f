// The oracle's own statement of each op's output dtypes: what PyTensor's
// make_node (a scalar op's output_types_preference, a tensor op's
// make_node, or the NumPy/SciPy call PyTensor asks for the dtype) gives for
// these input dtypes and attributes. Written from PyTensor's source, apart
// from the IR's type inference, so that the graph walk (oracles/evaluate.cpp)
// can check the IR's declared types against it: a disagreement is reported
// as a DTypeDisagreement, a failed property, not as an oracle bug.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "core/error.h"
#include "core/tensor.h"
#include "graph/graph.h"

namespace ptonnx::oracle {

// The rule of one op: the dtypes of all its outputs, from the node's
// attributes and the dtypes of its input values.
using DTypeRule = std::function<std::vector<DType>(const Node& node, const std::vector<DType>& inputs)>;

struct DTypeRuleRegistrar {
  DTypeRuleRegistrar(const std::string& op, DTypeRule rule);
};

// The oracle's dtypes for node's outputs given its input values' dtypes;
// std::nullopt when the oracle states no rule for the op (its kernel then
// derives the dtype from the values it computes).
std::optional<std::vector<DType>> rule_dtypes(const Node& node, const std::vector<DType>& inputs);

// Output i's dtype by the oracle's rule for node, with the IR's declared
// input dtypes (the walk has checked every value against them). Kernels
// compute in this dtype. Throws Error when the op has no rule.
DType out_dtype(const Node& node, size_t i = 0);

// The accumulator dtype CAReduce.perform converts a reduction's input to
// (its acc_dtype attribute, else CAReduce._acc_dtype's table).
DType careduce_acc_dtype(const Node& node, DType input);

// The IR declares an output dtype other than the one PyTensor's rules give
// (or the oracle's kernel computes): a type inference bug of the IR, which
// the converter inherits, or of the oracle. Either way the case fails.
class DTypeDisagreement : public Error {
 public:
  using Error::Error;
};

}  // namespace ptonnx::oracle
