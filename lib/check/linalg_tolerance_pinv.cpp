// Tolerance rule of MatrixPinv (docs/comparison.md, "Linear algebra"). The
// pseudo-inverse is unique (for a given rank), so it is compared
// elementwise with a bound from the inputs, formed in double: A as read
// (hermitian: the symmetric matrix of the lower triangle), its singular
// values sigma by Eigen's JacobiSVD, the kept ones those above
// tau max(sigma) (tau = 1e-12 in float64, 1e-5 in float32: the spec draws
// no singular value between the noise of an exactly rank-deficient matrix
// and tau, so NumPy's rcond 1e-15 cutoff and the export's keep the same
// ones), s_r the smallest kept.
//
// Each side computes an SVD that passes LAPACK's SVD driver tests
// (TESTING/EIG/ddrvbd.f, as lib/check/linalg_invariants_svd.cpp): it is the
// exact SVD of A + E, ||E||_2 <= e = 50 L ulp sqrt(L) ||A||_1 (L =
// max(M, N)), with factors orthogonal to 50 L ulp. With e < s_r the rank
// is kept and Wedin's theorem gives
//   ||(A + E)^+ - A^+||_2 <= mu ||A^+||_2 ||(A + E)^+||_2 ||E||_2
//                         <= mu e / (s_r (s_r - e)),   mu = (1 + sqrt 5) / 2;
// the non-orthogonality of U and V (each 50 L ulp) and the product
// Vt^T (s_inv U^T) (gamma_K, K = min(M, N)) add at most
// (100 L ulp + gamma_K) / (s_r - e). Two sides differ by twice the sum,
// and the 2-norm bounds every element:
//   atol = 2 (mu e / (s_r (s_r - e)) + (100 L ulp + gamma_K) / (s_r - e)).
// No kept value (the zero matrix: both sides give zeros), e >= s_r / 2 (the
// rank is not determined), non-finite input or an empty result: the
// default.
#include <Eigen/Dense>
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>

#include "check/linalg_invariants.h"
#include "check/linalg_tolerance.h"
#include "check/tolerance_rules.h"

namespace ptonnx::check {
namespace {

using Eigen::MatrixXd;

// The pseudo-inverse bound of the matrix A for a result of dtype t.
double pinv_atol(const MatrixXd& A, DType t) {
  if (!A.allFinite() || A.size() == 0) return 0;
  const Eigen::JacobiSVD<MatrixXd> svd(A);
  const auto& sigma = svd.singularValues();
  const double s_max = sigma.size() ? sigma.maxCoeff() : 0.0;
  if (s_max == 0) return 0;
  const double tau = t == DType::Float32 ? 1e-5 : 1e-12;
  double s_r = s_max;
  for (Eigen::Index i = 0; i < sigma.size(); ++i)
    if (sigma[i] > tau * s_max) s_r = std::min(s_r, sigma[i]);
  const auto L = static_cast<double>(std::max(A.rows(), A.cols()));
  const double ulp = linalg_invariants::ulp_of(t);
  const double e = 50 * L * ulp * std::sqrt(L) * linalg_invariants::norm1(A);
  if (!(e < s_r / 2)) return 0;
  const double mu = (1 + std::sqrt(5.0)) / 2;
  const double g = gamma(std::min(A.rows(), A.cols()), unit_roundoff(t));
  return 2 * (mu * e / (s_r * (s_r - e)) + (100 * L * ulp + g) / (s_r - e));
}

MatrixXd read(const Tensor& x, bool hermitian) {
  const int64_t r = x.shape()[0], c = x.shape()[1];
  MatrixXd m(r, c);
  for (int64_t i = 0; i < r; ++i)
    for (int64_t j = 0; j < c; ++j)
      m(i, j) = hermitian && j > i ? x.get_as_double(j * c + i) : x.get_as_double(i * c + j);
  return m;
}

Tolerance pinv_rule(const Node& node, const std::vector<const Tensor*>& in, size_t, const Tensor& e, Tolerance base) {
  const Tensor& x = *in[0];
  if (!is_float(e.dtype()) || e.numel() == 0 || x.rank() != 2) return base;
  const bool hermitian = has_attr(node.attrs, "hermitian") && attr_int(node.attrs, "hermitian") != 0;
  if (hermitian && x.shape()[0] != x.shape()[1]) return base;
  const double atol = pinv_atol(read(x, hermitian), e.dtype());
  if (std::isfinite(atol)) base.atol = std::max(base.atol, atol);
  return base;
}

const ToleranceRuleRegistrar kMatrixPinv("MatrixPinv", pinv_rule);

}  // namespace
}  // namespace ptonnx::check
