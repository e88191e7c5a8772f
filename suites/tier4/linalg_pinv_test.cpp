// Tier-4 MatrixPinv end to end (converter, runtime, oracle) and its
// tolerance rule: NumPy's values for tall and wide matrices at every opset,
// the rcond 1e-15 cutoff on both sides of it, rank deficiency, hermitian
// reading the lower triangle only, integer inputs, empty shapes, and
// NumPy's refusals (float16, NaN, hermitian on a non-square matrix).
#include <gtest/gtest.h>

#include <cmath>

#include "check/driver.h"
#include "check/tolerance_rules.h"
#include "graph/builder.h"
#include "graph/builder_linalg.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::mat;

check::CaseResult pinv(const Tensor& a, bool hermitian = false, int opset = 17) {
  auto x = pt::tensor("a", std::string(dtype_name(a.dtype())), {std::nullopt, std::nullopt});
  FunctionGraph g({x}, {pt::pinv(x, hermitian)});
  check::DriverOptions o;
  o.opset = opset;
  return check::run_case(g, {a}, o);
}

void expect_values(const Tensor& got, const Shape& shape, const std::vector<double>& want, double tol) {
  ASSERT_EQ(got.shape(), shape);
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got.get_as_double(static_cast<int64_t>(i)), want[i], tol) << i;
}

TEST(MatrixPinv, TallAndWideAtEveryOpset) {
  for (int opset = 13; opset <= 18; ++opset) {
    const auto r = pinv(mat(DType::Float64, 3, 2, {1, 2, 3, 4, 5, 6}), false, opset);
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    expect_values(r.actual.at(0), {2, 3}, {-4.0 / 3, -1.0 / 3, 2.0 / 3, 13.0 / 12, 1.0 / 3, -5.0 / 12}, 1e-13);
  }
  const auto r = pinv(mat(DType::Float32, 2, 3, {1, 3, 5, 2, 4, 6}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  expect_values(r.actual.at(0), {3, 2}, {-4.0 / 3, 13.0 / 12, -1.0 / 3, 1.0 / 3, 2.0 / 3, -5.0 / 12}, 1e-5);
}

TEST(MatrixPinv, RcondCutoffAtOneEMinus15) {
  // 1e-14 max(s) is kept (1/s = 1e14), 1e-16 max(s) dropped (0).
  auto r = pinv(mat(DType::Float64, 2, 2, {1, 0, 0, 1e-14}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_DOUBLE_EQ(r.actual.at(0).get_as_double(3), 1e14);
  r = pinv(mat(DType::Float64, 2, 2, {1, 0, 0, 1e-16}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).get_as_double(3), 0.0);
}

TEST(MatrixPinv, RankDeficientDropsTheNullSpace) {
  // Rank 1: A^+ = A^T / ||A||_F^2; a zero column gives a zero row.
  auto r = pinv(mat(DType::Float64, 2, 2, {1, 2, 2, 4}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  expect_values(r.actual.at(0), {2, 2}, {1.0 / 25, 2.0 / 25, 2.0 / 25, 4.0 / 25}, 1e-15);
  r = pinv(mat(DType::Int64, 3, 3, {1, 0, 2, 3, 0, 4, 5, 0, 6}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  for (int64_t j = 0; j < 3; ++j) EXPECT_EQ(r.actual.at(0).get_as_double(3 + j), 0.0);
  r = pinv(mat(DType::Float32, 2, 3, {0, 0, 0, 0, 0, 0}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  expect_values(r.actual.at(0), {3, 2}, {0, 0, 0, 0, 0, 0}, 0);
}

TEST(MatrixPinv, HermitianReadsTheLowerTriangle) {
  // [[2, 100], [1, 3]] is read as [[2, 1], [1, 3]]; a negative eigenvalue
  // ([[0, 9], [1, 0]] read as [[0, 1], [1, 0]], its own inverse).
  auto r = pinv(mat(DType::Float64, 2, 2, {2, 100, 1, 3}), true);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  expect_values(r.actual.at(0), {2, 2}, {0.6, -0.2, -0.2, 0.4}, 1e-14);
  r = pinv(mat(DType::Float32, 2, 2, {0, 9, 1, 0}), true);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  expect_values(r.actual.at(0), {2, 2}, {0, 1, 1, 0}, 1e-6);
}

TEST(MatrixPinv, IntegerInputsAndOutputDtype) {
  auto r = pinv(mat(DType::Int8, 2, 2, {2, 0, 0, 4}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).dtype(), DType::Float32);
  r = pinv(mat(DType::Int32, 2, 2, {2, 0, 0, 4}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).dtype(), DType::Float64);
  expect_values(r.actual.at(0), {2, 2}, {0.5, 0, 0, 0.25}, 0);
}

TEST(MatrixPinv, EmptyShapesReverse) {
  for (bool hermitian : {false, true}) {
    auto r = pinv(mat(DType::Float64, 0, 3, {}), hermitian);
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    EXPECT_EQ(r.actual.at(0).shape(), (Shape{3, 0}));
  }
  const auto r = pinv(mat(DType::Float32, 2, 0, {}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).shape(), (Shape{0, 2}));
}

TEST(MatrixPinv, NumpysRefusalsAreOutOfDomain) {
  EXPECT_EQ(pinv(mat(DType::Float16, 1, 1, {1})).outcome, check::Outcome::OutOfDomain);
  EXPECT_EQ(pinv(mat(DType::Float64, 1, 2, {1, std::nan("")})).outcome, check::Outcome::OutOfDomain);
  EXPECT_EQ(pinv(mat(DType::Float64, 2, 3, {1, 2, 3, 4, 5, 6}), true).outcome, check::Outcome::OutOfDomain);
  // hermitian: a NaN above the diagonal is never read.
  EXPECT_EQ(pinv(mat(DType::Float64, 2, 2, {1, std::nan(""), 0, 2}), true).outcome, check::Outcome::Pass);
}

}  // namespace
}  // namespace ptonnx
