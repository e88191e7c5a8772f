// What a kernel sees: the node's attributes, its input tensors (optional
// inputs may be absent), the opset in effect, a limit-checked allocator for
// its outputs and, for control-flow ops, the node's planned subgraphs.
// Kernels throw ptonnx errors without naming the node; the executor prefixes
// every message with the node's name, index and op.
#pragma once

#include <onnx/onnx_pb.h>

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "runtime/attributes.h"
#include "runtime/container.h"
#include "runtime/options.h"

namespace ptonnx::runtime {

struct Step;
struct Frame;
class Subgraph;

class KernelContext {
 public:
  // `inputs` must outlive the context. `step` and `frame` (the plan step
  // being run and the frame holding its values) are null for a context made
  // outside a plan, which then has no subgraphs.
  KernelContext(const onnx::NodeProto& node, int64_t opset, std::span<const Tensor* const> inputs,
                const RuntimeOptions& options, int64_t bytes_available, const Step* step = nullptr,
                const Frame* frame = nullptr);
  // with_inputs() returns a context that points into itself; never copied.
  KernelContext(const KernelContext&) = delete;
  KernelContext& operator=(const KernelContext&) = delete;

  const NodeAttributes& attrs() const { return attrs_; }
  const onnx::NodeProto& node() const { return node_; }
  int64_t opset() const { return opset_; }
  const RuntimeOptions& options() const { return options_; }
  // RuntimeOptions::adversarial: pick the non-NumPy answer where the spec
  // leaves the result open.
  bool adversarial() const { return options_.adversarial; }

  // Number of input slots the node lists (trailing optional ones may be absent).
  size_t num_inputs() const { return inputs_.size(); }
  bool has_input(size_t i) const { return i < inputs_.size() && inputs_[i] != nullptr; }
  // Throws ValidationError when input i is absent (TypeError when it is a
  // sequence or an optional).
  const Tensor& input(size_t i) const;
  size_t num_outputs() const { return static_cast<size_t>(node_.output_size()); }

  // Sequences and optionals (kernels registered with TakesContainers): input
  // i when it is one, else null (a tensor, or absent).
  const Container* container(size_t i) const { return container_ptr(i).get(); }
  const ContainerPtr& container_ptr(size_t i) const;
  // Makes output o a sequence/optional; the kernel's returned tensor at
  // position o is then ignored (return an empty Tensor there). LimitError
  // when its tensors do not fit the budget left.
  void set_output_container(size_t o, ContainerPtr value);
  // The outputs set so far, per output position (null where a tensor).
  std::vector<ContainerPtr>& output_containers() { return output_containers_; }

  // The same node and limits with other input tensors (for kernels that
  // rewrite their inputs, such as the legacy broadcast of opset < 7).
  KernelContext with_inputs(std::vector<const Tensor*> inputs) const;

  // Refuses (LimitError) an element count over the limits; for ops that
  // compute their output size from data, before any work.
  void check_elements(int64_t numel, DType dtype) const;
  // A zero-filled output tensor, checked against the limits first.
  Tensor alloc(DType dtype, const Shape& shape) const;
  // Same, with unspecified contents, for a kernel that writes every element
  // (saves a pass over the output's memory).
  Tensor alloc_uninitialized(DType dtype, const Shape& shape) const;

  // Bytes of the run's budget (RuntimeOptions::max_total_bytes) still free
  // for this kernel's outputs and its subgraph runs.
  int64_t bytes_available() const {
    return bytes_available_ - bytes_held_ - scratch_bytes_ - container_output_bytes_;
  }
  // Charges `bytes` of working memory the kernel allocates besides its
  // outputs (a double copy of its input, a transposed operand) to the
  // run's budget until the kernel returns; LimitError, before the
  // allocation, when they do not fit. The budget is the peak of a run, so
  // scratch counts as much as values do.
  void charge_scratch(int64_t bytes, const char* what) const;
  // Scratch bytes charged so far (for the run's peak accounting).
  int64_t scratch_bytes() const { return scratch_bytes_; }
  // Tells the budget how many bytes the kernel itself keeps between
  // subgraph runs (Loop's carried values and scan outputs so far), so that
  // nested runs and allocations see them; LimitError when over the budget.
  void set_bytes_held(int64_t bytes);

  // The planned subgraph in GRAPH attribute `attribute` (If's then_branch,
  // Loop's and Scan's body), bound to this run so that it reads the
  // enclosing graphs' values. ValidationError when the node has none.
  bool has_subgraph(const std::string& attribute) const;
  Subgraph subgraph(const std::string& attribute) const;

 private:
  KernelContext(const KernelContext& base, std::vector<const Tensor*> inputs);

  const onnx::NodeProto& node_;
  NodeAttributes attrs_;
  int64_t opset_;
  std::span<const Tensor* const> inputs_;
  std::vector<const Tensor*> own_inputs_;  // with_inputs() only
  const RuntimeOptions& options_;
  int64_t bytes_available_;
  int64_t bytes_held_ = 0;
  mutable int64_t scratch_bytes_ = 0;  // charge_scratch(): lives as long as the kernel call
  const Step* step_;
  const Frame* frame_;
  std::vector<ContainerPtr> output_containers_;  // empty unless set_output_container() was called
  int64_t container_output_bytes_ = 0;           // their bytes, out of the budget from then on
};

// A kernel returns one tensor per node output (in order). It may return
// fewer when trailing optional outputs are not computed.
using KernelFn = std::function<std::vector<Tensor>(KernelContext&)>;

// Rethrows the exception being handled with `prefix: ` in front of its
// message, keeping its class (LimitError stays LimitError, bad_alloc becomes
// LimitError). Call only from a catch block.
[[noreturn]] void rethrow_with_prefix(const std::string& prefix);

}  // namespace ptonnx::runtime
