// The fuzz CLI end to end, through ptonnx_fuzz_demo (the ptonnx command
// plus the test-only ops of broken_ops.cpp): it finds the planted bug,
// writes a bundle whose command regenerates it, replays it; gives the same
// records with any --jobs; rejects bad arguments clearly; and --isolate
// turns a crash or a hang into a reported failure.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "suites/common/cli_run.h"

namespace fs = std::filesystem;

namespace {

using ptonnx::test::CliRun;
CliRun run(const std::string& args) { return ptonnx::test::run_cli(args); }

std::string fresh_dir(const std::string& name) {
  const std::string dir = std::string(PTONNX_FUZZ_TEST_DIR) + "/" + name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<nlohmann::json> records(const std::string& out) {
  std::vector<nlohmann::json> v;
  std::ifstream in(out + "/results.jsonl");
  for (std::string line; std::getline(in, line);) v.push_back(nlohmann::json::parse(line));
  return v;
}

// Records without what legitimately differs between two runs: the time,
// and the output folder inside bundle paths.
std::vector<std::string> normalized(const std::string& out) {
  std::vector<std::string> v;
  for (auto j : records(out)) {
    j.erase("time");
    std::string s = j.dump();
    for (size_t at; (at = s.find(out)) != std::string::npos;) s.replace(at, out.size(), "OUT");
    v.push_back(s);
  }
  return v;
}

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

std::string strip_program(const std::string& command) { return command.substr(command.find(" fuzz ")); }

TEST(FuzzCli, FindsThePlantedBugWritesABundleAndReplaysIt) {
  const std::string out = fresh_dir("planted");
  const CliRun r = run("fuzz --op BrokenRound --dtype float64 --opset 17 --seed 7 --cases 100 --out " + out);
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("FAIL BrokenRound float64 opset 17"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("mismatch"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find('\r'), std::string::npos) << "no live line when stdout is not a terminal";
  const std::string bundle = out + "/bundles/BrokenRound-float64-opset17-7";
  EXPECT_NE(r.output.find("bundle: " + bundle), std::string::npos) << r.output;
  for (const char* f :
       {"case.json", "graph.json", "model.onnx", "model.txt", "oracle_output_0.pb", "runtime_output_0.pb", "README.md"})
    EXPECT_TRUE(fs::exists(bundle + "/" + f)) << f;
  const auto meta = read_json(bundle + "/case.json");
  EXPECT_EQ(meta["outcome"], "mismatch");
  EXPECT_EQ(strip_program(meta["command"]), " fuzz --op BrokenRound --dtype float64 --opset 17 --seed 7 --cases 100");

  const CliRun replay = run("replay " + bundle);
  EXPECT_EQ(replay.status, 1) << replay.output;
  EXPECT_NE(replay.output.find("REPRODUCED: the same outcome (mismatch)"), std::string::npos) << replay.output;

  // A fixed converter: the same bundle with a correct op in place of the
  // broken one now passes, and replay says so with exit status 0.
  const std::string fixed = out + "/fixed";
  fs::copy(bundle, fixed);
  std::ifstream gin(fixed + "/graph.json");
  std::string graph((std::istreambuf_iterator<char>(gin)), std::istreambuf_iterator<char>());
  graph = std::regex_replace(graph, std::regex("BrokenRound"), "Neg");
  std::ofstream(fixed + "/graph.json") << graph;
  const CliRun now = run("replay " + fixed);
  EXPECT_EQ(now.status, 0) << now.output;
  EXPECT_NE(now.output.find("FIXED: the case now passes"), std::string::npos) << now.output;

  // The bundle's command regenerates the same cases, hence the same record.
  const std::string again = fresh_dir("planted-again");
  const CliRun regen = run(strip_program(meta["command"]).substr(1) + " --out " + again);
  EXPECT_EQ(regen.status, 1);
  EXPECT_EQ(normalized(again), normalized(out));
}

TEST(FuzzCli, ASuiteStyleRunsRegenerateCommandReproducesItsProperty) {
  // Base seed -> per-property seeds (as the tier suites derive them); the
  // printed command uses the property seed itself.
  const std::string out = fresh_dir("suite-style");
  const CliRun r = run("fuzz --op BrokenRound --opset 15 --seed 99 --cases 60 --out " + out);
  EXPECT_EQ(r.status, 1) << r.output;
  const auto recs = records(out);
  ASSERT_EQ(recs.size(), 3u);  // float16, float32, float64
  for (const auto& rec : recs) {
    if (rec["status"] != "fail") continue;
    const std::string single = fresh_dir("suite-style-single");
    const CliRun regen = run(strip_program(rec["command"]).substr(1) + " --out " + single);
    EXPECT_EQ(regen.status, 1) << regen.output;
    const auto again = records(single);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0]["seed"], rec["seed"]);
    EXPECT_EQ(again[0]["failure"], rec["failure"]);
    return;
  }
  FAIL() << "no failing property: " << r.output;
}

TEST(FuzzCli, SameRecordsWithAnyNumberOfJobs) {
  for (const std::string what :
       {"--op BrokenRound --cases 25", "--tier 1 --opset 16 --cases 4", "--graphs --opset 14 --cases 20"}) {
    const std::string a = fresh_dir("jobs1"), b = fresh_dir("jobs3");
    const CliRun r1 = run("fuzz " + what + " --jobs 1 --out " + a);
    const CliRun r3 = run("fuzz " + what + " --jobs 3 --out " + b);
    EXPECT_EQ(r1.status, r3.status) << what << "\n" << r1.output << "\n" << r3.output;
    const auto n1 = normalized(a), n3 = normalized(b);
    EXPECT_FALSE(n1.empty()) << what;
    EXPECT_EQ(n1, n3) << what;
  }
}

TEST(FuzzCli, ArgumentErrors) {
  struct Bad {
    std::string args, message;
  };
  const std::vector<Bad> cases = {
      {"--op Nope", "unknown op 'Nope'"},
      {"--op Nope", "tier1: "},
      {"--op Nope", "not in the catalog: "},
      {"--op add", "did you mean 'Add'?"},
      {"--op Add --dtype float128", "unknown dtype 'float128'"},
      {"--op BrokenRound --dtype int32", "BrokenRound has no dtype int32 in its sample spec; its dtypes: float16"},
      {"--op Add --opset 12", "--opset 12 is outside the supported opsets 13..18"},
      {"--op Add --opset 19", "outside the supported opsets 13..18"},
      {"--op Add --tier 1", "--op and --tier conflict"},
      {"--op Add --graphs", "--op and --graphs conflict"},
      {"--graphs --dtype float32", "--dtype and --graphs conflict"},
      {"--op Add --timeout 5", "--timeout needs --isolate"},
      {"--op Add --jobs 0", "--jobs must be at least 1"},
      {"--tier 9", "--tier must be 1..5"},
      {"", "nothing to fuzz"},
  };
  const std::string out = fresh_dir("errors");
  for (const auto& c : cases) {
    const CliRun r = run("fuzz " + c.args + " --out " + out);
    EXPECT_EQ(r.status, 2) << c.args << "\n" << r.output;
    EXPECT_NE(r.output.find(c.message), std::string::npos) << c.args << "\n" << r.output;
  }
  const CliRun not_bundle = run("replay " + out);
  EXPECT_EQ(not_bundle.status, 2);
  EXPECT_NE(not_bundle.output.find("is not a repro bundle"), std::string::npos) << not_bundle.output;
}

TEST(FuzzCli, IsolateTurnsACrashIntoAReportedFailure) {
  const std::string out = fresh_dir("crash");
  const CliRun r = run("fuzz --op CrashingOp --dtype float32 --isolate --opset 17 --seed 3 --cases 5 --out " + out);
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("CRASH CrashingOp float32 opset 17"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("SIGABRT"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("fuzz: 1 properties"), std::string::npos) << r.output;
  const std::string bundle = out + "/bundles/CrashingOp-float32-opset17-3";
  const auto meta = read_json(bundle + "/case.json");
  EXPECT_EQ(meta["kind"], "crash");
  EXPECT_EQ(strip_program(meta["command"]), " fuzz --op CrashingOp --dtype float32 --opset 17 --seed 3 --cases 5");
  const auto recs = records(out);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0]["status"], "crash");

  const CliRun replay = run("replay " + bundle);
  EXPECT_EQ(replay.status, 1) << replay.output;
  EXPECT_NE(replay.output.find("REPRODUCED: the property still crashes"), std::string::npos) << replay.output;

  // Worker processes (--jobs > 1) survive a crash as well.
  const std::string jobs = fresh_dir("crash-jobs");
  const CliRun rj = run("fuzz --op CrashingOp --jobs 2 --cases 5 --out " + jobs);
  EXPECT_EQ(rj.status, 1) << rj.output;
  EXPECT_EQ(records(jobs).size(), 6u);  // one per opset, each a crash
}

TEST(FuzzCli, IsolateTurnsAHangIntoATimeout) {
  const std::string out = fresh_dir("hang");
  const CliRun r =
      run("fuzz --op HangingOp --dtype float32 --isolate --timeout 1 --opset 13 --seed 5 --cases 5 --out " + out);
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("TIMEOUT HangingOp float32 opset 13"), std::string::npos) << r.output;
  const auto recs = records(out);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0]["status"], "timeout");
}

TEST(FuzzCli, SecondsKeepsDrawingFreshSeeds) {
  const std::string out = fresh_dir("seconds");
  const CliRun r = run("fuzz --op Add --dtype int32 --opset 17 --cases 3 --seconds 1 --out " + out);
  EXPECT_EQ(r.status, 0) << r.output;
  const auto recs = records(out);
  ASSERT_GE(recs.size(), 2u) << r.output;
  EXPECT_NE(recs[0]["seed"], recs[1]["seed"]);
  EXPECT_EQ(recs[1]["round"], 1);
}

}  // namespace
