#include "graph/builder_cnn.h"

#include "graph/builder.h"

namespace ptonnx::pt {

VarRef conv2d(VarRef x, VarRef kernel, const Conv2DOptions& o) {
  Attributes a{{"subsample", o.subsample},
               {"filter_dilation", o.filter_dilation},
               {"num_groups", o.num_groups},
               {"filter_flip", int64_t{o.filter_flip ? 1 : 0}}};
  if (!o.pads.empty()) {
    a["border_mode"] = std::string("pads");
    a["pads"] = o.pads;
  } else {
    a["border_mode"] = o.border_mode;
  }
  return apply_op1("Conv2D", {std::move(x), std::move(kernel)}, std::move(a));
}

VarRef batch_norm(VarRef x, VarRef gamma, VarRef beta, VarRef mean, VarRef var, double epsilon) {
  return apply_op1("BatchNormalization",
                   {std::move(x), std::move(gamma), std::move(beta), std::move(mean), std::move(var)},
                   {{"epsilon", epsilon}});
}

VarRef silu(VarRef x) { return apply_op1("SiLU", {std::move(x)}); }

}  // namespace ptonnx::pt
