// The FunctionGraph "converter": names every value, turns constants and
// shared variables into initializers, dispatches each node to its
// registered converter in topological order, and declares the graph inputs
// and outputs with their types.
#include "convert/export.h"

#include <algorithm>
#include <fstream>
#include <unordered_set>

#include "convert/context.h"
#include "convert/errors.h"
#include "convert/graph_emit.h"
#include "convert/registry.h"
#include "convert/validate.h"

namespace ptonnx {
namespace {

// ONNX IR version paired with each opset by the ONNX release that
// introduced it (1.8: IR 7 / opset 13, 1.9: 7 / 14, 1.10-1.13: 8 / 15-18).
int64_t ir_version_for(int opset) { return opset <= 14 ? 7 : 8; }

void name_inputs(ConversionContext& ctx, const FunctionGraph& g) {
  // Inputs first: they are the model's interface, so they keep their user
  // names whenever those are unique among the inputs.
  for (size_t i = 0; i < g.inputs().size(); ++i) {
    const auto& in = g.inputs()[i];
    ctx.bind(*in, ctx.unique_name(in->name.empty() ? "input" + std::to_string(i) : in->name));
  }
}

// Graph outputs, in order. An output that is an input, an initializer or an
// earlier output gets its own name through an Identity, so that every ONNX
// graph output is a distinct value produced by a node.
void declare_outputs(ConversionContext& ctx, const FunctionGraph& g, onnx::GraphProto& graph) {
  std::unordered_set<std::string> taken;
  for (size_t i = 0; i < g.outputs().size(); ++i) {
    const Variable& v = *g.outputs()[i];
    std::string name = ctx.name_of(v);
    if (v.kind != VarKind::Intermediate || !taken.insert(name).second) {
      ctx.begin_glue("Output_" + std::to_string(i));
      const std::string source = name;
      name = ctx.unique_name(v.kind == VarKind::Intermediate ? name : name + "_out");
      ctx.emit("Identity", {source}, {name});
      taken.insert(name);
    }
    set_value_info(*graph.add_output(), name, v.type);
  }
}

}  // namespace

onnx::ModelProto export_onnx(const FunctionGraph& g, const ExportOptions& opts) {
  onnx::ModelProto model;
  export_onnx_into(g, opts, model);
  return model;
}

void export_onnx_into(const FunctionGraph& g, const ExportOptions& opts, onnx::ModelProto& model) {
  if (opts.opset < kMinOpset || opts.opset > kMaxOpset)
    throw UnsupportedError("export: opset " + std::to_string(opts.opset) + " is not supported; ptonnx exports opsets " +
                           std::to_string(kMinOpset) + " to " + std::to_string(kMaxOpset));
  // Clear() keeps the message's allocations (protobuf reuses cleared
  // repeated elements and string buffers) and resets every field, so the
  // result is the same message a fresh ModelProto would give.
  model.Clear();
  model.set_ir_version(ir_version_for(opts.opset));
  model.set_producer_name("ptonnx");
  model.set_producer_version(PTONNX_VERSION);
  if (!opts.doc_string.empty()) model.set_doc_string(opts.doc_string);
  auto* opset = model.add_opset_import();
  opset->set_domain("");
  opset->set_version(opts.opset);
  onnx::GraphProto& graph = *model.mutable_graph();
  graph.set_name(opts.model_name);

  ConversionContext ctx(graph, opts.opset);
  // Each node usually has one output and converters add a few temporaries.
  ctx.reserve(2 * (g.inputs().size() + g.constants().size() + g.nodes().size()) + 16);
  graph.mutable_node()->Reserve(static_cast<int>(std::min<size_t>(g.nodes().size(), 1u << 30)));
  name_inputs(ctx, g);
  for (const auto& in : g.inputs()) set_value_info(*graph.add_input(), ctx.name_of(*in), in->type);
  emit_graph_nodes(ctx, g);
  declare_outputs(ctx, g, graph);

  if (opts.validate && opts.opset <= kMaxCheckedOpset) validate_export(model, g);
}

void export_onnx_file(const FunctionGraph& g, const std::string& path, const ExportOptions& opts) {
  write_model_file(export_onnx(g, opts), path);
}

void write_model_file(const onnx::ModelProto& model, const std::string& path) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) throw Error("export: cannot open '" + path + "' for writing");
  if (!model.SerializeToOstream(&f) || !f.flush()) throw Error("export: writing the model to '" + path + "' failed");
}

}  // namespace ptonnx
