// pt:: builders of the CNN group's pooling and resize ops.
//
//   auto m = pt::pool_2d(x, {3, 3}, true, {1, 1}, {1, 1});          // max
//   auto a = pt::pool_2d(x, {2, 2}, false, {}, {}, "average_exc_pad");
//   auto g = pt::global_average_pool(x);   // x.mean(axis=(2, 3), keepdims=True)
//   auto h = pt::global_max_pool(x);       // x.max(axis=(2, 3), keepdims=True)
//   auto u = pt::resize(x, {2, 2});        // nearest: np.repeat along H, W
#pragma once

#include <string>
#include <vector>

#include "graph/graph.h"

namespace ptonnx::pt {

// pool_2d(x, ws, ignore_border, stride, pad, mode): mode "max" builds
// MaxPool, "average_inc_pad"/"average_exc_pad" AveragePool. An empty
// stride means ws, an empty pad (0, 0).
VarRef pool_2d(VarRef x, std::vector<int64_t> ws, bool ignore_border, std::vector<int64_t> stride = {},
               std::vector<int64_t> pad = {}, const std::string& mode = "max");
VarRef global_average_pool(VarRef x);
VarRef global_max_pool(VarRef x);
// Seed 004's resize(x, (sh, sw), mode): "nearest" or "bilinear".
VarRef resize(VarRef x, std::vector<int64_t> scale, const std::string& mode = "nearest");

}  // namespace ptonnx::pt
