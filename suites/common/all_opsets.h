// Runs a graph end to end for a named test: the oracle, the export at every
// opset 13-18, the built-in runtime normal and spec-adversarial, and the
// comparison (with the sign of zero unless told otherwise). Every run must
// pass; the runtime's first output at `return_opset` (normal runtime) is
// returned for the test's own expectations. Shared by the tier-5, extended
// and CNN named tests.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "check/driver.h"
#include "core/tensor.h"
#include "graph/graph.h"

namespace ptonnx::test {

struct AllOpsetsOptions {
  bool signed_zero = true;
  int return_opset = 17;
};

inline Tensor passing_at_all_opsets(const FunctionGraph& g, const std::vector<Tensor>& in,
                                    AllOpsetsOptions options = {}) {
  Tensor out;
  for (int opset = 13; opset <= 18; ++opset)
    for (bool adversarial : {false, true}) {
      check::DriverOptions o;
      o.opset = opset;
      o.adversarial = adversarial;
      o.signed_zero = options.signed_zero;
      const auto r = check::run_case(g, in, o);
      EXPECT_EQ(r.outcome, check::Outcome::Pass)
          << "opset " << opset << (adversarial ? " adversarial" : "") << ": " << r.message;
      if (!adversarial && opset == options.return_opset && !r.actual.empty()) out = r.actual.at(0);
    }
  return out;
}

// A tensor's elements as doubles, in row-major order.
inline std::vector<double> values(const Tensor& t) {
  std::vector<double> v;
  for (int64_t i = 0; i < t.numel(); ++i) v.push_back(t.get_as_double(i));
  return v;
}

}  // namespace ptonnx::test
