// Helpers of the tier-2 gtests: export a graph at an opset, list the ONNX
// op types, read node attributes, and run the model on the built-in runtime.
#pragma once

#include <onnx/onnx_pb.h>

#include <sstream>
#include <string>
#include <vector>

#include "convert/export.h"
#include "graph/builder.h"
#include "runtime/model.h"
#include "suites/common/onnx_lookup.h"

namespace ptonnx::test {

inline onnx::ModelProto export_at(const FunctionGraph& g, int opset) {
  ExportOptions o;
  o.opset = opset;
  return export_onnx(g, o);
}

inline std::vector<std::string> op_types(const onnx::ModelProto& m) {
  std::vector<std::string> ops;
  for (const auto& n : m.graph().node()) ops.push_back(n.op_type());
  return ops;
}

inline bool has_op(const onnx::ModelProto& m, const std::string& op) {
  for (const auto& n : m.graph().node())
    if (n.op_type() == op) return true;
  return false;
}

// Never null: throws, naming the model's ops, when there is no such node
// (so a failed premise fails one test instead of crashing the binary).
inline const onnx::NodeProto* first_node(const onnx::ModelProto& m, const std::string& op) {
  return &first_node_of(m.graph(), op);
}

inline bool has_attr(const onnx::NodeProto& n, const std::string& name) {
  for (const auto& a : n.attribute())
    if (a.name() == name) return true;
  return false;
}

inline int64_t int_attr(const onnx::NodeProto& n, const std::string& name) {
  for (const auto& a : n.attribute())
    if (a.name() == name) return a.i();
  return -999;
}

inline std::string text(const onnx::ModelProto& m) {
  std::ostringstream os;
  for (const auto& n : m.graph().node()) os << n.op_type() << " ";
  return os.str();
}

// Runs the exported model on the built-in runtime; inputs in graph order.
inline std::vector<Tensor> run(const FunctionGraph& g, const std::vector<Tensor>& inputs, int opset) {
  const onnx::ModelProto m = export_at(g, opset);
  runtime::Model model(m);
  runtime::NamedTensors feed;
  for (size_t i = 0; i < inputs.size(); ++i) feed[m.graph().input(static_cast<int>(i)).name()] = inputs[i];
  auto outs = model.run(feed);
  std::vector<Tensor> r;
  for (const auto& o : m.graph().output()) r.push_back(outs.at(o.name()));
  return r;
}

inline Tensor i64(const std::vector<int64_t>& v) {
  Tensor t(DType::Int64, {static_cast<int64_t>(v.size())});
  for (size_t i = 0; i < v.size(); ++i) t.data<int64_t>()[i] = v[i];
  return t;
}

inline Tensor iota(DType t, Shape s) {
  Tensor x(t, std::move(s));
  for (int64_t i = 0; i < x.numel(); ++i) x.set_from_double(i, static_cast<double>(i % 100));
  return x;
}

}  // namespace ptonnx::test
