#include "generators/sample_spec.h"

#include <map>

#include "core/error.h"
#include "generators/graph_listing.h"
#include "graph/json.h"

namespace ptonnx::gen {
namespace {
std::map<std::string, SampleSpec>& registry() {
  static std::map<std::string, SampleSpec> r;
  return r;
}
}  // namespace

std::string_view category_name(UnsupportedCategory c) {
  switch (c) {
    case UnsupportedCategory::OnnxCannotExpress: return "onnx_cannot_express";
    case UnsupportedCategory::NotBuilt: return "not_built";
    case UnsupportedCategory::KnownBug: return "known_bug";
  }
  return "?";
}

const KnownUnsupported* SampleSpec::find_unsupported(DType dtype, int opset) const {
  for (const auto& u : unsupported)
    if (u.applies(dtype, opset)) return &u;
  return nullptr;
}

const SampleSpec* find_spec(const std::string& op) {
  auto it = registry().find(op);
  return it == registry().end() ? nullptr : &it->second;
}

std::vector<const SampleSpec*> all_specs() {
  std::vector<const SampleSpec*> out;
  for (const auto& [name, spec] : registry()) out.push_back(&spec);
  return out;
}

SampleSpecRegistrar::SampleSpecRegistrar(SampleSpec spec) {
  auto name = spec.op;
  if (!registry().emplace(name, std::move(spec)).second)
    throw std::logic_error("sample spec '" + name + "' registered twice");
}

Case build_case(const OpRecipe& r) {
  std::vector<VarRef> graph_inputs, operands;
  std::vector<Tensor> values;
  for (size_t i = 0; i < r.inputs.size(); ++i) {
    const auto& in = r.inputs[i];
    if (in.constant) {
      operands.push_back(make_constant(in.value, "c" + std::to_string(i)));
    } else {
      auto v = make_input("x" + std::to_string(i), TensorType{in.value.dtype(), in.static_shape});
      graph_inputs.push_back(v);
      operands.push_back(v);
      values.push_back(in.value);
    }
  }
  auto outs = apply_op(r.op, operands, r.attrs);
  for (size_t i = 0; i < outs.size(); ++i) outs[i]->name = "out" + std::to_string(i);
  Case c{std::make_shared<FunctionGraph>(graph_inputs, outs), std::move(values), ""};
  std::ostringstream os;
  showValue(r, os);
  c.label = os.str();
  return c;
}

void showValue(const OpRecipe& r, std::ostream& os) {
  os << r.op << "(";
  for (size_t i = 0; i < r.inputs.size(); ++i) {
    const auto& in = r.inputs[i];
    os << (i ? ", " : "") << (in.constant ? "const " : "") << dtype_name(in.value.dtype())
       << static_shape_to_string(in.static_shape) << "=" << shape_to_string(in.value.shape()) << " "
       << in.value.values_to_string(12);
  }
  os << ")";
  for (const auto& [k, v] : r.attrs) os << " " << k << "=" << attr_to_string(v);
}

void showValue(const Case& c, std::ostream& os) {
  if (!c.label.empty()) os << c.label << "\n";
  // The whole graph, constants and attributes included: a counterexample
  // must read without the bundle's graph.json.
  os << graph_listing(*c.graph, &c.inputs);
  // Values fed beyond the graph's inputs would be a generator bug; show them
  // rather than hide them.
  for (size_t i = c.graph->inputs().size(); i < c.inputs.size(); ++i)
    os << "extra input value " << i << ": " << c.inputs[i].describe() << " " << c.inputs[i].values_to_string(12) << "\n";
}

std::vector<DType> all_dtypes() { return {std::begin(kAllDTypes), std::end(kAllDTypes)}; }
std::vector<DType> dtypes_except_bool() {
  auto v = all_dtypes();
  v.erase(v.begin());
  return v;
}
std::vector<DType> float_dtypes() { return {DType::Float16, DType::Float32, DType::Float64}; }

}  // namespace ptonnx::gen
