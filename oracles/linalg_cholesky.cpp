// Oracle kernel of Cholesky (tensor/linalg/decomposition/cholesky.py
// Cholesky.perform): scipy's potrf of the input in the LAPACK dtype
// (spotrf for float32 outputs, dpotrf for float64) with clean=True (the
// other triangle zeroed); info != 0 (not positive definite, NaN) fills the
// whole output with NaN; an empty input returns an empty array of its own
// shape before the squareness check; a non-square input raises ValueError.
// LAPACK reads only the `lower` (or upper) triangle.
// NaN in the read triangle: reference LAPACK's dpotf2 fails on it (`ajj <=
// 0 or isnan(ajj)`: all NaN); OpenBLAS's own potf2 tests only `ajj <= 0`
// and lets the NaN through, so PyTensor's result depends on the LAPACK
// SciPy links. The oracle takes reference LAPACK's answer through the plain
// LAPACKE call, whose NaN check refuses such input (info < 0, all NaN)
// whichever LAPACK is installed (docs/runtime-errors.md).
#include <lapacke.h>

#include <cmath>
#include <limits>

#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

template <typename T>
void potrf(Tensor& a, bool lower) {
  const int n = static_cast<int>(a.shape()[0]);
  T* p = a.data<T>().data();
  lapack_int info;
  if constexpr (std::is_same_v<T, float>)
    info = LAPACKE_spotrf(LAPACK_ROW_MAJOR, lower ? 'L' : 'U', n, p, n);
  else
    info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, lower ? 'L' : 'U', n, p, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (info != 0)
        p[i * n + j] = std::numeric_limits<T>::quiet_NaN();
      else if (lower ? j > i : j < i)
        p[i * n + j] = 0;
    }
}

std::vector<Tensor> cholesky_kernel(const Node& node, const std::vector<Tensor>& in) {
  const DType t = out_dtype(node);
  const bool lower = !has_attr(node.attrs, "lower") || attr_int(node.attrs, "lower") != 0;
  if (in[0].numel() == 0) return {Tensor(t, in[0].shape())};
  if (in[0].shape()[0] != in[0].shape()[1])
    throw PyTensorRaises("Input array is expected to be square but has the shape: " + in[0].describe());
  Tensor a = to_loop_dtype(in[0], t);
  if (t == DType::Float32)
    potrf<float>(a, lower);
  else
    potrf<double>(a, lower);
  return {a};
}

const KernelRegistrar kCholesky("Cholesky", cholesky_kernel);

}  // namespace
}  // namespace ptonnx::oracle
