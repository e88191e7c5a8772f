// The registry of the oracle's dtype rules (oracles/result_dtypes_*.cpp
// register one op family each).
#include "oracles/result_dtypes.h"

#include <map>

namespace ptonnx::oracle {
namespace {

std::map<std::string, DTypeRule>& rules() {
  static std::map<std::string, DTypeRule> r;  // function-local: safe static init order
  return r;
}

}  // namespace

DTypeRuleRegistrar::DTypeRuleRegistrar(const std::string& op, DTypeRule rule) {
  if (!rules().emplace(op, std::move(rule)).second)
    throw Error("oracle: dtype rule for op '" + op + "' registered twice");
}

std::optional<std::vector<DType>> rule_dtypes(const Node& node, const std::vector<DType>& inputs) {
  auto it = rules().find(node.op);
  if (it == rules().end()) return std::nullopt;
  std::vector<DType> out = it->second(node, inputs);
  if (out.size() != node.outputs.size())
    throw Error("oracle: the dtype rule of " + node.describe() + " gives " + std::to_string(out.size()) +
                " outputs, the node has " + std::to_string(node.outputs.size()));
  return out;
}

DType out_dtype(const Node& node, size_t i) {
  std::vector<DType> inputs;
  for (const auto& in : node.inputs) inputs.push_back(in->type.dtype);
  auto dtypes = rule_dtypes(node, inputs);
  if (!dtypes)
    throw Error("oracle: no dtype rule for op '" + node.op + "' (" + node.describe() +
                "); add one in oracles/result_dtypes_<family>.cpp");
  return dtypes->at(i);
}

}  // namespace ptonnx::oracle
