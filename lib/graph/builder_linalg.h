// pt:: builders of the tier-4 linear algebra ops.
//
//   auto z = pt::dot(x, y);                 // 2-D x 2-D
//   auto g = pt::gemm(z, a, x, y, b);       // b*z + a*dot(x, y)
#pragma once

#include "graph/graph.h"

namespace ptonnx::pt {

VarRef dot(VarRef x, VarRef y);
VarRef dot22(VarRef x, VarRef y);
VarRef gemm(VarRef z, VarRef a, VarRef x, VarRef y, VarRef b);
VarRef gemv(VarRef y, VarRef alpha, VarRef A, VarRef x, VarRef beta);
VarRef batched_dot(VarRef x, VarRef y);

}  // namespace ptonnx::pt

namespace ptonnx::pt {
// ExtractDiag (pt.diagonal with non-negative axes): np.diagonal.
VarRef extract_diag(VarRef x, int64_t offset = 0, int64_t axis1 = 0, int64_t axis2 = 1);
}  // namespace ptonnx::pt

namespace ptonnx::pt {
// slinalg.cholesky(x, lower) on a matrix (the core Cholesky op).
VarRef cholesky(VarRef x, bool lower = true);
}  // namespace ptonnx::pt

namespace ptonnx::pt {
// slinalg.solve_triangular(a, b, trans, lower, unit_diagonal): trans 1 or 2
// (real: the same) transposes a and flips lower, as PyTensor's function
// does; b_ndim is b's rank.
VarRef solve_triangular(VarRef a, VarRef b, int trans = 0, bool lower = false, bool unit_diagonal = false);
}  // namespace ptonnx::pt

namespace ptonnx::pt {
// slinalg.lu(a, permute_l, p_indices): {P, L, U}, {p_indices, L, U} or,
// with permute_l, {P L, U}.
std::vector<VarRef> lu(VarRef a, bool permute_l = false, bool p_indices = false);
// nlinalg.det(x) and slogdet's core op (sign, logabsdet) on a matrix.
VarRef det(VarRef x);
std::pair<VarRef, VarRef> slogdet(VarRef x);
// slinalg.solve(a, b, assume_a, lower, transposed): assume_a "gen", "sym",
// "her", "pos" or PyTensor's long names ("general", "symmetric",
// "hermitian", "positive definite"); transposed solves a^T x = b by
// transposing a and flipping lower, as PyTensor's function does.
VarRef solve(VarRef a, VarRef b, const std::string& assume_a = "gen", bool lower = false, bool transposed = false);
// nlinalg.matrix_inverse(x).
VarRef matrix_inverse(VarRef x);
}  // namespace ptonnx::pt

namespace ptonnx::pt {
// linalg.eigh(a, lower): {w ascending, v} of the symmetric matrix of a's
// lower (upper) triangle.
std::pair<VarRef, VarRef> eigh(VarRef a, bool lower = true);
}  // namespace ptonnx::pt

namespace ptonnx::pt {
// slinalg.expm(x) on a matrix (the core Expm op): scipy.linalg.expm.
VarRef expm(VarRef x);
}  // namespace ptonnx::pt

namespace ptonnx::pt {
// linalg.qr(x, mode) without pivoting: {Q, R} (full, economic), {R} (r) or
// {H, tau, R} (raw); numpy's "complete" and "reduced" name full and
// economic, as in PyTensor.
std::vector<VarRef> qr(VarRef x, const std::string& mode = "full");
}  // namespace ptonnx::pt

namespace ptonnx::pt {
// nlinalg.svd(a, full_matrices, compute_uv): {U, s, Vt}, or {s} without
// compute_uv.
std::vector<VarRef> svd(VarRef a, bool full_matrices = true, bool compute_uv = true);
}  // namespace ptonnx::pt

namespace ptonnx::pt {
// nlinalg.pinv(x, hermitian) (the core MatrixPinv op): numpy.linalg.pinv
// with rcond 1e-15; hermitian reads the lower triangle only.
VarRef pinv(VarRef x, bool hermitian = false);
}  // namespace ptonnx::pt

namespace ptonnx::pt {
// nlinalg.eig(a): the complex w and v as {w_real, w_imag, v_real, v_imag}
// (the IR has no complex dtype; lib/graph/ops/linalg_eigen.cpp).
std::vector<VarRef> eig(VarRef a);
}  // namespace ptonnx::pt

namespace ptonnx::pt {
// nlinalg.lstsq(x, y, rcond) (the Lstsq op): numpy.linalg.lstsq as
// {x, residuals, rank, s}; x and y matrices, rcond 0-d.
std::vector<VarRef> lstsq(VarRef x, VarRef y, VarRef rcond);
}  // namespace ptonnx::pt
