// The tracker's history: one line per main-job run (date, commit, ops done,
// ops in the catalog, cases, failing properties) in a tab-separated file,
// appended by `ptonnx_report --record-history` and drawn in coverage.html
// as an SVG trend (no JavaScript).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reports/records.h"
#include "reports/summary.h"

namespace ptonnx::reports {

struct HistoryEntry {
  std::string date;  // "2026-12-01T08:00:00Z"
  std::string commit;
  int ops_done = 0;
  int ops_total = 0;
  std::int64_t cases = 0;
  int failures = 0;  // failing properties (op and random-graph records)
};

// Reads the file's lines; '#' comments, blank and malformed lines are
// skipped (each malformed one named in `warnings`).
std::vector<HistoryEntry> parse_history(const std::string& text, std::vector<std::string>* warnings = nullptr);
std::string history_line(const HistoryEntry& e);  // with the trailing newline
// The header line written at the top of a new history file.
std::string history_header();

// This run's entry: ops done over the catalog groups, cases and failing
// properties over all op and graph records, the commit most suite runs
// measured ("unknown" without run records).
HistoryEntry current_entry(const ResultSet& results, const Summary& s, const std::string& date);

// An SVG chart of ops done (and the catalog size) and failing properties
// over the entries; empty text for no entries.
std::string history_svg(const std::vector<HistoryEntry>& entries);

}  // namespace ptonnx::reports
