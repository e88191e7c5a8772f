// Type inference of Eig, Eigh and SVD (PyTensor rel-3.3.0:
// tensor/linalg/decomposition/{eigen,svd}.py), the core ops Blockwise
// wraps.
//
// - Eig: a 2-D input; PyTensor's outputs are w (M,) and v (M, N) in
//   promote_types(x, complex64) (complex64 for bool, 8/16-bit ints,
//   float16, float32; complex128 otherwise), computed by numpy.linalg.eig.
//   ptonnx's IR has no complex dtype, so it states each complex output as
//   two real ones of the component dtype, (w_real, w_imag, v_real,
//   v_imag), the eigenvector pairs of a complex-conjugate eigenvalue pair
//   as LAPACK returns them (v_j = vr_j + i vr_j+1, v_j+1 its conjugate).
//   The converter refuses it (docs/converter.md, "Eig").
// - Eigh(lower=True, driver="evr"): one 2-D input (the generalized problem
//   with a second matrix b is not modelled), square when both static dims
//   are known (ValueError otherwise); outputs w (M,) and v (M, N) in
//   linalg_real_output_dtype (float16/float32/bool/8-16-bit ints ->
//   float32, otherwise float64). perform is scipy.linalg.eigh(a, lower,
//   driver): only the `lower` triangle is read; eigenvalues ascending;
//   check_finite raises on inf/NaN. The driver changes only which valid
//   eigenvector basis LAPACK picks, which the comparison does not pin
//   (lib/check/linalg_invariants_eigh.cpp), so it is not an attribute.
// - SVD(full_matrices=True, compute_uv=True): a 2-D input; outputs (U, s,
//   Vt), or s alone without compute_uv, U and Vt in linalg_output_dtype and
//   s in linalg_real_output_dtype (the same for real inputs), with no
//   static shapes (PyTensor declares matrix() and vector()). perform is
//   numpy.linalg.svd (gesdd): U (M, M) and Vt (N, N) with full_matrices,
//   (M, K) and (K, N) otherwise, s descending (K = min(M, N)).
#include "graph/ops/infer_helpers.h"
#include "graph/ops/linalg.h"

namespace ptonnx::linalg {
namespace {

std::vector<TensorType> eigh_out(const InferContext& c) {
  const auto& s = c.type(0).shape;
  if (c.type(0).ndim() != 2)
    c.fail("Eigh only allowed on matrix (2-D) inputs, got " + std::to_string(c.type(0).ndim()) + "-D input");
  if (s[0] && s[1] && *s[0] != *s[1])
    c.fail("Input to Eigh must be a square matrix, got static shape: (" + std::to_string(*s[0]) + ", " +
           std::to_string(*s[1]) + ")");
  const DType t = lapack_dtype(c.dtype(0));
  return {TensorType{t, {s[0]}}, TensorType{t, {s[0], s[1]}}};
}

std::vector<TensorType> svd_out(const InferContext& c) {
  if (c.type(0).ndim() != 2) c.fail("The input of svd function should be a matrix.");
  const DType t = lapack_dtype(c.dtype(0));
  const TensorType matrix{t, {std::nullopt, std::nullopt}}, vector{t, {std::nullopt}};
  if (!attr_flag(c.attrs, "compute_uv", true)) return {vector};
  return {matrix, vector, matrix};
}

std::vector<TensorType> eig_out(const InferContext& c) {
  if (c.type(0).ndim() != 2) c.fail("Eig only allowed on matrix (2-D) inputs");
  const auto& s = c.type(0).shape;
  const DType t = lapack_dtype(c.dtype(0));  // the component dtype of promote_types(x, complex64)
  const TensorType w{t, {s[0]}}, v{t, {s[0], s[1]}};
  return {w, w, v, v};
}

const OpSchemaRegistrar kEig(OpSchema{
    "Eig",
    1,
    1,
    {},
    eig_out,
    "numpy.linalg.eig(a): complex w and v, stated as (w_real, w_imag, v_real, v_imag) in the component dtype"});

const OpSchemaRegistrar kSVD(OpSchema{
    "SVD",
    1,
    1,
    {{"full_matrices", AttrKind::Int}, {"compute_uv", AttrKind::Int}},
    svd_out,
    "numpy.linalg.svd(a, full_matrices, compute_uv): U, s descending, Vt (or s alone)"});

const OpSchemaRegistrar kEigh(OpSchema{
    "Eigh",
    1,
    1,
    {{"lower", AttrKind::Int}},
    eigh_out,
    "scipy.linalg.eigh(a, lower): eigenvalues ascending and orthonormal eigenvectors of the symmetric matrix of "
    "a's lower (or upper) triangle"});

}  // namespace
}  // namespace ptonnx::linalg
