// Result records: one JSON object per line, read by reports/ (the format is
// documented in docs/reports.md). Each process appends to its own file in
// the results folder, so parallel CTest runs never interleave lines.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace ptonnx::harness {

struct ResultRecord {
  std::string kind = "op";  // "op" | "graph"
  std::string suite;        // "tier1", ...
  std::string op;           // empty for graph records
  int tier = 0;
  std::string dtype;        // empty for graph records
  int opset = 0;
  int cases = 0;
  std::string status;    // pass | fail | unsupported | unexpected_pass | error | backend_defect
  std::string reason;    // for unsupported: the spec's reason
  std::string category;  // for unsupported: onnx_cannot_express | not_built | known_bug
  uint64_t seed = 0;
  std::string failure;   // the shrunk counterexample and its diagnostics
  std::string bundle;    // the repro bundle's folder
  // Graph records: in how many passing cases each op appeared, the
  // evidence that the random graphs really exercise an op.
  std::map<std::string, int> op_counts;

  nlohmann::json to_json() const;
  // The inverse of to_json (the time stamp is not kept): how a forked fuzz
  // worker hands its record back, so every field must survive.
  static ResultRecord from_json(const nlohmann::json& j);
};

// ${PTONNX_RESULTS_DIR} (set by CTest), else ./results.
std::string results_dir();
// Appends a line to <results_dir>/<file_stem>.jsonl.
void append_record(const std::string& file_stem, const nlohmann::json& record);
// Starts <results_dir>/<file_stem>.jsonl afresh with one {"kind":"run"}
// record: a suite run owns its file, so running a tier twice replaces its
// records instead of doubling them (docs/reports.md).
void start_record_file(const std::string& file_stem, const nlohmann::json& run_record);
// The current time as the records write it: 2026-12-01T05:20:35Z.
std::string utc_timestamp();

}  // namespace ptonnx::harness
