// SVD's comparison (docs/comparison.md, "Invariants"). Singular vectors are
// not unique (signs; any orthonormal basis of a repeated singular value's
// spaces, or of the null spaces), so U and Vt are judged by the tests LAPACK
// applies to its own SVD drivers (TESTING/EIG/ddrvbd.f), in double:
//   residual ||A - U[:, :K] diag(s) Vt[:K, :]||_1 / (max(M, N) ||A||_1 ulp) <= 50
//   ||I - U^T U||_1 / (M ulp) <= 50, ||I - Vt Vt^T||_1 / (N ulp) <= 50
// with the runtime's s, U and Vt (all three judge each of U and Vt: a
// wrong one fails the residual). s is unique and compared elementwise: a
// side passing those tests has singular values within ||E||_2 (Weyl)
// plus the orthogonality loss's share (3 d ||A||_2, polar factors) of A's,
// and ||E||_2 <= sqrt(N) ||E||_1, so two sides differ by at most
//   atol(s) = 2 (1 + 3) 50 max(M, N) ulp sqrt(max(M, N)) ||A||_1.
#include <Eigen/Dense>
#include <cmath>
#include <sstream>

#include "check/invariant_checks.h"
#include "check/linalg_invariants.h"

namespace ptonnx::check {
namespace {

using Eigen::MatrixXd;
using namespace linalg_invariants;

TensorMismatch check_svd(const NodeValues& v, size_t output, const Tolerance& tol) {
  const MatrixXd A = matrix_of(*v.inputs.at(0));
  const Eigen::Index m = A.rows(), n = A.cols(), k = std::min(m, n);
  const auto longest = static_cast<double>(std::max<Eigen::Index>(std::max(m, n), 1));
  const DType t = v.expected.at(output)->dtype();
  const double ulp = ulp_of(t), a_norm = norm1(A);
  const bool uv = v.node.outputs.size() == 3;
  const size_t s_index = uv ? 1 : 0;
  if (output == s_index) {
    Tolerance wide = tol;
    wide.atol = std::max(tol.atol, 8 * kThreshold * longest * std::sqrt(longest) * ulp * a_norm);
    return compare_tensors(*v.expected[output], *v.actual[output], wide);
  }
  TensorMismatch ok = same_type(*v.expected[output], *v.actual[output]);
  if (!v.actual[0] || !v.actual[1] || !v.actual[2]) return compare_tensors(*v.expected[output], *v.actual[output], tol);
  for (size_t i = 0; i < 3; ++i)
    if (!same_type(*v.expected[i], *v.actual[i]).ok)
      return invariant_failed(*v.expected[output], "output " + std::to_string(i) + " has the wrong type or shape");
  const MatrixXd U = matrix_of(*v.actual[0]), s = matrix_of(*v.actual[1]), Vt = matrix_of(*v.actual[2]);
  const MatrixXd residual = A - U.leftCols(k) * s.col(0).asDiagonal() * Vt.topRows(k);
  const double residual_ratio = norm1(residual) / (longest * std::max(a_norm, 1e-300) * ulp);
  const double u_ratio = orthogonality_ratio(U, ulp), v_ratio = orthogonality_ratio(Vt.transpose(), ulp);
  if (residual_ratio <= kThreshold && u_ratio <= kThreshold && v_ratio <= kThreshold) return ok;
  std::ostringstream why;
  why.precision(4);
  why << "not a singular value decomposition: ||A - U diag(s) Vt||_1 / (max(M, N) ||A||_1 ulp) = " << residual_ratio
      << ", ||I - U^T U||_1 / (M ulp) = " << u_ratio << ", ||I - Vt Vt^T||_1 / (N ulp) = " << v_ratio
      << " (LAPACK's test threshold " << kThreshold << ")";
  return invariant_failed(*v.expected[output], why.str());
}

const InvariantCheckRegistrar kSVD("SVD", check_svd);

}  // namespace
}  // namespace ptonnx::check
