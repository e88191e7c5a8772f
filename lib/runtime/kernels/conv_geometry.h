// The geometry of ONNX's convolutions (Conv, ConvInteger, QLinearConv):
// shape checks, auto_pad, output dims, and the im2col column matrix, shared
// by the float and the integer kernels (one copy of the index arithmetic).
#pragma once

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels::conv_detail {

struct Geometry {
  int64_t n = 0, c = 0, m = 0, group = 1, spatial = 0;
  Shape in, kernel, out;  // spatial dims only
  std::vector<int64_t> strides, dilations, pad_begin;
  int64_t k_size = 0, out_size = 0, in_size = 0;  // per channel: prod(kernel), prod(out), prod(in)
};

inline std::vector<int64_t> ints_or(const KernelContext& ctx, const char* name, int64_t spatial, int64_t fill) {
  auto v = ctx.attrs().get_ints_opt(name);
  if (!v) return std::vector<int64_t>(static_cast<size_t>(spatial), fill);
  return *v;
}

inline Geometry geometry(const KernelContext& ctx, const Tensor& x, const Tensor& w) {
  if (x.rank() < 3)
    throw ValidationError("X must have rank >= 3 (N, C, spatial...), got " + shape_to_string(x.shape()));
  if (w.rank() != x.rank())
    throw ValidationError("W " + shape_to_string(w.shape()) + " must have X's rank " + std::to_string(x.rank()));
  Geometry g;
  g.spatial = x.rank() - 2;
  g.n = x.shape()[0];
  g.c = x.shape()[1];
  g.m = w.shape()[0];
  g.group = ctx.attrs().get_int("group", 1);
  if (g.group < 1) throw ValidationError("group must be >= 1, got " + std::to_string(g.group));
  if (g.c % g.group != 0 || w.shape()[1] != g.c / g.group)
    throw ValidationError("W's dim 1 (" + std::to_string(w.shape()[1]) +
                          ") must be C / group = " + std::to_string(g.c) + " / " + std::to_string(g.group));
  if (g.m % g.group != 0)
    throw ValidationError("M (" + std::to_string(g.m) + ") must be divisible by group " + std::to_string(g.group));
  g.in.assign(x.shape().begin() + 2, x.shape().end());
  g.kernel.assign(w.shape().begin() + 2, w.shape().end());
  if (auto ks = ctx.attrs().get_ints_opt("kernel_shape"); ks && *ks != g.kernel)
    throw ValidationError("kernel_shape does not match W's spatial dims " + shape_to_string(w.shape()));
  const size_t s = static_cast<size_t>(g.spatial);
  g.strides = ints_or(ctx, "strides", g.spatial, 1);
  g.dilations = ints_or(ctx, "dilations", g.spatial, 1);
  std::vector<int64_t> pads = ints_or(ctx, "pads", 2 * g.spatial, 0);
  if (g.strides.size() != s || g.dilations.size() != s || pads.size() != 2 * s)
    throw ValidationError("strides, dilations need " + std::to_string(s) + " values and pads " + std::to_string(2 * s));
  const std::string auto_pad = ctx.attrs().get_string("auto_pad", "NOTSET");
  if (auto_pad != "NOTSET" && auto_pad != "VALID" && auto_pad != "SAME_UPPER" && auto_pad != "SAME_LOWER")
    throw ValidationError("auto_pad '" + auto_pad + "'; supported: NOTSET, VALID, SAME_UPPER, SAME_LOWER");
  g.pad_begin.resize(s);
  g.k_size = g.out_size = g.in_size = 1;
  for (size_t i = 0; i < s; ++i) {
    const int64_t in = g.in[i], k = g.kernel[i], st = g.strides[i], d = g.dilations[i];
    if (st < 1 || d < 1 || k < 1) throw ValidationError("strides, dilations and kernel dims must be >= 1");
    if (pads[i] < 0 || pads[i + s] < 0) throw ValidationError("pads must be >= 0");
    if (in > (int64_t{1} << 40) || k > (int64_t{1} << 40) || st > (int64_t{1} << 40) || d > (int64_t{1} << 20) ||
        pads[i] > (int64_t{1} << 40) || pads[i + s] > (int64_t{1} << 40))
      throw LimitError("Conv dims beyond 2^40 (dilations beyond 2^20) are refused");
    const int64_t dk = (k - 1) * d + 1;
    int64_t begin = pads[i], end = pads[i + s];
    if (auto_pad == "VALID") {
      begin = end = 0;
    } else if (auto_pad != "NOTSET") {
      // SAME: output ceil(in / stride); the extra pad goes at the end
      // (UPPER) or the beginning (LOWER).
      const int64_t out = (in + st - 1) / st;
      const int64_t total = std::max<int64_t>(0, (out - 1) * st + dk - in);
      begin = auto_pad == "SAME_UPPER" ? total / 2 : total - total / 2;
      end = total - begin;
    }
    const int64_t span = in + begin + end - dk;
    if (span < 0)
      throw ValidationError("the dilated kernel (" + std::to_string(dk) + ") is larger than the padded input (" +
                            std::to_string(in + begin + end) + ") on spatial axis " + std::to_string(i));
    g.out.push_back(span / st + 1);
    g.pad_begin[i] = begin;
    g.k_size *= k;
    g.out_size *= g.out.back();
    if (g.out_size > (int64_t{1} << 40)) throw LimitError("Conv output of more than 2^40 positions per channel");
    g.in_size *= in;
  }
  return g;
}

// One step of an odometer over a box: the last index moves fastest and
// wraps to 0 into the one before it.
inline void advance(std::vector<int64_t>& index, const std::vector<int64_t>& extent) {
  for (size_t i = index.size(); i-- > 0;)
    if (++index[i] < extent[i])
      return;
    else
      index[i] = 0;
}

// The operands Conv and ConvTranspose share: float X, W of X's dtype, an
// optional B of M elements; their geometry (each op's own, from
// geometry_of) and the output shape [N, M, spatial...]. Checked before any
// memory is touched.
template <typename G>
struct Operands {
  const Tensor& x;
  const Tensor& w;
  const Tensor* bias;
  G g;
  Shape out_shape;
};

template <typename GeometryOf>
auto operands(const KernelContext& ctx, GeometryOf geometry_of) {
  const Tensor &x = ctx.input(0), &w = ctx.input(1);
  require_dtype(is_float(x.dtype()), x, "X", "float16, float, double");
  if (w.dtype() != x.dtype()) throw TypeError("W's dtype must be X's (" + std::string(dtype_name(x.dtype())) + ")");
  const Tensor* bias = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  auto g = geometry_of(ctx, x, w);
  if (bias && (bias->dtype() != x.dtype() || bias->shape() != Shape{g.m}))
    throw ValidationError("B must be a 1-D tensor of M = " + std::to_string(g.m) + " elements of X's dtype");
  Shape out_shape{g.n, g.m};
  out_shape.insert(out_shape.end(), g.out.begin(), g.out.end());
  return Operands<decltype(g)>{x, w, bias, std::move(g), std::move(out_shape)};
}

// The elements of t in the compute type C (a view when no conversion is
// needed, else a charged copy: float16 computes in float).
template <typename C, DType D>
const C* as_compute(const KernelContext& ctx, const Tensor& t, std::vector<C>& copy, const char* what) {
  if constexpr (D != DType::Float16) {
    return t.data<storage_t<D>>().data();
  } else {
    ctx.charge_scratch(t.numel() * static_cast<int64_t>(sizeof(C)), what);
    copy.resize(static_cast<size_t>(t.numel()));
    auto s = t.data<storage_t<D>>();
    for (size_t i = 0; i < copy.size(); ++i) copy[i] = half_to_float(s[i]);
    return copy.data();
  }
}

// Where the kernel accumulates Y: Y itself, or for float16 a charged,
// zeroed float buffer that finish() rounds back.
template <typename C, DType D>
C* output_buffer(const KernelContext& ctx, Tensor& y, std::vector<C>& copy, const char* what) {
  if constexpr (D == DType::Float16) {
    ctx.charge_scratch(y.numel() * static_cast<int64_t>(sizeof(C)), what);
    copy.assign(static_cast<size_t>(y.numel()), C(0));
    return copy.data();
  } else {
    return y.data<storage_t<D>>().data();
  }
}

// Adds B (if any) to each of the N x M output planes of `plane` elements,
// then rounds a float16 output's float buffer into Y.
template <typename C, DType D>
void finish(const Tensor* bias, int64_t n, int64_t m, int64_t plane, C* ys, Tensor& y) {
  if (bias) {
    auto bs = bias->data<storage_t<D>>();
    for (int64_t b = 0; b < n; ++b)
      for (int64_t k = 0; k < m; ++k) {
        const C v = load<D>(bs[static_cast<size_t>(k)]);
        C* row = ys + (b * m + k) * plane;
        for (int64_t i = 0; i < plane; ++i) row[i] += v;
      }
  }
  if constexpr (D == DType::Float16) {
    auto o = y.data<storage_t<D>>();
    for (size_t i = 0; i < o.size(); ++i) o[i] = float_to_half(ys[i]);
  }
}

// col (K x P, row-major) for channels [c0, c0 + cg) of one image (src
// points at the image's first channel, converted to the compute type).
template <typename T>
void im2col(const Geometry& g, const T* src, int64_t c0, int64_t cg, T* col) {
  const int64_t p = g.out_size;
  if (g.spatial == 2) {
    // The 2-D fast path: one row of the output image at a time, a
    // contiguous copy when the stride is 1.
    const int64_t H = g.in[0], W = g.in[1], KH = g.kernel[0], KW = g.kernel[1], OH = g.out[0], OW = g.out[1];
    const int64_t sh = g.strides[0], sw = g.strides[1], dh = g.dilations[0], dw = g.dilations[1];
    const int64_t ph = g.pad_begin[0], pw = g.pad_begin[1];
    for (int64_t c = 0; c < cg; ++c) {
      const T* plane = src + (c0 + c) * H * W;
      for (int64_t a = 0; a < KH; ++a)
        for (int64_t b = 0; b < KW; ++b) {
          T* row = col + ((c * KH + a) * KW + b) * p;
          // Output columns whose input column iw = ow*sw - pw + b*dw is in [0, W).
          const int64_t off = b * dw - pw;
          const int64_t ow_lo = off >= 0 ? 0 : std::min(OW, (-off + sw - 1) / sw);
          const int64_t ow_hi = W - off <= 0 ? 0 : std::min(OW, (W - off + sw - 1) / sw);
          for (int64_t oh = 0; oh < OH; ++oh) {
            T* dst = row + oh * OW;
            const int64_t ih = oh * sh - ph + a * dh;
            if (ih < 0 || ih >= H || ow_hi <= ow_lo) {
              std::fill(dst, dst + OW, T(0));
              continue;
            }
            const T* line = plane + ih * W;
            std::fill(dst, dst + ow_lo, T(0));
            if (sw == 1)
              std::memcpy(dst + ow_lo, line + ow_lo + off, static_cast<size_t>(ow_hi - ow_lo) * sizeof(T));
            else
              for (int64_t ow = ow_lo; ow < ow_hi; ++ow) dst[ow] = line[ow * sw + off];
            std::fill(dst + std::max(ow_lo, ow_hi), dst + OW, T(0));
          }
        }
    }
    return;
  }
  // Any number of spatial dims: odometers over kernel taps and outputs.
  const size_t s = static_cast<size_t>(g.spatial);
  std::vector<int64_t> tap(s), pos(s);
  for (int64_t c = 0; c < cg; ++c) {
    const T* plane = src + (c0 + c) * g.in_size;
    std::fill(tap.begin(), tap.end(), 0);
    for (int64_t t = 0; t < g.k_size; ++t) {
      T* row = col + (c * g.k_size + t) * p;
      std::fill(pos.begin(), pos.end(), 0);
      for (int64_t o = 0; o < p; ++o) {
        int64_t idx = 0;
        bool inside = true;
        for (size_t i = 0; i < s && inside; ++i) {
          const int64_t v = pos[i] * g.strides[i] - g.pad_begin[i] + tap[i] * g.dilations[i];
          inside = v >= 0 && v < g.in[i];
          idx = idx * g.in[i] + v;
        }
        row[o] = inside ? plane[idx] : T(0);
        advance(pos, g.out);
      }
      advance(tap, g.kernel);
    }
  }
}

}  // namespace ptonnx::runtime::kernels::conv_detail
