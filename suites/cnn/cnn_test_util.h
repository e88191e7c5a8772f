// Helpers of the CNN named tests: run a graph end to end (oracle, export at
// opsets 13-18, the built-in runtime normal and spec-adversarial, the
// comparison with the sign of zero) and return the runtime's output.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "check/driver.h"
#include "graph/builder.h"
#include "suites/common/all_opsets.h"

namespace ptonnx::test {

// Every opset and both runtimes must pass; the opset-17 output (suites/common/all_opsets.h).
inline Tensor run_all_opsets(const FunctionGraph& g, const std::vector<Tensor>& in) {
  return passing_at_all_opsets(g, in);
}

inline Tensor filled(DType t, const Shape& shape, const std::vector<double>& v) {
  Tensor x(t, shape);
  for (int64_t i = 0; i < x.numel(); ++i) x.set_from_double(i, v.at(static_cast<size_t>(i)));
  return x;
}

}  // namespace ptonnx::test
