#include "check/invariant_checks.h"

#include <deque>
#include <map>
#include <stdexcept>

#include "check/tolerance_rules.h"

namespace ptonnx::check {
namespace {

std::map<std::string, InvariantCheck>& checks() {
  static std::map<std::string, InvariantCheck> c;
  return c;
}

}  // namespace

InvariantCheckRegistrar::InvariantCheckRegistrar(const std::string& op, InvariantCheck check) {
  if (!checks().emplace(op, std::move(check)).second) throw std::logic_error("duplicate invariant check for " + op);
}

const InvariantCheck* find_invariant_check(const std::string& op) {
  auto it = checks().find(op);
  return it == checks().end() ? nullptr : &it->second;
}

std::optional<TensorMismatch> apply_invariant_check(const FunctionGraph& g, const std::vector<Tensor>& inputs,
                                                    const std::vector<Tensor>& expected,
                                                    const std::vector<Tensor>& actual, size_t i, const Tolerance& tol) {
  const Variable* out = g.outputs().at(i).get();
  const Node* node = out->owner;
  if (!node) return std::nullopt;
  const InvariantCheck* check = find_invariant_check(node->op);
  if (!check) return std::nullopt;
  std::deque<Tensor> storage;
  auto values = leaf_input_values(g, inputs, *node, storage);
  if (!values) return std::nullopt;
  NodeValues v{*node, std::move(*values), std::vector<const Tensor*>(node->outputs.size()),
               std::vector<const Tensor*>(node->outputs.size())};
  // The node's outputs that are graph outputs (the first occurrence of each).
  const auto& outs = g.outputs();
  for (size_t j = 0; j < outs.size() && j < expected.size() && j < actual.size(); ++j) {
    if (outs[j]->owner != node) continue;
    const auto k = static_cast<size_t>(outs[j]->output_index);
    if (!v.expected[k]) v.expected[k] = &expected[j], v.actual[k] = &actual[j];
  }
  const TensorMismatch type = same_type(expected[i], actual[i]);
  if (!type.ok) return type;
  return (*check)(v, static_cast<size_t>(out->output_index), tol);
}

TensorMismatch same_type(const Tensor& expected, const Tensor& actual) {
  TensorMismatch m;
  m.expected_type = expected.describe();
  m.elements = expected.numel();
  if (expected.dtype() != actual.dtype() || expected.shape() != actual.shape()) {
    m.ok = false;
    m.reason = "expected " + expected.describe() + ", got " + actual.describe();
  }
  return m;
}

TensorMismatch invariant_failed(const Tensor& expected, std::string reason) {
  TensorMismatch m;
  m.ok = false;
  m.expected_type = expected.describe();
  m.elements = expected.numel();
  m.reason = std::move(reason);
  return m;
}

}  // namespace ptonnx::check
