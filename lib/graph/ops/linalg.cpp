// Type inference of the tier-4 products (pytensor/tensor/math.py Dot,
// tensor/blas/{gemm,gemv,batched}.py Dot22, Gemm, Gemv, BatchedDot) and of
// ExtractDiag (tensor/basic.py), at PyTensor rel-3.3.0.
//
// - Dot(x, y): 2-D x 2-D, any dtypes; output upcast(x, y), shape
//   (x0, y1); a static shared dim that differs raises (make_node).
// - Dot22(x, y): 2-D float16/32/64 of one dtype (complex is not modelled).
// - Gemm(z, a, x, y, b): z, x, y 2-D, a and b 0-d, all one float dtype;
//   output (x0, y1) in that dtype (z broadcasts up to the product).
// - Gemv(y, alpha, A, x, beta): y, A, x of one dtype (any), A 2-D, x and y
//   1-D; output y's type. PyTensor does not check alpha/beta at all; the IR
//   requires them 0-d (perform's `alpha != 1` raises for a non-scalar).
// - BatchedDot(x, y): 3-D x 3-D, output upcast, (batch, x1, y2); static
//   batch or shared dims that differ raise (no batch broadcasting).
#include "graph/ops/linalg.h"

#include <algorithm>

#include "core/error.h"
#include "graph/ops/infer_helpers.h"

namespace ptonnx::linalg {
namespace {

using infer::one;

void require_ndim(const InferContext& c, size_t i, int64_t ndim, const char* what) {
  if (c.type(i).ndim() != ndim)
    c.fail(std::string(what) + " must have " + std::to_string(ndim) + " dimensions, got " +
           std::to_string(c.type(i).ndim()));
}

void require_same_static(const InferContext& c, const StaticDim& a, const StaticDim& b, const char* what) {
  if (a && b && *a != *b)
    c.fail(std::string("incompatible ") + what + ": " + std::to_string(*a) + " vs " + std::to_string(*b));
}

void require_float(const InferContext& c, DType t) {
  if (!is_float(t)) c.fail("requires floating-point dtypes, got " + std::string(dtype_name(t)));
}

std::vector<TensorType> dot_out(const InferContext& c) {
  require_ndim(c, 0, 2, "x");
  require_ndim(c, 1, 2, "y");
  require_same_static(c, c.type(0).shape[1], c.type(1).shape[0], "shared dimension for dot product");
  return one(promote(c.dtype(0), c.dtype(1)), {c.type(0).shape[0], c.type(1).shape[1]});
}

std::vector<TensorType> dot22_out(const InferContext& c) {
  require_ndim(c, 0, 2, "x");
  require_ndim(c, 1, 2, "y");
  require_float(c, c.dtype(0));
  if (c.dtype(0) != c.dtype(1)) c.fail("dtype mismatch to Dot22");
  return one(c.dtype(0), {c.type(0).shape[0], c.type(1).shape[1]});
}

std::vector<TensorType> gemm_out(const InferContext& c) {
  require_ndim(c, 0, 2, "z");
  require_ndim(c, 1, 0, "a");
  require_ndim(c, 2, 2, "x");
  require_ndim(c, 3, 2, "y");
  require_ndim(c, 4, 0, "b");
  for (size_t i = 1; i < 5; ++i)
    if (c.dtype(i) != c.dtype(0)) c.fail("gemm requires matching dtypes");
  require_float(c, c.dtype(0));
  return one(c.dtype(0), {c.type(2).shape[0], c.type(3).shape[1]});
}

std::vector<TensorType> gemv_out(const InferContext& c) {
  if (c.dtype(0) != c.dtype(2) || c.dtype(0) != c.dtype(3)) c.fail("Gemv requires matching dtypes");
  require_ndim(c, 2, 2, "A");
  require_ndim(c, 3, 1, "x");
  require_ndim(c, 0, 1, "y");
  require_ndim(c, 1, 0, "alpha");
  require_ndim(c, 4, 0, "beta");
  return {c.type(0)};
}

std::vector<TensorType> batched_dot_out(const InferContext& c) {
  require_ndim(c, 0, 3, "x");
  require_ndim(c, 1, 3, "y");
  const auto &sx = c.type(0).shape, &sy = c.type(1).shape;
  require_same_static(c, sx[0], sy[0], "batch dimensions (BatchedDot does not broadcast)");
  require_same_static(c, sx[2], sy[1], "shared dimensions");
  return one(promote(c.dtype(0), c.dtype(1)), {sx[0] ? sx[0] : sy[0], sx[1], sy[2]});
}

const OpSchemaRegistrar kDot(OpSchema{"Dot", 2, 2, {}, dot_out, "pt.dot of matrices: np.matmul, upcast dtype"});
const OpSchemaRegistrar kDot22(OpSchema{"Dot22", 2, 2, {}, dot22_out, "blas Dot22: np.dot of two float matrices"});
const OpSchemaRegistrar kGemm(OpSchema{
    "Gemm", 5, 5, {}, gemm_out, "blas Gemm(z, a, x, y, b) = b*z + a*dot(x, y); z ignored when b == 0"});
const OpSchemaRegistrar kGemv(OpSchema{
    "Gemv", 5, 5, {}, gemv_out, "blas Gemv(y, alpha, A, x, beta) = beta*y + alpha*dot(A, x)"});
const OpSchemaRegistrar kBatchedDot(OpSchema{
    "BatchedDot", 2, 2, {}, batched_dot_out, "blas BatchedDot: np.matmul of 3-D stacks, equal batch"});

}  // namespace
}  // namespace ptonnx::linalg

// ExtractDiag(offset, axis1, axis2) (tensor/basic.py, rel-3.3.0):
// __init__ refuses negative axes (NotImplementedError; pt.diagonal
// normalises them first) and equal axes, and sorts the axes, negating the
// offset when it swaps them; make_node needs ndim >= 2. The output drops
// both axes and appends the diagonal, whose static length is
// clip(d2 - offset, 0, d1) (offset > 0), clip(d1 + offset, 0, d2)
// (offset < 0) or min(d1, d2).
namespace ptonnx::linalg {

DiagAxes diag_axes(const Attributes& attrs) {
  DiagAxes d;
  d.offset = has_attr(attrs, "offset") ? attr_int(attrs, "offset") : 0;
  d.axis1 = has_attr(attrs, "axis1") ? attr_int(attrs, "axis1") : 0;
  d.axis2 = has_attr(attrs, "axis2") ? attr_int(attrs, "axis2") : 1;
  if (d.axis1 < 0 || d.axis2 < 0)
    throw TypeError("ExtractDiag does not support negative axis (pt.diagonal normalises them)");
  if (d.axis1 == d.axis2) throw TypeError("axis1 and axis2 cannot be the same");
  if (d.axis1 > d.axis2) {
    std::swap(d.axis1, d.axis2);
    d.offset = -d.offset;
  }
  return d;
}

namespace {

std::vector<TensorType> extract_diag_out(const InferContext& c) {
  DiagAxes d;
  try {
    d = diag_axes(c.attrs);
  } catch (const TypeError& e) {
    c.fail(e.what());
  }
  const int64_t nd = c.type(0).ndim();
  if (nd < 2) c.fail("ExtractDiag needs an input with 2 or more dimensions");
  if (d.axis2 >= nd)
    c.fail("axis " + std::to_string(d.axis2) + " is out of bounds for " + std::to_string(nd) + " dims");
  const auto& s = c.type(0).shape;
  StaticShape out;
  for (int64_t i = 0; i < nd; ++i)
    if (i != d.axis1 && i != d.axis2) out.push_back(s[i]);
  StaticDim len;
  if (s[d.axis1] && s[d.axis2]) {
    const int64_t d1 = *s[d.axis1], d2 = *s[d.axis2];
    if (d.offset > 0)
      len = std::clamp<int64_t>(d2 - d.offset, 0, d1);
    else if (d.offset < 0)
      len = std::clamp<int64_t>(d1 + d.offset, 0, d2);
    else
      len = std::min(d1, d2);
  }
  out.push_back(len);
  return one(c.dtype(0), out);
}

const OpSchemaRegistrar kExtractDiag(OpSchema{
    "ExtractDiag",
    1,
    1,
    {{"offset", AttrKind::Int}, {"axis1", AttrKind::Int}, {"axis2", AttrKind::Int}},
    extract_diag_out,
    "np.diagonal(x, offset, axis1, axis2): diagonal axis appended last"});

}  // namespace
}  // namespace ptonnx::linalg

// Cholesky(lower=True) (tensor/linalg/decomposition/cholesky.py, the core
// op Blockwise wraps): a 2-D input; the output has the input's static
// shape and linalg_output_dtype (dtype_utils.py: float16/float32 and
// 8/16-bit ints and bool -> float32, everything else -> float64).
namespace ptonnx::linalg {

DType lapack_dtype(DType t) {
  const bool single = t == DType::Float16 || t == DType::Float32 || t == DType::Bool || t == DType::Int8 ||
                      t == DType::Int16 || t == DType::UInt8 || t == DType::UInt16;
  return single ? DType::Float32 : DType::Float64;
}

namespace {

std::vector<TensorType> cholesky_out(const InferContext& c) {
  if (c.type(0).ndim() != 2) c.fail("Cholesky only allowed on matrix (2-D) inputs");
  return one(lapack_dtype(c.dtype(0)), c.type(0).shape);
}

const OpSchemaRegistrar kCholesky(OpSchema{"Cholesky",
                                           1,
                                           1,
                                           {{"lower", AttrKind::Int}},
                                           cholesky_out,
                                           "scipy potrf(clean=True): one triangle read, the other zeroed; "
                                           "all-NaN when not positive definite"});

}  // namespace
}  // namespace ptonnx::linalg

// SolveTriangular(lower=False, unit_diagonal=False, b_ndim)
// (tensor/linalg/solvers/{core,triangular}.py): the core op Blockwise wraps
// (solve_triangular's `trans` transposes a and flips `lower` before it).
// A must be 2-D and b have b_ndim (1 or 2) dims (ValueError in make_node);
// the output has b's static shape and linalg_output_dtype(A, b): the
// LAPACK dtype of each, combined (float32 with float64 is float64).
namespace ptonnx::linalg {

std::vector<TensorType> solver_out(const InferContext& c) {
  const int64_t b_ndim = has_attr(c.attrs, "b_ndim") ? attr_int(c.attrs, "b_ndim") : c.type(1).ndim();
  if (b_ndim != 1 && b_ndim != 2) c.fail("b_ndim must be 1 or 2");
  if (c.type(0).ndim() != 2) c.fail("`A` must be a matrix");
  if (c.type(1).ndim() != b_ndim) c.fail("`b` must have " + std::to_string(b_ndim) + " dims");
  return infer::one(lapack_dtype(c.dtype(0), c.dtype(1)), c.type(1).shape);
}

namespace {

const OpSchemaRegistrar kSolveTriangular(OpSchema{
    "SolveTriangular",
    2,
    2,
    {{"lower", AttrKind::Int}, {"unit_diagonal", AttrKind::Int}, {"b_ndim", AttrKind::Int}},
    solver_out,
    "scipy trtrs: A x = b with A triangular (one triangle read); all-NaN when a diagonal element is exactly 0"});

}  // namespace
}  // namespace ptonnx::linalg
