// pt:: builders of pytensor.tensor.sort: sort and argsort.
//
//   auto s = pt::sort(x);                          // last axis, quicksort
//   auto i = pt::argsort(x, std::nullopt, "stable");  // flattened, stable
//
// axis = nullopt is PyTensor's axis=None: the input is flattened
// (reshape(x, [-1])) and axis 0 sorted, exactly as sort()/argsort() build it.
// The axis becomes an int64 constant input of SortOp/ArgSortOp.
#pragma once

#include <optional>
#include <string>

#include "graph/graph.h"

namespace ptonnx::pt {

VarRef sort(VarRef x, std::optional<int64_t> axis = -1, const std::string& kind = "quicksort");
VarRef argsort(VarRef x, std::optional<int64_t> axis = -1, const std::string& kind = "quicksort");

}  // namespace ptonnx::pt
