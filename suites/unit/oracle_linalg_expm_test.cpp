// The oracle's Expm (scipy.linalg.expm 1.18.1) against exact values
// (diagonal, nilpotent, rotations, cosh/sinh of a symmetric permutation),
// values computed with NumPy 1.24 (eigh for symmetric matrices, closed
// forms for 2 x 2 in np.longdouble), scipy's Pade degree and squaring
// choice, its dtype rules (np.exp's loop dtype for 1 x 1, float64 work for
// integers, float32 for float16) and its extra A^6 at degree 13.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "graph/builder.h"
#include "graph/builder_linalg.h"
#include "oracles/linalg_expm.h"
#include "oracles/oracle.h"

using namespace ptonnx;

namespace {

Tensor make(DType t, int64_t n, const std::vector<double>& v) {
  Tensor x(t, {n, n});
  for (int64_t i = 0; i < n * n; ++i) x.set_from_double(i, v[static_cast<size_t>(i)]);
  return x;
}

Tensor expm(const Tensor& a) {
  auto x = pt::matrix("a", std::string(dtype_name(a.dtype())));
  return oracle::evaluate(FunctionGraph({x}, {pt::expm(x)}), {a}).at(0);
}

// dtype, shape and values within `tol` relative to max |want| (0: exact).
void expect_values(const Tensor& t, DType dtype, const std::vector<double>& want, double tol) {
  ASSERT_EQ(t.dtype(), dtype) << t.describe();
  ASSERT_EQ(t.numel(), static_cast<int64_t>(want.size()));
  double scale = 0;
  for (double w : want) scale = std::max(scale, std::fabs(w));
  for (int64_t i = 0; i < t.numel(); ++i) {
    const double got = t.get_as_double(i), w = want[static_cast<size_t>(i)];
    if (std::isnan(w))
      EXPECT_TRUE(std::isnan(got)) << "element " << i;
    else if (tol == 0)
      EXPECT_EQ(got, w) << "element " << i;
    else
      EXPECT_NEAR(got, w, tol * scale) << "element " << i;
  }
}

}  // namespace

TEST(OracleExpm, DiagonalIsElementwiseExpWithInfAndNaN) {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::nan("");
  expect_values(expm(make(DType::Float64, 3, {1, 0, 0, 0, -inf, 0, 0, 0, nan})), DType::Float64,
                {std::exp(1.0), 0, 0, 0, 0, 0, 0, 0, nan}, 0);
  expect_values(expm(make(DType::Float32, 2, {0, 0, 0, 0})), DType::Float32, {1, 0, 0, 1}, 0);
  EXPECT_EQ(oracle::expm_choice(make(DType::Float64, 2, {3, 0, 0, 4})).path, "diagonal");
  // A NaN off the diagonal is a nonzero for scipy's bandwidth: not diagonal.
  EXPECT_NE(oracle::expm_choice(make(DType::Float64, 2, {3, nan, 0, 4})).path, "diagonal");
}

TEST(OracleExpm, NilpotentIsItsTaylorPolynomial) {
  // [[0, 1], [0, 0]]: degree 3, no scaling; (V - U)^-1 (V + U) = I + A exactly.
  const Tensor a = make(DType::Float64, 2, {0, 1, 0, 0});
  const auto choice = oracle::expm_choice(a);
  EXPECT_EQ(choice.path, "triangular");
  EXPECT_EQ(choice.m, 3);
  EXPECT_EQ(choice.s, 0);
  expect_values(expm(a), DType::Float64, {1, 1, 0, 1}, 0);
  // Strictly upper ones, 3 x 3: I + N + N^2 / 2.
  expect_values(expm(make(DType::Float64, 3, {0, 1, 1, 0, 0, 1, 0, 0, 0})), DType::Float64,
                {1, 1, 1.5, 0, 1, 1, 0, 0, 1}, 1e-16);
}

TEST(OracleExpm, DegreeAndSquaringsFollowAlMohyHigham) {
  // t P, P = [[0, 1], [1, 0]]: ||(tP)^k||_1^(1/k) = t, so t alone picks the
  // degree against theta = 0.0150, 0.254, 0.950, 2.10 (ell = 0 here), then
  // s = ceil(log2(t / 4.25)); expm = cosh(t) I + sinh(t) P.
  const struct {
    double t;
    int m, s;
  } cases[] = {{0.01, 3, 0}, {0.1, 5, 0}, {0.5, 7, 0}, {2, 9, 0}, {3, 13, 0}, {100, 13, 5}, {1000, 13, 8}};
  for (const auto& c : cases) {
    SCOPED_TRACE("t = " + std::to_string(c.t));
    const Tensor a = make(DType::Float64, 2, {0, c.t, c.t, 0});
    const auto choice = oracle::expm_choice(a);
    EXPECT_EQ(choice.path, "general");
    EXPECT_EQ(choice.m, c.m);
    EXPECT_EQ(choice.s, c.s);
    if (c.t > 700) continue;  // cosh overflows
    const double ch = std::cosh(c.t), sh = std::sinh(c.t);
    expect_values(expm(a), DType::Float64, {ch, sh, sh, ch}, c.m == 13 ? 1e-11 : 1e-15);
  }
  // ell() overrules the degree: [[2, 1e8], [0, -2]] has A^2 = 4 I, so
  // eta = 2 < theta_9, but || |A|^19 ||_1 / ||A||_1 is about 5e6, beyond
  // 1 / (u c_9): degree 13 (and eta gives s = 0).
  const auto choice = oracle::expm_choice(make(DType::Float64, 2, {2, 1e8, 0, -2}));
  EXPECT_EQ(choice.m, 13);
  EXPECT_EQ(choice.s, 0);
}

TEST(OracleExpm, RotationAndNumPyReferenceValues) {
  // [[0, -t], [t, 0]] is a rotation by t.
  const double t = 0.75;
  expect_values(expm(make(DType::Float64, 2, {0, -t, t, 0})), DType::Float64,
                {std::cos(t), -std::sin(t), std::sin(t), std::cos(t)}, 1e-15);
  // [[1, 2], [2, -3]] (degree 13): NumPy's eigh,
  // w, v = np.linalg.eigh(a); v @ np.diag(np.exp(w)) @ v.T.
  expect_values(expm(make(DType::Float64, 2, {1, 2, 2, -3})), DType::Float64,
                {5.3157767779441869, 2.1928602636649464, 2.1928602636649464, 0.93005625061429531}, 1e-12);
  // Lower triangular with s > 0: Code Fragment 2.1 gives the exact
  // divided difference 50 (e^-8 - e^4) / (-12) below the diagonal.
  const Tensor l = make(DType::Float64, 2, {4, 0, 50, -8});
  EXPECT_GT(oracle::expm_choice(l).s, 0);
  expect_values(expm(l), DType::Float64,
                {std::exp(4.0), 0, 50 * (std::exp(-8.0) - std::exp(4.0)) / -12, std::exp(-8.0)}, 1e-15);
}

TEST(OracleExpm, KeepsScipysExtraA6AtDegree13) {
  // scipy's last gemm of U runs with beta = 1 on the buffer holding A^6:
  // U = (W A^6 + N) A + A^6. For [[-2, -3], [-2, 3]] (int64, degree 13,
  // one squaring) scipy returns 46.805526752486003 at [1, 1] where the
  // exact value (closed form in np.longdouble) is 46.805526752461899778:
  // 5e-13 relative, about 2300 ulp.
  const Tensor r = expm(make(DType::Int64, 2, {-2, -3, -2, 3}));
  EXPECT_NEAR(r.get_as_double(3), 46.805526752486003, 1e-12);
  EXPECT_GT(std::fabs(r.get_as_double(3) - 46.805526752461899778), 1e-11);
}

TEST(OracleExpm, DtypesEmptyAndNonSquare) {
  // 1 x 1 is np.exp in its loop dtype: float16 for int8/bool/float16, then
  // the declared float32.
  expect_values(expm(make(DType::Int8, 1, {1})), DType::Float32, {2.71875}, 0);
  expect_values(expm(make(DType::Bool, 1, {1})), DType::Float32, {2.71875}, 0);
  expect_values(expm(make(DType::Float16, 1, {1})), DType::Float32, {2.71875}, 0);
  expect_values(expm(make(DType::UInt16, 1, {1})), DType::Float32, {static_cast<double>(std::exp(1.0f))}, 0);
  expect_values(expm(make(DType::Int32, 1, {2})), DType::Float64, {std::exp(2.0)}, 0);
  // n >= 2 integers work in float64 (scipy's astype), then the declared dtype.
  const Tensor p = expm(make(DType::Int8, 2, {0, 1, 1, 0}));
  expect_values(p, DType::Float32,
                {static_cast<float>(std::cosh(1.0)), static_cast<float>(std::sinh(1.0)),
                 static_cast<float>(std::sinh(1.0)), static_cast<float>(std::cosh(1.0))},
                1e-7);
  const Tensor e = expm(Tensor(DType::UInt8, {0, 0}));
  EXPECT_EQ(e.dtype(), DType::Float32);
  EXPECT_EQ(e.shape(), (Shape{0, 0}));
  auto x = pt::matrix("a", "float64");
  EXPECT_THROW(oracle::evaluate(FunctionGraph({x}, {pt::expm(x)}), {Tensor(DType::Float64, {2, 3})}),
               oracle::PyTensorRaises);
}
