// QR's comparison (docs/comparison.md, "QR"). LAPACK's Householder QR is a
// differentiable function of A wherever every step's branches (tail == 0:
// no reflection; the sign of alpha: the sign of R's diagonal) are decided
// alike by every implementation (linalg_qr_analysis.h): then every output
// is compared elementwise with the tolerance rule's bound. Elsewhere (a
// rank-deficient A whose dependent column leaves a reduced column that is
// zero only up to rounding: duplicate columns, dependent integer columns;
// a diagonal element that rounding can flip) LAPACK's later columns of Q
// and rows of R are one valid choice among many, and an output is judged by
// what defines a QR factorisation, in double, with bounds from Higham's
// backward error (A + dA = Q~ R^, ||da_c|| <= eta ||a_c||, ||Q^ - Q~||
// <= k p per column; factor 2 for rounding the bound itself), with A and R
// divided by the analysis's power-of-2 scale (no overflow in R^T R):
//   R upper triangular: exact zeros below the diagonal (also on the
//     elementwise path: zeros are structural, not rounded);
//   Q^T Q = I:     |Q^T Q - I| <= 4 k p + 4 m u_double elementwise;
//   Q R = A:       ||(Q R - A)_c||_2 <= 2 (eta ||a_c|| + sqrt(m) k p ||r_c||)
//                                      + 8 m u_double (||a_c|| + ||r_c||);
//   R alone (mode r, or Q not an output): R^T R = A^T A (Q~ is orthogonal),
//     |R^T R - A^T A|_ij <= 2 (2 eta + eta^2) ||a_i|| ||a_j||
//                           + 4 m u_double (|R|^T |R| + |A|^T |A|)_ij;
//   raw: each reflector orthogonal, tau_i = 0 or |tau_i ||(1, v_i)||^2 - 2|
//     <= 12 rel (v and tau within rel each), triu(H[:k]) = R exactly, and
//     Q R = A with Q = H_0 ... H_{k-1} formed from (H, tau) in double;
// plus the determinate part (R's first rows, Q's first columns, the first
// reflectors) elementwise. Each invariant is needed: without triangularity
// Q = I, R = A passes; without orthogonality Q = A, R = I; without Q R = A
// any orthogonal Q and triangular R; R^T R = A^T A alone admits any row
// rotation of R, triangularity pins it to row signs.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <sstream>

#include "check/invariant_checks.h"
#include "check/linalg_qr_analysis.h"

namespace ptonnx::check {
namespace {

using Eigen::MatrixXd;

constexpr double kUd = 0x1p-53;

MatrixXd matrix_of(const Tensor* t) {
  const int64_t r = t->shape()[0], c = t->rank() == 2 ? t->shape()[1] : 1;
  MatrixXd m(r, c);
  for (int64_t i = 0; i < r; ++i)
    for (int64_t j = 0; j < c; ++j) m(i, j) = t->get_as_double(i * c + j);
  return m;
}

std::string fmt(double v) {
  std::ostringstream os;
  os.precision(4);
  os << v;
  return os.str();
}

// "" when every element of `x` is within `tol` (NaN fails), else a reason.
std::string within(const MatrixXd& x, const MatrixXd& tol, const std::string& what) {
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    for (Eigen::Index j = 0; j < x.cols(); ++j)
      if (!(std::fabs(x(i, j)) <= tol(i, j)))
        return what + " at [" + std::to_string(i) + "," + std::to_string(j) + "]: " + fmt(x(i, j)) + " (bound " +
               fmt(tol(i, j)) + ")";
  return "";
}

std::string orthogonal(const MatrixXd& Q, const qr::Analysis& s) {
  const MatrixXd loss = Q.transpose() * Q - MatrixXd::Identity(Q.cols(), Q.cols());
  const double b = 4 * static_cast<double>(s.k) * s.p + 4 * static_cast<double>(s.m) * kUd;
  return within(loss, MatrixXd::Constant(loss.rows(), loss.cols(), b), "Q^T Q - I");
}

std::string reconstructs(const MatrixXd& Q, const MatrixXd& R, const qr::Analysis& s) {
  const MatrixXd res = Q * R - s.A;
  MatrixXd norms(1, res.cols()), tol(1, res.cols());
  const double md = static_cast<double>(s.m), kd = static_cast<double>(s.k);
  for (Eigen::Index c = 0; c < res.cols(); ++c) {
    const double a = s.col_norm(c), r = R.col(c).norm();
    norms(0, c) = res.col(c).norm();
    tol(0, c) = 2 * (s.eta * a + std::sqrt(md) * kd * s.p * r) + 8 * md * kUd * (a + r);
  }
  return within(norms, tol, "||(Q R - A)[:, c]||_2 per column c");
}

std::string gram(const MatrixXd& R, const qr::Analysis& s) {
  const MatrixXd diff = R.transpose() * R - s.A.transpose() * s.A;
  const MatrixXd mags = R.cwiseAbs().transpose() * R.cwiseAbs() + s.A.cwiseAbs().transpose() * s.A.cwiseAbs();
  const MatrixXd tol = 2 * (2 * s.eta + s.eta * s.eta) * (s.col_norm * s.col_norm.transpose()) +
                       4 * static_cast<double>(s.m) * kUd * mags;
  return within(diff, tol, "R^T R - A^T A");
}

// Q = H_0 ... H_{k-1} (m x m) from raw's packed H and tau, or a reason why
// a reflector is not orthogonal.
std::string reflectors(const MatrixXd& H, const MatrixXd& tau, const qr::Analysis& s, MatrixXd* Q) {
  *Q = MatrixXd::Identity(s.m, s.m);
  for (int64_t i = s.k - 1; i >= 0; --i) {
    const double t = tau(i, 0);
    if (t == 0) continue;
    Eigen::VectorXd v = Eigen::VectorXd::Zero(s.m);
    v(i) = 1;
    v.tail(s.m - i - 1) = H.col(i).tail(s.m - i - 1);
    const double off = t * v.squaredNorm() - 2;
    if (!(std::fabs(off) <= 12 * s.rel + 4 * static_cast<double>(s.m) * kUd))
      return "reflector " + std::to_string(i) + " is not orthogonal: tau ||(1, v)||^2 - 2 = " + fmt(off);
    *Q -= v * (t * (v.transpose() * *Q));
  }
  return "";
}

// The outputs' values, nullptr where not a graph output.
struct Outputs {
  const Tensor *Q = nullptr, *R = nullptr, *H = nullptr, *tau = nullptr;
};

Outputs outputs_of(const std::string& mode, const std::vector<const Tensor*>& actual) {
  if (mode == "r") return {nullptr, actual[0]};
  if (mode == "raw") return {nullptr, actual[2], actual[0], actual[1]};
  return {actual[0], actual[1]};
}

std::string invariants(const std::string& mode, size_t output, const Outputs& o, const qr::Analysis& s) {
  const bool r_out = qr::is_r(mode, output);
  if (mode == "raw") {
    if (!o.H || !o.tau) return "";
    const MatrixXd H = matrix_of(o.H);
    MatrixXd Q;
    if (auto why = reflectors(H, matrix_of(o.tau), s, &Q); !why.empty()) return why;
    MatrixXd R = H.topRows(s.k);
    for (Eigen::Index i = 0; i < R.rows(); ++i)
      for (Eigen::Index c = 0; c < std::min(i, R.cols()); ++c) R(i, c) = 0;
    if (o.R && matrix_of(o.R) != R) return "R is not triu(H[:k])";
    return reconstructs(Q.leftCols(s.k), R / s.scale, s);
  }
  if (!r_out || o.Q) {
    const MatrixXd Q = matrix_of(o.Q);
    if (!r_out)
      if (auto why = orthogonal(Q, s); !why.empty()) return why;
    return o.R ? reconstructs(Q, matrix_of(o.R) / s.scale, s) : "";
  }
  return gram(matrix_of(o.R) / s.scale, s);
}

// Expected and actual with the elements outside the determinate part zeroed.
TensorMismatch determinate_part(const Tensor& e, const Tensor& a, const MatrixXd& bound, const Tolerance& tol) {
  Tensor e2 = e, a2 = a;
  const int64_t cols = e.rank() == 2 ? e.shape()[1] : 1;
  for (int64_t i = 0; i < e.numel(); ++i)
    if (std::isnan(bound(i / cols, i % cols))) {
      e2.set_from_double(i, 0);
      a2.set_from_double(i, 0);
    }
  return compare_tensors(e2, a2, tol);
}

TensorMismatch check_qr(const NodeValues& v, size_t output, const Tolerance& tol) {
  const Tensor& e = *v.expected[output];
  const Tensor& a = *v.actual[output];
  const std::string mode = has_attr(v.node.attrs, "mode") ? attr_string(v.node.attrs, "mode") : "full";
  if (!is_float(e.dtype()) || e.numel() == 0) return compare_tensors(e, a, tol);
  const qr::Analysis s = qr::analyse(*v.inputs.at(0), e.dtype());
  if (!s.valid) return compare_tensors(e, a, tol);
  if (qr::is_r(mode, output)) {
    const int64_t cols = a.shape()[1];
    for (int64_t i = 0; i < a.numel(); ++i)
      if (i / cols > i % cols && a.get_as_double(i) != 0)
        return invariant_failed(e, "R is not upper triangular: " + fmt(a.get_as_double(i)) + " at [" +
                                       std::to_string(i / cols) + "," + std::to_string(i % cols) + "]");
  }
  if (s.determinate == s.k) return compare_tensors(e, a, tol);
  const std::string step = "steps from " + std::to_string(s.determinate) + " on are not determinate";
  TensorMismatch m = determinate_part(e, a, qr::output_bound(s, mode, output), tol);
  if (!m.ok) {
    m.reason = "determinate part (" + step + "): " + m.reason;
    return m;
  }
  const std::string why = invariants(mode, output, outputs_of(mode, v.actual), s);
  if (!why.empty()) return invariant_failed(e, why + " (" + step + ": judged by invariants)");
  return same_type(e, a);
}

const InvariantCheckRegistrar kQR("QR", check_qr);

}  // namespace
}  // namespace ptonnx::check
