// MatrixPinv as standard-domain ONNX, M and N dynamic (semantics:
// oracles/linalg_pinv.cpp): numpy.linalg.pinv's formula on the SVD of
// linalg_loops::svd (one-sided Jacobi, linalg_svd.cpp) with
// full_matrices=False and no completion of U:
//   cutoff = 1e-15 max(s), s_inv = 1/s where s > cutoff else 0,
//   X = Vt^T (s_inv[:, None] U^T)   (N x M; K = 0 gives N x M zeros).
// hermitian: NumPy's svd(hermitian=True) is eigh of the lower triangle, and
// the pseudo-inverse of that symmetric matrix does not depend on how it is
// decomposed (|w| are its singular values), so the export symmetrises the
// lower triangle and takes the same path. U's columns past the SVD's
// numerical rank (sigma <= L u max(sigma), L = max(M, N) rounded up to
// even) are zero, so the export's effective cutoff is max(1e-15, L u)
// max(s): the two agree unless a singular value lies between 1e-15 and
// L u relative to the largest, which the spec excludes (domain_notes).
#include "convert/ops/axes.h"
#include "convert/ops/linalg_jacobi.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"
#include "graph/ops/linalg.h"

namespace ptonnx {
namespace {

void convert_pinv(ConversionContext& c, const Node& n) {
  const DType t = c.out_dtype(0);
  Emit e{c};
  std::string A = c.cast(c.in(0), c.in_dtype(0), t);
  if (linalg::attr_flag(n.attrs, "hermitian", false)) {
    // The symmetric matrix of A's lower triangle: A[i, j] for i >= j, A[j, i]
    // above. A^T is reshaped to A's shape: the identity when square, and an
    // empty M x N (M or N 0) stays one, which NumPy returns before eigh
    // refuses a non-square matrix.
    const std::string shape = e.op("Shape", {A}, "shape");
    const std::string m = linalg_loops::dim(c, shape, 0, "m"), n_cols = linalg_loops::dim(c, shape, 1, "n");
    const std::string rows = linalg_loops::range(c, m, "rows");
    const std::string cols = linalg_loops::range(c, n_cols, "cols");
    // Reshape's 0 copies the input's dim (no allowzero before opset 14):
    // [-1, N], or [M, -1] when N is 0, [0, 0] when both are.
    const std::string minus1 = axes::int64_vector(c, {-1}, "minus1");
    const std::string target =
        e.op("Where",
             {e.op("Equal", {n_cols, c.scalar(DType::Int64, 0)}, "n_zero"),
              e.op("Where",
                   {e.op("Equal", {m, c.scalar(DType::Int64, 0)}, "m_zero"), axes::int64_vector(c, {0, 0}, "zeros"),
                    e.op("Concat", {linalg_loops::unsqueeze(c, m, 0, "m1"), minus1}, "by_rows", 0)},
                   "no_cols"),
              e.op("Concat", {minus1, linalg_loops::unsqueeze(c, n_cols, 0, "n1")}, "by_cols", 0)},
             "target");
    const std::string lower = e.op(
        "GreaterOrEqual",
        {linalg_loops::unsqueeze(c, rows, 1, "rows_col"), linalg_loops::unsqueeze(c, cols, 0, "cols_row")}, "lower");
    A = axes::pin_rank(
        c, e.op("Where", {lower, A, e.op("Reshape", {linalg_loops::transpose(c, A), target}, "upper")}, "symmetric"),
        2);
  }
  linalg_loops::SVDOptions o;
  o.full_matrices = false;
  o.complete = false;
  const auto r = linalg_loops::svd(c, A, t, o);
  const std::string s_max = c.temp("s_max");
  set_attr(c.emit("ReduceMax", {e.op("Concat", {r.s, linalg_loops::unsqueeze(c, c.scalar(t, 0), 0, "zero1")}, "s0", 0)},
                  {s_max}),
           "keepdims", int64_t{0});
  const std::string large = e.op("Greater", {r.s, e.op("Mul", {s_max, c.scalar(t, 1e-15)}, "cutoff")}, "large");
  const std::string s_inv =
      e.op("Where",
           {large, e.op("Reciprocal", {e.op("Where", {large, r.s, c.scalar(t, 1)}, "safe_s")}, "reciprocal"),
            c.scalar(t, 0)},
           "s_inv");
  const std::string scaled_Ut =
      e.op("Mul", {linalg_loops::unsqueeze(c, s_inv, 1, "s_inv_col"), linalg_loops::transpose(c, r.U)}, "scaled_Ut");
  c.emit("MatMul", {linalg_loops::transpose(c, r.Vt), scaled_Ut}, {c.out(0)});
}

const ConverterRegistrar kMatrixPinv("MatrixPinv", 13, convert_pinv);

}  // namespace
}  // namespace ptonnx
