// `ptonnx check GRAPH.json --input NAME=VALUE ... [--opset N | --all-opsets]
// [--adversarial] [--signed-zero] [--max-print N]`: the differential check
// on a graph the user wrote, with the user's values. The graph goes through
// the converter, the exported model through the built-in runtime, and the
// source graph through the oracle (NumPy/PyTensor semantics); the outputs
// are compared under the suites' policy (docs/comparison.md). Prints each
// output's expected and actual values and the verdict per opset.
// Exit codes: 0 every opset passed, 1 a mismatch or error (bad input too),
// 2 the converter refused the graph (a documented limitation), 3 a limit.
#include <iostream>
#include <map>
#include <memory>

#include "check/driver.h"
#include "cli/errors.h"
#include "cli/input_values.h"
#include "convert/export.h"
#include "core/error.h"
#include "graph/json.h"
#include "subcommands.h"

namespace ptonnx::cli {
namespace {

struct CheckArgs {
  std::string graph;
  std::vector<std::string> inputs;
  int opset = ExportOptions{}.opset;
  bool all_opsets = false, adversarial = false, signed_zero = false;
  std::string backend = "builtin";
  int64_t max_print = 16;
};

// The graph's inputs in order, from NAME=VALUE options; every input needs
// exactly one value and every value an input.
std::vector<Tensor> bind_inputs(const FunctionGraph& g, const std::vector<std::string>& options) {
  std::map<std::string, Tensor> given;
  for (const auto& o : options) {
    auto [name, t] = parse_input_option(o, int64_t{1} << 28);
    if (given.count(name)) throw ValidationError("--input " + name + " given twice");
    given.emplace(name, std::move(t));
  }
  std::string names;
  for (const auto& v : g.inputs()) names += (names.empty() ? "" : ", ") + v->name;
  std::vector<Tensor> out;
  for (const auto& v : g.inputs()) {
    auto it = given.find(v->name);
    if (it == given.end())
      throw ValidationError("no --input for graph input '" + v->name + "' (" + v->type.to_string() +
                            "); the graph's inputs are: " + names);
    out.push_back(std::move(it->second));
    given.erase(it);
  }
  if (!given.empty())
    throw ValidationError("--input " + given.begin()->first +
                          ": the graph has no such input (its inputs are: " + names + ")");
  return out;
}

int check(const CheckArgs& args) {
  const FunctionGraph g = load_graph(args.graph);
  const std::vector<Tensor> inputs = bind_inputs(g, args.inputs);
  const int lo = args.all_opsets ? kMinOpset : args.opset, hi = args.all_opsets ? kMaxOpset : args.opset;
  int exit_code = kExitOk;
  for (int opset = lo; opset <= hi; ++opset) {
    check::DriverOptions o;
    o.opset = opset;
    o.adversarial = args.adversarial;
    o.signed_zero = args.signed_zero;
    o.backend = check::parse_backend(args.backend);
    const check::CaseResult r = check::run_case(g, inputs, o);
    std::cout << "opset " << opset << (args.adversarial ? " (spec-adversarial runtime)" : "")
              << (args.backend != "builtin" ? " (backend " + args.backend + ")" : "") << ": "
              << check::outcome_name(r.outcome) << "\n";
    for (size_t i = 0; i < g.outputs().size(); ++i) {
      const std::string name = g.outputs()[i]->name.empty() ? "output " + std::to_string(i) : g.outputs()[i]->name;
      if (i < r.expected.size())
        std::cout << "  " << name << " expected (oracle):  " << r.expected[i].describe() << " "
                  << r.expected[i].values_to_string(args.max_print) << "\n";
      if (i < r.actual.size())
        std::cout << "  " << name << " actual (runtime):   " << r.actual[i].describe() << " "
                  << r.actual[i].values_to_string(args.max_print) << "\n";
    }
    if (r.outcome != check::Outcome::Pass) {
      std::cout << "  " << r.message << "\n";
      const int code = r.outcome == check::Outcome::Unsupported ? kExitUsage : kExitFailure;
      if (exit_code == kExitOk || code == kExitFailure) exit_code = code;
    }
  }
  return exit_code;
}

}  // namespace

void register_check(CLI::App& app) {
  auto args = std::make_shared<CheckArgs>();
  auto* cmd = app.add_subcommand(
      "check", "Check a graph (JSON) end to end with your inputs: converter + runtime against the oracle");
  cmd->add_option("graph", args->graph, "GRAPH.json (see docs/graph-json.md)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--input,-i", args->inputs,
                  "NAME=FILE.npy, NAME=FILE.pb or NAME=[1,2,3]:float32 (inline; scalars as 2.5:float64), one per "
                  "graph input");
  auto* opset =
      cmd->add_option("--opset", args->opset, "ONNX opset to export (13-18)")->check(CLI::Range(kMinOpset, kMaxOpset));
  cmd->add_flag("--all-opsets", args->all_opsets, "check at every opset 13-18")->excludes(opset);
  cmd->add_option("--backend", args->backend,
                  "run the model on builtin (default), ort (ONNX Runtime) or both, each against the oracle")
      ->check(CLI::IsMember({"builtin", "ort", "both"}));
  cmd->add_flag("--adversarial", args->adversarial,
                "run on the spec-adversarial runtime (another answer wherever ONNX leaves one open)");
  cmd->add_flag("--signed-zero", args->signed_zero, "compare the sign of zero results too");
  cmd->add_option("--max-print", args->max_print, "values printed per output")->check(CLI::NonNegativeNumber);
  cmd->callback([args] { guarded_callback("check", [&] { return check(*args); }); });
}

}  // namespace ptonnx::cli
