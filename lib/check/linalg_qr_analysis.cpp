// QR's analysis (linalg_qr_analysis.h). Householder QR as LAPACK's dgeqr2
// and dorg2r compute it, in double, on dual numbers: each run carries the
// derivative along one input element, and the runs over a column c give
// ||d f_e / d a_c||_2 for every output element f_e. With Higham's
// columnwise backward error (Thm 19.4: the computed R^ is the exact R of
// A + dA, the computed v the exact Householder vectors of A + dA, the
// computed Q within k p per column of the exact Q of A + dA), an
// implementation's element is within
//   b_e = sum_c eta_c ||d f_e / d a_c||_2 ||a_c||_2 + (its own rounding)
// of the exact one, to first order. eta_c = eta = k p, with
// p = gamma_{8m+48}: one reflector applied to a vector b errs by
// ||fl(P b) - P b||_2 <= p ||b||_2 (Higham Lemma 19.2-19.3 with the
// constant made explicit: v and tau each within gamma_{m+6} relative (a
// norm of m terms, dlapy2, two divisions), so ||dP||_2 <= 6 gamma_{m+6}
// since tau ||v||^2 = 2; the dot product v^T b of m terms and three more
// roundings add 2 gamma_m + 5 u). A column that no step changes (an exactly
// zero column, or one before the first reflector) is exact: eta_c = 0.
//
// Determinate steps: step j is decided alike everywhere when its inputs are
// exact (no reflector before it, or a zero column: reflections of a zero
// column are exactly zero in any order), when its tail is empty (j = m - 1:
// dlarfg of one element, tau = 0), or when |alpha_j| and ||x_j|| both
// exceed 4 times their own first-order bounds (the two sides' values are
// within twice the bound of each other, twice more for first order). The
// derivatives of the later, undetermined steps never reach the determinate
// part: R's row i, v_i, tau_i and Q's column i are final after step i.
#include "check/linalg_qr_analysis.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "check/linalg_tolerance.h"

namespace ptonnx::check::qr {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

struct Dual {
  double v = 0, d = 0;
};
Dual operator+(Dual a, Dual b) { return {a.v + b.v, a.d + b.d}; }
Dual operator-(Dual a, Dual b) { return {a.v - b.v, a.d - b.d}; }
Dual operator*(Dual a, Dual b) { return {a.v * b.v, a.d * b.v + a.v * b.d}; }
Dual operator/(Dual a, Dual b) { return {a.v / b.v, (a.d * b.v - a.v * b.d) / (b.v * b.v)}; }
Dual sqrt(Dual a) {
  const double s = std::sqrt(a.v);
  return {s, a.d / (2 * s)};
}

struct Run {
  std::vector<Dual> packed, tau, q;  // m x n, k, m x m (row-major)
  std::vector<Dual> alpha, xnorm;    // per step, before it
  std::vector<bool> identity;        // per step: tau = 0
};

// dgeqr2 + dorg2r (full m x m Q) with A(dr, dc) the differentiation
// direction (dr < 0: none). Sums run over the rows a reflector can touch
// only, so an undetermined later step never mixes into earlier values.
Run householder(const MatrixXd& A, int64_t dr, int64_t dc) {
  const int64_t m = A.rows(), n = A.cols(), k = std::min(m, n);
  Run r;
  auto& P = r.packed;
  P.resize(static_cast<size_t>(m * n));
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) P[i * n + j] = {A(i, j), i == dr && j == dc ? 1.0 : 0.0};
  r.tau.assign(static_cast<size_t>(k), Dual{});
  for (int64_t j = 0; j < k; ++j) {
    const Dual alpha = P[j * n + j];
    Dual sum;
    for (int64_t i = j + 1; i < m; ++i) sum = sum + P[i * n + j] * P[i * n + j];
    r.alpha.push_back(alpha);
    r.xnorm.push_back(sum.v > 0 ? sqrt(sum) : Dual{});
    r.identity.push_back(sum.v == 0);
    if (sum.v == 0) continue;
    const Dual norm = sqrt(alpha * alpha + sum);
    const Dual beta = std::signbit(alpha.v) ? norm : Dual{} - norm;
    const Dual tau = (beta - alpha) / beta, scale = Dual{1, 0} / (alpha - beta);
    r.tau[j] = tau;
    for (int64_t i = j + 1; i < m; ++i) P[i * n + j] = P[i * n + j] * scale;
    P[j * n + j] = beta;
    for (int64_t c = j + 1; c < n; ++c) {
      Dual w = P[j * n + c];
      for (int64_t i = j + 1; i < m; ++i) w = w + P[i * n + j] * P[i * n + c];
      const Dual tw = tau * w;
      P[j * n + c] = P[j * n + c] - tw;
      for (int64_t i = j + 1; i < m; ++i) P[i * n + c] = P[i * n + c] - P[i * n + j] * tw;
    }
  }
  auto& Q = r.q;
  Q.assign(static_cast<size_t>(m * m), Dual{});
  for (int64_t i = 0; i < m; ++i) Q[i * m + i] = {1, 0};
  for (int64_t i = k - 1; i >= 0; --i) {
    if (r.identity[i]) continue;
    for (int64_t c = 0; c < m; ++c) {
      Dual w = Q[i * m + c];
      for (int64_t row = i + 1; row < m; ++row) w = w + P[row * n + i] * Q[row * m + c];
      const Dual tw = r.tau[i] * w;
      Q[i * m + c] = Q[i * m + c] - tw;
      for (int64_t row = i + 1; row < m; ++row) Q[row * m + c] = Q[row * m + c] - P[row * n + i] * tw;
    }
  }
  return r;
}

void add_squares(std::vector<double>& acc, const std::vector<Dual>& d) {
  for (size_t i = 0; i < d.size(); ++i) acc[i] += d[i].d * d[i].d;
}

// bound += scale * sqrt(acc), elementwise.
void add_roots(Eigen::Ref<VectorXd> bound, const std::vector<double>& acc, double scale) {
  for (size_t i = 0; i < acc.size(); ++i) bound(static_cast<Eigen::Index>(i)) += scale * std::sqrt(acc[i]);
}

}  // namespace

Analysis analyse(const Tensor& a, DType out) {
  Analysis s;
  if (a.rank() != 2) return s;
  s.m = a.shape()[0];
  s.n = a.shape()[1];
  s.k = std::min(s.m, s.n);
  const int64_t m = s.m, n = s.n, k = s.k;
  s.A.resize(m, n);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) s.A(i, j) = a.get_as_double(i * n + j);
  if (!s.A.allFinite()) return s;
  s.valid = true;
  const double largest = s.A.size() ? s.A.cwiseAbs().maxCoeff() : 0.0;
  if (largest > 0) s.scale = std::ldexp(1.0, std::ilogb(largest));
  s.A /= s.scale;
  s.u = unit_roundoff(out);
  s.p = gamma(8 * m + 48, s.u);
  s.rel = gamma(m + 6, s.u);
  s.eta = static_cast<double>(k) * s.p;
  s.col_norm = s.A.colwise().norm().transpose();

  const Run base = householder(s.A, -1, -1);
  int64_t lead = 0;  // leading identity steps: their inputs are A's own values
  while (lead < k && base.identity[lead]) ++lead;
  std::vector<bool> zero_col(static_cast<size_t>(n));
  for (int64_t c = 0; c < n; ++c) zero_col[c] = (s.A.col(c).array() == 0).all();

  VectorXd packed = VectorXd::Zero(m * n), tau = VectorXd::Zero(k), q = VectorXd::Zero(m * m);
  VectorXd alpha_b = VectorXd::Zero(k), xnorm_b = VectorXd::Zero(k);
  for (int64_t c = 0; c < n; ++c) {
    if (zero_col[c] || c < lead || lead == k) continue;  // an exact column
    std::vector<double> ap(packed.size()), at(tau.size()), aq(q.size()), aa(k), ax(k);
    for (int64_t row = 0; row < m; ++row) {
      const Run d = householder(s.A, row, c);
      add_squares(ap, d.packed);
      add_squares(at, d.tau);
      add_squares(aq, d.q);
      add_squares(aa, d.alpha);
      add_squares(ax, d.xnorm);
    }
    const double scale = s.eta * s.col_norm(c);
    add_roots(packed, ap, scale);
    add_roots(tau, at, scale);
    add_roots(q, aq, scale);
    add_roots(alpha_b, aa, scale);
    add_roots(xnorm_b, ax, scale);
  }
  // Each output's own last roundings.
  for (int64_t i = 0; i < m * n; ++i) packed(i) += s.rel * std::fabs(base.packed[i].v);
  for (int64_t i = 0; i < k; ++i) tau(i) += s.rel * std::fabs(base.tau[i].v);
  if (lead < k) q.array() += s.eta;
  s.packed =
      Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(packed.data(), m, n);
  s.q = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(q.data(), m, m);
  s.tau = tau;

  s.determinate = k;
  for (int64_t j = 0; j < k; ++j) {
    const bool exact = j <= lead || zero_col[j] || j == m - 1;
    const bool margin =
        std::fabs(base.alpha[j].v) > 4 * alpha_b(j) && base.xnorm[j].v > 4 * xnorm_b(j) && std::isfinite(alpha_b(j));
    if (!exact && !margin) {
      s.determinate = j;
      break;
    }
  }
  return s;
}

bool is_r(const std::string& mode, size_t output) {
  if (mode == "r") return output == 0;
  if (mode == "raw") return output == 2;
  return output == 1;
}

MatrixXd output_bound(const Analysis& s, const std::string& mode, size_t output) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const int64_t m = s.m, n = s.n, k = s.k, r0 = s.determinate;
  const bool all = r0 == k;
  const double f = s.scale;
  const auto part = [&](bool in, double b) { return in ? b : nan; };
  if (is_r(mode, output)) {
    const int64_t rows = mode == "r" || mode == "full" ? m : k;
    MatrixXd B(rows, n);
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t c = 0; c < n; ++c) B(i, c) = part(all || i < r0, i <= c ? f * s.packed(i, c) : 0.0);
    return B;
  }
  if (mode == "raw" && output == 1) {
    MatrixXd B(k, 1);
    for (int64_t i = 0; i < k; ++i) B(i, 0) = part(all || i < r0, s.tau(i));
    return B;
  }
  if (mode == "raw") {
    MatrixXd B(m, n);
    for (int64_t i = 0; i < m; ++i)
      for (int64_t c = 0; c < n; ++c) B(i, c) = part(all || (i <= c ? i : c) < r0, (i <= c ? f : 1.0) * s.packed(i, c));
    return B;
  }
  const int64_t cols = mode == "economic" ? k : m;
  MatrixXd B(m, cols);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t c = 0; c < cols; ++c) B(i, c) = part(all || c < r0, s.q(i, c));
  return B;
}

}  // namespace ptonnx::check::qr
