// Oracle kernels of LU, Det and SLogDet (pytensor rel-3.3.0:
// pytensor/tensor/linalg/decomposition/lu.py LU.perform,
// pytensor/tensor/linalg/summary.py Det.perform and SLogDet.perform).
//
// LU.perform is scipy.linalg.lu(A, permute_l, p_indices) with
// check_finite=True (scipy/linalg/_decomp_lu.py): a non-finite element
// raises ValueError; min(M, N) == 0 returns empty factors with P of shape
// (0, 0) (p_indices: (0,)) whatever M is, L (M, K) and U (K, N); otherwise
// ?getrf of the M x N matrix in the LAPACK dtype (a 1 x 1 input is scipy's
// shortcut P = L = [[1]], U = A, which is what getrf gives too). Let perm be
// the rows in the order getrf's interchanges put them (row k of L U is
// A[perm[k]]); scipy returns p = perm^-1 (A = L[p] @ U) as int32 indices or
// the matrix P with P[i, p[i]] = 1 (`Pa[np.arange(m), p] = 1`, A = P L U) in
// the real dtype, L unit lower trapezoidal (M x K), U upper trapezoidal
// (K x N); permute_l returns (P @ L, U). getrf info > 0 (an exactly zero
// pivot) is not an error: the factors are returned with that zero on U's
// diagonal.
//
// Det and SLogDet are numpy.linalg.det / slogdet (numpy/linalg/linalg.py,
// umath_linalg.cpp): float16 raises TypeError ("array type float16 is
// unsupported in linalg"; PyTensor's perform turns it into ValueError), a
// non-square matrix raises LinAlgError. Both run slogdet_single_element:
// getrf of the matrix; info > 0 gives sign 0 and logabsdet -inf; otherwise
// sign = (-1)^(number of i with ipiv[i] != i + 1) (ipiv 1-based), then
// slogdet_from_factored_diagonal flips the sign per negative U[i, i] and
// sums log|U[i, i]| for i = 0..n-1 in the computation dtype (npy_logf for
// float). det_from_slogdet gives det = sign * exp(logabsdet) in that dtype
// (so det([[1, 2], [3, 4]]) is -2.0000000000000004, and a singular matrix
// gives 0 * exp(-inf) = +0). A 0 x 0 matrix: getrf does nothing, (1, 0),
// det 1. The oracle computes in the declared output dtype (float32 or
// float64) on row-major copies through LAPACKE.
#include <lapacke.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>

#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

// getrf of the row-major m x n matrix a (in place); ipiv is 1-based. The
// _work entry point: LAPACKE's NaN check would refuse a NaN element (info
// -4) where NumPy's getrf computes with it.
template <typename T>
lapack_int getrf(T* a, int m, int n, std::vector<lapack_int>& ipiv) {
  ipiv.assign(static_cast<size_t>(std::max(std::min(m, n), 1)), 0);
  if constexpr (std::is_same_v<T, float>)
    return LAPACKE_sgetrf_work(LAPACK_ROW_MAJOR, m, n, a, std::max(n, 1), ipiv.data());
  else
    return LAPACKE_dgetrf_work(LAPACK_ROW_MAJOR, m, n, a, std::max(n, 1), ipiv.data());
}

// The rows of A in the order getrf's interchanges (applied in sequence)
// leave them: row k of L U is A[perm[k]].
std::vector<int64_t> row_order(const std::vector<lapack_int>& ipiv, int64_t m, int64_t k) {
  std::vector<int64_t> perm(static_cast<size_t>(m));
  std::iota(perm.begin(), perm.end(), int64_t{0});
  for (int64_t i = 0; i < k; ++i) std::swap(perm[i], perm[ipiv[i] - 1]);
  return perm;
}

template <typename T>
std::vector<Tensor> lu_factors(const Node& node, const Tensor& a, bool permute_l, bool p_indices) {
  const int64_t m = a.shape()[0], n = a.shape()[1], k = std::min(m, n);
  const DType t = a.dtype();
  Tensor L(t, {m, k}), U(t, {k, n});
  if (k == 0) {
    if (permute_l) return {L, U};
    if (p_indices) return {Tensor(DType::Int32, {0}), L, U};
    return {Tensor(out_dtype(node, 0), {0, 0}), L, U};
  }
  Tensor f = a;
  T* lu = f.data<T>().data();
  std::vector<lapack_int> ipiv;
  if (getrf<T>(lu, static_cast<int>(m), static_cast<int>(n), ipiv) < 0)
    throw Error("oracle: LU: illegal argument to getrf");
  auto l = L.data<T>();
  auto u = U.data<T>();
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < k; ++j) l[i * k + j] = i > j ? lu[i * n + j] : i == j ? T{1} : T{0};
  for (int64_t i = 0; i < k; ++i)
    for (int64_t j = 0; j < n; ++j) u[i * n + j] = j >= i ? lu[i * n + j] : T{0};
  const std::vector<int64_t> perm = row_order(ipiv, m, k);
  if (permute_l) {
    // P @ L: row k of L goes to row perm[k] (a permutation: exact).
    Tensor PL(t, {m, k});
    auto pl = PL.data<T>();
    for (int64_t r = 0; r < m; ++r)
      for (int64_t j = 0; j < k; ++j) pl[perm[r] * k + j] = l[r * k + j];
    return {PL, U};
  }
  if (p_indices) {
    Tensor p(DType::Int32, {m});
    for (int64_t r = 0; r < m; ++r) p.data<int32_t>()[perm[r]] = static_cast<int32_t>(r);
    return {p, L, U};
  }
  Tensor P(out_dtype(node, 0), {m, m});
  for (int64_t r = 0; r < m; ++r) P.set_from_double(perm[r] * m + r, 1.0);
  return {P, L, U};
}

std::vector<Tensor> lu_kernel(const Node& node, const std::vector<Tensor>& in) {
  const auto flag = [&](const char* f) { return has_attr(node.attrs, f) && attr_int(node.attrs, f) != 0; };
  const bool permute_l = flag("permute_l"), p_indices = flag("p_indices");
  const Tensor& A = in[0];
  for (int64_t i = 0; i < A.numel(); ++i)
    if (!std::isfinite(A.get_as_double(i))) throw PyTensorRaises("array must not contain infs or NaNs");
  const DType t = out_dtype(node, permute_l ? 0 : 1);
  const Tensor a = to_loop_dtype(A, t);
  if (t == DType::Float32) return lu_factors<float>(node, a, permute_l, p_indices);
  return lu_factors<double>(node, a, permute_l, p_indices);
}

// numpy's slogdet_single_element in T.
template <typename T>
std::pair<T, T> slogdet_single_element(Tensor a) {
  const int n = static_cast<int>(a.shape()[0]);
  if (n == 0) return {T{1}, T{0}};  // getrf does nothing: sign 1, empty sum
  T* p = a.data<T>().data();
  std::vector<lapack_int> ipiv;
  const lapack_int info = getrf<T>(p, n, n, ipiv);
  if (info < 0) throw Error("oracle: slogdet: illegal argument to getrf");
  if (info > 0) return {T{0}, -std::numeric_limits<T>::infinity()};
  int change_sign = 0;
  for (int i = 0; i < n; ++i) change_sign += ipiv[i] != i + 1;
  T sign = change_sign % 2 ? T{-1} : T{1}, logdet = 0;
  for (int i = 0; i < n; ++i) {
    T d = p[i * n + i];
    if (d < T{0}) {
      sign = -sign;
      d = -d;
    }
    logdet += std::log(d);
  }
  return {sign, logdet};
}

// numpy.linalg's argument checks (_assert_stacked_square, _commonType) and
// the matrix in the computation dtype t.
Tensor numpy_linalg_square(const Tensor& x, DType t) {
  if (x.shape()[0] != x.shape()[1]) throw PyTensorRaises("Last 2 dimensions of the array must be square");
  if (x.dtype() == DType::Float16) throw PyTensorRaises("array type float16 is unsupported in linalg");
  return to_loop_dtype(x, t);
}

std::vector<Tensor> det_kernel(const Node& node, const std::vector<Tensor>& in) {
  const DType t = out_dtype(node);
  const Tensor a = numpy_linalg_square(in[0], t);
  Tensor out(t, {});
  if (t == DType::Float32) {
    const auto [sign, logdet] = slogdet_single_element<float>(a);
    out.data<float>()[0] = sign * std::exp(logdet);
  } else {
    const auto [sign, logdet] = slogdet_single_element<double>(a);
    out.data<double>()[0] = sign * std::exp(logdet);
  }
  return {out};
}

std::vector<Tensor> slogdet_kernel(const Node& node, const std::vector<Tensor>& in) {
  const DType t = out_dtype(node);
  const Tensor a = numpy_linalg_square(in[0], t);
  Tensor sign(t, {}), logdet(t, {});
  if (t == DType::Float32)
    std::tie(sign.data<float>()[0], logdet.data<float>()[0]) = slogdet_single_element<float>(a);
  else
    std::tie(sign.data<double>()[0], logdet.data<double>()[0]) = slogdet_single_element<double>(a);
  return {sign, logdet};
}

const KernelRegistrar kLU("LU", lu_kernel);
const KernelRegistrar kDet("Det", det_kernel);
const KernelRegistrar kSLogDet("SLogDet", slogdet_kernel);

}  // namespace
}  // namespace ptonnx::oracle
