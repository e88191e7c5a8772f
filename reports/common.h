// Pieces every report shares: options, the provenance header, and text
// escaping for Markdown and HTML.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "reports/history.h"
#include "reports/records.h"

namespace ptonnx::reports {

struct ReportOptions {
  // The "Generated at" line; nullopt leaves it out (golden tests).
  std::optional<std::string> generated_at;
  // Bundle paths in coverage.html are shown relative to this folder (the
  // repository) when they lie inside it; empty: as recorded.
  std::string repo_root;
  // The runs so far (history.tsv), drawn as a trend in coverage.html.
  std::vector<HistoryEntry> history;
  // The tier<N>-ort records (ctest -L ort writes them to build/results-ort):
  // the coverage reports add an ONNX Runtime view per op when set.
  const ResultSet* ort = nullptr;
};

// The current UTC time as "2026-11-22T23:00:00Z".
std::string utc_now();

// Markdown lines saying that the file is generated, from which result files
// (records per file, skipped lines) and, if set, when.
std::string provenance_markdown(const ResultSet& results, const ReportOptions& options);
// The "Suite runs:" sentence (commits, start times, budgets), or "".
std::string runs_markdown(const ResultSet& results);

// Text on one line: newlines and tabs become spaces, runs of spaces collapse.
std::string one_line(std::string_view text);
// one_line, with '|' escaped, for a Markdown table cell.
std::string md_cell(std::string_view text);
// &, <, >, " escaped.
std::string html_escape(std::string_view text);
// "1 file", "3 files".
std::string count_of(long long n, std::string_view noun);
// floor(100 * done / total), 0 when total is 0: progress is never overstated.
int percent(int done, int total);

}  // namespace ptonnx::reports
