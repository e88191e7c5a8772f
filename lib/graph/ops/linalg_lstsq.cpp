// Type inference of Lstsq (PyTensor rel-3.3.0:
// tensor/linalg/solvers/lstsq.py), Lstsq()(x, y, rcond).
//
// make_node declares (dmatrix, dvector, iscalar, dvector) whatever the
// inputs are, and perform is numpy.linalg.lstsq(x, y, rcond)
// (oracles/linalg_lstsq.cpp): x (N, K) the minimum-norm least-squares
// solution, residuals (K,) or (0,) (data dependent: present only when the
// rank is N and M > N), rank int32 0-d, s (min(M, N),) the singular values.
// The IR keeps the declared dtypes (float64, float64, int32, float64; NumPy
// would return float32 arrays for float32 inputs, docs/converter.md) and
// states the static shapes perform returns where they are determined.
// Restrictions (TypeError at graph construction, naming the op):
// - x 2-D (numpy's _assert_2d);
// - y 2-D: NumPy accepts a vector b, but then returns a vector x, which
//   contradicts the declared dmatrix;
// - rcond 0-d (the gufunc's scalar core dimension).
#include <algorithm>

#include "graph/ops/infer_helpers.h"
#include "graph/ops/linalg.h"

namespace ptonnx::linalg {
namespace {

std::vector<TensorType> lstsq_out(const InferContext& c) {
  if (c.type(0).ndim() != 2)
    c.fail("Lstsq takes a matrix (2-D) x, got " + std::to_string(c.type(0).ndim()) + "-D input");
  if (c.type(1).ndim() != 2)
    c.fail("Lstsq takes a matrix (2-D) y, got " + std::to_string(c.type(1).ndim()) +
           "-D input (the declared x output is a dmatrix: pass y[:, None] for one right-hand side)");
  if (c.type(2).ndim() != 0) c.fail("Lstsq takes a 0-d rcond, got " + std::to_string(c.type(2).ndim()) + "-D input");
  const StaticDim m = c.type(0).shape[0], n = c.type(0).shape[1];
  const StaticDim m2 = c.type(1).shape[0], k = c.type(1).shape[1];
  if (m && m2 && *m != *m2)
    c.fail("Lstsq: incompatible dimensions: x has " + std::to_string(*m) + " rows, y " + std::to_string(*m2));
  StaticDim mn;
  if (m && n)
    mn = std::min(*m, *n);
  else if ((m && *m == 0) || (n && *n == 0))
    mn = 0;
  return {TensorType{DType::Float64, {n, k}}, TensorType{DType::Float64, {std::nullopt}}, TensorType{DType::Int32, {}},
          TensorType{DType::Float64, {mn}}};
}

const OpSchemaRegistrar kLstsq(OpSchema{
    "Lstsq",
    3,
    3,
    {},
    lstsq_out,
    "numpy.linalg.lstsq(x, y, rcond) (gelsd): (x, residuals, rank, s) in the declared float64/int32 dtypes"});

}  // namespace
}  // namespace ptonnx::linalg
