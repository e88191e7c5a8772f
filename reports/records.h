// Result records: the JSON lines the tier suites, the inventory test and the
// conformance runner write into the results directory, and their loader.
//
// The record format is documented in docs/reports.md. Loading is tolerant:
// a malformed line (bad JSON, unknown kind or status, a missing or mistyped
// required field) is skipped with a warning naming the file and line; it
// never stops the load.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptonnx::reports {

// The outcome of one property run of a suite (kind "op" or "graph").
// BackendDefect: every case passed except those a documented, unavoidable
// ONNX Runtime defect explains (lib/check/ort_defects.h): not a failure.
enum class RunStatus { Pass, Fail, Unsupported, UnexpectedPass, Error, BackendDefect };

std::string_view run_status_name(RunStatus s);
std::optional<RunStatus> run_status_from_name(std::string_view name);
// Fail, UnexpectedPass and Error all count as failures.
bool is_failure(RunStatus s);

// Where a record came from: the file (relative to the results directory)
// and its 1-based line. Also the record's load order, used to pick "last".
struct Origin {
  std::string file;
  int line = 0;
};

// {"kind":"op", ...}: one property run of one op at one dtype and opset.
struct OpRecord {
  std::string suite;
  std::string op;
  int tier = 0;
  std::string dtype;
  int opset = 0;
  std::int64_t cases = 0;
  RunStatus status = RunStatus::Error;
  std::string reason;
  std::string category;  // for unsupported: onnx_cannot_express | not_built | known_bug
  std::string seed;      // decimal text, exact for 64-bit seeds; empty if absent
  std::string failure;
  std::string bundle;  // the replayable repro bundle's folder, if one was written
  std::string time;
  Origin origin;
};

// {"kind":"graph", ...}: one random-graph property run of a tier.
struct GraphRecord {
  std::string suite;
  int tier = 0;
  int opset = 0;
  std::int64_t cases = 0;
  RunStatus status = RunStatus::Error;
  std::string seed;
  std::string failure;
  std::string bundle;
  std::string time;
  Origin origin;
};

// {"kind":"inventory", ...}: which components exist for one op. A missing
// field means the component does not exist.
struct InventoryRecord {
  std::string op;
  bool ir = false;
  bool converter = false;
  bool oracle = false;
  bool spec = false;
  bool runtime_ops = false;
  // The dtypes its sample spec declares (the others are n/a: PyTensor's op
  // refuses them); empty when the record does not say (older records).
  std::vector<std::string> dtypes;
  Origin origin;
};

// One ONNX conformance case run by the built-in runtime (conformance.jsonl,
// written by suites/conformance; kind "conformance" or no kind with "case").
struct ConformanceRecord {
  std::string suite;   // "node", "simple", ...
  std::string name;    // "test_abs"
  std::string status;  // pass | fail | unsupported | error (others kept as is)
  std::vector<std::string> ops;
  std::vector<std::string> missing_ops;  // "ai.onnx:Conv@13"
  double max_abs_error = 0.0;
  std::string message;
  Origin origin;
};

// {"kind":"run", ...}: the first line of a file a suite run owns: which
// commit, when, with what command and budget.
struct RunRecord {
  std::string suite;
  std::string commit;
  std::string started;
  std::string command;
  // The budget: cases per op property and per random-graph property, and the
  // base seed (0 / empty when the record does not say).
  std::int64_t op_cases = 0;
  std::int64_t graph_cases = 0;
  std::string base_seed;
  Origin origin;
};

// {"kind":"mutation", ...}: one op's `ptonnx mutate` scan (docs/mutate.md):
// how many planted mutants its property killed.
struct MutationRecord {
  std::string op;
  int tier = 0;
  int opset = 0;
  int tried = 0, killed = 0, survived = 0, equivalent = 0, invalid = 0;
  std::optional<double> score;  // killed / (killed + survived); none when both are 0
  std::string time;
  Origin origin;
};

// {"kind":"mutant", ...}: one mutant of such a scan.
struct MutantRecord {
  std::string op;
  std::string dtype;
  int opset = 0;
  int index = 0;
  std::string mutation_kind;
  std::string mutation;
  std::string verdict;  // killed | survived | equivalent | invalid
  std::string detail;
  std::string command;  // reruns this mutant alone
  Origin origin;
};

struct ResultSet {
  std::vector<RunRecord> runs;
  std::vector<OpRecord> ops;
  std::vector<GraphRecord> graphs;
  std::vector<InventoryRecord> inventory;
  std::vector<ConformanceRecord> conformance;
  std::vector<MutationRecord> mutation;  // the newest scan of each op
  std::vector<MutantRecord> mutants;     // the mutants of those scans only
  // Records accepted per file (relative path), and lines skipped.
  std::map<std::string, int> records_per_file;
  int skipped_lines = 0;
  // Records dropped because a newer run measured the same property (same
  // suite, op, dtype and opset; same suite, tier and opset for graphs).
  int superseded = 0;
  std::vector<std::string> warnings;

  int total_records() const;
};

// Parses one line into `set` (or adds a warning). Blank lines are ignored.
void parse_record_line(std::string_view line, const Origin& origin, ResultSet& set);

// Keeps the newest record of each property and of each op's inventory (by
// time stamp, then load order): a `tier_suite --op X` run after a full run
// replaces X's records instead of adding to them.
void keep_newest(ResultSet& set);

// Loads every *.jsonl file under `dir` (recursively, in sorted path order),
// then keep_newest. A missing directory gives an empty set with a warning.
ResultSet load_results(const std::filesystem::path& dir);

}  // namespace ptonnx::reports
