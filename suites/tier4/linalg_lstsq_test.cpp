// Tier-4 Lstsq end to end (converter, runtime, oracle): NumPy 1.24's values
// (numpy.linalg.lstsq, checked with /usr/bin/python3) for tall, square and
// wide problems at every opset; gelsd's rcond rules (rcond <= 0 or >= 1 is
// eps, s == rcond max(s) counts as zero, min(M, N) == 1 ignores rcond);
// the zero matrix; the data-dependent residuals shape (present only when
// rank == N and M > N, empty shapes included); the declared float64/int32
// outputs for float32 and integer inputs; the IR's refusal of a vector y;
// NumPy's refusals (float16, NaN in x).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <set>

#include "check/driver.h"
#include "check/tolerance_rules.h"
#include "core/error.h"
#include "generators/sample_spec.h"
#include "graph/builder.h"
#include "graph/builder_linalg.h"
#include "oracles/oracle.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::mat;

Tensor scalar(double v) {
  Tensor x(DType::Float64, {});
  x.set_from_double(0, v);
  return x;
}

check::CaseResult lstsq(const Tensor& a, const Tensor& b, double rcond, int opset = 17) {
  auto x = pt::tensor("a", std::string(dtype_name(a.dtype())), {std::nullopt, std::nullopt});
  auto y = pt::tensor("b", std::string(dtype_name(b.dtype())), {std::nullopt, std::nullopt});
  auto r = pt::tensor("rcond", "float64", {});
  FunctionGraph g({x, y, r}, pt::lstsq(x, y, r));
  check::DriverOptions o;
  o.opset = opset;
  return check::run_case(g, {a, b, scalar(rcond)}, o);
}

void expect_values(const Tensor& got, const Shape& shape, const std::vector<double>& want, double tol) {
  ASSERT_EQ(got.shape(), shape);
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got.get_as_double(static_cast<int64_t>(i)), want[i], tol) << i;
}

int64_t rank_of(const check::CaseResult& r) { return static_cast<int64_t>(r.actual.at(2).get_as_double(0)); }

TEST(Lstsq, TallSquareAndWideAtEveryOpset) {
  for (int opset = 13; opset <= 18; ++opset) {
    const auto r =
        lstsq(mat(DType::Float64, 3, 2, {1, 1, 1, 2, 1, 3}), mat(DType::Float64, 3, 2, {1, 0, 2, 1, 2, 5}), -1, opset);
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    expect_values(r.actual.at(0), {2, 2}, {2.0 / 3, -3, 0.5, 2.5}, 1e-14);
    expect_values(r.actual.at(1), {2}, {1.0 / 6, 1.5}, 1e-14);
    EXPECT_EQ(rank_of(r), 2);
    expect_values(r.actual.at(3), {2}, {4.079143328941734, 0.6004912172131635}, 1e-14);
  }
  auto r = lstsq(mat(DType::Float64, 2, 2, {2, 1, 1, 3}), mat(DType::Float64, 2, 1, {1, 2}), 0);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  expect_values(r.actual.at(0), {2, 1}, {0.2, 0.6}, 1e-15);
  EXPECT_EQ(r.actual.at(1).shape(), (Shape{0}));  // M == N: no residuals
  r = lstsq(mat(DType::Float64, 2, 3, {1, 2, 3, 4, 5, 6}), mat(DType::Float64, 2, 1, {1, 2}), -1);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  expect_values(r.actual.at(0), {3, 1}, {-1.0 / 18, 1.0 / 9, 5.0 / 18}, 1e-15);  // the minimum-norm solution
  EXPECT_EQ(r.actual.at(1).shape(), (Shape{0}));
}

// dlalsd: rcond <= 0 or >= 1 means eps (2^-53), so s = 1e-3 is kept at
// rcond 10 and 1 as at 0 and -1, and dropped at 0.5.
TEST(Lstsq, RcondOutsideZeroOneIsEps) {
  const Tensor a = mat(DType::Float64, 3, 2, {1, 0, 0, 1e-3, 0, 0}), b = mat(DType::Float64, 3, 1, {1, 2, 3});
  for (double rcond : {10.0, 1.0, 0.0, -1.0, double{INFINITY}}) {
    const auto r = lstsq(a, b, rcond);
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << rcond << ": " << r.message;
    EXPECT_EQ(rank_of(r), 2) << rcond;
    expect_values(r.actual.at(0), {2, 1}, {1, 2000}, 1e-10);
    expect_values(r.actual.at(1), {1}, {9}, 1e-12);
  }
  const auto r = lstsq(a, b, 0.5);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(rank_of(r), 1);
  expect_values(r.actual.at(0), {2, 1}, {1, 0}, 0);
  EXPECT_EQ(r.actual.at(1).shape(), (Shape{0}));  // rank < N
}

// s_i <= rcond max(s) counts as zero: 0.5 at rcond 0.5 is dropped, at 0.49
// kept.
TEST(Lstsq, SingularValueAtTheCutoffIsDropped) {
  const Tensor a = mat(DType::Float64, 3, 2, {1, 0, 0, 0.5, 0, 0}), b = mat(DType::Float64, 3, 1, {1, 1, 1});
  auto r = lstsq(a, b, 0.5);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(rank_of(r), 1);
  expect_values(r.actual.at(0), {2, 1}, {1, 0}, 0);
  r = lstsq(a, b, 0.49);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(rank_of(r), 2);
  expect_values(r.actual.at(0), {2, 1}, {1, 2}, 1e-15);
  expect_values(r.actual.at(1), {1}, {1}, 1e-15);
}

// min(M, N) == 1: dlalsd's 1 x 1 branch keeps the value unless it is
// exactly 0, whatever rcond is (np.linalg.lstsq([[1], [2]], [[1], [1]],
// rcond=10) has rank 1).
TEST(Lstsq, SingleRowOrColumnIgnoresRcond) {
  auto r = lstsq(mat(DType::Float64, 2, 1, {1, 2}), mat(DType::Float64, 2, 1, {1, 1}), 10);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(rank_of(r), 1);
  expect_values(r.actual.at(0), {1, 1}, {0.6}, 1e-15);
  expect_values(r.actual.at(1), {1}, {0.2}, 1e-15);
  r = lstsq(mat(DType::Float64, 1, 2, {1, 2}), mat(DType::Float64, 1, 1, {1}), 0.9);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(rank_of(r), 1);
  expect_values(r.actual.at(0), {2, 1}, {0.2, 0.4}, 1e-15);
  r = lstsq(mat(DType::Float64, 2, 1, {1e-300, 0}), mat(DType::Float64, 2, 1, {1, 1}), 0.5);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(rank_of(r), 1);
  expect_values(r.actual.at(0), {1, 1}, {1e300}, 1e285);
  // Where else s > rcond s: 0.9 * 1e-323 rounds up to 1e-323 (subnormal),
  // and NumPy still keeps it (x = 1e-323 / 1e-323, not 1e-323 * inf).
  r = lstsq(mat(DType::Float64, 2, 1, {1e-323, 0}), mat(DType::Float64, 2, 1, {1e-323, 1}), 0.9);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(rank_of(r), 1);
  expect_values(r.actual.at(0), {1, 1}, {1}, 0);
  expect_values(r.actual.at(1), {1}, {1}, 0);
  r = lstsq(mat(DType::Float64, 2, 1, {0, 0}), mat(DType::Float64, 2, 1, {1, 1}), 0.5);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(rank_of(r), 0);
  EXPECT_EQ(r.actual.at(1).shape(), (Shape{0}));
}

TEST(Lstsq, ZeroMatrixGivesZeroSolutionAndRank) {
  const auto r =
      lstsq(mat(DType::Float64, 3, 2, {0, 0, 0, 0, 0, 0}), mat(DType::Float64, 3, 2, {1, 1, 1, 1, 1, 1}), -1);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  expect_values(r.actual.at(0), {2, 2}, {0, 0, 0, 0}, 0);
  EXPECT_EQ(r.actual.at(1).shape(), (Shape{0}));
  EXPECT_EQ(rank_of(r), 0);
  expect_values(r.actual.at(3), {2}, {0, 0}, 0);
}

// Residuals have shape (K,) only when rank == N and M > N, else (0,):
// rank deficient tall, square, wide, and the empty shapes NumPy handles
// (N == 0 < M: rank 0 == N, the residuals are the column sums of y^2).
TEST(Lstsq, ResidualsShapeFollowsRankAndShape) {
  auto r = lstsq(mat(DType::Float64, 3, 2, {1, 2, 2, 4, 3, 6}), mat(DType::Float64, 3, 1, {1, 2, 4}), 1e-10);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(rank_of(r), 1);
  expect_values(r.actual.at(0), {2, 1}, {0.24285714285714274, 0.48571428571428565}, 1e-15);
  EXPECT_EQ(r.actual.at(1).shape(), (Shape{0}));
  r = lstsq(mat(DType::Float64, 3, 0, {}), mat(DType::Float64, 3, 2, {1, 1, 1, 1, 1, 2}), -1);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).shape(), (Shape{0, 2}));
  expect_values(r.actual.at(1), {2}, {3, 6}, 0);
  EXPECT_EQ(rank_of(r), 0);
  r = lstsq(mat(DType::Float64, 0, 2, {}), mat(DType::Float64, 0, 3, {}), -1);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  expect_values(r.actual.at(0), {2, 3}, {0, 0, 0, 0, 0, 0}, 0);
  EXPECT_EQ(r.actual.at(1).shape(), (Shape{0}));
  EXPECT_EQ(r.actual.at(3).shape(), (Shape{0}));
  // No right-hand side: rank and s from A, x (N, 0), residuals (0,).
  r = lstsq(mat(DType::Float64, 3, 2, {1, 1, 1, 2, 1, 3}), mat(DType::Float64, 3, 0, {}), -1);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).shape(), (Shape{2, 0}));
  EXPECT_EQ(r.actual.at(1).shape(), (Shape{0}));
  EXPECT_EQ(rank_of(r), 2);
}

TEST(Lstsq, OutputsAreTheDeclaredFloat64AndInt32) {
  // NumPy would compute float32 input in single precision and return
  // float32; PyTensor declares dmatrix, dvector, iscalar, dvector.
  auto r = lstsq(mat(DType::Float32, 3, 2, {1, 1, 1, 2, 1, 3}), mat(DType::Float32, 3, 1, {1, 2, 2}), 0);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).dtype(), DType::Float64);
  EXPECT_EQ(r.actual.at(1).dtype(), DType::Float64);
  EXPECT_EQ(r.actual.at(2).dtype(), DType::Int32);
  EXPECT_EQ(r.actual.at(2).rank(), 0);
  EXPECT_EQ(r.actual.at(3).dtype(), DType::Float64);
  expect_values(r.actual.at(0), {2, 1}, {2.0 / 3, 0.5}, 1e-14);
  r = lstsq(mat(DType::Int64, 2, 2, {2, 0, 0, 4}), mat(DType::Int8, 2, 1, {1, 1}), 0);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  expect_values(r.actual.at(0), {2, 1}, {0.5, 0.25}, 0);
}

TEST(Lstsq, IrRefusesVectorY) {
  auto x = pt::tensor("a", "float64", {std::nullopt, std::nullopt});
  auto y = pt::tensor("b", "float64", {std::nullopt});
  auto r = pt::tensor("rcond", "float64", {});
  try {
    pt::lstsq(x, y, r);
    FAIL() << "a 1-D y was accepted";
  } catch (const TypeError& e) {
    EXPECT_NE(std::string(e.what()).find("Lstsq"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("y"), std::string::npos) << e.what();
  }
  EXPECT_THROW(pt::lstsq(x, pt::tensor("c", "float64", {3, 1}), pt::tensor("v", "float64", {2})), TypeError);
}

TEST(Lstsq, NumpysRefusalsAreOutOfDomain) {
  EXPECT_EQ(lstsq(mat(DType::Float16, 1, 1, {1}), mat(DType::Float16, 1, 1, {1}), -1).outcome,
            check::Outcome::OutOfDomain);
  EXPECT_EQ(lstsq(mat(DType::Float64, 2, 1, {1, std::nan("")}), mat(DType::Float64, 2, 1, {1, 1}), -1).outcome,
            check::Outcome::OutOfDomain);
}

// The spec's reach over generated cases (oracle and rule only, no export):
// tall, square and wide problems with dropped singular values, every rcond
// class with min(M, N) >= 2, min(M, N) == 1, residuals present and absent
// (tall rank deficient), K == 1 and K > 1; and the bounds stay small
// relative to the solution and to ||b||^2 (a vacuous bound would pass a
// wrong cutoff or residual).
TEST(LstsqCorpus, ReachesEveryTrapAndTheBoundStaysMeaningful) {
  const gen::SampleSpec* spec = gen::find_spec("Lstsq");
  ASSERT_NE(spec, nullptr);
  std::set<std::string> reached;
  double worst = 0, worst_res = 0;
  std::string worst_label;
  int fallbacks = 0, cases = 0;
  for (DType t : spec->dtypes) {
    for (int i = 0; i < 300; ++i) {
      const rc::Random rnd(static_cast<uint64_t>(7919 * i + static_cast<int>(t)));
      const gen::Case c = spec->gen(t)(rnd, 100).value();
      ++cases;
      if (c.label.find("fallback") != std::string::npos) ++fallbacks;
      const Node* node = c.graph->outputs().at(0)->owner;
      ASSERT_NE(node, nullptr) << c.label;
      auto value = [&](size_t k) -> const Tensor& {
        const VarRef& v = node->inputs[k];
        if (v->value) return *v->value;
        const auto& ins = c.graph->inputs();
        return c.inputs.at(static_cast<size_t>(std::find(ins.begin(), ins.end(), v) - ins.begin()));
      };
      const Tensor &a = value(0), &b = value(1);
      const double rcond = value(2).get_as_double(0);
      const int64_t m = a.shape()[0], n = a.shape()[1], k = std::min(m, n), rhs = b.shape()[1];
      std::vector<Tensor> e;
      try {
        e = oracle::evaluate(*c.graph, c.inputs);
      } catch (const oracle::PyTensorRaises&) {
        continue;
      }
      const int64_t rank = static_cast<int64_t>(e.at(2).get_as_double(0));
      double s_max = 0;
      for (int64_t j = 0; j < e.at(3).numel(); ++j) s_max = std::max(s_max, e.at(3).get_as_double(j));
      const std::string shape = m > n ? "tall" : m == n ? "square" : "wide";
      if (k >= 2 && s_max > 0 && rank < k) reached.insert(shape + " dropped");
      if (k >= 2 && s_max > 0 && rank == k) reached.insert(shape + " full rank");
      if (k >= 2 && s_max > 0)
        reached.insert(rcond < 0 ? "rcond < 0" : rcond == 0 ? "rcond 0" : rcond >= 1 ? "rcond >= 1" : "rcond typical");
      if (k == 1) reached.insert("min(M, N) == 1");
      if (s_max == 0 && k > 0) reached.insert("zero");
      if (e.at(1).numel() > 0) reached.insert("residuals");
      if (e.at(1).numel() == 0 && m > n && rhs > 0) reached.insert("no residuals, tall");
      reached.insert(rhs == 1 ? "K == 1" : rhs > 1 ? "K > 1" : "K == 0");
      double size = 0;
      for (int64_t j = 0; j < e.at(0).numel(); ++j) size = std::max(size, std::fabs(e.at(0).get_as_double(j)));
      const auto tol =
          check::apply_tolerance_rule(*c.graph, c.inputs, 0, e.at(0), check::Tolerance::for_dtype(e.at(0).dtype()));
      if (size > 0 && tol.atol / size > worst) {
        worst = tol.atol / size;
        worst_label = c.label;
      }
      // Residuals relative to max_k ||b_k||^2 (a consistent b has residuals
      // at rounding level: relative to themselves any bound is large).
      double res_size = 0;
      for (int64_t j = 0; j < e.at(1).numel(); ++j) {
        double sq = 0;
        for (int64_t i = 0; i < m; ++i) sq += b.get_as_double(i * rhs + j) * b.get_as_double(i * rhs + j);
        res_size = std::max(res_size, sq);
      }
      const auto res_tol =
          check::apply_tolerance_rule(*c.graph, c.inputs, 1, e.at(1), check::Tolerance::for_dtype(e.at(1).dtype()));
      if (res_size > 0) worst_res = std::max(worst_res, res_tol.atol / res_size);
    }
  }
  for (const char* want : {"tall dropped", "square dropped", "wide dropped", "tall full rank", "square full rank",
                           "wide full rank", "rcond < 0", "rcond 0", "rcond >= 1", "rcond typical", "min(M, N) == 1",
                           "zero", "residuals", "no residuals, tall", "K == 1", "K > 1", "K == 0"})
    EXPECT_TRUE(reached.count(want)) << want;
  EXPECT_LE(fallbacks, cases / 20);
  // atol(x) relative to max |x|: measured at most 8.4e-4 (a truncated
  // float32 matrix whose kept part has condition ~1e5 and an inconsistent
  // b: the kappa^2 ||r|| term), where a wrong cutoff moves x by O(1).
  EXPECT_LE(worst, 2e-3) << worst_label;
  // atol(residuals) relative to max ||b_k||^2: measured at most 4.3e-5
  // (the e ||r|| ||x|| term of an ill-conditioned A, ||x|| ~ kappa).
  EXPECT_LE(worst_res, 1e-4);
  std::cout << "worst atol(residuals) / max ||b_k||^2 " << worst_res << "\n";
  std::cout << "worst atol(x) / max|x| " << worst << " (" << worst_label << "), fallbacks " << fallbacks << " of "
            << cases << "\n";
}

}  // namespace
}  // namespace ptonnx
