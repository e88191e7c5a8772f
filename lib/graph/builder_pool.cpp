#include "graph/builder_pool.h"

#include "graph/builder.h"

namespace ptonnx::pt {

VarRef pool_2d(VarRef x, std::vector<int64_t> ws, bool ignore_border, std::vector<int64_t> stride,
               std::vector<int64_t> pad, const std::string& mode) {
  Attributes a{{"ws", std::move(ws)}, {"ignore_border", int64_t{ignore_border ? 1 : 0}}};
  if (!stride.empty()) a["stride"] = std::move(stride);
  if (!pad.empty()) a["pad"] = std::move(pad);
  if (mode == "max") return apply_op1("MaxPool", {std::move(x)}, std::move(a));
  a["mode"] = mode;
  return apply_op1("AveragePool", {std::move(x)}, std::move(a));
}

VarRef global_average_pool(VarRef x) { return apply_op1("GlobalAveragePool", {std::move(x)}); }
VarRef global_max_pool(VarRef x) { return apply_op1("GlobalMaxPool", {std::move(x)}); }

VarRef resize(VarRef x, std::vector<int64_t> scale, const std::string& mode) {
  return apply_op1("Resize", {std::move(x)}, {{"scale", std::move(scale)}, {"mode", mode}});
}

}  // namespace ptonnx::pt
