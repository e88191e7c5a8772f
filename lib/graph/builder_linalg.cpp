#include "graph/builder_linalg.h"

#include <cctype>
#include <map>

#include "graph/builder_shape.h"

namespace ptonnx::pt {

VarRef dot(VarRef x, VarRef y) { return apply_op1("Dot", {std::move(x), std::move(y)}); }
VarRef dot22(VarRef x, VarRef y) { return apply_op1("Dot22", {std::move(x), std::move(y)}); }
VarRef gemm(VarRef z, VarRef a, VarRef x, VarRef y, VarRef b) {
  return apply_op1("Gemm", {std::move(z), std::move(a), std::move(x), std::move(y), std::move(b)});
}
VarRef gemv(VarRef y, VarRef alpha, VarRef A, VarRef x, VarRef beta) {
  return apply_op1("Gemv", {std::move(y), std::move(alpha), std::move(A), std::move(x), std::move(beta)});
}
VarRef batched_dot(VarRef x, VarRef y) { return apply_op1("BatchedDot", {std::move(x), std::move(y)}); }

}  // namespace ptonnx::pt

namespace ptonnx::pt {
VarRef extract_diag(VarRef x, int64_t offset, int64_t axis1, int64_t axis2) {
  Attributes a;
  a["offset"] = offset;
  a["axis1"] = axis1;
  a["axis2"] = axis2;
  return apply_op1("ExtractDiag", {std::move(x)}, std::move(a));
}
}  // namespace ptonnx::pt

namespace ptonnx::pt {
VarRef cholesky(VarRef x, bool lower) {
  Attributes a;
  a["lower"] = int64_t{lower ? 1 : 0};
  return apply_op1("Cholesky", {std::move(x)}, std::move(a));
}
}  // namespace ptonnx::pt

namespace ptonnx::pt {
VarRef solve_triangular(VarRef a, VarRef b, int trans, bool lower, bool unit_diagonal) {
  if (trans == 1 || trans == 2) {
    a = pt::dimshuffle(a, {1, 0});
    lower = !lower;
  }
  Attributes at;
  at["lower"] = int64_t{lower ? 1 : 0};
  at["unit_diagonal"] = int64_t{unit_diagonal ? 1 : 0};
  at["b_ndim"] = b->type.ndim();
  return apply_op1("SolveTriangular", {std::move(a), std::move(b)}, std::move(at));
}
}  // namespace ptonnx::pt

namespace ptonnx::pt {
std::vector<VarRef> lu(VarRef a, bool permute_l, bool p_indices) {
  Attributes at;
  at["permute_l"] = int64_t{permute_l ? 1 : 0};
  at["p_indices"] = int64_t{p_indices ? 1 : 0};
  return apply_op("LU", {std::move(a)}, std::move(at));
}
VarRef det(VarRef x) { return apply_op1("Det", {std::move(x)}); }
std::pair<VarRef, VarRef> slogdet(VarRef x) {
  auto outs = apply_op("SLogDet", {std::move(x)});
  return {outs.at(0), outs.at(1)};
}
VarRef solve(VarRef a, VarRef b, const std::string& assume_a, bool lower, bool transposed) {
  static const std::map<std::string, std::string> kLongNames = {
      {"general", "gen"}, {"symmetric", "sym"}, {"hermitian", "her"}, {"positive definite", "pos"}};
  std::string kind = assume_a;
  for (auto& ch : kind) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (auto it = kLongNames.find(kind); it != kLongNames.end()) kind = it->second;
  if (transposed) {
    a = pt::dimshuffle(a, {1, 0});
    lower = !lower;
  }
  Attributes at;
  at["assume_a"] = kind;
  at["lower"] = int64_t{lower ? 1 : 0};
  at["b_ndim"] = b->type.ndim();
  return apply_op1("Solve", {std::move(a), std::move(b)}, std::move(at));
}
VarRef matrix_inverse(VarRef x) { return apply_op1("MatrixInverse", {std::move(x)}); }
}  // namespace ptonnx::pt

namespace ptonnx::pt {
std::pair<VarRef, VarRef> eigh(VarRef a, bool lower) {
  auto outs = apply_op("Eigh", {std::move(a)}, Attributes{{"lower", int64_t{lower ? 1 : 0}}});
  return {outs.at(0), outs.at(1)};
}
}  // namespace ptonnx::pt

namespace ptonnx::pt {
VarRef expm(VarRef x) { return apply_op1("Expm", {std::move(x)}); }
}  // namespace ptonnx::pt

namespace ptonnx::pt {
std::vector<VarRef> qr(VarRef x, const std::string& mode) {
  const std::string m = mode == "complete" ? "full" : mode == "reduced" ? "economic" : mode;
  return apply_op("QR", {std::move(x)}, Attributes{{"mode", m}, {"pivoting", int64_t{0}}});
}
}  // namespace ptonnx::pt

namespace ptonnx::pt {
std::vector<VarRef> svd(VarRef a, bool full_matrices, bool compute_uv) {
  return apply_op(
      "SVD", {std::move(a)},
      Attributes{{"full_matrices", int64_t{full_matrices ? 1 : 0}}, {"compute_uv", int64_t{compute_uv ? 1 : 0}}});
}
}  // namespace ptonnx::pt

namespace ptonnx::pt {
VarRef pinv(VarRef x, bool hermitian) {
  return apply_op("MatrixPinv", {std::move(x)}, Attributes{{"hermitian", int64_t{hermitian ? 1 : 0}}}).at(0);
}
}  // namespace ptonnx::pt

namespace ptonnx::pt {
std::vector<VarRef> eig(VarRef a) { return apply_op("Eig", {std::move(a)}); }
}  // namespace ptonnx::pt

namespace ptonnx::pt {
std::vector<VarRef> lstsq(VarRef x, VarRef y, VarRef rcond) {
  return apply_op("Lstsq", {std::move(x), std::move(y), std::move(rcond)});
}
}  // namespace ptonnx::pt
