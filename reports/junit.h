// JUnit XML from the result records, for CI systems that show test results:
// one testcase per property (op, dtype, opset, suite; the suite names the
// runtime: tierN or tierN-adversarial) and per random-graph property, so a
// failure shows which combination broke, its shrunk case and how to
// reproduce it. CTest's own JUnit output has one testcase per test binary.
#pragma once

#include <string>

#include "reports/records.h"

namespace ptonnx::reports {

// The JUnit document: <testsuites> with one <testsuite> per suite name.
// Failing runs (fail, unexpected_pass) get <failure>, harness errors
// <error>, declared-unsupported combinations <skipped> with their reason.
std::string render_junit(const ResultSet& results);

// The command that re-runs a property (what the failure message ends with).
std::string reproduce_command(const OpRecord& r);
std::string reproduce_command(const GraphRecord& r);

}  // namespace ptonnx::reports
