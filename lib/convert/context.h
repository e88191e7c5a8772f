// ConversionContext: what a converter sees while it turns one IR node into
// ONNX nodes. It owns the naming of values (unique, stable, readable), the
// initializers (deduplicated by content, including the small constants that
// converters create), and appends the emitted nodes to the GraphProto.
#pragma once

#include <onnx/onnx_pb.h>

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/tensor.h"
#include "graph/graph.h"

namespace ptonnx {

class ConversionContext {
 public:
  ConversionContext(onnx::GraphProto& graph, int opset);
  // A context for an inner graph (an If branch, a Loop body) of the model
  // `parent` is building: nodes go into `subgraph`; value names stay unique
  // across the whole model (ONNX forbids an inner graph to reuse an outer
  // name), and initializers, shared by content, stay in the main graph,
  // where inner graphs read them as outer-scope values.
  ConversionContext(ConversionContext& parent, onnx::GraphProto& subgraph);
  ConversionContext(const ConversionContext&) = delete;
  ConversionContext& operator=(const ConversionContext&) = delete;

  int opset() const { return opset_; }
  // Sizes the name tables for about `values` names up front: rehashing a
  // table of 10^5 strings is most of what large exports would otherwise
  // spend beyond the per-node work.
  void reserve(size_t values);

  // ---- naming -------------------------------------------------------------
  // Reserves and returns `base` if unused, else the first free "base_N".
  // Amortised O(1): the next suffix to try is remembered per base.
  std::string unique_name(std::string_view base);
  void bind(const Variable& v, std::string name);
  bool is_bound(const Variable& v) const { return model_->names.count(&v) != 0; }
  // The ONNX value name of a variable; throws std::logic_error if unbound.
  const std::string& name_of(const Variable& v) const;

  // ---- the node being converted ---------------------------------------
  // `prefix` names nodes of inner graphs after their owner ("Scan_3_body_").
  void begin_node(const Node& node, size_t topo_index, std::string_view prefix = "");
  // Glue emitted by the export itself (Identity for graph outputs): no IR
  // node; emitted ONNX nodes are named after `base`.
  void begin_glue(std::string base);
  const Node& node() const { return *node_; }
  const std::string& in(size_t i) const { return name_of(*node_->inputs.at(i)); }
  DType in_dtype(size_t i) const { return node_->inputs.at(i)->type.dtype; }
  size_t num_inputs() const { return node_->inputs.size(); }
  const std::string& out(size_t i = 0) const { return name_of(*node_->outputs.at(i)); }
  DType out_dtype(size_t i = 0) const { return node_->outputs.at(i)->type.dtype; }
  // A fresh value name for an intermediate result: "<Op>_<index>_<hint>".
  std::string temp(std::string_view hint);

  // ---- initializers -------------------------------------------------------
  // The name of an initializer holding `value`: an existing one with the
  // same dtype, shape and bytes, or a new one named after `hint`. The
  // context keeps its own copy only for values it did not see before.
  std::string initializer(const Tensor& value, std::string_view hint);
  // Same for a value the caller guarantees to outlive the context (graph
  // constants and shared variables): no copy is kept.
  std::string initializer_borrowed(const Tensor& value, std::string_view hint);
  // A 0-d constant of dtype t ("<dtype>_<value>", shared by all users).
  std::string scalar(DType t, double value);
  size_t num_initializers() const { return static_cast<size_t>(model_->main_graph->initializer_size()); }
  // The GraphProto this context emits into.
  onnx::GraphProto& graph() { return graph_; }

  // ---- emission -----------------------------------------------------------
  onnx::NodeProto& emit(std::string_view op_type, std::vector<std::string> inputs, std::vector<std::string> outputs);
  // `value` (of dtype `from`) as dtype `to`: `value` itself if equal, else a
  // Cast into `out` (a fresh temp when empty).
  std::string cast(const std::string& value, DType from, DType to, std::string out = "");
  // Throws UnsupportedError naming the node, the op and the opset.
  [[noreturn]] void unsupported(const std::string& what) const;

 private:
  struct InitEntry {
    const Tensor* value;
    std::string name;
  };
  std::string add_initializer(const Tensor& value, std::string_view hint, bool borrowed);

  // What the main graph's context and its inner graphs' contexts share.
  struct Model {
    onnx::GraphProto* main_graph;  // holds the initializers
    std::unordered_set<std::string> used;
    std::unordered_map<std::string, int> next_suffix;
    std::unordered_map<const Variable*, std::string> names;
    std::unordered_multimap<size_t, InitEntry> inits;
    std::deque<Tensor> owned;  // stable addresses for converter-made constants
  };

  std::shared_ptr<Model> model_;
  onnx::GraphProto& graph_;
  int opset_;
  const Node* node_ = nullptr;
  std::string node_base_;
  int emitted_for_node_ = 0;
};

// The initializer name given to a 0-d constant: "float32_0_5", "int64_m1".
std::string scalar_name(DType t, double value);

void set_attr(onnx::NodeProto& n, const std::string& name, int64_t value);
void set_attr(onnx::NodeProto& n, const std::string& name, float value);
void set_attr(onnx::NodeProto& n, const std::string& name, const std::vector<int64_t>& value);

}  // namespace ptonnx
