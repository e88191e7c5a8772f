#include "suites/harness/bundle.h"

#include <onnx/defs/printer.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/tensor_proto.h"
#include "graph/json.h"

namespace ptonnx::harness {
namespace fs = std::filesystem;

namespace {
// The program the regenerate command runs ("ptonnx", or a test build).
std::string program(const BundleInfo& info) {
  const auto space = info.command.find(' ');
  return space == std::string::npos || space == 0 ? "ptonnx" : info.command.substr(0, space);
}
}  // namespace

std::string write_bundle(const std::string& dir, const gen::Case& c, const check::CaseResult& r,
                         const BundleInfo& info) {
  fs::create_directories(dir);
  save_graph(*c.graph, dir + "/graph.json");
  for (size_t i = 0; i < c.inputs.size(); ++i)
    write_tensor_proto_file(c.inputs[i], dir + "/input_" + std::to_string(i) + ".pb", c.graph->inputs()[i]->name);
  for (size_t i = 0; i < r.expected.size(); ++i)
    write_tensor_proto_file(r.expected[i], dir + "/oracle_output_" + std::to_string(i) + ".pb");
  for (size_t i = 0; i < r.actual.size(); ++i)
    write_tensor_proto_file(r.actual[i], dir + "/runtime_output_" + std::to_string(i) + ".pb");
  if (r.model) {
    std::ofstream(dir + "/model.onnx", std::ios::binary) << r.model->SerializeAsString();
    std::ofstream txt(dir + "/model.txt");
    for (const auto& op : r.model->opset_import()) txt << "# opset " << op.domain() << " " << op.version() << "\n";
    onnx::operator<<(txt, r.model->graph()) << "\n";
  }
  nlohmann::json meta = {{"seed", info.seed},
                         {"opset", info.opset},
                         {"signed_zero", info.signed_zero},
                         {"adversarial", info.adversarial},
                         {"backend", std::string(check::backend_name(info.backend))},
                         {"outcome", std::string(check::outcome_name(r.outcome))},
                         {"summary", info.summary},
                         {"message", r.message},
                         {"command", info.command},
                         {"replay", program(info) + " replay " + dir},
                         {"inputs", c.inputs.size()}};
  std::ofstream(dir + "/case.json") << meta.dump(1) << "\n";
  std::ostringstream readme;
  readme << "# Repro bundle\n\n" << info.summary << "\n\nOutcome: " << check::outcome_name(r.outcome) << "\n\n```\n"
         << r.message << "\n```\n\nReplay: `" << program(info) << " replay " << dir << "`\n\nRegenerate: `" << info.command
         << "`\n\nFiles: graph.json (the source graph), input_K.pb, model.onnx / model.txt, "
            "oracle_output_K.pb (expected), runtime_output_K.pb (actual), case.json.\n";
  std::ofstream(dir + "/README.md") << readme.str();
  return dir;
}

Replay replay_bundle(const std::string& dir) {
  std::ifstream meta_in(dir + "/case.json");
  if (!meta_in) throw ValidationError("'" + dir + "' is not a repro bundle (no case.json)");
  nlohmann::json meta;
  try {
    meta = nlohmann::json::parse(meta_in);
  } catch (const nlohmann::json::exception& e) {
    throw ValidationError("'" + dir + "/case.json' does not parse: " + e.what());
  }
  Replay rp;
  rp.opset = meta.value("opset", 17);
  rp.recorded_summary = meta.value("summary", "");
  rp.c.graph = std::make_shared<FunctionGraph>(load_graph(dir + "/graph.json"));
  const size_t n = meta.value("inputs", size_t{0});
  for (size_t i = 0; i < n; ++i) rp.c.inputs.push_back(read_tensor_proto_file(dir + "/input_" + std::to_string(i) + ".pb"));
  rp.c.label = "replay of " + dir;
  check::DriverOptions opts;
  opts.opset = rp.opset;
  opts.signed_zero = meta.value("signed_zero", false);
  opts.adversarial = meta.value("adversarial", false);
  opts.backend = check::parse_backend(meta.value("backend", std::string("builtin")));
  rp.result = check::run_case(*rp.c.graph, rp.c.inputs, opts);
  return rp;
}

}  // namespace ptonnx::harness
