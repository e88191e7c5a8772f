// expect_values(what, got, want, rel): every element of `got` within `rel`
// (relative) of `want`, exactly equal for infinities and zeros (the sign of
// zero included), NaN where `want` is NaN. Shared by the tier-5 tests.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/tensor.h"

namespace ptonnx::test {

inline void expect_values(const std::string& what, const Tensor& got, const std::vector<double>& want,
                          double rel = 4e-16) {
  ASSERT_EQ(got.numel(), static_cast<int64_t>(want.size())) << what;
  for (size_t i = 0; i < want.size(); ++i) {
    const double g = got.get_as_double(static_cast<int64_t>(i)), w = want[i];
    if (std::isnan(w)) {
      EXPECT_TRUE(std::isnan(g)) << what << "[" << i << "] = " << g;
    } else if (std::isinf(w) || w == 0) {
      EXPECT_EQ(g, w) << what << "[" << i << "]";
    } else {
      EXPECT_NEAR(g, w, rel * std::abs(w)) << what << "[" << i << "] = " << g;
    }
    if (w == 0) {
      EXPECT_EQ(std::signbit(g), std::signbit(w)) << what << "[" << i << "]: sign of zero";
    }
  }
}

}  // namespace ptonnx::test
