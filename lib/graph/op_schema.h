// Op schemas of the source IR: arity, attributes and type inference per op,
// registered from the op family's file in lib/graph/ops/ (one registrar per
// op, beside its inference code).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "graph/graph.h"

namespace ptonnx {

struct AttrSpec {
  std::string name;
  AttrKind kind;
  bool required = false;
  std::vector<std::string> allowed = {};  // for string attributes: the valid values
};

// What type inference sees: the inputs (with their types and, for
// constants, values), the attributes, and a label for error messages.
struct InferContext {
  const std::vector<VarRef>& inputs;
  const Attributes& attrs;
  std::string op;
  // The node's inner graphs (control-flow ops only; empty otherwise).
  const std::vector<SubgraphRef>& subgraphs;

  const TensorType& type(size_t i) const { return inputs[i]->type; }
  DType dtype(size_t i) const { return inputs[i]->type.dtype; }
  [[noreturn]] void fail(const std::string& message) const;
};

struct OpSchema {
  std::string name;
  int min_inputs = 1;
  int max_inputs = 1;  // -1: variadic
  std::vector<AttrSpec> attrs;
  std::function<std::vector<TensorType>(const InferContext&)> infer;
  std::string doc;        // one line: what the op computes, which PyTensor op it models
  int num_subgraphs = 0;  // inner graphs the op owns (IfElse 2, Scan 1)
};

const OpSchema* find_op_schema(const std::string& name);
std::vector<std::string> registered_op_names();

struct OpSchemaRegistrar {
  explicit OpSchemaRegistrar(OpSchema schema);
};

// Checks arity and attributes, runs inference. Throws TypeError.
std::vector<TensorType> infer_types(const OpSchema& schema, const std::vector<VarRef>& inputs, const Attributes& attrs,
                                    const std::vector<SubgraphRef>& subgraphs = {});

}  // namespace ptonnx
