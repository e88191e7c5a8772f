#include "reports/coverage.h"

#include "reports/ort_view.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "reports/junit.h"

namespace ptonnx::reports {
namespace {

// The tables of one group: (title, ops), catalog groups then unknown ops.
struct Table {
  std::string title;
  std::string status;
  const std::vector<OpSummary>* ops;
};

std::vector<Table> tables(const Summary& s) {
  std::vector<Table> out;
  for (const auto& gs : s.groups) out.push_back({std::string(catalog::group_title(gs.group)), gs.status, &gs.ops});
  if (!s.unknown_ops.empty()) out.push_back({"Ops not in the catalog", "", &s.unknown_ops});
  return out;
}

const CellSummary& cell_of(const std::map<std::string, CellSummary>& m, const std::string& k) {
  static const CellSummary kNotRun{};
  auto it = m.find(k);
  return it == m.end() ? kNotRun : it->second;
}
const CellSummary& cell_of(const std::map<int, CellSummary>& m, int k) {
  static const CellSummary kNotRun{};
  auto it = m.find(k);
  return it == m.end() ? kNotRun : it->second;
}

std::string md_symbol(Cell c) {
  switch (c) {
    case Cell::Pass: return "pass";
    case Cell::Fail: return "**FAIL**";
    case Cell::Unsupported: return "unsup";
    case Cell::NotRun: return "·";
    case Cell::NotApplicable: return "n/a";
  }
  return "·";
}

// A Markdown matrix: one row per op, one column per key.
// An extra column after the keys (the mutation score), when `extra` is set.
struct ExtraColumn {
  std::string title;
  std::function<std::string(const OpSummary&)> text;
};

template <typename Key>
std::string md_matrix(const std::vector<OpSummary>& ops, const std::vector<Key>& keys,
                      const std::function<std::string(const Key&)>& label,
                      const std::function<const CellSummary&(const OpSummary&, const Key&)>& cell,
                      const ExtraColumn& extra = {}) {
  std::string out = "| Op |";
  std::string rule = "|----|";
  for (const auto& k : keys) {
    out += " " + label(k) + " |";
    rule += "---|";
  }
  if (extra.text) {
    out += " " + extra.title + " |";
    rule += "---|";
  }
  out += "\n" + rule + "\n";
  for (const auto& op : ops) {
    out += "| `" + op.name + "` |";
    for (const auto& k : keys) out += " " + md_symbol(cell(op, k).status) + " |";
    if (extra.text) out += " " + extra.text(op) + " |";
    out += "\n";
  }
  return out + "\n";
}

// The newest mutation scan of each op (records.h keeps one per op).
std::map<std::string, const MutationRecord*> mutation_by_op(const ResultSet& results) {
  std::map<std::string, const MutationRecord*> m;
  for (const auto& r : results.mutation) m[r.op] = &r;
  return m;
}

// "83% (10/12)": killed of killed + survived; "n/a" when no mutant
// counted (all equivalent or invalid), "·" when the op was not scanned.
std::string score_text(const std::map<std::string, const MutationRecord*>& scores, const std::string& op) {
  auto it = scores.find(op);
  if (it == scores.end()) return "·";
  const MutationRecord& r = *it->second;
  if (!r.score) return "n/a";
  return std::to_string(static_cast<int>(*r.score * 100.0 + 0.5)) + "% (" + std::to_string(r.killed) + "/" +
         std::to_string(r.killed + r.survived) + ")";
}

ExtraColumn score_column(const ResultSet& results) {
  if (results.mutation.empty()) return {};
  auto scores = std::make_shared<std::map<std::string, const MutationRecord*>>(mutation_by_op(results));
  return {"mutation score", [scores](const OpSummary& op) { return score_text(*scores, op.name); }};
}

// The surviving mutants of the newest scans: each a hole in a generator
// or in the comparison (docs/mutate.md).
std::vector<const MutantRecord*> survivors(const ResultSet& results) {
  std::vector<const MutantRecord*> v;
  for (const auto& m : results.mutants)
    if (m.verdict == "survived") v.push_back(&m);
  return v;
}

std::string md_escape_cell(std::string s) {
  for (size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s.size() > 240 ? s.substr(0, 240) + "..." : s;
}

std::string md_mutation(const ResultSet& results) {
  if (results.mutation.empty()) return "";
  int killed = 0, survived = 0, equivalent = 0, invalid = 0;
  for (const auto& r : results.mutation) {
    killed += r.killed;
    survived += r.survived;
    equivalent += r.equivalent;
    invalid += r.invalid;
  }
  std::string out = "## Mutation testing\n\n`ptonnx mutate` (docs/mutate.md) scanned " +
                    std::to_string(results.mutation.size()) + " ops: " + std::to_string(killed) + " mutants killed, " +
                    std::to_string(survived) + " survived, " + std::to_string(equivalent) + " equivalent, " +
                    std::to_string(invalid) + " invalid. The score column of the dtype matrices is killed / (killed + survived).\n\n";
  const auto surv = survivors(results);
  if (surv.empty()) return out + "No surviving mutants.\n\n";
  out += "### Surviving mutants\n\n| Op | dtype | mutation | why it survived | rerun |\n|----|---|---|---|---|\n";
  for (const auto* m : surv)
    out += "| `" + m->op + "` | " + m->dtype + " | " + md_escape_cell(m->mutation) + " | " + md_escape_cell(m->detail) +
           " | `" + md_escape_cell(m->command) + "` |\n";
  return out + "\n";
}

std::string html_mutation(const ResultSet& results) {
  const auto surv = survivors(results);
  if (results.mutation.empty()) return "";
  std::string out = "<h2>Surviving mutants (" + std::to_string(surv.size()) + ")</h2>\n";
  if (surv.empty()) return out + "<p>None: every valid, non-equivalent mutant was killed.</p>\n";
  out += "<table>\n<tr><th>Op</th><th>dtype</th><th>mutation</th><th>why it survived</th><th>rerun</th></tr>\n";
  for (const auto* m : surv)
    out += "<tr><td>" + html_escape(m->op) + "</td><td>" + html_escape(m->dtype) + "</td><td>" +
           html_escape(m->mutation) + "</td><td>" + html_escape(m->detail) + "</td><td><code>" +
           html_escape(m->command) + "</code></td></tr>\n";
  return out + "</table>\n";
}

std::string opset_label(const int& o) { return std::to_string(o); }
std::string dtype_label(const std::string& d) { return d; }
const CellSummary& dtype_cell(const OpSummary& op, const std::string& d) { return cell_of(op.by_dtype, d); }
const CellSummary& opset_cell(const OpSummary& op, const int& o) { return cell_of(op.by_opset, o); }

const char* css_class(Cell c) {
  switch (c) {
    case Cell::Pass: return "pass";
    case Cell::Fail: return "fail";
    case Cell::Unsupported: return "unsup";
    case Cell::NotRun: return "none";
    case Cell::NotApplicable: return "na";
  }
  return "none";
}

// The tooltip: status, detail and, when it spans lines, the whole failure.
std::string tooltip(const CellSummary& c) {
  std::string t(cell_name(c.status));
  if (c.status == Cell::NotRun) return t;
  if (c.status == Cell::NotApplicable) return c.detail;
  t += ": " + c.detail;
  if (c.failure.find('\n') != std::string::npos) t += "\n" + c.failure;
  return t;
}

std::string html_cell(const CellSummary& c) {
  const char* text = c.status == Cell::Pass          ? "&#10003;"
                     : c.status == Cell::Fail        ? "&#10007;"
                     : c.status == Cell::Unsupported ? "&ndash;"
                     : c.status == Cell::NotApplicable ? "n/a"
                                                       : "";
  return "<td class=\"" + std::string(css_class(c.status)) + "\" title=\"" + html_escape(tooltip(c)) + "\">" + text +
         "</td>";
}

template <typename Key>
std::string html_matrix(const std::vector<OpSummary>& ops, const std::vector<Key>& keys, const char* caption,
                        const std::function<std::string(const Key&)>& label,
                        const std::function<const CellSummary&(const OpSummary&, const Key&)>& cell,
                        const ExtraColumn& extra = {}) {
  std::string out = "<table>\n<caption>" + std::string(caption) + "</caption>\n<tr><th>Op</th>";
  for (const auto& k : keys) out += "<th>" + html_escape(label(k)) + "</th>";
  if (extra.text) out += "<th>" + html_escape(extra.title) + "</th>";
  out += "</tr>\n";
  for (const auto& op : ops) {
    out += "<tr><th class=\"op " + std::string(css_class(op.overall.status)) + "\" title=\"" +
           html_escape(tooltip(op.overall)) + "\">" + html_escape(op.name) + (op.done ? " &#9733;" : "") + "</th>";
    for (const auto& k : keys) out += html_cell(cell(op, k));
    if (extra.text) out += "<td>" + html_escape(extra.text(op)) + "</td>";
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

// The op's dtype x opset grid, folded (no JavaScript): a dtype the spec
// does not declare shows n/a across.
std::string html_grid(const OpSummary& op, const Summary& s) {
  std::string out = "<details><summary>" + html_escape(op.name) + ": dtype &times; opset</summary>\n<table>\n<tr><th>";
  for (int o : s.opsets) out += "<th>" + std::to_string(o) + "</th>";
  out += "</tr>\n";
  for (const auto& d : s.dtypes) {
    const CellSummary& by_dtype = cell_of(op.by_dtype, d);
    out += "<tr><th>" + html_escape(d) + "</th>";
    for (int o : s.opsets) {
      auto it = op.by_dtype_opset.find({d, o});
      if (it != op.by_dtype_opset.end()) out += html_cell(it->second);
      else out += html_cell(by_dtype.status == Cell::NotApplicable ? by_dtype : CellSummary{});
    }
    out += "</tr>\n";
  }
  return out + "</table>\n</details>\n";
}

std::string shown_path(const std::string& path, const ReportOptions& options) {
  if (path.empty() || options.repo_root.empty()) return path;
  std::error_code ec;
  const auto rel = std::filesystem::relative(path, options.repo_root, ec);
  if (ec || rel.empty() || rel.native().rfind("..", 0) == 0) return path;
  return rel.string();
}

// Ops done per group and failing properties: what a reader wants first.
std::string html_summary(const Summary& s) {
  std::string out =
      "<h2>Summary</h2>\n<table class=\"summary\">\n<tr><th>Group</th><th>Status</th><th>Ops done</th>"
      "<th>Properties run</th><th>Failing</th><th>Cases</th></tr>\n";
  for (const auto& gs : s.groups) {
    int props = 0, failing = 0;
    std::int64_t cases = 0;
    for (const auto& op : gs.ops)
      for (const OpRecord* r : op.records) {
        ++props;
        failing += is_failure(r->status) ? 1 : 0;
        cases += r->cases;
      }
    for (const GraphRecord* g : gs.graphs) {
      ++props;
      failing += is_failure(g->status) ? 1 : 0;
      cases += g->cases;
    }
    out += "<tr><th>" + html_escape(std::string(catalog::group_title(gs.group))) + "</th><td>" +
           html_escape(gs.status) + "</td><td>" + std::to_string(gs.done) + "/" + std::to_string(gs.ops.size()) +
           "</td><td>" + std::to_string(props) + "</td><td" + (failing ? " class=\"fail\"" : "") + ">" +
           std::to_string(failing) + "</td><td>" + std::to_string(cases) + "</td></tr>\n";
  }
  return out + "</table>\n";
}

// Every failing property: what failed, the bundle and the command that
// reproduces it.
std::string html_failures(const ResultSet& results, const ReportOptions& options) {
  std::string items;
  int n = 0;
  for (const auto& r : results.ops) {
    if (!is_failure(r.status)) continue;
    ++n;
    items += "<li><b>" + html_escape(r.op) + "</b> " + html_escape(r.dtype) + " opset " + std::to_string(r.opset) +
             " (" + html_escape(r.suite) + "): " + html_escape(failure_headline(r)) + "<br>reproduce: <code>" +
             html_escape(reproduce_command(r)) + "</code>";
    if (!r.bundle.empty())
      items += "<br>bundle: <code>" + html_escape(shown_path(r.bundle, options)) + "</code> (<code>ptonnx replay " +
               html_escape(shown_path(r.bundle, options)) + "</code>)";
    items += "</li>\n";
  }
  for (const auto& g : results.graphs) {
    if (!is_failure(g.status)) continue;
    ++n;
    items += "<li><b>random graphs</b> tier " + std::to_string(g.tier) + " opset " + std::to_string(g.opset) + " (" +
             html_escape(g.suite) + "): " + html_escape(one_line(g.failure.substr(0, g.failure.find('\n')))) +
             "<br>reproduce: <code>" + html_escape(reproduce_command(g)) + "</code>";
    if (!g.bundle.empty()) items += "<br>bundle: <code>" + html_escape(shown_path(g.bundle, options)) + "</code>";
    items += "</li>\n";
  }
  if (n == 0) return "<h2>Failing properties</h2>\n<p>None.</p>\n";
  return "<h2>Failing properties (" + std::to_string(n) + ")</h2>\n<ul class=\"failures\">\n" + items + "</ul>\n";
}

const char* kCss = R"(body{font-family:sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:0 2em 1.5em 0;display:inline-table;vertical-align:top}
caption{text-align:left;font-weight:bold;padding:.3em 0}
th,td{border:1px solid #bbb;padding:2px 6px;font-size:12px;text-align:center;min-width:1.6em}
th.op{text-align:left;font-family:monospace;font-weight:normal}
td.pass{background:#4caf50;color:#fff}td.fail{background:#e53935;color:#fff}
td.unsup{background:#bdbdbd}td.none{background:#fff}td.na{background:#f3f3f3;color:#999}
details{margin:0 0 .4em 0}details summary{cursor:pointer;font-family:monospace;font-size:12px}
table.summary td,table.summary th{font-size:13px;padding:3px 8px}
ul.failures li{margin-bottom:.6em}ul.failures code{font-size:12px}
th.op.pass{border-left:6px solid #4caf50}th.op.fail{border-left:6px solid #e53935}
th.op.unsup{border-left:6px solid #bdbdbd}th.op.none{border-left:6px solid #fff}
.legend span{display:inline-block;padding:2px 8px;margin-right:6px;border:1px solid #bbb}
)";

nlohmann::json cell_json(const CellSummary& c) {
  nlohmann::json j = {{"status", cell_name(c.status)}, {"cases", c.cases}, {"runs", c.runs}, {"detail", c.detail}};
  if (c.status == Cell::Fail) {
    j["seed"] = c.seed;
    j["failure"] = c.failure;
    if (!c.bundle.empty()) j["bundle"] = c.bundle;
  }
  return j;
}

nlohmann::json op_json(const OpSummary& op, const Summary& s) {
  nlohmann::json j = {{"op", op.name},
                      {"done", op.done},
                      {"cases", op.cases},
                      {"status", cell_name(op.overall.status)},
                      {"missing_components", op.missing_components},
                      {"inventory", op.inventory.has_value()}};
  if (op.inventory) {
    const InventoryRecord& inv = *op.inventory;
    j["components"] = {{"ir", inv.ir},
                       {"converter", inv.converter},
                       {"runtime_ops", inv.runtime_ops},
                       {"oracle", inv.oracle},
                       {"spec", inv.spec}};
  }
  j["dtype"] = nlohmann::json::object();
  for (const auto& d : s.dtypes) j["dtype"][d] = cell_json(cell_of(op.by_dtype, d));
  j["opset"] = nlohmann::json::object();
  for (int o : s.opsets) j["opset"][std::to_string(o)] = cell_json(cell_of(op.by_opset, o));
  return j;
}

}  // namespace

std::string render_coverage_markdown(const ResultSet& results, const Summary& s, const ReportOptions& options) {
  std::string out = "# ptonnx Coverage\n\n" + provenance_markdown(results, options);
  out +=
      "Each cell aggregates the property runs of one op over the other dimension: **FAIL** if any run failed "
      "(fail, unexpected_pass or error), else pass if any passed, else unsup (a confirmed unsupported "
      "combination), else n/a (a dtype the op's spec does not declare: PyTensor's op refuses it) or · (not run). "
      "coverage.html shows the same grid with the reasons as tooltips, each op's dtype x opset grid, the "
      "failing properties with their reproduce commands, and the history.\n\n";
  if (s.dtypes.empty()) out += "No op records: every cell is not run.\n\n";
  for (const auto& t : tables(s)) {
    out += "## " + t.title + (t.status.empty() ? "" : " (" + t.status + ")") + "\n\n";
    if (s.dtypes.empty()) continue;
    out += "### By dtype\n\n" + md_matrix<std::string>(*t.ops, s.dtypes, dtype_label, dtype_cell, score_column(results));
    out += "### By opset\n\n" + md_matrix<int>(*t.ops, s.opsets, opset_label, opset_cell);
  }
  out += md_mutation(results);
  if (options.ort) out += render_ort_markdown(*options.ort);
  return out;
}

std::string render_coverage_html(const ResultSet& results, const Summary& s, const ReportOptions& options) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>ptonnx coverage</title>\n<style>\n" +
      std::string(kCss) + "</style>\n</head>\n<body>\n";
  out += "<!-- Generated by ptonnx_report from result records. Do not edit: regenerate. -->\n";
  out += "<h1>ptonnx coverage</h1>\n<p>Generated by <code>ptonnx_report</code> from " +
         count_of(results.total_records(), "result record") + " in " +
         count_of(static_cast<long long>(results.records_per_file.size()), "file");
  if (results.skipped_lines > 0) out += " (" + count_of(results.skipped_lines, "malformed line") + " skipped)";
  out += "; do not edit by hand.";
  if (options.generated_at) out += " Generated at " + html_escape(*options.generated_at) + ".";
  out += "</p>\n";
  if (const std::string runs = runs_markdown(results); !runs.empty()) out += "<p>" + html_escape(one_line(runs)) + "</p>\n";
  out += html_summary(s);
  if (!options.history.empty())
    out += "<h2>History (" + count_of(static_cast<long long>(options.history.size()), "run") + ")</h2>\n" +
           history_svg(options.history);
  out += html_failures(results, options);
  out +=
      "<h2>Matrices</h2>\n<p class=\"legend\"><span style=\"background:#4caf50;color:#fff\">&#10003; pass</span>"
      "<span style=\"background:#e53935;color:#fff\">&#10007; fail</span>"
      "<span style=\"background:#bdbdbd\">&ndash; unsupported</span>"
      "<span style=\"background:#f3f3f3;color:#999\">n/a (not a dtype of the op)</span><span>not run</span>"
      " &#9733; op done. Hover a cell for the failure or the reason.</p>\n";
  if (s.dtypes.empty()) out += "<p>No op records: every cell is not run.</p>\n";
  for (const auto& t : tables(s)) {
    out += "<h2>" + html_escape(t.title) + (t.status.empty() ? "" : " (" + html_escape(t.status) + ")") + "</h2>\n";
    if (s.dtypes.empty()) continue;
    out += html_matrix<std::string>(*t.ops, s.dtypes, "By dtype", dtype_label, dtype_cell, score_column(results));
    out += html_matrix<int>(*t.ops, s.opsets, "By opset", opset_label, opset_cell);
    out += "<div class=\"grids\">\n";
    for (const auto& op : *t.ops)
      if (!op.records.empty()) out += html_grid(op, s);
    out += "</div>\n";
  }
  out += html_mutation(results);
  if (options.ort) out += render_ort_html(*options.ort);
  return out + "</body>\n</html>\n";
}

std::string render_coverage_json(const ResultSet& results, const Summary& s, const ReportOptions& options) {
  nlohmann::json j;
  if (options.generated_at) j["generated_at"] = *options.generated_at;
  j["generator"] = "ptonnx_report";
  j["records"] = results.total_records();
  j["files"] = results.records_per_file;
  j["skipped_lines"] = results.skipped_lines;
  j["dtypes"] = s.dtypes;
  j["opsets"] = s.opsets;
  j["groups"] = nlohmann::json::array();
  for (const auto& gs : s.groups) {
    nlohmann::json g = {{"group", catalog::group_name(gs.group)},
                        {"title", catalog::group_title(gs.group)},
                        {"status", gs.status},
                        {"done", gs.done},
                        {"total", gs.ops.size()},
                        {"graph_status", cell_name(gs.graph_overall.status)},
                        {"ops", nlohmann::json::array()}};
    for (const auto& op : gs.ops) g["ops"].push_back(op_json(op, s));
    j["groups"].push_back(std::move(g));
  }
  j["unknown_ops"] = nlohmann::json::array();
  for (const auto& op : s.unknown_ops) j["unknown_ops"].push_back(op_json(op, s));
  if (!results.mutation.empty()) {
    j["mutation"] = nlohmann::json::object();
    for (const auto& r : results.mutation)
      j["mutation"][r.op] = {{"tried", r.tried},           {"killed", r.killed},   {"survived", r.survived},
                             {"equivalent", r.equivalent}, {"invalid", r.invalid}, {"opset", r.opset},
                             {"score", r.score ? nlohmann::json(*r.score) : nlohmann::json(nullptr)}};
    j["surviving_mutants"] = nlohmann::json::array();
    for (const auto* m : survivors(results))
      j["surviving_mutants"].push_back(
          {{"op", m->op}, {"dtype", m->dtype}, {"mutation", m->mutation}, {"detail", m->detail}, {"command", m->command}});
  }
  if (options.ort) j["onnxruntime"] = render_ort_json(*options.ort);
  return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace ptonnx::reports
