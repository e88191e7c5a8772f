// The execution plan of one graph (the main graph or a node's GRAPH
// attribute), built once at Model construction: value slots, the steps in
// topological order with their kernels, and, per step, the slots to free
// after it. Internal to lib/runtime.
//
// Scoping follows ONNX: a name a subgraph does not define (as an input, an
// initializer or a node output) is the value of that name in the nearest
// enclosing graph. Such a name becomes a Capture slot of the subgraph that
// points at the enclosing plan's slot; the node owning the subgraph lists
// the enclosing slots as implicit inputs, so they stay alive until it ran
// (captures of nested subgraphs are captured by every graph in between).
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "runtime/attributes.h"
#include "runtime/kernel.h"
#include "runtime/model.h"

namespace ptonnx::runtime {

enum class Source { Input, Initializer, Node, Capture };

struct Slot {
  std::string name;
  Source source = Source::Node;
  int64_t initializer = -1;  // Initializer: index into GraphPlan::initializers
  int64_t outer_slot = -1;   // Capture: slot in the enclosing plan
  int64_t last_use = -1;     // step after which it can be freed
  bool is_output = false;
};

struct GraphPlan;

struct PlannedSubgraph {
  std::string attribute;  // "body", "then_branch", ...
  std::unique_ptr<GraphPlan> plan;
};

struct Step {
  const onnx::NodeProto* node;
  std::string label;  // node_label(): "node 'name' (#3, Add)"
  int64_t opset;
  const KernelFn* fn;
  bool containers;  // KernelEntry::containers
  NodeAttributes attrs;
  std::vector<int64_t> inputs;   // slot ids, -1 for an absent optional input
  std::vector<int64_t> outputs;  // slot ids, -1 for an unused optional output
  // Enclosing-scope values its subgraphs read (slots of this plan).
  std::vector<int64_t> implicit_inputs;
  std::vector<PlannedSubgraph> subgraphs;
  // Node-produced slots nobody reads after this step.
  std::vector<int64_t> frees;
};

struct GraphPlan {
  std::vector<Slot> slots;
  std::vector<Tensor> initializers;
  std::vector<ValueSpec> inputs;
  std::vector<int64_t> input_slots;
  std::vector<ValueSpec> outputs;
  std::vector<int64_t> output_slots;
  // Per output: move the value out (its last mention among the outputs of a
  // node-produced value) or copy it (inputs, initializers, captures, and a
  // value listed twice).
  std::vector<bool> output_moves;
  std::vector<int64_t> capture_slots;
  std::vector<Step> steps;
};

// Plans the main graph of `model`. UnsupportedError lists every node
// (subgraphs included) without a kernel.
std::unique_ptr<GraphPlan> plan_main_graph(const onnx::ModelProto& model, const RuntimeOptions& options);

// Opset per canonical domain from the model's imports.
std::map<std::string, int64_t> opset_map(const onnx::ModelProto& model);

// Declared type of a graph input or output (a tensor, or a sequence or
// optional of tensors); UnsupportedError for other types (maps, sparse
// tensors, nested sequences), naming `what`.
ValueSpec parse_value_info(const onnx::ValueInfoProto& v, const std::string& what);

}  // namespace ptonnx::runtime
