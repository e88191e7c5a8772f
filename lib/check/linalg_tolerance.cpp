// Tolerance rules of the tier-4 products (Dot, Dot22, BatchedDot, Gemm,
// Gemv). Derivation (docs/comparison.md, "Linear algebra"): any order of
// summing k products, with or without FMA, gives fl(x.y) = x.y + d with
// |d| <= gamma_k |x|.|y|, gamma_k = k u / (1 - k u), u the unit roundoff of
// the accumulator (Higham, Accuracy and Stability, 2nd ed., eq. 3.5). The
// oracle and the runtime each obey it, so they differ by at most twice
// that; Gemm/Gemv add up to three roundings in the output dtype (a*dot,
// b*z, the sum), each at most u_out times the same bound. So per output
// element, |actual - expected| <= 2 (gamma_k(u_acc) + 3 u_out) B with
// B = |a| |x|.|y| + |b| |z|; the rule uses the largest finite B of the
// tensor as atol (an element with an infinite B is inf or NaN and is
// compared by the infinity/NaN rules). Integers stay exact.
#include "check/linalg_tolerance.h"

#include <cmath>

#include "check/tolerance_rules.h"

namespace ptonnx::check {
namespace {

// NumPy accumulates float16 products in float.
DType accumulator(DType t) { return t == DType::Float16 ? DType::Float32 : t; }

double magnitude(const Tensor& t, int64_t i) { return std::fabs(t.get_as_double(i)); }

// The largest finite sum_p |x[b,i,p]| |y[b,p,j]| over the stack; x and y
// are (batch, m, k) and (batch, k, n) (batch 1 for matrices).
double max_abs_product(const Tensor& x, const Tensor& y, bool batched, const Tensor* scale = nullptr) {
  const int64_t batch = batched ? x.shape()[0] : 1;
  const int64_t m = x.shape()[batched], k = x.shape()[batched + 1];
  const int64_t n = y.rank() == 1 ? 1 : y.shape()[batched + 1];
  if (y.shape()[batched] != k) return 0;
  double best = 0;
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        double s = 0;
        for (int64_t p = 0; p < k; ++p) s += magnitude(x, (b * m + i) * k + p) * magnitude(y, (b * k + p) * n + j);
        if (scale) s *= magnitude(*scale, 0);
        if (std::isfinite(s)) best = std::max(best, s);
      }
  return best;
}

double max_abs_scaled(const Tensor& v, const Tensor& s) {
  double best = 0;
  for (int64_t i = 0; i < v.numel(); ++i) {
    const double e = magnitude(v, i) * magnitude(s, 0);
    if (std::isfinite(e)) best = std::max(best, e);
  }
  return best;
}

Tolerance widen(Tolerance base, DType t, int64_t k, double bound, int roundings) {
  if (!is_float(t)) return base;
  const double rel = gamma(k, unit_roundoff(accumulator(t))) + roundings * unit_roundoff(t);
  base.atol = std::max(base.atol, 2 * rel * bound);
  return base;
}

Tolerance dot_rule(const Node& node, const std::vector<const Tensor*>& in, size_t, const Tensor& e, Tolerance base) {
  const bool batched = node.op == "BatchedDot";
  const int64_t k = in[0]->shape().back();
  return widen(base, e.dtype(), k, max_abs_product(*in[0], *in[1], batched), 1);
}

Tolerance gemm_rule(const Node&, const std::vector<const Tensor*>& in, size_t, const Tensor& e, Tolerance base) {
  const Tensor &z = *in[0], &a = *in[1], &x = *in[2], &y = *in[3], &b = *in[4];
  const double bound = max_abs_product(x, y, false, &a) + max_abs_scaled(z, b);
  return widen(base, e.dtype(), x.shape()[1], bound, 3);
}

Tolerance gemv_rule(const Node&, const std::vector<const Tensor*>& in, size_t, const Tensor& e, Tolerance base) {
  const Tensor &y = *in[0], &alpha = *in[1], &A = *in[2], &x = *in[3], &beta = *in[4];
  const double bound = max_abs_product(A, x, false, &alpha) + max_abs_scaled(y, beta);
  return widen(base, e.dtype(), A.shape()[1], bound, 3);
}

const ToleranceRuleRegistrar kDot("Dot", dot_rule);
const ToleranceRuleRegistrar kDot22("Dot22", dot_rule);
const ToleranceRuleRegistrar kBatchedDot("BatchedDot", dot_rule);
const ToleranceRuleRegistrar kGemm("Gemm", gemm_rule);
const ToleranceRuleRegistrar kGemv("Gemv", gemv_rule);

}  // namespace
}  // namespace ptonnx::check

// Cholesky (docs/comparison.md, "Factorisations"): potrf is backward
// stable, L^ L^T = A + dA with |dA| <= gamma_{n+1} |L^| |L^T| (Higham Thm
// 10.3), so ||dA||_2 <= n gamma_{n+1} ||A||_2; to first order the factor
// then moves by ||dL||_F <= 2^-1/2 kappa_2(A) ||dA||_2 / ||A||_2 ||L||_2
// (Sun 1991; Higham eq. 10.8), ||L||_2 = ||A||_2^1/2. Two implementations
// differ by twice that; a factor 2 more for the first-order terms:
//   atol = 4 n gamma_{n+1}(u) kappa_2(A) ||A||_2^1/2,
// kappa_2 and ||A||_2 from the eigenvalues of the symmetric matrix that the
// read triangle defines. A matrix that is not positive definite gives
// all-NaN on both sides and keeps the default.
#include <Eigen/Eigenvalues>

namespace ptonnx::check {
namespace {

Tolerance cholesky_rule(const Node& node, const std::vector<const Tensor*>& in, size_t, const Tensor& e,
                        Tolerance base) {
  const Tensor& x = *in[0];
  if (x.rank() != 2 || x.shape()[0] != x.shape()[1] || x.numel() == 0) return base;
  const int64_t n = x.shape()[0];
  const bool lower = !has_attr(node.attrs, "lower") || attr_int(node.attrs, "lower") != 0;
  Eigen::MatrixXd a(n, n);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) {
      const bool read = lower ? j <= i : j >= i;
      a(i, j) = read ? x.get_as_double(i * n + j) : x.get_as_double(j * n + i);
    }
  if (!a.allFinite()) return base;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(a, Eigen::EigenvaluesOnly);
  const double lo = eig.eigenvalues().minCoeff(), hi = eig.eigenvalues().maxCoeff();
  if (!(lo > 0)) return base;
  const double u = unit_roundoff(e.dtype());
  base.atol = std::max(base.atol, 4 * static_cast<double>(n) * gamma(n + 1, u) * (hi / lo) * std::sqrt(hi));
  return base;
}

const ToleranceRuleRegistrar kCholesky("Cholesky", cholesky_rule);

}  // namespace
}  // namespace ptonnx::check

// SolveTriangular (docs/comparison.md, "Solves"): substitution is backward
// stable componentwise, (T + dT) x^ = b with |dT| <= gamma_n |T| (Higham
// Thm 8.5), so |x^ - x| <= gamma_n |T^-1| |T| |x^| / (1 - gamma_n cond(T))
// per element, cond(T) = || |T^-1| |T| ||_inf (Higham Thm 7.4). Two
// implementations differ by twice that; a factor 2 more for using the
// computed x^ in the bound: atol = 4 gamma_n max_i (|T^-1| |T| |x^|)_i / (1 -
// gamma_n cond(T)). T is the triangle trtrs reads (unit diagonal when
// unit_diagonal). Singular T (all NaN) or non-finite data: the default.
namespace ptonnx::check {
namespace {

Tolerance solve_triangular_rule(const Node& node, const std::vector<const Tensor*>& in, size_t, const Tensor& e,
                                Tolerance base) {
  const Tensor& A = *in[0];
  if (A.rank() != 2 || A.shape()[0] != A.shape()[1] || e.numel() == 0 || !is_float(e.dtype())) return base;
  const int64_t n = A.shape()[0], k = e.rank() == 1 ? 1 : e.shape()[1];
  const auto flag = [&](const char* f, bool d) { return has_attr(node.attrs, f) ? attr_int(node.attrs, f) != 0 : d; };
  const bool lower = flag("lower", false), unit = flag("unit_diagonal", false);
  Eigen::MatrixXd T = Eigen::MatrixXd::Zero(n, n), X(n, k);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) {
      if (i == j)
        T(i, j) = unit ? 1.0 : A.get_as_double(i * n + j);
      else if (lower ? j < i : j > i)
        T(i, j) = A.get_as_double(i * n + j);
    }
  for (int64_t i = 0; i < n * k; ++i) X(i / k, i % k) = e.get_as_double(i);
  if (!T.allFinite() || !X.allFinite()) return base;
  const Eigen::MatrixXd Tinv =
      lower ? Eigen::MatrixXd(T.triangularView<Eigen::Lower>().solve(Eigen::MatrixXd::Identity(n, n)))
            : Eigen::MatrixXd(T.triangularView<Eigen::Upper>().solve(Eigen::MatrixXd::Identity(n, n)));
  const Eigen::MatrixXd M = Tinv.cwiseAbs() * T.cwiseAbs();
  if (!M.allFinite()) return base;
  const double cond = M.rowwise().sum().maxCoeff();
  const double g = gamma(n, unit_roundoff(e.dtype()));
  const double bound = (M * X.cwiseAbs()).maxCoeff();
  base.atol = std::max(base.atol, 4 * g * bound / std::max(1 - g * cond, 0.25));
  return base;
}

const ToleranceRuleRegistrar kSolveTriangular("SolveTriangular", solve_triangular_rule);

}  // namespace
}  // namespace ptonnx::check
