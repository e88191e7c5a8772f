// Repro bundles: everything needed to reproduce one failing case without
// the generator: the graph as JSON, the inputs as TensorProto files, the
// ONNX model and its text form, the oracle's and the runtime's outputs, the
// seed and the exact command. `ptonnx replay DIR` re-runs it.
#pragma once

#include <string>

#include "check/driver.h"
#include "generators/sample_spec.h"

namespace ptonnx::harness {

struct BundleInfo {
  uint64_t seed = 0;
  int opset = 17;
  std::string command;  // the command line that regenerates the case
  std::string summary;  // what failed
  bool signed_zero = false;  // the property compared the sign of zeros (check::DriverOptions)
  bool adversarial = false;  // the property ran on the spec-adversarial runtime
  check::DriverOptions::Backend backend = check::DriverOptions::Backend::Builtin;
};

// Writes the bundle into `dir` (created); returns dir.
std::string write_bundle(const std::string& dir, const gen::Case& c, const check::CaseResult& r,
                         const BundleInfo& info);

// Loads a bundle's graph and inputs and runs it through the driver again.
struct Replay {
  gen::Case c;
  int opset = 17;
  check::CaseResult result;
  std::string recorded_summary;
};
Replay replay_bundle(const std::string& dir);

}  // namespace ptonnx::harness
