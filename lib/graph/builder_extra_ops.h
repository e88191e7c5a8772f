// pt:: builders of the tier-5 extra ops (pytensor.tensor.extra_ops and
// pytensor.tensor.pad).
//
//   auto c = pt::cumsum(x);                 // axis=None: ravel, then cumsum
//   auto p = pt::cumprod(x, -1);
//   auto r = pt::repeat(x, repeats, 0);     // repeats 0-d or 1-d integer
//   auto d = pt::fill_diagonal(a, val);
//   auto q = pt::pad(x, widths, "reflect"); // widths broadcast to (ndim, 2)
#pragma once

#include <optional>
#include <string>

#include "graph/graph.h"

namespace ptonnx::pt {

// np.cumsum / np.cumprod in x's dtype; axis nullopt = None (ravel).
VarRef cumsum(VarRef x, std::optional<int64_t> axis = std::nullopt);
VarRef cumprod(VarRef x, std::optional<int64_t> axis = std::nullopt);
// np.repeat(x, repeats, axis); axis nullopt = None (flatten).
VarRef repeat(VarRef x, VarRef repeats, std::optional<int64_t> axis = std::nullopt);
// A copy of a with a[i, i, ..., i] = val (val cast to a's dtype).
VarRef fill_diagonal(VarRef a, VarRef val);
// A copy of a (2-D) with a[i, i + offset] = val (offset 0-d integer).
VarRef fill_diagonal_offset(VarRef a, VarRef val, VarRef offset);
// pt.pad(x, pad_width, mode, ...): `extra` is constant_values (constant),
// end_values (linear_ramp) or stat_length (maximum/minimum/mean; optional).
VarRef pad(VarRef x, VarRef pad_width, const std::string& mode = "constant", VarRef extra = nullptr);

}  // namespace ptonnx::pt
