// Matrices for the linear algebra sample specs (Cholesky, LU, Det, SLogDet,
// Solve, MatrixInverse): constructions with a controlled condition number,
// integer and dyadic matrices whose elimination is exact, and the checks
// that decide whether a drawn matrix is safe to compare (pivot gaps, exact
// partial pivoting in rational arithmetic, condition numbers).
//
// The draw functions call rapidcheck generators (`*gen`), so they must run
// inside rc::gen::exec.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "generators/sample_spec.h"
#include "graph/graph.h"

namespace ptonnx::gen {

using Mat = std::vector<double>;  // m x n, row-major

// The largest condition number drawn for an input of dtype t: 1e6 where
// the factorisation runs in float64, 1e3 in float32, 10 for float16 inputs
// (rounding the input to half moves eigenvalues by about 5e-4 ||A||).
double max_kappa(DType t);
// The bound for a matrix that is exactly representable in t (integer and
// dyadic kinds): only the working dtype matters, 1e3 float32, 1e6 float64.
double work_kappa(DType t);
// "10", "1e3", "1e6": for labels.
std::string kappa_name(double kappa);

// A product of two Householder reflections (n x n orthogonal, det +1).
Mat householder_product(int64_t n);
// Q diag(lambda) Q^T, Q a Householder product: symmetric, eigenvalues lambda.
Mat spectral(int64_t n, const std::vector<double>& lambda);
// Q1[:, :k] diag(sigma) Q2[:, :k]^T (m x n, k = min(m, n)) with two
// different Householder products: singular values |sigma|, and
// sign(det) = prod sign(sigma) when square.
Mat conditioned(int64_t m, int64_t n, const std::vector<double>& sigma);
// k values geometric from `scale` down to scale / kappa.
std::vector<double> geometric(int64_t k, double kappa, double scale);
// L L^T with L lower triangular of small integers (diagonal 1 or 2, one 0
// with zero_pivot: Cholesky's pivot there is exactly 0 in every order).
Mat integer_gram(int64_t n, bool zero_pivot, bool nonnegative);

// An integer in [lo, hi), uniform whatever rapidcheck's size (inRange
// narrows its range with the size: at size 0 it always returns lo, which
// makes every small-integer matrix constant and singular).
int64_t in_range(int64_t lo, int64_t hi);

// An m x n matrix of small integers in the range of t (bool 0/1, unsigned
// 0..4, else -4..4); with rank_deficient, made exactly rank-deficient by a
// zero column, a zero row, or its second row a copy of its first.
Mat small_integer_matrix(DType t, int64_t m, int64_t n, bool rank_deficient);

Mat matmul(const Mat& a, const Mat& b, int64_t m, int64_t k, int64_t n);
Mat transpose(const Mat& a, int64_t m, int64_t n);

// Partial pivoting (the first row with the largest |candidate|, as LAPACK's
// idamax) in double.
struct PivotScan {
  double min_gap = 1;  // min over steps with >= 2 candidates of (largest - second) / largest
  double min_pivot = std::numeric_limits<double>::infinity();  // min nonzero |pivot| / max |a|
  bool zero_pivot = false;                                     // some column had no nonzero candidate
  int sign = 1;                                                // of the determinant (square), 0 when zero_pivot
  double logabsdet = 0;
};
PivotScan scan_pivots(Mat a, int64_t m, int64_t n);

// Partial pivoting in exact rational arithmetic (int64 numerator and
// denominator). `exact` when every input value, multiplier and Schur value
// is a dyadic rational with |numerator| <= 2^8 and denominator <= 2^6 and
// every nonzero pivot is +-2^j: then every operation order (LAPACK's
// recursive getrf, the export's loop) computes the same values exactly in
// float32 and float64 (|values| <= 2^11 on a 2^-12 grid for n <= 5), so ties
// are ties everywhere and the first-max choice agrees.
struct ExactScan {
  bool representable = false;  // every entry a dyadic rational; else nothing below is known
  bool exact = false;
  bool zero_pivot = false;  // exactly singular (rank deficient)
  int tie_steps = 0;        // steps where the largest |candidate| occurs more than once
  int swaps = 0;
};
ExactScan exact_scan(const Mat& a, int64_t m, int64_t n);

// ||A||_1 ||A^-1||_1 (Gauss-Jordan in double); infinity when a pivot is 0.
double cond1(const Mat& a, int64_t n);

// A = P0 L0 U0 (m x n): P0 a random permutation, L0 unit lower trapezoidal
// with entries below the diagonal in {0, +-1/2, +-1} (integer dtypes
// {0, +-1}, unsigned {0, 1}), U0 upper trapezoidal with diagonal in
// {+-1, +-2, +-4} and small integers above (bool: A stays 0/1).
// rank_deficient zeroes one row of U0. Accepted only when exact_scan says
// exact; after a few tries P0 = I, which always is (row k is a first max).
struct ExactDraw {
  Mat a;
  ExactScan scan;
  int attempts = 0;  // draws made (the last one with P0 = I)
};
ExactDraw exact_pivot_matrix(DType t, int64_t m, int64_t n, bool rank_deficient);

// The general (non-symmetric) matrix kinds shared by LU, Det, SLogDet,
// Solve and MatrixInverse.
enum class GeneralKind {
  Conditioned,    // kappa 1, 2 or 10, Q1 diag(sigma) Q2^T, random sign of det (float only)
  KappaMax,       // kappa max_kappa(t), sigma geometric (float only)
  NearSingular,   // one sigma = scale / max_kappa(t), the others = scale (float only)
  Tie,            // exact_pivot_matrix: exact elimination, pivot ties
  Integer,        // small random integers (0/1 for bool)
  RankDeficient,  // exact_pivot_matrix with a zero row of U0
  ZeroColumn,     // a zero column in a Conditioned or Tie/Integer matrix
  ZeroRow,        // a zero row in one
};
struct DrawChecks {
  bool pivot_gaps = false;  // reject near-ties (< 1e-3 relative) unless the elimination is exact
  bool cond = false;        // nonsingular kinds: cond1 <= work_kappa (exact kinds) or by construction
};
struct DrawnMatrix {
  Tensor value;  // in t
  std::string label;
  bool singular = false;  // an exactly zero pivot in every elimination order
};
DrawnMatrix draw_general(DType t, int64_t m, int64_t n, GeneralKind kind, const DrawChecks& checks);

Tensor to_tensor(DType t, const Mat& a, const Shape& s);
Mat from_tensor(const Tensor& x);

// For the grow functions: a 0/1 float32 copy of v (NaN counts as nonzero).
VarRef zero_one(const VarRef& v);
// For the grow functions: m, a float32 matrix of whole numbers in [0, 127]
// built to be exactly computable, half the time cast to another dtype of
// the dtypes of op's sample spec, so the converters' Cast to the LAPACK
// dtype and the float64 work (int32/int64/uint32/uint64/float64 inputs) are
// in graphs too; the values, and so exactness, are the same in every dtype.
// Bool only when `zero_one` (a cast to bool would turn 2 into 1).
VarRef in_drawn_dtype(const VarRef& m, const std::string& op, bool zero_one);
// From a 2-D pool value x (m x k): b = zero_one(x), L unit lower and U unit
// upper triangular 0/1 (m x m) built from zero_one(b b^T) with arange masks,
// a = L U. Partial pivoting of a picks row k at every step (a tie whenever
// L has a 1 below it), so LU gives P = I, L, U exactly; det(a) = 1; every
// solve with it is integer arithmetic (exact while |x| <= 2^24).
struct UnitLU01 {
  VarRef a, l, u, b;
};
std::optional<UnitLU01> unit_lu_01(const std::vector<VarRef>& pool);

// A graph over recipes' inputs (constants baked in) and the outputs `f`
// builds from the operands, with a label.
Case build_graph(const std::vector<InputRecipe>& inputs,
                 const std::function<std::vector<VarRef>(const std::vector<VarRef>&)>& f, std::string label);

}  // namespace ptonnx::gen
