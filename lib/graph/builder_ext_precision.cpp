#include "graph/builder_ext_precision.h"

#include "graph/builder.h"

namespace ptonnx::pt {

VarRef log2(VarRef a) { return pt::op("Log2", {std::move(a)}).at(0); }
VarRef log10(VarRef a) { return pt::op("Log10", {std::move(a)}).at(0); }
VarRef exp2(VarRef a) { return pt::op("Exp2", {std::move(a)}).at(0); }
VarRef arctan2(VarRef y, VarRef x) { return pt::op("ArcTan2", {std::move(y), std::move(x)}).at(0); }
VarRef round_half_away_from_zero(VarRef a) { return pt::op("RoundHalfAwayFromZero", {std::move(a)}).at(0); }

}  // namespace ptonnx::pt
