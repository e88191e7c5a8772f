#include "graph/builder_searchsorted.h"

#include "graph/builder.h"

namespace ptonnx::pt {

VarRef searchsorted(VarRef x, VarRef v, const std::string& side, VarRef sorter) {
  std::vector<VarRef> inputs{std::move(x), std::move(v)};
  if (sorter) inputs.push_back(std::move(sorter));
  return apply_op1("SearchsortedOp", std::move(inputs), {{"side", side}});
}

}  // namespace ptonnx::pt
