// Tolerance rule of Resize's bilinear mode (CNN group). ONNX's
// align_corners pins the coordinate formula x * (n - 1) / (out - 1), not
// its arithmetic: scipy.ndimage.zoom computes the ratio first and in
// double, a runtime may multiply first or work in float32 (ONNX Runtime
// does). A coordinate c in [0, n - 1] carries up to 3 roundings, |dc| <=
// 3 u32 (n - 1) with u32 float32's unit roundoff, and moves the
// interpolated value by at most |dc| * |x1 - x0| <= 2 |dc| max|x| per
// axis; the two-axis blend adds a few roundings of the output dtype.
// Measured: Resize(float64[1,3,1,3] [0, 0, -2.5, 0, 0, 0, 0, 1.5, -0.5])
// bilinear (1, 2) differs by 6 ulp (5.6e-16) between the two orders.
#include <algorithm>
#include <cmath>

#include "check/linalg_tolerance.h"
#include "check/tolerance_rules.h"

namespace ptonnx::check {
namespace {

Tolerance resize_rule(const Node& node, const std::vector<const Tensor*>& in, size_t, const Tensor& e, Tolerance base) {
  if (!has_attr(node.attrs, "mode") || attr_string(node.attrs, "mode") != "bilinear" || !is_float(e.dtype()))
    return base;
  const Tensor& x = *in[0];
  double big = 0;
  for (int64_t i = 0; i < x.numel(); ++i) {
    const double v = std::fabs(x.get_as_double(i));
    if (std::isfinite(v)) big = std::max(big, v);
  }
  const double n = static_cast<double>(std::max(x.shape()[2], x.shape()[3]));
  const double coord = 3 * unit_roundoff(DType::Float32) * std::max(0.0, n - 1);
  base.atol = std::max(base.atol, (2 * 2 * coord + 4 * unit_roundoff(e.dtype())) * big);
  return base;
}

const ToleranceRuleRegistrar kResize("Resize", resize_rule);

}  // namespace
}  // namespace ptonnx::check
