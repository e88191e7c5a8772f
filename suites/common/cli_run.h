// Runs the ptonnx CLI under test (PTONNX_FUZZ_DEMO, the `ptonnx` command
// with test-only ops, defined by the test's CMake target) with `args`, and
// returns its exit status and merged stdout/stderr. Shared by the CLI tests.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace ptonnx::test {

struct CliRun {
  int status = -1;     // -1: killed by a signal (an abort)
  std::string output;  // stdout and stderr
};

inline CliRun run_cli(const std::string& args) {
  const std::string cmd = std::string(PTONNX_FUZZ_DEMO) + " " + args + " 2>&1";
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

}  // namespace ptonnx::test
