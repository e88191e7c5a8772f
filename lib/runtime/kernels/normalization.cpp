// InstanceNormalization, MeanVarianceNormalization and LRN: normalizations
// over fixed groups of a float tensor (per (n, c) over the spatial dims,
// over a set of axes, across neighbouring channels). Statistics are
// accumulated in double.
#include <cmath>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

// y = scale[c] * (x - mean) / sqrt(var + epsilon) + B[c], the mean and the
// (biased) variance taken over the spatial dims of each (n, c).
std::vector<Tensor> instance_norm(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Tensor& scale = ctx.input(1);
  const Tensor& bias = ctx.input(2);
  require_dtype(is_float(x.dtype()), x, "input", "float16, float32, float64");
  if (x.rank() < 2) throw ValidationError("input must have rank >= 2 (N, C, ...), got " + x.describe());
  const int64_t c = x.shape()[1];
  for (const Tensor* t : {&scale, &bias})
    if (t->rank() != 1 || t->shape()[0] != c || t->dtype() != x.dtype())
      throw ValidationError("scale and B must be 1-D of C = " + std::to_string(c) +
                            " elements of the input's dtype, got " + t->describe());
  const double eps = ctx.attrs().get_float("epsilon", 1e-5f);
  const int64_t groups = dims_product(x.shape(), 0, 2), inner = dims_product(x.shape(), 2, x.rank());
  Tensor y = ctx.alloc(x.dtype(), x.shape());
  for (int64_t g = 0; g < groups; ++g) {
    double mean = 0, var = 0;
    for (int64_t i = 0; i < inner; ++i) mean += x.get_as_double(g * inner + i);
    mean /= static_cast<double>(inner);
    for (int64_t i = 0; i < inner; ++i) {
      const double d = x.get_as_double(g * inner + i) - mean;
      var += d * d;
    }
    var /= static_cast<double>(inner);
    const double s = scale.get_as_double(g % c) / std::sqrt(var + eps), b = bias.get_as_double(g % c);
    for (int64_t i = 0; i < inner; ++i) set_element(y, g * inner + i, (x.get_as_double(g * inner + i) - mean) * s + b);
  }
  return one_output(std::move(y));
}

// The spec's function body: (x - E[x]) / (sqrt(E[x^2] - E[x]^2) + 1e-9),
// the expectations over `axes` (default [0, 2, 3]).
std::vector<Tensor> mean_variance_norm(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  require_dtype(is_float(x.dtype()), x, "input", "float16, float32, float64");
  const auto attr = ctx.attrs().get_ints_opt("axes");
  const std::vector<int64_t> axes = normalize_axes(attr ? *attr : std::vector<int64_t>{0, 2, 3}, x.rank());
  std::vector<bool> reduced(static_cast<size_t>(x.rank()), false);
  for (int64_t a : axes) reduced[static_cast<size_t>(a)] = true;
  // Element i belongs to the group given by its coordinates on the kept axes.
  // Scratch: a group index per element and three sums per group (at most
  // one group per element).
  ctx.charge_scratch(static_cast<int64_t>(sizeof(int64_t) + 3 * sizeof(double)) * x.numel(),
                     "MeanVarianceNormalization statistics");
  const auto strides = row_major_strides(x.shape());
  std::vector<int64_t> group(static_cast<size_t>(x.numel()));
  int64_t groups = 1;
  {
    std::vector<int64_t> kept_strides(static_cast<size_t>(x.rank()), 0);
    for (int64_t d = x.rank() - 1; d >= 0; --d)
      if (!reduced[static_cast<size_t>(d)]) {
        kept_strides[static_cast<size_t>(d)] = groups;
        groups *= x.shape()[static_cast<size_t>(d)];
      }
    for (int64_t i = 0; i < x.numel(); ++i) {
      int64_t g = 0;
      for (int64_t d = 0; d < x.rank(); ++d)
        g += (i / strides[static_cast<size_t>(d)]) % x.shape()[static_cast<size_t>(d)] *
             kept_strides[static_cast<size_t>(d)];
      group[static_cast<size_t>(i)] = g;
    }
  }
  std::vector<double> sum(static_cast<size_t>(groups)), sq(static_cast<size_t>(groups)),
      count(static_cast<size_t>(groups));
  for (int64_t i = 0; i < x.numel(); ++i) {
    const double v = x.get_as_double(i);
    const auto g = static_cast<size_t>(group[static_cast<size_t>(i)]);
    sum[g] += v;
    sq[g] += v * v;
    count[g] += 1;
  }
  Tensor y = ctx.alloc(x.dtype(), x.shape());
  for (int64_t i = 0; i < x.numel(); ++i) {
    const auto g = static_cast<size_t>(group[static_cast<size_t>(i)]);
    const double mean = sum[g] / count[g];
    const double var = sq[g] / count[g] - mean * mean;
    set_element(y, i, (x.get_as_double(i) - mean) / (std::sqrt(var) + 1e-9));
  }
  return one_output(std::move(y));
}

// y = x / (bias + alpha / size * sum of x^2 over channels
// [c - floor((size-1)/2), c + ceil((size-1)/2)]) ^ beta.
std::vector<Tensor> lrn_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  require_dtype(is_float(x.dtype()), x, "input", "float16, float32, float64");
  if (x.rank() < 3) throw ValidationError("input must have rank >= 3 (N, C, D1, ...), got " + x.describe());
  const int64_t size = ctx.attrs().get_int("size");
  if (size < 1) throw ValidationError("size must be >= 1, got " + std::to_string(size));
  const double alpha = ctx.attrs().get_float("alpha", 1e-4f), beta = ctx.attrs().get_float("beta", 0.75f);
  const double bias = ctx.attrs().get_float("bias", 1.0f);
  const int64_t n = x.shape()[0], c = x.shape()[1], inner = dims_product(x.shape(), 2, x.rank());
  const int64_t before = (size - 1) / 2, after = size - 1 - before;
  Tensor y = ctx.alloc(x.dtype(), x.shape());
  for (int64_t b = 0; b < n; ++b)
    for (int64_t ch = 0; ch < c; ++ch)
      for (int64_t i = 0; i < inner; ++i) {
        double sq = 0;
        for (int64_t k = std::max<int64_t>(0, ch - before); k <= std::min(c - 1, ch + after); ++k) {
          const double v = x.get_as_double((b * c + k) * inner + i);
          sq += v * v;
        }
        const int64_t at = (b * c + ch) * inner + i;
        set_element(y, at, x.get_as_double(at) / std::pow(bias + alpha / static_cast<double>(size) * sq, beta));
      }
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    {"InstanceNormalization", 6, instance_norm},
    // MVN-13 only widened the types (bfloat16) over MVN-9.
    {"MeanVarianceNormalization", 9, mean_variance_norm},
    {"LRN", 1, lrn_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
