// Tier-4 LU, Det, SLogDet, Solve and MatrixInverse end to end (converter,
// runtime, oracle): scipy's pivots (ties included), its empty and
// rectangular shapes, NumPy's det = sign * exp(logabsdet), slogdet where
// det under- or overflows, Solve's triangles and failures, and the
// failure decisions of docs/runtime-errors.md.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "check/driver.h"
#include "graph/builder.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::mat;
using test::vec;

VarRef input_like(const std::string& name, const Tensor& v) {
  return pt::tensor(name, std::string(dtype_name(v.dtype())), StaticShape(static_cast<size_t>(v.rank()), std::nullopt));
}

check::CaseResult run_graph(const std::vector<VarRef>& ins, std::vector<VarRef> outs, const std::vector<Tensor>& values,
                            int opset = 17) {
  FunctionGraph g(ins, std::move(outs));
  check::DriverOptions o;
  o.opset = opset;
  return check::run_case(g, values, o);
}

check::CaseResult lu(const Tensor& a, bool permute_l, bool p_indices, int opset = 17) {
  auto x = input_like("a", a);
  return run_graph({x}, pt::lu(x, permute_l, p_indices), {a}, opset);
}

std::vector<double> values(const Tensor& t) {
  std::vector<double> v;
  for (int64_t i = 0; i < t.numel(); ++i) v.push_back(t.get_as_double(i));
  return v;
}

TEST(LU, ScipysDocstringExampleAtEveryOpset) {
  const Tensor a = mat(DType::Float64, 4, 4, {2, 5, 8, 7, 5, 2, 2, 8, 7, 5, 6, 6, 5, 4, 4, 8});
  for (int opset = 13; opset <= 18; ++opset) {
    auto r = lu(a, false, true, opset);
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    EXPECT_EQ(r.actual.at(0).dtype(), DType::Int32);
    EXPECT_EQ(values(r.actual.at(0)), (std::vector<double>{1, 3, 0, 2}));
    r = lu(a, false, false, opset);
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    EXPECT_EQ(values(r.actual.at(0)), (std::vector<double>{0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0}));
  }
}

TEST(LU, TiesPickTheFirstLargestPivotAsGetrf) {
  // Column 0: |1| == |-1|: row 0 stays. In the second matrix column 0 has
  // |2| twice (rows 1 and 2): row 1 is taken (perm [1, 0, 2]); then column
  // 1 holds -0.5 and 1: perm [1, 2, 0], so p = perm^-1 = [2, 0, 1]. Taking
  // the last maximum would give perm [2, 1, 0] instead.
  auto r = lu(mat(DType::Float64, 2, 2, {1, 2, -1, 3}), false, false);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(values(r.actual.at(0)), (std::vector<double>{1, 0, 0, 1}));
  EXPECT_EQ(values(r.actual.at(1)), (std::vector<double>{1, 0, -1, 1}));
  EXPECT_EQ(values(r.actual.at(2)), (std::vector<double>{1, 2, 0, 5}));
  r = lu(mat(DType::Float32, 3, 3, {1, 0, 0, 2, 1, 0, -2, 0, 1}), false, true);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(values(r.actual.at(0)), (std::vector<double>{2, 0, 1}));
}

TEST(LU, RectangularEmptyAndPermuteL) {
  auto r = lu(mat(DType::Float64, 3, 2, {1, 2, 3, 4, 5, 6}), false, false);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(1).shape(), (Shape{3, 2}));
  EXPECT_EQ(r.actual.at(2).shape(), (Shape{2, 2}));
  r = lu(mat(DType::Float64, 2, 3, {1, 2, 3, 4, 5, 6}), true, false);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).shape(), (Shape{2, 2}));
  EXPECT_EQ(values(r.actual.at(0)), (std::vector<double>{0.25, 1, 1, 0}));  // P L: row 1 was the pivot
  // scipy's empty result: P is (0, 0) even with 3 rows.
  r = lu(Tensor(DType::Float32, {3, 0}), false, false);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).shape(), (Shape{0, 0}));
  EXPECT_EQ(r.actual.at(1).shape(), (Shape{3, 0}));
  EXPECT_EQ(r.actual.at(2).shape(), (Shape{0, 0}));
  r = lu(Tensor(DType::Float64, {0, 2}), false, true);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).shape(), (Shape{0}));
  // A singular matrix still factors (a zero on U's diagonal); a non-finite
  // one is out of domain (scipy's check_finite raises).
  r = lu(mat(DType::Float64, 2, 2, {1, 2, 2, 4}), false, false);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(2).get_as_double(3), 0.0);
  EXPECT_EQ(lu(mat(DType::Float64, 1, 1, {NAN}), false, false).outcome, check::Outcome::OutOfDomain);
}

check::CaseResult slogdet(const Tensor& a) {
  auto x = input_like("a", a);
  auto [sign, logdet] = pt::slogdet(x);
  return run_graph({x}, {pt::det(x), sign, logdet}, {a});
}

TEST(Det, IsNumPysSignTimesExpOfLogabsdet) {
  // NumPy: det([[1, 2], [3, 4]]) == -2.0000000000000004, not the -2 of
  // the diagonal's product.
  auto r = slogdet(mat(DType::Float64, 2, 2, {1, 2, 3, 4}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).get_as_double(0), -2.0000000000000004);
  EXPECT_EQ(r.actual.at(1).get_as_double(0), -1.0);
  // Exactly singular: det 0, (0, -inf). 0 x 0: 1 and (1, 0).
  r = slogdet(mat(DType::Float32, 2, 2, {1, 2, 2, 4}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(values(r.actual.at(0)), std::vector<double>{0.0});
  EXPECT_EQ(r.actual.at(1).get_as_double(0), 0.0);
  EXPECT_EQ(r.actual.at(2).get_as_double(0), -INFINITY);
  r = slogdet(Tensor(DType::Float64, {0, 0}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(values(r.actual.at(0)), std::vector<double>{1.0});
  EXPECT_EQ(r.actual.at(2).get_as_double(0), 0.0);
}

TEST(SLogDet, StaysRightWhereDetUnderflows) {
  // diag(0.01, ..., -0.01) at n = 200: det = +-1e-400 underflows to 0 in
  // float64; slogdet keeps (-1, 200 log 0.01).
  const int64_t n = 200;
  Tensor a(DType::Float64, {n, n});
  for (int64_t i = 0; i < n; ++i) a.set_from_double(i * n + i, i == 7 ? -0.01 : 0.01);
  const auto r = slogdet(a);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).get_as_double(0), 0.0);
  EXPECT_EQ(r.actual.at(1).get_as_double(0), -1.0);
  EXPECT_NEAR(r.actual.at(2).get_as_double(0), 200 * std::log(0.01), 1e-9);
}

TEST(Det, Float16IsOutOfDomainAndIntegersUpcast) {
  EXPECT_EQ(slogdet(mat(DType::Float16, 1, 1, {2})).outcome, check::Outcome::OutOfDomain);
  const auto r = slogdet(mat(DType::Int16, 2, 2, {0, 1, 1, 0}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).dtype(), DType::Float32);
  EXPECT_EQ(r.actual.at(0).get_as_double(0), -1.0);
}

check::CaseResult solve(const Tensor& a, const Tensor& b, const std::string& assume_a, bool lower,
                        bool transposed = false, int opset = 17) {
  auto A = input_like("A", a), B = input_like("b", b);
  return run_graph({A, B}, {pt::solve(A, B, assume_a, lower, transposed)}, {a, b}, opset);
}

TEST(Solve, GeneralSymmetricAndPositiveDefiniteReadTheirTriangles) {
  for (int opset = 13; opset <= 18; ++opset) {
    // gen: [[0, 1], [2, 0]] x = [1, 4] -> x = [2, 1] (a row exchange).
    auto r = solve(mat(DType::Float64, 2, 2, {0, 1, 2, 0}), vec(DType::Float64, {1, 4}), "gen", false, false, opset);
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    EXPECT_EQ(values(r.actual.at(0)), (std::vector<double>{2, 1}));
  }
  // sym, lower: [[2, inf], [1, 2]] reads [[2, 1], [1, 2]].
  auto r = solve(mat(DType::Float64, 2, 2, {2, INFINITY, 1, 2}), mat(DType::Float64, 2, 1, {3, 3}), "symmetric", true);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(values(r.actual.at(0)), (std::vector<double>{1, 1}));
  // pos, upper: [[4, 2], [nan, 5]] reads [[4, 2], [2, 5]].
  r = solve(mat(DType::Float32, 2, 2, {4, 2, NAN, 5}), vec(DType::Float32, {6, 7}), "pos", false);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_NEAR(r.actual.at(0).get_as_double(0), 1.0, 1e-6);
  EXPECT_NEAR(r.actual.at(0).get_as_double(1), 1.0, 1e-6);
  // transposed: a^T x = b.
  r = solve(mat(DType::Float64, 2, 2, {1, 0, 1, 1}), vec(DType::Float64, {2, 1}), "gen", false, true);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(values(r.actual.at(0)), (std::vector<double>{1, 1}));
}

TEST(Solve, FailuresAreAllNaNForFloatAndOutOfDomainForIntegerA) {
  // Singular (gen), not positive definite (pos): all NaN of b's shape.
  for (const char* kind : {"gen", "pos"}) {
    const auto r = solve(mat(DType::Float64, 2, 2, {1, 2, 2, kind[0] == 'g' ? 4.0 : 1.0}),
                         mat(DType::Float64, 2, 3, {1, 2, 3, 4, 5, 6}), kind, true);
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << kind << ": " << r.message;
    EXPECT_EQ(r.actual.at(0).shape(), (Shape{2, 3}));
    for (double v : values(r.actual.at(0))) EXPECT_TRUE(std::isnan(v)) << kind;
  }
  // PyTensor's np.full(a.shape, nan, dtype=int) raises for an integer a.
  EXPECT_EQ(solve(mat(DType::Int32, 2, 2, {1, 2, 2, 4}), vec(DType::Float64, {1, 1}), "gen", false).outcome,
            check::Outcome::OutOfDomain);
}

TEST(Solve, OneByOneAWithAnyLengthVectorAndEmptyB) {
  // scipy solves a 1 x 1 a against a 1-D b of any length: x = b / a.
  auto r = solve(mat(DType::Float64, 1, 1, {2}), vec(DType::Float64, {2, 4, 6}), "gen", false);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(values(r.actual.at(0)), (std::vector<double>{1, 2, 3}));
  r = solve(mat(DType::Float64, 2, 2, {0, 0, 0, 0}), Tensor(DType::Float32, {2, 0}), "gen", false);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).shape(), (Shape{2, 0}));
}

check::CaseResult inverse(const Tensor& a) {
  auto x = input_like("a", a);
  return run_graph({x}, {pt::matrix_inverse(x)}, {a});
}

TEST(MatrixInverse, InvertsAndSingularIsOutOfDomain) {
  auto r = inverse(mat(DType::Float64, 2, 2, {0, 2, 4, 0}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(values(r.actual.at(0)), (std::vector<double>{0, 0.25, 0.5, 0}));
  r = inverse(mat(DType::UInt8, 1, 1, {4}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).dtype(), DType::Float32);
  EXPECT_EQ(inverse(mat(DType::Float64, 2, 2, {1, 2, 2, 4})).outcome, check::Outcome::OutOfDomain);
  EXPECT_EQ(inverse(Tensor(DType::Float64, {0, 0})).outcome, check::Outcome::Pass);
}

}  // namespace
}  // namespace ptonnx
