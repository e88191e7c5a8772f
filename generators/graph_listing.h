// A source graph written out in full for counterexamples: every input, every
// constant and shared variable with its values, and every node with its
// attributes, in topological order (inner graphs of IfElse/Scan indented
// under their node). A shrunk case must read without opening the bundle's
// graph.json: a NaN constant, Eye's n/m/k or a Reshape target decide the
// failure as much as the fed values do.
#pragma once

#include <string>
#include <vector>

#include "graph/graph.h"

namespace ptonnx::gen {

// How many values of an input or constant are shown; bigger ones end in
// ", ..." and give their element count (the bundle holds them all).
inline constexpr int64_t kListedValues = 16;

// One line per input, constant and node, each prefixed by `indent`. With
// `input_values` (one per graph input, in order) each input line shows the
// value fed to it.
std::string graph_listing(const FunctionGraph& g, const std::vector<Tensor>* input_values = nullptr,
                          const std::string& indent = "  ");

}  // namespace ptonnx::gen
