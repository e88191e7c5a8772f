// Tier-4 SVD end to end (converter, runtime, oracle) and its invariant
// comparison: NumPy's singular values, its shapes for tall, wide and empty
// matrices with and without full_matrices, rank deficiency (U completed
// past the numerical rank), the power-of-two scaling near overflow, and
// NumPy's refusals (float16, NaN).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "check/driver.h"
#include "check/invariant_checks.h"
#include "graph/builder.h"
#include "graph/builder_linalg.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::mat;

struct SvdRun {
  FunctionGraph graph;
  check::CaseResult result;
};

SvdRun svd(const Tensor& a, bool full = true, bool uv = true, int opset = 17) {
  auto x = pt::tensor("a", std::string(dtype_name(a.dtype())), {std::nullopt, std::nullopt});
  FunctionGraph g({x}, pt::svd(x, full, uv));
  check::DriverOptions o;
  o.opset = opset;
  auto r = check::run_case(g, {a}, o);
  return {std::move(g), std::move(r)};
}

TEST(SVD, SingularValuesDescendingAtEveryOpset) {
  for (int opset = 13; opset <= 18; ++opset) {
    const auto r = svd(mat(DType::Float64, 2, 2, {3, 0, 4, 5}), true, true, opset).result;
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    EXPECT_NEAR(r.actual.at(1).get_as_double(0), 3 * std::sqrt(5.0), 1e-14);
    EXPECT_NEAR(r.actual.at(1).get_as_double(1), std::sqrt(5.0), 1e-14);
  }
}

TEST(SVD, NumpysShapesForTallWideAndEmpty) {
  struct Want {
    int64_t m, n;
    bool full;
    Shape u, vt;
  };
  for (const Want& w :
       {Want{3, 2, true, {3, 3}, {2, 2}}, Want{3, 2, false, {3, 2}, {2, 2}}, Want{2, 3, true, {2, 2}, {3, 3}},
        Want{2, 3, false, {2, 2}, {2, 3}}, Want{0, 3, true, {0, 0}, {3, 3}}, Want{3, 0, false, {3, 0}, {0, 0}}}) {
    std::vector<double> v(static_cast<size_t>(w.m * w.n));
    for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>(i % 3) - 0.5 * static_cast<double>(i);
    const auto r = svd(mat(DType::Float32, w.m, w.n, v), w.full).result;
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << w.m << "x" << w.n << ": " << r.message;
    EXPECT_EQ(r.actual.at(0).shape(), w.u);
    EXPECT_EQ(r.actual.at(2).shape(), w.vt);
  }
}

TEST(SVD, RankDeficientCompletesU) {
  // Rank 1 (4 x 3, all rows multiples of one): U's columns 1.. are a
  // completion of the first, in full and reduced mode.
  const Tensor a = mat(DType::Float64, 4, 3, {1, 2, 3, 2, 4, 6, -1, -2, -3, 0, 0, 0});
  for (bool full : {true, false}) {
    const auto r = svd(a, full).result;
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    EXPECT_NEAR(r.actual.at(1).get_as_double(0), std::sqrt(14.0 * 6.0), 1e-13);
  }
}

TEST(SVD, ScalesNearTheOverflowThreshold) {
  // Squared column norms of 1e300 overflow without the power-of-two scaling.
  const auto r = svd(mat(DType::Float64, 2, 2, {3e300, 0, 4e300, 5e300})).result;
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_NEAR(r.actual.at(1).get_as_double(0) / 1e300, 3 * std::sqrt(5.0), 1e-14);
}

TEST(SVD, NumpysRefusalsAreOutOfDomain) {
  EXPECT_EQ(svd(mat(DType::Float16, 1, 1, {1})).result.outcome, check::Outcome::OutOfDomain);
  EXPECT_EQ(svd(mat(DType::Float64, 1, 2, {1, std::nan("")})).result.outcome, check::Outcome::OutOfDomain);
}

TEST(SVDCheck, AcceptsFlippedSignsRejectsSwappedVectors) {
  const Tensor a = mat(DType::Float64, 3, 2, {1, 2, 3, 4, 5, 7});
  const SvdRun run = svd(a, false);
  ASSERT_EQ(run.result.outcome, check::Outcome::Pass) << run.result.message;
  const auto judge = [&](std::vector<Tensor> actual) {
    return check::apply_invariant_check(run.graph, {a}, run.result.expected, actual, 0,
                                        check::Tolerance::for_dtype(DType::Float64));
  };
  // Column 0 of U and row 0 of Vt negated together: another valid SVD.
  std::vector<Tensor> flipped = run.result.actual;
  for (int64_t i = 0; i < 3; ++i) flipped[0].set_from_double(i * 2, -flipped[0].get_as_double(i * 2));
  for (int64_t j = 0; j < 2; ++j) flipped[2].set_from_double(j, -flipped[2].get_as_double(j));
  auto m = judge(flipped);
  ASSERT_TRUE(m.has_value());
  EXPECT_TRUE(m->ok) << m->reason;
  // U's sign flipped alone: U diag(s) Vt is no longer A.
  std::vector<Tensor> one_sided = run.result.actual;
  for (int64_t i = 0; i < 3; ++i) one_sided[0].set_from_double(i * 2, -one_sided[0].get_as_double(i * 2));
  m = judge(one_sided);
  ASSERT_TRUE(m.has_value());
  EXPECT_FALSE(m->ok);
  EXPECT_NE(m->reason.find("||A - U diag(s) Vt||"), std::string::npos);
}

}  // namespace
}  // namespace ptonnx
