#include "graph/builder_elemwise_exact.h"

#include "graph/builder.h"

namespace ptonnx::pt {

VarRef int_div(VarRef a, VarRef b) { return apply_op1("IntDiv", {std::move(a), std::move(b)}); }
VarRef mod(VarRef a, VarRef b) { return apply_op1("Mod", {std::move(a), std::move(b)}); }
VarRef sign(VarRef a) { return apply_op1("Sign", {std::move(a)}); }
VarRef reciprocal(VarRef a) { return apply_op1("Reciprocal", {std::move(a)}); }
VarRef sqr(VarRef a) { return apply_op1("Sqr", {std::move(a)}); }
VarRef isnan(VarRef a) { return apply_op1("IsNan", {std::move(a)}); }
VarRef isinf(VarRef a) { return apply_op1("IsInf", {std::move(a)}); }
VarRef trunc(VarRef a) { return apply_op1("Trunc", {std::move(a)}); }

}  // namespace ptonnx::pt
