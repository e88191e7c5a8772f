// Helpers of the extended-group named tests: run one op end to end
// (oracle, export at an opset, built-in runtime, the comparison with the
// sign of zero) and return the runtime's output for exact checks.
#pragma once

#include <gtest/gtest.h>

#include "check/driver.h"
#include "graph/builder.h"

namespace ptonnx::test {

inline Tensor run_graph(const FunctionGraph& g, const std::vector<Tensor>& in, int opset = 17) {
  check::DriverOptions o;
  o.opset = opset;
  o.signed_zero = true;
  const auto r = check::run_case(g, in, o);
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  return r.actual.empty() ? Tensor() : r.actual.at(0);
}

// op(x) with x fed as a 1-D tensor of unknown length.
inline Tensor run1(const std::string& op, const Tensor& x, int opset = 17) {
  auto in = pt::tensor("x", std::string(dtype_name(x.dtype())), {std::nullopt});
  return run_graph(FunctionGraph({in}, pt::op(op, {in})), {x}, opset);
}

// op(y, x), both fed, same length.
inline Tensor run2(const std::string& op, const Tensor& y, const Tensor& x, int opset = 17) {
  auto a = pt::tensor("y", std::string(dtype_name(y.dtype())), {std::nullopt});
  auto b = pt::tensor("x", std::string(dtype_name(x.dtype())), {std::nullopt});
  return run_graph(FunctionGraph({a, b}, pt::op(op, {a, b})), {y, x}, opset);
}

}  // namespace ptonnx::test
