// RoiAlign (opsets 10, 16): for each region of interest, a fixed-size
// feature map pooled (average or max) from bilinear samples of its image.
// Sampling follows the spec's reference (ONNX Runtime's kernel): a regular
// grid of sampling_ratio (or ceil(roi size / output size)) points per bin;
// samples more than one pixel outside the image count as 0.
#include <algorithm>
#include <cmath>
#include <limits>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

std::vector<Tensor> roi_align(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Tensor& rois = ctx.input(1);
  const Tensor& batch_idx = ctx.input(2);
  require_dtype(is_float(x.dtype()), x, "X", "float16, float32, float64");
  require_dtype(rois.dtype() == x.dtype(), rois, "rois", "X's dtype");
  require_dtype(batch_idx.dtype() == DType::Int64, batch_idx, "batch_indices", "int64");
  if (x.rank() != 4) throw ValidationError("X must be 4-D (N, C, H, W), got " + x.describe());
  if (rois.rank() != 2 || rois.shape()[1] != 4)
    throw ValidationError("rois must have shape [num_rois, 4], got " + rois.describe());
  const int64_t num = rois.shape()[0];
  if (batch_idx.rank() != 1 || batch_idx.numel() != num)
    throw ValidationError("batch_indices must be 1-D of num_rois = " + std::to_string(num) + ", got " +
                          batch_idx.describe());
  const int64_t n = x.shape()[0], c = x.shape()[1], h = x.shape()[2], w = x.shape()[3];
  const auto& a = ctx.attrs();
  const std::string mode = a.get_string("mode", "avg");
  if (mode != "avg" && mode != "max") throw ValidationError("mode must be avg or max, got '" + mode + "'");
  // RoiAlign-16 added coordinate_transformation_mode, half_pixel by default;
  // RoiAlign-10 behaves as output_half_pixel.
  const std::string ctm =
      ctx.opset() >= 16 ? a.get_string("coordinate_transformation_mode", "half_pixel") : "output_half_pixel";
  if (ctm != "half_pixel" && ctm != "output_half_pixel")
    throw ValidationError("coordinate_transformation_mode must be half_pixel or output_half_pixel, got '" + ctm + "'");
  const bool half_pixel = ctm == "half_pixel";
  const int64_t oh = a.get_int("output_height", 1), ow = a.get_int("output_width", 1);
  const int64_t ratio = a.get_int("sampling_ratio", 0);
  const double scale = a.get_float("spatial_scale", 1.0f);
  if (oh < 1 || ow < 1 || ratio < 0)
    throw ValidationError("output_height and output_width must be >= 1 and sampling_ratio >= 0");
  Tensor y = ctx.alloc(x.dtype(), {num, c, oh, ow});
  const double offset = half_pixel ? 0.5 : 0.0;
  for (int64_t r = 0; r < num; ++r) {
    const int64_t b = batch_idx.data<int64_t>()[static_cast<size_t>(r)];
    if (b < 0 || b >= n)
      throw ValidationError("batch index " + std::to_string(b) + " is outside [0, " + std::to_string(n) + ")");
    const double x1 = rois.get_as_double(r * 4) * scale - offset, y1 = rois.get_as_double(r * 4 + 1) * scale - offset;
    const double x2 = rois.get_as_double(r * 4 + 2) * scale - offset,
                 y2 = rois.get_as_double(r * 4 + 3) * scale - offset;
    double rw = x2 - x1, rh = y2 - y1;
    if (!half_pixel) {  // the legacy mode forces regions of at least one pixel
      rw = std::max(rw, 1.0);
      rh = std::max(rh, 1.0);
    }
    const double bh = rh / static_cast<double>(oh), bw = rw / static_cast<double>(ow);
    const double gh_d = ratio > 0 ? static_cast<double>(ratio) : std::ceil(rh / static_cast<double>(oh));
    const double gw_d = ratio > 0 ? static_cast<double>(ratio) : std::ceil(rw / static_cast<double>(ow));
    if (!(gh_d >= 0 && gw_d >= 0 && gh_d * gw_d <= static_cast<double>(ctx.options().max_elements_per_tensor)))
      throw ValidationError("region " + std::to_string(r) + " needs too many sampling points (" + std::to_string(gh_d) +
                            " x " + std::to_string(gw_d) + ")");
    const auto gh = static_cast<int64_t>(gh_d), gw = static_cast<int64_t>(gw_d);
    const double count = std::max<double>(static_cast<double>(gh * gw), 1.0);
    for (int64_t ch = 0; ch < c; ++ch) {
      const int64_t base = (b * c + ch) * h * w;
      for (int64_t ph = 0; ph < oh; ++ph)
        for (int64_t pw = 0; pw < ow; ++pw) {
          double sum = 0, mx = -std::numeric_limits<double>::infinity();
          bool any = false;
          for (int64_t iy = 0; iy < gh; ++iy)
            for (int64_t ix = 0; ix < gw; ++ix) {
              double yy =
                  y1 + static_cast<double>(ph) * bh + (static_cast<double>(iy) + 0.5) * bh / static_cast<double>(gh);
              double xx =
                  x1 + static_cast<double>(pw) * bw + (static_cast<double>(ix) + 0.5) * bw / static_cast<double>(gw);
              double v[4] = {0, 0, 0, 0}, wt[4] = {0, 0, 0, 0};
              if (!(yy < -1.0 || yy > static_cast<double>(h) || xx < -1.0 || xx > static_cast<double>(w))) {
                yy = std::max(yy, 0.0);
                xx = std::max(xx, 0.0);
                auto lo_y = static_cast<int64_t>(yy), lo_x = static_cast<int64_t>(xx);
                int64_t hi_y = lo_y + 1, hi_x = lo_x + 1;
                if (lo_y >= h - 1) hi_y = lo_y = h - 1, yy = static_cast<double>(lo_y);
                if (lo_x >= w - 1) hi_x = lo_x = w - 1, xx = static_cast<double>(lo_x);
                const double ly = yy - static_cast<double>(lo_y), lx = xx - static_cast<double>(lo_x);
                wt[0] = (1 - ly) * (1 - lx), wt[1] = (1 - ly) * lx, wt[2] = ly * (1 - lx), wt[3] = ly * lx;
                v[0] = x.get_as_double(base + lo_y * w + lo_x), v[1] = x.get_as_double(base + lo_y * w + hi_x);
                v[2] = x.get_as_double(base + hi_y * w + lo_x), v[3] = x.get_as_double(base + hi_y * w + hi_x);
              }
              if (mode == "avg") {
                for (int k = 0; k < 4; ++k) sum += wt[k] * v[k];
              } else {
                // The reference's max mode: the largest weighted corner.
                for (int k = 0; k < 4; ++k) mx = std::max(mx, wt[k] * v[k]);
                any = true;
              }
            }
          set_element(y, ((r * c + ch) * oh + ph) * ow + pw, mode == "avg" ? sum / count : any ? mx : 0.0);
        }
    }
  }
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    {"RoiAlign", 10, roi_align},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
