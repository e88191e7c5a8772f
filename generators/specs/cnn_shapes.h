// Shapes and value domains shared by the CNN group's pool and resize specs.
#pragma once

#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"

namespace ptonnx::gen::cnn {

// Inside rc::gen::exec: an NCHW shape (or, when `any_rank`, sometimes rank
// 2, 3 or 5 with the pooled dims last): N 1..2, C 1..8 (mostly small), and
// small, often odd, spatial dims 1..max_hw.
inline Shape nchw(bool any_rank, int64_t max_hw = 7) {
  const int64_t h = *rc::gen::inRange<int64_t>(1, max_hw + 1), w = *rc::gen::inRange<int64_t>(1, max_hw + 1);
  const int64_t c = *rc::gen::weightedElement<int64_t>({{4, 1}, {3, 2}, {2, 3}, {1, 8}});
  const int64_t n = *rc::gen::weightedElement<int64_t>({{3, 1}, {1, 2}});
  const int rank = any_rank ? *rc::gen::weightedElement<int>({{8, 4}, {1, 2}, {1, 3}, {1, 5}}) : 4;
  if (rank == 2) return {h, w};
  if (rank == 3) return {c, h, w};
  if (rank == 5) return {n, c, 2, h, w};
  return {n, c, h, w};
}

// The static type: leading dims randomly unknown, the last two known (the
// converters need them).
inline StaticShape spatial_known(const Shape& s) {
  StaticShape v = *static_view(s);
  v[v.size() - 2] = s[s.size() - 2];
  v[v.size() - 1] = s[s.size() - 1];
  return v;
}

// Whole numbers in [-1000, 1000] with NaN and infinities: every partial sum
// is exact in float32 (and float16's whole numbers to 1000 are exact), so
// the summation order, which ONNX leaves open, cannot change an average;
// only the final division rounds.
inline ValueDomain whole_numbers() {
  ValueDomain d;
  d.min = -1000;
  d.max = 1000;
  d.integral_only = true;
  return d;
}

// A variable of `pool` fit for an NCHW op (ndim 4, static H and W, a dtype
// `ok` accepts), or nullptr.
template <typename Ok>
VarRef pick_nchw(const std::vector<VarRef>& pool, Ok ok) {
  std::vector<VarRef> fit;
  for (const VarRef& v : pool)
    if (v->type.ndim() == 4 && v->type.shape[2] && v->type.shape[3] && *v->type.shape[2] > 0 && *v->type.shape[3] > 0 &&
        ok(v->type.dtype))
      fit.push_back(v);
  if (fit.empty()) return nullptr;
  return *rc::gen::elementOf(fit);
}

}  // namespace ptonnx::gen::cnn
