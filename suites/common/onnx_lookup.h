// Lookups into an exported ONNX graph for the structure tests that cannot
// crash the test binary. A lookup that finds nothing throws
// std::runtime_error naming what was looked for and what the graph holds:
// gtest reports the exception as that one test's failure and goes on with
// the next test, where a null pointer or a protobuf index past the end
// would crash the binary and hide every test after it.
#pragma once

#include <onnx/onnx_pb.h>

#include <stdexcept>
#include <string>

namespace ptonnx::test {

// "Cast Max IsNaN Where" (the graph's op types, in order), for messages.
inline std::string op_list(const onnx::GraphProto& g) {
  std::string s;
  for (const auto& n : g.node()) s += (s.empty() ? "" : " ") + n.op_type();
  return s.empty() ? "(no nodes)" : s;
}

// The first node of an op type; throws when the graph has none.
inline const onnx::NodeProto& first_node_of(const onnx::GraphProto& g, const std::string& op) {
  for (const auto& n : g.node())
    if (n.op_type() == op) return n;
  throw std::runtime_error("no '" + op + "' node in the exported graph; its nodes: " + op_list(g));
}

// An attribute of a node by name; throws when the node lacks it.
inline const onnx::AttributeProto& attribute_of(const onnx::NodeProto& n, const std::string& name) {
  for (const auto& a : n.attribute())
    if (a.name() == name) return a;
  std::string have;
  for (const auto& a : n.attribute()) have += (have.empty() ? "" : ", ") + a.name();
  throw std::runtime_error("the '" + n.op_type() + "' node has no attribute '" + name +
                           "'; its attributes: " + (have.empty() ? "(none)" : have));
}

}  // namespace ptonnx::test
