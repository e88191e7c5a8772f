// The oracle's LU, Det, SLogDet, Solve and MatrixInverse kernels against
// hand-computed values and NumPy 1.24's results (scipy's conventions worked
// by hand from scipy/linalg/_decomp_lu.py and _basic.py): pivot order and
// ties, rectangular and empty factors, det's sign * exp(logabsdet), the
// triangle sysv reads, failures (NaN or raise) and scipy's n == 1 quirk.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "graph/builder.h"
#include "graph/builder_linalg.h"
#include "oracles/oracle.h"

using namespace ptonnx;
using oracle::PyTensorRaises;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

// A tensor of `dtype` and `shape` from doubles (floats stored directly: set_from_double refuses NaN and inf).
Tensor make(const std::string& dtype, Shape shape, const std::vector<double>& values) {
  Tensor out(parse_dtype(dtype), std::move(shape));
  EXPECT_EQ(out.numel(), static_cast<int64_t>(values.size()));
  for (int64_t i = 0; i < out.numel(); ++i) {
    if (out.dtype() == DType::Float32)
      out.data<float>()[i] = static_cast<float>(values[i]);
    else if (out.dtype() == DType::Float64)
      out.data<double>()[i] = values[i];
    else
      out.set_from_double(i, values[i]);
  }
  return out;
}

std::vector<Tensor> run(const std::vector<VarRef>& ins, const std::vector<VarRef>& outs,
                        const std::vector<Tensor>& values) {
  return oracle::evaluate(FunctionGraph(ins, outs), values);
}

std::vector<Tensor> lu(const Tensor& a, bool permute_l = false, bool p_indices = false) {
  auto x = pt::matrix("a", std::string(dtype_name(a.dtype())));
  return run({x}, pt::lu(x, permute_l, p_indices), {a});
}

Tensor det(const Tensor& a) {
  auto x = pt::matrix("a", std::string(dtype_name(a.dtype())));
  return run({x}, {pt::det(x)}, {a}).at(0);
}

std::vector<Tensor> slogdet(const Tensor& a) {
  auto x = pt::matrix("a", std::string(dtype_name(a.dtype())));
  auto [s, l] = pt::slogdet(x);
  return run({x}, {s, l}, {a});
}

Tensor inverse(const Tensor& a) {
  auto x = pt::matrix("a", std::string(dtype_name(a.dtype())));
  return run({x}, {pt::matrix_inverse(x)}, {a}).at(0);
}

Tensor solve(const Tensor& a, const Tensor& b, const std::string& assume_a = "gen", bool lower = false) {
  auto x = pt::matrix("a", std::string(dtype_name(a.dtype())));
  auto y = b.rank() == 1 ? pt::vector("b", std::string(dtype_name(b.dtype())))
                         : pt::matrix("b", std::string(dtype_name(b.dtype())));
  return run({x, y}, {pt::solve(x, y, assume_a, lower)}, {a, b}).at(0);
}

// Dtype, shape and values; `tol` 0 means bitwise-equal values (NaN matches NaN).
void expect_tensor(const Tensor& t, const std::string& dtype, const Shape& shape, const std::vector<double>& want,
                   double tol = 0) {
  ASSERT_EQ(t.dtype(), parse_dtype(dtype)) << t.describe();
  ASSERT_EQ(t.shape(), shape) << t.describe();
  ASSERT_EQ(t.numel(), static_cast<int64_t>(want.size()));
  for (int64_t i = 0; i < t.numel(); ++i) {
    const double got = t.get_as_double(i), w = want[static_cast<size_t>(i)];
    if (std::isnan(w))
      EXPECT_TRUE(std::isnan(got)) << "element " << i << ": got " << got;
    else if (tol == 0)
      EXPECT_EQ(got, w) << "element " << i;
    else
      EXPECT_NEAR(got, w, tol) << "element " << i;
  }
}

// scipy.linalg.lu's docstring example.
const std::vector<double> kDocA = {2, 5, 8, 7, 5, 2, 2, 8, 7, 5, 6, 6, 5, 4, 4, 8};

}  // namespace

TEST(OracleLU, ScipyDocstringExamplePivotsAndFactors) {
  const Tensor A = make("float64", {4, 4}, kDocA);
  const auto pi = lu(A, false, true);
  // getrf's row order is [2, 0, 3, 1]; p is its inverse, A = L[p] @ U.
  expect_tensor(pi.at(0), "int32", {4}, {1, 3, 0, 2});
  const double e = 1e-15;
  expect_tensor(pi.at(1), "float64", {4, 4},
                {1, 0, 0, 0, 2. / 7, 1, 0, 0, 5. / 7, 0.12, 1, 0, 5. / 7, -0.44, -0.4615384615384617, 1}, e);
  expect_tensor(pi.at(2), "float64", {4, 4},
                {7, 5, 6, 6, 0, 3.5714285714285716, 6.285714285714286, 5.285714285714286, 0, 0, -1.04, 3.08, 0, 0, 0,
                 7.461538461538463},
                8 * e);
  // The matrix form: P[i, p[i]] = 1 (A = P L U), same L and U.
  const auto plu = lu(A);
  expect_tensor(plu.at(0), "float64", {4, 4}, {0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0});
  EXPECT_TRUE(plu.at(1).bit_equal(pi.at(1)));
  EXPECT_TRUE(plu.at(2).bit_equal(pi.at(2)));
  // permute_l: P @ L exactly (rows of L moved, nothing rounded), and U.
  const auto pl = lu(A, true);
  ASSERT_EQ(pl.size(), 2u);
  const auto l = pi.at(1);
  std::vector<double> want(16);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) want[i * 4 + j] = l.get_as_double(pi.at(0).get_as_int64(i) * 4 + j);
  expect_tensor(pl.at(0), "float64", {4, 4}, want);
  EXPECT_TRUE(pl.at(1).bit_equal(pi.at(2)));
}

TEST(OracleLU, RectangularWithAPivotTiePicksTheFirstRow) {
  // 3 x 2: |2| in rows 1 and 2 of column 0 -> row 1 (idamax's first); then 5 over 1.
  const auto r = lu(make("float64", {3, 2}, {1, 1, 2, 0, -2, 5}), false, true);
  expect_tensor(r.at(0), "int32", {3}, {2, 0, 1});
  expect_tensor(r.at(1), "float64", {3, 2}, {1, 0, -1, 1, 0.5, 0.2});
  expect_tensor(r.at(2), "float64", {2, 2}, {2, 0, 0, 5});
  const auto P = lu(make("float64", {3, 2}, {1, 1, 2, 0, -2, 5})).at(0);
  expect_tensor(P, "float64", {3, 3}, {0, 0, 1, 1, 0, 0, 0, 1, 0});
  // A tie between +1 and -1: the first row stays, no interchange.
  expect_tensor(lu(make("float64", {2, 2}, {1, 2, -1, 3}), false, true).at(0), "int32", {2}, {0, 1});
  // 2 x 3: L is 2 x 2, U 2 x 3 (all exact).
  const auto w = lu(make("float64", {2, 3}, {1, 2, 3, 4, 5, 6}));
  expect_tensor(w.at(0), "float64", {2, 2}, {0, 1, 1, 0});
  expect_tensor(w.at(1), "float64", {2, 2}, {1, 0, 0.25, 1});
  expect_tensor(w.at(2), "float64", {2, 3}, {4, 5, 6, 0, 0.75, 1.5});
  const auto wl = lu(make("float64", {2, 3}, {1, 2, 3, 4, 5, 6}), true);
  expect_tensor(wl.at(0), "float64", {2, 2}, {0.25, 1, 1, 0});
}

TEST(OracleLU, EmptyOneByOneSingularAndDtypes) {
  // min(M, N) == 0: P is (0, 0) (p_indices (0,)) even with M = 3; L (M, 0), U (0, N).
  const auto e = lu(Tensor(DType::Float64, {3, 0}));
  expect_tensor(e.at(0), "float64", {0, 0}, {});
  expect_tensor(e.at(1), "float64", {3, 0}, {});
  expect_tensor(e.at(2), "float64", {0, 0}, {});
  expect_tensor(lu(Tensor(DType::Float64, {3, 0}), false, true).at(0), "int32", {0}, {});
  const auto el = lu(Tensor(DType::Float32, {0, 3}), true);
  expect_tensor(el.at(0), "float32", {0, 0}, {});
  expect_tensor(el.at(1), "float32", {0, 3}, {});
  // 1 x 1: P = L = [[1]], U = A.
  const auto one = lu(make("float64", {1, 1}, {-5}));
  expect_tensor(one.at(0), "float64", {1, 1}, {1});
  expect_tensor(one.at(1), "float64", {1, 1}, {1});
  expect_tensor(one.at(2), "float64", {1, 1}, {-5});
  expect_tensor(lu(make("float64", {1, 1}, {-5}), false, true).at(0), "int32", {1}, {0});
  // Singular: returned with an exact zero on U's diagonal (no error, no NaN).
  const auto s = lu(make("float64", {2, 2}, {1, 2, 2, 4}));
  expect_tensor(s.at(1), "float64", {2, 2}, {1, 0, 0.5, 1});
  expect_tensor(s.at(2), "float64", {2, 2}, {2, 4, 0, 0});
  // int8 factors in float32; the 0/1 P too.
  const auto i8 = lu(make("int8", {2, 2}, {1, 2, 4, 8}));
  for (const auto& t : i8) EXPECT_EQ(t.dtype(), DType::Float32);
  // check_finite=True: non-finite raises.
  EXPECT_THROW(lu(make("float64", {2, 2}, {1, kNaN, 0, 1})), PyTensorRaises);
  EXPECT_THROW(lu(make("float32", {2, 2}, {1, 0, kInf, 1})), PyTensorRaises);
}

TEST(OracleDet, SignTimesExpOfLogabsdetAsNumPy) {
  // NumPy's exact results: exp(log 3 + log(2/3)) is not 2.
  expect_tensor(det(make("float64", {2, 2}, {1, 2, 3, 4})), "float64", {}, {-2.0000000000000004});
  expect_tensor(det(make("float32", {2, 2}, {1, 2, 3, 4})), "float32", {}, {-2.0});
  const auto sl = slogdet(make("float64", {2, 2}, {1, 2, 3, 4}));
  expect_tensor(sl.at(0), "float64", {}, {-1});
  expect_tensor(sl.at(1), "float64", {}, {0.6931471805599455});
  const auto sl32 = slogdet(make("float32", {2, 2}, {1, 2, 3, 4}));
  expect_tensor(sl32.at(0), "float32", {}, {-1});
  expect_tensor(sl32.at(1), "float32", {}, {static_cast<float>(0.6931472)});
  // int64 computes in float64.
  expect_tensor(det(make("int64", {2, 2}, {2, 1, 1, 3})), "float64", {}, {5.000000000000001});
  // Negative diagonal entries flip the sign; no interchange.
  expect_tensor(slogdet(make("float64", {3, 3}, {-1, 0, 0, 0, 2, 0, 0, 0, -4})).at(0), "float64", {}, {1});
  expect_tensor(slogdet(make("float64", {3, 3}, {-1, 0, 0, 0, 2, 0, 0, 0, 4})).at(0), "float64", {}, {-1});
  // 200 x 200 diag(0.01): logabsdet summed in order, det underflows to exactly 0 with sign 1.
  std::vector<double> d(200 * 200, 0.0);
  for (int i = 0; i < 200; ++i) d[i * 200 + i] = 0.01;
  const Tensor D = make("float64", {200, 200}, d);
  expect_tensor(det(D), "float64", {}, {0.0});
  const auto sd = slogdet(D);
  expect_tensor(sd.at(0), "float64", {}, {1});
  expect_tensor(sd.at(1), "float64", {}, {-921.0340371976157});
}

TEST(OracleDet, SingularEmptyAndRaises) {
  const Tensor S = make("float64", {2, 2}, {1, 2, 2, 4});
  const Tensor z = det(S);
  expect_tensor(z, "float64", {}, {0.0});
  EXPECT_FALSE(std::signbit(z.get_as_double(0)));  // 0 * exp(-inf) = +0
  const auto s = slogdet(S);
  expect_tensor(s.at(0), "float64", {}, {0});
  expect_tensor(s.at(1), "float64", {}, {-kInf});
  expect_tensor(det(Tensor(DType::Float64, {0, 0})), "float64", {}, {1});
  const auto e = slogdet(Tensor(DType::Float32, {0, 0}));
  expect_tensor(e.at(0), "float32", {}, {1});
  expect_tensor(e.at(1), "float32", {}, {0});
  EXPECT_THROW(det(make("float64", {2, 3}, {1, 2, 3, 4, 5, 6})), PyTensorRaises);
  EXPECT_THROW(slogdet(make("float64", {1, 2}, {1, 2})), PyTensorRaises);
  EXPECT_THROW(det(make("float16", {2, 2}, {1, 2, 3, 4})), PyTensorRaises);
  EXPECT_THROW(slogdet(make("float16", {2, 2}, {1, 2, 3, 4})), PyTensorRaises);
}

TEST(OracleMatrixInverse, GesvOfIdentitySingularRaises) {
  expect_tensor(inverse(make("float64", {2, 2}, {4, 7, 2, 6})), "float64", {2, 2}, {0.6, -0.7, -0.2, 0.4}, 2e-16);
  expect_tensor(inverse(make("float32", {2, 2}, {4, 7, 2, 6})), "float32", {2, 2}, {0.6, -0.7, -0.2, 0.4}, 1e-7);
  expect_tensor(inverse(make("int32", {2, 2}, {2, 0, 0, 4})), "float64", {2, 2}, {0.5, 0, 0, 0.25});
  expect_tensor(inverse(Tensor(DType::Float64, {0, 0})), "float64", {0, 0}, {});
  EXPECT_THROW(inverse(make("float64", {2, 2}, {1, 2, 2, 4})), PyTensorRaises);
  EXPECT_THROW(inverse(make("float64", {2, 3}, {1, 2, 3, 4, 5, 6})), PyTensorRaises);
  EXPECT_THROW(inverse(make("float16", {2, 2}, {4, 7, 2, 6})), PyTensorRaises);
}

TEST(OracleSolve, GeneralSymmetricPositive) {
  const Tensor a = make("float64", {2, 2}, {3, 1, 1, 2});
  expect_tensor(solve(a, make("float64", {2}, {9, 8})), "float64", {2}, {2, 3}, 1e-15);
  expect_tensor(solve(a, make("float64", {2, 2}, {9, 3, 8, 1})), "float64", {2, 2}, {2, 1, 3, 0}, 1e-15);
  // sym/her read one triangle only: the other holds garbage.
  const std::vector<double> x = {1. / 11, 7. / 11};
  expect_tensor(solve(make("float64", {2, 2}, {4, 1, 999, 3}), make("float64", {2}, {1, 2}), "sym", false), "float64",
                {2}, x, 1e-16);
  expect_tensor(solve(make("float64", {2, 2}, {4, -5, 1, 3}), make("float64", {2}, {1, 2}), "sym", true), "float64",
                {2}, x, 1e-16);
  expect_tensor(solve(make("float64", {2, 2}, {4, -5, 1, 3}), make("float64", {2}, {1, 2}), "her", true), "float64",
                {2}, x, 1e-16);
  expect_tensor(solve(make("float32", {2, 2}, {4, 2, -7, 3}), make("float32", {2}, {2, 1}), "pos", false), "float32",
                {2}, {0.5, 0});
  // Mixed dtypes: float32 a with float64 b solves in float64.
  expect_tensor(solve(make("float32", {2, 2}, {2, 0, 0, 4}), make("float64", {2}, {1, 1})), "float64", {2},
                {0.5, 0.25});
  // A NaN in b spreads through its own column only (NumPy 1.24 gives the same); no LAPACKE NaN check
  // turning it into a failure of the whole solve.
  expect_tensor(solve(make("float64", {2, 2}, {1, 0, 0, 2}), make("float64", {2, 2}, {kNaN, 1, 1, 1})), "float64",
                {2, 2}, {kNaN, 1, kNaN, 0.5});
}

TEST(OracleSolve, FailuresGiveNaNOfTheOutputTypeOrRaise) {
  // pos on an indefinite matrix: potrf fails -> all-NaN of b's shape.
  expect_tensor(solve(make("float64", {2, 2}, {1, 2, 2, 1}), make("float64", {2, 3}, {1, 2, 3, 4, 5, 6}), "pos"),
                "float64", {2, 3}, {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN});
  // Exactly singular gen / sym with a float a: NaN.
  expect_tensor(solve(make("float32", {2, 2}, {1, 2, 2, 4}), make("float32", {2}, {1, 1})), "float32", {2},
                {kNaN, kNaN});
  expect_tensor(solve(make("float64", {2, 2}, {0, 0, 0, 0}), make("float64", {2}, {1, 1}), "sym"), "float64", {2},
                {kNaN, kNaN});
  // Integer a: np.full(a.shape, nan, dtype=int) raises.
  EXPECT_THROW(solve(make("int64", {2, 2}, {1, 2, 2, 4}), make("float64", {2}, {1, 1})), PyTensorRaises);
  EXPECT_THROW(solve(make("bool", {2, 2}, {1, 1, 1, 1}), make("float32", {2}, {1, 1})), PyTensorRaises);
  // Non-square a, mismatched rows.
  EXPECT_THROW(solve(make("float64", {2, 3}, {1, 2, 3, 4, 5, 6}), make("float64", {2}, {1, 1})), PyTensorRaises);
  EXPECT_THROW(solve(make("float64", {2, 2}, {1, 0, 0, 1}), make("float64", {3}, {1, 1, 1})), PyTensorRaises);
}

TEST(OracleSolve, OneByOneVectorQuirkAndEmpty) {
  // scipy's last chance: a 1 x 1 a with a 1-D b of any length solves b[None, :].
  expect_tensor(solve(make("float64", {1, 1}, {2}), make("float64", {4}, {1, 2, 3, 4})), "float64", {4},
                {0.5, 1, 1.5, 2});
  expect_tensor(solve(make("float64", {1, 1}, {4}), make("float64", {2}, {2, 4}), "pos"), "float64", {2}, {0.5, 1});
  expect_tensor(solve(make("float64", {1, 1}, {-4}), make("float64", {2}, {2, 4}), "pos"), "float64", {2},
                {kNaN, kNaN});
  expect_tensor(solve(make("float64", {1, 1}, {0}), make("float64", {3}, {1, 2, 3})), "float64", {3},
                {kNaN, kNaN, kNaN});
  // ...but not a 2-D b, nor an empty 1-D b of another length.
  EXPECT_THROW(solve(make("float64", {1, 1}, {2}), make("float64", {3, 1}, {1, 2, 3})), PyTensorRaises);
  EXPECT_THROW(solve(make("float64", {1, 1}, {2}), Tensor(DType::Float64, {0})), PyTensorRaises);
  // Empty b: an empty array of b's shape.
  expect_tensor(solve(make("float64", {2, 2}, {1, 2, 2, 4}), Tensor(DType::Float64, {2, 0})), "float64", {2, 0}, {});
  expect_tensor(solve(Tensor(DType::Int32, {0, 0}), Tensor(DType::Float32, {0})), "float64", {0}, {});
}
