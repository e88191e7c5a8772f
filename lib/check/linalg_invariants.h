// Shared pieces of the invariant checks of the eigen- and singular value
// decompositions (linalg_invariants_eigh.cpp, linalg_invariants_svd.cpp):
// LAPACK's own test ratios, formed in double.
#pragma once

#include <Eigen/Dense>
#include <cmath>

#include "core/tensor.h"

namespace ptonnx::check::linalg_invariants {

// The threshold of LAPACK's test inputs for its eigen- and singular value
// solvers (TESTING/sep.in, svd.in): a test ratio at or below it passes.
inline constexpr double kThreshold = 50;

// LAPACK's ulp (dlamch 'P') of the output dtype: 2^-23, 2^-52.
inline double ulp_of(DType t) { return std::ldexp(1.0, t == DType::Float32 ? -23 : -52); }

// A matrix (or a vector as one column) in double.
inline Eigen::MatrixXd matrix_of(const Tensor& t) {
  const int64_t r = t.rank() == 0 ? 1 : t.shape()[0], c = t.rank() == 2 ? t.shape()[1] : 1;
  Eigen::MatrixXd m(r, c);
  for (int64_t i = 0; i < r; ++i)
    for (int64_t j = 0; j < c; ++j) m(i, j) = t.get_as_double(i * c + j);
  return m;
}

// ||m||_1 (0 for an empty matrix).
inline double norm1(const Eigen::MatrixXd& m) { return m.size() ? m.cwiseAbs().colwise().sum().maxCoeff() : 0.0; }

// ||I - Q^T Q||_1 / (max(rows, 1) ulp): LAPACK's orthogonality ratio of
// Q's columns.
inline double orthogonality_ratio(const Eigen::MatrixXd& q, double ulp) {
  if (q.cols() == 0) return 0;
  const Eigen::MatrixXd loss = Eigen::MatrixXd::Identity(q.cols(), q.cols()) - q.transpose() * q;
  return norm1(loss) / (static_cast<double>(std::max<Eigen::Index>(q.rows(), 1)) * ulp);
}

}  // namespace ptonnx::check::linalg_invariants
