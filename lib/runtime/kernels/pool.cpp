// MaxPool (with the optional Indices output), AveragePool, GlobalMaxPool and
// GlobalAveragePool over N-D spatial dims (input N x C x D1 x ... x Dk).
//
// Geometry (kernel_shape, strides, pads, dilations, ceil_mode, auto_pad):
// output size floor or ceil((n + pads - ((k - 1) * d + 1)) / s) + 1; with
// ceil_mode a last window that would start past the input and its head
// padding is dropped (what the ONNX reference and ONNX Runtime do; the
// opset 13-18 text is silent). auto_pad VALID / SAME_UPPER / SAME_LOWER as
// the spec's formulas. Everything is validated and the output size
// computed (overflow-checked) before memory is touched.
//
// Values: padding never enters a max; an average divides by the in-input
// count, or with count_include_pad by the window cells inside the padded
// extent. Sums run in the window's row-major order, float32 and float16 in
// float (float16 rounded once at the end), float64 in double: NumPy's
// np.mean of a window, so results match it bit for bit where ONNX leaves
// the order open. NaN: the spec is silent; the normal mode lets a NaN win
// a max (np.max), the adversarial mode skips it (a `v > m` scan, as ONNX
// Runtime's CPU kernel). The global pools reduce all spatial dims: their
// average accumulates float16/float32 in double (PyTensor's Sum
// accumulator) before dividing in float.
#include <algorithm>
#include <cmath>
#include <limits>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {
namespace {

struct Geometry {
  int64_t spatial = 0;  // k
  std::vector<int64_t> in, out, kernel, stride, dilation, pad_head, pad_tail;
};

int64_t checked_add(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) throw LimitError("pooling geometry overflows int64");
  return r;
}
int64_t checked_mul(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) throw LimitError("pooling geometry overflows int64");
  return r;
}
int64_t ceil_div(int64_t a, int64_t b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }
int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

std::vector<int64_t> ints_or(const KernelContext& ctx, const char* name, size_t n, int64_t dflt) {
  auto v = ctx.attrs().get_ints_opt(name);
  if (!v) return std::vector<int64_t>(n, dflt);
  if (v->size() != n)
    throw ValidationError(std::string(name) + " has " + std::to_string(v->size()) + " values, expected " +
                          std::to_string(n));
  return *v;
}

Geometry geometry(const KernelContext& ctx, const Tensor& x, bool dilations_allowed) {
  if (x.rank() < 3)
    throw ValidationError("pooling needs an input of rank >= 3 (N, C, spatial...), got " + shape_to_string(x.shape()));
  Geometry g;
  g.spatial = x.rank() - 2;
  const auto k = static_cast<size_t>(g.spatial);
  g.kernel = ctx.attrs().get_ints("kernel_shape");
  if (g.kernel.size() != k)
    throw ValidationError("kernel_shape has " + std::to_string(g.kernel.size()) + " values for " + std::to_string(k) +
                          " spatial dims");
  g.stride = ints_or(ctx, "strides", k, 1);
  g.dilation = dilations_allowed ? ints_or(ctx, "dilations", k, 1) : std::vector<int64_t>(k, 1);
  const auto pads = ints_or(ctx, "pads", 2 * k, 0);
  const bool ceil_mode = ctx.attrs().get_int("ceil_mode", 0) != 0;
  const std::string auto_pad = ctx.attrs().get_string("auto_pad", "NOTSET");
  for (size_t i = 0; i < k; ++i) {
    const int64_t n = x.shape()[i + 2];
    if (g.kernel[i] < 1 || g.stride[i] < 1 || g.dilation[i] < 1)
      throw ValidationError("kernel_shape, strides and dilations must be >= 1");
    if (pads[i] < 0 || pads[i + k] < 0) throw ValidationError("pads must be >= 0");
    // The dilated window's extent.
    const int64_t span = checked_add(checked_mul(g.kernel[i] - 1, g.dilation[i]), 1);
    int64_t head = pads[i], tail = pads[i + k], o = 0;
    if (auto_pad == "NOTSET") {
      const int64_t room = checked_add(checked_add(n, head), tail) - span;
      o = (ceil_mode ? ceil_div(room, g.stride[i]) : floor_div(room, g.stride[i])) + 1;
      if (ceil_mode && o > 0 && (o - 1) * g.stride[i] >= n + head) --o;
    } else if (auto_pad == "VALID") {
      head = tail = 0;
      o = ceil_div(n - span + 1, g.stride[i]);
    } else if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
      o = ceil_div(n, g.stride[i]);
      const int64_t total = std::max<int64_t>(0, checked_add(checked_mul(o - 1, g.stride[i]), span) - n);
      head = auto_pad == "SAME_UPPER" ? total / 2 : total - total / 2;
      tail = total - head;
    } else {
      throw ValidationError("auto_pad '" + auto_pad + "' is not NOTSET, VALID, SAME_UPPER or SAME_LOWER");
    }
    if (o < 0) o = 0;
    g.in.push_back(n);
    g.out.push_back(o);
    g.pad_head.push_back(head);
    g.pad_tail.push_back(tail);
  }
  return g;
}

// Calls f(window, offsets, count_in_padded) per window: the in-input element
// offsets (relative to the image) in row-major window order, and the window
// cells inside the padded extent. Only in-input cells are visited and the
// padded count is arithmetic, so a huge kernel_shape costs nothing extra.
template <typename F>
void for_each_window(const Geometry& g, F&& f) {
  const auto k = static_cast<size_t>(g.spatial);
  std::vector<int64_t> in_strides(k, 1);
  for (size_t i = k - 1; i-- > 0;) in_strides[i] = in_strides[i + 1] * g.in[i + 1];
  std::vector<int64_t> o(k, 0), lo(k), hi(k), t(k), offsets;
  int64_t total = 1;
  for (int64_t v : g.out) total *= v;
  for (int64_t w = 0; w < total; ++w) {
    offsets.clear();
    int64_t padded = 1;
    bool empty = false;
    for (size_t i = 0; i < k; ++i) {
      const int64_t start = o[i] * g.stride[i];  // in padded coordinates
      const int64_t limit = g.in[i] + g.pad_head[i] + g.pad_tail[i];
      padded *= std::clamp<int64_t>(ceil_div(limit - start, g.dilation[i]), 0, g.kernel[i]);
      // Cells j with 0 <= start + j * d - head < n.
      lo[i] = std::max<int64_t>(0, ceil_div(g.pad_head[i] - start, g.dilation[i]));
      hi[i] = std::min<int64_t>(g.kernel[i] - 1, floor_div(g.in[i] - 1 + g.pad_head[i] - start, g.dilation[i]));
      empty |= lo[i] > hi[i];
    }
    if (!empty) {
      t = lo;
      for (;;) {
        int64_t off = 0;
        for (size_t i = 0; i < k; ++i)
          off += (o[i] * g.stride[i] + t[i] * g.dilation[i] - g.pad_head[i]) * in_strides[i];
        offsets.push_back(off);
        size_t i = k;
        while (i-- > 0) {
          if (++t[i] <= hi[i]) break;
          t[i] = lo[i];
        }
        if (i == static_cast<size_t>(-1)) break;
      }
    }
    f(w, offsets, padded);
    for (size_t i = k; i-- > 0;) {
      if (++o[i] < g.out[i]) break;
      o[i] = 0;
    }
  }
}

Shape out_shape(const Tensor& x, const Geometry& g) {
  Shape s{x.shape()[0], x.shape()[1]};
  for (int64_t v : g.out) s.push_back(v);
  return s;
}

// Column-major spatial index of a row-major offset (storage_order = 1).
int64_t column_major(const Geometry& g, int64_t off) {
  const auto k = static_cast<size_t>(g.spatial);
  std::vector<int64_t> idx(k);
  for (size_t i = k; i-- > 0;) {
    idx[i] = off % g.in[i];
    off /= g.in[i];
  }
  int64_t r = 0, stride = 1;
  for (size_t i = 0; i < k; ++i) {
    r += idx[i] * stride;
    stride *= g.in[i];
  }
  return r;
}

std::vector<Tensor> maxpool_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Geometry g = geometry(ctx, x, ctx.opset() >= 10);
  const Shape shape = out_shape(x, g);
  const bool want_indices = ctx.num_outputs() > 1 && !ctx.node().output(1).empty();
  const bool column = ctx.attrs().get_int("storage_order", 0) != 0;
  Tensor y = ctx.alloc(x.dtype(), shape);
  Tensor idx = want_indices ? ctx.alloc(DType::Int64, shape) : Tensor();
  const int64_t planes = x.shape()[0] * x.shape()[1], image = dims_product(x.shape(), 2, x.rank());
  const int64_t out_image = dims_product(shape, 2, static_cast<int64_t>(shape.size()));
  const bool skip_nan = ctx.adversarial();
  visit_numeric(x.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    using C = compute_t<D>;
    auto in = x.data<storage_t<D>>();
    auto out = y.data<storage_t<D>>();
    for (int64_t p = 0; p < planes; ++p)
      for_each_window(g, [&](int64_t w, const std::vector<int64_t>& offs, int64_t) {
        C m = std::numeric_limits<C>::lowest();  // an empty window (all padding)
        if constexpr (std::numeric_limits<C>::has_infinity) m = -std::numeric_limits<C>::infinity();
        int64_t arg = offs.empty() ? 0 : offs[0];
        bool first = true;
        for (int64_t off : offs) {
          const C v = load<D>(in[p * image + off]);
          if constexpr (std::is_floating_point_v<C>) {
            if (std::isnan(v)) {
              if (skip_nan) continue;
              m = v;  // the first NaN wins, as in np.max
              arg = off;
              break;
            }
          }
          if (first || v > m) {
            m = v;
            arg = off;
          }
          first = false;
        }
        out[p * out_image + w] = store<D>(m);
        if (want_indices) idx.data<int64_t>()[p * out_image + w] = p * image + (column ? column_major(g, arg) : arg);
      });
  });
  if (want_indices) return {y, idx};
  return one_output(std::move(y));
}

std::vector<Tensor> averagepool_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Geometry g = geometry(ctx, x, ctx.opset() >= 19);
  const bool include_pad = ctx.attrs().get_int("count_include_pad", 0) != 0;
  Tensor y = ctx.alloc(x.dtype(), out_shape(x, g));
  const int64_t planes = x.shape()[0] * x.shape()[1], image = dims_product(x.shape(), 2, x.rank());
  const int64_t out_image = dims_product(y.shape(), 2, y.rank());
  visit_float(x.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    using C = compute_t<D>;
    auto in = x.data<storage_t<D>>();
    auto out = y.data<storage_t<D>>();
    for (int64_t p = 0; p < planes; ++p)
      for_each_window(g, [&](int64_t w, const std::vector<int64_t>& offs, int64_t padded) {
        C s = 0;
        for (int64_t off : offs) s += load<D>(in[p * image + off]);
        const int64_t count = include_pad ? padded : static_cast<int64_t>(offs.size());
        // An empty window (all padding, excluded) is 0/0: NaN.
        out[p * out_image + w] = store<D>(s / static_cast<C>(count));
      });
  });
  return one_output(std::move(y));
}

// double -> float with IEEE rounding: a finite double beyond FLT_MAX
// (a float32 sum that overflows) becomes inf or FLT_MAX instead of C++'s
// undefined behaviour.
float narrow_to_float(double d) {
  constexpr double kMax = std::numeric_limits<float>::max();
  if (std::isfinite(d) && std::fabs(d) > kMax) {
    const bool to_inf = std::fabs(d) >= kMax + std::ldexp(1.0, 127 - 24);
    const float big = to_inf ? std::numeric_limits<float>::infinity() : std::numeric_limits<float>::max();
    return std::signbit(d) ? -big : big;
  }
  return static_cast<float>(d);
}

std::vector<Tensor> global_pool(KernelContext& ctx, bool max) {
  const Tensor& x = ctx.input(0);
  if (x.rank() < 3) throw ValidationError("global pooling needs rank >= 3, got " + shape_to_string(x.shape()));
  Shape shape{x.shape()[0], x.shape()[1]};
  shape.resize(static_cast<size_t>(x.rank()), 1);
  Tensor y = ctx.alloc(x.dtype(), shape);
  const int64_t planes = x.shape()[0] * x.shape()[1], image = dims_product(x.shape(), 2, x.rank());
  const bool skip_nan = ctx.adversarial();
  visit_float(x.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    using C = compute_t<D>;
    auto in = x.data<storage_t<D>>();
    auto out = y.data<storage_t<D>>();
    for (int64_t p = 0; p < planes; ++p) {
      const auto* v = in.data() + p * image;
      if (max) {
        C m = -std::numeric_limits<C>::infinity();
        for (int64_t i = 0; i < image; ++i) {
          const C e = load<D>(v[i]);
          if (std::isnan(e) && !skip_nan) {
            m = e;
            break;
          }
          if (e > m) m = e;
        }
        out[p] = store<D>(m);
      } else {
        double s = 0;
        for (int64_t i = 0; i < image; ++i) s += static_cast<double>(load<D>(v[i]));
        if constexpr (D == DType::Float64)
          out[p] = s / static_cast<double>(image);
        else
          out[p] = store<D>(narrow_to_float(s) / static_cast<float>(image));
      }
    }
  });
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    // MaxPool-8 added Indices and storage_order, 10 ceil_mode and
    // dilations, 11 changed nothing the kernel sees, 12 int8/uint8.
    {"MaxPool", 1, maxpool_kernel},
    // AveragePool-7 added count_include_pad, 10 ceil_mode, 19 dilations.
    {"AveragePool", 1, averagepool_kernel},
    {"GlobalMaxPool", 1, [](KernelContext& c) { return global_pool(c, true); }},
    {"GlobalAveragePool", 1, [](KernelContext& c) { return global_pool(c, false); }},
};

}  // namespace
}  // namespace ptonnx::runtime::kernels
