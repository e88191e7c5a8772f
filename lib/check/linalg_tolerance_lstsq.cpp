// Tolerance rule of Lstsq (docs/comparison.md, "Linear algebra"). Both
// sides work in float64 (u = 2^-53, ulp = 2^-52) on A (M x N) and b
// (M x K) as read; the bound is formed in double from Eigen's JacobiSVD of
// A: sigma, the rank r by gelsd's rule (rcnd = eps for rcond <= 0 or >= 1,
// s_i <= rcnd max(s) dropped, min(M, N) == 1 keeps any nonzero value; the
// spec keeps every sigma clear of the cutoff), s_r the smallest kept, A_r
// the truncation to rank r, and per column x_k = A_r^+ b_k,
// r_k = b_k - A_r x_k.
//
// Each side's SVD (gelsd's bidiagonal divide and conquer, the export's
// Jacobi) is taken to pass LAPACK's SVD driver tests (as
// lib/check/linalg_invariants_svd.cpp): the exact SVD of A + E,
// ||E||_2 <= e = 50 L ulp sqrt(L) ||A||_1 (L = max(M, N)), its factors
// orthogonal to 50 L ulp. Truncated to rank r it is A_r + E' with, to
// first order, ||E'||_2 <= e' = 3 e (1 + sigma_{r+1} / (s_r - sigma_{r+1})):
// truncation is the metric projection onto the rank-r matrices, whose
// derivative is the projection onto their tangent space (three blocks,
// each of norm <= 1) widened by the curvature of the coupling between kept
// and dropped singular pairs, sigma_i / (sigma_i - sigma_j) <=
// 1 + sigma_{r+1} / (s_r - sigma_{r+1}); both sides truncate the same
// sigma_{r+1}, so only E moves the result. A_r + E' has A_r's rank while
// e' < s_r. For a same-rank perturbation
//   d(A^+) = -A^+ dA A^+ + A^+ A^+^T dA^T (I - A A^+) + (I - A^+ A) dA^T A^+^T A^+
// (Golub & Pereyra 1973), so to first order
//   ||dx_k|| <= (e' (2 ||x_k|| + ||r_k|| / s_r) + c ||b_k||) / s_r
// (Bjorck, Numerical Methods for Least Squares Problems, Thm 1.4.6: the
// kappa^2 ||r|| term of an inconsistent problem, and a rank-deficient
// one's extra kappa ||x||), c = 100 L ulp + gamma_M + gamma_K +
// K gamma_{8M+48} covering the factors' non-orthogonality, the products
// U^T b, V (s_inv U^T b) and gelsd's reflections of b (Higham Lemma 19.3).
// s_r - e' stands for s_r; twice for two sides, twice again for first
// order:  atol(x) = 4 max_k ||dx_k||.
// residuals (present: r = N < M): ||r_k||^2 moves by 2 r_k^T dr_k +
// ||dr_k||^2, with r_k^T dr_k = -r_k^T dA x_k (A^+ r_k = 0) plus the
// rounding c ||b_k|| ||r_k||, and ||dr_k|| <= e ||x_k|| + e ||r_k|| / s_r
// + c ||b_k||:  atol(residuals) = 4 max_k (2 ||r_k|| (e ||x_k|| +
// c ||b_k||) + ||dr_k||^2).
// s: Weyl plus the orthogonality loss, as SVD's rule: 8 e.
// rank is exact. Undetermined rank (e' >= s_r / 2), non-finite input,
// empty outputs: the default.
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

// atol of output `output` (0 x, 1 residuals, 3 s); 0 when the default
// stands.
double lstsq_atol(const MatrixXd& A, const MatrixXd& b, double rcond, size_t output) {
  if (!A.allFinite() || !b.allFinite() || A.size() == 0 || std::isnan(rcond)) return 0;
  const Eigen::Index m = A.rows(), n = A.cols(), k = std::min(m, n);
  const auto L = static_cast<double>(std::max(m, n));
  const double ulp = std::ldexp(1.0, -52), u = std::ldexp(1.0, -53);
  const double e = linalg_invariants::kThreshold * L * ulp * std::sqrt(L) * linalg_invariants::norm1(A);
  if (output == 3) return 8 * e;
  const Eigen::JacobiSVD<MatrixXd> svd(A, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const auto& sigma = svd.singularValues();
  const double s_max = sigma.maxCoeff();
  if (s_max == 0) return 0;  // x = 0 on both sides; no residuals unless N == 0
  const double rcnd = rcond <= 0 || rcond >= 1 ? u : rcond;
  const double tol = k == 1 ? 0 : rcnd * s_max;
  Eigen::Index r = 0;
  while (r < k && sigma[r] > tol) ++r;
  const double s_r = sigma[r - 1], next = r < k ? sigma[r] : 0.0;
  const double e2 = 3 * e * (1 + next / (s_r - next));
  if (!(e2 < s_r / 2)) return 0;
  const MatrixXd Ur = svd.matrixU().leftCols(r), Vr = svd.matrixV().leftCols(r);
  const MatrixXd Utb = Ur.transpose() * b;
  const MatrixXd x = Vr * sigma.head(r).cwiseInverse().asDiagonal() * Utb;
  const MatrixXd res = b - Ur * Utb;
  const double c = 100 * L * ulp + gamma(m, u) + gamma(k, u) + static_cast<double>(k) * gamma(8 * m + 48, u);
  double worst = 0;
  for (Eigen::Index j = 0; j < b.cols(); ++j) {
    const double nx = x.col(j).norm(), nr = res.col(j).norm(), nb = b.col(j).norm();
    if (output == 0) {
      worst = std::max(worst, (e2 * (2 * nx + nr / (s_r - e2)) + c * nb) / (s_r - e2));
    } else {
      const double dr = e * nx + e * nr / (s_r - e2) + c * nb;
      worst = std::max(worst, 2 * nr * (e * nx + c * nb) + dr * dr);
    }
  }
  return 4 * worst;
}

Tolerance lstsq_rule(const Node&, const std::vector<const Tensor*>& in, size_t output, const Tensor& e,
                     Tolerance base) {
  if (!is_float(e.dtype()) || e.numel() == 0 || output == 2) return base;
  if (in[0]->rank() != 2 || in[1]->rank() != 2 || in[0]->shape()[0] != in[1]->shape()[0]) return base;
  const double atol = lstsq_atol(linalg_invariants::matrix_of(*in[0]), linalg_invariants::matrix_of(*in[1]),
                                 in[2]->get_as_double(0), output);
  if (std::isfinite(atol)) base.atol = std::max(base.atol, atol);
  return base;
}

const ToleranceRuleRegistrar kLstsq("Lstsq", lstsq_rule);

}  // namespace
}  // namespace ptonnx::check
