#include "check/tolerance_rules.h"

#include <algorithm>
#include <deque>
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

std::optional<std::vector<const Tensor*>> leaf_input_values(const FunctionGraph& g, const std::vector<Tensor>& inputs,
                                                            const Node& node, std::deque<Tensor>& storage) {
  const auto leaf = [&](const Variable* v) -> const Tensor* {
    if (v->value) return &*v->value;
    const auto& gi = g.inputs();
    for (size_t j = 0; j < gi.size() && j < inputs.size(); ++j)
      if (gi[j].get() == v) return &inputs[j];
    return nullptr;
  };
  std::vector<const Tensor*> values;
  for (const auto& in : node.inputs) {
    const Tensor* t = leaf(in.get());
    const Node* owner = in->owner;
    if (!t && owner && owner->op == "DimShuffle" && has_attr(owner->attrs, "new_order") &&
        attr_ints(owner->attrs, "new_order") == std::vector<int64_t>{1, 0}) {
      if (const Tensor* src = leaf(owner->inputs.at(0).get()); src && src->rank() == 2) {
        const int64_t r = src->shape()[0], c = src->shape()[1];
        Tensor tt(src->dtype(), {c, r});
        const size_t es = dtype_size(src->dtype());
        for (int64_t i = 0; i < r; ++i)
          for (int64_t j = 0; j < c; ++j)
            std::copy_n(src->raw() + (i * c + j) * static_cast<int64_t>(es), es,
                        tt.raw() + (j * r + i) * static_cast<int64_t>(es));
        storage.push_back(std::move(tt));
        t = &storage.back();
      }
    }
    // pt.sort/argsort(axis=None) flatten first (reshape(x, [-1])): the
    // flattened value is the source's elements as a vector.
    if (!t && owner && owner->op == "Reshape" && owner->inputs.size() == 2 && owner->inputs[1]->value &&
        owner->inputs[1]->value->numel() == 1 && owner->inputs[1]->value->get_as_int64(0) == -1) {
      if (const Tensor* src = leaf(owner->inputs.at(0).get())) {
        storage.push_back(src->reshaped({src->numel()}));
        t = &storage.back();
      }
    }
    if (!t) return std::nullopt;
    values.push_back(t);
  }
  return values;
}

Tolerance apply_tolerance_rule(const FunctionGraph& g, const std::vector<Tensor>& inputs, size_t i,
                               const Tensor& expected, Tolerance base) {
  const Variable* out = g.outputs().at(i).get();
  const Node* node = out->owner;
  if (!node) return base;
  const ToleranceRule* rule = find_tolerance_rule(node->op);
  if (!rule) return base;
  std::deque<Tensor> storage;
  const auto values = leaf_input_values(g, inputs, *node, storage);
  if (!values) return base;
  return (*rule)(*node, *values, static_cast<size_t>(out->output_index), expected, base);
}

}  // namespace ptonnx::check
