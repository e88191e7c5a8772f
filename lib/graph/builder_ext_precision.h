// pt:: builders of the extended precision ops (pytensor.tensor.math):
// log2, log10, exp2 (upgrade_to_float), arctan2(y, x) (upgrade_to_float of
// each input, upcast, broadcast), round_half_away_from_zero (floats only).
//
//   auto l = pt::log2(x);                       // np.log2
//   auto a = pt::arctan2(y, x);                 // np.arctan2(y, x)
//   auto r = pt::round_half_away_from_zero(x);  // x > 0 ? floor(x + .5) : ceil(x - .5)
#pragma once

#include "graph/graph.h"

namespace ptonnx::pt {

VarRef log2(VarRef a);
VarRef log10(VarRef a);
VarRef exp2(VarRef a);
VarRef arctan2(VarRef y, VarRef x);
VarRef round_half_away_from_zero(VarRef a);

}  // namespace ptonnx::pt
