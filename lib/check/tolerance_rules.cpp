#include "check/tolerance_rules.h"

#include <map>
#include <stdexcept>

namespace ptonnx::check {
namespace {

std::map<std::string, ToleranceRule>& rules() {
  static std::map<std::string, ToleranceRule> r;
  return r;
}

}  // namespace

const ToleranceRule* find_tolerance_rule(const std::string& op) {
  auto it = rules().find(op);
  return it == rules().end() ? nullptr : &it->second;
}

ToleranceRuleRegistrar::ToleranceRuleRegistrar(const std::string& op, ToleranceRule rule) {
  if (!rules().emplace(op, std::move(rule)).second) throw std::logic_error("duplicate tolerance rule for " + op);
}

Tolerance apply_tolerance_rule(const FunctionGraph& g, const std::vector<Tensor>& inputs, size_t i,
                               const Tensor& expected, Tolerance base) {
  const Variable* out = g.outputs().at(i).get();
  const Node* node = out->owner;
  if (!node) return base;
  const ToleranceRule* rule = find_tolerance_rule(node->op);
  if (!rule) return base;
  std::vector<const Tensor*> values;
  for (const auto& in : node->inputs) {
    if (in->value) {
      values.push_back(&*in->value);
      continue;
    }
    const auto& gi = g.inputs();
    size_t j = 0;
    while (j < gi.size() && gi[j].get() != in.get()) ++j;
    if (j == gi.size() || j >= inputs.size()) return base;  // an intermediate value: no rule
    values.push_back(&inputs[j]);
  }
  return (*rule)(*node, values, static_cast<size_t>(out->output_index), expected, base);
}

}  // namespace ptonnx::check
