// Fuzz target (libFuzzer): bytes -> graph JSON (docs/graph-json.md) ->
// FunctionGraph (load, type inference of every node) -> export_onnx with
// the ONNX checker and strict shape inference (validate) -> the exported
// bytes load on the runtime. ptonnx errors are expected outcomes; any other
// exception or a sanitizer report is a finding. Seeds: graphs from the
// generators (fuzz/make_corpora.sh, ptonnx_fuzz_seeds).
#include <cstddef>
#include <cstdint>
#include <string>

#include "convert/export.h"
#include "core/error.h"
#include "fuzz/fuzz_budget.h"
#include "graph/json.h"
#include "runtime/model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // A graph file may set floatX (process-wide); each input starts from
  // PyTensor's default so that inputs do not depend on their order.
  ptonnx::set_floatX(ptonnx::DType::Float64);
  try {
    const ptonnx::FunctionGraph g = ptonnx::graph_from_json_string(text);
    ptonnx::ExportOptions opts;
    opts.opset = 13 + static_cast<int>(size % 6);  // every supported opset, 13..18
    const onnx::ModelProto m = ptonnx::export_onnx(g, opts);
    std::string bytes;
    m.SerializeToString(&bytes);
    (void)ptonnx::runtime::Model::from_bytes(bytes, ptonnx::fuzz::fuzz_runtime_options());
  } catch (const ptonnx::Error&) {
  }
  return 0;
}
