// The export API: a FunctionGraph becomes an onnx::ModelProto.
//
//   auto x = pt::vector("x", "float32");
//   FunctionGraph g({x}, {pt::exp(x) * 2.0});
//   onnx::ModelProto m = export_onnx(g, {.opset = 17});
//
// The ONNX graph's inputs and outputs are in the FunctionGraph's order, one
// for one (the differential driver feeds and reads them by position).
// Naming, initializer and validation rules: docs/converter.md.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

#include "graph/graph.h"

namespace ptonnx {

inline constexpr int kMinOpset = 13;
inline constexpr int kMaxOpset = 18;
// The newest opset the ONNX checker linked here (1.12) can check.
inline constexpr int kMaxCheckedOpset = 17;

struct ExportOptions {
  int opset = 17;
  std::string model_name = "ptonnx_model";
  std::string doc_string;
  // Run the ONNX checker and strict shape inference, and compare the
  // inferred dtype and rank of every output with the IR's (opset <= 17; the
  // linked checker cannot check 18).
  bool validate = true;
};

// Throws UnsupportedError (an op without a converter, or a dtype, attribute
// or opset a converter deliberately refuses), ExportValidationError (the
// model failed validation: a converter bug), ValidationError (the graph
// itself is malformed).
onnx::ModelProto export_onnx(const FunctionGraph& g, const ExportOptions& opts = {});
// The same, into `model` (cleared first): a caller exporting graph after
// graph reuses one message's allocations (the differential driver). On an
// exception `model` holds a partial export.
void export_onnx_into(const FunctionGraph& g, const ExportOptions& opts, onnx::ModelProto& model);
void export_onnx_file(const FunctionGraph& g, const std::string& path, const ExportOptions& opts = {});
// Serializes a model to a file (export_onnx_file without the conversion).
void write_model_file(const onnx::ModelProto& model, const std::string& path);

}  // namespace ptonnx
