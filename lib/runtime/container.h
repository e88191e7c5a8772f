// The runtime's non-tensor values (ONNX's sequence and optional types):
// a sequence of tensors, an optional tensor or an optional sequence. A
// value slot holds either a tensor (the fast path every tensor kernel sees)
// or a shared, immutable Container: kernels that "modify" a sequence
// (SequenceInsert, SequenceErase) build a new one, so that Identity, If's
// outputs and Loop's carried values share it without copying.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/tensor.h"

namespace ptonnx::runtime {

struct Container {
  enum class Kind { Sequence, OptionalTensor, OptionalSequence };
  Kind kind = Kind::Sequence;
  // Optionals: whether an element is present (a sequence is always present).
  bool present = true;
  // Sequence, OptionalSequence: the elements. OptionalTensor: the element
  // when present (one tensor), else none.
  std::vector<Tensor> items;
  // The element type of a sequence (or of the optional's tensor/sequence)
  // when known: from a declared type, an attribute or the first element.
  // Every element of a sequence has this dtype.
  std::optional<DType> elem_dtype;

  // elem_dtype, else the first tensor's dtype, else unknown.
  std::optional<DType> element_type() const {
    if (elem_dtype || items.empty()) return elem_dtype;
    return items[0].dtype();
  }
  bool is_sequence() const { return kind == Kind::Sequence; }
  bool is_optional() const { return kind != Kind::Sequence; }
  // What each tensor of a container costs besides its elements (its
  // shape, its buffer's header): counted so that a sequence of millions of
  // empty or 1-element tensors (SplitToSequence of a large tensor, an
  // insert loop) is bounded by the byte budget too.
  static constexpr int64_t kItemOverhead = 128;
  // Bytes it holds, for the run's byte budget.
  int64_t bytes() const {
    int64_t n = 0;
    for (const auto& t : items) n += static_cast<int64_t>(t.nbytes()) + kItemOverhead;
    return n;
  }
  // "sequence(float32) of 3 tensors", "optional(tensor) without an element".
  std::string describe() const;
};

using ContainerPtr = std::shared_ptr<const Container>;

// A sequence of `items` (each of dtype `elem`, unchecked: callers check).
ContainerPtr make_sequence(std::vector<Tensor> items, std::optional<DType> elem);

}  // namespace ptonnx::runtime
