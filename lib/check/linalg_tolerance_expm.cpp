// Tolerance rule of Expm (docs/comparison.md, "Linear algebra", Expm).
//
// Both sides run scipy's algorithm (oracles/linalg_expm.cpp) in the
// working dtype W (unit roundoff u: 2^-24 for float16/float32 input, 2^-53
// otherwise): a degree m and squarings s, r = I + 2 U (V - U)^-1 at
// A_s = A 2^-s, then s squarings. The rule replays that in double and
// bounds, per element, how far each side can be from exp(A) to first
// order (a running error analysis on the actual intermediate values):
//
//   U, V: every power is a product chain, |fl(A^k) - A^k| <= (k-1) gamma_n
//     |A|^k, and the coefficient sums add a few roundings, so
//     |dU| + |dV| <= E_UV = gamma_{2m(n+1)} p_m(|A_s|), p_m = sum b_k x^k
//     (all b_k > 0). For matrices whose |A|^k far exceeds |A^k| (a
//     rotation's) the same evaluation is also tracked in the Frobenius norm,
//     product by product (||fl(XY) - XY||_F <= gamma_n ||X||_F ||Y||_F,
//     errors carried by ||X||_2).
//   X = U Q^-1, Q = V - U, by getrf(Q) + getrs('T') (scipy) or Gaussian
//     elimination with partial pivoting on [Q^T | U^T] and back
//     substitution (the export): both are LU solves of Q^T X^T = U^T, so
//     X^ (Q + dQ) = U + dU with |dQ| <= E_UV + u |Q| + gamma_3n |LR|
//     (Higham Thm 9.4), |LR| the elementwise larger of P^T |L| |R| for
//     Q's row pivoting and its transpose for Q^T's, hence
//     |X^ - X| <= (E_UV + |X| |dQ|) |Q^-1|.
//   r = I + 2 X: E_0 = 2 |X^ - X| + u |r| + T, T = 2 |c_{2m+1}| |A_s|^{2m+1}
//     the Pade truncation error exp(A_s) - r_m(A_s) (its leading term,
//     c_{2m+1} = (-1)^m (m!)^2 / ((2m)! (2m+1)!), doubled for the tail:
//     ell() keeps |c_{2m+1}| |||A_s|^{2m+1}|| <= u ||A_s||, u of W).
//   squaring: (X + E)^2 = X^2 + X E + E X + E^2, plus gamma_n |X|^2 for
//     the product: E' = |X| E + E |X| + E^2 + gamma_n |X|^2, and in the
//     Frobenius norm e' = 2 ||X||_2 e + e^2 + gamma_n || |X| |X| ||_F
//     (||X E||_F <= ||X||_2 ||E||_F). The componentwise bound keeps
//     structure (triangles, graded entries), the normwise one the sign
//     cancellations of |X| |E| (an orthogonal X: |X| E grows like
//     2 ||X||_1 per squaring, X E like 2); both hold, the rule takes the
//     smaller at the end. For
//     triangular input the entries Code Fragment 2.1 recomputes get the
//     error of their formula instead: 2u |exp(d)| on the diagonal (exp
//     within an ulp, d 2^-i exact); for the divided difference
//     (e1 - e0) / (d1 - d0), [2u (|e0| + |e1|) + u |e1 - e0|] / |d1 - d0|
//     + 2u |q| (the cancellation of close diagonal values shows here),
//     times |a_{j,j+1}| 2^-i, plus 2u of the two products; the normwise
//     bound adds the Frobenius norm of those errors.
//
// The sides differ by at most twice E_s, and a factor 2 more covers the
// first-order terms and the use of the double-precision path's values for
// the exact ones: atol = 4 max(E_s). Both sides pick (m, s) from quantities
// they compute in W; the rule takes every (m, s) those quantities allow
// within their rounding (||A^k||_1 within gamma_kn || |A|^k ||_1,
// || |A|^k ||_1 within gamma_kn of itself, float32's overflow of the
// ell() "spins" and underflow of 2^(-19 s), which make ell 0) and keeps the
// largest bound: a matrix on a threshold gets the bound of either choice,
// and each choice's truncation error is in its own T.
//
// Diagonal input, n <= 1 and non-finite data keep the default (exp of each
// element, or the inf/NaN rules).
#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <set>
#include <utility>

#include "check/linalg_tolerance.h"
#include "check/tolerance_rules.h"

namespace ptonnx::check {
namespace {

using Eigen::MatrixXd;

const double kTheta[5] = {1.495585217958292e-002, 2.539398330063230e-001, 9.504178996162932e-001,
                          2.097847961257068e+000, 4.250000000000000e+000};
const double kCoeff64[5] = {1.1191048088221578e-11, 1.1167770708198077e-06, 4.9826124310493469e-01,
                            6.5662862500000000e+05, 1.2573361865339437e+19};
const double kCoeff32[5] = {6.0081481933593750e-03, 5.9956512451171875e+02, 2.6750196800000000e+08,
                            3.5252480874905600e+14, 6.7502722515508048e+27};

// Pade [m/m] coefficients of exp: b_k = (2m - k)! m! / ((2m)! k! (m - k)!),
// scaled as scipy's (b_m = 1).
std::vector<double> pade_b(int m) {
  std::vector<double> b(static_cast<size_t>(m + 1));
  b[static_cast<size_t>(m)] = 1;
  for (int k = m; k > 0; --k)  // b_{k-1} / b_k = k (2m - k + 1) / (m - k + 1)
    b[static_cast<size_t>(k - 1)] = b[static_cast<size_t>(k)] * k * (2.0 * m - k + 1) / (m - k + 1);
  return b;
}

// |c_{2m+1}| = (m!)^2 / ((2m)! (2m+1)!).
double truncation_coeff(int m) {
  return std::exp(2 * std::lgamma(m + 1.0) - std::lgamma(2 * m + 1.0) - std::lgamma(2 * m + 2.0));
}

struct Interval {
  double lo, hi;
};

double norm1(const MatrixXd& a) { return a.cwiseAbs().colwise().sum().maxCoeff(); }

// What W's computation of d_k = ||A^k||_1^(1/k) can give.
Interval d_interval(const MatrixXd& ak, const MatrixXd& abs_ak, int k, double u) {
  const int64_t n = ak.rows();
  const double g = gamma(k * n, u) * norm1(abs_ak), v = norm1(ak);
  const double p = 1.0 / k;
  return {std::pow(std::max(v - g, 0.0), p) * (1 - 4 * u), std::pow(v + g, p) * (1 + 4 * u)};
}

Interval widen_rel(double v, double rel) { return {v * (1 - rel), v * (1 + rel)}; }
Interval max_of(Interval a, Interval b) { return {std::max(a.lo, b.lo), std::max(a.hi, b.hi)}; }
Interval min_of(Interval a, Interval b) { return {std::min(a.lo, b.lo), std::min(a.hi, b.hi)}; }

struct Replay {
  MatrixXd a, abs_a;
  int64_t n = 0;
  double u = 0;
  bool f32 = false;
  bool triangular = false, lower_zero = false;
};

// The (m, s) pairs W's rounding allows.
std::set<std::pair<int, int>> paths(const Replay& r) {
  const MatrixXd &a = r.a, &ab = r.abs_a;
  const double u = r.u;
  const int64_t n = r.n;
  const double wmax = r.f32 ? FLT_MAX : DBL_MAX;
  const double* coeff = r.f32 ? kCoeff32 : kCoeff64;
  MatrixXd ap[11], bp[28];  // A^k and |A|^k
  ap[1] = a;
  bp[1] = ab;
  ap[2] = a * a;
  ap[4] = ap[2] * ap[2];
  ap[6] = ap[4] * ap[2];
  ap[8] = ap[4] * ap[4];
  ap[10] = ap[6] * ap[4];
  for (int k = 2; k <= 27; ++k) bp[k] = bp[k - 1] * ab;
  const auto d = [&](int k) { return d_interval(ap[k], bp[k], k, u); };
  const Interval d4 = d(4), d6 = d(6), d8 = d(8), d10 = d(10);
  const Interval eta0 = max_of(d4, d6), eta2 = max_of(d6, d8), eta4 = min_of(eta2, max_of(d8, d10));
  const double norm_a = norm1(ab);
  if (!(norm_a > 0) || !std::isfinite(norm1(bp[27]))) return {};
  // || |A|^k ||_1 as W computes it: sums of positive terms.
  const auto t = [&](int k) { return widen_rel(norm1(bp[k]), gamma((k + 1) * n, u) + 4 * u); };
  std::set<std::pair<int, int>> out;
  const Interval etas[4] = {eta0, eta0, eta2, eta2};
  const int spins[4] = {7, 11, 15, 19};
  bool continue_possible = true;
  for (int i = 0; i < 4 && continue_possible; ++i) {
    const Interval ti = t(spins[i]);
    const double rel = 2 * gamma(n, u) + 4 * u;
    const Interval y{ti.lo / norm_a / coeff[i] * (1 - rel), ti.hi / norm_a / coeff[i] * (1 + rel)};
    const bool overflow_possible = ti.hi >= wmax, overflow_certain = ti.lo >= wmax;
    const bool ell_zero_possible = y.lo <= 1 || overflow_possible;
    const bool ell_positive_possible = y.hi > 1 && !overflow_certain;
    if (etas[i].lo < kTheta[i] && ell_zero_possible) out.insert({3 + 2 * i, 0});
    continue_possible = !(etas[i].hi < kTheta[i]) || ell_positive_possible;
  }
  if (!continue_possible) return out;
  // Degree 13: s from eta4, then ell on A 2^-s.
  const auto ceil_log2 = [](double v) { return v > 0 ? static_cast<int>(std::ceil(std::log2(v))) : 0; };
  const int s_lo = std::max(0, ceil_log2(eta4.lo / kTheta[4])), s_hi = std::max(0, ceil_log2(eta4.hi / kTheta[4]));
  const Interval t19 = t(19);
  for (int s = s_lo; s <= s_hi; ++s) {
    const double rel = gamma(28 * n, u) + 8 * u;
    const double y = norm1(bp[27]) * std::ldexp(1.0, -26 * s) / norm_a / coeff[4];
    if (!std::isfinite(y)) return {};  // beyond double: no bound
    int lm_lo = 0, lm_hi = 0;
    if (y > 0) {
      // log2 within a few ulps (the export's Log / ln 2): x +- (|x| + 1) 8u.
      const double x_lo = std::log2(y * (1 - rel)) / 26, x_hi = std::log2(y * (1 + rel)) / 26;
      const double slack = (std::max(std::fabs(x_lo), std::fabs(x_hi)) + 1) * 8 * u;
      lm_lo = std::max(0, static_cast<int>(std::ceil(x_lo - slack)));
      lm_hi = std::max(0, static_cast<int>(std::ceil(x_hi + slack)));
    }
    // float32: the 19 spins (or the export's |A|^8) overflow, or 2^(-19 s)
    // is subnormal or 0: ell may (or must) come out 0.
    if (r.f32 && (t19.hi >= wmax || 19 * s > 126 || norm1(bp[8]) >= wmax)) lm_lo = 0;
    for (int lm = lm_lo; lm <= lm_hi; ++lm) out.insert({13, s + lm});
  }
  return out;
}

double spectral_norm(const MatrixXd& m) {
  return std::sqrt(std::max(0.0, Eigen::SelfAdjointEigenSolver<MatrixXd>(m.transpose() * m).eigenvalues().maxCoeff()));
}

// P^T |L| |R| of the partial-pivoting LU P M = L R.
MatrixXd abs_lu(const MatrixXd& m) {
  const int64_t n = m.rows();
  const Eigen::PartialPivLU<MatrixXd> lu(m);
  const MatrixXd& f = lu.matrixLU();
  MatrixXd l = MatrixXd::Identity(n, n), r = MatrixXd::Zero(n, n);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) (i > j ? l(i, j) : r(i, j)) = f(i, j);
  return lu.permutationP().transpose() * (l.cwiseAbs() * r.cwiseAbs());
}

// A matrix of the evaluation with a bound on the Frobenius norm of its
// computed value's error (first order): a product adds
// ||dX||_F ||Y||_2 + ||X||_2 ||dY||_F + gamma_n ||X||_F ||Y||_F, a sum of
// k scaled terms gamma_{k+1} sum |c| ||X||_F (the coefficients themselves
// rounded to W included).
struct Tracked {
  MatrixXd v;
  double err = 0;
};

Tracked product(const Tracked& x, const Tracked& y, double u) {
  return {x.v * y.v,
          x.err * spectral_norm(y.v) + spectral_norm(x.v) * y.err + gamma(x.v.cols(), u) * x.v.norm() * y.v.norm()};
}

// sum c_i x_i + c0 I.
Tracked combination(const std::vector<std::pair<double, const Tracked*>>& terms, double c0, double u) {
  const int64_t n = terms[0].second->v.rows();
  Tracked out{c0 * MatrixXd::Identity(n, n), 0};
  double magnitude = std::fabs(c0) * std::sqrt(static_cast<double>(n));
  for (const auto& [c, x] : terms) {
    out.v += c * x->v;
    out.err += std::fabs(c) * x->err;
    magnitude += std::fabs(c) * x->v.norm();
  }
  out.err += gamma(static_cast<int64_t>(terms.size()) + 2, u) * magnitude;
  return out;
}

Tracked sum(const Tracked& x, const Tracked& y, double u) {
  Tracked out{x.v + y.v, x.err + y.err};
  out.err += u * out.v.norm();
  return out;
}

struct UV {
  Tracked u, v;
};

// U and V of degree m at A_s as scipy and the export evaluate them
// (A^2, A^4 = (A^2)^2, A^6 = A^4 A^2, A^8 = (A^4)^2; degree 13 on A_s's
// powers, which are the scaled computed powers exactly), normwise.
UV pade_normwise(const MatrixXd& as, int m, double u) {
  const std::vector<double> b = pade_b(m);
  const Tracked a{as, 0};
  const Tracked a2 = product(a, a, u), a4 = product(a2, a2, u), a6 = product(a4, a2, u);
  if (m == 13) {
    const Tracked n_ = combination({{b[7], &a6}, {b[5], &a4}, {b[3], &a2}}, b[1], u);
    const Tracked q = combination({{b[12], &a6}, {b[10], &a4}, {b[8], &a2}}, 0, u);
    const Tracked r = combination({{b[6], &a6}, {b[4], &a4}, {b[2], &a2}}, b[0], u);
    const Tracked w = combination({{1, &a6}, {b[11], &a4}, {b[9], &a2}}, 0, u);
    // scipy's extra A^6 in U (oracles/linalg_expm.cpp).
    return {sum(product(sum(product(w, a6, u), n_, u), a, u), a6, u), sum(product(q, a6, u), r, u)};
  }
  const Tracked a8 = product(a4, a4, u);
  const Tracked* powers[5] = {nullptr, &a2, &a4, &a6, &a8};
  std::vector<std::pair<double, const Tracked*>> odd, even;
  for (int k = 1; 2 * k <= m; ++k) {
    if (2 * k + 1 <= m) odd.push_back({b[static_cast<size_t>(2 * k + 1)], powers[k]});
    even.push_back({b[static_cast<size_t>(2 * k)], powers[k]});
  }
  return {product(combination(odd, b[1], u), a, u), combination(even, b[0], u)};
}

// Higham's running bound for one path: E_s (n x n) and the path's value.
double path_bound(const Replay& r, int m, int s) {
  const int64_t n = r.n;
  const double u = r.u;
  const MatrixXd I = MatrixXd::Identity(n, n);
  const MatrixXd as = m == 13 ? MatrixXd(r.a * std::ldexp(1.0, -s)) : r.a;
  const MatrixXd abs_as = as.cwiseAbs();
  const std::vector<double> b = pade_b(m);
  MatrixXd u_m = MatrixXd::Zero(n, n), v_m = MatrixXd::Zero(n, n), p_abs = MatrixXd::Zero(n, n);
  MatrixXd pk = I, pk_abs = I;
  for (int k = 0; k <= m; ++k) {
    (k % 2 ? u_m : v_m) += b[static_cast<size_t>(k)] * pk;
    p_abs += b[static_cast<size_t>(k)] * pk_abs;
    pk = pk * as;
    pk_abs = pk_abs * abs_as;
  }
  // pk_abs is |A_s|^(m+1) here; the truncation term needs |A_s|^(2m+1).
  for (int k = m + 1; k < 2 * m + 1; ++k) pk_abs = pk_abs * abs_as;
  const MatrixXd trunc = 2 * truncation_coeff(m) * pk_abs;
  const MatrixXd e_uv = gamma(2 * m * (n + 1), u) * p_abs;
  const MatrixXd q = v_m - u_m;
  // LAPACK pivots on Q's rows, the export's elimination on Q^T's: either
  // side's backward error is within the larger |L| |R| of the two.
  const MatrixXd lr = abs_lu(q).cwiseMax(abs_lu(q.transpose()).transpose());
  const MatrixXd q_inv = q.partialPivLu().inverse();
  const MatrixXd x = u_m * q_inv;
  const MatrixXd dq = e_uv + u * q.cwiseAbs() + gamma(3 * n, u) * lr;
  const MatrixXd e_x = (e_uv + x.cwiseAbs() * dq) * q_inv.cwiseAbs();
  MatrixXd xr = I + 2 * x;
  MatrixXd e = 2 * e_x + u * xr.cwiseAbs() + trunc;
  const double g = gamma(n, u);
  // Two first-order bounds carried side by side: componentwise (E) and in
  // the Frobenius norm (fe); the smaller one holds.
  const UV uv = pade_normwise(as, m, u);
  const double dq_f = uv.u.err + uv.v.err + u * q.norm() + gamma(3 * n, u) * lr.norm();
  const double dx_f = (uv.u.err + spectral_norm(x) * dq_f) * spectral_norm(q_inv);
  double fe = std::min(e.norm(), 2 * dx_f + u * xr.norm() + trunc.norm());
  for (int i = s - 1; i >= 0; --i) {
    const MatrixXd ax = xr.cwiseAbs();
    const double x2 = spectral_norm(xr);
    fe = 2 * x2 * fe + fe * fe + g * (ax * ax).norm();
    e = ax * e + e * ax + e.cwiseProduct(e) + g * ax * ax;
    xr = xr * xr;
    if (!r.triangular) continue;
    const double scale = std::ldexp(1.0, -i);
    double fixed_err = 0;  // Frobenius norm of the recomputed entries' errors
    for (int64_t j = 0; j < n; ++j) {
      const double dj = r.a(j, j) * scale, ej = std::exp(dj);
      xr(j, j) = ej;
      e(j, j) = 2 * u * std::fabs(ej);
      fixed_err += e(j, j) * e(j, j);
      if (j + 1 == n) continue;
      const double d1 = r.a(j + 1, j + 1) * scale, e1 = std::exp(d1), diff = d1 - dj;
      double q_val, q_err;
      if (diff == 0) {
        q_val = ej;
        q_err = 2 * u * std::fabs(ej);
      } else {
        q_val = (e1 - ej) / diff;
        q_err = (2 * u * (std::fabs(ej) + std::fabs(e1)) + u * std::fabs(e1 - ej)) / std::fabs(diff) +
                2 * u * std::fabs(q_val);
      }
      const double sd = r.lower_zero ? r.a(j, j + 1) : r.a(j + 1, j);
      const double off = q_val * sd * scale;
      const int64_t row = r.lower_zero ? j : j + 1, col = r.lower_zero ? j + 1 : j;
      xr(row, col) = off;
      e(row, col) = std::fabs(sd * scale) * q_err + 2 * u * std::fabs(off);
      fixed_err += e(row, col) * e(row, col);
    }
    // Replacing entries adds at most their own errors to the norm.
    fe += std::sqrt(fixed_err);
  }
  return std::min(e.maxCoeff(), fe);
}

Tolerance expm_rule(const Node&, const std::vector<const Tensor*>& in, size_t, const Tensor& expected, Tolerance base) {
  const Tensor& x = *in[0];
  if (!is_float(expected.dtype()) || x.rank() != 2 || x.shape()[0] != x.shape()[1] || x.shape()[0] < 2) return base;
  for (int64_t i = 0; i < expected.numel(); ++i)
    if (!std::isfinite(expected.get_as_double(i))) return base;
  Replay r;
  r.n = x.shape()[0];
  r.a = MatrixXd(r.n, r.n);
  bool lower_zero = true, upper_zero = true;
  for (int64_t i = 0; i < r.n; ++i)
    for (int64_t j = 0; j < r.n; ++j) {
      const double v = x.get_as_double(i * r.n + j);
      if (!std::isfinite(v)) return base;
      r.a(i, j) = v;
      if (v != 0 && i > j) lower_zero = false;
      if (v != 0 && i < j) upper_zero = false;
    }
  if (lower_zero && upper_zero) return base;  // elementwise exp
  r.abs_a = r.a.cwiseAbs();
  r.f32 = x.dtype() == DType::Float16 || x.dtype() == DType::Float32;
  r.u = unit_roundoff(r.f32 ? DType::Float32 : DType::Float64);
  r.triangular = lower_zero || upper_zero;
  r.lower_zero = lower_zero;
  double bound = 0;
  for (const auto& [m, s] : paths(r)) bound = std::max(bound, path_bound(r, m, s));
  if (!std::isfinite(bound)) return base;
  base.atol = std::max(base.atol, 4 * bound);
  return base;
}

const ToleranceRuleRegistrar kExpm("Expm", expm_rule);

}  // namespace
}  // namespace ptonnx::check
