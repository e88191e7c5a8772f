// ConstantOfShape filled with a zero of a dtype: the one way every converter
// builds a zero tensor of a computed shape (AllocEmpty, Eye, pooling's
// empty outputs, shape ops, control flow's empty scan outputs).
#pragma once

#include <string>

#include "convert/context.h"
#include "core/tensor.h"
#include "core/tensor_proto.h"

namespace ptonnx {

// Emits ConstantOfShape(shape) with `value` a one-element zero of `dtype`
// into `out`; returns the node for callers that add to it.
inline onnx::NodeProto& zeros_of_shape(ConversionContext& c, const std::string& shape, DType dtype,
                                       const std::string& out) {
  onnx::NodeProto& node = c.emit("ConstantOfShape", {shape}, {out});
  onnx::AttributeProto* a = node.add_attribute();
  a->set_name("value");
  a->set_type(onnx::AttributeProto::TENSOR);
  *a->mutable_t() = to_tensor_proto(Tensor(dtype, {1}), ProtoEncoding::Raw, "value");
  return node;
}

}  // namespace ptonnx
