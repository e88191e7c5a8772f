// Small emission helpers shared by the converters that build subgraphs
// (control flow, the Loop-based linear algebra).
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "convert/context.h"

namespace ptonnx {

// Attaches `g` to node `n` as the GRAPH attribute `name` (If's branches,
// Loop's body).
inline void set_graph_attr(onnx::NodeProto& n, const std::string& name, onnx::GraphProto g) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::GRAPH);
  *a->mutable_g() = std::move(g);
}

// One-output nodes in a fresh temp, with an optional `axis` attribute:
// keeps long Loop bodies readable.
struct Emit {
  ConversionContext& c;
  static constexpr int64_t kNoAxis = -1000;
  std::string op(const char* type, std::vector<std::string> in, const char* hint, int64_t axis = kNoAxis) {
    const std::string out = c.temp(hint);
    auto& n = c.emit(type, std::move(in), {out});
    if (axis != kNoAxis) set_attr(n, "axis", axis);
    return out;
  }
};

}  // namespace ptonnx
