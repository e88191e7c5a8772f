// Properties over generated cases: the one place where a generator, the
// differential driver, rapidcheck's search and shrinking, the spec's
// strict expectations, result records and repro bundles meet. Used by the
// tier suites and by `ptonnx fuzz`, so a suite failure and a fuzz run with
// the same seed and budget generate the same cases.
#pragma once

#include <functional>
#include <string>

#include "check/driver.h"
#include "generators/random_graph.h"
#include "generators/sample_spec.h"
#include "suites/harness/records.h"

namespace ptonnx::harness {

struct PropertyConfig {
  std::string suite = "adhoc";  // result record suite / bundle folder
  int tier = 0;
  int cases = 25;     // successful cases to run (rapidcheck maxSuccess)
  // rapidcheck's size bound. rc::gen::inRange scales its range with the
  // size, so below the nominal 100 the generators never reach their
  // documented limits (at 50: ranks <= 2 of 4, dims <= 4 of 5, random
  // graphs of <= 6 grow steps of 10); the size still ramps up from 0 over
  // a property's cases, small cases first.
  int max_size = rc::kNominalSize;
  uint64_t seed = 0;  // the property's own seed (see property_seed)
  bool write_bundle = true;
  bool adversarial = false;  // run on the spec-adversarial runtime (DriverOptions::adversarial)
  check::DriverOptions::Backend backend = check::DriverOptions::Backend::Builtin;  // where the model runs
  std::string bundle_root;  // default: <results_dir>/bundles/<suite>
  std::string program = "ptonnx";  // names the regenerate command ("<program> fuzz ...")
  std::function<void()> on_case;   // called after every case run (progress display)
  // Shrink a failing case (rapidcheck's search for a minimal one). `ptonnx
  // mutate` turns it off: it needs only whether some case fails.
  bool shrink = true;
  check::DriverOptions::ModelTransform model_transform = nullptr;  // check::DriverOptions::model_transform
};

struct PropertyResult {
  ResultRecord record;
  bool ok = false;     // pass, or a declared-unsupported combination confirmed
  std::string report;  // human-readable: verdict, seed, shrunk case, diagnostics, replay
  int64_t cases_run = 0;
  check::Outcome outcome = check::Outcome::Pass;  // the failing case's outcome when the property failed
};

// A property seed derived from the base seed and the combination, so every
// (op, dtype, opset) is reproducible on its own and independent of the rest.
uint64_t property_seed(uint64_t base, const std::string& op, const std::string& dtype, int opset);
// PTONNX_SEED from the environment, or the fixed default (CI is repeatable).
uint64_t base_seed();
// PTONNX_CASES from the environment (the per-property budget), or fallback.
int budget_cases(int fallback);
// The default budgets of the tier suites and of `ptonnx fuzz` (which must
// agree, so a suite's seeds regenerate the same cases): cases per op
// property, and per random-graph property (graphs are few, so more each).
inline constexpr int kDefaultOpCases = 100;
inline constexpr int kGraphCasesFactor = 10;
inline int default_op_cases() { return budget_cases(kDefaultOpCases); }
inline int default_graph_cases() { return budget_cases(kDefaultOpCases) * kGraphCasesFactor; }

PropertyResult run_op_property(const gen::SampleSpec& spec, DType dtype, int opset, const PropertyConfig& config);
PropertyResult run_graph_property(const gen::GraphOptions& options, int opset, const PropertyConfig& config);

// The random-graph options of a tier's graph properties (shared by the tier
// suites and `ptonnx fuzz --graphs --tier N`, so both draw the same graphs).
gen::GraphOptions suite_graph_options(int tier);

// The command that regenerates a property's cases.
std::string fuzz_command(const std::string& op, const std::string& dtype, int opset, uint64_t seed, int cases,
                         const std::string& program = "ptonnx", bool adversarial = false,
                         check::DriverOptions::Backend backend = check::DriverOptions::Backend::Builtin);

}  // namespace ptonnx::harness
