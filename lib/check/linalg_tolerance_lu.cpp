// Tolerance rules of LU, Det, SLogDet, Solve and MatrixInverse
// (docs/comparison.md, "Linear algebra"). All bounds are formed in double
// from the node's inputs: the partial-pivoting LU P A = L U of A as LAPACK
// reads it (getrf's pivot rule, the first largest |pivot|, written out
// below because Eigen's PartialPivLU takes square matrices only), Eigen for
// the products and triangular inverses. u is the unit roundoff of the
// output dtype (the one both sides compute in), gamma_k = k u / (1 - k u).
//
// LU. Both implementations compute the exact LU of P A + E with
// |E| <= gamma_K |L| |U|, K = min(M, N) (Higham Thm 9.3; no inner product
// has more than K terms). Complete L to the unit lower M x M matrix
// L~ = [L, [0; I]] and U to the upper N x N matrix U~ = [U; [0, I]]; then
// F = L~^-1 E U~^-1 splits as dL = L~ stril(F)[:, :K] and
// dU = triu(F)[:K, :] U~ to first order (the square case is
// dL = L stril(L^-1 E U^-1), dU = triu(L^-1 E U^-1) U), so with
// M = |L~^-1| (|L| |U|) |U~^-1|:
//   |dL| <= gamma_K |L~| stril(M)[:, :K],   |dU| <= gamma_K triu(M)[:K, :] |U~|.
// Two implementations differ by twice that, a factor 2 more for first
// order: atol(L) = 4 gamma_K max(|L~| stril(M)), atol(U) = 4 gamma_K
// max(triu(M) |U~|); P @ L (permute_l) is a row permutation of L: the same.
// P and p_indices keep the default (0/1 and integers, exact). The bound
// assumes both sides pivot alike: exact ties go to the first row everywhere,
// but a near tie (at step k a gap of at most 2 gamma_k (|L||U|) summed over
// the two candidates' rows, what rounding can move them by; step 0 compares
// A's own values, exact everywhere) may not, and then no bound holds: the
// default stands (the generators keep pivots away from near ties). Singular U (a zero pivot): M is not finite, the
// default.
//
// Det and SLogDet. det(A + dA) = det(A) (1 + tr(A^-1 dA)) to first order and
// dA = P^T E, so |d log|det|| <= r = gamma_n tr(|A^-1| P^T |L| |U|) per
// implementation. numpy's logabsdet = sum_i log|U_ii| adds at most
// n u S, S = sum_i |log|U_ii|| (one rounding per log and per addition, each
// at most u times a partial sum), and det = sign * exp(logabsdet) turns an
// absolute error of logabsdet into the same relative error of det (d exp(l)
// = exp(l) dl) plus the rounding of exp and of the product; a side that
// multiplies the diagonal instead makes at most n relative roundings. So per
// side rho = n u S + (n + 2) u, and
//   atol(logabsdet) = rtol(det) = 4 r + 2 rho;
// the sign stays exact. A singular matrix (a zero pivot in double, det 0,
// logabsdet -inf) and r >= 1/2 (no first-order regime: nearly singular in
// the working precision) keep the default.
//
// Solve and MatrixInverse. gesv is backward stable componentwise:
// (A + dA) x^ = b with |dA| <= gamma_3n P^T |L^| |U^| (Higham Thm 9.4), so
// x - x^ = A^-1 dA x^ and |x^ - x| <= gamma_3n |A^-1| P^T |L| |U| |x^|. Like
// SolveTriangular: twice that, a factor 2 more for forming the bound with
// the computed x^ and the double L, U,
//   atol = 4 gamma_3n max_i (|A^-1| P^T |L| |U| |x^|)_i / max(1 - gamma_3n cond, 1/4),
// cond = || |A^-1| P^T |L| |U| ||_inf. pos: A is the symmetric matrix of the
// read triangle, gamma_{3n+1}, and the larger of this matrix and Cholesky's
// |A^-1| |R^T| |R| (Higham Thm 10.4; the two agree when the LU does not
// pivot). sym/her: LAPACK's sysv is Bunch-Kaufman, whose backward error
// bound is only normwise and involves its growth factor (Higham Thm 11.3),
// the export may solve by LU; the rule takes the larger of the LU matrix
// above (the same for a symmetric A) and rho |A^-1| |A| with rho =
// max(1, max|U| / max|A|) the growth factor of the partial-pivoting LU -- a
// valid bound for the LU side, for the Bunch-Kaufman side only up to the
// difference between the two growth factors. MatrixInverse is gesv(A, I):
// x^ = X^, the same bound per column. A failed solve (all NaN), a singular
// A or non-finite data keep the default.
#include <Eigen/Cholesky>
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "check/linalg_tolerance.h"
#include "check/tolerance_rules.h"

namespace ptonnx::check {
namespace {

using Eigen::MatrixXd;

MatrixXd read_matrix(const Tensor& t) {
  const int64_t r = t.shape()[0], c = t.shape()[1];
  MatrixXd m(r, c);
  for (int64_t i = 0; i < r; ++i)
    for (int64_t j = 0; j < c; ++j) m(i, j) = t.get_as_double(i * c + j);
  return m;
}

// The symmetric matrix that the `lower` (else upper) triangle of t defines.
MatrixXd read_triangle(const Tensor& t, bool lower) {
  const int64_t n = t.shape()[0];
  MatrixXd m(n, n);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j)
      m(i, j) = (lower ? j <= i : j >= i) ? t.get_as_double(i * n + j) : t.get_as_double(j * n + i);
  return m;
}

// getrf's partial pivoting in double: P A = L U, row k of L U is A[perm[k]];
// L is M x K unit lower, U is K x N upper.
struct PivotedLU {
  MatrixXd L, U;
  std::vector<int64_t> perm;
  // Per step: the rows (of A) competing with the chosen pivot and their gap
  // below it (|pivot| - |candidate| > 0; exact ties resolve alike everywhere).
  struct Rival {
    int64_t step, pivot_row, row;
    double gap;
  };
  std::vector<Rival> rivals;
  bool singular = false;
};

PivotedLU pivoted_lu(MatrixXd a) {
  const int64_t m = a.rows(), n = a.cols(), k = std::min(m, n);
  PivotedLU f;
  f.perm.resize(static_cast<size_t>(m));
  for (int64_t i = 0; i < m; ++i) f.perm[i] = i;
  for (int64_t j = 0; j < k; ++j) {
    int64_t p = j;
    for (int64_t i = j + 1; i < m; ++i)
      if (std::fabs(a(i, j)) > std::fabs(a(p, j))) p = i;
    a.row(j).swap(a.row(p));
    std::swap(f.perm[j], f.perm[p]);
    const double piv = a(j, j);
    for (int64_t i = j + 1; i < m; ++i) {
      const double gap = std::fabs(piv) - std::fabs(a(i, j));
      if (gap > 0) f.rivals.push_back({j, f.perm[j], f.perm[i], gap});
    }
    if (piv == 0) {
      f.singular = true;
      continue;
    }
    for (int64_t i = j + 1; i < m; ++i) {
      a(i, j) /= piv;
      a.row(i).tail(n - j - 1) -= a(i, j) * a.row(j).tail(n - j - 1);
    }
  }
  f.L = MatrixXd::Identity(m, k);
  f.U = MatrixXd::Zero(k, n);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      if (i > j && j < k)
        f.L(i, j) = a(i, j);
      else if (i <= j && i < k)
        f.U(i, j) = a(i, j);
    }
  return f;
}

// Whether rounding can reorder a pivot and a rival: at step k a Schur
// complement entry a_ik - sum_{j<k} l_ij u_jk is off by at most gamma_k
// (|L| |U|)_ik on each side (none at step 0: A's own column). Then the
// sides may pivot differently and no bound on L, U holds.
bool near_tie(const PivotedLU& f, const MatrixXd& LU_abs, double u) {
  std::vector<int64_t> pos(f.perm.size());
  for (size_t k = 0; k < f.perm.size(); ++k) pos[f.perm[k]] = static_cast<int64_t>(k);
  for (const auto& r : f.rivals) {
    const double scale = LU_abs(pos[r.pivot_row], r.step) + LU_abs(pos[r.row], r.step);
    if (r.gap <= 2 * gamma(r.step, u) * scale) return true;
  }
  return false;
}

// A^-1 = U^-1 L^-1 P for square A, and P^T |L| |U| (|L||U| in A's row order).
MatrixXd inverse(const PivotedLU& f) {
  const int64_t n = f.L.rows();
  MatrixXd P = MatrixXd::Zero(n, n);
  for (int64_t k = 0; k < n; ++k) P(k, f.perm[k]) = 1;
  return f.U.triangularView<Eigen::Upper>().solve(f.L.triangularView<Eigen::UnitLower>().solve(P));
}

MatrixXd abs_lu_in_a_order(const PivotedLU& f) {
  const MatrixXd B = f.L.cwiseAbs() * f.U.cwiseAbs();
  MatrixXd out(B.rows(), B.cols());
  for (int64_t k = 0; k < B.rows(); ++k) out.row(f.perm[k]) = B.row(k);
  return out;
}

bool flag(const Node& node, const char* name) { return has_attr(node.attrs, name) && attr_int(node.attrs, name) != 0; }

Tolerance lu_rule(const Node& node, const std::vector<const Tensor*>& in, size_t output, const Tensor& e,
                  Tolerance base) {
  const bool permute_l = flag(node, "permute_l");
  const bool is_l = output == (permute_l ? 0u : 1u), is_u = output == (permute_l ? 1u : 2u);
  if ((!is_l && !is_u) || !is_float(e.dtype()) || e.numel() == 0 || in[0]->rank() != 2) return base;
  const MatrixXd A = read_matrix(*in[0]);
  if (!A.allFinite()) return base;
  const int64_t m = A.rows(), n = A.cols(), k = std::min(m, n);
  const double u = unit_roundoff(e.dtype()), g = gamma(k, u);
  const PivotedLU f = pivoted_lu(A);
  const MatrixXd B = f.L.cwiseAbs() * f.U.cwiseAbs();
  if (near_tie(f, B, u)) return base;
  MatrixXd Lt = MatrixXd::Identity(m, m), Ut = MatrixXd::Identity(n, n);
  Lt.leftCols(k) = f.L;
  Ut.topRows(k) = f.U;
  // An exactly zero pivot (the generators' exactly singular kinds: a zero
  // row or column, 0 - l * 0 = 0 in every order) is exact on both sides and
  // scales nothing; L and U with that pivot set to 1 are the exact factors,
  // with the same pivots and the same rounding elsewhere, of A plus 1 at
  // that position, so that matrix's bound holds for A's factors.
  for (int64_t i = 0; i < k; ++i)
    if (Ut(i, i) == 0) Ut(i, i) = 1;
  const MatrixXd Li = Lt.triangularView<Eigen::UnitLower>().solve(MatrixXd::Identity(m, m));
  const MatrixXd Ui = Ut.triangularView<Eigen::Upper>().solve(MatrixXd::Identity(n, n));
  MatrixXd M = Li.cwiseAbs() * B * Ui.cwiseAbs();
  if (!M.allFinite()) return base;
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j)
      if (is_l ? i <= j : i > j) M(i, j) = 0;  // stril(M) for L, triu(M) for U
  const double bound = is_l ? (Lt.cwiseAbs() * M.leftCols(k)).maxCoeff() : (M.topRows(k) * Ut.cwiseAbs()).maxCoeff();
  if (!std::isfinite(bound)) return base;
  base.atol = std::max(base.atol, 4 * g * bound);
  return base;
}

Tolerance det_rule(const Node& node, const std::vector<const Tensor*>& in, size_t output, const Tensor& e,
                   Tolerance base) {
  const bool slogdet = node.op == "SLogDet";
  if ((slogdet && output == 0) || !is_float(e.dtype()) || e.numel() != 1) return base;
  const double v = e.get_as_double(0);
  if (!std::isfinite(v) || (!slogdet && v == 0)) return base;
  const Tensor& x = *in[0];
  if (x.rank() != 2 || x.shape()[0] != x.shape()[1] || x.numel() == 0) return base;
  const MatrixXd A = read_matrix(x);
  if (!A.allFinite()) return base;
  const PivotedLU f = pivoted_lu(A);
  if (f.singular) return base;
  const int64_t n = A.rows();
  const double u = unit_roundoff(e.dtype());
  const MatrixXd Ainv = inverse(f);
  // tr(|A^-1| B) = sum_ij |A^-1|_ij B_ji.
  const double r = gamma(n, u) * Ainv.cwiseAbs().cwiseProduct(abs_lu_in_a_order(f).transpose()).sum();
  if (!std::isfinite(r) || r >= 0.5) return base;
  double S = 0;
  for (int64_t i = 0; i < n; ++i) S += std::fabs(std::log(std::fabs(f.U(i, i))));
  const double rho = static_cast<double>(n) * u * S + static_cast<double>(n + 2) * u;
  const double tol = 4 * r + 2 * rho;
  if (!std::isfinite(tol)) return base;
  if (slogdet)
    base.atol = std::max(base.atol, tol);
  else
    base.rtol = std::max(base.rtol, tol);
  return base;
}

// The componentwise solve bound for X^ (n x k, the expected value) of A X = B.
Tolerance solve_bound(const MatrixXd& A, const std::string& kind, const MatrixXd& X, DType t, Tolerance base) {
  if (!A.allFinite() || !X.allFinite()) return base;
  const int64_t n = A.rows();
  const PivotedLU f = pivoted_lu(A);
  if (f.singular) return base;
  const MatrixXd Ainv = inverse(f), Aabs = Ainv.cwiseAbs();
  MatrixXd M = Aabs * abs_lu_in_a_order(f);
  int64_t terms = 3 * n;
  if (kind == "sym" || kind == "her") {
    const double max_a = A.cwiseAbs().maxCoeff(), max_u = f.U.cwiseAbs().maxCoeff();
    const double rho = max_a > 0 ? std::max(1.0, max_u / max_a) : 1.0;
    M = M.cwiseMax(rho * Aabs * A.cwiseAbs());
  } else if (kind == "pos") {
    terms = 3 * n + 1;
    const Eigen::LLT<MatrixXd> llt(A);
    if (llt.info() == Eigen::Success) {
      const MatrixXd R = llt.matrixU();
      M = M.cwiseMax(Aabs * R.transpose().cwiseAbs() * R.cwiseAbs());
    }
  }
  if (!M.allFinite()) return base;
  const double g = gamma(terms, unit_roundoff(t));
  const double cond = M.rowwise().sum().maxCoeff();
  const double bound = (M * X.cwiseAbs()).maxCoeff();
  if (!std::isfinite(bound)) return base;
  base.atol = std::max(base.atol, 4 * g * bound / std::max(1 - g * cond, 0.25));
  return base;
}

Tolerance solve_rule(const Node& node, const std::vector<const Tensor*>& in, size_t, const Tensor& e, Tolerance base) {
  const Tensor& a = *in[0];
  if (!is_float(e.dtype()) || e.numel() == 0 || a.rank() != 2 || a.shape()[0] != a.shape()[1]) return base;
  const int64_t n = a.shape()[0];
  if (n == 0 || e.numel() % n != 0) return base;
  // x^ as n x k; scipy's n == 1 quirk makes a 1-D b of length m a 1 x m right-hand side.
  const int64_t k = e.numel() / n;
  MatrixXd X(n, k);
  for (int64_t i = 0; i < e.numel(); ++i) X(i / k, i % k) = e.get_as_double(i);
  const std::string kind = has_attr(node.attrs, "assume_a") ? attr_string(node.attrs, "assume_a") : "gen";
  const MatrixXd A = kind == "gen" ? read_matrix(a) : read_triangle(a, flag(node, "lower"));
  return solve_bound(A, kind, X, e.dtype(), base);
}

Tolerance inverse_rule(const Node&, const std::vector<const Tensor*>& in, size_t, const Tensor& e, Tolerance base) {
  const Tensor& a = *in[0];
  if (!is_float(e.dtype()) || e.numel() == 0 || a.rank() != 2 || a.shape()[0] != a.shape()[1]) return base;
  return solve_bound(read_matrix(a), "gen", read_matrix(e), e.dtype(), base);
}

const ToleranceRuleRegistrar kLU("LU", lu_rule);
const ToleranceRuleRegistrar kDet("Det", det_rule);
const ToleranceRuleRegistrar kSLogDet("SLogDet", det_rule);
const ToleranceRuleRegistrar kSolve("Solve", solve_rule);
const ToleranceRuleRegistrar kMatrixInverse("MatrixInverse", inverse_rule);

}  // namespace
}  // namespace ptonnx::check
