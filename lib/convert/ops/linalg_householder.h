// Householder reflectors as standard-domain ONNX, with LAPACK's conventions
// (dlarfg, dlarf, dgeqr2, dorg2r), so that the factors match LAPACK's
// elementwise: the building blocks of QR and of the factorisations that
// reduce by reflections (SVD's bidiagonalisation, Lstsq). Part of the
// linalg_loops family (linalg_loops.h): sizes are dynamic, masks are
// applied with Where.
#pragma once

#include <string>

#include "convert/context.h"

namespace ptonnx::linalg_loops {

// dlarfg on x[j:] of the vector x (m,), dtype t: H = I - tau v v^T with
// H x[j:] = (beta, 0, ..., 0).
//   alpha = x[j], xnorm = ||x[j+1:]||_2 (scaled by max |x[j+1:]|, as dnrm2:
//   no overflow or underflow in the squares);
//   xnorm == 0: tau = 0, H = I (also when alpha < 0, and for the last
//   element, where x[j+1:] is empty);
//   else beta = -sign(alpha) dlapy2(alpha, xnorm) (Fortran SIGN: -0.0
//   counts as negative), tau = (beta - alpha) / beta,
//   v[j+1:] = x[j+1:] * (1 / (alpha - beta)), v[j] = 1.
// index is Range(m) (int64), j a 0-d int64 inside a Loop body `b`.
// dlarfg's rescaling of a column whose |beta| < safmin / eps (< 2e-292 in
// float64, 2e-31 in float32) is not reproduced: the scaled norm keeps such
// columns accurate anyway; the results differ only in subnormal digits.
struct Reflector {
  std::string v;         // (m,): 0 above j, 1 at j, the scaled tail (0 when tau = 0)
  std::string tau;       // 0-d
  std::string stored;    // (m,): what dlarfg leaves in x: x above j, beta (alpha when tau = 0) at j, v below
  std::string identity;  // 0-d bool: tau == 0
};
Reflector householder(ConversionContext& b, const std::string& x, const std::string& j, const std::string& index,
                      DType t);

// H A = A - v (tau (v^T A)) (dlarf from the left; dger's order: v times
// tau w), on the rows from j on: rows above j, where v is 0, are neither
// read nor written, so values there never meet a 0 * inf. A is (m, c),
// row_col the row index as (m, 1); A itself where tau == 0.
std::string reflect_left(ConversionContext& b, const std::string& A, const Reflector& h, const std::string& j,
                         const std::string& row_col, DType t);

// dgeqr2: Householder QR of A (m x n, dtype t) in min(m, n) steps. packed:
// R on and above the diagonal, the reflectors' v below it (v[j] = 1
// implied), as geqrf returns it; tau (min(m, n),).
struct HouseholderQR {
  std::string packed, tau;
};
HouseholderQR householder_qr(ConversionContext& c, const std::string& A, DType t);

// dorg2r: the first `cols` (0-d int64, <= m) columns of H_0 H_1 ... H_{k-1}
// (m x m) from geqrf's packed m x n matrix and tau (k,), by backward
// accumulation (H_{k-1} first) applied to the identity's columns.
std::string householder_q(ConversionContext& c, const std::string& packed, const std::string& tau,
                          const std::string& cols, DType t);

}  // namespace ptonnx::linalg_loops
