// A planned subgraph of the node a kernel runs (If's branches, Loop's and
// Scan's body), bound to the running frame so that it reads the enclosing
// graphs' values. Get one with KernelContext::subgraph(attribute).
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "core/tensor.h"
#include "runtime/container.h"
#include "runtime/model.h"

namespace ptonnx::runtime {

struct GraphPlan;
struct Frame;
class KernelContext;

class Subgraph {
 public:
  Subgraph(const GraphPlan& plan, const Frame& outer, const KernelContext& ctx, std::string attribute);
  Subgraph(Subgraph&&) noexcept;
  ~Subgraph();

  const std::string& attribute() const { return attribute_; }
  // The subgraph's declared inputs and outputs (dtype and dims when stated).
  const std::vector<ValueSpec>& inputs() const;
  const std::vector<ValueSpec>& outputs() const;
  size_t num_inputs() const { return inputs().size(); }
  size_t num_outputs() const { return outputs().size(); }

  // Runs the subgraph once on `inputs` (one per declared input, in order,
  // none null; a declared dtype must match). Errors are prefixed with the
  // attribute name ("body: node #1 (Add): ..."); the executor adds the
  // owning node. The run's byte budget is what the context has left
  // (KernelContext::bytes_available()), so the values live in every
  // enclosing frame and the kernel's own held bytes count.
  std::vector<Tensor> run(const std::vector<const Tensor*>& inputs) const;
  // The same, writing into `outputs` (resized to num_outputs()) and reusing
  // this object's frame across calls: no per-run allocation besides the
  // tensors the steps produce. Not reentrant.
  // Tensor values only: TypeError when an output is a sequence/optional.
  void run(std::span<const Tensor* const> inputs, std::vector<Tensor>& outputs) const;
  // Values that may be sequences or optionals (If's and Loop's): input i is
  // tensors[i] when not null, else containers[i] (both spans have one entry
  // per input); output i is container_outputs[i] when that is not null,
  // else outputs[i].
  void run_values(std::span<const Tensor* const> tensors, std::span<const ContainerPtr> containers,
                  std::vector<Tensor>& outputs, std::vector<ContainerPtr>& container_outputs) const;

 private:
  void run_impl(std::span<const Tensor* const> tensors, std::span<const ContainerPtr> containers,
                std::vector<Tensor>& outputs, std::vector<ContainerPtr>* container_outputs) const;

  const GraphPlan* plan_;
  const Frame* outer_;
  const KernelContext* ctx_;
  std::string attribute_;
  mutable std::unique_ptr<Frame> frame_;  // made by the first run, reused by the next ones
};

}  // namespace ptonnx::runtime
