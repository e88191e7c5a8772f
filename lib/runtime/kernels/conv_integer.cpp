// ConvInteger (opset 10) and QLinearConv (opset 10): Conv over 8-bit
// integers. Both subtract the zero points first (padding then contributes
// 0, as in ONNX's reference, which pads the shifted input with zeros) and
// accumulate the products exactly in 64 bits; ConvInteger returns the sums
// as int32 (wrapping as two's complement, as an int32 accumulator would),
// QLinearConv adds its int32 bias, scales by x_scale * w_scale / y_scale,
// rounds half to even, adds y_zero_point and saturates to y's type.
// Geometry (pads, strides, dilations, group, auto_pad) is Conv's
// (conv_geometry.h); the column matrix holds the shifted input as int32.
#include <cmath>

#include "runtime/kernels/conv_geometry.h"

namespace ptonnx::runtime::kernels {
namespace {

using conv_detail::Geometry;

bool is_8bit(DType t) { return t == DType::UInt8 || t == DType::Int8; }

int64_t int8_at(const Tensor& t, int64_t i) {
  return t.dtype() == DType::UInt8 ? int64_t{t.data<uint8_t>()[static_cast<size_t>(i)]}
                                   : int64_t{t.data<int8_t>()[static_cast<size_t>(i)]};
}

// A zero point: absent (0), a scalar, or (when per_channel > 0) one value
// per output channel. Returns one value per channel (size 1 or per_channel).
std::vector<int64_t> zero_points(const KernelContext& ctx, size_t index, const Tensor& data, int64_t per_channel,
                                 const char* what) {
  if (!ctx.has_input(index)) return {0};
  const Tensor& z = ctx.input(index);
  if (z.dtype() != data.dtype())
    throw TypeError(std::string(what) + " has dtype " + std::string(dtype_name(z.dtype())) + ", its data has " +
                    std::string(dtype_name(data.dtype())));
  if (z.numel() != 1 && !(per_channel > 0 && z.rank() == 1 && z.numel() == per_channel))
    throw ValidationError(std::string(what) + " " + z.describe() + " must be a scalar" +
                          (per_channel > 0 ? " or 1-D with one value per output channel" : ""));
  std::vector<int64_t> v(static_cast<size_t>(z.numel()));
  for (int64_t i = 0; i < z.numel(); ++i) v[static_cast<size_t>(i)] = int8_at(z, i);
  return v;
}

// acc (N, M, P) = sum over (c, taps) of (w - w_zp[m]) * (x - x_zp): the
// integer convolution both ops share. Validates everything first.
struct IntegerConv {
  Geometry g;
  Shape out_shape;
  std::vector<int64_t> acc;
};

IntegerConv integer_conv(const KernelContext& ctx, const Tensor& x, const Tensor& w, size_t x_zp_index,
                         size_t w_zp_index) {
  if (!is_8bit(x.dtype())) require_dtype(false, x, "x", "uint8, int8");
  if (!is_8bit(w.dtype())) require_dtype(false, w, "w", "uint8, int8");
  IntegerConv r;
  r.g = conv_detail::geometry(ctx, x, w);
  const Geometry& g = r.g;
  const std::vector<int64_t> xz = zero_points(ctx, x_zp_index, x, 0, "x_zero_point");
  const std::vector<int64_t> wz = zero_points(ctx, w_zp_index, w, g.m, "w_zero_point");
  r.out_shape = {g.n, g.m};
  r.out_shape.insert(r.out_shape.end(), g.out.begin(), g.out.end());
  const int64_t cg = g.c / g.group, mg = g.m / g.group, kk = cg * g.k_size, p = g.out_size;
  check_operations(
      ctx, static_cast<double>(g.n) * static_cast<double>(g.m) * static_cast<double>(kk) * static_cast<double>(p),
      "the integer convolution (N x M x C/group x kernel x output positions)");
  const int64_t out_numel = shape_numel(r.out_shape);
  ctx.check_elements(out_numel, DType::Int64);
  ctx.check_elements(kk * p, DType::Int32);
  ctx.charge_scratch(x.numel() * 4 + kk * p * 4 + out_numel * 8,
                     "the integer convolution's shifted input, columns and sums");
  std::vector<int32_t> xs(static_cast<size_t>(x.numel()));
  for (int64_t i = 0; i < x.numel(); ++i) xs[static_cast<size_t>(i)] = static_cast<int32_t>(int8_at(x, i) - xz[0]);
  std::vector<int32_t> col(static_cast<size_t>(kk * p));
  r.acc.assign(static_cast<size_t>(out_numel), 0);
  for (int64_t b = 0; b < g.n; ++b)
    for (int64_t grp = 0; grp < g.group; ++grp) {
      conv_detail::im2col(g, xs.data() + b * g.c * g.in_size, grp * cg, cg, col.data());
      for (int64_t mi = 0; mi < mg; ++mi) {
        const int64_t m = grp * mg + mi;
        const int64_t zp = wz.size() == 1 ? wz[0] : wz[static_cast<size_t>(m)];
        int64_t* out = r.acc.data() + (b * g.m + m) * p;
        for (int64_t k = 0; k < kk; ++k) {
          const int64_t wv = int8_at(w, m * kk + k) - zp;
          if (wv == 0) continue;
          const int32_t* row = col.data() + k * p;
          for (int64_t i = 0; i < p; ++i) out[i] += wv * row[i];
        }
      }
    }
  return r;
}

std::vector<Tensor> conv_integer(KernelContext& ctx) {
  IntegerConv r = integer_conv(ctx, ctx.input(0), ctx.input(1), 2, 3);
  Tensor y = ctx.alloc_uninitialized(DType::Int32, r.out_shape);
  auto out = y.data<int32_t>();
  // Through uint32: the int32 accumulator wraps; a signed narrowing of an
  // out-of-range value is what C++20 defines as that wrap.
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<int32_t>(static_cast<uint32_t>(r.acc[i]));
  return one_output(std::move(y));
}

// A float32 scale: a scalar, or (per_channel > 0) one per output channel.
std::vector<float> scales(const Tensor& s, int64_t per_channel, const char* what) {
  require_dtype(s.dtype() == DType::Float32, s, what, "float32");
  if (s.numel() != 1 && !(per_channel > 0 && s.rank() == 1 && s.numel() == per_channel))
    throw ValidationError(std::string(what) + " " + s.describe() + " must be a scalar" +
                          (per_channel > 0 ? " or 1-D with one value per output channel" : ""));
  auto d = s.data<float>();
  return {d.begin(), d.end()};
}

std::vector<Tensor> qlinear_conv(KernelContext& ctx) {
  // Inputs: x, x_scale, x_zero_point, w, w_scale, w_zero_point, y_scale,
  // y_zero_point, B.
  const Tensor &x = ctx.input(0), &w = ctx.input(3);
  const std::vector<float> xs = scales(ctx.input(1), 0, "x_scale");
  const int64_t m = w.rank() >= 1 ? w.shape()[0] : 0;
  const std::vector<float> ws = scales(ctx.input(4), m, "w_scale");
  const std::vector<float> ys = scales(ctx.input(6), 0, "y_scale");
  const Tensor& yzp = ctx.input(7);
  if (!is_8bit(yzp.dtype()) || yzp.numel() != 1)
    throw TypeError("y_zero_point " + yzp.describe() + " must be a uint8 or int8 scalar");
  const Tensor* bias = ctx.has_input(8) ? &ctx.input(8) : nullptr;
  if (bias && (bias->dtype() != DType::Int32 || bias->shape() != Shape{m}))
    throw ValidationError("B " + bias->describe() + " must be a 1-D int32 tensor of M = " + std::to_string(m) +
                          " elements");
  IntegerConv r = integer_conv(ctx, x, w, 2, 5);
  const int64_t p = r.g.out_size, zp = int8_at(yzp, 0);
  Tensor y = ctx.alloc_uninitialized(yzp.dtype(), r.out_shape);
  for (int64_t b = 0; b < r.g.n; ++b)
    for (int64_t c = 0; c < r.g.m; ++c) {
      // The product of the scales in float32, as ONNX Runtime and the
      // reference compute it, the rescale in double.
      const float ws_c = ws.size() == 1 ? ws[0] : ws[static_cast<size_t>(c)];
      const double scale = static_cast<double>(xs[0] * ws_c) / static_cast<double>(ys[0]);
      const int64_t bv = bias ? int64_t{bias->data<int32_t>()[static_cast<size_t>(c)]} : 0;
      for (int64_t i = 0; i < p; ++i) {
        const int64_t at = (b * r.g.m + c) * p + i;
        const double v =
            std::nearbyint(static_cast<double>(r.acc[static_cast<size_t>(at)] + bv) * scale) + static_cast<double>(zp);
        if (y.dtype() == DType::UInt8)
          y.data<uint8_t>()[static_cast<size_t>(at)] = saturate_cast<uint8_t>(v);
        else
          y.data<int8_t>()[static_cast<size_t>(at)] = saturate_cast<int8_t>(v);
      }
    }
  return one_output(std::move(y));
}

const KernelRegistrar kConvInteger("ConvInteger", 10, conv_integer);
const KernelRegistrar kQLinearConv("QLinearConv", 10, qlinear_conv);

}  // namespace
}  // namespace ptonnx::runtime::kernels
