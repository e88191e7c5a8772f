#include "convert/graph_emit.h"

#include <unordered_set>

#include "convert/errors.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

// A readable initializer name for a constant without one: 0-d values are
// named by dtype and value, like the scalars converters create, so the two
// read alike (they share one initializer anyway when equal).
std::string constant_hint(const Variable& v) {
  if (!v.name.empty()) return v.name;
  if (v.value->rank() == 0) return scalar_name(v.value->dtype(), v.value->get_as_double(0));
  return "const";
}

}  // namespace

void set_value_info(onnx::ValueInfoProto& vi, const std::string& name, const TensorType& type) {
  vi.set_name(name);
  auto* tt = vi.mutable_type()->mutable_tensor_type();
  tt->set_elem_type(dtype_to_onnx(type.dtype));
  auto* shape = tt->mutable_shape();
  for (size_t d = 0; d < type.shape.size(); ++d) {
    auto* dim = shape->add_dim();
    if (type.shape[d])
      dim->set_dim_value(*type.shape[d]);
    else
      dim->set_dim_param(name + "_dim" + std::to_string(d));
  }
}

void emit_graph_nodes(ConversionContext& ctx, const FunctionGraph& g, const std::string& prefix) {
  for (const auto& c : g.constants()) {
    if (!c->value) throw ValidationError("export: " + c->describe() + " has no value to bake in");
    ctx.bind(*c, ctx.initializer_borrowed(*c->value, constant_hint(*c)));
  }
  // User-named results before generated names, so a user name is only
  // suffixed when another user name (or an input) already took it.
  for (const auto& n : g.nodes())
    for (const auto& out : n->outputs)
      if (!out->name.empty()) ctx.bind(*out, ctx.unique_name(prefix + out->name));
  for (size_t idx = 0; idx < g.nodes().size(); ++idx) {
    const auto& n = *g.nodes()[idx];
    for (size_t k = 0; k < n.outputs.size(); ++k)
      if (!ctx.is_bound(*n.outputs[k]))
        ctx.bind(*n.outputs[k],
                 ctx.unique_name(prefix + n.op + "_" + std::to_string(idx) + "_out" + std::to_string(k)));
  }
  for (size_t idx = 0; idx < g.nodes().size(); ++idx) {
    const Node& node = *g.nodes()[idx];
    const ConvertFn fn = find_converter(node.op, ctx.opset());
    if (!fn) throw UnsupportedOpError(node, ctx.opset());
    ctx.begin_node(node, idx, prefix);
    fn(ctx, node);
  }
}

std::vector<std::string> distinct_output_names(ConversionContext& ctx, const FunctionGraph& g,
                                               const std::string& base) {
  std::unordered_set<const Node*> own;
  for (const auto& n : g.nodes()) own.insert(n.get());
  std::unordered_set<std::string> taken;
  std::vector<std::string> names;
  for (size_t i = 0; i < g.outputs().size(); ++i) {
    const Variable& v = *g.outputs()[i];
    std::string name = ctx.name_of(v);
    const bool produced_here = v.kind == VarKind::Intermediate && own.count(v.owner);
    if (!produced_here || !taken.insert(name).second) {
      ctx.begin_glue(base + "_" + std::to_string(i));
      const std::string source = name;
      name = ctx.unique_name(produced_here ? name : base + "_" + std::to_string(i));
      ctx.emit("Identity", {source}, {name});
      taken.insert(name);
    }
    names.push_back(name);
  }
  return names;
}

std::vector<std::string> emit_inner_graph(ConversionContext& parent, onnx::GraphProto& sub, const FunctionGraph& g,
                                          const std::vector<std::string>& input_names, const std::string& prefix) {
  if (input_names.size() != g.inputs().size())
    throw std::logic_error("emit_inner_graph: " + std::to_string(input_names.size()) + " names for " +
                           std::to_string(g.inputs().size()) + " inner inputs");
  ConversionContext ctx(parent, sub);
  for (size_t i = 0; i < input_names.size(); ++i) ctx.bind(*g.inputs()[i], input_names[i]);
  emit_graph_nodes(ctx, g, prefix);
  std::vector<std::string> outs = distinct_output_names(ctx, g, prefix + "out");
  for (size_t i = 0; i < outs.size(); ++i) set_value_info(*sub.add_output(), outs[i], g.outputs()[i]->type);
  return outs;
}

}  // namespace ptonnx
