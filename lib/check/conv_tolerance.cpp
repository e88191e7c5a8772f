// Tolerance rule of Conv2D. Each output element is a sum of K = C/group *
// kh * kw products (the zero border adds none), which the oracle computes
// as PyTensor does (each input channel's sum in the promoted dtype,
// rounded to the output dtype T and added channel by channel in T) and the
// runtime as one float32/float64 GEMM dot product rounded once. By the
// dot-product bound (linalg_tolerance.cpp, Higham eq. 3.5) each is within
// (gamma_K(u_acc) + (C/group + 1) u_T) B of the exact value, with B the
// element's sum of |x| |w| over its window; so the two differ by at most
// twice that. The rule takes the largest finite B of the output as atol.
#include <algorithm>
#include <cmath>

#include "check/linalg_tolerance.h"
#include "check/tolerance_rules.h"
#include "graph/conv_params.h"

namespace ptonnx::check {
namespace {

DType accumulator(DType t) { return t == DType::Float16 ? DType::Float32 : t; }

Tolerance conv2d_rule(const Node& node, const std::vector<const Tensor*>& in, size_t, const Tensor& e, Tolerance base) {
  const Tensor &x = *in[0], &w = *in[1];
  if (!is_float(e.dtype()) || x.rank() != 4 || w.rank() != 4 || e.rank() != 4) return base;
  const int64_t C = x.shape()[1], H = x.shape()[2], W = x.shape()[3];
  const int64_t O = w.shape()[0], I = w.shape()[1], KH = w.shape()[2], KW = w.shape()[3];
  conv::Params p;
  if (!conv::read(node.attrs, KH, KW, p).empty() || I * p.groups != C || O % p.groups != 0) return base;
  const int64_t og = O / p.groups, OH = e.shape()[2], OW = e.shape()[3];
  double bound = 0;
  for (int64_t b = 0; b < e.shape()[0]; ++b)
    for (int64_t o = 0; o < O; ++o)
      for (int64_t r = 0; r < OH; ++r)
        for (int64_t c = 0; c < OW; ++c) {
          double s = 0;
          for (int64_t i = 0; i < I; ++i)
            for (int64_t a = 0; a < KH; ++a)
              for (int64_t q = 0; q < KW; ++q) {
                const int64_t ih = r * p.subsample[0] + a * p.dilation[0] - p.pads[0];
                const int64_t iw = c * p.subsample[1] + q * p.dilation[1] - p.pads[2];
                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                // Flipped or not, the tap at (a, q) meets one kernel element.
                const int64_t ka = p.flip ? KH - 1 - a : a, kq = p.flip ? KW - 1 - q : q;
                s += std::fabs(w.get_as_double(((o * I + i) * KH + ka) * KW + kq)) *
                     std::fabs(x.get_as_double(((b * C + (o / og) * I + i) * H + ih) * W + iw));
              }
          if (std::isfinite(s)) bound = std::max(bound, s);
        }
  const DType t = e.dtype();
  const double rel = gamma(I * KH * KW, unit_roundoff(accumulator(t))) + static_cast<double>(I + 1) * unit_roundoff(t);
  base.atol = std::max(base.atol, 2 * rel * bound);
  return base;
}

const ToleranceRuleRegistrar kConv2D("Conv2D", conv2d_rule);

}  // namespace
}  // namespace ptonnx::check
