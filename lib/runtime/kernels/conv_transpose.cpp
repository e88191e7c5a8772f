// ConvTranspose (opsets 1 and 11): X (N, C, D1..Dn), W (C, M/group,
// k1..kn), optional B (M); Y (N, M, O1..On). Input position i meets kernel
// tap t at output position i * stride - pad_begin + t * dilation.
// Attributes (docs/Operators.md): strides, dilations, group, kernel_shape
// (checked against W), pads, output_padding, output_shape and auto_pad.
//   O = stride * (in - 1) + output_padding + (k - 1) * dilation + 1
//       - pad_begin - pad_end
// unless output_shape (spatial dims, or all dims) is given, or auto_pad is
// SAME_UPPER / SAME_LOWER (then output_shape = in * stride): the pads are
// then derived from total = stride * (in - 1) + output_padding +
// (k - 1) * dilation + 1 - O, with the odd one at the end for SAME_UPPER
// and at the beginning otherwise.
//
// Per image and group: col (Mg*K x Pin) = W_g^T (Mg*K x Cg) * X_g (Cg x Pin)
// through BLAS, then col2im scatters (adds) each column entry into Y,
// skipping positions outside it (the pads cut them off).
#include <cblas.h>

#include <algorithm>
#include <optional>

#include "runtime/kernels/common.h"
#include "runtime/kernels/conv_geometry.h"

namespace ptonnx::runtime::kernels {
namespace {

struct Geometry {
  int64_t n = 0, c = 0, m = 0, group = 1;
  size_t spatial = 0;
  Shape in, kernel, out;
  std::vector<int64_t> strides, dilations, pad_begin;
  int64_t k_size = 1, in_size = 1, out_size = 1;
};

std::vector<int64_t> ints_or(const KernelContext& ctx, const char* name, size_t n, int64_t fill) {
  auto v = ctx.attrs().get_ints_opt(name);
  if (!v) return std::vector<int64_t>(n, fill);
  if (v->size() != n)
    throw ValidationError(std::string(name) + " has " + std::to_string(v->size()) + " values, expected " +
                          std::to_string(n));
  return *v;
}

Geometry geometry(const KernelContext& ctx, const Tensor& x, const Tensor& w) {
  if (x.rank() < 3)
    throw ValidationError("X must have rank >= 3 (N, C, spatial...), got " + shape_to_string(x.shape()));
  if (w.rank() != x.rank())
    throw ValidationError("W " + shape_to_string(w.shape()) + " must have X's rank " + std::to_string(x.rank()));
  Geometry g;
  g.spatial = static_cast<size_t>(x.rank() - 2);
  const size_t s = g.spatial;
  g.n = x.shape()[0];
  g.c = x.shape()[1];
  g.group = ctx.attrs().get_int("group", 1);
  if (g.group < 1) throw ValidationError("group must be >= 1, got " + std::to_string(g.group));
  if (w.shape()[0] != g.c || g.c % g.group != 0)
    throw ValidationError("W's dim 0 (" + std::to_string(w.shape()[0]) + ") must be X's channels C = " +
                          std::to_string(g.c) + ", divisible by group " + std::to_string(g.group));
  if (w.shape()[1] > (int64_t{1} << 40) / g.group) throw LimitError("ConvTranspose output channels beyond 2^40");
  g.m = w.shape()[1] * g.group;
  g.in.assign(x.shape().begin() + 2, x.shape().end());
  g.kernel.assign(w.shape().begin() + 2, w.shape().end());
  if (auto ks = ctx.attrs().get_ints_opt("kernel_shape"); ks && *ks != g.kernel)
    throw ValidationError("kernel_shape does not match W's spatial dims " + shape_to_string(w.shape()));
  g.strides = ints_or(ctx, "strides", s, 1);
  g.dilations = ints_or(ctx, "dilations", s, 1);
  const std::vector<int64_t> out_pad = ints_or(ctx, "output_padding", s, 0);
  std::vector<int64_t> pads = ints_or(ctx, "pads", 2 * s, 0);
  const std::string auto_pad = ctx.attrs().get_string("auto_pad", "NOTSET");
  if (auto_pad != "NOTSET" && auto_pad != "VALID" && auto_pad != "SAME_UPPER" && auto_pad != "SAME_LOWER")
    throw ValidationError("auto_pad '" + auto_pad + "'; supported: NOTSET, VALID, SAME_UPPER, SAME_LOWER");
  std::optional<std::vector<int64_t>> out_shape = ctx.attrs().get_ints_opt("output_shape");
  if (out_shape && out_shape->size() == s + 2) out_shape->erase(out_shape->begin(), out_shape->begin() + 2);
  if (out_shape && out_shape->size() != s)
    throw ValidationError("output_shape needs " + std::to_string(s) + " spatial dims (or " + std::to_string(s + 2) +
                          " dims), got " + std::to_string(out_shape->size()));
  constexpr int64_t kBig = int64_t{1} << 40;
  g.pad_begin.resize(s);
  for (size_t i = 0; i < s; ++i) {
    const int64_t in = g.in[i], k = g.kernel[i], st = g.strides[i], d = g.dilations[i];
    if (st < 1 || d < 1 || k < 1) throw ValidationError("strides, dilations and kernel dims must be >= 1");
    if (out_pad[i] < 0 || pads[i] < 0 || pads[i + s] < 0) throw ValidationError("pads and output_padding must be >= 0");
    if (in > kBig || k > kBig || st > (int64_t{1} << 20) || d > (int64_t{1} << 20) || out_pad[i] > kBig ||
        pads[i] > kBig || pads[i + s] > kBig || (out_shape && ((*out_shape)[i] < 0 || (*out_shape)[i] > kBig)))
      throw LimitError("ConvTranspose dims beyond 2^40 (strides, dilations beyond 2^20) are refused");
    const int64_t full = st * std::max<int64_t>(in - 1, 0) + out_pad[i] + (k - 1) * d + 1;
    int64_t begin = pads[i], end = pads[i + s];
    if (out_shape || auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
      const int64_t o = out_shape ? (*out_shape)[i] : in * st;
      const int64_t total = full - o;
      // Halved rounding down (Python's //, as ONNX's reference does): a
      // negative total (an output larger than the input reaches) then puts
      // the extra positions, 0 plus bias, at the end.
      const int64_t half = total >= 0 ? total / 2 : -((-total + 1) / 2);
      begin = auto_pad == "SAME_UPPER" ? half : total - half;
      end = total - begin;
    } else if (auto_pad == "VALID") {
      begin = end = 0;
    }
    const int64_t o = full - begin - end;
    if (o < 0)
      throw ValidationError("pads (" + std::to_string(begin) + ", " + std::to_string(end) +
                            ") leave a negative output size on spatial axis " + std::to_string(i));
    if (in == 0) throw ValidationError("spatial axis " + std::to_string(i) + " of X is empty");
    g.out.push_back(o);
    g.pad_begin[i] = begin;
    g.k_size *= k;
    g.in_size *= in;
    g.out_size *= o;
    if (g.k_size > kBig || g.in_size > kBig || g.out_size > kBig)
      throw LimitError("ConvTranspose with more than 2^40 kernel taps, input or output positions per channel");
  }
  return g;
}

void gemm_at(int64_t m, int64_t n, int64_t k, const float* a, const float* b, float* c) {
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, static_cast<int>(m), static_cast<int>(n), static_cast<int>(k),
              1.0f, a, static_cast<int>(m), b, static_cast<int>(n), 0.0f, c, static_cast<int>(n));
}
void gemm_at(int64_t m, int64_t n, int64_t k, const double* a, const double* b, double* c) {
  cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, static_cast<int>(m), static_cast<int>(n), static_cast<int>(k),
              1.0, a, static_cast<int>(m), b, static_cast<int>(n), 0.0, c, static_cast<int>(n));
}

// Adds col (Mg*K x Pin, for output channels [m0, m0 + mg)) into y (one
// image, all M channels).
template <typename C>
void col2im(const Geometry& g, const C* col, int64_t m0, int64_t mg, C* y) {
  const size_t s = g.spatial;
  std::vector<int64_t> tap(s), pos(s);
  for (int64_t mi = 0; mi < mg; ++mi) {
    C* plane = y + (m0 + mi) * g.out_size;
    std::fill(tap.begin(), tap.end(), 0);
    for (int64_t t = 0; t < g.k_size; ++t) {
      const C* row = col + (mi * g.k_size + t) * g.in_size;
      std::fill(pos.begin(), pos.end(), 0);
      for (int64_t p = 0; p < g.in_size; ++p) {
        int64_t idx = 0;
        bool inside = true;
        for (size_t i = 0; i < s && inside; ++i) {
          const int64_t v = pos[i] * g.strides[i] - g.pad_begin[i] + tap[i] * g.dilations[i];
          inside = v >= 0 && v < g.out[i];
          idx = idx * g.out[i] + v;
        }
        if (inside) plane[idx] += row[p];
        conv_detail::advance(pos, g.in);
      }
      conv_detail::advance(tap, g.kernel);
    }
  }
}

std::vector<Tensor> conv_transpose(KernelContext& ctx) {
  const auto ops = conv_detail::operands(ctx, geometry);
  const Tensor &x = ops.x, &w = ops.w;
  const Tensor* bias = ops.bias;
  const Geometry& g = ops.g;
  const Shape& out_shape = ops.out_shape;
  const int64_t cg = g.c / g.group, mg = g.m / g.group, rows = mg * g.k_size, p = g.in_size;
  if (rows > (int64_t{1} << 30) || p > (int64_t{1} << 30) || cg > (int64_t{1} << 30))
    throw LimitError("ConvTranspose's column matrix dims beyond 2^30 are refused");
  check_operations(ctx,
                   static_cast<double>(g.n) * static_cast<double>(g.group) * static_cast<double>(rows) *
                       static_cast<double>(p) * static_cast<double>(std::max<int64_t>(cg, 1)),
                   "ConvTranspose (N x M x kernel x input positions x C/group)");
  ctx.check_elements(rows * p, x.dtype());
  Tensor y = ctx.alloc(x.dtype(), out_shape);
  if (y.numel() == 0) return one_output(std::move(y));
  visit_float(x.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    using C = compute_t<D>;
    // float16 computes in float: converted copies of X and W, a float Y.
    std::vector<C> xc, wc, yc;
    const C* xs = conv_detail::as_compute<C, D>(ctx, x, xc, "ConvTranspose's float copy of X");
    const C* ws = conv_detail::as_compute<C, D>(ctx, w, wc, "ConvTranspose's float copy of W");
    C* ys = conv_detail::output_buffer<C, D>(ctx, y, yc, "ConvTranspose's float output");
    ctx.charge_scratch(rows * p * static_cast<int64_t>(sizeof(C)), "ConvTranspose's column matrix");
    std::vector<C> col(static_cast<size_t>(rows * p));
    // C / group = 0 leaves every sum 0 (BLAS would refuse the empty K).
    for (int64_t b = 0; b < g.n && cg > 0; ++b)
      for (int64_t grp = 0; grp < g.group; ++grp) {
        // W_g: rows [grp * cg, (grp + 1) * cg) of W seen as (C, Mg*K).
        gemm_at(rows, p, cg, ws + grp * cg * rows, xs + (b * g.c + grp * cg) * p, col.data());
        col2im(g, col.data(), grp * mg, mg, ys + b * g.m * g.out_size);
      }
    conv_detail::finish<C, D>(bias, g.n, g.m, g.out_size, ys, y);
  });
  return one_output(std::move(y));
}

const KernelRegistrar kConvTranspose("ConvTranspose", 1, conv_transpose);

}  // namespace
}  // namespace ptonnx::runtime::kernels
