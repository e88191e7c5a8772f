// pt:: builders of the extended group's exact elementwise ops: floor
// division and remainder (pt.int_div / pt.floor_div, pt.mod) and the unary
// Sign, Reciprocal, Sqr, IsNan, IsInf, Trunc.
//
//   auto q = pt::int_div(a, b);   // np.floor_divide, upcast(a, b)
//   auto r = pt::mod(a, b);       // np.remainder, upcast(a, b)
//   auto s = pt::sign(x);         // same dtype, bool refused
//   auto t = pt::trunc(x);        // upgrade_to_float
#pragma once

#include "graph/graph.h"

namespace ptonnx::pt {

VarRef int_div(VarRef a, VarRef b);
VarRef mod(VarRef a, VarRef b);
VarRef sign(VarRef a);
VarRef reciprocal(VarRef a);
VarRef sqr(VarRef a);
// Elemwise{IsNan}/{IsInf} for every dtype: pt.isnan/pt.isinf build
// alloc(False, *x.shape) for a discrete x instead, with the same values.
VarRef isnan(VarRef a);
VarRef isinf(VarRef a);
VarRef trunc(VarRef a);

}  // namespace ptonnx::pt
