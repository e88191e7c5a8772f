// Type inference of MatrixPinv (PyTensor rel-3.3.0:
// tensor/linalg/inverse.py), the core op Blockwise wraps.
//
// - MatrixPinv(hermitian): one 2-D input (make_node asserts x.ndim == 2);
//   output a matrix in linalg_output_dtype with the static shape (N, M),
//   the input's reversed. perform is numpy.linalg.pinv(x, hermitian=...)
//   with NumPy's default rcond 1e-15 (oracles/linalg_pinv.cpp).
#include "graph/ops/infer_helpers.h"
#include "graph/ops/linalg.h"

namespace ptonnx::linalg {
namespace {

std::vector<TensorType> pinv_out(const InferContext& c) {
  if (c.type(0).ndim() != 2)
    c.fail("MatrixPinv takes a matrix (2-D) input, got " + std::to_string(c.type(0).ndim()) + "-D input");
  const auto& s = c.type(0).shape;
  return {TensorType{lapack_dtype(c.dtype(0)), {s[1], s[0]}}};
}

const OpSchemaRegistrar kMatrixPinv(OpSchema{
    "MatrixPinv",
    1,
    1,
    {{"hermitian", AttrKind::Int}},
    pinv_out,
    "numpy.linalg.pinv(x, rcond=1e-15, hermitian): Vt^T diag(1/s for s > rcond max(s), else 0) U^T"});

}  // namespace
}  // namespace ptonnx::linalg
