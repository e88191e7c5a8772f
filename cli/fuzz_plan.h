// `ptonnx fuzz`: what to fuzz. The options are validated here and turned
// into properties (Tasks), each with its own seed, derived exactly as the
// tier suites derive theirs (suites/harness/suite_main.cpp), so a suite
// failure's "regenerate:" command reproduces the same cases.
//
// The seed rule. When the flags name exactly one property (--op with
// --dtype and --opset, or --graphs with --opset), --seed is that property's
// own seed: this is the form of every printed "regenerate:" command.
// Otherwise --seed is the base seed and each property's seed is
// harness::property_seed(base, op, dtype, opset) (graphs: (base, "graphs",
// "tier<N>", opset)). Without --seed the base is PTONNX_SEED or the suites'
// default, so `ptonnx fuzz --tier 1` runs the tier-1 suite's properties.
// With --seconds, round 0 uses these seeds and round r > 0 derives fresh
// ones from round_seed(seed, r).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "suites/harness/property.h"

namespace ptonnx::cli::fuzz {

struct Options {
  std::string op;
  int tier = 0;  // 0: not given
  bool graphs = false;
  int cases = 0;       // 0: the suites' default budget
  double seconds = 0;  // 0: one round only
  std::optional<uint64_t> seed;
  int opset = 0;  // 0: every opset 13..18
  std::string dtype;
  int jobs = 1;
  std::string out = "fuzz-out";
  bool isolate = false;
  bool quiet = false;              // only failures and the summary
  bool adversarial = false;        // run on the spec-adversarial runtime
  std::string backend = "builtin";  // builtin, ort or both (check::DriverOptions::Backend)
  double timeout = 0;              // 0: not given (60 s under --isolate)
  std::string program = "ptonnx";  // the name the regenerate commands use
};

// One property: an (op, dtype, opset) or a random-graph (tier, opset).
struct Task {
  std::string op;  // empty: random graphs
  std::string dtype;
  int opset = 17;
  int tier = 0;
  uint64_t seed = 0;
  int cases = 40;
  int round = 0;
  bool adversarial = false;
  std::string backend = "builtin";

  std::string what() const;                               // "Add float32 opset 15"
  std::string command(const std::string& program) const;  // the exact regenerate command
  std::string bundle_name() const;                        // the folder name property.cpp gives its bundle
};

struct Plan {
  std::vector<Task> first_round;  // round 0, in a fixed order
  bool single = false;            // --seed is the property seed (see the rule above)
  uint64_t seed = 0;              // the base seed, or the single property's seed
};

// Validates the options (throws ValidationError with a precise message:
// unknown op or dtype, opset outside 13..18, conflicting flags) and lists
// round 0's properties.
Plan make_plan(const Options& options);

// The properties of round r (r = 0 is the plan itself).
std::vector<Task> round_tasks(const Plan& plan, int round);

// r == 0: seed; otherwise a well-mixed seed of its own for round r.
uint64_t round_seed(uint64_t seed, int round);

// Runs one property in this process. `on_case` is called after every case.
harness::PropertyResult run_task(const Task& task, const std::string& bundle_root, const std::string& program,
                                 std::function<void()> on_case);

}  // namespace ptonnx::cli::fuzz
