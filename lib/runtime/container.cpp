// Container's helpers (runtime/container.h).
#include "runtime/container.h"

namespace ptonnx::runtime {

std::string Container::describe() const {
  const std::string elem = elem_dtype ? std::string(dtype_name(*elem_dtype)) : "unknown";
  switch (kind) {
    case Kind::Sequence: return "sequence(" + elem + ") of " + std::to_string(items.size()) + " tensors";
    case Kind::OptionalTensor:
      return std::string("optional(tensor(") + elem + ")) " + (present ? "with" : "without") + " an element";
    case Kind::OptionalSequence:
      return std::string("optional(sequence(") + elem + ")) " + (present ? "with" : "without") + " an element";
  }
  return "container";
}

ContainerPtr make_sequence(std::vector<Tensor> items, std::optional<DType> elem) {
  auto c = std::make_shared<Container>();
  c->kind = Container::Kind::Sequence;
  c->items = std::move(items);
  c->elem_dtype = elem;
  return c;
}

}  // namespace ptonnx::runtime
