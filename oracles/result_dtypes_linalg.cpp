// Output dtypes of the linear algebra (pytensor/tensor/linalg/*, rel-3.x:
// every float output is `linalg_output_dtype` of the inputs, dtype_utils.py:
// bool, the 8- and 16-bit ints, float16 and float32 give float32; the 32-
// and 64-bit ints and float64 give float64; several inputs are mapped one
// by one and then promoted) and of the products (tensor/math.py Dot,
// tensor/blas: Dot22, Gemm, Gemv, BatchedDot).
#include "graph/attributes.h"
#include "oracles/dtype_rules.h"
#include "oracles/result_dtypes.h"

namespace ptonnx::oracle {
namespace {

using Dts = std::vector<DType>;

// linalg_output_dtype of all inputs: each mapped to its LAPACK dtype (the
// same table as SciPy's find_best_lapack_type), then promoted.
DType lapack_of(const Dts& in) {
  Dts mapped;
  for (DType t : in) mapped.push_back(dtypes::scipy_lapack_dtype(t));
  return dtypes::numpy_promote(std::span<const DType>(mapped));
}

// Cholesky, MatrixInverse, MatrixPinv, Det, SLogDet, Expm, Eigh, SVD, Eig's
// components (promote_types(x, complex64) has the same real part), Solve
// and SolveTriangular (of A and b): every output in the LAPACK dtype.
Dts all_lapack(const Node& node, const Dts& in) { return Dts(node.outputs.size(), lapack_of(in)); }

// LU: p_indices=True gives [p int32, L, U]; otherwise every output (P, L, U
// or PL, U) in the LAPACK dtype (lu.py: P is linalg_real_output_dtype).
Dts lu_out(const Node& node, const Dts& in) {
  Dts out(node.outputs.size(), lapack_of(in));
  if (has_attr(node.attrs, "p_indices") && attr_int(node.attrs, "p_indices") != 0) out.at(0) = DType::Int32;
  return out;
}

// QR: every factor in the LAPACK dtype; pivoting appends P as int32.
Dts qr_out(const Node& node, const Dts& in) {
  Dts out(node.outputs.size(), lapack_of(in));
  if (has_attr(node.attrs, "pivoting") && attr_int(node.attrs, "pivoting") != 0) out.back() = DType::Int32;
  return out;
}

// Lstsq: fixed [dmatrix, dvector, iscalar, dvector] whatever the inputs.
Dts lstsq_out(const Node&, const Dts&) { return {DType::Float64, DType::Float64, DType::Int32, DType::Float64}; }

// Dot and BatchedDot: the upcast of the two operands (ints included).
Dts upcast_out(const Node&, const Dts& in) { return {dtypes::numpy_promote(std::span<const DType>(in))}; }

// Dot22: x's dtype (make_node insists y has it too); Gemm(z, a, x, y, b):
// z's; Gemv(y, alpha, A, x, beta): y's.
Dts first_out(const Node&, const Dts& in) { return {in.at(0)}; }

const DTypeRuleRegistrar kRules[] = {
    {"Cholesky", all_lapack},
    {"MatrixInverse", all_lapack},
    {"MatrixPinv", all_lapack},
    {"Det", all_lapack},
    {"SLogDet", all_lapack},
    {"Expm", all_lapack},
    {"Eigh", all_lapack},
    {"SVD", all_lapack},
    {"Eig", all_lapack},
    {"Solve", all_lapack},
    {"SolveTriangular", all_lapack},
    {"LU", lu_out},
    {"QR", qr_out},
    {"Lstsq", lstsq_out},
    {"Dot", upcast_out},
    {"BatchedDot", upcast_out},
    {"Dot22", first_out},
    {"Gemm", first_out},
    {"Gemv", first_out},
};

}  // namespace
}  // namespace ptonnx::oracle
