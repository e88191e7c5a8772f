// Oracle kernel of SVD (pytensor rel-3.3.0
// pytensor/tensor/linalg/decomposition/svd.py SVD.perform):
// numpy.linalg.svd(x, full_matrices, compute_uv) (numpy/linalg/linalg.py,
// umath_linalg's svd gufuncs over ?gesdd): float16 raises TypeError ("array
// type float16 is unsupported in linalg"); a NaN makes gesdd fail and NumPy
// raise LinAlgError("SVD did not converge"); (an inf gives NaN singular
// values without raising: the generators do not go there). An empty matrix
// (M or N 0) gives s (0,), U the M x M identity and Vt the N x N identity
// with full_matrices (U (M, 0) and Vt (0, N) otherwise). Otherwise gesdd
// with jobz 'A' (full) or 'S' (reduced), 'N' without compute_uv: s
// descending. The oracle computes in the declared output dtype through
// LAPACKE.
#include <lapacke.h>

#include <cmath>
#include <vector>

#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

template <typename T>
lapack_int gesdd(char jobz, int m, int n, T* a, T* s, T* u, int ldu, T* vt, int ldvt) {
  if constexpr (std::is_same_v<T, float>)
    return LAPACKE_sgesdd(LAPACK_ROW_MAJOR, jobz, m, n, a, std::max(n, 1), s, u, ldu, vt, ldvt);
  else
    return LAPACKE_dgesdd(LAPACK_ROW_MAJOR, jobz, m, n, a, std::max(n, 1), s, u, ldu, vt, ldvt);
}

Tensor identity(DType t, int64_t n) {
  Tensor e(t, {n, n});
  for (int64_t i = 0; i < n; ++i) e.set_from_double(i * n + i, 1.0);
  return e;
}

template <typename T>
std::vector<Tensor> svd(const Tensor& a, DType t, bool full, bool uv) {
  const int64_t m = a.shape()[0], n = a.shape()[1], k = std::min(m, n);
  const int64_t ucols = full ? m : k, vrows = full ? n : k;
  Tensor s(t, {k});
  if (k == 0) {
    if (!uv) return {s};
    return {full ? identity(t, m) : Tensor(t, {m, 0}), s, full ? identity(t, n) : Tensor(t, {0, n})};
  }
  Tensor work = a, U(t, {m, ucols}), Vt(t, {vrows, n});
  const char jobz = !uv ? 'N' : full ? 'A' : 'S';
  const lapack_int info = gesdd<T>(
      jobz, static_cast<int>(m), static_cast<int>(n), work.data<T>().data(), s.data<T>().data(), U.data<T>().data(),
      static_cast<int>(std::max<int64_t>(ucols, 1)), Vt.data<T>().data(), static_cast<int>(std::max<int64_t>(n, 1)));
  if (info > 0) throw PyTensorRaises("SVD did not converge");
  if (info < 0) throw Error("oracle: SVD: illegal argument to gesdd (" + std::to_string(info) + ")");
  if (!uv) return {s};
  return {U, s, Vt};
}

std::vector<Tensor> svd_kernel(const Node& node, const std::vector<Tensor>& in) {
  const Tensor& x = in[0];
  if (x.dtype() == DType::Float16) throw PyTensorRaises("array type float16 is unsupported in linalg");
  for (int64_t i = 0; i < x.numel(); ++i)
    if (std::isnan(x.get_as_double(i))) throw PyTensorRaises("SVD did not converge");
  const auto flag = [&](const char* f) { return !has_attr(node.attrs, f) || attr_int(node.attrs, f) != 0; };
  const bool full = flag("full_matrices"), uv = flag("compute_uv");
  const DType t = out_dtype(node, uv ? 1 : 0);
  const Tensor a = to_loop_dtype(x, t);
  return t == DType::Float32 ? svd<float>(a, t, full, uv) : svd<double>(a, t, full, uv);
}

const KernelRegistrar kSVD("SVD", svd_kernel);

}  // namespace
}  // namespace ptonnx::oracle
