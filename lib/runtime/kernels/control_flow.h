// Helpers shared by the control-flow kernels (control_flow.cpp: If, Loop;
// scan.cpp: Scan): condition values, loop-carried state, the iteration
// limit and slicing a scan input. Internal to the kernels.
#pragma once

#include <string>
#include <vector>

#include "runtime/kernels/scan_stack.h"

namespace ptonnx::runtime::kernels {

// A single-element bool tensor's value (If's cond, Loop's cond).
bool read_condition(const Tensor& t, const std::string& what);

// LimitError once `iteration` reaches RuntimeOptions::max_loop_iterations.
void check_iteration_limit(int64_t iteration, const KernelContext& ctx);

// The loop-carried values of Loop and Scan between iterations: the node's
// initial inputs until the first iteration ends, then the body's outputs.
class CarriedState {
 public:
  // The node's inputs [first_input, first_input + count).
  CarriedState(const KernelContext& ctx, size_t first_input, size_t count) : initial_(count), values_(count) {
    for (size_t j = 0; j < count; ++j) initial_[j] = &ctx.input(first_input + j);
  }
  // Explicit initial values (Scan-8 starts each batch from a slice).
  explicit CarriedState(std::vector<const Tensor*> initial) : initial_(std::move(initial)), values_(initial_.size()) {}

  const Tensor* current(size_t j) const { return updated_ ? &values_[j] : initial_[j]; }

  // Takes body outputs [first, first + count) as the new values; their
  // dtype must stay the initial one (the shape may change).
  void update(std::vector<Tensor>& body_outputs, size_t first) {
    for (size_t j = 0; j < values_.size(); ++j) {
      Tensor& next = body_outputs[first + j];
      if (next.dtype() != initial_[j]->dtype())
        throw TypeError("loop-carried value #" + std::to_string(j) + " comes back from the body as " +
                        std::string(dtype_name(next.dtype())) + ", it starts as " +
                        std::string(dtype_name(initial_[j]->dtype())));
      values_[j] = std::move(next);
    }
    updated_ = true;
  }

  int64_t bytes() const {
    int64_t n = 0;
    if (updated_)
      for (const auto& v : values_) n += static_cast<int64_t>(v.nbytes());
    return n;
  }

  // The final values (copies of the initial ones after zero iterations).
  void finish(std::vector<Tensor>& out) {
    for (size_t j = 0; j < values_.size(); ++j) out.push_back(updated_ ? std::move(values_[j]) : *initial_[j]);
  }

 private:
  std::vector<const Tensor*> initial_;
  std::vector<Tensor> values_;
  bool updated_ = false;
};

// Bytes the state and the scan outputs hold (KernelContext::set_bytes_held).
int64_t held_bytes(const CarriedState& state, const std::vector<ScanStack>& stacks);

// Copies position `index` along `axis` of x into `slice` (x's shape
// without that axis, allocated by the caller).
void copy_slice(const Tensor& x, int64_t axis, int64_t index, Tensor& slice);

}  // namespace ptonnx::runtime::kernels
