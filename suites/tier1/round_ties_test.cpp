// Round(mode="half_away_from_zero") at the ties and near-ties of float16 and
// float32, end to end. PyTensor computes it on Python floats (double):
// floor(a + 0.5) for a > 0, else ceil(a - 0.5). The converter used to add
// 0.5 in the input's dtype, where float32 0.49999997 + 0.5 rounds to 1.0
// and 8388609 + 0.5 ties to 8388610: the export gave 1 and 8388610 where
// PyTensor gives 0 and 8388609. The tier-1 spec never drew those values
// until it borrowed RoundHalfAwayFromZero's tie generator.
#include <gtest/gtest.h>

#include <cmath>

#include "check/driver.h"
#include "graph/builder.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::vec;

Tensor round_away(DType t, const std::vector<double>& values) {
  auto x = pt::tensor("x", std::string(dtype_name(t)), {std::nullopt});
  FunctionGraph g({x}, {pt::op("Round", {x}, {{"mode", std::string("half_away_from_zero")}})[0]});
  check::DriverOptions o;
  o.signed_zero = true;
  const auto r = check::run_case(g, {vec(t, values)}, o);
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  return r.actual.empty() ? Tensor() : r.actual.at(0);
}

TEST(Tier1Round, HalfAwayFromZeroAddsInDoubleAsPyTensor) {
  const double below_half32 = 0.5 - std::ldexp(1.0, -25);  // 0.49999997f
  const Tensor y = round_away(DType::Float32, {below_half32, -below_half32, 8388609.0, 2.5, -2.5, 0.0});
  ASSERT_EQ(y.numel(), 6);
  EXPECT_EQ(y.get_as_double(0), 0.0);
  EXPECT_EQ(y.get_as_double(1), 0.0);
  EXPECT_TRUE(std::signbit(y.get_as_double(1)));  // ceil(-0.99999997) = -0.0
  EXPECT_EQ(y.get_as_double(2), 8388609.0);
  EXPECT_EQ(y.get_as_double(3), 3.0);
  EXPECT_EQ(y.get_as_double(4), -3.0);
  EXPECT_TRUE(std::signbit(y.get_as_double(5)));  // ceil(0.0 - 0.5) = -0.0

  const double below_half16 = 0.5 - std::ldexp(1.0, -12);  // 0.49976 in float16
  const Tensor h = round_away(DType::Float16, {below_half16, 1025.0, -1025.0});
  ASSERT_EQ(h.numel(), 3);
  EXPECT_EQ(h.get_as_double(0), 0.0);
  EXPECT_EQ(h.get_as_double(1), 1025.0);  // 1025 + 0.5 ties to 1026 in float16
  EXPECT_EQ(h.get_as_double(2), -1025.0);
}

}  // namespace
}  // namespace ptonnx
