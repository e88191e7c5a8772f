// The source IR: variables, apply nodes and function graphs, modelled on
// PyTensor's (pytensor/graph/basic.py, fg.py).
//
// Ownership: a Node owns its output Variables. A VarRef to a node's output
// is an aliasing shared_ptr that keeps the whole Node alive, and a Node holds
// VarRefs to its inputs, so holding the outputs of a graph keeps the graph
// alive, with no reference cycles. Graph inputs, constants and shared
// variables are standalone Variables.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "graph/attributes.h"
#include "graph/type.h"

namespace ptonnx {

struct Node;
class FunctionGraph;
using SubgraphRef = std::shared_ptr<const FunctionGraph>;

enum class VarKind {
  Input,         // a graph input (pytensor.tensor.vector("x"), ...)
  Constant,      // a literal value (TensorConstant)
  Shared,        // a shared variable: its current value is baked in at export
  Intermediate,  // the output of an apply node
};
std::string_view var_kind_name(VarKind k);

struct Variable {
  uint64_t uid = 0;  // creation order: stable tie-break for orders and names
  std::string name;  // may be empty
  TensorType type;
  VarKind kind = VarKind::Intermediate;
  std::optional<Tensor> value;  // Constant and Shared only
  Node* owner = nullptr;        // Intermediate only
  int output_index = 0;

  std::string describe() const;  // "'x' (input float32[?,3])"
};
using VarRef = std::shared_ptr<Variable>;

struct Node : std::enable_shared_from_this<Node> {
  uint64_t uid = 0;
  std::string op;  // catalog name of the op, e.g. "Add", "Cast"
  Attributes attrs;
  std::vector<VarRef> inputs;
  std::vector<std::unique_ptr<Variable>> outputs;
  std::string name;  // optional user label
  // Inner graphs owned by control-flow ops (IfElse's two branches, Scan's
  // step), in the order the op's schema gives them. An inner graph sees
  // only its own inputs (and constants): outer values reach it as node
  // inputs, the way PyTensor passes non-sequences.
  std::vector<SubgraphRef> subgraphs;

  VarRef output(size_t i);
  std::string describe() const;  // "node #12 'Add'" (+ name when set)
  ~Node();                       // iterative, so deep chains do not overflow the stack
};

uint64_t next_uid();

// Creates graph inputs, constants and shared variables.
VarRef make_input(std::string name, TensorType type);
VarRef make_constant(Tensor value, std::string name = "");
VarRef make_shared_variable(std::string name, Tensor value, std::optional<StaticShape> shape = std::nullopt);

// Applies an op: validates inputs and attributes against the op's schema,
// infers the output types and returns the outputs. Throws TypeError naming
// the op and saying what was expected.
std::vector<VarRef> apply_op(const std::string& op, std::vector<VarRef> inputs, Attributes attrs = {},
                             std::string node_name = "");
// The same for ops that own inner graphs (IfElse, Scan).
std::vector<VarRef> apply_op(const std::string& op, std::vector<VarRef> inputs, Attributes attrs,
                             std::vector<SubgraphRef> subgraphs, std::string node_name = "");
VarRef apply_op1(const std::string& op, std::vector<VarRef> inputs, Attributes attrs = {});

// A function graph: inputs, outputs and the apply nodes between them in a
// stable topological order (PyTensor's FunctionGraph + toposort).
class FunctionGraph {
 public:
  // Validates: every leaf reached from the outputs must be a listed input, a
  // constant or a shared variable; inputs are Input variables, listed once.
  FunctionGraph(std::vector<VarRef> inputs, std::vector<VarRef> outputs);

  const std::vector<VarRef>& inputs() const { return inputs_; }
  const std::vector<VarRef>& outputs() const { return outputs_; }
  // Topological order; ties broken by creation order, so it is stable.
  const std::vector<std::shared_ptr<Node>>& nodes() const { return nodes_; }
  // Constants and shared variables used by the nodes or returned directly.
  const std::vector<VarRef>& constants() const { return constants_; }

  // Re-checks every node's types against its schema (for graphs loaded from
  // files or edited after construction), inner graphs included.
  void validate() const;
  std::string summary() const;  // one line per node, for messages

 private:
  std::vector<VarRef> inputs_;
  std::vector<VarRef> outputs_;
  std::vector<std::shared_ptr<Node>> nodes_;
  std::vector<VarRef> constants_;
};

// PyTensor's floatX: the dtype of TrueDiv of integers and of float literals
// that need it. Default float64, as PyTensor's.
DType floatX();
void set_floatX(DType t);

}  // namespace ptonnx
