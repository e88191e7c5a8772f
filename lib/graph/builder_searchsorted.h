// pt:: builder of pytensor.tensor.extra_ops.searchsorted.
//
//   auto i = pt::searchsorted(x, v);                   // side="left"
//   auto j = pt::searchsorted(x, v, "right", sorter);  // x[sorter] sorted
#pragma once

#include <string>

#include "graph/graph.h"

namespace ptonnx::pt {

VarRef searchsorted(VarRef x, VarRef v, const std::string& side = "left", VarRef sorter = nullptr);

}  // namespace ptonnx::pt
