// The JSON format of graphs: exact round trip, so failures can be saved and
// replayed and users can write graphs as files. Documented in
// docs/graph-json.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "graph/graph.h"

namespace ptonnx {

nlohmann::json graph_to_json(const FunctionGraph& g);
// Rebuilds the graph through apply_op (so every node is type-checked again)
// and checks each recorded type against the inferred one. Throws
// ValidationError naming the node or variable at fault.
FunctionGraph graph_from_json(const nlohmann::json& j);

std::string graph_to_json_string(const FunctionGraph& g);
FunctionGraph graph_from_json_string(const std::string& text);
void save_graph(const FunctionGraph& g, const std::string& path);
FunctionGraph load_graph(const std::string& path);

// Tensors as {"dtype", "shape", "hex"}: the raw little-endian bytes in hex,
// exact for every value (NaN payloads, -0.0, float16 bits).
nlohmann::json tensor_to_json(const Tensor& t);
// The largest constant a graph file may hold, in elements (the runtime's
// default per-tensor limit): the claimed shape is checked against it and
// against the hex data present before anything is allocated.
inline constexpr int64_t kMaxJsonTensorElements = int64_t{1} << 28;
// ValidationError naming `where` and the field for a wrong type, a missing
// field or hex data of the wrong length; LimitError over `max_elements`.
Tensor tensor_from_json(const nlohmann::json& j, const std::string& where,
                        int64_t max_elements = kMaxJsonTensorElements);
Tensor tensor_from_json(const nlohmann::json& j);

}  // namespace ptonnx
