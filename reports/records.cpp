#include "reports/records.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace ptonnx::reports {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A field that is present with the wrong type makes the record malformed.
struct BadField : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const json* field(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() || it->is_null() ? nullptr : &*it;
}

std::string get_string(const json& j, const char* key, bool required = false) {
  const json* v = field(j, key);
  if (!v) {
    if (required) throw BadField(std::string("missing field \"") + key + "\"");
    return "";
  }
  if (!v->is_string()) throw BadField(std::string("field \"") + key + "\" is not a string");
  return v->get<std::string>();
}

std::int64_t get_int(const json& j, const char* key) {
  const json* v = field(j, key);
  if (!v) return 0;
  if (!v->is_number_integer()) throw BadField(std::string("field \"") + key + "\" is not an integer");
  return v->get<std::int64_t>();
}

// A tier, opset or case count: never negative, and an opset or tier fits an int.
std::int64_t get_count(const json& j, const char* key, std::int64_t max) {
  const std::int64_t v = get_int(j, key);
  if (v < 0 || v > max) throw BadField(std::string("field \"") + key + "\" is out of range");
  return v;
}

int get_small(const json& j, const char* key) { return static_cast<int>(get_count(j, key, 1 << 20)); }

bool get_bool(const json& j, const char* key) {
  const json* v = field(j, key);
  if (!v) return false;
  if (!v->is_boolean()) throw BadField(std::string("field \"") + key + "\" is not a boolean");
  return v->get<bool>();
}

double get_double(const json& j, const char* key) {
  const json* v = field(j, key);
  if (!v) return 0.0;
  if (!v->is_number()) throw BadField(std::string("field \"") + key + "\" is not a number");
  return v->get<double>();
}

// Seeds are 64-bit unsigned: keep their decimal text exactly.
std::string get_seed(const json& j) {
  const json* v = field(j, "seed");
  if (!v) return "";
  if (v->is_number_unsigned()) return std::to_string(v->get<std::uint64_t>());
  if (v->is_number_integer()) return std::to_string(v->get<std::int64_t>());
  if (v->is_string()) return v->get<std::string>();
  throw BadField("field \"seed\" is neither an integer nor a string");
}

std::vector<std::string> get_strings(const json& j, const char* key) {
  std::vector<std::string> out;
  const json* v = field(j, key);
  if (!v) return out;
  if (!v->is_array()) throw BadField(std::string("field \"") + key + "\" is not an array");
  for (const auto& e : *v) {
    if (!e.is_string()) throw BadField(std::string("field \"") + key + "\" holds a non-string");
    out.push_back(e.get<std::string>());
  }
  return out;
}

RunStatus get_run_status(const json& j) {
  const std::string name = get_string(j, "status", true);
  auto s = run_status_from_name(name);
  if (!s) throw BadField("unknown status \"" + name + "\"");
  return *s;
}

// The fields every property run record has (op and graph records alike).
template <typename Record>
void parse_run_fields(const json& j, const Origin& origin, Record& r) {
  r.suite = get_string(j, "suite");
  r.tier = get_small(j, "tier");
  r.opset = get_small(j, "opset");
  r.cases = get_count(j, "cases", std::int64_t{1} << 48);
  r.status = get_run_status(j);
  r.seed = get_seed(j);
  r.failure = get_string(j, "failure");
  r.bundle = get_string(j, "bundle");
  r.time = get_string(j, "time");
  r.origin = origin;
}

OpRecord parse_op(const json& j, const Origin& origin) {
  OpRecord r;
  r.op = get_string(j, "op", true);
  if (r.op.empty()) throw BadField("empty \"op\"");
  r.dtype = get_string(j, "dtype");
  parse_run_fields(j, origin, r);
  r.reason = get_string(j, "reason");
  r.category = get_string(j, "category");
  return r;
}

GraphRecord parse_graph(const json& j, const Origin& origin) {
  GraphRecord r;
  parse_run_fields(j, origin, r);
  return r;
}

InventoryRecord parse_inventory(const json& j, const Origin& origin) {
  InventoryRecord r;
  r.op = get_string(j, "op", true);
  if (r.op.empty()) throw BadField("empty \"op\"");
  r.ir = get_bool(j, "ir");
  r.converter = get_bool(j, "converter");
  r.oracle = get_bool(j, "oracle");
  r.spec = get_bool(j, "spec");
  r.runtime_ops = get_bool(j, "runtime_ops");
  r.dtypes = get_strings(j, "dtypes");
  r.origin = origin;
  return r;
}

RunRecord parse_run(const json& j, const Origin& origin) {
  RunRecord r;
  r.suite = get_string(j, "suite");
  r.commit = get_string(j, "commit");
  r.started = get_string(j, "started");
  r.command = get_string(j, "command");
  r.op_cases = get_count(j, "op_cases", std::int64_t{1} << 48);
  r.graph_cases = get_count(j, "graph_cases", std::int64_t{1} << 48);
  r.base_seed = get_string(j, "base_seed");
  r.origin = origin;
  return r;
}

ConformanceRecord parse_conformance(const json& j, const Origin& origin) {
  ConformanceRecord r;
  r.suite = get_string(j, "suite");
  r.name = get_string(j, "case", true);
  r.status = get_string(j, "status", true);
  if (r.status.empty()) throw BadField("empty \"status\"");
  r.ops = get_strings(j, "ops");
  r.missing_ops = get_strings(j, "missing_ops");
  r.max_abs_error = field(j, "max_abs_error") ? get_double(j, "max_abs_error") : get_double(j, "max_error");
  r.message = get_string(j, "message");
  r.origin = origin;
  return r;
}

MutationRecord parse_mutation(const json& j, const Origin& origin) {
  MutationRecord r;
  r.op = get_string(j, "op", true);
  if (r.op.empty()) throw BadField("empty \"op\"");
  r.tier = get_small(j, "tier");
  r.opset = get_small(j, "opset");
  r.tried = get_small(j, "tried");
  r.killed = get_small(j, "killed");
  r.survived = get_small(j, "survived");
  r.equivalent = get_small(j, "equivalent");
  r.invalid = get_small(j, "invalid");
  if (const json* v = field(j, "score"); v && !v->is_null()) r.score = get_double(j, "score");
  r.time = get_string(j, "time");
  r.origin = origin;
  return r;
}

MutantRecord parse_mutant(const json& j, const Origin& origin) {
  MutantRecord r;
  r.op = get_string(j, "op", true);
  r.dtype = get_string(j, "dtype");
  r.opset = get_small(j, "opset");
  r.index = get_small(j, "index");
  r.mutation_kind = get_string(j, "mutation_kind");
  r.mutation = get_string(j, "mutation", true);
  r.verdict = get_string(j, "verdict", true);
  r.detail = get_string(j, "detail");
  r.command = get_string(j, "command");
  r.origin = origin;
  return r;
}

std::string where(const Origin& o) { return o.file + ":" + std::to_string(o.line); }

}  // namespace

std::string_view run_status_name(RunStatus s) {
  switch (s) {
    case RunStatus::Pass: return "pass";
    case RunStatus::Fail: return "fail";
    case RunStatus::Unsupported: return "unsupported";
    case RunStatus::UnexpectedPass: return "unexpected_pass";
    case RunStatus::Error: return "error";
    case RunStatus::BackendDefect: return "backend_defect";
  }
  return "error";
}

std::optional<RunStatus> run_status_from_name(std::string_view name) {
  for (RunStatus s :
       {RunStatus::Pass, RunStatus::Fail, RunStatus::Unsupported, RunStatus::UnexpectedPass, RunStatus::Error,
        RunStatus::BackendDefect})
    if (run_status_name(s) == name) return s;
  return std::nullopt;
}

bool is_failure(RunStatus s) { return s == RunStatus::Fail || s == RunStatus::UnexpectedPass || s == RunStatus::Error; }

namespace {

// Keeps, per key, the record with the greatest time stamp (ties: the one
// loaded last); returns how many were dropped.
template <typename Record, typename KeyFn, typename TimeFn>
int keep_newest_of(std::vector<Record>& records, KeyFn key, TimeFn time) {
  std::map<std::string, size_t> newest;
  for (size_t i = 0; i < records.size(); ++i) {
    auto [it, fresh] = newest.emplace(key(records[i]), i);
    if (!fresh && time(records[i]) >= time(records[it->second])) it->second = i;
  }
  std::vector<bool> keep(records.size(), false);
  for (const auto& [k, i] : newest) keep[i] = true;
  std::vector<Record> kept;
  for (size_t i = 0; i < records.size(); ++i)
    if (keep[i]) kept.push_back(std::move(records[i]));
  const int dropped = static_cast<int>(records.size() - kept.size());
  records = std::move(kept);
  return dropped;
}

// A file's run started at this time (its {"kind":"run"} record); files
// written before run records existed give "".
std::map<std::string, std::string> run_start_per_file(const ResultSet& set) {
  std::map<std::string, std::string> out;
  for (const auto& r : set.runs) out[r.origin.file] = r.started;
  return out;
}

}  // namespace

void keep_newest(ResultSet& set) {
  const auto started = run_start_per_file(set);
  auto when = [&](const Origin& o) {
    auto it = started.find(o.file);
    return it == started.end() ? std::string() : it->second;
  };
  const auto by_time = [](const auto& r) { return r.time; };
  set.superseded += keep_newest_of(
      set.ops, [](const OpRecord& r) { return r.suite + "|" + r.op + "|" + r.dtype + "|" + std::to_string(r.opset); },
      by_time);
  set.superseded += keep_newest_of(
      set.graphs,
      [](const GraphRecord& r) { return r.suite + "|" + std::to_string(r.tier) + "|" + std::to_string(r.opset); },
      by_time);
  set.superseded += keep_newest_of(
      set.inventory, [](const InventoryRecord& r) { return r.op; }, [&](const InventoryRecord& r) { return when(r.origin); });
  // A mutation scan is judged whole: the newest scan of each op, and the
  // mutants listed by that scan's file only (an older scan's survivors may
  // be another plan's).
  set.superseded += keep_newest_of(
      set.mutation, [](const MutationRecord& r) { return r.op; }, [](const MutationRecord& r) { return r.time; });
  std::set<std::pair<std::string, std::string>> scans;
  for (const auto& m : set.mutation) scans.insert({m.op, m.origin.file});
  std::erase_if(set.mutants, [&](const MutantRecord& r) { return !scans.count({r.op, r.origin.file}); });
}

int ResultSet::total_records() const {
  return static_cast<int>(ops.size() + graphs.size() + inventory.size() + conformance.size() + mutation.size() +
                          mutants.size());
}

void parse_record_line(std::string_view line, const Origin& origin, ResultSet& set) {
  if (std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; })) return;
  auto skip = [&](const std::string& why) {
    ++set.skipped_lines;
    set.warnings.push_back(where(origin) + ": skipped: " + why);
  };
  const json j = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return skip("not valid JSON");
  if (!j.is_object()) return skip("not a JSON object");
  try {
    std::string kind = get_string(j, "kind");
    if (kind.empty() && j.contains("case")) kind = "conformance";
    if (kind == "op") {
      set.ops.push_back(parse_op(j, origin));
    } else if (kind == "graph") {
      set.graphs.push_back(parse_graph(j, origin));
    } else if (kind == "inventory") {
      set.inventory.push_back(parse_inventory(j, origin));
    } else if (kind == "run") {
      set.runs.push_back(parse_run(j, origin));
    } else if (kind == "conformance") {
      set.conformance.push_back(parse_conformance(j, origin));
    } else if (kind == "mutation") {
      set.mutation.push_back(parse_mutation(j, origin));
    } else if (kind == "mutant") {
      set.mutants.push_back(parse_mutant(j, origin));
    } else {
      return skip(kind.empty() ? "no \"kind\"" : "unknown kind \"" + kind + "\"");
    }
  } catch (const BadField& e) {
    return skip(e.what());
  } catch (const json::exception& e) {
    return skip(e.what());
  }
  ++set.records_per_file[origin.file];
}

ResultSet load_results(const fs::path& dir) {
  ResultSet set;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    set.warnings.push_back(dir.string() + ": no results directory; every report shows \"not run\"");
    return set;
  }
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".jsonl") files.push_back(it->path());
  }
  if (ec) set.warnings.push_back(dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    const std::string rel = fs::relative(path, dir, ec).generic_string();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      set.warnings.push_back(rel + ": cannot be read");
      continue;
    }
    set.records_per_file[rel];  // list the file even if it holds no record
    std::string line;
    int n = 0;
    while (std::getline(in, line)) parse_record_line(line, Origin{rel, ++n}, set);
  }
  keep_newest(set);
  return set;
}

}  // namespace ptonnx::reports
