// QuantizeLinear, DequantizeLinear and DynamicQuantizeLinear: the linear
// (scale, zero point) mapping between float32 and 8-bit integers, per
// tensor or (from opset 13) per slice along an axis.
#include <algorithm>
#include <cmath>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

// Which scale/zero-point element applies to element i of x: all of them
// share element 0 (per tensor) or element (i / inner) % dim (per axis).
struct QuantParams {
  int64_t inner = 1;
  int64_t dim = 1;
  bool per_axis = false;
  int64_t index(int64_t i) const { return per_axis ? (i / inner) % dim : 0; }
};

QuantParams quant_params(const KernelContext& ctx, const Tensor& x, const Tensor& scale, const Tensor* zp) {
  require_dtype(scale.dtype() == DType::Float32, scale, "scale", "float32");
  if (zp && zp->shape() != scale.shape())
    throw ValidationError("zero point " + zp->describe() + " must have the scale's shape " + scale.describe());
  QuantParams p;
  // A 1-element scale is per tensor whatever its rank (as ONNX Runtime
  // reads it); otherwise it must be 1-D with one entry per slice.
  if (scale.numel() == 1) return p;
  if (ctx.opset() < 13 || scale.rank() != 1)
    throw ValidationError("scale " + scale.describe() +
                          " must be a scalar (per tensor) or, from opset 13, 1-D (per axis)");
  const int64_t axis = normalize_axis(ctx.attrs().get_int("axis", 1), x.rank());
  if (scale.numel() != x.shape()[static_cast<size_t>(axis)])
    throw ValidationError("scale " + scale.describe() + " must have one element per slice of " + x.describe() +
                          " along axis " + std::to_string(axis));
  p.per_axis = true;
  p.dim = scale.numel();
  p.inner = dims_product(x.shape(), axis + 1, x.rank());
  return p;
}

template <typename Q>
Q saturate_round(float v, double zero_point) {
  // rint in the default rounding mode rounds half to even, as the spec asks.
  return saturate_cast<Q>(static_cast<double>(std::nearbyint(v)) + zero_point);
}

std::vector<Tensor> quantize_linear(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Tensor& scale = ctx.input(1);
  const Tensor* zp = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  require_dtype(x.dtype() == DType::Float32 || x.dtype() == DType::Int32, x, "x", "float32, int32");
  const DType out = zp ? zp->dtype() : DType::UInt8;
  if (out != DType::UInt8 && out != DType::Int8)
    throw TypeError("zero point dtype " + std::string(dtype_name(out)) + " is not accepted; uint8 or int8");
  const QuantParams p = quant_params(ctx, x, scale, zp);
  const Tensor xf = cast_tensor(ctx, x, DType::Float32);
  Tensor y = ctx.alloc(out, x.shape());
  const auto in = xf.data<float>();
  const auto s = scale.data<float>();
  for (int64_t i = 0; i < x.numel(); ++i) {
    const int64_t k = p.index(i);
    const double z = zp ? zp->get_as_double(k) : 0.0;
    const float v = in[static_cast<size_t>(i)] / s[static_cast<size_t>(k)];
    if (out == DType::UInt8)
      y.data<uint8_t>()[static_cast<size_t>(i)] = saturate_round<uint8_t>(v, z);
    else
      y.data<int8_t>()[static_cast<size_t>(i)] = saturate_round<int8_t>(v, z);
  }
  return one_output(std::move(y));
}

std::vector<Tensor> dequantize_linear(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Tensor& scale = ctx.input(1);
  const Tensor* zp = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  require_dtype(x.dtype() == DType::UInt8 || x.dtype() == DType::Int8 || x.dtype() == DType::Int32, x, "x",
                "uint8, int8, int32");
  if (zp && zp->dtype() != x.dtype())
    throw TypeError("zero point dtype " + std::string(dtype_name(zp->dtype())) + " must be x's, " +
                    std::string(dtype_name(x.dtype())));
  const QuantParams p = quant_params(ctx, x, scale, zp);
  Tensor y = ctx.alloc(DType::Float32, x.shape());
  const auto s = scale.data<float>();
  auto out = y.data<float>();
  for (int64_t i = 0; i < x.numel(); ++i) {
    const int64_t k = p.index(i);
    // The int32 difference of two int32 values can overflow; in float it is
    // what the spec's (x - x_zero_point) * x_scale computes anyway.
    const float d = static_cast<float>(x.get_as_double(i)) - static_cast<float>(zp ? zp->get_as_double(k) : 0.0);
    out[static_cast<size_t>(i)] = d * s[static_cast<size_t>(k)];
  }
  return one_output(std::move(y));
}

// The spec's formula over [min(0, min x), max(0, max x)] mapped to
// [0, 255]. When x is all zeros the range is empty and the formula divides
// by a zero scale; the spec leaves that open: here scale 0, zero point 0
// and y all 0, which dequantize back to x exactly (ONNX Runtime does the
// same).
std::vector<Tensor> dynamic_quantize_linear(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  require_dtype(x.dtype() == DType::Float32, x, "x", "float32");
  const auto in = x.data<float>();
  float lo = 0, hi = 0;
  for (float v : in) {
    if (std::isnan(v)) throw ValidationError("x contains NaN; its quantization range is undefined");
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  const float scale = (hi - lo) / 255.0f;
  float zero_point = 0;
  if (scale != 0 && std::isfinite(scale))
    zero_point = std::clamp(std::nearbyint(0.0f - lo / scale), 0.0f, 255.0f);
  else if (!std::isfinite(scale))
    throw ValidationError("x's range is not finite; the scale would be " + std::to_string(scale));
  Tensor y = ctx.alloc(DType::UInt8, x.shape());
  auto out = y.data<uint8_t>();
  for (size_t i = 0; i < in.size(); ++i)
    out[i] = scale == 0 ? uint8_t{0} : saturate_round<uint8_t>(in[i] / scale, zero_point);
  Tensor ys = ctx.alloc(DType::Float32, {});
  ys.data<float>()[0] = scale;
  Tensor yz = ctx.alloc(DType::UInt8, {});
  yz.data<uint8_t>()[0] = static_cast<uint8_t>(zero_point);
  std::vector<Tensor> res;
  res.push_back(std::move(y));
  res.push_back(std::move(ys));
  res.push_back(std::move(yz));
  return res;
}

const KernelRegistrar regs[] = {
    // 13 added per-axis scales (the axis attribute); 19 adds float8 and
    // the saturate attribute, past the opsets the runtime covers.
    {"QuantizeLinear", 10, quantize_linear},
    {"DequantizeLinear", 10, dequantize_linear},
    {"DynamicQuantizeLinear", 11, dynamic_quantize_linear},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
