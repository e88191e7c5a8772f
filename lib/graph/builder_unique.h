// pt:: builder of pytensor.tensor.extra_ops.unique.
//
//   auto outs = pt::unique(x, true, true, true);  // values, index, inverse, counts
//   auto rows = pt::unique(m, false, false, false, 0)[0];
//
// The outputs are the unique values followed by the requested extras in the
// order index, inverse, counts. A negative axis is normalised, as
// pt.unique does (normalize_axis_index).
#pragma once

#include <optional>
#include <vector>

#include "graph/graph.h"

namespace ptonnx::pt {

std::vector<VarRef> unique(VarRef x, bool return_index = false, bool return_inverse = false,
                           bool return_counts = false, std::optional<int64_t> axis = std::nullopt);

}  // namespace ptonnx::pt
