// Oracle kernel of MatrixPinv (pytensor rel-3.3.0
// pytensor/tensor/linalg/inverse.py MatrixPinv.perform):
// numpy.linalg.pinv(x, hermitian=...) with NumPy 1.24's default rcond
// 1e-15 (numpy/linalg/linalg.py):
// - an empty matrix (M or N 0) returns an empty (N, M) result at once
//   (before any check, so a 0 x 3 hermitian input does not raise);
// - float16 raises TypeError ("array type float16 is unsupported in
//   linalg"); hermitian on a non-square matrix raises LinAlgError (eigh:
//   "Last 2 dimensions of the array must be square"); a NaN in what is read
//   makes gesdd fail and NumPy raise "SVD did not converge" (hermitian: the
//   lower triangle only, the upper is never read);
// - otherwise u, s, vt = svd(a, full_matrices=False) (gesdd 'S'), or for
//   hermitian eigh(a) (syevd on the lower triangle) with s = |w| and
//   vt = (u sign(w))^T; cutoff = rcond * max(s); s_inv = 1/s where
//   s > cutoff, else 0; res = vt^T (s_inv[:, None] u^T).
// The oracle computes in the declared output dtype through LAPACKE (an
// integer input converted as SVD's oracle does).
#include <lapacke.h>

#include <cmath>
#include <vector>

#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

template <typename T>
void gesdd_s(int m, int n, T* a, T* s, T* u, T* vt) {
  const int k = std::min(m, n);
  lapack_int info;
  if constexpr (std::is_same_v<T, float>)
    info = LAPACKE_sgesdd(LAPACK_ROW_MAJOR, 'S', m, n, a, n, s, u, k, vt, n);
  else
    info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'S', m, n, a, n, s, u, k, vt, n);
  if (info > 0) throw PyTensorRaises("SVD did not converge");
  if (info < 0) throw Error("oracle: MatrixPinv: illegal argument to gesdd (" + std::to_string(info) + ")");
}

template <typename T>
void syevd_l(int n, T* a, T* w) {
  lapack_int info;
  if constexpr (std::is_same_v<T, float>)
    info = LAPACKE_ssyevd(LAPACK_ROW_MAJOR, 'V', 'L', n, a, n, w);
  else
    info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, 'V', 'L', n, a, n, w);
  if (info > 0) throw PyTensorRaises("Eigenvalues did not converge");
  if (info < 0) throw Error("oracle: MatrixPinv: illegal argument to syevd (" + std::to_string(info) + ")");
}

template <typename T>
Tensor pinv(const Tensor& a, DType t, bool hermitian) {
  const int64_t m = a.shape()[0], n = a.shape()[1], k = std::min(m, n);
  Tensor work = a, res(t, {n, m});
  std::vector<T> s(static_cast<size_t>(k)), u(static_cast<size_t>(m * k)), vt(static_cast<size_t>(k * n));
  if (hermitian) {
    std::vector<T> w(static_cast<size_t>(n));
    syevd_l<T>(static_cast<int>(n), work.data<T>().data(), w.data());
    const auto v = work.data<T>();  // columns are eigenvectors
    for (int64_t j = 0; j < n; ++j) {
      s[j] = std::fabs(w[j]);
      const T sign = w[j] < 0 ? T(-1) : T(1);
      for (int64_t i = 0; i < n; ++i) {
        u[i * n + j] = v[i * n + j];
        vt[j * n + i] = sign * v[i * n + j];
      }
    }
  } else {
    gesdd_s<T>(static_cast<int>(m), static_cast<int>(n), work.data<T>().data(), s.data(), u.data(), vt.data());
  }
  T s_max = 0;
  for (T x : s) s_max = std::max(s_max, x);
  const T cutoff = static_cast<T>(1e-15) * s_max;
  for (auto& x : s) x = x > cutoff ? T(1) / x : T(0);
  auto out = res.data<T>();
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < m; ++j) {
      T acc = 0;
      for (int64_t l = 0; l < k; ++l) acc += vt[l * n + i] * (s[l] * u[j * k + l]);
      out[i * m + j] = acc;
    }
  return res;
}

std::vector<Tensor> pinv_kernel(const Node& node, const std::vector<Tensor>& in) {
  const Tensor& x = in[0];
  const DType t = out_dtype(node);
  const int64_t m = x.shape()[0], n = x.shape()[1];
  if (m == 0 || n == 0) return {Tensor(t, {n, m})};
  if (x.dtype() == DType::Float16) throw PyTensorRaises("array type float16 is unsupported in linalg");
  const bool hermitian = has_attr(node.attrs, "hermitian") && attr_int(node.attrs, "hermitian") != 0;
  if (hermitian && m != n) throw PyTensorRaises("Last 2 dimensions of the array must be square");
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j)
      if ((!hermitian || j <= i) && std::isnan(x.get_as_double(i * n + j)))
        throw PyTensorRaises(hermitian ? "Eigenvalues did not converge" : "SVD did not converge");
  const Tensor a = to_loop_dtype(x, t);
  return {t == DType::Float32 ? pinv<float>(a, t, hermitian) : pinv<double>(a, t, hermitian)};
}

const KernelRegistrar kMatrixPinv("MatrixPinv", pinv_kernel);

}  // namespace
}  // namespace ptonnx::oracle
