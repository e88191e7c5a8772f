// ptonnx_report: regenerates the progress tracker and the coverage and
// conformance reports from the result records of real runs.
//
//   ptonnx_report --results build/results --out reports [--no-timestamp] [--junit FILE]
//                 [--history reports/history.tsv [--record-history]] [--repo-root DIR]
//                 [--ort-results build/results-ort]

#include <CLI/CLI.hpp>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <iostream>

#include "reports/junit.h"
#include "reports/report.h"

int main(int argc, char** argv) {
  namespace rp = ptonnx::reports;
  CLI::App app{"Generate PROGRESS.md, coverage.{md,html,json} and conformance.md from result records"};
  std::string results_dir = "results";
  std::string out_dir = "reports";
  bool no_timestamp = false;
  std::string junit_file;
  app.add_option("--results", results_dir, "Directory of *.jsonl result records (searched recursively)");
  app.add_option("--out", out_dir, "Directory the reports are written to");
  app.add_flag("--no-timestamp", no_timestamp, "Leave out the \"Generated at\" line (stable output)");
  app.add_option("--junit", junit_file,
                 "Also write JUnit XML: one testcase per property (op, dtype, opset, suite), failures with the "
                 "shrunk case and the reproduce command");
  std::string history_file;
  bool record_history = false;
  std::string repo_root = std::filesystem::current_path().string();
  app.add_option("--history", history_file,
                 "A history file (one line per run: date, commit, ops done, cases, failing properties) drawn as a "
                 "trend in coverage.html");
  app.add_flag("--record-history", record_history, "Append this run's line to the --history file first");
  app.add_option("--repo-root", repo_root, "Bundle paths in coverage.html are shown relative to DIR (default: .)");
  std::string ort_dir;
  app.add_option("--ort-results", ort_dir,
                 "Directory of the ONNX Runtime records (ctest -L ort writes build/results-ort): the coverage "
                 "reports add an ONNX Runtime view per op (loads, runs, agrees, backend defects)");
  CLI11_PARSE(app, argc, argv);
  if (record_history && history_file.empty()) {
    std::cerr << "ptonnx_report: --record-history needs --history FILE\n";
    return 2;
  }

  const rp::ResultSet results = rp::load_results(results_dir);
  for (const auto& w : results.warnings) std::cerr << "ptonnx_report: warning: " << w << "\n";
  rp::ReportOptions options;
  rp::ResultSet ort_results;
  if (!ort_dir.empty()) {
    ort_results = rp::load_results(ort_dir);
    for (const auto& w : ort_results.warnings) std::cerr << "ptonnx_report: warning: " << w << "\n";
    options.ort = &ort_results;
  }
  if (!no_timestamp) options.generated_at = rp::utc_now();
  options.repo_root = repo_root;
  try {
    if (!history_file.empty()) {
      std::string text;
      if (std::ifstream in(history_file); in) {
        std::stringstream ss;
        ss << in.rdbuf();
        text = ss.str();
      }
      if (record_history) {
        const rp::Summary s = rp::summarize(results, rp::catalog_ops());
        const std::string line = rp::history_line(rp::current_entry(results, s, rp::utc_now()));
        const bool fresh = text.empty();
        std::ofstream out(history_file, std::ios::app | std::ios::binary);
        if (fresh) out << rp::history_header();
        out << line;
        if (!out.flush()) throw std::runtime_error("cannot append to " + history_file);
        text += (fresh ? rp::history_header() : "") + line;
      }
      std::vector<std::string> warnings;
      options.history = rp::parse_history(text, &warnings);
      for (const auto& w : warnings) std::cerr << "ptonnx_report: warning: " << history_file << ": " << w << "\n";
    }
    rp::write_reports(out_dir, rp::render_all(results, rp::catalog_ops(), options));
    if (!junit_file.empty()) {
      std::ofstream out(junit_file, std::ios::binary);
      out << rp::render_junit(results);
      if (!out.flush()) throw std::runtime_error("cannot write " + junit_file);
    }
  } catch (const std::exception& e) {
    std::cerr << "ptonnx_report: " << e.what() << "\n";
    return 1;
  }
  std::cout << "ptonnx_report: " << rp::count_of(results.total_records(), "record") << " from "
            << rp::count_of(static_cast<long long>(results.records_per_file.size()), "file") << " ("
            << rp::count_of(results.skipped_lines, "malformed line") << " skipped) -> " << out_dir << "\n";
  return 0;
}
