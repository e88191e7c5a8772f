#include "runtime/executor.h"

#include <algorithm>

#include "runtime/subgraph.h"

namespace ptonnx::runtime {

void bind_frame(const GraphPlan& plan, Frame& frame, const Frame* outer) {
  const size_t n = plan.slots.size();
  if (frame.plan != &plan) {
    frame.plan = &plan;
    frame.view.assign(n, nullptr);
    frame.owned.clear();
    frame.owned.resize(n);
  }
  // Values left over from an earlier run (outputs are moved out, but a run
  // that threw leaves its intermediates).
  for (size_t s = 0; s < n; ++s) {
    const Slot& slot = plan.slots[s];
    switch (slot.source) {
      case Source::Initializer: frame.view[s] = &plan.initializers[static_cast<size_t>(slot.initializer)]; break;
      case Source::Capture:
        frame.view[s] = outer->view[static_cast<size_t>(slot.outer_slot)];
        // The owning node's implicit inputs keep captured values alive; a
        // null here is a planning bug, reported rather than dereferenced.
        if (!frame.view[s]) throw Error("captured value '" + slot.name + "' is not live (runtime planning bug)");
        break;
      case Source::Input: frame.view[s] = nullptr; break;
      case Source::Node:
        frame.view[s] = nullptr;
        frame.owned[s].reset();
        break;
    }
  }
  frame.live_bytes = 0;
  frame.peak_bytes = 0;
}

void run_steps(const GraphPlan& plan, Frame& frame, const RuntimeOptions& options, int64_t budget) {
  std::vector<Tensor> results;
  for (const Step& step : plan.steps) {
    frame.args.clear();
    for (int64_t in : step.inputs) frame.args.push_back(in >= 0 ? frame.view[static_cast<size_t>(in)] : nullptr);
    try {
      KernelContext ctx(*step.node, step.opset, frame.args, options, budget - frame.live_bytes, &step, &frame);
      results = (*step.fn)(ctx);
      // The step's peak: the values held before it, its outputs and its
      // scratch all exist at once just before it returns.
      int64_t out_bytes = 0;
      for (const Tensor& t : results) out_bytes += static_cast<int64_t>(t.nbytes());
      frame.peak_bytes = std::max(frame.peak_bytes, frame.live_bytes + out_bytes + ctx.scratch_bytes());
      for (size_t o = 0; o < step.outputs.size(); ++o)
        if (step.outputs[o] >= 0 && o >= results.size())
          throw UnsupportedError("optional output #" + std::to_string(o) + " is not computed by this kernel");
    } catch (...) {
      rethrow_with_prefix(step.label);
    }
    for (size_t o = 0; o < step.outputs.size(); ++o) {
      const int64_t slot = step.outputs[o];
      if (slot < 0) continue;
      frame.live_bytes += static_cast<int64_t>(results[o].nbytes());
      auto& value = frame.owned[static_cast<size_t>(slot)];
      value.emplace(std::move(results[o]));
      frame.view[static_cast<size_t>(slot)] = &*value;
    }
    // Kernels check each output before allocating it; this catches the sum
    // of a multi-output node and any tensor a kernel built without
    // KernelContext::alloc, so the budget holds for the run as a whole.
    if (frame.live_bytes > budget)
      throw LimitError(step.label + ": the run holds " + std::to_string(frame.live_bytes) +
                       " bytes, over its budget of " + std::to_string(budget) + " bytes");
    for (int64_t slot : step.frees) {
      auto& value = frame.owned[static_cast<size_t>(slot)];
      if (!value) continue;
      frame.live_bytes -= static_cast<int64_t>(value->nbytes());
      value.reset();
      frame.view[static_cast<size_t>(slot)] = nullptr;
    }
  }
}

Tensor take_output(const GraphPlan& plan, Frame& frame, size_t i) {
  const auto slot = static_cast<size_t>(plan.output_slots[i]);
  if (plan.output_moves[i]) {
    Tensor t = std::move(*frame.owned[slot]);
    frame.owned[slot].reset();
    frame.view[slot] = nullptr;
    return t;
  }
  return *frame.view[slot];
}

Subgraph::Subgraph(const GraphPlan& plan, const Frame& outer, const KernelContext& ctx, std::string attribute)
    : plan_(&plan), outer_(&outer), ctx_(&ctx), attribute_(std::move(attribute)) {}
Subgraph::Subgraph(Subgraph&&) noexcept = default;
Subgraph::~Subgraph() = default;

const std::vector<ValueSpec>& Subgraph::inputs() const { return plan_->inputs; }
const std::vector<ValueSpec>& Subgraph::outputs() const { return plan_->outputs; }

std::vector<Tensor> Subgraph::run(const std::vector<const Tensor*>& inputs) const {
  std::vector<Tensor> outputs;
  run(std::span<const Tensor* const>(inputs), outputs);
  return outputs;
}

void Subgraph::run(std::span<const Tensor* const> inputs, std::vector<Tensor>& outputs) const {
  try {
    if (inputs.size() != plan_->inputs.size())
      throw ValidationError("given " + std::to_string(inputs.size()) + " inputs, the subgraph declares " +
                            std::to_string(plan_->inputs.size()));
    if (!frame_) frame_ = std::make_unique<Frame>();
    Frame& frame = *frame_;
    bind_frame(*plan_, frame, outer_);
    for (size_t i = 0; i < inputs.size(); ++i) {
      const ValueSpec& spec = plan_->inputs[i];
      if (!inputs[i]) throw ValidationError("subgraph input '" + spec.name + "' is not given");
      if (spec.dtype && *spec.dtype != inputs[i]->dtype())
        throw TypeError("subgraph input '" + spec.name + "' gets dtype " + std::string(dtype_name(inputs[i]->dtype())) +
                        ", the subgraph declares " + std::string(dtype_name(*spec.dtype)));
      frame.view[static_cast<size_t>(plan_->input_slots[i])] = inputs[i];
    }
    run_steps(*plan_, frame, ctx_->options(), ctx_->bytes_available());
    outputs.resize(plan_->outputs.size());
    for (size_t i = 0; i < outputs.size(); ++i) outputs[i] = take_output(*plan_, frame, i);
  } catch (...) {
    rethrow_with_prefix(attribute_);
  }
}

}  // namespace ptonnx::runtime
