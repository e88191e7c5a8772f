#include "graph/op_schema.h"

#include <algorithm>
#include <map>

#include "core/error.h"

namespace ptonnx {
namespace {

std::map<std::string, OpSchema>& registry() {
  static std::map<std::string, OpSchema> r;
  return r;
}

void check_attributes(const OpSchema& s, const Attributes& attrs) {
  for (const auto& [name, value] : attrs) {
    // The binding is copied into the lambda by name: clang 14 (the fuzz
    // build's compiler) cannot capture structured bindings.
    auto spec =
        std::find_if(s.attrs.begin(), s.attrs.end(), [&, &n = name](const AttrSpec& a) { return a.name == n; });
    if (spec == s.attrs.end()) {
      std::string valid;
      for (const auto& a : s.attrs) valid += (valid.empty() ? "" : ", ") + a.name;
      throw TypeError(s.name + ": unknown attribute '" + name + "' (valid: " + (valid.empty() ? "none" : valid) + ")");
    }
    if (attr_kind(value) != spec->kind)
      throw TypeError(s.name + ": attribute '" + name + "' must be " + std::string(attr_kind_name(spec->kind)) +
                      ", got " + std::string(attr_kind_name(attr_kind(value))));
    if (!spec->allowed.empty()) {
      const auto& v = std::get<std::string>(value);
      if (std::find(spec->allowed.begin(), spec->allowed.end(), v) == spec->allowed.end()) {
        std::string valid;
        for (const auto& a : spec->allowed) valid += (valid.empty() ? "'" : ", '") + a + "'";
        throw TypeError(s.name + ": attribute '" + name + "' = '" + v + "' is not one of " + valid);
      }
    }
  }
  for (const auto& spec : s.attrs)
    if (spec.required && !attrs.count(spec.name))
      throw TypeError(s.name + ": missing required attribute '" + spec.name + "'");
}

}  // namespace

void InferContext::fail(const std::string& message) const {
  std::string types;
  for (const auto& i : inputs) types += (types.empty() ? "" : ", ") + i->type.to_string();
  throw TypeError(op + "(" + types + "): " + message);
}

const OpSchema* find_op_schema(const std::string& name) {
  auto it = registry().find(name);
  return it == registry().end() ? nullptr : &it->second;
}

std::vector<std::string> registered_op_names() {
  std::vector<std::string> names;
  for (const auto& [n, s] : registry()) names.push_back(n);
  return names;
}

OpSchemaRegistrar::OpSchemaRegistrar(OpSchema schema) {
  auto name = schema.name;
  if (!registry().emplace(name, std::move(schema)).second)
    throw std::logic_error("op schema '" + name + "' registered twice");
}

std::vector<TensorType> infer_types(const OpSchema& s, const std::vector<VarRef>& inputs, const Attributes& attrs,
                                    const std::vector<SubgraphRef>& subgraphs) {
  const int n = static_cast<int>(inputs.size());
  if (n < s.min_inputs || (s.max_inputs >= 0 && n > s.max_inputs)) {
    std::string expected = s.max_inputs < 0 ? "at least " + std::to_string(s.min_inputs)
                           : s.min_inputs == s.max_inputs
                               ? std::to_string(s.min_inputs)
                               : std::to_string(s.min_inputs) + " to " + std::to_string(s.max_inputs);
    throw TypeError(s.name + ": expected " + expected + " inputs, got " + std::to_string(n));
  }
  for (int i = 0; i < n; ++i)
    if (!inputs[i]) throw TypeError(s.name + ": input " + std::to_string(i) + " is null");
  check_attributes(s, attrs);
  if (subgraphs.size() != static_cast<size_t>(s.num_subgraphs))
    throw TypeError(s.name + ": expected " + std::to_string(s.num_subgraphs) + " inner graph(s), got " +
                    std::to_string(subgraphs.size()));
  for (size_t k = 0; k < subgraphs.size(); ++k)
    if (!subgraphs[k]) throw TypeError(s.name + ": inner graph " + std::to_string(k) + " is null");
  return s.infer(InferContext{inputs, attrs, s.name, subgraphs});
}

}  // namespace ptonnx
