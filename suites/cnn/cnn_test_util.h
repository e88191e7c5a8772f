// Helpers of the CNN named tests: run a graph end to end (oracle, export at
// opsets 13-18, the built-in runtime normal and spec-adversarial, the
// comparison with the sign of zero) and return the runtime's output.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "check/driver.h"
#include "graph/builder.h"

namespace ptonnx::test {

inline Tensor run_all_opsets(const FunctionGraph& g, const std::vector<Tensor>& in) {
  Tensor out;
  for (int opset = 13; opset <= 18; ++opset)
    for (bool adversarial : {false, true}) {
      check::DriverOptions o;
      o.opset = opset;
      o.adversarial = adversarial;
      o.signed_zero = true;
      const auto r = check::run_case(g, in, o);
      EXPECT_EQ(r.outcome, check::Outcome::Pass) << "opset " << opset << ": " << r.message;
      if (!adversarial && opset == 17 && !r.actual.empty()) out = r.actual[0];
    }
  return out;
}

inline Tensor filled(DType t, const Shape& shape, const std::vector<double>& v) {
  Tensor x(t, shape);
  for (int64_t i = 0; i < x.numel(); ++i) x.set_from_double(i, v.at(static_cast<size_t>(i)));
  return x;
}

inline std::vector<double> values(const Tensor& t) {
  std::vector<double> v;
  for (int64_t i = 0; i < t.numel(); ++i) v.push_back(t.get_as_double(i));
  return v;
}

}  // namespace ptonnx::test
