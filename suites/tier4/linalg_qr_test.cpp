// Tier-4 QR end to end (converter, runtime, oracle): LAPACK's conventions
// (tau = 0 without reflection for a zero tail, also with alpha < 0 or
// alpha = -0.0; the sign of beta), the shapes of every mode for tall,
// square, wide and empty inputs, raw mode's packed layout, norms that would
// overflow unscaled, and the comparison itself: rank-deficient inputs go to
// the invariants, which reject factors that are not a QR factorisation.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "check/driver.h"
#include "check/invariant_checks.h"
#include "check/linalg_qr_analysis.h"
#include "check/tolerance_rules.h"
#include "graph/builder.h"
#include "graph/builder_linalg.h"
#include "oracles/oracle.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::mat;

std::vector<double> values(const Tensor& t) {
  std::vector<double> v;
  for (int64_t i = 0; i < t.numel(); ++i) v.push_back(t.get_as_double(i));
  return v;
}

FunctionGraph qr_graph(const Tensor& a, const std::string& mode) {
  auto x = pt::tensor("a", std::string(dtype_name(a.dtype())), StaticShape(2, std::nullopt));
  return FunctionGraph({x}, pt::qr(x, mode));
}

check::CaseResult qr(const Tensor& a, const std::string& mode, int opset = 17) {
  check::DriverOptions o;
  o.opset = opset;
  return check::run_case(qr_graph(a, mode), {a}, o);
}

const char* const kModes[] = {"full", "economic", "r", "raw"};

TEST(QR, TallSquareWideAtEveryOpsetAndMode) {
  const Tensor tall = mat(DType::Float64, 4, 3, {2, -1, 0.5, 1, 3, -2, -2, 0.25, 1, 4, 1, 1.5});
  const Tensor wide = mat(DType::Float32, 2, 4, {1, 2, 3, -1, -2, 0.5, 1, 4});
  const Tensor square = mat(DType::Float64, 3, 3, {4, 1, -2, 1, 2, 0, -2, 0, 3});
  for (int opset = 13; opset <= 18; ++opset)
    for (const char* mode : kModes)
      for (const Tensor* a : {&tall, &wide, &square}) {
        const auto r = qr(*a, mode, opset);
        ASSERT_EQ(r.outcome, check::Outcome::Pass) << mode << " opset " << opset << ": " << r.message;
      }
  // Shapes, as perform returns them (K = min(M, N)).
  auto r = qr(wide, "full");
  EXPECT_EQ(r.actual.at(0).shape(), (Shape{2, 2}));
  EXPECT_EQ(r.actual.at(1).shape(), (Shape{2, 4}));
  r = qr(tall, "economic");
  EXPECT_EQ(r.actual.at(0).shape(), (Shape{4, 3}));
  EXPECT_EQ(r.actual.at(1).shape(), (Shape{3, 3}));
  EXPECT_EQ(qr(tall, "r").actual.at(0).shape(), (Shape{4, 3}));
}

TEST(QR, ZeroTailTakesTauZeroEvenForNegativeAlpha) {
  // Column 0's tail is zero: no reflection, R[0, 0] = -2 keeps its sign
  // and Q's first column is e_0 (a reflection with tau = 2 would give 2).
  auto r = qr(mat(DType::Float64, 3, 2, {-2, 1, 0, 3, 0, 4}), "raw");
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).get_as_double(0), -2.0);
  EXPECT_EQ(r.actual.at(1).get_as_double(0), 0.0);
  r = qr(mat(DType::Float64, 3, 2, {-2, 1, 0, 3, 0, 4}), "full");
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(values(r.actual.at(0))[0], 1.0);
  // Upper triangular: every tail is zero, Q = I and R = A exactly.
  const Tensor u = mat(DType::Float32, 3, 3, {-1, 2, 3, 0, -4, 5, 0, 0, -6});
  r = qr(u, "full");
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(values(r.actual.at(0)), (std::vector<double>{1, 0, 0, 0, 1, 0, 0, 0, 1}));
  EXPECT_EQ(values(r.actual.at(1)), values(u));
}

TEST(QR, NegativeZeroAlphaReflectsToPositiveBeta) {
  // Fortran's SIGN(norm, -0.0) is -norm, so beta = +1 (with +0.0: -1).
  auto r = qr(mat(DType::Float64, 2, 2, {-0.0, 1, 1, 1}), "r");
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).get_as_double(0), 1.0);
  r = qr(mat(DType::Float64, 2, 2, {0.0, 1, 1, 1}), "r");
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).get_as_double(0), -1.0);
}

TEST(QR, RawModeIsGeqrfsPackedMatrix) {
  // 3 x 2: H holds R on and above the diagonal and v below; tau (2,); R
  // is triu(H[:2]) (K x N, not make_node's M x N).
  const auto r = qr(mat(DType::Float64, 3, 2, {3, 1, 4, 2, 0, 5}), "raw");
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  ASSERT_EQ(r.actual.size(), 3u);
  EXPECT_EQ(r.actual.at(0).shape(), (Shape{3, 2}));
  EXPECT_EQ(r.actual.at(1).shape(), (Shape{2}));
  EXPECT_EQ(r.actual.at(2).shape(), (Shape{2, 2}));
  const auto H = values(r.actual.at(0)), R = values(r.actual.at(2));
  EXPECT_EQ(H[0], R[0]);
  EXPECT_EQ(H[1], R[1]);
  EXPECT_EQ(H[3], R[3]);
  EXPECT_EQ(R[2], 0.0);
  EXPECT_NEAR(H[0], -5.0, 1e-12);                   // beta = -sign(3) * ||(3, 4, 0)||
  EXPECT_NEAR(H[2], 4.0 / 8.0, 1e-12);              // v[1] = 4 / (alpha - beta) = 4 / 8
  EXPECT_NEAR(values(r.actual.at(1))[0], 1.6, 1e-12);  // tau = (beta - alpha) / beta
}

TEST(QR, EmptyShapes) {
  auto r = qr(Tensor(DType::Float64, {3, 0}), "full");
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(values(r.actual.at(0)), (std::vector<double>{1, 0, 0, 0, 1, 0, 0, 0, 1}));
  EXPECT_EQ(r.actual.at(1).shape(), (Shape{3, 0}));
  r = qr(Tensor(DType::Float32, {3, 0}), "raw");
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(2).shape(), (Shape{0, 0}));
  for (const char* mode : kModes) {
    r = qr(Tensor(DType::Float64, {0, 0}), mode);
    EXPECT_EQ(r.outcome, check::Outcome::Pass) << mode << ": " << r.message;
  }
  // 0 x N: PyTensor's geqrf call raises (out of domain).
  EXPECT_EQ(qr(Tensor(DType::Float64, {0, 3}), "full").outcome, check::Outcome::OutOfDomain);
  // 1 x 1: tau = 0, Q = 1, R = A, also for a negative entry.
  r = qr(mat(DType::Float64, 1, 1, {-7}), "full");
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(values(r.actual.at(0)), std::vector<double>{1.0});
  EXPECT_EQ(values(r.actual.at(1)), std::vector<double>{-7.0});
}

TEST(QR, IntegersUpcastAndScaledNormsDoNotOverflow) {
  auto r = qr(mat(DType::Int16, 2, 2, {3, 1, 4, 1}), "full");
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).dtype(), DType::Float32);
  EXPECT_EQ(qr(mat(DType::UInt32, 1, 2, {3, 4}), "r").actual.at(0).dtype(), DType::Float64);
  // Squares of 1e200 (float64) and 1e30 (float32) overflow, of 1e-200 and
  // 1e-30 underflow: the norms are scaled as dnrm2 and dlapy2 do.
  for (double s : {1e200, 1e-200}) {
    r = qr(mat(DType::Float64, 3, 2, {s, 2 * s, s, -s, -s, 3 * s}), "full");
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << s << ": " << r.message;
    EXPECT_NEAR(std::fabs(r.actual.at(1).get_as_double(0)) / s, std::sqrt(3.0), 1e-12);
  }
  for (double s : {1e30, 1e-30}) {
    r = qr(mat(DType::Float32, 2, 2, {s, s, s, -s}), "raw");
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << s << ": " << r.message;
  }
}

TEST(QR, RankDeficientIsJudgedByInvariants) {
  // Column 1 duplicates column 0: after the first reflection its tail is
  // zero only up to rounding, so tau[1] and Q's later columns depend on
  // the implementation's rounding: not determinate after step 1.
  const Tensor a = mat(DType::Float64, 3, 3, {1, 1, 2, 2, 2, 1, 2, 2, 0});
  EXPECT_EQ(check::qr::analyse(a, DType::Float64).determinate, 1);
  for (const char* mode : kModes) {
    const auto r = qr(a, mode);
    EXPECT_EQ(r.outcome, check::Outcome::Pass) << mode << ": " << r.message;
  }
  // A zero column stays exactly zero under reflections (tau = 0 at its
  // step everywhere): determinate, compared elementwise.
  EXPECT_EQ(check::qr::analyse(mat(DType::Float64, 3, 3, {1, 0, 2, 2, 0, 1, 2, 0, 5}), DType::Float64).determinate, 3);
  // Full column rank, kappa modest: every step determinate.
  EXPECT_EQ(check::qr::analyse(mat(DType::Float64, 3, 2, {2, 1, 1, 3, -1, 1}), DType::Float64).determinate, 2);
}

// The invariant check on doctored factors of the duplicate-column matrix
// (determinate part: Q's column 0 and R's row 0, kept intact): each
// invariant rejects what the others let through.
TEST(QR, InvariantsRejectFactorsThatAreNotAQRFactorisation) {
  const Tensor a = mat(DType::Float64, 3, 3, {1, 1, 2, 2, 2, 1, 2, 2, 0});
  const FunctionGraph g = qr_graph(a, "full");
  const auto good = check::run_case(g, {a}, check::DriverOptions{});
  ASSERT_EQ(good.outcome, check::Outcome::Pass) << good.message;
  const auto judge = [&](const std::vector<Tensor>& actual, size_t output) {
    return check::apply_invariant_check(g, {a}, good.expected, actual, output,
                                        check::Tolerance::for_dtype(DType::Float64))
        ->ok;
  };
  ASSERT_TRUE(judge(good.expected, 0));
  ASSERT_TRUE(judge(good.expected, 1));
  const auto q = [&](const std::vector<Tensor>& f, int i, int j) { return f[0].get_as_double(i * 3 + j); };
  // Q's column 1 negated alone: orthogonal, R triangular, Q R != A.
  auto bad = good.expected;
  for (int i = 0; i < 3; ++i) bad[0].set_from_double(i * 3 + 1, -q(good.expected, i, 1));
  EXPECT_FALSE(judge(bad, 0));
  EXPECT_FALSE(judge(bad, 1));
  // Q M and M^-1 R with M = I + e_1 e_2^T: Q R = A, R triangular, the
  // determinate part intact, but Q is not orthogonal.
  bad = good.expected;
  for (int i = 0; i < 3; ++i) bad[0].set_from_double(i * 3 + 2, q(good.expected, i, 2) + q(good.expected, i, 1));
  for (int j = 0; j < 3; ++j)
    bad[1].set_from_double(3 + j, good.expected.at(1).get_as_double(3 + j) - good.expected.at(1).get_as_double(6 + j));
  EXPECT_FALSE(judge(bad, 0));
  EXPECT_TRUE(judge(bad, 1));  // R alone cannot tell (Q R = A holds)
  // R with a nonzero below the diagonal fails whatever else holds.
  bad = good.expected;
  bad[1].set_from_double(7, 1e-300);
  EXPECT_FALSE(judge(bad, 1));
}

// The rule's float32 tolerance against a second, far more accurate
// implementation: LAPACK's sgeqrf/sorgqr must be within it of dgeqrf/dorgqr
// on the same (float32-exact) matrices, for every output of every mode.
TEST(QR, Float32LapackIsWithinTheRuleOfFloat64) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> d(-64, 64);
  int compared = 0;
  for (int trial = 0; trial < 40; ++trial) {
    const int64_t m = 1 + trial % 5, n = 1 + (trial / 5) % 5;
    std::vector<double> v(static_cast<size_t>(m * n));
    for (auto& x : v) x = d(rng) / 16.0;
    for (const char* mode : kModes) {
      const FunctionGraph g32 = qr_graph(mat(DType::Float32, m, n, v), mode);
      const FunctionGraph g64 = qr_graph(mat(DType::Float64, m, n, v), mode);
      const auto e32 = oracle::evaluate(g32, {mat(DType::Float32, m, n, v)});
      const auto e64 = oracle::evaluate(g64, {mat(DType::Float64, m, n, v)});
      const auto a = check::qr::analyse(mat(DType::Float32, m, n, v), DType::Float32);
      if (a.determinate != a.k) continue;  // dependent integer columns: no elementwise bound
      ++compared;
      for (size_t o = 0; o < e32.size(); ++o) {
        const auto tol = check::apply_tolerance_rule(g32, {mat(DType::Float32, m, n, v)}, o, e32[o],
                                                     check::Tolerance::for_dtype(DType::Float32));
        for (int64_t i = 0; i < e32[o].numel(); ++i)
          EXPECT_LE(std::fabs(e32[o].get_as_double(i) - e64[o].get_as_double(i)), tol.atol / 2)
              << mode << " output " << o << " element " << i << " of " << m << " x " << n;
      }
    }
  }
  EXPECT_GT(compared, 140);
}

TEST(QR, IRStatesPerformsShapesAndRefusesPivoting) {
  const auto x = pt::tensor("a", "int16", StaticShape{3, 2});
  const auto raw = pt::qr(x, "raw");  // make_node would say H (3, 3), R (3, 2)
  ASSERT_EQ(raw.size(), 3u);
  EXPECT_EQ(raw[0]->type, (TensorType{DType::Float32, {3, 2}}));
  EXPECT_EQ(raw[1]->type, (TensorType{DType::Float32, {2}}));
  EXPECT_EQ(raw[2]->type, (TensorType{DType::Float32, {2, 2}}));
  EXPECT_EQ(pt::qr(x, "complete")[0]->type, (TensorType{DType::Float32, {3, 3}}));
  EXPECT_EQ(pt::qr(x, "reduced")[0]->type, (TensorType{DType::Float32, {3, 2}}));
  const auto y = pt::tensor("b", "float64", StaticShape{std::nullopt, 0});
  EXPECT_EQ(pt::qr(y, "economic")[1]->type, (TensorType{DType::Float64, {0, 0}}));
  EXPECT_THROW(apply_op("QR", {x}, Attributes{{"mode", std::string("full")}, {"pivoting", int64_t{1}}}), TypeError);
  EXPECT_THROW(pt::qr(x, "thin"), TypeError);
  EXPECT_THROW(pt::qr(pt::tensor("v", "float64", StaticShape{3}), "r"), TypeError);
}

TEST(QR, ExportIsDefaultDomainLoops) {
  for (const char* mode : kModes) {
    const auto r = qr(mat(DType::Float32, 3, 2, {1, 2, 3, 4, 5, 6}), mode);
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    int loops = 0;
    for (const auto& node : r.model->graph().node()) {
      EXPECT_TRUE(node.domain().empty()) << node.op_type();
      loops += node.op_type() == "Loop";
    }
    EXPECT_EQ(loops, std::string(mode) == "full" || std::string(mode) == "economic" ? 2 : 1) << mode;
  }
}

}  // namespace
}  // namespace ptonnx
