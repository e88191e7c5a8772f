// MatMulInteger and QLinearMatMul (opset 10): matrix products of 8-bit
// integers with zero points (per tensor, per row of A, per column of B),
// accumulated in int32; QLinearMatMul requantizes the result to 8 bits.
// The product itself is the runtime's MatMul kernel (NumPy matmul
// broadcasting) over the int32 differences.
#include <cmath>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

bool is_8bit(DType t) { return t == DType::Int8 || t == DType::UInt8; }

// x - zero_point as int32; the zero point is a scalar (per tensor) or 1-D
// with one entry per row (A: dim -2) or per column (B: dim -1) of x.
Tensor minus_zero_point(const KernelContext& ctx, const Tensor& x, const Tensor* zp, bool per_row, const char* name) {
  require_dtype(is_8bit(x.dtype()), x, name, "int8, uint8");
  if (x.rank() < 1) throw ValidationError(std::string(name) + " must have rank >= 1, got " + x.describe());
  // A 1-D A is one row and a 1-D B one column (matmul's promotion).
  const int64_t rows = x.rank() >= 2 ? x.shape()[x.rank() - 2] : 1, cols = x.shape()[x.rank() - 1];
  const int64_t per = per_row ? rows : x.rank() >= 2 ? cols : 1;
  if (zp) {
    if (zp->dtype() != x.dtype())
      throw TypeError(std::string(name) + "'s zero point must have its dtype, got " + zp->describe());
    if (zp->numel() != 1 && (zp->rank() != 1 || zp->numel() != per))
      throw ValidationError(std::string(name) + "'s zero point must be a scalar or 1-D of " + std::to_string(per) +
                            " elements, got " + zp->describe());
  }
  Tensor d = ctx.alloc(DType::Int32, x.shape());
  auto out = d.data<int32_t>();
  for (int64_t i = 0; i < x.numel(); ++i) {
    const int64_t k = !zp || zp->numel() == 1 ? 0 : per_row ? (i / cols) % rows : i % cols;
    out[static_cast<size_t>(i)] =
        static_cast<int32_t>(x.get_as_double(i)) - (zp ? static_cast<int32_t>(zp->get_as_double(k)) : 0);
  }
  return d;
}

Tensor int_matmul(KernelContext& ctx, const Tensor& a, const Tensor* azp, const Tensor& b, const Tensor* bzp) {
  const Tensor da = minus_zero_point(ctx, a, azp, true, "A");
  const Tensor db = minus_zero_point(ctx, b, bzp, false, "B");
  const KernelEntry* mm = KernelRegistry::instance().find("", "MatMul", 13);
  if (!mm) throw UnsupportedError("the runtime has no MatMul kernel");
  KernelContext sub = ctx.with_inputs({&da, &db});
  return std::move(mm->fn(sub).at(0));
}

std::vector<Tensor> matmul_integer(KernelContext& ctx) {
  return one_output(int_matmul(ctx, ctx.input(0), ctx.has_input(2) ? &ctx.input(2) : nullptr, ctx.input(1),
                               ctx.has_input(3) ? &ctx.input(3) : nullptr));
}

// y = saturate(round_half_even(c * a_scale * b_scale / y_scale) + y_zero_point),
// scales per tensor (the per-row/column forms of the spec are refused).
std::vector<Tensor> qlinear_matmul(KernelContext& ctx) {
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(3);
  const Tensor& y_zp = ctx.input(7);
  for (size_t i : {size_t{1}, size_t{4}, size_t{6}}) {
    require_dtype(ctx.input(i).dtype() == DType::Float32, ctx.input(i), "scale " + std::to_string(i), "float32");
    if (ctx.input(i).numel() != 1)
      throw UnsupportedError("only per-tensor (scalar) scales are supported, input " + std::to_string(i) + " is " +
                             ctx.input(i).describe());
  }
  require_dtype(is_8bit(y_zp.dtype()) && y_zp.numel() == 1, y_zp, "y_zero_point", "an int8 or uint8 scalar");
  const Tensor c = int_matmul(ctx, a, &ctx.input(2), b, &ctx.input(5));
  // As the spec's reference computes it: the float32 product of the scales.
  const float m = ctx.input(1).data<float>()[0] * ctx.input(4).data<float>()[0] / ctx.input(6).data<float>()[0];
  const double zp = y_zp.get_as_double(0);
  Tensor y = ctx.alloc(y_zp.dtype(), c.shape());
  const auto in = c.data<int32_t>();
  for (size_t i = 0; i < in.size(); ++i) {
    const double v = static_cast<double>(std::nearbyint(static_cast<float>(in[i]) * m)) + zp;
    set_element(y, static_cast<int64_t>(i),
                y_zp.dtype() == DType::UInt8 ? saturate_cast<uint8_t>(v) : saturate_cast<int8_t>(v));
  }
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    {"MatMulInteger", 10, matmul_integer},
    {"QLinearMatMul", 10, qlinear_matmul},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
