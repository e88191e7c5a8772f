// A loaded, validated ONNX model with its execution plan. Construction
// parses and validates the model once (every value defined before use, no
// cycles, declared graph input types, opset imports, a kernel for every
// node at its opset) and converts initializers once, for the main graph and
// every subgraph (If/Loop/Scan bodies, planned once, never per iteration);
// run() can then be called many times with named inputs.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/tensor.h"
#include "runtime/container.h"
#include "runtime/options.h"

namespace ptonnx::runtime {

using NamedTensors = std::map<std::string, Tensor>;
// A graph input or output of any kind the runtime holds: a tensor, or a
// sequence / optional (never null).
using Value = std::variant<Tensor, ContainerPtr>;
using NamedValues = std::map<std::string, Value>;

// What a value is: a tensor, a sequence of tensors, or an optional of
// either (runtime/container.h holds the non-tensor ones).
enum class ValueKind { Tensor, Sequence, OptionalTensor, OptionalSequence };

// A declared graph input or output: dtype and dims when the model states
// them (a dim is nullopt when symbolic or unknown). For a sequence or an
// optional, dtype is its tensors' element type and dims are not kept.
struct ValueSpec {
  std::string name;
  std::optional<DType> dtype;
  std::optional<std::vector<std::optional<int64_t>>> dims;
  ValueKind kind = ValueKind::Tensor;
};

// A node whose (domain, op, opset) has no kernel.
struct MissingKernel {
  // The node's label (name or index), with its path when it is in a
  // subgraph: "node 'loop' (#3, Loop) body: node #1 (Foo)".
  std::string node;
  std::string op_type;
  std::string domain;
  int64_t opset = 0;
};

// Parses serialized ModelProto bytes; ValidationError on malformed bytes.
onnx::ModelProto parse_model_bytes(std::string_view bytes);
onnx::ModelProto read_model_file(const std::string& path);

// Every node with no kernel at its opset, in the main graph and, recursively,
// in every subgraph (GRAPH attribute); empty when all are covered. Does not
// validate the rest of the model.
std::vector<MissingKernel> find_missing_kernels(const onnx::ModelProto& model);

// "node 'name' (#3, Add)" or "node #3 (Add)".
std::string node_label(const onnx::NodeProto& node, size_t index);

// Measurements of one run, for benchmarks and callers sizing memory.
struct RunStats {
  // The most bytes held at once, by the run's budget accounting: the
  // inputs, the initializers, the live values and a kernel's charged
  // scratch (RuntimeOptions::max_total_bytes bounds this figure).
  int64_t peak_bytes = 0;
};

class Model {
 public:
  explicit Model(onnx::ModelProto proto, RuntimeOptions options = {});
  static Model from_bytes(std::string_view bytes, RuntimeOptions options = {});
  static Model from_file(const std::string& path, RuntimeOptions options = {});

  // Runs the plan. Every declared input without an initializer must be
  // given, with its declared dtype and rank and any fixed dims.
  NamedTensors run(const NamedTensors& inputs) const;
  // Same, filling `stats` (when not null). TypeError when a graph output is
  // a sequence or an optional: run_values() returns those.
  NamedTensors run(const NamedTensors& inputs, RunStats* stats) const;
  // Inputs and outputs of any kind (sequences and optionals included); a
  // container input is checked against the declared kind and element type.
  NamedValues run_values(const NamedValues& inputs, RunStats* stats = nullptr) const;

  // Inputs the caller must (or, with an initializer default, may) provide.
  const std::vector<ValueSpec>& inputs() const;
  const std::vector<ValueSpec>& outputs() const;
  // Distinct op types of the main graph, sorted.
  std::vector<std::string> op_types() const;

  struct Impl;

 private:
  std::shared_ptr<const Impl> impl_;
};

}  // namespace ptonnx::runtime
