#include "graph/builder_unique.h"

#include "core/error.h"
#include "graph/builder.h"

namespace ptonnx::pt {

std::vector<VarRef> unique(VarRef x, bool return_index, bool return_inverse, bool return_counts,
                           std::optional<int64_t> axis) {
  Attributes a{{"return_index", int64_t{return_index}},
               {"return_inverse", int64_t{return_inverse}},
               {"return_counts", int64_t{return_counts}}};
  if (axis) {
    const int64_t r = x->type.ndim();
    if (*axis < -r || *axis >= r)
      throw TypeError("unique: axis " + std::to_string(*axis) + " is out of bounds for array of dimension " +
                      std::to_string(r));
    a["axis"] = *axis < 0 ? *axis + r : *axis;
  }
  return apply_op("Unique", {std::move(x)}, std::move(a));
}

}  // namespace ptonnx::pt
