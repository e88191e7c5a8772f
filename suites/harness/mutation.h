// Mutation testing of an op's property (`ptonnx mutate`, docs/mutate.md):
// plant one mutation (suites/harness/mutants.h) in every model the
// converter exports for the property's cases, run the property exactly as
// the tier suite does (same generator, seed and comparison, a small case
// budget, no shrinking) and see whether it now fails.
//
// Verdicts: killed (the property failed with a mismatch), survived (it
// passed although the mutant computes something else on some input),
// equivalent (it passed, and the original and the mutant gave bitwise
// identical outputs on every property case and on a deterministic set of
// special inputs: most likely no input tells them apart), invalid (the
// mutant fails the ONNX checker, strict shape inference or the output type
// check, or does not run). The score is killed / (killed + survived).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "generators/sample_spec.h"
#include "suites/harness/mutants.h"

namespace ptonnx::harness::mutate {

enum class Verdict { Killed, Survived, Equivalent, Invalid };
std::string_view verdict_name(Verdict v);

struct Config {
  uint64_t base_seed = 0;  // the suites' base seed: each property's seed is property_seed(base, op, dtype, opset)
  int opset = 17;
  int cases = 100;       // cases per mutant's property run (and per dtype when listing mutants)
  int max_mutants = 64;  // per op, spread over its dtypes
  std::string program = "ptonnx";
};

struct PlannedMutant {
  int index = 0;  // in the op's plan: `--mutant K`
  DType dtype = DType::Float32;
  uint64_t seed = 0;  // the property's seed
  Mutant mutant;
};

struct OpPlan {
  std::vector<PlannedMutant> mutants;
  std::vector<std::string> notes;  // dtypes skipped, and why
};

// The op's mutants: for each dtype of its spec (except those declared
// unsupported at the opset), the mutants of the models its property's
// cases export, deduplicated, in order; then, round robin over the
// dtypes, at most max_mutants of them. Deterministic given the config.
OpPlan plan_mutants(const gen::SampleSpec& spec, const Config& cfg);

struct MutantResult {
  std::string op;
  int tier = 0;
  std::string dtype;
  int opset = 0;
  int index = 0;
  std::string kind, mutation;
  Verdict verdict = Verdict::Invalid;
  std::string detail;       // why: the killing case, the distinguishing input, the checker's message
  int64_t cases = 0;        // property cases run
  int applied = 0;          // cases whose model the mutation applied to
  int inputs_compared = 0;  // for equivalent: the inputs on which the two models agreed bitwise
  uint64_t seed = 0;
  std::string command;  // reproduces this mutant alone
  std::string report;   // the property's report (with --mutant: the shrunk killing case)

  nlohmann::json to_json() const;
};

// Runs one planned mutant. `shrink`: shrink the killing case (for a single
// mutant run; a scan only needs the verdict).
MutantResult run_mutant(const gen::SampleSpec& spec, const PlannedMutant& pm, const Config& cfg, bool shrink = false);

struct OpScore {
  std::string op;
  int tier = 0;
  int opset = 0;
  int tried = 0, killed = 0, survived = 0, equivalent = 0, invalid = 0;
  // killed / (killed + survived); negative when no mutant counts.
  double score() const { return killed + survived ? double(killed) / (killed + survived) : -1.0; }
  nlohmann::json to_json(const Config& cfg) const;
};
OpScore summarize(const std::string& op, int tier, int opset, const std::vector<MutantResult>& results);

// The command that reruns mutant `index` of `op` alone.
std::string mutant_command(const std::string& op, const Config& cfg, int index);

}  // namespace ptonnx::harness::mutate
