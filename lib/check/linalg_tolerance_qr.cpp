// QR's tolerance rule (docs/comparison.md, "QR"): atol of an output is
// 4 max_e b_e over the elements of its determinate part (all of it when
// every step is determinate), b_e the first-order bound of one
// implementation (linalg_qr_analysis.h): twice for two implementations
// (LAPACK's and the export), twice more for first order. Elements outside
// the determinate part are judged by the invariants
// (linalg_invariants_qr.cpp), which compare only the determinate part
// elementwise, with this tolerance.
#include <algorithm>
#include <cmath>

#include "check/linalg_qr_analysis.h"
#include "check/tolerance_rules.h"

namespace ptonnx::check {
namespace {

Tolerance qr_rule(const Node& node, const std::vector<const Tensor*>& in, size_t output, const Tensor& e,
                  Tolerance base) {
  if (!is_float(e.dtype()) || e.numel() == 0) return base;
  const qr::Analysis a = qr::analyse(*in[0], e.dtype());
  if (!a.valid) return base;
  const std::string mode = has_attr(node.attrs, "mode") ? attr_string(node.attrs, "mode") : "full";
  const Eigen::MatrixXd b = qr::output_bound(a, mode, output);
  if (b.size() != e.numel()) return base;
  double worst = 0;
  for (Eigen::Index i = 0; i < b.size(); ++i) {
    const double v = b.data()[i];
    if (std::isnan(v)) continue;
    if (!std::isfinite(v)) return base;
    worst = std::max(worst, v);
  }
  base.atol = std::max(base.atol, 4 * worst);
  return base;
}

const ToleranceRuleRegistrar kQR("QR", qr_rule);

}  // namespace
}  // namespace ptonnx::check
