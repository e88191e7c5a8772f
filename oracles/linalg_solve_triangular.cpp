// Oracle kernel of SolveTriangular (tensor/linalg/solvers/triangular.py
// SolveTriangular.perform): non-square A or rows(A) != rows(b) raise
// ValueError; an empty b returns an empty array of b's shape; otherwise
// LAPACK ?trtrs in linalg_output_dtype(A, b) (strtrs/dtrtrs, here through
// LAPACKE's _work entry point on row-major copies: the plain one checks
// for NaN first and returns an error where trtrs would just compute), reading only the `lower` (or upper)
// triangle and, with unit_diagonal, not the diagonal; info > 0 (a diagonal
// element exactly zero) fills x with NaN.
#include <lapacke.h>

#include <limits>

#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

template <typename T>
void trtrs(const Tensor& a, Tensor& x, bool lower, bool unit, int64_t nrhs) {
  const int n = static_cast<int>(a.shape()[0]);
  std::vector<T> ac(a.data<T>().begin(), a.data<T>().end());
  T* b = x.data<T>().data();
  const char uplo = lower ? 'L' : 'U', diag = unit ? 'U' : 'N';
  const int k = static_cast<int>(nrhs);
  lapack_int info;
  if constexpr (std::is_same_v<T, float>)
    info = LAPACKE_strtrs_work(LAPACK_ROW_MAJOR, uplo, 'N', diag, n, k, ac.data(), n, b, k);
  else
    info = LAPACKE_dtrtrs_work(LAPACK_ROW_MAJOR, uplo, 'N', diag, n, k, ac.data(), n, b, k);
  if (info != 0)
    for (int64_t i = 0; i < x.numel(); ++i) b[i] = std::numeric_limits<T>::quiet_NaN();
}

std::vector<Tensor> solve_triangular_kernel(const Node& node, const std::vector<Tensor>& in) {
  const DType t = out_dtype(node);
  const auto flag = [&](const char* k, bool d) { return has_attr(node.attrs, k) ? attr_int(node.attrs, k) != 0 : d; };
  const Tensor &A = in[0], &b = in[1];
  if (A.shape()[0] != A.shape()[1]) throw PyTensorRaises("expected square matrix");
  if (A.shape()[0] != b.shape()[0]) throw PyTensorRaises("shapes of a and b are incompatible");
  if (b.numel() == 0) return {Tensor(t, b.shape())};
  const Tensor a = to_loop_dtype(A, t);
  Tensor x = to_loop_dtype(b, t);
  const int64_t nrhs = b.rank() == 1 ? 1 : b.shape()[1];
  if (t == DType::Float32)
    trtrs<float>(a, x, flag("lower", false), flag("unit_diagonal", false), nrhs);
  else
    trtrs<double>(a, x, flag("lower", false), flag("unit_diagonal", false), nrhs);
  return {x};
}

const KernelRegistrar kSolveTriangular("SolveTriangular", solve_triangular_kernel);

}  // namespace
}  // namespace ptonnx::oracle
