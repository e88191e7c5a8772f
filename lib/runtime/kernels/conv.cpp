// ONNX Conv (opsets 1 and 11; 11 only made kernel_shape/pads defaults
// explicit): X (N, C, D1..Dn), W (M, C/group, k1..kn), optional B (M), any
// number of spatial dims (the Debian testdata has 1-D, 2-D and 3-D cases).
// Attributes: auto_pad NOTSET (explicit pads) / VALID / SAME_UPPER /
// SAME_LOWER, pads (begins then ends), strides, dilations, group,
// kernel_shape (checked against W when given).
//
// Cross-correlation through im2col and BLAS: per image and group, the
// column matrix col[(c, k...), (o...)] holds the input element each kernel
// tap meets at each output position (0 in the padding), and
// Y_g (Mg x P) = W_g (Mg x K) * col (K x P) is one cblas_sgemm / dgemm.
// float32 and float64 compute in their type; float16 converts X and W to
// float, accumulates in float and rounds each output once. Every shape is
// validated and every allocation sized through the context before any
// element is read (docs/hostile-input.md).
#include <cblas.h>

#include <algorithm>
#include <cstring>

#include "runtime/kernels/conv_geometry.h"

namespace ptonnx::runtime::kernels {
namespace {

using conv_detail::Geometry;
using conv_detail::geometry;
using conv_detail::im2col;

void gemm(int64_t m, int64_t n, int64_t k, const float* a, const float* b, float* c) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, static_cast<int>(m), static_cast<int>(n), static_cast<int>(k),
              1.0f, a, static_cast<int>(k), b, static_cast<int>(n), 0.0f, c, static_cast<int>(n));
}
void gemm(int64_t m, int64_t n, int64_t k, const double* a, const double* b, double* c) {
  cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, static_cast<int>(m), static_cast<int>(n), static_cast<int>(k),
              1.0, a, static_cast<int>(k), b, static_cast<int>(n), 0.0, c, static_cast<int>(n));
}

std::vector<Tensor> conv(KernelContext& ctx) {
  const auto ops = conv_detail::operands(ctx, geometry);
  const Tensor &x = ops.x, &w = ops.w;
  const Tensor* bias = ops.bias;
  const Geometry& g = ops.g;
  const Shape& out_shape = ops.out_shape;
  const int64_t cg = g.c / g.group, mg = g.m / g.group, kk = cg * g.k_size, p = g.out_size;
  // Each BLAS dimension must fit an int.
  if (kk > (int64_t{1} << 30) || p > (int64_t{1} << 30) || mg > (int64_t{1} << 30))
    throw LimitError("Conv's im2col matrix dims beyond 2^30 are refused");
  ctx.check_elements(kk * p, x.dtype());
  Tensor y = ctx.alloc(x.dtype(), out_shape);
  if (y.numel() == 0) return one_output(std::move(y));
  visit_float(x.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    using C = compute_t<D>;
    std::vector<C> xc, wc, yc;
    const C* xs = conv_detail::as_compute<C, D>(ctx, x, xc, "Conv's float copy of X");
    const C* ws = conv_detail::as_compute<C, D>(ctx, w, wc, "Conv's float copy of W");
    ctx.charge_scratch(kk * p * static_cast<int64_t>(sizeof(C)), "Conv's im2col matrix");
    std::vector<C> col(static_cast<size_t>(kk * p));
    C* ys = conv_detail::output_buffer<C, D>(ctx, y, yc, "Conv's float output");
    // K = 0 (W with no input channels) leaves the sums 0; BLAS would
    // refuse its leading dimension 0.
    for (int64_t b = 0; b < g.n && kk > 0; ++b)
      for (int64_t grp = 0; grp < g.group; ++grp) {
        im2col(g, xs + b * g.c * g.in_size, grp * cg, cg, col.data());
        gemm(mg, p, kk, ws + grp * mg * kk, col.data(), ys + (b * g.m + grp * mg) * p);
      }
    conv_detail::finish<C, D>(bias, g.n, g.m, p, ys, y);
  });
  return one_output(std::move(y));
}

const KernelRegistrar kConv("Conv", 1, conv);

}  // namespace
}  // namespace ptonnx::runtime::kernels
