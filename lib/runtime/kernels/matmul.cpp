// MatMul (NumPy matmul: batched, broadcast batch dims, 1-D promotion rules)
// and Gemm. float32/float64 products go through OpenBLAS's cblas_sgemm /
// cblas_dgemm (already linked for LAPACK; about 5x Eigen's blocked GEMM on
// the bench machine, bench_runtime BM_MatMul/1024), with Eigen for products
// whose dims do not fit BLAS's int; float16 computes in float; integers use
// a cache-friendly i-k-j loop.
#include <cblas.h>

#include <Eigen/Core>
#include <climits>

#include "runtime/broadcast.h"
#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

template <typename T>
using RowMajor = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// c[m,n] = a[m,k] * b[k,n], all row-major and contiguous.
template <typename T>
void gemm_plain(const T* a, const T* b, T* c, int64_t m, int64_t k, int64_t n) {
  if constexpr (std::is_floating_point_v<T>) {
    if (m == 0 || n == 0) return;
    if (k == 0) {
      // An empty sum: BLAS with k = 0 and beta = 0 also gives zeros, but
      // that is the reference BLAS's documented quick return, not a
      // promise every implementation keeps for an uninitialised C.
      std::fill(c, c + m * n, T(0));
      return;
    }
    if (m <= INT_MAX && k <= INT_MAX && n <= INT_MAX) {
      const int mi = static_cast<int>(m), ki = static_cast<int>(k), ni = static_cast<int>(n);
      if constexpr (std::is_same_v<T, float>)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, mi, ni, ki, 1.0f, a, ki, b, ni, 0.0f, c, ni);
      else
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, mi, ni, ki, 1.0, a, ki, b, ni, 0.0, c, ni);
      return;
    }
    Eigen::Map<const RowMajor<T>> A(a, m, k), B(b, k, n);
    Eigen::Map<RowMajor<T>> C(c, m, n);
    C.noalias() = A * B;
  } else {
    // Wraps instead of signed overflow; at least unsigned int, since
    // uint16 * uint16 promotes to (signed) int.
    using U = std::common_type_t<std::make_unsigned_t<T>, unsigned>;
    std::fill(c, c + m * n, T(0));
    for (int64_t i = 0; i < m; ++i)
      for (int64_t p = 0; p < k; ++p) {
        const U av = static_cast<U>(a[i * k + p]);
        for (int64_t j = 0; j < n; ++j)
          c[i * n + j] =
              static_cast<T>(static_cast<U>(c[i * n + j]) + static_cast<U>(av * static_cast<U>(b[p * n + j])));
      }
  }
}

std::vector<float> to_float(const Tensor& t) {
  std::vector<float> out(static_cast<size_t>(t.numel()));
  auto d = t.data<uint16_t>();
  for (size_t i = 0; i < out.size(); ++i) out[i] = half_to_float(d[i]);
  return out;
}

std::vector<Tensor> matmul_kernel(KernelContext& ctx) {
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  if (a.dtype() != b.dtype()) throw TypeError("MatMul inputs have different dtypes");
  if (a.rank() == 0 || b.rank() == 0) throw ValidationError("MatMul inputs must have rank >= 1");
  Shape sa = a.shape(), sb = b.shape();
  if (sa.size() == 1) sa.insert(sa.begin(), 1);
  if (sb.size() == 1) sb.push_back(1);
  const int64_t m = sa[sa.size() - 2], k = sa.back(), n = sb.back();
  if (sb[sb.size() - 2] != k) throw TypeError("MatMul inner dims differ: " + a.describe() + " x " + b.describe());
  const Shape ba(sa.begin(), sa.end() - 2), bb(sb.begin(), sb.end() - 2);
  const Shape batch = broadcast_shapes(ba, bb);
  Shape out_shape = batch;
  if (a.rank() > 1) out_shape.push_back(m);
  if (b.rank() > 1) out_shape.push_back(n);
  Tensor y = ctx.alloc_uninitialized(a.dtype(), out_shape);
  const int64_t nbatch = shape_numel(batch);
  // Per batch, the flat matrix index into each operand.
  std::vector<int64_t> ia(static_cast<size_t>(nbatch)), ib(static_cast<size_t>(nbatch));
  for_each_broadcast<2>(batch, {&ba, &bb}, [&](int64_t i, const std::array<int64_t, 2>& o) {
    ia[i] = o[0];
    ib[i] = o[1];
  });
  if (batch.empty()) ia = ib = {0};
  visit_numeric(a.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    using S = storage_t<D>;
    if constexpr (D == DType::Float16) {
      const auto fa = to_float(a), fb = to_float(b);
      std::vector<float> fc(static_cast<size_t>(m * n));
      auto out = y.data<uint16_t>();
      for (size_t t = 0; t < ia.size(); ++t) {
        gemm_plain(fa.data() + ia[t] * m * k, fb.data() + ib[t] * k * n, fc.data(), m, k, n);
        for (int64_t i = 0; i < m * n; ++i) out[t * m * n + i] = float_to_half(fc[i]);
      }
    } else {
      for (size_t t = 0; t < ia.size(); ++t)
        gemm_plain(a.data<S>().data() + ia[t] * m * k, b.data<S>().data() + ib[t] * k * n,
                   y.data<S>().data() + t * m * n, m, k, n);
    }
  });
  return one_output(std::move(y));
}

// Y = alpha * op(A) * op(B) + beta * C, C broadcast to [M, N].
std::vector<Tensor> gemm_kernel(KernelContext& ctx) {
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  if (a.rank() != 2 || b.rank() != 2) throw ValidationError("Gemm inputs must be 2-D");
  if (a.dtype() != b.dtype()) throw TypeError("Gemm inputs have different dtypes");
  const bool ta = ctx.attrs().get_int("transA", 0) != 0, tb = ctx.attrs().get_int("transB", 0) != 0;
  const double alpha = ctx.attrs().get_float("alpha", 1.0f), beta = ctx.attrs().get_float("beta", 1.0f);
  const int64_t m = ta ? a.shape()[1] : a.shape()[0], k = ta ? a.shape()[0] : a.shape()[1];
  const int64_t kb = tb ? b.shape()[1] : b.shape()[0], n = tb ? b.shape()[0] : b.shape()[1];
  if (k != kb) throw TypeError("Gemm inner dims differ: " + a.describe() + " x " + b.describe());
  Tensor y = ctx.alloc_uninitialized(a.dtype(), {m, n});
  const Tensor* c = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  // C broadcasts one way, to [M, N]: a C of higher rank (or larger dims)
  // would make the output larger than Y, which is always [M, N].
  if (c) check_broadcasts_to(c->shape(), {m, n});
  visit_numeric(a.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    using S = storage_t<D>;
    using T = std::conditional_t<std::is_floating_point_v<compute_t<D>>, double, compute_t<D>>;
    auto ad = a.data<S>();
    auto bd = b.data<S>();
    ctx.charge_scratch((m * k + k * n + 2 * m * n) * static_cast<int64_t>(sizeof(T)), "Gemm");
    std::vector<T> at(static_cast<size_t>(m * k)), bt(static_cast<size_t>(k * n)), prod(static_cast<size_t>(m * n));
    for (int64_t i = 0; i < m; ++i)
      for (int64_t p = 0; p < k; ++p) at[i * k + p] = static_cast<T>(load<D>(ad[ta ? p * m + i : i * k + p]));
    for (int64_t p = 0; p < k; ++p)
      for (int64_t j = 0; j < n; ++j) bt[p * n + j] = static_cast<T>(load<D>(bd[tb ? j * k + p : p * n + j]));
    gemm_plain(at.data(), bt.data(), prod.data(), m, k, n);
    std::vector<T> cv(static_cast<size_t>(m * n), T(0));
    if (c) {
      const Shape out_shape{m, n};
      for_each_broadcast<1>(out_shape, {&c->shape()}, [&](int64_t i, const std::array<int64_t, 1>& o) {
        cv[i] = static_cast<T>(c->get_as_double(o[0]));
      });
    }
    auto out = y.data<S>();
    for (int64_t i = 0; i < m * n; ++i)
      if constexpr (std::is_integral_v<T>) {
        // Integer Gemm wraps (through uint64: signed overflow is UB); alpha
        // and beta are float attributes, converted without UB.
        const auto w = [](auto v) { return static_cast<uint64_t>(v); };
        const uint64_t r = w(saturate_cast<T>(alpha)) * w(prod[i]) + w(saturate_cast<T>(beta)) * w(cv[i]);
        out[i] = store<D>(static_cast<compute_t<D>>(static_cast<T>(r)));
      } else {
        out[i] = store<D>(static_cast<compute_t<D>>(static_cast<T>(alpha) * prod[i] + static_cast<T>(beta) * cv[i]));
      }
  });
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    {"MatMul", 1, matmul_kernel},
    // Gemm-6's broadcast attribute only allowed what NumPy broadcasting of C does.
    {"Gemm", 6, gemm_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
