// rapidcheck generators of shapes: ranks 0 to 4, dims including 0 and 1, a
// bounded element count, and static types in which some dims are unknown.
#pragma once

#include <rapidcheck.h>

#include "core/tensor.h"
#include "graph/type.h"

namespace ptonnx::gen {

struct ShapeLimits {
  int max_rank = 4;
  int64_t max_dim = 5;
  int64_t max_elements = 64;  // keeps cases fast
  // rapidcheck's inRange scales with the size, so at the small sizes of a
  // run's first cases the rank is 0..2 only. Random graphs draw the rank at
  // the nominal size instead: rank-3/4 values (BatchedDot, the NCHW ops)
  // then appear at every size (review M12), while dims still grow with it.
  bool rank_at_nominal_size = false;
};

rc::Gen<Shape> shape(const ShapeLimits& limits = {});

// A concrete shape for each input plus the static type each input declares.
struct BroadcastInput {
  Shape shape;
  StaticShape static_shape;
};

// `n` mutually broadcastable shapes (ranks may differ: left-padding). A dim
// that is 1 and broadcasts against a larger size is declared statically 1,
// because PyTensor refuses runtime broadcasting of a dim not known to be 1;
// every other dim is randomly known or unknown (None).
rc::Gen<std::vector<BroadcastInput>> broadcastable(int n, const ShapeLimits& limits = {});

// The static type of a concrete shape with each dim randomly unknown.
rc::Gen<StaticShape> static_view(const Shape& shape);

// Inside rc::gen::exec: one axis of a rank-`rank` shape (several = false) or
// a subset of its axes in ascending or reversed order (several = true),
// each possibly written negative: the axis lists of reductions and softmax.
std::vector<int64_t> draw_axes(int64_t rank, bool several);

}  // namespace ptonnx::gen
