// Type inference of Expm (PyTensor rel-3.3.0: tensor/linalg/products.py
// Expm, the core op Blockwise wraps; perform is scipy.linalg.expm).
//
// make_node asserts a 2-D input and declares a matrix of
// linalg_output_dtype(A) (float16, float32, bool, 8/16-bit ints -> float32,
// others float64) with A's static shape. PyTensor checks squareness only at
// run time (scipy raises LinAlgError: out of domain), so the IR accepts a
// non-square static shape as PyTensor's make_node does.
#include "graph/ops/infer_helpers.h"
#include "graph/ops/linalg.h"

namespace ptonnx::linalg {
namespace {

std::vector<TensorType> expm_out(const InferContext& c) {
  if (c.type(0).ndim() != 2)
    c.fail("Expm only allowed on matrix (2-D) inputs (PyTensor asserts A.ndim == 2), got " +
           std::to_string(c.type(0).ndim()) + "-D input");
  return infer::one(lapack_dtype(c.dtype(0)), c.type(0).shape);
}

const OpSchemaRegistrar kExpm(OpSchema{
    "Expm",
    1,
    1,
    {},
    expm_out,
    "scipy.linalg.expm: Al-Mohy & Higham's scaling and squaring with Pade 3/5/7/9/13; exp of the diagonal for "
    "diagonal input, np.exp for 1 x 1"});

}  // namespace
}  // namespace ptonnx::linalg
