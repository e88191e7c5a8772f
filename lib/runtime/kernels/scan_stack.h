// The per-iteration values of one scan output (Loop's scan outputs, Scan's
// scan_outputs), collected as bytes and stacked along a new axis at the end.
// Every iteration must give the same dtype and shape.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/kernel.h"
#include "runtime/model.h"

namespace ptonnx::runtime::kernels {

class ScanStack {
 public:
  // Appends one iteration's value; TypeError or ValidationError (naming
  // scan output #`index` and the iteration) when its dtype or shape differs
  // from the first.
  void append(const Tensor& value, size_t index);
  // Reserves room for `count` elements like the first one (after the first
  // append), so that a known trip count does not regrow the buffer.
  void reserve(int64_t count);

  int64_t count() const { return count_; }
  int64_t bytes() const { return static_cast<int64_t>(data_.size()); }

  // The stacked tensor: the values along a new axis `axis` (negative counts
  // from the end of the stacked rank), in iteration order, or reversed.
  // With no iterations the element shape is the declared one of the
  // subgraph output (`declared`), when fully static, else the result is
  // the 1-d empty tensor [0]; the dtype is the declared one (ValidationError
  // when undeclared: it cannot be guessed). Frees the collected bytes.
  Tensor finish(int64_t axis, bool reverse, const ValueSpec& declared, const KernelContext& ctx);

 private:
  DType dtype_ = DType::Float32;
  Shape elem_shape_;
  std::vector<std::byte> data_;
  int64_t count_ = 0;
};

}  // namespace ptonnx::runtime::kernels
