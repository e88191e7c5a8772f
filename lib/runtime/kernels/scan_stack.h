// The per-iteration values of one scan output (Loop's scan outputs, Scan's
// scan_outputs), stacked along a new axis. Every iteration must give the
// same dtype and shape. When the number of iterations is known up front
// (Scan; Loop with a trip count and no cond input) the values are written
// straight into the output tensor; otherwise they are collected as bytes
// and copied out at the end.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/kernel.h"
#include "runtime/model.h"

namespace ptonnx::runtime::kernels {

class ScanStack {
 public:
  // `axis`: the new axis of the stacked tensor (negative counts from the end
  // of the stacked rank); `reverse`: the last iteration first; `expected`:
  // the exact number of iterations, or -1 when unknown.
  ScanStack(int64_t axis, bool reverse, int64_t expected);

  // Appends one iteration's value; TypeError or ValidationError (naming
  // scan output #`index` and the iteration) when its dtype or shape differs
  // from the first. The first append allocates through ctx (budget checked).
  void append(const Tensor& value, size_t index, const KernelContext& ctx);

  int64_t count() const { return count_; }
  // Bytes held so far (for the run's budget).
  int64_t bytes() const { return static_cast<int64_t>(out_ ? out_->nbytes() : data_.size()); }

  // The stacked tensor. With no iterations the element shape is the
  // declared one of the subgraph output (`declared`), when fully static,
  // else the result is the 1-d empty tensor [0]; the dtype is the declared
  // one (ValidationError when undeclared: it cannot be guessed).
  Tensor finish(const ValueSpec& declared, const KernelContext& ctx);

 private:
  void start(const Tensor& first, const KernelContext& ctx);
  // Copies value (iteration t) to its place in `dst`, which holds `n` values.
  void place(const Tensor& value, int64_t t, int64_t n, std::byte* dst) const;

  int64_t axis_;
  bool reverse_;
  int64_t expected_;
  int64_t at_ = 0;  // axis_ normalised, once the element rank is known
  DType dtype_ = DType::Float32;
  Shape elem_shape_;
  std::optional<Tensor> out_;    // expected count: the output itself
  std::vector<std::byte> data_;  // unknown count: the values in iteration order
  int64_t count_ = 0;
};

}  // namespace ptonnx::runtime::kernels
