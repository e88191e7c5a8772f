#include "generators/graph_listing.h"

#include <sstream>

namespace ptonnx::gen {
namespace {

// How a variable is referred to in the listing: its name, or the
// "<unnamed #uid>" form Variable::describe uses (the property harness
// renumbers those so a case prints the same in any process).
std::string ref(const Variable& v) { return v.name.empty() ? "<unnamed #" + std::to_string(v.uid) + ">" : v.name; }

std::string values_of(const Tensor& t) {
  std::string s = t.values_to_string(kListedValues);
  if (t.numel() > kListedValues) s += " (" + std::to_string(t.numel()) + " values)";
  return s;
}

void list_node(const Node& n, const std::string& indent, std::ostream& os) {
  os << indent;
  for (size_t i = 0; i < n.outputs.size(); ++i)
    os << (i ? ", " : "") << ref(*n.outputs[i]) << ": " << n.outputs[i]->type.to_string();
  os << " = " << n.describe() << "(";
  for (size_t i = 0; i < n.inputs.size(); ++i) os << (i ? ", " : "") << ref(*n.inputs[i]);
  os << ")";
  for (const auto& [name, value] : n.attrs) os << " " << name << "=" << attr_to_string(value);
  os << "\n";
  for (size_t k = 0; k < n.subgraphs.size(); ++k) {
    os << indent << "  inner graph " << k << ":\n" << graph_listing(*n.subgraphs[k], nullptr, indent + "    ");
  }
}

}  // namespace

std::string graph_listing(const FunctionGraph& g, const std::vector<Tensor>* input_values, const std::string& indent) {
  std::ostringstream os;
  for (size_t i = 0; i < g.inputs().size(); ++i) {
    const Variable& v = *g.inputs()[i];
    os << indent << "input " << ref(v) << ": " << v.type.to_string();
    // The fed value's own shape: the declared type may leave dims unknown.
    if (input_values && i < input_values->size())
      os << " = " << shape_to_string((*input_values)[i].shape()) << " " << values_of((*input_values)[i]);
    os << "\n";
  }
  for (const auto& v : g.constants()) {
    os << indent << var_kind_name(v->kind) << " " << ref(*v) << ": " << v->type.to_string();
    if (v->value) os << " = " << values_of(*v->value);
    os << "\n";
  }
  for (const auto& n : g.nodes()) list_node(*n, indent, os);
  os << indent << "outputs:";
  for (const auto& v : g.outputs()) os << " " << ref(*v);
  os << "\n";
  return os.str();
}

}  // namespace ptonnx::gen
