// `ptonnx replay DIR`: reruns a repro bundle written by `ptonnx fuzz` or a
// tier suite and says whether its failure still reproduces.
//
// A case bundle (graph.json + inputs) goes through the differential driver
// again, without the generator. A crash bundle (the property's process died
// or hung, so no case was saved) reruns its property from the seed in a
// child process. Exit status: 1 when the failure reproduces (or the case
// fails in another way), 0 when it now passes, 2 when DIR is no bundle.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <type_traits>

#include "check/driver.h"
#include "cli/errors.h"
#include "cli/fuzz_pool.h"
#include "core/error.h"
#include "subcommands.h"
#include "suites/harness/bundle.h"

namespace ptonnx::cli {
namespace {

nlohmann::json read_meta(const std::string& dir) {
  std::ifstream in(dir + "/case.json");
  if (!in) throw ValidationError("'" + dir + "' is not a repro bundle (no case.json)");
  nlohmann::json meta;
  try {
    meta = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw ValidationError("'" + dir + "/case.json' does not parse: " + e.what());
  }
  if (!meta.is_object())
    throw ValidationError("'" + dir + "/case.json' holds a JSON " + std::string(meta.type_name()) + ", not an object");
  return meta;
}

// meta[key], or `fallback` when absent or null; a value of the wrong type is
// a ValidationError naming the field (nlohmann's own message does not).
template <typename T>
T meta_value(const nlohmann::json& meta, const char* key, T fallback) {
  auto it = meta.find(key);
  if (it == meta.end() || it->is_null()) return fallback;
  const bool ok = std::is_same_v<T, std::string> ? it->is_string()
                  : std::is_same_v<T, bool>      ? it->is_boolean()
                  : std::is_floating_point_v<T>  ? it->is_number()
                  : std::is_unsigned_v<T>        ? it->is_number_unsigned()
                                                 : it->is_number_integer();
  if (!ok)
    throw ValidationError("case.json: field \"" + std::string(key) + "\" has the wrong type (" + it->type_name() + " " +
                          it->dump() + ")");
  return it->get<T>();
}

std::string program_name(const CLI::App& cmd) {
  const std::string base = std::filesystem::path(cmd.get_parent()->get_name()).filename().string();
  return base.empty() ? "ptonnx" : base;
}

int replay_crash(const std::string& dir, const nlohmann::json& meta, const std::string& program) {
  fuzz::Task t;
  t.op = meta_value(meta, "op", std::string());
  t.dtype = meta_value(meta, "dtype", std::string());
  t.opset = meta_value(meta, "opset", 17);
  t.tier = meta_value(meta, "tier", 0);
  t.seed = meta_value(meta, "seed", uint64_t{0});
  t.cases = meta_value(meta, "cases", 40);
  t.adversarial = meta_value(meta, "adversarial", false);
  t.backend = meta_value(meta, "backend", std::string("builtin"));
  fuzz::PoolSettings s;
  s.timeout = meta_value(meta, "timeout", 0.0) > 0 ? meta_value(meta, "timeout", 0.0) : 60.0;
  s.bundle_root = dir + "/replay";
  s.program = program;
  std::cout << "recorded: " << meta_value(meta, "summary", std::string())
            << "\nrerunning the property in a child process (" << t.command(program) << ", timeout " << s.timeout
            << " s)\n";
  const harness::PropertyResult r = fuzz::run_isolated(t, s);
  const std::string status = r.record.status;
  if (status == "crash" || status == "timeout") {
    std::cout << "fresh:    " << r.record.failure << "\nREPRODUCED: the property still "
              << (status == "crash" ? "crashes" : "hangs") << "\n";
    return 1;
  }
  std::cout << "fresh:    " << r.report;
  if (r.ok) {
    std::cout << "FIXED: the property no longer crashes and passes\n";
    return 0;
  }
  std::cout << "the property no longer crashes, but it fails (see above)\n";
  return 1;
}

// The recorded outcome against the fresh one: 1 if still failing.
int verdict(const std::string& recorded, const check::CaseResult& fresh) {
  const std::string now(check::outcome_name(fresh.outcome));
  if (recorded == "pass") {  // a declared-unsupported combination that passed
    if (now == "pass")
      std::cout << "REPRODUCED: still passes although its spec declares it unsupported\n";
    else
      std::cout << "FIXED: no longer passes (now " << now << "); check the spec's declaration\n";
    return now == "pass" ? 1 : 0;
  }
  if (now == recorded) {
    std::cout << "REPRODUCED: the same outcome (" << now << ")\n";
    return 1;
  }
  if (now == "pass" || now == "out_of_domain") {
    std::cout << "FIXED: the case now " << (now == "pass" ? "passes" : "is out of the op's domain")
              << "; the recorded failure no longer reproduces\n";
    return 0;
  }
  std::cout << "STILL FAILING, differently: recorded " << recorded << ", now " << now << "\n";
  return 1;
}

int replay(const std::string& dir, const std::string& program) {
  const nlohmann::json meta = read_meta(dir);
  if (meta_value(meta, "kind", std::string()) == "crash") return replay_crash(dir, meta, program);
  const std::string recorded = meta_value(meta, "outcome", std::string());
  std::cout << "recorded: " << meta_value(meta, "summary", std::string()) << " (seed "
            << meta_value(meta, "seed", uint64_t{0}) << ")\n  outcome: " << recorded << "\n  "
            << meta_value(meta, "message", std::string()) << "\n";
  const harness::Replay rp = harness::replay_bundle(dir);
  std::cout << "fresh:    " << rp.c.graph->nodes().size() << " node(s), " << rp.c.inputs.size() << " input(s), opset "
            << rp.opset << "\n  outcome: " << check::outcome_name(rp.result.outcome) << "\n  " << rp.result.message
            << "\n";
  if (meta.contains("command")) std::cout << "regenerate: " << meta_value(meta, "command", std::string()) << "\n";
  return verdict(recorded, rp.result);
}

}  // namespace

void register_replay(CLI::App& app) {
  auto dir = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("replay", "Rerun a repro bundle and say whether its failure reproduces");
  cmd->add_option("bundle", *dir, "the bundle folder (printed by ptonnx fuzz or a tier suite)")->required();
  cmd->callback([dir, cmd] {
    guarded_callback(
        "replay", [&] { return replay(*dir, program_name(*cmd)); }, kExitUsage);
  });
}

}  // namespace ptonnx::cli
