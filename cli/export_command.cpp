// `ptonnx export GRAPH.json [-o MODEL.onnx] [--opset N] [--no-validate] [--text]`
// Loads a graph in the JSON format (docs/graph-json.md), converts it with
// lib/convert and writes the model, prints it in ONNX text form, or both. Exit codes (cli/errors.h): 0 ok, 1
// failure (bad graph, validation failure, I/O), 2 a documented limitation
// (UnsupportedError: an op without a converter, a refused dtype or opset),
// 3 a resource limit (a constant over the element limit).
#include <onnx/defs/printer.h>

#include <iostream>
#include <memory>

#include "cli/errors.h"
#include "convert/export.h"
#include "core/tensor_proto.h"
#include "graph/json.h"
#include "subcommands.h"

namespace ptonnx::cli {
namespace {

struct ExportArgs {
  std::string graph;
  std::string output;
  int opset = ExportOptions{}.opset;
  bool no_validate = false;
  bool text = false;
};

// Initializer values shown in the text form: enough to read a constant,
// not a dump of a large one.
constexpr int kShownValues = 16;

// The ONNX text form of the whole model: the opsets it imports (the graph
// text alone does not say which), the graph, and each initializer's dtype,
// shape and values, which ONNX 1.12's graph printer leaves out.
void print_model_text(const onnx::ModelProto& m, std::ostream& os) {
  os << "<ir_version: " << m.ir_version() << ", opset_import: [";
  for (int i = 0; i < m.opset_import_size(); ++i)
    os << (i ? ", " : "") << '"' << m.opset_import(i).domain() << "\" : " << m.opset_import(i).version();
  os << "], producer_name: \"" << m.producer_name() << "\">\n" << m.graph() << "\n";
  if (m.graph().initializer_size() == 0) return;
  os << "initializers:\n";
  for (const auto& init : m.graph().initializer()) {
    const Tensor t = from_tensor_proto(init);
    os << "  " << init.name() << ": " << t.describe() << " " << t.values_to_string(kShownValues) << "\n";
  }
}

void run_export(const ExportArgs& args) {
  const FunctionGraph g = load_graph(args.graph);
  ExportOptions opts;
  opts.opset = args.opset;
  opts.validate = !args.no_validate;
  const onnx::ModelProto model = export_onnx(g, opts);
  if (!args.output.empty()) write_model_file(model, args.output);
  if (args.text) print_model_text(model, std::cout);
}

}  // namespace

void register_export(CLI::App& app) {
  auto args = std::make_shared<ExportArgs>();
  auto* cmd = app.add_subcommand("export", "Convert a graph (JSON) to an ONNX model");
  cmd->add_option("graph", args->graph, "GRAPH.json (see docs/graph-json.md)")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", args->output, "MODEL.onnx to write (optional with --text)");
  cmd->add_option("--opset", args->opset, "ONNX opset (13-18; 18 is not checked by ONNX 1.12's checker)")
      ->check(CLI::Range(kMinOpset, kMaxOpset));
  cmd->add_flag("--no-validate", args->no_validate, "skip the ONNX checker and strict shape inference");
  cmd->add_flag("--text", args->text, "print the model in ONNX text form (opsets, graph, initializer values)");
  cmd->callback([args] {
    if (args->output.empty() && !args->text) {  // a usage error (exit 2), not a bad graph
      std::cerr << "ptonnx export: nothing to do: give -o MODEL.onnx to write the model, --text to print it, or both\n";
      throw CLI::RuntimeError(kExitUsage);
    }
    guarded_callback("export", [&] {
      run_export(*args);
      return 0;
    });
  });
}

}  // namespace ptonnx::cli
