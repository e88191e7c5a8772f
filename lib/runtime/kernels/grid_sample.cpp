// GridSample (opset 16): samples a 4-D NCHW input at the normalized (x, y)
// locations of a grid [N, H_out, W_out, 2], by nearest, bilinear or bicubic
// interpolation, with zeros, border or reflection padding. Follows the
// spec's reference (itself PyTorch's grid_sampler_2d): coordinates are
// denormalized, then clamped or reflected into range, then interpolated
// reading out-of-range pixels through the padding mode.
#include <algorithm>
#include <cmath>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

enum class Pad { Zeros, Border, Reflection };

// Reflects x into [lo, hi] by the nearer border, repeatedly.
double reflect(double x, double lo, double hi) {
  const double range = hi - lo;
  if (range <= 0) return lo;
  // In doubles (no integer cast): a huge coordinate must not overflow.
  if (x < lo || x > hi) {
    const double dx = x < lo ? lo - x : x - hi;
    const double n = std::floor(dx / range);
    const double r = dx - n * range;
    const bool even = std::fmod(n, 2.0) == 0;
    return x < lo ? (even ? lo + r : hi - r) : (even ? hi - r : lo + r);
  }
  return x;
}

// Keys' cubic convolution weights (A = -0.75) for the four taps around a
// point at fraction t past the second tap.
void cubic_weights(double t, double w[4]) {
  constexpr double A = -0.75;
  auto near = [](double x) { return ((A + 2) * x - (A + 3)) * x * x + 1; };
  auto far = [](double x) { return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A; };
  w[0] = far(t + 1);
  w[1] = near(t);
  w[2] = near(1 - t);
  w[3] = far(2 - t);
}

std::vector<Tensor> grid_sample(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Tensor& grid = ctx.input(1);
  require_dtype(is_float(x.dtype()), x, "X", "float16, float32, float64");
  require_dtype(is_float(grid.dtype()), grid, "grid", "float16, float32, float64");
  if (x.rank() != 4) throw ValidationError("X must be 4-D (N, C, H, W) at opsets 16-18, got " + x.describe());
  const int64_t n = x.shape()[0], c = x.shape()[1], h = x.shape()[2], w = x.shape()[3];
  if (grid.rank() != 4 || grid.shape()[0] != n || grid.shape()[3] != 2)
    throw ValidationError("grid must have shape [" + std::to_string(n) + ", H_out, W_out, 2], got " + grid.describe());
  const int64_t oh = grid.shape()[1], ow = grid.shape()[2];
  const std::string mode = ctx.attrs().get_string("mode", "bilinear");
  if (mode != "bilinear" && mode != "nearest" && mode != "bicubic")
    throw ValidationError("mode must be bilinear, nearest or bicubic, got '" + mode + "'");
  const std::string pm = ctx.attrs().get_string("padding_mode", "zeros");
  if (pm != "zeros" && pm != "border" && pm != "reflection")
    throw ValidationError("padding_mode must be zeros, border or reflection, got '" + pm + "'");
  const Pad pad = pm == "zeros" ? Pad::Zeros : pm == "border" ? Pad::Border : Pad::Reflection;
  const bool align = ctx.attrs().get_int("align_corners", 0) != 0;
  Tensor y = ctx.alloc(x.dtype(), {n, c, oh, ow});

  auto denorm = [&](double v, int64_t len) {
    const auto l = static_cast<double>(len);
    return align ? (v + 1) / 2 * (l - 1) : ((v + 1) * l - 1) / 2;
  };
  // The coordinate range: pixel centres with align_corners, pixel edges without.
  auto lo = [&](int64_t) { return align ? 0.0 : -0.5; };
  auto hi = [&](int64_t len) { return align ? static_cast<double>(len) - 1 : static_cast<double>(len) - 0.5; };
  auto into_range = [&](double v, int64_t len) {
    if (v >= lo(len) && v <= hi(len)) return v;
    if (pad == Pad::Border) return std::clamp(v, 0.0, static_cast<double>(len - 1));
    if (pad == Pad::Reflection) return reflect(v, lo(len), hi(len));
    return v;
  };
  // Index i along a dim of `len` pixels through the padding; -1 reads 0.
  auto index = [&](int64_t i, int64_t len) -> int64_t {
    if (i >= 0 && i < len) return i;
    if (pad == Pad::Zeros) return -1;
    if (pad == Pad::Border) return std::clamp<int64_t>(i, 0, len - 1);
    return std::clamp<int64_t>(static_cast<int64_t>(reflect(static_cast<double>(i), lo(len), hi(len))), 0, len - 1);
  };
  for (int64_t b = 0; b < n; ++b)
    for (int64_t ch = 0; ch < c; ++ch) {
      const int64_t base = (b * c + ch) * h * w;
      auto pixel = [&](int64_t r, int64_t s) {
        const int64_t ri = index(r, h), si = index(s, w);
        return ri < 0 || si < 0 ? 0.0 : x.get_as_double(base + ri * w + si);
      };
      for (int64_t i = 0; i < oh; ++i)
        for (int64_t j = 0; j < ow; ++j) {
          const int64_t g = ((b * oh + i) * ow + j) * 2;
          double px = denorm(grid.get_as_double(g), w), py = denorm(grid.get_as_double(g + 1), h);
          if (mode == "nearest") {
            px = std::nearbyint(px);  // half to even, as PyTorch's 2-D sampler
            py = std::nearbyint(py);
          }
          px = into_range(px, w);
          py = into_range(py, h);
          // The spec says nothing of NaN or infinite grid values: NaN out.
          if (!std::isfinite(px) || !std::isfinite(py)) {
            set_element(y, ((b * c + ch) * oh + i) * ow + j, std::nan(""));
            continue;
          }
          // Only zeros padding leaves coordinates out of range; past 4
          // pixels every tap reads 0, so clamping there changes nothing and
          // keeps the integer casts defined.
          px = std::clamp(px, -4.0, static_cast<double>(w) + 4);
          py = std::clamp(py, -4.0, static_cast<double>(h) + 4);
          double v = 0;
          if (mode == "nearest") {
            v = pixel(static_cast<int64_t>(py), static_cast<int64_t>(px));
          } else {
            const double fx = std::floor(px), fy = std::floor(py);
            const auto x0 = static_cast<int64_t>(fx), y0 = static_cast<int64_t>(fy);
            if (mode == "bilinear") {
              const double dx = px - fx, dy = py - fy;
              v = (1 - dy) * ((1 - dx) * pixel(y0, x0) + dx * pixel(y0, x0 + 1)) +
                  dy * ((1 - dx) * pixel(y0 + 1, x0) + dx * pixel(y0 + 1, x0 + 1));
            } else {
              double wx[4], wy[4];
              cubic_weights(px - fx, wx);
              cubic_weights(py - fy, wy);
              for (int64_t a = 0; a < 4; ++a) {
                double row = 0;
                for (int64_t k = 0; k < 4; ++k) row += wx[k] * pixel(y0 - 1 + a, x0 - 1 + k);
                v += wy[a] * row;
              }
            }
          }
          set_element(y, ((b * c + ch) * oh + i) * ow + j, v);
        }
    }
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    // GridSample-20 adds N-D inputs and renames the modes linear/cubic.
    {"GridSample", 16, grid_sample},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
