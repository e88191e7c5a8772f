// Report generator: golden files from a fixed set of result records, and the
// rules that decide what the tracker shows.
//
// PTONNX_UPDATE_GOLDEN=1 rewrites suites/unit/golden/reports/ from
// suites/unit/golden/records/ instead of comparing.

#include "reports/report.h"
#include "reports/common.h"
#include "reports/coverage.h"
#include "reports/junit.h"
#include "reports/ort_view.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
namespace rp = ptonnx::reports;
using ptonnx::catalog::Group;

namespace {

const fs::path kGoldenDir = PTONNX_GOLDEN_DIR;

// A fixed op list, so the goldens do not change when the catalog grows.
std::vector<rp::CatalogOp> test_ops() {
  return {{"Add", Group::Tier1},  {"Sub", Group::Tier1},     {"Mul", Group::Tier1},  {"Exp", Group::Tier1},
          {"Cast", Group::Tier1}, {"Reshape", Group::Tier2}, {"Join", Group::Tier2}, {"Sum", Group::Tier3},
          {"Dot", Group::Tier4},  {"Sin", Group::Tier5},     {"Conv", Group::CNN},   {"Erfinv", Group::Extended}};
}

std::string read_text(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

rp::ResultSet parse(const std::string& lines) {
  rp::ResultSet set;
  std::istringstream in(lines);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) rp::parse_record_line(line, rp::Origin{"test.jsonl", ++n}, set);
  return set;
}

const rp::OpSummary& op_of(const rp::Summary& s, const std::string& name) {
  for (const auto& g : s.groups)
    for (const auto& op : g.ops)
      if (op.name == name) return op;
  throw std::runtime_error("no op " + name);
}

const rp::GroupSummary& group_of(const rp::Summary& s, Group g) {
  for (const auto& gs : s.groups)
    if (gs.group == g) return gs;
  throw std::runtime_error("no group");
}

const char* kInventoryAll =
    R"({"kind":"inventory","op":"Add","ir":true,"converter":true,"oracle":true,"spec":true,"runtime_ops":true})";
const char* kAddPass =
    R"({"kind":"op","suite":"tier1","op":"Add","tier":1,"dtype":"float32","opset":17,"cases":30,"status":"pass","seed":1})";

}  // namespace

TEST(Reports, GoldenFiles) {
  const rp::ResultSet results = rp::load_results(kGoldenDir / "records");
  const auto reports = rp::render_all(results, test_ops(), rp::ReportOptions{});
  const fs::path golden = kGoldenDir / "reports";
  if (const char* u = std::getenv("PTONNX_UPDATE_GOLDEN"); u && std::string(u) == "1") {
    rp::write_reports(golden, reports);
    GTEST_SKIP() << "rewrote " << golden;
  }
  const fs::path tmp = fs::temp_directory_path() / ("ptonnx_reports_" + std::to_string(::getpid()));
  rp::write_reports(tmp, reports);
  for (const auto& [name, text] : reports) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(fs::exists(golden / name)) << "missing golden; run with PTONNX_UPDATE_GOLDEN=1";
    EXPECT_EQ(read_text(tmp / name), read_text(golden / name))
        << "regenerate with PTONNX_UPDATE_GOLDEN=1 if the change is intended";
  }
  fs::remove_all(tmp);
}

TEST(Reports, MalformedLinesAreSkippedWithWarnings) {
  const rp::ResultSet set =
      parse(std::string(kAddPass) + "\nnot json\n{\"kind\":\"op\",\"op\":\"Add\",\"status\":\"meh\"}\n" +
            "{\"kind\":\"op\",\"status\":\"pass\"}\n\n[1]\n{\"kind\":\"op\",\"op\":\"Add\",\"cases\":\"x\",\"status\":"
            "\"pass\"}\n" +
            "{\"kind\":\"op\",\"op\":\"Add\",\"opset\":-1,\"status\":\"pass\"}\n");
  EXPECT_EQ(set.ops.size(), 1u);
  EXPECT_EQ(set.skipped_lines, 6);
  ASSERT_EQ(set.warnings.size(), 6u);
  EXPECT_NE(set.warnings[0].find("test.jsonl:2"), std::string::npos);
}

TEST(Reports, TierWithNoRecordsIsNotRun) {
  const rp::ResultSet s_results = parse(std::string(kAddPass) + "\n" + kInventoryAll);
  const rp::Summary s = rp::summarize(s_results, test_ops());
  EXPECT_EQ(group_of(s, Group::Tier2).status, "Not run");
  EXPECT_EQ(group_of(s, Group::Tier1).status, "In Progress");
  const auto text = rp::render_all(rp::ResultSet{}, test_ops(), {}).at("PROGRESS.md");
  EXPECT_NE(text.find("| **Tier 1** | 5 ops | Not run | 0/5 (0%) |"), std::string::npos) << text;
  for (const char* status : {"| Complete |", "| In Progress |", "| Not Started |", "- [x]"})
    EXPECT_EQ(text.find(status), std::string::npos) << status;
}

TEST(Reports, FailRecordMeansNotDoneEvenWithPasses) {
  const std::string fail =
      R"({"kind":"op","op":"Add","dtype":"int8","opset":17,"cases":3,"status":"fail","seed":9,"failure":"x"})";
  const rp::ResultSet s_results = parse(std::string(kAddPass) + "\n" + fail + "\n" + kInventoryAll);
  const rp::Summary s = rp::summarize(s_results, test_ops());
  const auto& add = op_of(s, "Add");
  EXPECT_FALSE(add.done);
  EXPECT_EQ(add.overall.status, rp::Cell::Fail);
  EXPECT_EQ(add.by_dtype.at("float32").status, rp::Cell::Pass);
  EXPECT_EQ(add.by_opset.at(17).status, rp::Cell::Fail);
  ASSERT_NE(add.last_failure, nullptr);
  EXPECT_EQ(add.last_failure->seed, "9");
}

TEST(Reports, MissingOracleMeansNotDone) {
  const std::string inv =
      R"({"kind":"inventory","op":"Add","ir":true,"converter":true,"oracle":false,"spec":true,"runtime_ops":true})";
  const rp::ResultSet s_results = parse(std::string(kAddPass) + "\n" + inv);
  const rp::Summary s = rp::summarize(s_results, test_ops());
  EXPECT_FALSE(op_of(s, "Add").done);
  EXPECT_EQ(op_of(s, "Add").missing_components, std::vector<std::string>{"oracle"});
  const rp::ResultSet without_results = parse(kAddPass);
  const rp::Summary without = rp::summarize(without_results, test_ops());
  EXPECT_FALSE(op_of(without, "Add").done);
  const rp::ResultSet with_results = parse(std::string(kAddPass) + "\n" + kInventoryAll);
  const rp::Summary with = rp::summarize(with_results, test_ops());
  EXPECT_TRUE(op_of(with, "Add").done);
}

TEST(Reports, UnexpectedPassIsAFailure) {
  const std::string up =
      R"({"kind":"op","op":"Add","dtype":"int8","opset":13,"cases":3,"status":"unexpected_pass","reason":"no int8 before 14","category":"onnx_cannot_express","seed":5})";
  const rp::ResultSet s_results = parse(std::string(kAddPass) + "\n" + up + "\n" + kInventoryAll);
  const rp::Summary s = rp::summarize(s_results, test_ops());
  const auto& add = op_of(s, "Add");
  EXPECT_FALSE(add.done);
  EXPECT_EQ(add.by_dtype.at("int8").status, rp::Cell::Fail);
  EXPECT_NE(add.by_dtype.at("int8").detail.find("unexpected pass"), std::string::npos);
}

TEST(Reports, OnlyUnsupportedIsNotDone) {
  const std::string un =
      R"({"kind":"op","op":"Add","dtype":"int8","opset":13,"status":"unsupported","category":"not_built","reason":"r"})";
  const rp::ResultSet s_results = parse(un + "\n" + kInventoryAll);
  const rp::Summary s = rp::summarize(s_results, test_ops());
  EXPECT_FALSE(op_of(s, "Add").done);
  EXPECT_EQ(op_of(s, "Add").overall.status, rp::Cell::Unsupported);
  EXPECT_EQ(group_of(s, Group::Tier1).status, "Not Started");
}

TEST(Reports, TimestampLineIsOptional) {
  rp::ReportOptions with;
  with.generated_at = "2026-01-02T03:04:05Z";
  for (const auto& [name, text] : rp::render_all(rp::ResultSet{}, test_ops(), with))
    EXPECT_NE(text.find("2026-01-02T03:04:05Z"), std::string::npos) << name;
  for (const auto& [name, text] : rp::render_all(rp::ResultSet{}, test_ops(), {}))
    EXPECT_EQ(text.find("Generated at"), std::string::npos) << name;
}

TEST(Reports, RealCatalogWithNoResults) {
  int tier_ops = 0;
  for (Group g : ptonnx::catalog::kAllGroups)
    if (ptonnx::catalog::group_tier(g) != 0) tier_ops += static_cast<int>(ptonnx::catalog::ops_in_group(g).size());
  const auto text = rp::render_all(rp::ResultSet{}, rp::catalog_ops(), {}).at("PROGRESS.md");
  EXPECT_NE(text.find("### Overall Progress: 0/" + std::to_string(tier_ops) + " operations (0%)"), std::string::npos);
  EXPECT_EQ(text.find("- [x]"), std::string::npos);
}

TEST(Reports, MissingResultsDirectoryGivesEmptySet) {
  const rp::ResultSet set = rp::load_results("/nonexistent/ptonnx/results");
  EXPECT_EQ(set.total_records(), 0);
  EXPECT_EQ(set.warnings.size(), 1u);
}

// A `tier_suite --op Add` run after a full run: Add's newer records replace
// the older ones instead of adding to them, and the provenance names the
// runs' commits.
TEST(Reports, NewerRunOfAPropertyReplacesTheOlder) {
  const std::string old_fail =
      R"({"kind":"op","suite":"tier1","op":"Add","dtype":"int8","opset":17,"cases":3,"status":"fail","seed":9,"time":"2026-12-01T05:00:00Z"})";
  const std::string new_pass =
      R"({"kind":"op","suite":"tier1","op":"Add","dtype":"int8","opset":17,"cases":30,"status":"pass","seed":9,"time":"2026-12-01T06:00:00Z"})";
  const std::string other_suite =
      R"({"kind":"op","suite":"tier1-adversarial","op":"Add","dtype":"int8","opset":17,"cases":30,"status":"pass","seed":9,"time":"2026-12-01T04:00:00Z"})";
  const std::string run_a =
      R"({"kind":"run","suite":"tier1","commit":"aaaa","started":"2026-12-01T05:00:00Z","command":"tier_suite --tier 1"})";
  const std::string run_b =
      R"({"kind":"run","suite":"tier1","commit":"bbbb","started":"2026-12-01T06:00:00Z","command":"tier_suite --tier 1 --op Add"})";
  // Newest last and newest first: the time stamp decides, not the order.
  for (const bool newest_first : {false, true}) {
    rp::ResultSet set = newest_first ? parse(run_b + "\n" + new_pass + "\n" + run_a + "\n" + old_fail + "\n" +
                                             other_suite + "\n" + kInventoryAll)
                                     : parse(run_a + "\n" + old_fail + "\n" + other_suite + "\n" + run_b + "\n" +
                                             new_pass + "\n" + kInventoryAll);
    rp::keep_newest(set);
    EXPECT_EQ(set.superseded, 1);
    ASSERT_EQ(set.ops.size(), 2u);
    const rp::Summary s = rp::summarize(set, test_ops());
    EXPECT_TRUE(op_of(s, "Add").done);
    EXPECT_EQ(op_of(s, "Add").cases, 60);
    EXPECT_EQ(set.runs.size(), 2u);
    const std::string text = rp::provenance_markdown(set, rp::ReportOptions{});
    EXPECT_NE(text.find("1 run of commit `aaaa`, started 2026-12-01T05:00:00Z"), std::string::npos) << text;
    EXPECT_NE(text.find("a mix of builds"), std::string::npos) << text;
  }
}

// ptonnx_report --junit: one testcase per property; a failure carries its
// shrunk case (XML-escaped) and the reproduce command; unsupported is
// skipped with its reason; the adversarial suite's command says so.
TEST(Reports, JunitHasOneTestcasePerPropertyWithReproduceCommands) {
  const std::string fail =
      R"({"kind":"op","suite":"tier1-adversarial","op":"Sub","dtype":"uint8","opset":17,"cases":7,"status":"fail","seed":5,"failure":"Sub(a, b)\nexpected [1 < 2 & \"x\"]","bundle":"results/bundles/b"})";
  const std::string unsupported =
      R"({"kind":"op","suite":"tier1","op":"Add","dtype":"int8","opset":13,"cases":0,"status":"unsupported","seed":1,"reason":"no int8 <14"})";
  const std::string graph =
      R"({"kind":"graph","suite":"tier2","tier":2,"opset":18,"cases":1000,"status":"error","seed":3,"failure":"harness threw"})";
  rp::ResultSet set = parse(std::string(kAddPass) + "\n" + fail + "\n" + unsupported + "\n" + graph);
  const std::string xml = rp::render_junit(set);
  EXPECT_NE(xml.find(R"(<testsuites name="ptonnx" tests="4" failures="1" errors="1" skipped="1">)"), std::string::npos)
      << xml;
  EXPECT_NE(xml.find(R"(<testcase classname="tier1.Add" name="float32 opset 17"/>)"), std::string::npos) << xml;
  EXPECT_NE(xml.find("expected [1 &lt; 2 &amp; &quot;x&quot;]"), std::string::npos) << xml;
  EXPECT_NE(xml.find("reproduce: ptonnx fuzz --op Sub --dtype uint8 --opset 17 --seed 5 --cases 7 --adversarial"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("bundle: results/bundles/b"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(<skipped message="unsupported: no int8 &lt;14"/>)"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<error message=\"harness threw\">"), std::string::npos) << xml;
  EXPECT_NE(xml.find("ptonnx fuzz --graphs --tier 2 --opset 18 --seed 3 --cases 1000"), std::string::npos) << xml;
}

// n/a: a dtype column the op's spec does not declare, with no runs, is n/a
// (not "not run") and does not keep the op from being done; a declared
// dtype without runs stays "not run". The dtype x opset grid holds each
// property's own cell.
TEST(Reports, UndeclaredDtypeIsNotApplicableAndGridCellsArePerProperty) {
  const std::string inventory =
      R"({"kind":"inventory","op":"Add","ir":true,"converter":true,"oracle":true,"spec":true,"runtime_ops":true,)"
      R"("dtypes":["int8","float32"]})";
  const std::string bool_sub =
      R"({"kind":"op","suite":"tier1","op":"Sub","dtype":"bool","opset":13,"cases":5,"status":"pass","seed":2})";
  const std::string int8_fail =
      R"({"kind":"op","op":"Add","dtype":"int8","opset":13,"cases":3,"status":"fail","seed":9,"failure":"x"})";
  const rp::ResultSet results =
      parse(std::string(kAddPass) + "\n" + bool_sub + "\n" + int8_fail + "\n" + inventory);
  const rp::Summary s = rp::summarize(results, test_ops());
  const auto& add = op_of(s, "Add");
  EXPECT_EQ(add.by_dtype.at("bool").status, rp::Cell::NotApplicable);
  EXPECT_EQ(add.by_dtype.at("int8").status, rp::Cell::Fail);
  EXPECT_EQ(add.by_dtype_opset.at({"int8", 13}).status, rp::Cell::Fail);
  EXPECT_EQ(add.by_dtype_opset.at({"float32", 17}).status, rp::Cell::Pass);
  EXPECT_EQ(add.by_dtype_opset.count({"float32", 13}), 0u);
  EXPECT_EQ(op_of(s, "Sub").by_dtype.count("int8"), 0u);  // no inventory dtypes: not run, not n/a
  const std::string html = rp::render_coverage_html(results, s, {});
  EXPECT_NE(html.find("<td class=\"na\""), std::string::npos);
  EXPECT_NE(html.find("<summary>Add: dtype &times; opset</summary>"), std::string::npos);
  EXPECT_NE(html.find("Failing properties (1)"), std::string::npos);
  EXPECT_NE(html.find("reproduce: <code>ptonnx fuzz --op Add --dtype int8 --opset 13 --seed 9 --cases 3</code>"),
            std::string::npos);
}

// Bundle paths are shown relative to the repository when inside it.
TEST(Reports, FailingBundlesAreShownRelativeToTheRepository) {
  const std::string fail = R"({"kind":"op","op":"Add","dtype":"int8","opset":13,"cases":3,"status":"fail",)"
                           R"("seed":9,"failure":"x","bundle":"/repo/build/results/bundles/tier1/Add-int8-opset13-9"})";
  const rp::ResultSet results = parse(fail);
  rp::ReportOptions o;
  o.repo_root = "/repo";
  const std::string html = rp::render_coverage_html(results, rp::summarize(results, test_ops()), o);
  EXPECT_NE(html.find("bundle: <code>build/results/bundles/tier1/Add-int8-opset13-9</code>"), std::string::npos);
  o.repo_root = "/elsewhere";
  const std::string outside = rp::render_coverage_html(results, rp::summarize(results, test_ops()), o);
  EXPECT_NE(outside.find("bundle: <code>/repo/build/results/bundles/tier1/Add-int8-opset13-9</code>"),
            std::string::npos);
}

// history.tsv: malformed lines are skipped with a warning; this run's entry
// counts ops done, cases and failing properties; the SVG has one point per
// run on each series.
TEST(Reports, HistoryParsesCountsAndDraws) {
  const std::string text = rp::history_header() +
                           "2026-11-20T10:00:00Z\taaa\t51\t134\t200000\t3\n"
                           "garbage line\n"
                           "2026-11-28T10:00:00Z\tbbb\t100\t134\t300000\t0\n"
                           "2026-11-29T10:00:00Z\tccc\t200\t134\t1\t0\n";  // more done than exist
  std::vector<std::string> warnings;
  const auto entries = rp::parse_history(text, &warnings);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(warnings.size(), 2u);
  EXPECT_EQ(entries[1].commit, "bbb");
  EXPECT_EQ(rp::parse_history(rp::history_line(entries[0]))[0].cases, 200000);
  const std::string fail =
      R"({"kind":"op","op":"Add","dtype":"int8","opset":17,"cases":3,"status":"fail","seed":9,"failure":"x"})";
  const std::string run = R"({"kind":"run","suite":"tier1","commit":"c0ffee","started":"x"})";
  const rp::ResultSet results = parse(std::string(kAddPass) + "\n" + fail + "\n" + kInventoryAll + "\n" + run);
  const auto e = rp::current_entry(results, rp::summarize(results, test_ops()), "2026-12-01T00:00:00Z");
  EXPECT_EQ(e.ops_done, 0);
  EXPECT_EQ(e.ops_total, static_cast<int>(test_ops().size()));
  EXPECT_EQ(e.cases, 33);
  EXPECT_EQ(e.failures, 1);
  EXPECT_EQ(e.commit, "c0ffee");
  const std::string svg = rp::history_svg(entries);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("points=\"48,16 592,16\""), std::string::npos) << svg;  // the catalog size, flat
  EXPECT_NE(svg.find("points=\"48,16 592,184\""), std::string::npos) << svg;  // failures 3 -> 0
  EXPECT_TRUE(rp::history_svg({}).empty());
}

// The ONNX Runtime view: a record's first line says where it failed; a
// backend defect is counted apart and is no failure of the converter.
TEST(Reports, OrtViewCountsLoadsRunsAgreesAndBackendDefects) {
  const rp::ResultSet ort = parse(
      R"({"kind":"op","suite":"tier3-ort","op":"Sum","tier":3,"dtype":"int64","opset":17,"cases":20,"status":"pass","seed":1}
{"kind":"op","suite":"tier3-ort","op":"Sum","tier":3,"dtype":"uint64","opset":17,"cases":3,"status":"fail","seed":2,"failure":"runtime_error: onnxruntime load: Could not find an implementation for ReduceSum(13)\nshrunk case:"}
{"kind":"op","suite":"tier3-ort","op":"Sum","tier":3,"dtype":"int32","opset":17,"cases":5,"status":"fail","seed":3,"failure":"mismatch: onnxruntime: output 0"}
{"kind":"op","suite":"tier3-ort","op":"Sum","tier":3,"dtype":"int8","opset":17,"cases":5,"status":"fail","seed":4,"failure":"runtime_error: onnxruntime run: threw"}
{"kind":"op","suite":"tier3-ort","op":"Max","tier":3,"dtype":"int64","opset":17,"cases":20,"status":"backend_defect","seed":5,"failure":"onnxruntime defect 'x'"}
{"kind":"op","suite":"tier3","op":"Max","tier":3,"dtype":"int64","opset":17,"cases":20,"status":"fail","seed":6,"failure":"not an ORT suite"})");
  const auto rows = rp::ort_rows(ort);
  ASSERT_EQ(rows.size(), 2u);
  const auto& sum = rows.at("Sum");
  EXPECT_EQ(sum.properties, 4);
  EXPECT_EQ(sum.loads, 3);
  EXPECT_EQ(sum.runs, 2);
  EXPECT_EQ(sum.agrees, 1);
  const auto& max = rows.at("Max");
  EXPECT_EQ(max.properties, 1);
  EXPECT_EQ(max.backend_defects, 1);
  EXPECT_EQ(max.agrees, 0);
  // In the coverage reports only when given, so the goldens stay as they are.
  const rp::Summary s = rp::summarize(ort, test_ops());
  rp::ReportOptions options;
  EXPECT_EQ(rp::render_coverage_markdown(ort, s, options).find("## ONNX Runtime"), std::string::npos);
  options.ort = &ort;
  const std::string md = rp::render_coverage_markdown(ort, s, options);
  EXPECT_NE(md.find("| Sum | 4 | 3 | 2 | 1 | 0 | 0 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| Max | 1 | 0 | 0 | 0 | 1 | 0 |"), std::string::npos) << md;
  EXPECT_NE(rp::render_coverage_html(ort, s, options).find("<h2>ONNX Runtime</h2>"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(rp::render_coverage_json(ort, s, options))["onnxruntime"]["Sum"]["agrees"], 1);
  // backend_defect parses and is not a failure.
  EXPECT_FALSE(rp::is_failure(rp::RunStatus::BackendDefect));
}

// `ptonnx mutate` records: the score is a column of the dtype matrices and
// the survivors are listed with their rerun commands; without such records
// the coverage report has neither (the golden files above).
TEST(Reports, MutationScoreColumnAndSurvivors) {
  const std::string score =
      R"({"kind":"mutation","op":"Add","tier":1,"opset":17,"tried":6,"killed":3,"survived":1,"equivalent":1,)"
      R"("invalid":1,"score":0.75,"time":"2026-12-01T10:00:00Z"})";
  const std::string survivor =
      R"({"kind":"mutant","op":"Add","dtype":"float32","opset":17,"index":4,"mutation_kind":"constant",)"
      R"("mutation":"initializer#0 (float32[]) element 0 one ulp away from zero","verdict":"survived",)"
      R"("detail":"within the tolerance","command":"ptonnx mutate --op Add --seed 1 --mutant 4"})";
  const std::string killed =
      R"({"kind":"mutant","op":"Add","dtype":"float32","opset":17,"index":0,"mutation":"Add#0 -> Sub",)"
      R"("verdict":"killed"})";
  // An older scan of Add, in another file: superseded, its survivor not listed.
  rp::ResultSet results = parse(std::string(kAddPass) + "\n" + score + "\n" + survivor + "\n" + killed);
  rp::parse_record_line(R"({"kind":"mutation","op":"Add","tried":1,"killed":0,"survived":1,"time":"2026-11-01T00:00:00Z"})",
                        rp::Origin{"old.jsonl", 1}, results);
  rp::parse_record_line(R"({"kind":"mutant","op":"Add","mutation":"old survivor","verdict":"survived"})",
                        rp::Origin{"old.jsonl", 2}, results);
  EXPECT_TRUE(results.warnings.empty());
  rp::keep_newest(results);
  ASSERT_EQ(results.mutation.size(), 1u);
  EXPECT_EQ(results.mutants.size(), 2u);
  const rp::Summary s = rp::summarize(results, test_ops());
  const std::string md = rp::render_coverage_markdown(results, s, {});
  EXPECT_NE(md.find("| mutation score |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 75% (3/4) |"), std::string::npos) << md;
  EXPECT_NE(md.find("### Surviving mutants"), std::string::npos) << md;
  EXPECT_NE(md.find("`ptonnx mutate --op Add --seed 1 --mutant 4`"), std::string::npos) << md;
  EXPECT_EQ(md.find("old survivor"), std::string::npos) << md;
  const std::string html = rp::render_coverage_html(results, s, {});
  EXPECT_NE(html.find("<th>mutation score</th>"), std::string::npos);
  EXPECT_NE(html.find("Surviving mutants (1)"), std::string::npos);
  const std::string json = rp::render_coverage_json(results, s, {});
  EXPECT_NE(json.find("\"surviving_mutants\""), std::string::npos);
  // Without mutation records: no column, no section.
  const rp::ResultSet plain = parse(kAddPass);
  const std::string md_plain = rp::render_coverage_markdown(plain, rp::summarize(plain, test_ops()), {});
  EXPECT_EQ(md_plain.find("mutation"), std::string::npos);
}
