// Runs a GraphPlan in a Frame: the values of one run of one graph. A frame
// can be reused across runs of the same plan (a Loop body's iterations), so
// that its vectors are allocated once. Internal to lib/runtime.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "runtime/plan.h"

namespace ptonnx::runtime {

struct Frame {
  const GraphPlan* plan = nullptr;
  std::vector<const Tensor*> view;           // per slot: the value, wherever it lives
  std::vector<std::optional<Tensor>> owned;  // per slot: values the frame's steps produced
  // Per slot: a sequence or optional (then view is null), shared, immutable.
  std::vector<ContainerPtr> boxed;
  std::vector<const Tensor*> args;           // scratch: the current step's inputs
  int64_t live_bytes = 0;                    // bytes held in `owned`
  int64_t peak_bytes = 0;                    // most of live_bytes + a step's scratch, this run
};

// Prepares `frame` for a run of `plan`: initializers and captures (read from
// `outer`, the enclosing graph's frame; null for the main graph) visible,
// every other slot empty. The caller then points the input slots at values.
void bind_frame(const GraphPlan& plan, Frame& frame, const Frame* outer);

// Runs every step. `budget` is the byte budget of this run: values already
// live in enclosing frames are not in it. Errors carry the step's label.
void run_steps(const GraphPlan& plan, Frame& frame, const RuntimeOptions& options, int64_t budget);

// Output i of a finished run, moved out of the frame when the plan allows.
// TypeError when it is a sequence or optional: see take_container_output.
Tensor take_output(const GraphPlan& plan, Frame& frame, size_t i);
// Output i when it is a sequence or optional, else null.
ContainerPtr take_container_output(const GraphPlan& plan, Frame& frame, size_t i);

}  // namespace ptonnx::runtime
