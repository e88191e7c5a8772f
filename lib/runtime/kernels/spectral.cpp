// DFT and STFT (opset 17): discrete Fourier transforms of real ([..., 1])
// or complex ([..., 2]) signals, by the direct O(n^2) sum in double.
#include <cmath>
#include <numbers>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

// out[k] = sum_n in[n] e^(-+2 pi i k n / len) (/ len when inverse), for
// k < bins; in has `avail` samples, zero past them and truncated at len.
// Real and imaginary parts of sample n are at re(n), im(n).
template <typename Re, typename Im, typename Out>
void dft_1d(int64_t len, int64_t avail, int64_t bins, bool inverse, Re re, Im im, Out out) {
  const double sign = inverse ? 1.0 : -1.0;
  const int64_t m = std::min(avail, len);
  for (int64_t k = 0; k < bins; ++k) {
    double sr = 0, si = 0;
    for (int64_t n = 0; n < m; ++n) {
      // k * n mod len keeps the angle small and exact for large k * n.
      const double t = sign * 2 * std::numbers::pi * static_cast<double>((k * n) % len) / static_cast<double>(len);
      const double xr = re(n), xi = im(n), c = std::cos(t), s = std::sin(t);
      sr += xr * c - xi * s;
      si += xr * s + xi * c;
    }
    if (inverse) sr /= static_cast<double>(len), si /= static_cast<double>(len);
    out(k, sr, si);
  }
}

int64_t complex_parts(const Tensor& x, const char* name) {
  require_dtype(is_float(x.dtype()), x, name, "float16, float32, float64");
  const int64_t parts = x.rank() ? x.shape()[x.rank() - 1] : 0;
  if (x.rank() < 2 || (parts != 1 && parts != 2))
    throw ValidationError(std::string(name) + " must end in a dim of 1 (real) or 2 (complex), got " + x.describe());
  return parts;
}

std::vector<Tensor> dft_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const int64_t parts = complex_parts(x, "input");
  const int64_t axis = normalize_axis(ctx.attrs().get_int("axis", 1), x.rank());
  if (axis == 0 || axis == x.rank() - 1)
    throw ValidationError("axis must be a signal dim (not the batch or the complex dim), got " + std::to_string(axis));
  const bool inverse = ctx.attrs().get_int("inverse", 0) != 0, onesided = ctx.attrs().get_int("onesided", 0) != 0;
  if (onesided && (inverse || parts == 2))
    throw ValidationError("onesided applies to a forward DFT of a real signal only");
  const int64_t n = x.shape()[static_cast<size_t>(axis)];
  const int64_t len = ctx.has_input(1) ? scalar_as_int64(ctx.input(1), "dft_length") : n;
  if (len < 1) throw ValidationError("dft_length must be >= 1, got " + std::to_string(len));
  const int64_t bins = onesided ? len / 2 + 1 : len;
  Shape out_shape = x.shape();
  out_shape[static_cast<size_t>(axis)] = bins;
  out_shape.back() = 2;
  ctx.check_elements(shape_numel(out_shape), x.dtype());
  Tensor y = ctx.alloc(x.dtype(), out_shape);
  const int64_t outer = dims_product(x.shape(), 0, axis), inner = dims_product(x.shape(), axis + 1, x.rank() - 1);
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      auto in_at = [&](int64_t s) { return ((o * n + s) * inner + i) * parts; };
      dft_1d(
          len, n, bins, inverse, [&](int64_t s) { return x.get_as_double(in_at(s)); },
          [&](int64_t s) { return parts == 2 ? x.get_as_double(in_at(s) + 1) : 0.0; },
          [&](int64_t k, double re, double im) {
            const int64_t at = ((o * bins + k) * inner + i) * 2;
            set_element(y, at, re);
            set_element(y, at + 1, im);
          });
    }
  return one_output(std::move(y));
}

std::vector<Tensor> stft_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const int64_t parts = complex_parts(x, "signal");
  if (x.rank() != 3) throw ValidationError("signal must be [batch, length, 1 or 2], got " + x.describe());
  const int64_t batch = x.shape()[0], length = x.shape()[1];
  const int64_t step = scalar_as_int64(ctx.input(1), "frame_step");
  const Tensor* window = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  int64_t frame = window ? window->numel() : -1;
  if (window && window->rank() != 1) throw ValidationError("window must be 1-D, got " + window->describe());
  if (ctx.has_input(3)) {
    const int64_t fl = scalar_as_int64(ctx.input(3), "frame_length");
    if (window && fl != frame)
      throw ValidationError("frame_length " + std::to_string(fl) + " differs from the window's length " +
                            std::to_string(frame));
    frame = fl;
  }
  if (frame < 1) throw ValidationError("STFT needs a window or frame_length >= 1");
  if (step < 1 || frame > length)
    throw ValidationError("need frame_step >= 1 and frame_length <= the signal length " + std::to_string(length));
  const bool onesided = ctx.attrs().get_int("onesided", 1) != 0;
  if (onesided && parts == 2) throw ValidationError("onesided applies to a real signal only");
  const int64_t frames = 1 + (length - frame) / step, bins = onesided ? frame / 2 + 1 : frame;
  Tensor y = ctx.alloc(x.dtype(), {batch, frames, bins, 2});
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t f = 0; f < frames; ++f) {
      auto at = [&](int64_t s) { return (b * length + f * step + s) * parts; };
      auto win = [&](int64_t s) { return window ? window->get_as_double(s) : 1.0; };
      dft_1d(
          frame, frame, bins, false, [&](int64_t s) { return x.get_as_double(at(s)) * win(s); },
          [&](int64_t s) { return parts == 2 ? x.get_as_double(at(s) + 1) * win(s) : 0.0; },
          [&](int64_t k, double re, double im) {
            const int64_t o = ((b * frames + f) * bins + k) * 2;
            set_element(y, o, re);
            set_element(y, o + 1, im);
          });
    }
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    // DFT-20 moves axis to an input; 17 has it as an attribute.
    {"DFT", 17, dft_kernel},
    {"STFT", 17, stft_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
