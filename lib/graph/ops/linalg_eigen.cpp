// Type inference of Eigh (PyTensor rel-3.3.0:
// tensor/linalg/decomposition/eigen.py), the core op Blockwise wraps.
//
// - Eigh(lower=True, driver="evr"): one 2-D input (the generalized problem
//   with a second matrix b is not modelled), square when both static dims
//   are known (ValueError otherwise); outputs w (M,) and v (M, N) in
//   linalg_real_output_dtype (float16/float32/bool/8-16-bit ints ->
//   float32, otherwise float64). perform is scipy.linalg.eigh(a, lower,
//   driver): only the `lower` triangle is read; eigenvalues ascending;
//   check_finite raises on inf/NaN. The driver changes only which valid
//   eigenvector basis LAPACK picks, which the comparison does not pin
//   (lib/check/linalg_invariants_eigh.cpp), so it is not an attribute.
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
