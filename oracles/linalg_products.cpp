// Oracle kernels of the tier-4 products: Dot, Dot22, BatchedDot, Gemm,
// Gemv (pytensor/tensor/math.py Dot.perform = np.matmul; blas/gemm.py
// Gemm.perform and Dot22.perform = np.dot; blas/gemv.py Gemv.perform =
// scipy BLAS ?gemv for float32/float64, np.dot otherwise; blas/batched.py
// BatchedDot.perform = np.matmul after a batch-size check).
//
// How NumPy computes a product element (numpy/_core/src/umath/matmul.c.src,
// multiarray/arraytypes.c.src @name@_dot):
// - float32/float64: BLAS (sgemm/dgemm/?gemv), in the dtype, in an order
//   BLAS chooses. The oracle sums in long double and rounds once: the
//   reference value; docs/comparison.md bounds how far any order may be.
// - float16: products and sum in float, one rounding to half at the end.
// - integers: summed in the dtype (matmul) or in C long (dot) and stored
//   with a wrapping cast: the exact sum modulo 2^bits, computed here in
//   uint64.
// - bool: any(x[i, p] and y[p, j]).
#include <algorithm>

#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

// out[b, i, j] = sum_p x[b, i, p] y[b, p, j], x and y of dtype T already.
template <DType T>
void matmul_into(const Tensor& x, const Tensor& y, Tensor& out, int64_t batch, int64_t m, int64_t k, int64_t n) {
  auto xs = x.data<storage_t<T>>();
  auto ys = y.data<storage_t<T>>();
  auto os = out.data<storage_t<T>>();
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        const auto xv = [&](int64_t p) { return xs[static_cast<size_t>((b * m + i) * k + p)]; };
        const auto yv = [&](int64_t p) { return ys[static_cast<size_t>((b * k + p) * n + j)]; };
        storage_t<T>& o = os[static_cast<size_t>((b * m + i) * n + j)];
        if constexpr (T == DType::Float16) {
          float s = 0;
          for (int64_t p = 0; p < k; ++p) s += half_to_float(xv(p)) * half_to_float(yv(p));
          o = float_to_half(s);
        } else if constexpr (T == DType::Float32 || T == DType::Float64) {
          long double s = 0;
          for (int64_t p = 0; p < k; ++p) s += static_cast<long double>(xv(p)) * static_cast<long double>(yv(p));
          o = static_cast<storage_t<T>>(s);  // one rounding to the dtype
        } else if constexpr (T == DType::Bool) {
          bool any = false;
          for (int64_t p = 0; p < k && !any; ++p) any = xv(p) && yv(p);
          o = any ? 1 : 0;
        } else {
          uint64_t s = 0;
          for (int64_t p = 0; p < k; ++p) s += static_cast<uint64_t>(xv(p)) * static_cast<uint64_t>(yv(p));
          o = static_cast<storage_t<T>>(s);
        }
      }
}

// np.matmul of (batch, m, k) x (batch, k, n) stacks (batch 1 for 2-D) in
// dtype t: both operands converted to t first.
Tensor matmul(const Tensor& x0, const Tensor& y0, DType t) {
  const bool batched = x0.rank() == 3;
  const int64_t batch = batched ? x0.shape()[0] : 1;
  const int64_t m = x0.shape()[batched], k = x0.shape()[batched + 1];
  const int64_t k2 = y0.shape()[batched], n = y0.shape()[batched + 1];
  if (k != k2)
    throw PyTensorRaises("matmul: Input operand 1 has a mismatch in its core dimension 0 (size " + std::to_string(k2) +
                         " is different from " + std::to_string(k) + ")");
  const Tensor x = to_loop_dtype(x0, t), y = to_loop_dtype(y0, t);
  Tensor out(t, batched ? Shape{batch, m, n} : Shape{m, n});
  visit_dtype(t, [&](auto tag) { matmul_into<decltype(tag)::value>(x, y, out, batch, m, k, n); });
  return out;
}

std::vector<Tensor> dot_kernel(const Node& node, const std::vector<Tensor>& in) {
  return {matmul(in[0], in[1], out_dtype(node))};
}

std::vector<Tensor> batched_dot_kernel(const Node& node, const std::vector<Tensor>& in) {
  if (in[0].shape()[0] != in[1].shape()[0])
    throw PyTensorRaises("BatchedDot: inputs must have the same size in axis 0");
  return {matmul(in[0], in[1], out_dtype(node))};
}

// Element-level float arithmetic as NumPy's loops do it in dtype T.
template <DType T>
struct F {
  using C = compute_t<T>;
  static C ld(storage_t<T> s) { return Lane<T>::load(s); }
  static storage_t<T> st(C v) { return Lane<T>::store(v); }
  static storage_t<T> mul(storage_t<T> a, storage_t<T> b) { return st(ld(a) * ld(b)); }
  static storage_t<T> add(storage_t<T> a, storage_t<T> b) { return st(ld(a) + ld(b)); }
};

// Gemm.perform: z broadcast up to dot(x, y) (np.broadcast_to when x or y
// is larger), then z[:] = a*dot when b == 0, else z = z*b + a*dot, in place
// (so the product must broadcast into z as well).
std::vector<Tensor> gemm_kernel(const Node& node, const std::vector<Tensor>& in) {
  const Tensor &z = in[0], &a = in[1], &x = in[2], &y = in[3], &b = in[4];
  const DType t = out_dtype(node);
  const Tensor d = matmul(x, y, t);
  const int64_t m = d.shape()[0], n = d.shape()[1];
  for (int d_i = 0; d_i < 2; ++d_i) {
    const int64_t zd = z.shape()[d_i], pd = d.shape()[d_i];
    if (zd != pd && !(zd == 1 && pd > 1))
      throw PyTensorRaises("Gemm: z of shape " + z.describe() + " does not match dot(x, y) of shape " + d.describe() +
                           " (broadcast error, or a result larger than the product)");
  }
  Tensor out(t, {m, n});
  visit_dtype(t, [&](auto tag) {
    constexpr DType T = decltype(tag)::value;
    if constexpr (T == DType::Float16 || T == DType::Float32 || T == DType::Float64) {
      using S = storage_t<T>;
      const S av = a.data<S>()[0], bv = b.data<S>()[0];
      const bool b_zero = F<T>::ld(bv) == 0;
      auto zs = z.data<S>();
      auto ds = d.data<S>();
      auto os = out.data<S>();
      for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j) {
          const S ad = F<T>::mul(av, ds[static_cast<size_t>(i * n + j)]);
          const int64_t zi = (z.shape()[0] == 1 ? 0 : i) * z.shape()[1] + (z.shape()[1] == 1 ? 0 : j);
          os[static_cast<size_t>(i * n + j)] = b_zero ? ad : F<T>::add(F<T>::mul(zs[static_cast<size_t>(zi)], bv), ad);
        }
    } else {
      throw Error("oracle: Gemm on a non-float dtype");
    }
  });
  return {out};
}

// Gemv.perform; see the converter's rules (lib/convert/ops/linalg_products.cpp)
// for where they come from: BLAS for float32/float64 (y zero-filled when
// beta == 0, A x skipped when alpha == 0), np.dot and in-place NumPy ops
// otherwise.
std::vector<Tensor> gemv_kernel(const Node& node, const std::vector<Tensor>& in) {
  const Tensor &y = in[0], &alpha = in[1], &A = in[2], &x = in[3], &beta = in[4];
  const DType t = out_dtype(node);
  if (alpha.dtype() != t || beta.dtype() != t)
    throw Error("oracle: Gemv with alpha/beta of another dtype than y is not modelled");
  const int64_t m = A.shape()[0], n = A.shape()[1];
  if (y.shape()[0] != m || x.shape()[0] != n)
    throw PyTensorRaises("Incompatible shapes for gemv (beta * y + alpha * dot(A, x)). y: " + y.describe() +
                         ", A: " + A.describe() + ", x: " + x.describe());
  const Tensor d = matmul(A, x.reshaped({n, 1}), t).reshaped({m});
  Tensor out(t, {m});
  visit_dtype(t, [&](auto tag) {
    constexpr DType T = decltype(tag)::value;
    using S = storage_t<T>;
    auto ys = y.data<S>();
    auto ds = d.data<S>();
    auto os = out.data<S>();
    const S av = alpha.data<S>()[0], bv = beta.data<S>()[0];
    for (int64_t i = 0; i < m; ++i) {
      const size_t u = static_cast<size_t>(i);
      if constexpr (T == DType::Float32 || T == DType::Float64) {
        const S by = bv == 0 ? S(0) : bv * ys[u];
        const S ad = av == 0 ? S(0) : av * ds[u];
        os[u] = by + ad;
      } else if constexpr (T == DType::Float16) {
        const S ad = F<T>::mul(av, ds[u]);
        os[u] = F<T>::ld(bv) == 0 ? ad : F<T>::add(ad, F<T>::mul(bv, ys[u]));
      } else if constexpr (T == DType::Bool) {
        os[u] = ((av && ds[u]) || (bv && ys[u])) ? 1 : 0;
      } else {
        const auto w = [](S v) { return static_cast<uint64_t>(v); };  // wraps modulo 2^64
        os[u] = static_cast<S>(w(av) * w(ds[u]) + w(bv) * w(ys[u]));
      }
    }
  });
  return {out};
}

const KernelRegistrar kDot("Dot", dot_kernel);
const KernelRegistrar kDot22("Dot22", dot_kernel);
const KernelRegistrar kBatchedDot("BatchedDot", batched_dot_kernel);
const KernelRegistrar kGemm("Gemm", gemm_kernel);
const KernelRegistrar kGemv("Gemv", gemv_kernel);

}  // namespace
}  // namespace ptonnx::oracle
