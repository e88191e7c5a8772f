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
    frame.boxed.assign(n, nullptr);
  }
  // Values left over from an earlier run (outputs are moved out, but a run
  // that threw leaves its intermediates).
  for (size_t s = 0; s < n; ++s) {
    const Slot& slot = plan.slots[s];
    switch (slot.source) {
      case Source::Initializer: frame.view[s] = &plan.initializers[static_cast<size_t>(slot.initializer)]; break;
      case Source::Capture:
        frame.view[s] = outer->view[static_cast<size_t>(slot.outer_slot)];
        frame.boxed[s] = outer->boxed[static_cast<size_t>(slot.outer_slot)];
        // The owning node's implicit inputs keep captured values alive; a
        // null here is a planning bug, reported rather than dereferenced.
        if (!frame.view[s] && !frame.boxed[s])
          throw Error("captured value '" + slot.name + "' is not live (runtime planning bug)");
        break;
      case Source::Input:
        frame.view[s] = nullptr;
        frame.boxed[s].reset();
        break;
      case Source::Node:
        frame.view[s] = nullptr;
        frame.owned[s].reset();
        frame.boxed[s].reset();
        break;
    }
  }
  frame.live_bytes = 0;
  frame.peak_bytes = 0;
}

void run_steps(const GraphPlan& plan, Frame& frame, const RuntimeOptions& options, int64_t budget) {
  std::vector<Tensor> results;
  std::vector<ContainerPtr> boxed_results;
  for (const Step& step : plan.steps) {
    frame.args.clear();
    for (int64_t in : step.inputs) {
      const Tensor* t = in >= 0 ? frame.view[static_cast<size_t>(in)] : nullptr;
      // A sequence or optional reaching a tensor-only kernel would look
      // like an absent input to it: refused here, by name.
      if (!t && in >= 0 && !step.containers && frame.boxed[static_cast<size_t>(in)])
        throw TypeError(step.label + ": input '" + plan.slots[static_cast<size_t>(in)].name + "' is a " +
                        frame.boxed[static_cast<size_t>(in)]->describe() + "; " + step.node->op_type() +
                        " takes tensors only");
      frame.args.push_back(t);
    }
    try {
      KernelContext ctx(*step.node, step.opset, frame.args, options, budget - frame.live_bytes, &step, &frame);
      results = (*step.fn)(ctx);
      boxed_results = std::move(ctx.output_containers());
      // The step's peak: the values held before it, its outputs and its
      // scratch all exist at once just before it returns.
      int64_t out_bytes = 0;
      for (const Tensor& t : results) out_bytes += static_cast<int64_t>(t.nbytes());
      for (const auto& c : boxed_results)
        if (c) out_bytes += c->bytes();
      frame.peak_bytes = std::max(frame.peak_bytes, frame.live_bytes + out_bytes + ctx.scratch_bytes());
      for (size_t o = 0; o < step.outputs.size(); ++o)
        if (step.outputs[o] >= 0 && o >= results.size() && !(o < boxed_results.size() && boxed_results[o]))
          throw UnsupportedError("optional output #" + std::to_string(o) + " is not computed by this kernel");
    } catch (...) {
      rethrow_with_prefix(step.label);
    }
    for (size_t o = 0; o < step.outputs.size(); ++o) {
      const int64_t slot = step.outputs[o];
      if (slot < 0) continue;
      if (o < boxed_results.size() && boxed_results[o]) {
        frame.live_bytes += boxed_results[o]->bytes();
        frame.boxed[static_cast<size_t>(slot)] = std::move(boxed_results[o]);
        continue;
      }
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
      if (auto& boxed = frame.boxed[static_cast<size_t>(slot)]) {
        frame.live_bytes -= boxed->bytes();
        boxed.reset();
        continue;
      }
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
  if (frame.boxed[slot])
    throw TypeError("graph output '" + plan.outputs[i].name + "' is a " + frame.boxed[slot]->describe() +
                    ", not a tensor");
  if (plan.output_moves[i]) {
    Tensor t = std::move(*frame.owned[slot]);
    frame.owned[slot].reset();
    frame.view[slot] = nullptr;
    return t;
  }
  return *frame.view[slot];
}

ContainerPtr take_container_output(const GraphPlan& plan, Frame& frame, size_t i) {
  const auto slot = static_cast<size_t>(plan.output_slots[i]);
  ContainerPtr c = frame.boxed[slot];
  // Shared and immutable: moving out only drops the frame's reference.
  if (plan.output_moves[i]) frame.boxed[slot].reset();
  return c;
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
  run_impl(inputs, {}, outputs, nullptr);
}

void Subgraph::run_values(std::span<const Tensor* const> tensors, std::span<const ContainerPtr> containers,
                          std::vector<Tensor>& outputs, std::vector<ContainerPtr>& container_outputs) const {
  run_impl(tensors, containers, outputs, &container_outputs);
}

void Subgraph::run_impl(std::span<const Tensor* const> inputs, std::span<const ContainerPtr> containers,
                        std::vector<Tensor>& outputs, std::vector<ContainerPtr>* container_outputs) const {
  try {
    if (inputs.size() != plan_->inputs.size())
      throw ValidationError("given " + std::to_string(inputs.size()) + " inputs, the subgraph declares " +
                            std::to_string(plan_->inputs.size()));
    if (!frame_) frame_ = std::make_unique<Frame>();
    Frame& frame = *frame_;
    bind_frame(*plan_, frame, outer_);
    for (size_t i = 0; i < inputs.size(); ++i) {
      const ValueSpec& spec = plan_->inputs[i];
      const auto slot = static_cast<size_t>(plan_->input_slots[i]);
      if (!inputs[i] && i < containers.size() && containers[i]) {
        // Untyped inputs (dtype unknown, kind Tensor by default) take anything.
        if (spec.kind == ValueKind::Tensor && spec.dtype)
          throw TypeError("subgraph input '" + spec.name + "' gets a " + containers[i]->describe() +
                          ", the subgraph declares a tensor");
        frame.boxed[slot] = containers[i];
        // A sequence where an optional sequence is declared is a present one
        // (a Loop-16 body's carried optional coming back as its element).
        if (spec.kind == ValueKind::OptionalSequence && containers[i]->is_sequence()) {
          auto wrapped = std::make_shared<Container>(*containers[i]);
          wrapped->kind = Container::Kind::OptionalSequence;
          frame.boxed[slot] = std::move(wrapped);
        }
        continue;
      }
      if (!inputs[i]) throw ValidationError("subgraph input '" + spec.name + "' is not given");
      if (spec.kind == ValueKind::OptionalTensor) {
        auto wrapped = std::make_shared<Container>();
        wrapped->kind = Container::Kind::OptionalTensor;
        wrapped->items.push_back(*inputs[i]);
        wrapped->elem_dtype = inputs[i]->dtype();
        frame.boxed[slot] = std::move(wrapped);
        continue;
      }
      if (spec.kind != ValueKind::Tensor)
        throw TypeError("subgraph input '" + spec.name + "' gets a tensor, the subgraph declares a sequence or optional");
      if (spec.dtype && *spec.dtype != inputs[i]->dtype())
        throw TypeError("subgraph input '" + spec.name + "' gets dtype " + std::string(dtype_name(inputs[i]->dtype())) +
                        ", the subgraph declares " + std::string(dtype_name(*spec.dtype)));
      frame.view[slot] = inputs[i];
    }
    run_steps(*plan_, frame, ctx_->options(), ctx_->bytes_available());
    outputs.resize(plan_->outputs.size());
    if (container_outputs) container_outputs->assign(plan_->outputs.size(), nullptr);
    for (size_t i = 0; i < outputs.size(); ++i) {
      if (container_outputs && frame.boxed[static_cast<size_t>(plan_->output_slots[i])]) {
        (*container_outputs)[i] = take_container_output(*plan_, frame, i);
        outputs[i] = Tensor();
        continue;
      }
      outputs[i] = take_output(*plan_, frame, i);
    }
  } catch (...) {
    rethrow_with_prefix(attribute_);
  }
}

}  // namespace ptonnx::runtime
