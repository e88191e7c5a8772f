// pt:: builders of the control-flow ops: ifelse (pytensor.ifelse.ifelse) and
// scan (pytensor.scan.scan). Branches and steps are C++ callables that
// build their graph; outer values they use are captured automatically, as
// PyTensor does, so a step reads like the Python it models:
//
//   auto x = pt::vector("x", "float32");
//   // switch(x > 0, x**2, -x) on a scalar condition:
//   auto y = pt::ifelse(pt::scalar("c", "int8"), [&] { return std::vector{x * x}; },
//                       [&] { return std::vector{-x}; })[0];
//   // cumulative sum:
//   auto cs = pt::scan([](const std::vector<VarRef>& a) { return std::vector{a[0] + a[1]}; },
//                      {{x}}, {pt::sit_sot(pt::constant(zero))})[0];
#pragma once

#include <functional>
#include <vector>

#include "graph/graph.h"
#include "graph/scan_layout.h"

namespace ptonnx::pt {

using BranchFn = std::function<std::vector<VarRef>()>;
// IfElse(cond, then, else): `cond` a 0-d tensor (true when != 0); each
// branch returns n values with matching dtype and ndim. Only the taken
// branch is evaluated.
std::vector<VarRef> ifelse(VarRef cond, const BranchFn& then_branch, const BranchFn& else_branch);

struct ScanSequence {
  VarRef value;
  std::vector<int64_t> taps = {0};
};
struct ScanOutput {
  VarRef initial;             // nullptr: nit-sot (None in outputs_info)
  std::vector<int64_t> taps;  // {-1}: sit-sot; several negative taps: mit-sot
};
ScanOutput sit_sot(VarRef initial);
ScanOutput mit_sot(VarRef initial, std::vector<int64_t> taps);
ScanOutput nit_sot();

// The step receives, in PyTensor's order, one value per sequence tap, one
// per state tap, then the non-sequences; it returns one value per output.
using StepFn = std::function<std::vector<VarRef>(const std::vector<VarRef>& args)>;

struct ScanOptions {
  VarRef n_steps = nullptr;  // an integer 0-d tensor; nullptr: the sequences decide
  bool go_backwards = false;
  // A while-scan: the step returns one more value, PyTensor's
  // `until(condition)` (0-d); the scan stops after the first step where it
  // is != 0, and the traces hold the steps run.
  bool as_while = false;
};

// Returns one trace per outputs_info entry (states without their initial
// taps), as pytensor.scan returns them.
std::vector<VarRef> scan(const StepFn& step, std::vector<ScanSequence> sequences, std::vector<ScanOutput> outputs_info,
                         std::vector<VarRef> non_sequences = {}, const ScanOptions& options = {});

// Inner-graph construction, for builders and generators. `outputs` were
// built from `inner_inputs` (fresh graph inputs) and possibly from outer
// variables created before `first_inner_uid` (constants and shared
// variables stay as they are). collect_outer_values appends each such outer
// variable to `captured` (once); lift_inner_graph then builds the inner
// graph with inputs `inner_inputs` + one fresh input per entry of
// `captured`, cloning the inner nodes onto those inputs.
void collect_outer_values(const std::vector<VarRef>& inner_inputs, const std::vector<VarRef>& outputs,
                          uint64_t first_inner_uid, std::vector<VarRef>& captured);
SubgraphRef lift_inner_graph(const std::vector<VarRef>& inner_inputs, const std::vector<VarRef>& outputs,
                             uint64_t first_inner_uid, const std::vector<VarRef>& captured);

}  // namespace ptonnx::pt
