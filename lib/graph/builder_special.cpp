#include "graph/builder_special.h"

#include "graph/builder.h"

namespace ptonnx::pt {
namespace {

VarRef softmax_like(const std::string& op, VarRef x, const std::optional<std::vector<int64_t>>& axis) {
  Attributes a;
  if (axis) a["axis"] = *axis;
  return pt::op(op, {std::move(x)}, std::move(a)).at(0);
}

}  // namespace

VarRef switch_(VarRef cond, VarRef ift, VarRef iff) {
  return pt::op("Switch", {std::move(cond), std::move(ift), std::move(iff)}).at(0);
}
VarRef softmax(VarRef x, std::optional<std::vector<int64_t>> axis) {
  return softmax_like("Softmax", std::move(x), axis);
}
VarRef log_softmax(VarRef x, std::optional<std::vector<int64_t>> axis) {
  return softmax_like("LogSoftmax", std::move(x), axis);
}

}  // namespace ptonnx::pt
