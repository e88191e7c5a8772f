// NonMaxSuppression (opsets 10, 11): per batch and class, greedily selects
// the highest-scoring boxes, dropping every box whose IOU with an already
// selected one exceeds iou_threshold, up to max_output_boxes_per_class.
#include <algorithm>
#include <array>
#include <numeric>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

// A box as (y_min, x_min, y_max, x_max), whatever its input form.
using Box = std::array<double, 4>;

Box read_box(const Tensor& boxes, int64_t at, bool center) {
  const double a = boxes.get_as_double(at), b = boxes.get_as_double(at + 1), c = boxes.get_as_double(at + 2),
               d = boxes.get_as_double(at + 3);
  // center_point_box=1: [x_center, y_center, width, height].
  if (center) return {b - d / 2, a - c / 2, b + d / 2, a + c / 2};
  // center_point_box=0: [y1, x1, y2, x2] with any diagonal pair of corners.
  return {std::min(a, c), std::min(b, d), std::max(a, c), std::max(b, d)};
}

double iou(const Box& p, const Box& q) {
  const double area_p = (p[2] - p[0]) * (p[3] - p[1]), area_q = (q[2] - q[0]) * (q[3] - q[1]);
  if (area_p <= 0 || area_q <= 0) return 0;
  const double h = std::min(p[2], q[2]) - std::max(p[0], q[0]), w = std::min(p[3], q[3]) - std::max(p[1], q[1]);
  if (h <= 0 || w <= 0) return 0;
  const double inter = h * w;
  return inter / (area_p + area_q - inter);
}

std::vector<Tensor> nms_kernel(KernelContext& ctx) {
  const Tensor& boxes = ctx.input(0);
  const Tensor& scores = ctx.input(1);
  require_dtype(boxes.dtype() == DType::Float32, boxes, "boxes", "float32");
  require_dtype(scores.dtype() == DType::Float32, scores, "scores", "float32");
  if (boxes.rank() != 3 || boxes.shape()[2] != 4)
    throw ValidationError("boxes must have shape [num_batches, spatial_dimension, 4], got " + boxes.describe());
  const int64_t batches = boxes.shape()[0], spatial = boxes.shape()[1];
  if (scores.rank() != 3 || scores.shape()[0] != batches || scores.shape()[2] != spatial)
    throw ValidationError("scores must have shape [" + std::to_string(batches) + ", num_classes, " +
                          std::to_string(spatial) + "], got " + scores.describe());
  const int64_t classes = scores.shape()[1];
  const int64_t max_out = ctx.has_input(2) ? scalar_as_int64(ctx.input(2), "max_output_boxes_per_class") : 0;
  const double iou_threshold = ctx.has_input(3) ? scalar_as_double(ctx.input(3), "iou_threshold") : 0.0;
  if (!(iou_threshold >= 0 && iou_threshold <= 1))
    throw ValidationError("iou_threshold must be in [0, 1], got " + std::to_string(iou_threshold));
  const bool has_score_threshold = ctx.has_input(4);
  const double score_threshold = has_score_threshold ? scalar_as_double(ctx.input(4), "score_threshold") : 0.0;
  const int64_t cpb = ctx.attrs().get_int("center_point_box", 0);
  if (cpb != 0 && cpb != 1) throw ValidationError("center_point_box must be 0 or 1, got " + std::to_string(cpb));
  ctx.charge_scratch(spatial * static_cast<int64_t>(sizeof(Box) + 2 * sizeof(int64_t)), "NonMaxSuppression's boxes");

  std::vector<std::array<int64_t, 3>> selected;
  std::vector<Box> bx(static_cast<size_t>(spatial));
  for (int64_t b = 0; b < batches; ++b) {
    for (int64_t i = 0; i < spatial; ++i) bx[static_cast<size_t>(i)] = read_box(boxes, (b * spatial + i) * 4, cpb == 1);
    for (int64_t c = 0; c < classes; ++c) {
      const int64_t base = (b * classes + c) * spatial;
      // The spec removes boxes with a score less than score_threshold
      // (ONNX Runtime also removes those equal to it; the data has none).
      std::vector<int64_t> cand;
      for (int64_t i = 0; i < spatial; ++i)
        if (!has_score_threshold || scores.get_as_double(base + i) >= score_threshold) cand.push_back(i);
      // Highest score first; equal scores in box order (as ONNX Runtime).
      std::stable_sort(cand.begin(), cand.end(), [&](int64_t p, int64_t q) {
        return scores.get_as_double(base + p) > scores.get_as_double(base + q);
      });
      std::vector<int64_t> kept;
      for (int64_t i : cand) {
        if (static_cast<int64_t>(kept.size()) >= max_out) break;
        const bool suppressed = std::any_of(kept.begin(), kept.end(), [&](int64_t k) {
          return iou(bx[static_cast<size_t>(k)], bx[static_cast<size_t>(i)]) > iou_threshold;
        });
        if (!suppressed) kept.push_back(i);
      }
      for (int64_t k : kept) selected.push_back({b, c, k});
    }
  }
  Tensor y = ctx.alloc(DType::Int64, {static_cast<int64_t>(selected.size()), 3});
  auto out = y.data<int64_t>();
  for (size_t s = 0; s < selected.size(); ++s)
    for (size_t j = 0; j < 3; ++j) out[s * 3 + j] = selected[s][j];
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    // NMS-11 only allowed the corners in any diagonal order, which the
    // kernel accepts at 10 too.
    {"NonMaxSuppression", 10, nms_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
