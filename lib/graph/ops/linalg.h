// Shared attribute readings of the tier-4 linear algebra ops.
#pragma once

#include "graph/graph.h"
#include "graph/op_schema.h"

namespace ptonnx::linalg {

// ExtractDiag's axes as PyTensor's __init__ leaves them: axis1 < axis2,
// the offset negated when the given axes were swapped. Throws TypeError for
// negative or equal axes.
struct DiagAxes {
  int64_t offset = 0, axis1 = 0, axis2 = 1;
};
DiagAxes diag_axes(const Attributes& attrs);

// linalg_output_dtype (tensor/linalg/dtype_utils.py) of one real input:
// float16, float32, bool and 8/16-bit ints -> float32, others -> float64.
DType lapack_dtype(DType t);
// linalg_output_dtype(a, b): each mapped alone, then combined (float32 with
// float64 is float64).
DType lapack_dtype(DType a, DType b);
// The output type of the b-shaped solvers (SolveTriangular, Solve): A 2-D, b
// with b_ndim (1 or 2) dims; b's static shape in lapack_dtype(A, b).
std::vector<TensorType> solver_out(const InferContext& c);

// Cholesky's `lower` attribute (default true).
// SolveTriangular's flags (lower default false, unit_diagonal false).
inline bool attr_flag(const Attributes& a, const char* name, bool dflt) {
  return has_attr(a, name) ? attr_int(a, name) != 0 : dflt;
}
inline bool cholesky_lower(const Attributes& a) { return !has_attr(a, "lower") || attr_int(a, "lower") != 0; }

}  // namespace ptonnx::linalg
