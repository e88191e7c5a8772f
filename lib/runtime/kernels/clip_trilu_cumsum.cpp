// Clip (bounds as attributes before 11, optional inputs after), Trilu and
// CumSum: elementwise-ish ops with an extra parameter.
#include <cmath>
#include <limits>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

// Bounds are applied as max then min, so min > max gives max (as the spec's
// reference does); NaN inputs stay NaN.
Tensor clip(const KernelContext& ctx, const Tensor& x, const std::optional<double>& lo, const std::optional<double>& hi) {
  Tensor y = ctx.alloc(x.dtype(), x.shape());
  visit_numeric(x.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    using C = compute_t<D>;
    auto in = x.data<storage_t<D>>();
    auto out = y.data<storage_t<D>>();
    for (size_t i = 0; i < in.size(); ++i) {
      C v = load<D>(in[i]);
      if (lo && v < static_cast<C>(*lo)) v = static_cast<C>(*lo);
      if (hi && v > static_cast<C>(*hi)) v = static_cast<C>(*hi);
      out[i] = store<D>(v);
    }
  });
  return y;
}

std::vector<Tensor> clip_6(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  require_dtype(is_float(x.dtype()), x, "input", "float types");
  return {clip(ctx, x, ctx.attrs().get_float("min", -std::numeric_limits<float>::infinity()),
               ctx.attrs().get_float("max", std::numeric_limits<float>::infinity()))};
}

std::vector<Tensor> clip_11(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  std::optional<double> lo, hi;
  for (size_t i : {size_t{1}, size_t{2}}) {
    if (!ctx.has_input(i)) continue;
    if (ctx.input(i).dtype() != x.dtype()) throw TypeError("Clip bounds must have the input's dtype");
    (i == 1 ? lo : hi) = scalar_as_double(ctx.input(i), i == 1 ? "min" : "max");
  }
  return one_output(clip(ctx, x, lo, hi));
}

std::vector<Tensor> trilu_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  if (x.rank() < 2) throw ValidationError("Trilu input must have rank >= 2");
  const int64_t k = ctx.has_input(1) ? scalar_as_int64(ctx.input(1), "k") : 0;
  const bool upper = ctx.attrs().get_int("upper", 1) != 0;
  Tensor y = x;
  const int64_t rows = x.shape()[x.rank() - 2], cols = x.shape()[x.rank() - 1];
  const int64_t mats = rows * cols == 0 ? 0 : x.numel() / (rows * cols);
  const size_t es = dtype_size(x.dtype());
  for (int64_t b = 0; b < mats; ++b)
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j) {
        const bool keep = upper ? j - i >= k : j - i <= k;
        if (!keep) std::memset(y.raw() + ((b * rows + i) * cols + j) * static_cast<int64_t>(es), 0, es);
      }
  return one_output(std::move(y));
}

std::vector<Tensor> cumsum_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const int64_t axis = normalize_axis(scalar_as_int64(ctx.input(1), "axis"), x.rank());
  const bool exclusive = ctx.attrs().get_int("exclusive", 0) != 0;
  const bool reverse = ctx.attrs().get_int("reverse", 0) != 0;
  const int64_t outer = dims_product(x.shape(), 0, axis), dim = x.shape()[axis];
  const int64_t inner = dims_product(x.shape(), axis + 1, x.rank());
  Tensor y = ctx.alloc(x.dtype(), x.shape());
  visit_numeric(x.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    using A = std::conditional_t<std::is_floating_point_v<compute_t<D>>, double, compute_t<D>>;
    auto in = x.data<storage_t<D>>();
    auto out = y.data<storage_t<D>>();
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        A acc = 0;
        for (int64_t s = 0; s < dim; ++s) {
          const int64_t k = reverse ? dim - 1 - s : s;
          const int64_t at = (o * dim + k) * inner + i;
          const A v = static_cast<A>(load<D>(in[at]));
          if (!exclusive) acc = static_cast<A>(acc + v);
          out[at] = store<D>(static_cast<compute_t<D>>(acc));
          if (exclusive) acc = static_cast<A>(acc + v);
        }
      }
  });
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    // Clip-11 moved min/max from attributes to optional inputs.
    {"", "Clip", 6, 10, clip_6},
    {"Clip", 11, clip_11},
    {"Trilu", 14, trilu_kernel},
    {"CumSum", 11, cumsum_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
