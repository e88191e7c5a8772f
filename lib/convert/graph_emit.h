// Emitting a FunctionGraph's nodes into a GraphProto: shared by the export
// (the main graph) and the control-flow converters (If branches, Loop
// bodies), so inner graphs are converted by the same registry, with the
// same naming and initializer rules, as the main graph.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "convert/context.h"
#include "graph/graph.h"

namespace ptonnx {

// Known dims become dim_value, unknown ones a named symbolic dim
// ("x_dim0"), so a reader sees which dims are free.
void set_value_info(onnx::ValueInfoProto& vi, const std::string& name, const TensorType& type);

// Binds g's constants (as initializers of the main graph) and the outputs
// of its nodes (user names first, then "<prefix><Op>_<index>_out<k>"), then
// runs each node's converter in topological order. g's inputs must already
// be bound. Throws UnsupportedOpError for a node without a converter.
void emit_graph_nodes(ConversionContext& ctx, const FunctionGraph& g, const std::string& prefix = "");

// Names for g's outputs that are distinct values produced by a node of the
// graph ctx emits into (an output that is an input, a constant, an outer
// value or an earlier output gets an Identity named after `base`), as ONNX
// graph outputs must be.
std::vector<std::string> distinct_output_names(ConversionContext& ctx, const FunctionGraph& g, const std::string& base);

// An inner graph of a control-flow node: g's inputs bound to
// `input_names` (names visible in `sub`: its own inputs or outer-scope
// values), its nodes emitted into `sub`, and its outputs declared as sub's
// outputs with their IR types. Returns the output names.
std::vector<std::string> emit_inner_graph(ConversionContext& parent, onnx::GraphProto& sub, const FunctionGraph& g,
                                          const std::vector<std::string>& input_names, const std::string& prefix);

}  // namespace ptonnx
