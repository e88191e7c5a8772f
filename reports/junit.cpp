#include "reports/junit.h"

#include <map>
#include <vector>

namespace ptonnx::reports {
namespace {

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 has no way to write most control characters: drop them.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t' || c == '\r') out += c;
    }
  }
  return out;
}

bool adversarial(const std::string& suite) { return suite.ends_with("-adversarial"); }

struct Case {
  std::string classname, name, body;  // body: the <failure>/<error>/<skipped> element, if any
  RunStatus status;
};

template <typename Record>
std::string outcome_element(const Record& r, const std::string& reproduce, const std::string& reason = "") {
  const std::string details =
      r.failure + (r.bundle.empty() ? "" : "\nbundle: " + r.bundle) + "\nreproduce: " + reproduce;
  switch (r.status) {
    case RunStatus::Pass: return "";
    case RunStatus::BackendDefect:
      return "<skipped message=\"" + xml_escape("ONNX Runtime defect: " + r.failure.substr(0, r.failure.find('\n'))) +
             "\"/>";
    case RunStatus::Unsupported: return "<skipped message=\"" + xml_escape("unsupported: " + reason) + "\"/>";
    case RunStatus::Error:
      return "<error message=\"" + xml_escape(r.failure.substr(0, r.failure.find('\n'))) + "\">" + xml_escape(details) +
             "</error>";
    case RunStatus::Fail:
    case RunStatus::UnexpectedPass:
      return "<failure message=\"" + xml_escape(r.failure.substr(0, r.failure.find('\n'))) + "\" type=\"" +
             std::string(run_status_name(r.status)) + "\">" + xml_escape(details) + "</failure>";
  }
  return "";
}

}  // namespace

std::string reproduce_command(const OpRecord& r) {
  return "ptonnx fuzz --op " + r.op + " --dtype " + r.dtype + " --opset " + std::to_string(r.opset) + " --seed " +
         r.seed + " --cases " + std::to_string(r.cases) + (adversarial(r.suite) ? " --adversarial" : "");
}

std::string reproduce_command(const GraphRecord& r) {
  return "ptonnx fuzz --graphs --tier " + std::to_string(r.tier) + " --opset " + std::to_string(r.opset) + " --seed " +
         r.seed + " --cases " + std::to_string(r.cases);
}

std::string render_junit(const ResultSet& results) {
  std::map<std::string, std::vector<Case>> suites;
  for (const auto& r : results.ops)
    suites[r.suite].push_back({r.suite + "." + r.op, r.dtype + " opset " + std::to_string(r.opset),
                               outcome_element(r, reproduce_command(r), r.reason), r.status});
  for (const auto& r : results.graphs)
    suites[r.suite].push_back({r.suite + ".graphs", "random graphs opset " + std::to_string(r.opset),
                               outcome_element(r, reproduce_command(r)), r.status});
  auto count = [](const std::vector<Case>& cases, auto pred) {
    int n = 0;
    for (const auto& c : cases) n += pred(c.status) ? 1 : 0;
    return n;
  };
  const auto failed = [](RunStatus s) { return s == RunStatus::Fail || s == RunStatus::UnexpectedPass; };
  const auto errored = [](RunStatus s) { return s == RunStatus::Error; };
  const auto skipped = [](RunStatus s) { return s == RunStatus::Unsupported; };
  int tests = 0, failures = 0, errors = 0, skips = 0;
  std::string body;
  for (const auto& [suite, cases] : suites) {
    const int f = count(cases, failed), e = count(cases, errored), s = count(cases, skipped);
    tests += static_cast<int>(cases.size());
    failures += f;
    errors += e;
    skips += s;
    body += "  <testsuite name=\"" + xml_escape(suite) + "\" tests=\"" + std::to_string(cases.size()) +
            "\" failures=\"" + std::to_string(f) + "\" errors=\"" + std::to_string(e) + "\" skipped=\"" +
            std::to_string(s) + "\">\n";
    for (const auto& c : cases) {
      body += "    <testcase classname=\"" + xml_escape(c.classname) + "\" name=\"" + xml_escape(c.name) + "\"";
      body += c.body.empty() ? "/>\n" : ">" + c.body + "</testcase>\n";
    }
    body += "  </testsuite>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"ptonnx\" tests=\"" + std::to_string(tests) +
         "\" failures=\"" + std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\" skipped=\"" +
         std::to_string(skips) + "\">\n" + body + "</testsuites>\n";
}

}  // namespace ptonnx::reports
