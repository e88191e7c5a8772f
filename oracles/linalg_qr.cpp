// Oracle kernel of QR (pytensor rel-3.3.0:
// pytensor/tensor/linalg/decomposition/qr.py, QR.perform, pivoting=False).
//
// perform calls scipy's f2py wrapper of ?geqrf directly (no check_finite,
// no empty-array shortcut): get_lapack_funcs picks s for float16, float32,
// bool and 8/16-bit ints, d otherwise (the IR's linalg_output_dtype), the
// wrapper copies the input into that dtype, and _call_and_get_lwork makes a
// workspace query (lwork=-1) before the call. Then, K = min(M, N):
//   R = triu(qr)            unless mode is economic or raw with M >= N,
//   R = triu(qr[:N, :])     for those (so R is (K, N) there);
//   r:   (R,)    raw: (qr, tau, R)    (qr is geqrf's packed M x N matrix)
//   full/economic: Q from ?orgqr: M < N: orgqr(qr[:, :M], tau) (M x M);
//     economic: orgqr(qr, tau) (M x N); full with M >= N: orgqr of an
//     M x M array whose first N columns are qr (the others are never
//     read: dorg2r starts them as identity columns), so Q is M x M.
// Empty inputs reach LAPACK unguarded. M > 0, N = 0: geqrf's query gives
// lwork 1 and K = 0 returns at once: qr (M, 0), tau (0,); orgqr of K = 0
// reflectors is the identity (full: I_M; economic: (M, 0)). M = 0: f2py
// passes lda = M = 0, which geqrf refuses (info -4, LAPACK's xerbla prints
// and returns) before answering the query, so the zero-filled work array
// gives lwork = 0; with N > 0 the wrapper's own check (lwork >= n) raises
// (since LAPACK 3.12; older geqrf wrote the query result before checking
// and PyTensor returned empty arrays), with N = 0 it passes and every
// output is empty. The oracle raises for M = 0 < N and builds the empty
// and identity results itself (no LAPACK call), and otherwise calls the
// LAPACKE _work entry points on a row-major copy (the plain entry points
// refuse NaN input, which geqrf computes with) with the same query.
#include <lapacke.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

template <typename T>
lapack_int geqrf(int m, int n, T* a, T* tau) {
  const int lda = std::max(n, 1);
  T query = 0;
  lapack_int info;
  if constexpr (std::is_same_v<T, float>)
    info = LAPACKE_sgeqrf_work(LAPACK_ROW_MAJOR, m, n, a, lda, tau, &query, -1);
  else
    info = LAPACKE_dgeqrf_work(LAPACK_ROW_MAJOR, m, n, a, lda, tau, &query, -1);
  if (info != 0) return info;
  std::vector<T> work(static_cast<size_t>(std::max<T>(query, T{1})));
  const auto lwork = static_cast<lapack_int>(work.size());
  if constexpr (std::is_same_v<T, float>)
    return LAPACKE_sgeqrf_work(LAPACK_ROW_MAJOR, m, n, a, lda, tau, work.data(), lwork);
  else
    return LAPACKE_dgeqrf_work(LAPACK_ROW_MAJOR, m, n, a, lda, tau, work.data(), lwork);
}

// ?orgqr on the row-major m x n array a (the first k columns hold
// reflectors), in place.
template <typename T>
lapack_int orgqr(int m, int n, int k, T* a, const T* tau) {
  const int lda = std::max(n, 1);
  T query = 0;
  lapack_int info;
  if constexpr (std::is_same_v<T, float>)
    info = LAPACKE_sorgqr_work(LAPACK_ROW_MAJOR, m, n, k, a, lda, tau, &query, -1);
  else
    info = LAPACKE_dorgqr_work(LAPACK_ROW_MAJOR, m, n, k, a, lda, tau, &query, -1);
  if (info != 0) return info;
  std::vector<T> work(static_cast<size_t>(std::max<T>(query, T{1})));
  const auto lwork = static_cast<lapack_int>(work.size());
  if constexpr (std::is_same_v<T, float>)
    return LAPACKE_sorgqr_work(LAPACK_ROW_MAJOR, m, n, k, a, lda, tau, work.data(), lwork);
  else
    return LAPACKE_dorgqr_work(LAPACK_ROW_MAJOR, m, n, k, a, lda, tau, work.data(), lwork);
}

// rows x cols upper triangle of the packed m x n matrix (its top rows).
template <typename T>
Tensor triu(const T* qr, int64_t n, int64_t rows, DType t) {
  Tensor r(t, {rows, n});
  auto out = r.data<T>();
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < n; ++j) out[i * n + j] = j >= i ? qr[i * n + j] : T{0};
  return r;
}

// Q (m x cols) from the packed m x n matrix: its first k = min(m, n)
// columns as orgqr's input.
template <typename T>
Tensor form_q(const T* qr, const T* tau, int64_t m, int64_t n, int64_t cols, DType t) {
  const int64_t k = std::min(m, n);
  Tensor q(t, {m, cols});
  auto a = q.data<T>();
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < std::min(cols, n); ++j) a[i * cols + j] = qr[i * n + j];
  if (m == 0 || cols == 0) return q;
  if (orgqr<T>(static_cast<int>(m), static_cast<int>(cols), static_cast<int>(k), a.data(), tau) < 0)
    throw Error("oracle: QR: illegal argument to orgqr");
  return q;
}

template <typename T>
std::vector<Tensor> qr_factors(const Tensor& a, const std::string& mode) {
  const int64_t m = a.shape()[0], n = a.shape()[1], k = std::min(m, n);
  const DType t = a.dtype();
  Tensor packed = a;
  Tensor tau(t, {k});
  T* p = packed.data<T>().data();
  if (k > 0 && geqrf<T>(static_cast<int>(m), static_cast<int>(n), p, tau.data<T>().data()) < 0)
    throw Error("oracle: QR: illegal argument to geqrf");
  const bool thin = mode == "economic" || mode == "raw";
  const Tensor R = triu<T>(p, n, thin && m >= n ? n : m, t);
  if (mode == "r") return {R};
  if (mode == "raw") return {packed, tau, R};
  const int64_t cols = mode == "economic" ? k : m;
  return {form_q<T>(p, tau.data<T>().data(), m, n, cols, t), R};
}

std::vector<Tensor> qr_kernel(const Node& node, const std::vector<Tensor>& in) {
  const std::string mode = has_attr(node.attrs, "mode") ? attr_string(node.attrs, "mode") : "full";
  const Tensor& x = in[0];
  if (x.shape()[0] == 0 && x.shape()[1] > 0)
    throw PyTensorRaises("(lwork>=n||lwork==-1) failed for 1st keyword lwork: geqrf:lwork=0");
  const DType t = out_dtype(node, 0);
  const Tensor a = to_loop_dtype(x, t);
  if (t == DType::Float32) return qr_factors<float>(a, mode);
  return qr_factors<double>(a, mode);
}

const KernelRegistrar kQR("QR", qr_kernel);

}  // namespace
}  // namespace ptonnx::oracle
