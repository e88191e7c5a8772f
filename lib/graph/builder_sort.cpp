#include "graph/builder_sort.h"

#include "graph/builder.h"

namespace ptonnx::pt {
namespace {

VarRef sort_like(const std::string& op, VarRef x, std::optional<int64_t> axis, const std::string& kind) {
  if (!axis) {
    x = reshape(std::move(x), std::vector<int64_t>{-1});
    axis = 0;
  }
  return apply_op1(op, {std::move(x), constant(Tensor::scalar(DType::Int64, static_cast<double>(*axis)))},
                   {{"kind", kind}});
}

}  // namespace

VarRef sort(VarRef x, std::optional<int64_t> axis, const std::string& kind) {
  return sort_like("SortOp", std::move(x), axis, kind);
}
VarRef argsort(VarRef x, std::optional<int64_t> axis, const std::string& kind) {
  return sort_like("ArgSortOp", std::move(x), axis, kind);
}

}  // namespace ptonnx::pt
