// `ptonnx export GRAPH.json -o MODEL.onnx [--opset N] [--no-validate] [--text]`
// Loads a graph in the JSON format (docs/graph-json.md), converts it with
// lib/convert and writes the model. Exit codes (cli/errors.h): 0 ok, 1
// failure (bad graph, validation failure, I/O), 2 a documented limitation
// (UnsupportedError: an op without a converter, a refused dtype or opset),
// 3 a resource limit (a constant over the element limit).
#include <onnx/defs/printer.h>

#include <iostream>
#include <memory>

#include "cli/errors.h"
#include "convert/export.h"
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

void run_export(const ExportArgs& args) {
  const FunctionGraph g = load_graph(args.graph);
  ExportOptions opts;
  opts.opset = args.opset;
  opts.validate = !args.no_validate;
  export_onnx_file(g, args.output, opts);
  if (args.text) {
    // Re-export rather than re-read: the same graph gives the same model.
    opts.validate = false;
    std::cout << export_onnx(g, opts).graph() << "\n";
  }
}

}  // namespace

void register_export(CLI::App& app) {
  auto args = std::make_shared<ExportArgs>();
  auto* cmd = app.add_subcommand("export", "Convert a graph (JSON) to an ONNX model");
  cmd->add_option("graph", args->graph, "GRAPH.json (see docs/graph-json.md)")->required()->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", args->output, "MODEL.onnx to write")->required();
  cmd->add_option("--opset", args->opset, "ONNX opset (13-18; 18 is not checked by ONNX 1.12's checker)")
      ->check(CLI::Range(kMinOpset, kMaxOpset));
  cmd->add_flag("--no-validate", args->no_validate, "skip the ONNX checker and strict shape inference");
  cmd->add_flag("--text", args->text, "print the model's graph in ONNX text form");
  cmd->callback([args] {
    guarded_callback("export", [&] {
      run_export(*args);
      return 0;
    });
  });
}

}  // namespace ptonnx::cli
