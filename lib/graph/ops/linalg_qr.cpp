// Type inference of QR (PyTensor rel-3.3.0:
// tensor/linalg/decomposition/qr.py, class QR), the core op Blockwise wraps.
//
// QR(mode, pivoting=False) on one 2-D input, K = min(M, N), outputs in
// linalg_output_dtype (float16, float32, bool, 8/16-bit ints -> float32,
// others float64). perform is LAPACK's geqrf (+ orgqr), and the IR states
// the shapes perform returns:
//   full:     Q (M, M), R (M, N)
//   economic: Q (M, K), R (K, N)
//   r:        R (M, N)                       (scipy's, not numpy's (K, N))
//   raw:      H (M, N), tau (K,), R (K, N)
// For raw, make_node declares H as (M, M) (the gufunc signature says
// (n, m)) and R as (M, N), but perform returns geqrf's packed (M, N) array
// in the input's orientation and triu(qr[:N]) when M >= N: the declared
// shapes contradict perform for any non-square input, so the IR follows
// perform, as it does for LU. K is static when both dims are, or one is a
// static 0.
//
// pivoting=True (geqp3, with a fourth output P) is not modelled: the IR
// refuses it (docs/converter.md). The builder maps numpy's mode names
// ("complete" -> full, "reduced" -> economic) as PyTensor's qr() does.
#include "graph/ops/infer_helpers.h"
#include "graph/ops/linalg.h"

namespace ptonnx::linalg {
namespace {

std::vector<TensorType> qr_out(const InferContext& c) {
  if (c.type(0).ndim() != 2) c.fail("The input of qr function should be a matrix.");
  if (attr_flag(c.attrs, "pivoting", false))
    c.fail("QR(pivoting=True) (geqp3, column pivoting) is not modelled; only pivoting=False (geqrf)");
  const std::string mode = has_attr(c.attrs, "mode") ? attr_string(c.attrs, "mode") : "full";
  const DType t = lapack_dtype(c.dtype(0));
  const StaticDim m = c.type(0).shape[0], n = c.type(0).shape[1];
  StaticDim k;
  if (m && n)
    k = std::min(*m, *n);
  else if ((m && *m == 0) || (n && *n == 0))
    k = 0;
  const TensorType full_r{t, {m, n}}, thin_r{t, {k, n}};
  if (mode == "economic") return {TensorType{t, {m, k}}, thin_r};
  if (mode == "r") return {full_r};
  if (mode == "raw") return {TensorType{t, {m, n}}, TensorType{t, {k}}, thin_r};
  return {TensorType{t, {m, m}}, full_r};
}

const OpSchemaRegistrar kQR(OpSchema{
    "QR",
    1,
    1,
    {{"mode", AttrKind::String, false, {"full", "economic", "r", "raw"}}, {"pivoting", AttrKind::Int}},
    qr_out,
    "scipy-style QR by LAPACK geqrf (+ orgqr): full (Q, R), economic (Q, R), r (R) "
    "or raw (packed Householder matrix, tau, R)"});

}  // namespace
}  // namespace ptonnx::linalg
