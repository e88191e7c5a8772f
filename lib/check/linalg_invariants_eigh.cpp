// Eigh's comparison (docs/comparison.md, "Invariants"). Eigenvectors are not
// unique (signs; any orthonormal basis of a repeated eigenvalue's space), so
// v is judged by the tests LAPACK applies to its own symmetric eigensolvers
// (TESTING/EIG/dsyt21.f, with sep.in's threshold 50), on the symmetric
// matrix A of the triangle scipy reads, in double:
//   residual ||A - V diag(w) V^T||_1 / (n ||A||_1 ulp) <= 50
//   orthogonality ||I - V^T V||_1 / (n ulp) <= 50
// with w the runtime's eigenvalues and ulp the output dtype's relative
// machine precision (2^-23, 2^-52). Eigenvalues are unique and compared
// elementwise: a side passing those tests has eigenvalues within
// r + 3 d ||A||_2 of A's (r the residual bound, Weyl; d the orthogonality
// bound, through the polar factor of V), so two sides differ by at most
// atol(w) = 2 (50 n ulp ||A||_1) (1 + 3) = 400 n ulp ||A||_1.
// Wrong order, a wrong triangle, a missing sweep or a column of V that is
// not w's eigenvector all break one of them by orders of magnitude.
#include <Eigen/Dense>
#include <cmath>
#include <sstream>

#include "check/invariant_checks.h"
#include "check/linalg_invariants.h"

namespace ptonnx::check {
namespace {

using Eigen::MatrixXd;

using namespace linalg_invariants;

MatrixXd symmetric_of(const Tensor& a, bool lower) {
  const int64_t n = a.shape()[0];
  MatrixXd s(n, n);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) {
      const bool read = lower ? i >= j : i <= j;
      s(i, j) = read ? a.get_as_double(i * n + j) : a.get_as_double(j * n + i);
    }
  return s;
}

TensorMismatch check_eigh(const NodeValues& v, size_t output, const Tolerance& tol) {
  const Tensor& a = *v.inputs.at(0);
  const bool lower = !has_attr(v.node.attrs, "lower") || attr_int(v.node.attrs, "lower") != 0;
  const MatrixXd A = symmetric_of(a, lower);
  const auto n = static_cast<double>(A.rows());
  const DType t = v.expected.at(output)->dtype();
  const double ulp = ulp_of(t), a_norm = norm1(A);
  if (output == 0) {
    Tolerance wide = tol;
    wide.atol = std::max(tol.atol, 8 * kThreshold * n * ulp * a_norm);
    return compare_tensors(*v.expected[0], *v.actual[0], wide);
  }
  const Tensor* w_value = v.actual[0] ? v.actual[0] : v.expected[0];
  if (!w_value) return compare_tensors(*v.expected[1], *v.actual[1], tol);
  const MatrixXd V = matrix_of(*v.actual[1]);
  const MatrixXd w = matrix_of(*w_value);
  TensorMismatch ok = same_type(*v.expected[1], *v.actual[1]);
  if (A.rows() == 0) return ok;
  const MatrixXd residual = A - V * w.col(0).asDiagonal() * V.transpose();
  // dsyt21 guards a zero ||A|| with the underflow threshold.
  const double residual_ratio = norm1(residual) / (n * std::max(a_norm, 1e-300) * ulp);
  const double orthogonality = orthogonality_ratio(V, ulp);
  if (residual_ratio <= kThreshold && orthogonality <= kThreshold) return ok;
  std::ostringstream why;
  why.precision(4);
  why << "not an eigenvector basis of the symmetric matrix of the " << (lower ? "lower" : "upper")
      << " triangle: ||A - V diag(w) V^T||_1 / (n ||A||_1 ulp) = " << residual_ratio
      << ", ||I - V^T V||_1 / (n ulp) = " << orthogonality << " (LAPACK's test threshold " << kThreshold << ")";
  return invariant_failed(*v.expected[1], why.str());
}

const InvariantCheckRegistrar kEigh("Eigh", check_eigh);

}  // namespace
}  // namespace ptonnx::check
