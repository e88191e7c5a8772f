// The ONNX Runtime view (ort_view.h). A failing record's first line says
// where it failed: "runtime_error: onnxruntime load: ..." (refused at
// load), "runtime_error: onnxruntime run: ..." (threw while running),
// "mismatch: onnxruntime: ..." (ran, disagreed); anything else failed
// before ONNX Runtime saw the model.
#include "reports/ort_view.h"

#include "reports/common.h"

namespace ptonnx::reports {

namespace {

bool starts_with(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

bool is_ort_suite(const std::string& suite) {
  return suite.size() > 4 && suite.compare(suite.size() - 4, 4, "-ort") == 0;
}

void count(OrtOpRow& row, const OpRecord& r) {
  ++row.properties;
  if (r.status == RunStatus::Pass) {
    ++row.loads, ++row.runs, ++row.agrees;
    return;
  }
  if (r.status == RunStatus::BackendDefect) {
    ++row.backend_defects;
    return;
  }
  if (r.status == RunStatus::Unsupported) {
    --row.properties;  // the converter refuses it on purpose: nothing reached ONNX Runtime
    return;
  }
  if (row.first_failure.empty())
    row.first_failure = r.dtype + " opset " + std::to_string(r.opset) + ": " + r.failure.substr(0, r.failure.find('\n'));
  if (starts_with(r.failure, "runtime_error: onnxruntime load:")) return;
  if (starts_with(r.failure, "runtime_error: onnxruntime run:")) {
    ++row.loads;
    return;
  }
  if (starts_with(r.failure, "mismatch: onnxruntime:")) {
    ++row.loads, ++row.runs;
    return;
  }
  ++row.other;
}

std::string percent_text(int part, int whole) {
  if (whole == 0) return "-";
  const long long tenths = (1000LL * part + whole / 2) / whole;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

OrtOpRow total(const std::map<std::string, OrtOpRow>& rows) {
  OrtOpRow t;
  for (const auto& [op, r] : rows) {
    t.properties += r.properties, t.loads += r.loads, t.runs += r.runs, t.agrees += r.agrees;
    t.backend_defects += r.backend_defects, t.other += r.other;
  }
  return t;
}

const char* kExplain =
    "Per op, its properties run on ONNX Runtime (`ctest -L ort`, suites tier<N>-ort): how many loaded, ran "
    "and agreed with the oracle in every case; backend defects are cases a documented ONNX Runtime defect "
    "explains (docs/onnxruntime.md), counted apart from failures; other: failed before ONNX Runtime saw the "
    "model.";

}  // namespace

std::map<std::string, OrtOpRow> ort_rows(const ResultSet& ort) {
  std::map<std::string, OrtOpRow> rows;
  for (const auto& r : ort.ops)
    if (is_ort_suite(r.suite)) count(rows[r.op], r);
  return rows;
}

std::string render_ort_markdown(const ResultSet& ort) {
  const auto rows = ort_rows(ort);
  std::string out = "## ONNX Runtime\n\n" + std::string(kExplain) + "\n\n";
  if (rows.empty()) return out + "No ONNX Runtime records.\n\n";
  const OrtOpRow t = total(rows);
  out += "Overall: " + std::to_string(t.agrees) + " of " + std::to_string(t.properties) + " properties agree (" +
         percent_text(t.agrees, t.properties) + "), " + std::to_string(t.loads) + " load, " + std::to_string(t.runs) +
         " run, " + std::to_string(t.backend_defects) + " backend defects.\n\n";
  out += "| op | properties | loads | runs | agrees | backend defects | other | first failure |\n";
  out += "|---|---|---|---|---|---|---|---|\n";
  for (const auto& [op, r] : rows)
    out += "| " + op + " | " + std::to_string(r.properties) + " | " + std::to_string(r.loads) + " | " +
           std::to_string(r.runs) + " | " + std::to_string(r.agrees) + " | " + std::to_string(r.backend_defects) +
           " | " + std::to_string(r.other) + " | " + md_cell(r.first_failure) + " |\n";
  return out + "\n";
}

std::string render_ort_html(const ResultSet& ort) {
  const auto rows = ort_rows(ort);
  std::string out = "<h2>ONNX Runtime</h2>\n<p>" + html_escape(kExplain) + "</p>\n";
  if (rows.empty()) return out + "<p>No ONNX Runtime records.</p>\n";
  const OrtOpRow t = total(rows);
  out += "<p>Overall: " + std::to_string(t.agrees) + " of " + std::to_string(t.properties) +
         " properties agree (" + percent_text(t.agrees, t.properties) + ").</p>\n";
  out += "<table>\n<tr><th>op</th><th>properties</th><th>loads</th><th>runs</th><th>agrees</th>"
         "<th>backend defects</th><th>other</th></tr>\n";
  for (const auto& [op, r] : rows) {
    const bool ok = r.agrees + r.backend_defects == r.properties;
    out += "<tr><th>" + html_escape(op) + "</th><td>" + std::to_string(r.properties) + "</td><td>" +
           std::to_string(r.loads) + "</td><td>" + std::to_string(r.runs) + "</td><td class=\"" +
           (ok ? "pass" : "fail") + "\" title=\"" + html_escape(one_line(r.first_failure)) + "\">" +
           std::to_string(r.agrees) + "</td><td>" + std::to_string(r.backend_defects) + "</td><td>" +
           std::to_string(r.other) + "</td></tr>\n";
  }
  return out + "</table>\n";
}

nlohmann::json render_ort_json(const ResultSet& ort) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [op, r] : ort_rows(ort))
    j[op] = {{"properties", r.properties}, {"loads", r.loads},   {"runs", r.runs},
             {"agrees", r.agrees},         {"backend_defects", r.backend_defects}, {"other", r.other}};
  return j;
}

}  // namespace ptonnx::reports
