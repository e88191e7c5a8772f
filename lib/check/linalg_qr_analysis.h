// The analysis behind QR's comparison (linalg_tolerance_qr.cpp,
// linalg_invariants_qr.cpp; docs/comparison.md, "QR"): LAPACK's Householder
// QR of the input in double, with first-order derivatives, giving
//   - per output element a bound on how far one backward-stable
//     implementation can be from the exact factors: Higham Thm 19.4's
//     A + dA = Q R^ with ||da_c||_2 <= eta ||a_c||_2, propagated through the
//     exact derivative of the factors (forward mode, one run per input
//     element), plus each output's own last roundings;
//   - the determinate part: the leading steps whose branches (tail == 0,
//     sign of alpha) every implementation decides alike, so that LAPACK's
//     factors are a differentiable function of A there.
// Internal to lib/check.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "core/tensor.h"

namespace ptonnx::check::qr {

struct Analysis {
  bool valid = false;  // a finite 2-D input
  int64_t m = 0, n = 0, k = 0;
  // Steps 0 .. determinate-1 are decided alike everywhere; k: all of them.
  int64_t determinate = 0;
  double u = 0;    // unit roundoff of the output dtype
  double p = 0;    // one reflector applied to a vector: ||fl(P b) - P b||_2 <= p ||b||_2
  double eta = 0;  // backward error per column: k p
  double rel = 0;  // the relative rounding of v and tau themselves
  // A / scale, scale a power of 2 near max |A| (exact): squares of A's
  // elements could over- or underflow even in double. R, and R's part of
  // raw's H, scale with A; Q, tau and v do not.
  double scale = 1;
  Eigen::MatrixXd A;
  Eigen::VectorXd col_norm;  // ||a_c||_2 of A / scale
  // First-order bounds per implementation (double's packed, tau, full Q),
  // for A / scale.
  Eigen::MatrixXd packed, q;
  Eigen::VectorXd tau;
};

Analysis analyse(const Tensor& a, DType out);

// Output `output` of QR(mode) as a row-major matrix (a vector: one column):
// the bound of each element of the determinate part, NaN outside it (for
// A itself: R's bounds times scale).
Eigen::MatrixXd output_bound(const Analysis& a, const std::string& mode, size_t output);

// Whether an output is an R (upper triangular, exact zeros below).
bool is_r(const std::string& mode, size_t output);

}  // namespace ptonnx::check::qr
