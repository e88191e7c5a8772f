// Oracle kernels of Solve and MatrixInverse (pytensor rel-3.3.0:
// pytensor/tensor/linalg/solvers/general.py Solve.perform,
// pytensor/tensor/linalg/inverse.py MatrixInverse.perform).
//
// Solve.perform is scipy.linalg.solve(a, b, lower, check_finite=False,
// assume_a) (scipy/linalg/_basic.py solve): a non-square `a` raises
// ValueError; rows(b) != n raises too, except scipy's "last chance" for a
// 1 x 1 `a` and a non-empty 1-D b of any length m, which becomes the 1 x m
// right-hand side b[None, :] (m systems of size 1; raveled back to (m,));
// an empty b returns an empty array of b's shape. Otherwise the LAPACK
// driver of assume_a in the LAPACK dtype: gen ?gesv (getrf + getrs), sym
// and her (the same for real data) ?sysv (Bunch-Kaufman, reads only the
// `lower`, else upper, triangle), pos ?posv (Cholesky of that triangle).
// info > 0 (an exactly singular pivot; for pos, not positive definite) is
// scipy's LinAlgError, which Solve.perform catches to return
// np.full(a.shape, nan, dtype=a.dtype): for an integer or bool `a` np.full
// itself raises (NaN to an integer), so PyTensor raises; for a float `a` the
// oracle returns all-NaN in the output type (b's shape and the declared
// dtype -- PyTensor's array has a's shape and dtype, which contradicts its
// own output type unless b is n x n: a documented deviation). An
// ill-conditioned matrix only warns (LinAlgWarning).
//
// MatrixInverse.perform is numpy.linalg.inv (numpy/linalg/linalg.py inv,
// umath_linalg.cpp call_gesv): float16 raises TypeError ("array type
// float16 is unsupported in linalg"), a non-square matrix LinAlgError; an
// exactly singular matrix (gesv info > 0) raises LinAlgError("Singular
// matrix") -- PyTensor does not catch it -- and 0 x 0 gives an empty 0 x 0.
// Otherwise gesv(A, I).
//
// The oracle computes in the declared output dtype on row-major copies
// through LAPACKE's _work entry points (LAPACKE's NaN check would refuse a
// NaN element with a negative info where scipy, with check_finite=False,
// and NumPy compute with it).
#include <lapacke.h>

#include <limits>
#include <string>

#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

enum class Structure { General, Symmetric, PositiveDefinite };

// Solves A X = B in place (a: n x n, b: n x nrhs, both row-major); info as
// LAPACK's.
template <typename T>
lapack_int lapack_solve(Structure s, bool lower, T* a, T* b, int n, int nrhs) {
  constexpr bool f32 = std::is_same_v<T, float>;
  const int lda = std::max(n, 1), ldb = std::max(nrhs, 1);
  const char uplo = lower ? 'L' : 'U';
  std::vector<lapack_int> ipiv(static_cast<size_t>(lda));
  switch (s) {
    case Structure::General:
      if constexpr (f32)
        return LAPACKE_sgesv_work(LAPACK_ROW_MAJOR, n, nrhs, a, lda, ipiv.data(), b, ldb);
      else
        return LAPACKE_dgesv_work(LAPACK_ROW_MAJOR, n, nrhs, a, lda, ipiv.data(), b, ldb);
    case Structure::PositiveDefinite:
      if constexpr (f32)
        return LAPACKE_sposv_work(LAPACK_ROW_MAJOR, uplo, n, nrhs, a, lda, b, ldb);
      else
        return LAPACKE_dposv_work(LAPACK_ROW_MAJOR, uplo, n, nrhs, a, lda, b, ldb);
    case Structure::Symmetric: {
      // scipy queries the optimal lwork (_compute_lwork(sysv_lwork, n, lower)).
      T query = 0;
      lapack_int info;
      if constexpr (f32)
        info = LAPACKE_ssysv_work(LAPACK_ROW_MAJOR, uplo, n, nrhs, a, lda, ipiv.data(), b, ldb, &query, -1);
      else
        info = LAPACKE_dsysv_work(LAPACK_ROW_MAJOR, uplo, n, nrhs, a, lda, ipiv.data(), b, ldb, &query, -1);
      if (info != 0) return info;
      std::vector<T> work(static_cast<size_t>(std::max<T>(query, 1)));
      const auto lwork = static_cast<lapack_int>(work.size());
      if constexpr (f32)
        return LAPACKE_ssysv_work(LAPACK_ROW_MAJOR, uplo, n, nrhs, a, lda, ipiv.data(), b, ldb, work.data(), lwork);
      else
        return LAPACKE_dsysv_work(LAPACK_ROW_MAJOR, uplo, n, nrhs, a, lda, ipiv.data(), b, ldb, work.data(), lwork);
    }
  }
  return -1;
}

Structure structure_of(const Node& node) {
  const std::string kind = has_attr(node.attrs, "assume_a") ? attr_string(node.attrs, "assume_a") : "gen";
  if (kind == "gen") return Structure::General;
  if (kind == "sym" || kind == "her") return Structure::Symmetric;
  if (kind == "pos") return Structure::PositiveDefinite;
  throw Error("oracle: Solve: assume_a='" + kind + "' is not modelled");
}

template <typename T>
void fill_nan(Tensor& x) {
  for (T& v : x.data<T>()) v = std::numeric_limits<T>::quiet_NaN();
}

std::vector<Tensor> solve_kernel(const Node& node, const std::vector<Tensor>& in) {
  const DType t = out_dtype(node);
  const Structure s = structure_of(node);
  const bool lower = has_attr(node.attrs, "lower") && attr_int(node.attrs, "lower") != 0;
  const Tensor &A = in[0], &B = in[1];
  const int64_t n = A.shape()[0];
  if (A.shape()[0] != A.shape()[1]) throw PyTensorRaises("Input a needs to be a square matrix.");
  // scipy's last chance for a 1 x 1 a: a non-empty 1-D b is the row b[None, :].
  const bool row_rhs = n == 1 && B.rank() == 1 && B.numel() != 0;
  if (B.shape()[0] != n && !row_rhs) throw PyTensorRaises("Input b has to have same number of rows as input a");
  if (B.numel() == 0) return {Tensor(t, B.shape())};
  const int64_t nrhs = row_rhs ? B.numel() : B.rank() == 1 ? 1 : B.shape()[1];
  Tensor a = to_loop_dtype(A, t), x = to_loop_dtype(B, t);
  lapack_int info;
  if (t == DType::Float32)
    info = lapack_solve<float>(s, lower, a.data<float>().data(), x.data<float>().data(), static_cast<int>(n),
                               static_cast<int>(nrhs));
  else
    info = lapack_solve<double>(s, lower, a.data<double>().data(), x.data<double>().data(), static_cast<int>(n),
                                static_cast<int>(nrhs));
  if (info < 0) throw Error("oracle: Solve: illegal argument " + std::to_string(-info) + " to LAPACK");
  if (info > 0) {
    // LinAlgError -> np.full(a.shape, nan, dtype=a.dtype).
    if (!is_float(A.dtype()))
      throw PyTensorRaises("cannot convert float NaN to integer (Solve failed on an integer a)");
    if (t == DType::Float32)
      fill_nan<float>(x);
    else
      fill_nan<double>(x);
  }
  return {x};
}

std::vector<Tensor> matrix_inverse_kernel(const Node& node, const std::vector<Tensor>& in) {
  const DType t = out_dtype(node);
  const Tensor& X = in[0];
  if (X.shape()[0] != X.shape()[1]) throw PyTensorRaises("Last 2 dimensions of the array must be square");
  if (X.dtype() == DType::Float16) throw PyTensorRaises("array type float16 is unsupported in linalg");
  const int64_t n = X.shape()[0];
  if (n == 0) return {Tensor(t, {0, 0})};
  Tensor a = to_loop_dtype(X, t), inv(t, {n, n});
  for (int64_t i = 0; i < n; ++i) inv.set_from_double(i * n + i, 1.0);
  const int ni = static_cast<int>(n);
  const lapack_int info =
      t == DType::Float32
          ? lapack_solve<float>(Structure::General, false, a.data<float>().data(), inv.data<float>().data(), ni, ni)
          : lapack_solve<double>(Structure::General, false, a.data<double>().data(), inv.data<double>().data(), ni, ni);
  if (info < 0) throw Error("oracle: MatrixInverse: illegal argument " + std::to_string(-info) + " to gesv");
  if (info > 0) throw PyTensorRaises("Singular matrix");
  return {inv};
}

const KernelRegistrar kSolve("Solve", solve_kernel);
const KernelRegistrar kMatrixInverse("MatrixInverse", matrix_inverse_kernel);

}  // namespace
}  // namespace ptonnx::oracle
