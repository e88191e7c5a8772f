// `ptonnx mutate` end to end with a tiny budget: it runs, prints a score
// per op and writes the records ptonnx_report reads; --jobs gives the same
// records; --mutant reruns one mutant; bad arguments exit 2.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "suites/common/cli_run.h"

namespace fs = std::filesystem;

namespace {

using ptonnx::test::CliRun;
CliRun run(const std::string& args) { return ptonnx::test::run_cli(args); }

std::string out_dir(const std::string& name) {
  const std::string d = std::string(PTONNX_FUZZ_TEST_DIR) + "/mutate-" + name;
  fs::remove_all(d);
  return d;
}

std::vector<nlohmann::json> records(const std::string& file) {
  std::vector<nlohmann::json> v;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) v.push_back(nlohmann::json::parse(line));
  return v;
}

// The verdicts, without the time stamps.
std::vector<std::string> verdicts(const std::vector<nlohmann::json>& recs) {
  std::vector<std::string> v;
  for (const auto& r : recs)
    if (r["kind"] == "mutant") v.push_back(r["mutation"].get<std::string>() + ": " + r["verdict"].get<std::string>());
  return v;
}

TEST(MutateCli, TinyBudgetScansAnOpAndWritesRecords) {
  const std::string dir = out_dir("add");
  const CliRun r = run("mutate --op Add --cases 4 --max-mutants 4 --out " + dir);
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("[1/1] Add: 4 mutants"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("; score "), std::string::npos) << r.output;
  const auto recs = records(dir + "/mutate-Add.jsonl");
  ASSERT_EQ(recs.size(), 5u);
  EXPECT_EQ(recs.back()["kind"], "mutation");
  EXPECT_EQ(recs.back()["tried"], 4);
  EXPECT_EQ(recs[0]["kind"], "mutant");
  EXPECT_NE(recs[0]["command"].get<std::string>().find("mutate --op Add --seed "), std::string::npos);

  // The same scan in a child process gives the same verdicts.
  const std::string dir2 = out_dir("add-jobs");
  const CliRun r2 = run("mutate --op Add --cases 4 --max-mutants 4 --jobs 2 --out " + dir2);
  ASSERT_EQ(r2.status, 0) << r2.output;
  EXPECT_EQ(verdicts(records(dir2 + "/mutate-Add.jsonl")), verdicts(recs));

  // One mutant alone, from its command.
  const CliRun one =
      run("mutate --op Add --cases 4 --max-mutants 4 --mutant 0 --seed " +
          recs[0]["command"].get<std::string>().substr(recs[0]["command"].get<std::string>().find("--seed ") + 7,
                                                       recs[0]["command"].get<std::string>().find(" --opset") -
                                                           recs[0]["command"].get<std::string>().find("--seed ") - 7));
  ASSERT_EQ(one.status, 0) << one.output;
  EXPECT_NE(one.output.find(recs[0]["mutation"].get<std::string>()), std::string::npos) << one.output;
  EXPECT_NE(one.output.find(recs[0]["verdict"].get<std::string>() + ":"), std::string::npos) << one.output;
}

TEST(MutateCli, BadArgumentsExitTwo) {
  EXPECT_EQ(run("mutate").status, 2);
  EXPECT_EQ(run("mutate --op NoSuchOp").status, 2);
  EXPECT_EQ(run("mutate --op Add --tier 1").status, 2);
  EXPECT_EQ(run("mutate --tier 9").status, 2);
  EXPECT_EQ(run("mutate --op Add --cases 0").status, 2);
  const CliRun r = run("mutate --op Add --cases 2 --max-mutants 2 --mutant 99 --out " + out_dir("bad"));
  EXPECT_EQ(r.status, 2) << r.output;
  EXPECT_NE(r.output.find("--mutant 99: Add has 2 mutants"), std::string::npos) << r.output;
}

}  // namespace
