// Resize (opsets 11-19; Resize-10 and Upsample are not registered): modes
// nearest (every nearest_mode), linear and cubic (cubic_coeff_a,
// exclude_outside), every coordinate_transformation_mode, roi for
// tf_crop_and_resize with extrapolation_value, scales or sizes, and
// Resize-18's axes and keep_aspect_ratio_policy. antialias=1 is refused.
//
// The output size comes from data (scales or sizes), so it is validated and
// checked against the limits before any allocation. nearest gathers through
// per-axis index tables (an output row whose source row repeats is a copy of
// the previous output row: 2x upsampling runs near memcpy speed); linear and
// cubic interpolate one axis at a time in double (the ONNX reference
// interpolates axis by axis too), for float inputs only.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {
namespace {

struct Axis {
  int64_t in = 0, out = 0;
  double scale = 1, roi_start = 0, roi_end = 1;
};

struct Params {
  std::string mode, ctm, nearest_mode;
  double cubic_a = -0.75, extrapolation = 0;
  bool exclude_outside = false;
};

// x_original of output coordinate x on one axis.
double original_coordinate(const Params& p, const Axis& a, double x) {
  const double len_in = static_cast<double>(a.in), len_out = static_cast<double>(a.out);
  if (p.ctm == "half_pixel") return (x + 0.5) / a.scale - 0.5;
  if (p.ctm == "half_pixel_symmetric") {
    const double adjustment = len_out / (a.scale * len_in);
    const double center = len_in / 2;
    return center * (1 - adjustment) + (x + 0.5) / a.scale - 0.5;
  }
  if (p.ctm == "pytorch_half_pixel") return a.out > 1 ? (x + 0.5) / a.scale - 0.5 : 0.0;
  // length_resized is n * scale, before the output length is floored (the
  // ONNX reference; equal to the output length for sizes and integer scales).
  if (p.ctm == "align_corners") {
    const double len_resized = len_in * a.scale;
    return len_resized == 1 ? 0.0 : x * (len_in - 1) / (len_resized - 1);
  }
  if (p.ctm == "asymmetric") return x / a.scale;
  if (p.ctm == "tf_half_pixel_for_nn") return (x + 0.5) / a.scale;  // Resize-11 only
  if (p.ctm == "tf_crop_and_resize")
    return a.out > 1 ? a.roi_start * (len_in - 1) + x * (a.roi_end - a.roi_start) * (len_in - 1) / (len_out - 1)
                     : 0.5 * (a.roi_start + a.roi_end) * (len_in - 1);
  throw ValidationError("coordinate_transformation_mode '" + p.ctm + "' is not supported");
}

int64_t nearest_index(const Params& p, double x) {
  if (p.nearest_mode == "floor") return static_cast<int64_t>(std::floor(x));
  if (p.nearest_mode == "ceil") return static_cast<int64_t>(std::ceil(x));
  const double f = std::floor(x);
  if (x - f == 0.5) return static_cast<int64_t>(p.nearest_mode == "round_prefer_ceil" ? f + 1 : f);
  if (p.nearest_mode == "round_prefer_floor" || p.nearest_mode == "round_prefer_ceil")
    return static_cast<int64_t>(std::round(x));
  throw ValidationError("nearest_mode '" + p.nearest_mode + "' is not supported");
}

// The coordinate is outside the input (tf_crop_and_resize extrapolates).
bool outside(const Params& p, const Axis& a, double x) {
  return p.ctm == "tf_crop_and_resize" && (x < 0 || x > static_cast<double>(a.in - 1));
}

// Output sizes and per-axis scales from scales or sizes (with axes and
// keep_aspect_ratio_policy), roi from its input.
std::vector<Axis> axes_of(const KernelContext& ctx, const Tensor& x, const Params& p) {
  const int64_t r = x.rank();
  std::vector<int64_t> axes;
  if (auto a = ctx.attrs().get_ints_opt("axes")) {
    axes = normalize_axes(*a, r);
  } else {
    for (int64_t d = 0; d < r; ++d) axes.push_back(d);
  }
  const auto na = axes.size();
  std::vector<Axis> ax(static_cast<size_t>(r));
  for (int64_t d = 0; d < r; ++d) ax[d].in = ax[d].out = x.shape()[d];
  if (ctx.has_input(1) && ctx.input(1).numel() > 0 && p.ctm == "tf_crop_and_resize") {
    const Tensor& roi = ctx.input(1);
    if (roi.numel() != static_cast<int64_t>(2 * na)) throw ValidationError("roi must have 2 values per axis");
    for (size_t i = 0; i < na; ++i) {
      ax[axes[i]].roi_start = roi.get_as_double(static_cast<int64_t>(i));
      ax[axes[i]].roi_end = roi.get_as_double(static_cast<int64_t>(i + na));
    }
  }
  const bool has_scales = ctx.has_input(2) && ctx.input(2).numel() > 0;
  const bool has_sizes = ctx.has_input(3) && ctx.input(3).numel() > 0;
  if (has_scales == has_sizes) throw ValidationError("Resize needs exactly one of scales and sizes");
  if (has_scales) {
    const Tensor& s = ctx.input(2);
    if (s.numel() != static_cast<int64_t>(na)) throw ValidationError("scales must have one value per axis");
    for (size_t i = 0; i < na; ++i) {
      Axis& a = ax[axes[i]];
      a.scale = s.get_as_double(static_cast<int64_t>(i));
      if (!(a.scale > 0) || !std::isfinite(a.scale)) throw ValidationError("scales must be positive and finite");
      const double len =
          static_cast<double>(a.in) * (p.ctm == "tf_crop_and_resize" ? a.roi_end - a.roi_start : 1.0) * a.scale;
      if (!(len >= 0) || len > 9.0e18) throw LimitError("Resize output dim is out of range");
      a.out = static_cast<int64_t>(std::floor(len));
    }
  } else {
    const auto sizes = to_int64_list(ctx.input(3), "sizes");
    if (sizes.size() != na) throw ValidationError("sizes must have one value per axis");
    const std::string policy = ctx.attrs().get_string("keep_aspect_ratio_policy", "stretch");
    double common = 0;
    if (policy != "stretch") {
      bool first = true;
      for (size_t i = 0; i < na; ++i) {
        if (ax[axes[i]].in == 0) throw ValidationError("keep_aspect_ratio_policy with an empty dim");
        const double s = static_cast<double>(sizes[i]) / static_cast<double>(ax[axes[i]].in);
        if (first || (policy == "not_larger" ? s < common : s > common)) common = s;
        first = false;
      }
      if (policy != "not_larger" && policy != "not_smaller")
        throw ValidationError("keep_aspect_ratio_policy '" + policy + "' is not supported");
    }
    for (size_t i = 0; i < na; ++i) {
      Axis& a = ax[axes[i]];
      if (sizes[i] < 0) throw ValidationError("sizes must be >= 0");
      if (policy == "stretch") {
        a.out = sizes[i];
        a.scale = a.in > 0 ? static_cast<double>(a.out) / static_cast<double>(a.in) : 1.0;
      } else {
        a.scale = common;
        a.out = static_cast<int64_t>(std::llround(static_cast<double>(a.in) * common));
      }
    }
  }
  return ax;
}

// nearest: out[o] = in[table_d[o_d] ...], or the extrapolation value.
template <DType D>
void resize_nearest(const Params& p, const std::vector<Axis>& ax, const Tensor& x, Tensor& y) {
  using S = storage_t<D>;
  const size_t r = ax.size();
  std::vector<std::vector<int64_t>> table(r);  // -1: extrapolate
  for (size_t d = 0; d < r; ++d) {
    table[d].resize(static_cast<size_t>(ax[d].out));
    for (int64_t o = 0; o < ax[d].out; ++o) {
      const double c = original_coordinate(p, ax[d], static_cast<double>(o));
      table[d][o] = outside(p, ax[d], c) ? -1 : std::clamp<int64_t>(nearest_index(p, c), 0, ax[d].in - 1);
    }
  }
  auto in = x.data<S>();
  auto out = y.data<S>();
  S fill{};
  Tensor f(D, {});
  set_element(f, 0, p.extrapolation);
  fill = f.data<S>()[0];
  if (y.numel() == 0) return;
  const auto in_strides = row_major_strides(x.shape());
  const int64_t inner = ax[r - 1].out;
  const int64_t rows = y.numel() / inner;
  std::vector<int64_t> idx(r, 0);  // output row coordinate (last entry unused)
  std::vector<int64_t> prev_src(r, -2);
  for (int64_t row = 0; row < rows; ++row) {
    S* dst = out.data() + row * inner;
    int64_t base = 0;
    bool extrapolate = false;
    for (size_t d = 0; d + 1 < r; ++d) {
      const int64_t s = table[d][idx[d]];
      extrapolate |= s < 0;
      base += s * in_strides[d];
    }
    // Same source row as the previous output row: copy it.
    bool same = row > 0;
    for (size_t d = 0; d + 1 < r && same; ++d) same = table[d][idx[d]] == prev_src[d];
    if (same) {
      std::memcpy(dst, dst - inner, static_cast<size_t>(inner) * sizeof(S));
    } else {
      for (int64_t o = 0; o < inner; ++o) {
        const int64_t s = table[r - 1][o];
        dst[o] = extrapolate || s < 0 ? fill : in[base + s];
      }
    }
    for (size_t d = 0; d + 1 < r; ++d) prev_src[d] = table[d][idx[d]];
    for (size_t d = r - 1; d-- > 0;) {
      if (++idx[d] < ax[d].out) break;
      idx[d] = 0;
    }
  }
}

// The interpolation taps of output coordinate o on one axis.
struct Taps {
  std::vector<int64_t> index;
  std::vector<double> weight;
  bool extrapolate = false;
};

Taps taps(const Params& p, const Axis& a, int64_t o) {
  Taps t;
  const double c = original_coordinate(p, a, static_cast<double>(o));
  if (outside(p, a, c)) {
    t.extrapolate = true;
    return t;
  }
  const double f = std::floor(c), r = c - f;
  const auto base = static_cast<int64_t>(f);
  if (p.mode == "linear") {
    t.index = {base, base + 1};
    t.weight = {1 - r, r};
  } else {
    const double A = p.cubic_a;
    auto near = [&](double s) { return ((A + 2) * s - (A + 3)) * s * s + 1; };       // |s| <= 1
    auto far = [&](double s) { return ((A * s - 5 * A) * s + 8 * A) * s - 4 * A; };  // 1 < |s| < 2
    t.index = {base - 1, base, base + 1, base + 2};
    t.weight = {far(r + 1), near(r), near(1 - r), far(2 - r)};
  }
  double sum = 0;
  for (size_t i = 0; i < t.index.size(); ++i) {
    const bool in_range = t.index[i] >= 0 && t.index[i] < a.in;
    if (p.exclude_outside && !in_range) t.weight[i] = 0;
    sum += t.weight[i];
    t.index[i] = std::clamp<int64_t>(t.index[i], 0, a.in - 1);  // edge values beyond the input
  }
  if (p.exclude_outside && sum != 0)
    for (double& w : t.weight) w /= sum;
  return t;
}

// One axis of linear/cubic interpolation on a double buffer of shape `shape`.
std::vector<double> interpolate_axis(const Params& p, const Axis& a, const std::vector<double>& in, Shape& shape,
                                     size_t axis) {
  const int64_t outer = dims_product(shape, 0, static_cast<int64_t>(axis));
  const int64_t inner = dims_product(shape, static_cast<int64_t>(axis) + 1, static_cast<int64_t>(shape.size()));
  std::vector<double> out(static_cast<size_t>(outer * a.out * inner));
  for (int64_t o = 0; o < a.out; ++o) {
    const Taps t = taps(p, a, o);
    for (int64_t b = 0; b < outer; ++b)
      for (int64_t i = 0; i < inner; ++i) {
        double v = 0;
        if (t.extrapolate) {
          v = p.extrapolation;
        } else {
          for (size_t k = 0; k < t.index.size(); ++k)
            if (t.weight[k] != 0) v += t.weight[k] * in[static_cast<size_t>((b * a.in + t.index[k]) * inner + i)];
        }
        out[static_cast<size_t>((b * a.out + o) * inner + i)] = v;
      }
  }
  shape[axis] = a.out;
  return out;
}

std::vector<Tensor> resize_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  Params p;
  p.mode = ctx.attrs().get_string("mode", "nearest");
  p.ctm = ctx.attrs().get_string("coordinate_transformation_mode", "half_pixel");
  p.nearest_mode = ctx.attrs().get_string("nearest_mode", "round_prefer_floor");
  p.cubic_a = ctx.attrs().get_float("cubic_coeff_a", -0.75f);
  p.exclude_outside = ctx.attrs().get_int("exclude_outside", 0) != 0;
  p.extrapolation = ctx.attrs().get_float("extrapolation_value", 0.0f);
  if (ctx.attrs().get_int("antialias", 0) != 0) throw UnsupportedError("Resize with antialias=1 is not supported");
  if (p.mode != "nearest" && p.mode != "linear" && p.mode != "cubic")
    throw ValidationError("Resize mode '" + p.mode + "' is not nearest, linear or cubic");
  if (x.rank() == 0) throw ValidationError("Resize of a 0-d tensor");
  const std::vector<Axis> ax = axes_of(ctx, x, p);
  Shape shape;
  for (const Axis& a : ax) {
    if (a.in == 0 && a.out > 0) throw ValidationError("Resize of an empty dim to a non-empty one");
    shape.push_back(a.out);
  }
  int64_t numel = 1;
  for (int64_t d : shape)
    if (__builtin_mul_overflow(numel, d, &numel)) throw LimitError("Resize output size overflows int64");
  ctx.check_elements(numel, x.dtype());
  // Nothing to compute (and no per-axis table of a huge dim to build).
  if (numel == 0) return one_output(ctx.alloc(x.dtype(), shape));
  if (p.mode == "nearest") {
    Tensor y = ctx.alloc(x.dtype(), shape);
    // nearest only copies values: every type, bool included (Resize-13's T1).
    visit_dtype(x.dtype(), [&](auto tag) { resize_nearest<decltype(tag)::value>(p, ax, x, y); });
    return one_output(std::move(y));
  }
  if (!is_float(x.dtype()))
    throw UnsupportedError("Resize " + p.mode + " of " + std::string(dtype_name(x.dtype())) +
                           " is not supported; float16, float32 and float64 are");
  // Working buffers in double: charge the largest intermediate.
  int64_t peak = x.numel();
  Shape cur = x.shape();
  for (size_t d = 0; d < ax.size(); ++d) {
    cur[d] = ax[d].out;
    int64_t n = 1;
    for (int64_t v : cur)
      if (__builtin_mul_overflow(n, v, &n)) throw LimitError("Resize intermediate size overflows int64");
    peak = std::max(peak, n);
  }
  ctx.check_elements(peak, DType::Float64);
  ctx.charge_scratch(2 * peak * 8, "Resize working buffers");
  std::vector<double> buf(static_cast<size_t>(x.numel()));
  for (int64_t i = 0; i < x.numel(); ++i) buf[static_cast<size_t>(i)] = x.get_as_double(i);
  Shape s = x.shape();
  for (size_t d = 0; d < ax.size(); ++d) {
    const bool identity = ax[d].in == ax[d].out && ax[d].scale == 1.0 && p.ctm != "tf_crop_and_resize";
    if (!identity) buf = interpolate_axis(p, ax[d], buf, s, d);
  }
  Tensor y = ctx.alloc(x.dtype(), shape);
  for (int64_t i = 0; i < y.numel(); ++i) set_element(y, i, buf[static_cast<size_t>(i)]);
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    // Resize-11 added roi, sizes and the coordinate modes; 13 made roi and
    // scales optional; 18 added axes, antialias, keep_aspect_ratio_policy;
    // 19 half_pixel_symmetric.
    {"Resize", 11, resize_kernel},
};

}  // namespace
}  // namespace ptonnx::runtime::kernels
