// ArcTan2 end to end: one named test per IEEE special case of C's atan2
// (C11 Annex F.10.1.4), which the composed export (Atan of min/max with
// octant corrections, lib/convert/ops/elemwise_arctan2.cpp) must reproduce
// by construction, in every float dtype: signed zeros on either side,
// infinities, NaN; the ratio overflowing and underflowing; the dtype rules
// (upgrade_to_float of each input, upcast; NumPy's float16 loop for a
// float16 y with an int8 x); broadcasting; every opset.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "suites/common/expect_values.h"
#include "suites/common/tensors.h"
#include "suites/extended/extended_test_util.h"

namespace ptonnx {
namespace {

using test::expect_values;
using test::run2;
using test::vec;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kPi = 3.141592653589793, kPi2 = 1.5707963267948966, kPi4 = 0.7853981633974483,
                 k3Pi4 = 2.356194490192345;
const DType kFloats[] = {DType::Float16, DType::Float32, DType::Float64};

// atan2 of (y[i], x[i]) in every float dtype equals want[i] rounded to the
// dtype (pi, pi/2, ... are each dtype's correctly rounded constant), with
// the sign of zero.
void expect_atan2(const std::string& what, const std::vector<double>& y, const std::vector<double>& x,
                  const std::vector<double>& want) {
  for (DType t : kFloats) {
    std::vector<double> rounded;
    const Tensor w = vec(t, want);
    for (int64_t i = 0; i < w.numel(); ++i) rounded.push_back(w.get_as_double(i));
    expect_values(what + " " + std::string(dtype_name(t)), run2("ArcTan2", vec(t, y), vec(t, x)), rounded, 0.0);
  }
}

TEST(ExtendedArcTan2, EveryFloatDtypeEveryOpset) {
  for (DType t : kFloats)
    for (int opset = 13; opset <= 18; ++opset)
      run2("ArcTan2", vec(t, {1, 1, -1, -1, 0, -0.0, 3, 0.5}), vec(t, {1, -1, 1, -1, -0.0, 0, 0.25, -4}), opset);
}

TEST(ExtendedArcTan2, ZeroOverMinusZeroIsPi) { expect_atan2("atan2(+-0, -0)", {0.0, -0.0}, {-0.0, -0.0}, {kPi, -kPi}); }
TEST(ExtendedArcTan2, ZeroOverPlusZeroIsSignedZero) {
  expect_atan2("atan2(+-0, +0)", {0.0, -0.0}, {0.0, 0.0}, {0.0, -0.0});
}
TEST(ExtendedArcTan2, ZeroOverNegativeIsPi) {
  expect_atan2("atan2(+-0, x < 0)", {0.0, -0.0, 0.0, -0.0}, {-1, -1, -kInf, -kInf}, {kPi, -kPi, kPi, -kPi});
}
TEST(ExtendedArcTan2, ZeroOverPositiveIsSignedZero) {
  expect_atan2("atan2(+-0, x > 0)", {0.0, -0.0, 0.0, -0.0}, {1, 1, kInf, kInf}, {0.0, -0.0, 0.0, -0.0});
}
TEST(ExtendedArcTan2, NonzeroOverZeroIsHalfPi) {
  expect_atan2("atan2(y, +-0)", {1, 1, -1, -1}, {0.0, -0.0, 0.0, -0.0}, {kPi2, kPi2, -kPi2, -kPi2});
}
TEST(ExtendedArcTan2, FiniteOverMinusInfIsPi) {
  expect_atan2("atan2(+-y, -inf)", {1, -1, 6e4, -6e4}, {-kInf, -kInf, -kInf, -kInf}, {kPi, -kPi, kPi, -kPi});
}
TEST(ExtendedArcTan2, FiniteOverPlusInfIsSignedZero) {
  expect_atan2("atan2(+-y, +inf)", {1, -1, 6e4, -6e4}, {kInf, kInf, kInf, kInf}, {0.0, -0.0, 0.0, -0.0});
}
TEST(ExtendedArcTan2, InfOverFiniteIsHalfPi) {
  expect_atan2("atan2(+-inf, x)", {kInf, -kInf, kInf, -kInf, kInf}, {1, 1, -1, -1, -0.0},
               {kPi2, -kPi2, kPi2, -kPi2, kPi2});
}
TEST(ExtendedArcTan2, InfOverInfIsQuarterPi) {
  expect_atan2("atan2(+-inf, +-inf)", {kInf, -kInf, kInf, -kInf}, {kInf, kInf, -kInf, -kInf},
               {kPi4, -kPi4, k3Pi4, -k3Pi4});
}
TEST(ExtendedArcTan2, NanInEitherIsNan) {
  expect_atan2("atan2 NaN", {NAN, 1, NAN, kInf, 0.0}, {1, NAN, NAN, NAN, NAN}, {NAN, NAN, NAN, NAN, NAN});
}
TEST(ExtendedArcTan2, DiagonalsInEveryQuadrant) {
  expect_atan2("atan2(+-a, +-a)", {2, -2, 2, -2}, {2, 2, -2, -2}, {kPi4, -kPi4, k3Pi4, -k3Pi4});
}

// y/x would overflow (1e300/1e-300) or underflow (1e-300/1e300, 0 where
// atan2(y, -x) needs pi): the export never forms it.
TEST(ExtendedArcTan2, HugeAndTinyRatios) {
  const Tensor r = run2("ArcTan2", vec(DType::Float64, {1e300, -1e300, 1e-300, 1e-300, -1e-300, 5e-324, 1e-200}),
                        vec(DType::Float64, {1e-300, 1e-300, 1e300, -1e300, -1e300, 1, 1e200}));
  expect_values("ratios", r, {kPi2, -kPi2, 0.0, kPi, -kPi, 5e-324, std::atan2(1e-200, 1e200)}, 0.0);
  const Tensor f =
      run2("ArcTan2", vec(DType::Float32, {3e38f, 1e-45f, 1e-45f}), vec(DType::Float32, {1e-45f, 3e38f, -3e38f}));
  expect_values("ratios float32", f, {static_cast<float>(kPi2), 0.0, static_cast<float>(kPi)}, 0.0);
}

// upgrade_to_float of each input, then upcast: (int8, int8) -> float32,
// (bool, bool) -> float32, (int32, float32) -> float64, (int8, float16) ->
// float32. A float16 y with an int8 x: float32 out, but NumPy promotes the
// arrays to float16 and computes in half: the float32 result is a half.
TEST(ExtendedArcTan2, DtypeRules) {
  EXPECT_EQ(run2("ArcTan2", vec(DType::Int8, {1, -3}), vec(DType::Int8, {3, -1})).dtype(), DType::Float32);
  EXPECT_EQ(run2("ArcTan2", vec(DType::Bool, {1, 0}), vec(DType::Bool, {0, 1})).dtype(), DType::Float32);
  EXPECT_EQ(run2("ArcTan2", vec(DType::Int32, {1}), vec(DType::Float32, {3})).dtype(), DType::Float64);
  const Tensor i8h = run2("ArcTan2", vec(DType::Int8, {1}), vec(DType::Float16, {3}));
  EXPECT_EQ(i8h.dtype(), DType::Float32);
  EXPECT_EQ(i8h.get_as_double(0), static_cast<double>(std::atan2(1.0f, 3.0f)));
  const Tensor hi8 = run2("ArcTan2", vec(DType::Float16, {1}), vec(DType::Int8, {3}));
  EXPECT_EQ(hi8.dtype(), DType::Float32);
  EXPECT_EQ(hi8.get_as_double(0), vec(DType::Float16, {std::atan2(1.0, 3.0)}).get_as_double(0));
  EXPECT_NE(hi8.get_as_double(0), static_cast<double>(std::atan2(1.0f, 3.0f)));
}

TEST(ExtendedArcTan2, Broadcasts) {
  auto y = pt::tensor("y", "float64", {std::nullopt, 1});
  auto x = pt::tensor("x", "float32", {1, std::nullopt});
  const Tensor r =
      test::run_graph(FunctionGraph({y, x}, {pt::arctan2(y, x)}),
                      {test::mat(DType::Float64, 2, 1, {1, -1}), test::mat(DType::Float32, 1, 3, {1, -1, 0})});
  expect_values("broadcast", r, {kPi4, k3Pi4, kPi2, -kPi4, -k3Pi4, -kPi2}, 0.0);
}

}  // namespace
}  // namespace ptonnx
