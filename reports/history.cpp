#include "reports/history.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "reports/common.h"

namespace ptonnx::reports {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) out.push_back(field);
  return out;
}

bool parse_int(const std::string& s, std::int64_t& v) {
  if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  v = std::stoll(s);
  return true;
}

}  // namespace

std::string history_header() { return "# date\tcommit\tops_done\tops_total\tcases\tfailing_properties\n"; }

std::string history_line(const HistoryEntry& e) {
  return e.date + "\t" + e.commit + "\t" + std::to_string(e.ops_done) + "\t" + std::to_string(e.ops_total) + "\t" +
         std::to_string(e.cases) + "\t" + std::to_string(e.failures) + "\n";
}

std::vector<HistoryEntry> parse_history(const std::string& text, std::vector<std::string>* warnings) {
  std::vector<HistoryEntry> out;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const auto f = split_tabs(line);
    std::int64_t done = 0, total = 0, cases = 0, failures = 0;
    if (f.size() != 6 || !parse_int(f[2], done) || !parse_int(f[3], total) || !parse_int(f[4], cases) ||
        !parse_int(f[5], failures) || done > total || total > 100000 || failures > 10000000) {
      if (warnings) warnings->push_back("history line " + std::to_string(number) + " skipped: not 6 tab-separated fields "
                                        "(date, commit, ops done, ops total, cases, failing properties)");
      continue;
    }
    out.push_back({f[0], f[1], static_cast<int>(done), static_cast<int>(total), cases, static_cast<int>(failures)});
  }
  return out;
}

HistoryEntry current_entry(const ResultSet& results, const Summary& s, const std::string& date) {
  HistoryEntry e;
  e.date = date;
  for (const auto& gs : s.groups) {
    e.ops_done += gs.done;
    e.ops_total += static_cast<int>(gs.ops.size());
  }
  for (const auto& r : results.ops) {
    e.cases += r.cases;
    e.failures += is_failure(r.status) ? 1 : 0;
  }
  for (const auto& r : results.graphs) {
    e.cases += r.cases;
    e.failures += is_failure(r.status) ? 1 : 0;
  }
  std::map<std::string, int> commits;
  for (const auto& r : results.runs) ++commits[r.commit.empty() ? "unknown" : r.commit];
  e.commit = "unknown";
  int best = 0;
  for (const auto& [c, n] : commits)
    if (n > best) {
      best = n;
      e.commit = c;
    }
  return e;
}

// Two series on one time axis (one step per run, oldest left): ops done
// (green) against the catalog size (grey, dashed) on the left scale, and
// failing properties (red) on their own right scale.
std::string history_svg(const std::vector<HistoryEntry>& entries) {
  if (entries.empty()) return "";
  constexpr int kW = 640, kH = 220, kLeft = 48, kRight = 48, kTop = 16, kBottom = 36;
  const int plot_w = kW - kLeft - kRight, plot_h = kH - kTop - kBottom;
  int ops_max = 1, fail_max = 1;
  for (const auto& e : entries) {
    ops_max = std::max({ops_max, e.ops_total, e.ops_done});
    fail_max = std::max(fail_max, e.failures);
  }
  const size_t n = entries.size();
  auto x = [&](size_t i) { return kLeft + (n == 1 ? plot_w / 2 : static_cast<int>(i * plot_w / (n - 1))); };
  auto y = [&](double v, double max) { return kTop + plot_h - static_cast<int>(v * plot_h / max); };
  auto polyline = [&](auto value, double max, const char* style) {
    std::string pts;
    for (size_t i = 0; i < n; ++i)
      pts += (i ? " " : "") + std::to_string(x(i)) + "," + std::to_string(y(value(entries[i]), max));
    return "<polyline fill=\"none\" " + std::string(style) + " points=\"" + pts + "\"/>\n";
  };
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(kW) + "\" height=\"" +
                    std::to_string(kH) + "\" role=\"img\" aria-label=\"ops done and failing properties per run\">\n";
  svg += "<rect x=\"" + std::to_string(kLeft) + "\" y=\"" + std::to_string(kTop) + "\" width=\"" +
         std::to_string(plot_w) + "\" height=\"" + std::to_string(plot_h) + "\" fill=\"none\" stroke=\"#bbb\"/>\n";
  svg += polyline([](const HistoryEntry& e) { return e.ops_total; }, ops_max,
                  "stroke=\"#9e9e9e\" stroke-dasharray=\"4 3\" stroke-width=\"1.5\"");
  svg += polyline([](const HistoryEntry& e) { return e.ops_done; }, ops_max, "stroke=\"#2e7d32\" stroke-width=\"2\"");
  svg += polyline([](const HistoryEntry& e) { return e.failures; }, fail_max, "stroke=\"#e53935\" stroke-width=\"2\"");
  for (size_t i = 0; i < n; ++i) {
    const auto& e = entries[i];
    svg += "<circle cx=\"" + std::to_string(x(i)) + "\" cy=\"" + std::to_string(y(e.ops_done, ops_max)) +
           "\" r=\"3\" fill=\"#2e7d32\"><title>" + html_escape(e.date + " " + e.commit) + ": " +
           std::to_string(e.ops_done) + "/" + std::to_string(e.ops_total) + " ops done, " + std::to_string(e.cases) +
           " cases, " + std::to_string(e.failures) + " failing properties</title></circle>\n";
  }
  auto text = [](int tx, int ty, const std::string& anchor, const std::string& s, const char* color = "#222") {
    return "<text x=\"" + std::to_string(tx) + "\" y=\"" + std::to_string(ty) + "\" text-anchor=\"" + anchor +
           "\" font-size=\"11\" fill=\"" + color + "\">" + html_escape(s) + "</text>\n";
  };
  svg += text(kLeft - 4, kTop + 4, "end", std::to_string(ops_max), "#2e7d32");
  svg += text(kLeft - 4, kTop + plot_h, "end", "0", "#2e7d32");
  svg += text(kW - kRight + 4, kTop + 4, "start", std::to_string(fail_max), "#e53935");
  svg += text(kW - kRight + 4, kTop + plot_h, "start", "0", "#e53935");
  svg += text(kLeft, kH - 20, "start", entries.front().date.substr(0, 10));
  if (n > 1) svg += text(kW - kRight, kH - 20, "end", entries.back().date.substr(0, 10));
  svg += text(kW / 2, kH - 4, "middle", "ops done (green) of the catalog (grey); failing properties (red, right scale)");
  return svg + "</svg>\n";
}

}  // namespace ptonnx::reports
