#include "graph/builder_extra_ops.h"

#include "graph/builder.h"

namespace ptonnx::pt {
namespace {

VarRef cum(VarRef x, std::optional<int64_t> axis, const char* mode) {
  Attributes a{{"mode", std::string(mode)}};
  if (axis) a["axis"] = *axis;
  return apply_op1("CumOp", {std::move(x)}, std::move(a));
}

}  // namespace

VarRef cumsum(VarRef x, std::optional<int64_t> axis) { return cum(std::move(x), axis, "add"); }
VarRef cumprod(VarRef x, std::optional<int64_t> axis) { return cum(std::move(x), axis, "mul"); }

VarRef repeat(VarRef x, VarRef repeats, std::optional<int64_t> axis) {
  Attributes a;
  if (axis) a["axis"] = *axis;
  return apply_op1("Repeat", {std::move(x), std::move(repeats)}, std::move(a));
}

VarRef fill_diagonal(VarRef a, VarRef val) { return apply_op1("FillDiagonal", {std::move(a), std::move(val)}); }

VarRef fill_diagonal_offset(VarRef a, VarRef val, VarRef offset) {
  return apply_op1("FillDiagonalOffset", {std::move(a), std::move(val), std::move(offset)});
}

VarRef pad(VarRef x, VarRef pad_width, const std::string& mode, VarRef extra) {
  std::vector<VarRef> in{std::move(x), std::move(pad_width)};
  if (extra) in.push_back(std::move(extra));
  return apply_op1("Pad", std::move(in), {{"mode", mode}});
}

}  // namespace ptonnx::pt
