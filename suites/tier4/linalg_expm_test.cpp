// Tier-4 Expm end to end (converter, runtime, oracle, derived tolerance):
// the traps of scipy.linalg.expm's algorithm -- nilpotent and diagonal
// input, 1 x 1 and 0 x 0, every Pade degree, many squarings (large norm),
// tiny norm, triangular input (exact diagonal during squaring), float16
// and integer input (np.exp's dtype for a 1 x 1) -- at every opset; and
// the sample spec's reach with the strength of the derived tolerance.
#include "oracles/linalg_expm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>

#include "check/driver.h"
#include "check/tolerance_rules.h"
#include "generators/sample_spec.h"
#include "graph/builder.h"
#include "oracles/oracle.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::mat;

check::CaseResult expm(const Tensor& a, int opset = 17) {
  auto x = pt::tensor("a", std::string(dtype_name(a.dtype())), StaticShape(2, std::nullopt));
  FunctionGraph g({x}, {pt::expm(x)});
  check::DriverOptions o;
  o.opset = opset;
  return check::run_case(g, {a}, o);
}

std::vector<double> values(const Tensor& t) {
  std::vector<double> v;
  for (int64_t i = 0; i < t.numel(); ++i) v.push_back(t.get_as_double(i));
  return v;
}

// Passes, in dtype `out`, within `tol` of `want` (relative to max |want|).
void expect_expm(const Tensor& a, DType out, const std::vector<double>& want, double tol, int opset = 17) {
  const auto r = expm(a, opset);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  ASSERT_EQ(r.actual.at(0).dtype(), out);
  const auto got = values(r.actual.at(0));
  ASSERT_EQ(got.size(), want.size());
  double scale = 0;
  for (double w : want) scale = std::max(scale, std::fabs(w));
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got[i], want[i], tol * scale) << "element " << i;
}

TEST(Expm, NilpotentIsExactAtEveryOpset) {
  // [[0, 1], [0, 0]]: Pade 3 without scaling gives [[1, 1], [0, 1]] exactly.
  for (int opset = 13; opset <= 18; ++opset)
    expect_expm(mat(DType::Float64, 2, {0, 1, 0, 0}), DType::Float64, {1, 1, 0, 1}, 0, opset);
  // Strictly upper 3 x 3 of ones: I + N + N^2 / 2.
  expect_expm(mat(DType::Float32, 3, {0, 1, 1, 0, 0, 1, 0, 0, 0}), DType::Float32, {1, 1, 1.5, 0, 1, 1, 0, 0, 1}, 1e-6);
  // Strictly lower, with large entries: still degree 3 (A^4 = |A|^7 = 0).
  expect_expm(mat(DType::Float64, 3, {0, 0, 0, 100, 0, 0, 3, 100, 0}), DType::Float64,
              {1, 0, 0, 100, 1, 0, 5003, 100, 1}, 1e-15);
}

TEST(Expm, DiagonalZeroAndEmpty) {
  expect_expm(mat(DType::Float64, 3, {1, 0, 0, 0, -2, 0, 0, 0, 700}), DType::Float64,
              {std::exp(1.0), 0, 0, 0, std::exp(-2.0), 0, 0, 0, std::exp(700.0)}, 1e-15);
  expect_expm(mat(DType::Float32, 2, {0, 0, 0, 0}), DType::Float32, {1, 0, 0, 1}, 0);
  for (int opset = 13; opset <= 18; ++opset) {
    const auto r = expm(Tensor(DType::Int16, {0, 0}), opset);
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    EXPECT_EQ(r.actual.at(0).dtype(), DType::Float32);
    EXPECT_EQ(r.actual.at(0).shape(), (Shape{0, 0}));
  }
  // A NaN off the diagonal is not diagonal for scipy either; a non-square
  // matrix raises.
  EXPECT_EQ(expm(Tensor(DType::Float64, {2, 3})).outcome, check::Outcome::OutOfDomain);
}

TEST(Expm, OneByOneIsNumPysExpInItsLoopDtype) {
  // int8 [[1]]: np.exp gives float16 2.71875 (PyTensor declares float32).
  expect_expm(mat(DType::Int8, 1, {1}), DType::Float32, {2.71875}, 0);
  expect_expm(mat(DType::Bool, 1, {1}), DType::Float32, {2.71875}, 0);
  expect_expm(mat(DType::Float16, 1, {1}), DType::Float32, {2.71875}, 0);
  expect_expm(mat(DType::Int16, 1, {1}), DType::Float32, {static_cast<double>(std::exp(1.0f))}, 0);
  expect_expm(mat(DType::Int64, 1, {3}), DType::Float64, {std::exp(3.0)}, 1e-16);
}

// t [[0, 1], [1, 0]]: d_k = t for every k, so t picks the degree;
// expm = cosh(t) I + sinh(t) P. At degree 13 scipy's extra A^6 in U (kept
// by both sides, oracles/linalg_expm.cpp) costs about 5e-14 relative, times
// 2^s after the squarings: the exact values are met to 1e-11 there.
TEST(Expm, EveryPadeDegreeAndScaling) {
  const struct {
    double t;
    int m, s;
  } cases[] = {{0.01, 3, 0}, {0.1, 5, 0}, {0.5, 7, 0}, {2, 9, 0}, {3, 13, 0}, {100, 13, 5}};
  for (const auto& c : cases) {
    SCOPED_TRACE("t = " + std::to_string(c.t));
    const Tensor a = mat(DType::Float64, 2, {0, c.t, c.t, 0});
    const auto choice = oracle::expm_choice(a);
    EXPECT_EQ(choice.path, "general");
    EXPECT_EQ(choice.m, c.m);
    EXPECT_EQ(choice.s, c.s);
    const double ch = std::cosh(c.t), sh = std::sinh(c.t);
    expect_expm(a, DType::Float64, {ch, sh, sh, ch}, c.m == 13 ? 1e-11 : 1e-14);
    if (ch < 1e38) expect_expm(mat(DType::Float32, 2, {0, c.t, c.t, 0}), DType::Float32, {ch, sh, sh, ch}, 2e-6);
  }
  // float32 overflows where cosh(100) does, on both sides alike.
  const auto r = expm(mat(DType::Float32, 2, {0, 100, 100, 0}));
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  for (double v : values(r.actual.at(0))) EXPECT_EQ(v, INFINITY);
}

TEST(Expm, LargeNormRotationNeedsManySquarings) {
  // [[0, -t], [t, 0]] is a rotation by t; t = 1000 takes s = 8.
  const double t = 1000;
  const Tensor a = mat(DType::Float64, 2, {0, -t, t, 0});
  EXPECT_EQ(oracle::expm_choice(a).s, 8);
  expect_expm(a, DType::Float64, {std::cos(t), -std::sin(t), std::sin(t), std::cos(t)}, 1e-10);
  expect_expm(mat(DType::Float32, 2, {0, -t, t, 0}), DType::Float32,
              {std::cos(t), -std::sin(t), std::sin(t), std::cos(t)}, 1e-3);
}

TEST(Expm, TriangularSquaringKeepsTheExactDiagonal) {
  // Upper triangular with a large norm: s > 0, and Code Fragment 2.1 sets
  // exp(a_ii) and the divided difference on the superdiagonal.
  const Tensor a = mat(DType::Float64, 2, {-30, 500, 0, -31});
  EXPECT_EQ(oracle::expm_choice(a).path, "triangular");
  EXPECT_GT(oracle::expm_choice(a).s, 0);
  const double e1 = std::exp(-30.0), e2 = std::exp(-31.0);
  expect_expm(a, DType::Float64, {e1, 500 * (e2 - e1) / (-1.0), 0, e2}, 1e-13);
  // Lower, float32.
  expect_expm(mat(DType::Float32, 2, {2, 0, 50, 2}), DType::Float32,
              {std::exp(2.0), 0, 50 * std::exp(2.0), std::exp(2.0)}, 1e-6);
}

TEST(Expm, TinyNormAndIntegerAndFloat16Input) {
  expect_expm(mat(DType::Float64, 2, {1e-8, 2e-8, -3e-8, 0}), DType::Float64,
              {1 + 1e-8 + (1e-16 - 6e-16) / 2, 2e-8 + 1e-16, -3e-8 - 1.5e-16, 1 - 3e-16}, 1e-15);
  // Integers compute in float64 (scipy's astype) and are declared float32
  // for 8/16-bit, float64 for 32/64-bit.
  expect_expm(mat(DType::UInt8, 2, {0, 1, 1, 0}), DType::Float32,
              {std::cosh(1.0), std::sinh(1.0), std::sinh(1.0), std::cosh(1.0)}, 1e-7);
  expect_expm(mat(DType::Int32, 2, {0, 2, 2, 0}), DType::Float64,
              {std::cosh(2.0), std::sinh(2.0), std::sinh(2.0), std::cosh(2.0)}, 1e-15);
  // float16 computes in float32.
  Tensor h(DType::Float16, {2, 2});
  for (int i = 0; i < 4; ++i) h.set_from_double(i, std::vector<double>{0, 0.5, 0.5, 0}[static_cast<size_t>(i)]);
  expect_expm(h, DType::Float32, {std::cosh(0.5), std::sinh(0.5), std::sinh(0.5), std::cosh(0.5)}, 1e-6);
}

// The spec's reach and the rule's strength over generated cases (oracle
// and rule only, no export): every path and degree, many squarings, and a
// bound that stays far below the result's size (docs/comparison.md: a
// vacuous bound would let any wrong degree or squaring count pass).
TEST(ExpmCorpus, ReachesEveryPathAndTheBoundStaysMeaningful) {
  const gen::SampleSpec* spec = gen::find_spec("Expm");
  ASSERT_NE(spec, nullptr);
  for (DType t : {DType::Float16, DType::Float32, DType::Float64, DType::Int16}) {
    SCOPED_TRACE(dtype_name(t));
    std::set<std::string> paths;
    std::set<int> degrees;
    int max_s = 0;
    double worst = 0;
    std::string worst_label;
    for (int i = 0; i < 150; ++i) {
      const rc::Random rnd(static_cast<uint64_t>(7919 * i + static_cast<int>(t)));
      gen::Case c;
      try {
        c = spec->gen(t)(rnd, 100).value();
      } catch (const std::exception&) {
        continue;
      }
      const Node* node = c.graph->outputs().at(0)->owner;
      ASSERT_NE(node, nullptr) << c.label;
      const Tensor a = node->inputs[0]->value ? *node->inputs[0]->value : c.inputs.at(0);
      const auto choice = oracle::expm_choice(a);
      paths.insert(choice.path);
      if (choice.m) degrees.insert(choice.m);
      max_s = std::max(max_s, choice.s);
      if (choice.m == 0) continue;
      const Tensor e = oracle::evaluate(*c.graph, c.inputs).at(0);
      double size = 0;
      for (int64_t k = 0; k < e.numel(); ++k) size = std::max(size, std::fabs(e.get_as_double(k)));
      const auto tol = check::apply_tolerance_rule(*c.graph, c.inputs, 0, e, check::Tolerance::for_dtype(e.dtype()));
      if (size > 0 && tol.atol / size > worst) {
        worst = tol.atol / size;
        worst_label = c.label;
      }
    }
    for (const char* p : {"empty", "scalar", "diagonal", "triangular", "general"}) EXPECT_TRUE(paths.count(p)) << p;
    EXPECT_GE(degrees.size(), is_float(t) ? 5u : 3u);
    if (is_float(t)) {
      EXPECT_GE(max_s, 8);
    }
    // atol relative to the result: float64 work (float64 and integer input)
    // within 1e-8, float32 work within 0.2 (measured: 2e-9 and 0.1 at most,
    // medians 2e-13 and 7e-5).
    EXPECT_LE(worst, t == DType::Float16 || t == DType::Float32 ? 0.2 : 1e-8) << worst_label;
  }
}

}  // namespace
}  // namespace ptonnx
