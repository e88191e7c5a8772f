// The node count of an exported graph, Loop/If/Scan bodies included: the
// "onnx_nodes" counter of the tier-4 benchmarks.
#pragma once

#include <onnx/onnx_pb.h>

namespace ptonnx::bench {

inline int count_nodes(const onnx::GraphProto& g) {
  int n = 0;
  for (const auto& node : g.node()) {
    ++n;
    for (const auto& a : node.attribute()) {
      if (a.has_g()) n += count_nodes(a.g());
      for (const auto& sub : a.graphs()) n += count_nodes(sub);
    }
  }
  return n;
}

}  // namespace ptonnx::bench
