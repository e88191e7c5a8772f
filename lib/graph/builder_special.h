// pt:: builders of Switch (pt.switch, Elemwise{Switch}) and the softmax
// family (pytensor.tensor.special: softmax, log_softmax).
//
//   auto y = pt::switch_(c, a, b);                                // np.where
//   auto s = pt::softmax(x, std::vector<int64_t>{-1});            // axis=-1
//   auto l = pt::log_softmax(x);                                  // axis=None: all axes
#pragma once

#include <optional>
#include <vector>

#include "graph/graph.h"

namespace ptonnx::pt {

// np.where(cond, ift, iff): cond of any dtype (truthy), dtype upcast(ift, iff).
VarRef switch_(VarRef cond, VarRef ift, VarRef iff);

// axis: nullopt = None (all axes), else the axes (negative count from the
// end; {} = no axes).
VarRef softmax(VarRef x, std::optional<std::vector<int64_t>> axis = std::nullopt);
VarRef log_softmax(VarRef x, std::optional<std::vector<int64_t>> axis = std::nullopt);

}  // namespace ptonnx::pt
