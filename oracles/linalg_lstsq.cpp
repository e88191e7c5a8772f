// Oracle kernel of Lstsq (pytensor rel-3.3.0
// pytensor/tensor/linalg/solvers/lstsq.py Lstsq.perform):
// numpy.linalg.lstsq(x, y, rcond) (NumPy 1.24 numpy/linalg/linalg.py and
// umath_linalg's lstsq gufuncs over ?gelsd):
// - float16 x or y raises TypeError ("array type float16 is unsupported in
//   linalg"); rows of x and y that differ raise LinAlgError ("Incompatible
//   dimensions"); a NaN or inf in x makes gelsd fail and NumPy raise
//   ("SVD did not converge in Linear Least Squares"), all PyTensor raising;
// - otherwise gelsd(a, b, rcond) in float64 (ints and bool are converted;
//   float32 would run sgelsd and return float32 arrays, but the outputs
//   follow the declared dmatrix/dvector/iscalar/dvector: docs/converter.md):
//   dlalsd's rcnd = eps (2^-53) when rcond <= 0 or rcond >= 1, singular
//   values s_i <= rcnd max(s) count as zero, and with min(M, N) == 1 the
//   rank is 1 unless the value is exactly 0, whatever rcond is;
// - NumPy gives gelsd a zero right-hand side when y has no column, zeroes x
//   when M == 0, and returns the residuals, column sums of b[N:, :]^2 after
//   gelsd (the part of Q^T b off A's range), only when rank == N and
//   M > N (shape (0,) otherwise); with N == 0 < M they are the column sums
//   of y^2. An empty x (M or N 0) is handled here without gelsd.
// A NaN rcond (gelsd's dlascl refuses it when a singular value is 0) and
// non-finite y (gelsd's scaling of b then spreads NaN) are not modelled.
#include <lapacke.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

std::vector<Tensor> lstsq_kernel(const Node&, const std::vector<Tensor>& in) {
  const Tensor &x = in[0], &y = in[1];
  if (x.dtype() == DType::Float16 || y.dtype() == DType::Float16)
    throw PyTensorRaises("array type float16 is unsupported in linalg");
  const int64_t m = x.shape()[0], n = x.shape()[1], nrhs = y.shape()[1];
  if (y.shape()[0] != m) throw PyTensorRaises("Incompatible dimensions");
  const double rcond = in[2].get_as_double(0);
  if (std::isnan(rcond)) throw Error("oracle: Lstsq: a NaN rcond is not modelled");
  for (int64_t i = 0; i < x.numel(); ++i)
    if (!std::isfinite(x.get_as_double(i))) throw PyTensorRaises("SVD did not converge in Linear Least Squares");
  for (int64_t i = 0; i < y.numel(); ++i)
    if (!std::isfinite(y.get_as_double(i))) throw Error("oracle: Lstsq: non-finite y is not modelled");

  const int64_t k = std::min(m, n), rows = std::max(m, n), cols = std::max<int64_t>(nrhs, 1);
  std::vector<double> a(static_cast<size_t>(m * n)), b(static_cast<size_t>(rows * cols), 0.0),
      s(static_cast<size_t>(k), 0.0);
  for (int64_t i = 0; i < m * n; ++i) a[static_cast<size_t>(i)] = x.get_as_double(i);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < nrhs; ++j) b[static_cast<size_t>(i * cols + j)] = y.get_as_double(i * nrhs + j);
  lapack_int rank = 0;
  if (k > 0) {
    const lapack_int info = LAPACKE_dgelsd(LAPACK_ROW_MAJOR, static_cast<lapack_int>(m), static_cast<lapack_int>(n),
                                           static_cast<lapack_int>(cols), a.data(), static_cast<lapack_int>(n),
                                           b.data(), static_cast<lapack_int>(cols), s.data(), rcond, &rank);
    if (info > 0) throw PyTensorRaises("SVD did not converge in Linear Least Squares");
    if (info < 0) throw Error("oracle: Lstsq: illegal argument to gelsd (" + std::to_string(info) + ")");
  }

  Tensor sol(DType::Float64, {n, nrhs}), res(DType::Float64, {rank == n && m > n ? nrhs : 0}), r(DType::Int32, {}),
      sv(DType::Float64, {k});
  if (k > 0)  // M == 0: NumPy zeroes x; N == 0: x is empty
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < nrhs; ++j) sol.set_from_double(i * nrhs + j, b[static_cast<size_t>(i * cols + j)]);
  for (int64_t j = 0; j < res.numel(); ++j) {
    double acc = 0;
    for (int64_t i = n; i < m; ++i) acc += b[static_cast<size_t>(i * cols + j)] * b[static_cast<size_t>(i * cols + j)];
    res.set_from_double(j, acc);
  }
  r.set_from_double(0, static_cast<double>(rank));
  for (int64_t i = 0; i < k; ++i) sv.set_from_double(i, s[static_cast<size_t>(i)]);
  return {sol, res, r, sv};
}

const KernelRegistrar kLstsq("Lstsq", lstsq_kernel);

}  // namespace
}  // namespace ptonnx::oracle
