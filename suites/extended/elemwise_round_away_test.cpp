// RoundHalfAwayFromZero end to end: PyTensor's perform formula
// a > 0 ? floor(a + 0.5) : ceil(a - 0.5) on Python floats (double), ties
// away from zero, the signed zeros it gives (0.0 -> -0.0), the float64
// rounding of a + 0.5 it inherits (0.49999999999999994 -> 1.0, 2^52 + 1 ->
// 2^52 + 2), float16/float32 ties that the input's own dtype would break,
// integers refused, every opset.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "suites/common/expect_values.h"
#include "suites/common/tensors.h"
#include "suites/extended/extended_test_util.h"

namespace ptonnx {
namespace {

using test::expect_values;
using test::run1;
using test::vec;

constexpr double kInf = std::numeric_limits<double>::infinity();
const DType kFloats[] = {DType::Float16, DType::Float32, DType::Float64};
constexpr char kOp[] = "RoundHalfAwayFromZero";

TEST(ExtendedRoundAway, TiesGoAwayFromZeroEveryDtypeEveryOpset) {
  for (DType t : kFloats)
    for (int opset = 13; opset <= 18; ++opset)
      expect_values(
          std::string(dtype_name(t)),
          run1(kOp, vec(t, {0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, 2.4, -2.6, 7, -7, kInf, -kInf, NAN}), opset),
          {1, -1, 2, -2, 3, -3, 4, 2, -3, 7, -7, kInf, -kInf, NAN}, 0.0);
}

// a > 0 fails for +-0 and ceil(-0.5) = -0.0; 0.4 -> floor(0.9) = +0.
TEST(ExtendedRoundAway, SignedZeros) {
  for (DType t : kFloats)
    expect_values(std::string(dtype_name(t)), run1(kOp, vec(t, {0.0, -0.0, -0.4, 0.4, -0.25})),
                  {-0.0, -0.0, -0.0, 0.0, -0.0}, 0.0);
}

// float64: a + 0.5 rounds in double as in PyTensor's Python formula
// (0.49999999999999994 + 0.5 = 1.0; 2^52 + 1.5 ties to even), so those
// differ from C's round(), which PyTensor's C code would call.
TEST(ExtendedRoundAway, Float64FollowsThePythonFormula) {
  const double p52 = std::ldexp(1.0, 52);
  expect_values("float64",
                run1(kOp, vec(DType::Float64, {0.49999999999999994, -0.49999999999999994, p52 + 1, -(p52 + 1), p52 + 3,
                                               p52 - 0.5, std::ldexp(1.0, 53) + 2, 1.7976931348623157e308})),
                {1.0, -1.0, p52 + 2, -(p52 + 2), p52 + 4, p52, std::ldexp(1.0, 53) + 2, 1.7976931348623157e308}, 0.0);
}

// float32 / float16: a + 0.5 is exact in double, so the largest value below
// 0.5 gives 0 and odd integers past 2^23 (2^10) stay, where the addition in
// the input's dtype would tie to even (0.49999997f + 0.5f = 1.0f).
TEST(ExtendedRoundAway, Float32AndFloat16AddInDouble) {
  const double below_half32 = 0.5 - std::ldexp(1.0, -25), below_half16 = 0.5 - std::ldexp(1.0, -12);
  expect_values("float32", run1(kOp, vec(DType::Float32, {below_half32, -below_half32, 8388609, 8388607.5, 16777215})),
                {0.0, -0.0, 8388609, 8388608, 16777215}, 0.0);
  expect_values("float16", run1(kOp, vec(DType::Float16, {below_half16, -below_half16, 1023.5, 2047, 65504})),
                {0.0, -0.0, 1024, 2047, 65504}, 0.0);
}

TEST(ExtendedRoundAway, IntegerInputsAreRefused) {
  for (DType t : {DType::Int8, DType::Int64, DType::UInt8, DType::Bool}) {
    auto x = pt::tensor("x", std::string(dtype_name(t)), {std::nullopt});
    EXPECT_THROW(pt::round_half_away_from_zero(x), TypeError) << dtype_name(t);
  }
}

}  // namespace
}  // namespace ptonnx
