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
// Loop's values may be sequences or optionals (Containers): such a value
// stays one, and a tensor stays a tensor of its initial dtype.
class CarriedState {
 public:
  // The node's inputs [first_input, first_input + count).
  CarriedState(const KernelContext& ctx, size_t first_input, size_t count)
      : initial_(count), values_(count), initial_boxed_(count), boxed_(count) {
    for (size_t j = 0; j < count; ++j) {
      initial_boxed_[j] = ctx.container_ptr(first_input + j);
      if (!initial_boxed_[j]) initial_[j] = &ctx.input(first_input + j);
    }
  }
  // Explicit initial values (Scan-8 starts each batch from a slice).
  explicit CarriedState(std::vector<const Tensor*> initial)
      : initial_(std::move(initial)), values_(initial_.size()), initial_boxed_(initial_.size()), boxed_(initial_.size()) {}

  // Value j: a tensor, or null when it is a container (current_container).
  const Tensor* current(size_t j) const {
    if (initial_boxed_[j]) return nullptr;
    return updated_ ? &values_[j] : initial_[j];
  }
  const ContainerPtr& current_container(size_t j) const { return updated_ ? boxed_[j] : initial_boxed_[j]; }

  // Takes body outputs [first, first + count) as the new values (a
  // container where boxed_outputs, when given, has one).
  void update(std::vector<Tensor>& body_outputs, size_t first, std::vector<ContainerPtr>* boxed_outputs = nullptr) {
    for (size_t j = 0; j < values_.size(); ++j) {
      const ContainerPtr* boxed =
          boxed_outputs && first + j < boxed_outputs->size() && (*boxed_outputs)[first + j] ? &(*boxed_outputs)[first + j]
                                                                                           : nullptr;
      if (boxed || initial_boxed_[j]) {
        if (!boxed || !initial_boxed_[j])
          throw TypeError("loop-carried value #" + std::to_string(j) + " starts as a " +
                          (initial_boxed_[j] ? initial_boxed_[j]->describe() : std::string("tensor")) +
                          " and comes back from the body as a " +
                          (boxed ? (*boxed)->describe() : std::string("tensor")));
        // Loop-16 lets a carried optional(sequence) come back as the
        // sequence itself (test_loop16_seq_none) and the other way round.
        const auto seq_like = [](const Container& c) { return c.kind != Container::Kind::OptionalTensor; };
        if ((*boxed)->kind != initial_boxed_[j]->kind && !(seq_like(**boxed) && seq_like(*initial_boxed_[j])))
          throw TypeError("loop-carried value #" + std::to_string(j) + " comes back from the body as a " +
                          (*boxed)->describe() + ", it starts as a " + initial_boxed_[j]->describe());
        boxed_[j] = *boxed;
        continue;
      }
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
    if (updated_) {
      for (const auto& v : values_) n += static_cast<int64_t>(v.nbytes());
      for (const auto& c : boxed_)
        if (c) n += c->bytes();
    }
    return n;
  }

  // Bytes of the carried sequences/optionals (the part of bytes() that
  // finish() hands to the context as outputs).
  int64_t container_bytes() const {
    int64_t n = 0;
    if (updated_)
      for (const auto& c : boxed_)
        if (c) n += c->bytes();
    return n;
  }

  // The final values (copies of the initial ones after zero iterations);
  // containers become the node's outputs [first_output, ...) through ctx.
  void finish(std::vector<Tensor>& out, KernelContext* ctx = nullptr, size_t first_output = 0) {
    for (size_t j = 0; j < values_.size(); ++j) {
      if (initial_boxed_[j]) {
        if (!ctx) throw Error("a carried sequence/optional without a context to return it (runtime bug)");
        ctx->set_output_container(first_output + j, current_container(j));
        boxed_[j].reset();  // the context counts it now
        out.emplace_back();
        continue;
      }
      out.push_back(updated_ ? std::move(values_[j]) : *initial_[j]);
    }
  }

 private:
  std::vector<const Tensor*> initial_;
  std::vector<Tensor> values_;
  std::vector<ContainerPtr> initial_boxed_;  // per value: the initial container, if it is one
  std::vector<ContainerPtr> boxed_;
  bool updated_ = false;
};

// Bytes the state and the scan outputs hold (KernelContext::set_bytes_held).
int64_t held_bytes(const CarriedState& state, const std::vector<ScanStack>& stacks);

// Copies position `index` along `axis` of x into `slice` (x's shape
// without that axis, allocated by the caller).
void copy_slice(const Tensor& x, int64_t axis, int64_t index, Tensor& slice);

}  // namespace ptonnx::runtime::kernels
