// Type inference of LU, Det, SLogDet, Solve and MatrixInverse (PyTensor
// rel-3.3.0: tensor/linalg/decomposition/lu.py, summary.py, inverse.py,
// solvers/{core,general}.py), the core ops Blockwise wraps.
//
// - LU(permute_l=False, p_indices=False): a 2-D input; outputs (P, L, U),
//   (p_indices, L, U) or (PL, U) with permute_l. perform is scipy.linalg.lu,
//   which also factors rectangular M x N matrices: P is M x M, L is M x K,
//   U is K x N with K = min(M, N), and an empty input gives P of shape
//   (0, 0) (p_indices (0,)) whatever M is. PyTensor declares L and U with
//   the input's static shape and P as (M, M), which its own perform
//   contradicts for rectangular or empty inputs; the IR states the shapes
//   perform returns, static where they are determined (K when both dims
//   are, or one is 0). P is in linalg_real_output_dtype (the same real
//   dtype), p_indices int32.
// - Det: 2-D (ValueError otherwise), static dims that differ raise; 0-d
//   output in linalg_output_dtype.
// - SLogDet: 2-D; (sign, logabsdet), both 0-d in the LAPACK dtype.
// - Solve(assume_a="gen", lower=False, b_ndim): A 2-D, b with b_ndim (1 or
//   2) dims; output b's static shape in linalg_output_dtype(A, b). The
//   long names ("general", "symmetric", "hermitian", "positive definite")
//   are PyTensor's aliases and normalised by the builder; tridiagonal and
//   banded are accepted by PyTensor but not modelled here.
// - MatrixInverse: 2-D; the input's static shape, linalg_output_dtype.
#include "core/error.h"
#include "graph/ops/infer_helpers.h"
#include "graph/ops/linalg.h"

namespace ptonnx::linalg {

DType lapack_dtype(DType a, DType b) {
  return lapack_dtype(a) == DType::Float64 || lapack_dtype(b) == DType::Float64 ? DType::Float64 : DType::Float32;
}

namespace {

using infer::one;

void require_matrix(const InferContext& c, const char* op) {
  if (c.type(0).ndim() != 2)
    c.fail(std::string(op) + " only allowed on matrix (2-D) inputs, got " + std::to_string(c.type(0).ndim()) +
           "-D input");
}

void require_square_static(const InferContext& c, const char* what) {
  const auto& s = c.type(0).shape;
  if (s[0] && s[1] && *s[0] != *s[1])
    c.fail(std::string(what) + " not defined for non-square matrix inputs (static shape " + std::to_string(*s[0]) +
           " x " + std::to_string(*s[1]) + ")");
}

std::vector<TensorType> lu_out(const InferContext& c) {
  require_matrix(c, "LU");
  const bool permute_l = attr_flag(c.attrs, "permute_l", false), p_indices = attr_flag(c.attrs, "p_indices", false);
  if (permute_l && p_indices) c.fail("Only one of permute_l and p_indices can be True");
  const DType t = lapack_dtype(c.dtype(0));
  const StaticDim m = c.type(0).shape[0], n = c.type(0).shape[1];
  // K = min(M, N): static when both are, or when either is a static 0.
  StaticDim k;
  if (m && n)
    k = std::min(*m, *n);
  else if ((m && *m == 0) || (n && *n == 0))
    k = 0;
  // P is (M, M), or (0, 0) when the input is empty: static only when K is.
  StaticDim p;
  if (k) p = *k == 0 ? StaticDim{0} : m;
  const TensorType L{t, {m, k}}, U{t, {k, n}};
  if (permute_l) return {L, U};
  if (p_indices) return {TensorType{DType::Int32, {p}}, L, U};
  return {TensorType{t, {p, p}}, L, U};
}

std::vector<TensorType> det_out(const InferContext& c) {
  if (c.type(0).ndim() != 2)
    c.fail("Input passed is not a valid 2D matrix. Current ndim " + std::to_string(c.type(0).ndim()) + " != 2");
  require_square_static(c, "Determinant");
  return one(lapack_dtype(c.dtype(0)), {});
}

std::vector<TensorType> slogdet_out(const InferContext& c) {
  require_matrix(c, "SLogDet");
  const DType t = lapack_dtype(c.dtype(0));
  return {TensorType{t, {}}, TensorType{t, {}}};
}

std::vector<TensorType> inverse_out(const InferContext& c) {
  require_matrix(c, "MatrixInverse");
  return one(lapack_dtype(c.dtype(0)), c.type(0).shape);
}

const OpSchemaRegistrar kLU(OpSchema{"LU",
                                     1,
                                     1,
                                     {{"permute_l", AttrKind::Int}, {"p_indices", AttrKind::Int}},
                                     lu_out,
                                     "scipy.linalg.lu: A = P L U by getrf's partial pivoting (first largest |pivot|); "
                                     "permute_l gives (P L, U), p_indices (int32 rows, L, U)"});
const OpSchemaRegistrar kDet(OpSchema{
    "Det", 1, 1, {}, det_out, "numpy.linalg.det: sign * exp(logabsdet) of getrf's U; 0 when singular"});
const OpSchemaRegistrar kSLogDet(OpSchema{
    "SLogDet", 1, 1, {}, slogdet_out, "numpy.linalg.slogdet: (sign, log|det|) from getrf; (0, -inf) when singular"});
const OpSchemaRegistrar kSolve(OpSchema{
    "Solve",
    2,
    2,
    {{"assume_a", AttrKind::String, false, {"gen", "sym", "her", "pos"}},
     {"lower", AttrKind::Int},
     {"b_ndim", AttrKind::Int}},
    solver_out,
    "scipy.linalg.solve(assume_a gen/sym/her/pos, lower): all-NaN when singular or (pos) not positive definite"});
const OpSchemaRegistrar kMatrixInverse(OpSchema{
    "MatrixInverse", 1, 1, {}, inverse_out, "numpy.linalg.inv (getrf + getri); PyTensor raises when singular"});

}  // namespace
}  // namespace ptonnx::linalg
