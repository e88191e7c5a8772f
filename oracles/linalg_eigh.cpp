// Oracle kernel of Eigh (pytensor rel-3.3.0
// pytensor/tensor/linalg/decomposition/eigen.py Eigh.perform):
// scipy.linalg.eigh(a, lower=lower, driver="evr") (scipy/linalg/_decomp.py):
// check_finite raises ValueError on inf/NaN; a non-square matrix raises
// ValueError; an empty matrix gives w (0,) and v (0, 0); otherwise ?syevr
// with jobz 'V', range 'A' on the `lower` (or upper) triangle, eigenvalues
// ascending, orthonormal eigenvectors in the columns of v. The LAPACK
// prefix is find_best_lapack_type's, the declared output dtype (float32 or
// float64). The oracle computes in that dtype through LAPACKE.
#include <lapacke.h>

#include <cmath>
#include <vector>

#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

template <typename T>
std::vector<Tensor> syevr(const Tensor& a, DType t, bool lower) {
  const int64_t n = a.shape()[0];
  Tensor w(t, {n}), v(t, {n, n});
  if (n == 0) return {w, v};
  Tensor work = a;
  std::vector<lapack_int> support(static_cast<size_t>(2 * n));
  lapack_int found = 0;
  const int ni = static_cast<int>(n);
  const char uplo = lower ? 'L' : 'U';
  lapack_int info;
  if constexpr (std::is_same_v<T, float>)
    info = LAPACKE_ssyevr(LAPACK_ROW_MAJOR, 'V', 'A', uplo, ni, work.data<float>().data(), ni, 0.f, 0.f, 0, 0, 0.f,
                          &found, w.data<float>().data(), v.data<float>().data(), ni, support.data());
  else
    info = LAPACKE_dsyevr(LAPACK_ROW_MAJOR, 'V', 'A', uplo, ni, work.data<double>().data(), ni, 0., 0., 0, 0, 0.,
                          &found, w.data<double>().data(), v.data<double>().data(), ni, support.data());
  if (info != 0) throw Error("oracle: Eigh: ?syevr failed (info " + std::to_string(info) + ")");
  return {w, v};
}

std::vector<Tensor> eigh_kernel(const Node& node, const std::vector<Tensor>& in) {
  const Tensor& A = in[0];
  if (A.rank() != 2 || A.shape()[0] != A.shape()[1]) throw PyTensorRaises("expected square \"a\" matrix");
  for (int64_t i = 0; i < A.numel(); ++i)
    if (!std::isfinite(A.get_as_double(i))) throw PyTensorRaises("array must not contain infs or NaNs");
  const bool lower = !has_attr(node.attrs, "lower") || attr_int(node.attrs, "lower") != 0;
  const DType t = out_dtype(node);
  const Tensor a = to_loop_dtype(A, t);
  return t == DType::Float32 ? syevr<float>(a, t, lower) : syevr<double>(a, t, lower);
}

const KernelRegistrar kEigh("Eigh", eigh_kernel);

}  // namespace
}  // namespace ptonnx::oracle
