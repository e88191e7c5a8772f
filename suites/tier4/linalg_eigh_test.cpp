// Tier-4 Eigh end to end (converter, runtime, oracle) and its invariant
// comparison: scipy's ascending eigenvalues, only the `lower` triangle
// read, odd and empty sizes (the Jacobi pad), repeated eigenvalues (no
// unique eigenvectors), float16 inputs computed in float32, and a check
// that accepts another valid eigenvector basis but not a wrong one.
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

std::vector<double> values(const Tensor& t) {
  std::vector<double> v;
  for (int64_t i = 0; i < t.numel(); ++i) v.push_back(t.get_as_double(i));
  return v;
}

struct EighRun {
  FunctionGraph graph;
  check::CaseResult result;
};

EighRun eigh(const Tensor& a, bool lower = true, int opset = 17) {
  auto x = pt::tensor("a", std::string(dtype_name(a.dtype())), {std::nullopt, std::nullopt});
  auto [w, v] = pt::eigh(x, lower);
  FunctionGraph g({x}, {w, v});
  check::DriverOptions o;
  o.opset = opset;
  auto r = check::run_case(g, {a}, o);
  return {std::move(g), std::move(r)};
}

TEST(Eigh, AscendingEigenvaluesAtEveryOpset) {
  for (int opset = 13; opset <= 18; ++opset) {
    const auto r = eigh(mat(DType::Float64, 2, {2, 1, 1, 2}), true, opset).result;
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    EXPECT_NEAR(r.actual.at(0).get_as_double(0), 1, 1e-15);
    EXPECT_NEAR(r.actual.at(0).get_as_double(1), 3, 1e-15);
  }
}

TEST(Eigh, ReadsOnlyTheChosenTriangle) {
  const Tensor a = mat(DType::Float64, 2, {1, 100, 0, 1});
  auto r = eigh(a, true).result;  // [[1, 0], [0, 1]]
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(values(r.actual.at(0)), (std::vector<double>{1, 1}));
  r = eigh(a, false).result;  // [[1, 100], [100, 1]]
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_NEAR(r.actual.at(0).get_as_double(0), -99, 1e-12);
  EXPECT_NEAR(r.actual.at(0).get_as_double(1), 101, 1e-12);
}

TEST(Eigh, OddEvenOneAndEmptySizes) {
  for (int64_t n : {0, 1, 2, 3, 5, 8}) {
    std::vector<double> v(static_cast<size_t>(n * n));
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < n; ++j) v[i * n + j] = 1.0 / static_cast<double>(i + j + 1);  // Hilbert
    const auto r = eigh(mat(DType::Float64, n, v)).result;
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << "n=" << n << ": " << r.message;
    EXPECT_EQ(r.actual.at(1).shape(), (Shape{n, n}));
  }
}

TEST(Eigh, RepeatedEigenvaluesPassByTheInvariants) {
  // J - I for the all-ones J (4 x 4): eigenvalues -1 (three times) and 3;
  // LAPACK and Jacobi choose different bases of the -1 eigenspace.
  std::vector<double> v(16, 1.0);
  for (int i = 0; i < 4; ++i) v[i * 5] = 0;
  for (DType t : {DType::Float32, DType::Float64}) {
    const auto r = eigh(mat(t, 4, v)).result;
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    EXPECT_NEAR(r.actual.at(0).get_as_double(3), 3, 1e-5);
  }
}

TEST(Eigh, IntegerAndHalfInputsComputeInTheLapackDtype) {
  auto r = eigh(mat(DType::Float16, 2, {0, 1, 1, 0})).result;
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).dtype(), DType::Float32);
  r = eigh(mat(DType::Int64, 3, {2, -1, 0, -1, 2, -1, 0, -1, 2})).result;
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).dtype(), DType::Float64);
  EXPECT_NEAR(r.actual.at(0).get_as_double(0), 2 - std::sqrt(2.0), 1e-14);
}

TEST(Eigh, GradedMatrixConverges) {
  // Entries from 1e-20 to 1e20: |a_pp| and |a_qq| far apart, the case where
  // an unzeroed rotation residue would keep rotating forever.
  const auto r = eigh(mat(DType::Float64, 3, {1e20, 1e10, 1, 1e10, 1, 1e-10, 1, 1e-10, 1e-20})).result;
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
}

TEST(Eigh, NonFiniteIsOutOfDomain) {
  const auto r = eigh(mat(DType::Float64, 2, {1, 0, std::numeric_limits<double>::quiet_NaN(), 1})).result;
  EXPECT_EQ(r.outcome, check::Outcome::OutOfDomain) << r.message;
}

TEST(EighCheck, AcceptsAnotherBasisRejectsAWrongOne) {
  const Tensor a = mat(DType::Float64, 3, {2, 1, 0, 1, 2, 0, 0, 0, 5});
  const EighRun run = eigh(a);
  ASSERT_EQ(run.result.outcome, check::Outcome::Pass) << run.result.message;
  const auto judge = [&](const Tensor& v) {
    std::vector<Tensor> actual = run.result.actual;
    actual[1] = v;
    return check::apply_invariant_check(run.graph, {a}, run.result.expected, actual, 1,
                                        check::Tolerance::for_dtype(DType::Float64));
  };
  // A column's sign flipped: still an eigenvector basis.
  Tensor flipped = run.result.actual.at(1);
  for (int64_t i = 0; i < 3; ++i) flipped.set_from_double(i * 3 + 1, -flipped.get_as_double(i * 3 + 1));
  auto m = judge(flipped);
  ASSERT_TRUE(m.has_value());
  EXPECT_TRUE(m->ok) << m->reason;
  // Two columns exchanged (no longer in w's order): rejected.
  Tensor swapped = run.result.actual.at(1);
  for (int64_t i = 0; i < 3; ++i) {
    const double c0 = swapped.get_as_double(i * 3), c2 = swapped.get_as_double(i * 3 + 2);
    swapped.set_from_double(i * 3, c2);
    swapped.set_from_double(i * 3 + 2, c0);
  }
  m = judge(swapped);
  ASSERT_TRUE(m.has_value());
  EXPECT_FALSE(m->ok);
  // A column scaled by 1 + 1e-9: not orthonormal.
  Tensor scaled = run.result.actual.at(1);
  for (int64_t i = 0; i < 3; ++i) scaled.set_from_double(i * 3, scaled.get_as_double(i * 3) * (1 + 1e-9));
  m = judge(scaled);
  ASSERT_TRUE(m.has_value());
  EXPECT_FALSE(m->ok);
  EXPECT_NE(m->reason.find("||I - V^T V||"), std::string::npos);
}

}  // namespace
}  // namespace ptonnx
