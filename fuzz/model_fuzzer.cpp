// Fuzz target (libFuzzer): bytes -> ONNX ModelProto -> runtime::Model (load,
// validate, plan) -> run with inputs synthesized from the declared input
// types, under the fuzz budget (fuzz_budget.h). Documented ptonnx errors
// (ptonnx::Error and its classes) are expected outcomes; any other
// exception, a sanitizer report, a timeout or memory over the budget is a
// finding. Seeds: the ONNX conformance models (fuzz/make_corpora.sh).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.h"
#include "fuzz/fuzz_budget.h"
#include "runtime/model.h"

namespace {

using namespace ptonnx;

// A small value for every declared input: unknown dims become 2, dims are
// capped at 8 and the element count at 4,096, so the run's size comes from
// the model's own ops (ConstantOfShape, Expand, Tile...), which is what the
// budget must hold. Values are a deterministic ramp from the input bytes,
// so the fuzzer also steers data (indices, shapes read from inputs).
Tensor synthesize(const runtime::ValueSpec& spec, std::string_view bytes) {
  const DType dtype = spec.dtype.value_or(DType::Float32);
  Shape shape;
  int64_t numel = 1;
  if (spec.dims)
    for (const auto& d : *spec.dims) {
      int64_t v = d ? std::min<int64_t>(*d, 8) : 2;
      if (numel * v > 4096) v = 1;
      numel *= v;
      shape.push_back(v);
    }
  Tensor t(dtype, shape);
  auto* raw = t.raw();
  for (size_t i = 0; i < t.nbytes(); ++i)
    raw[i] = static_cast<std::byte>(bytes.empty() ? i % 7 : static_cast<uint8_t>(bytes[i % bytes.size()]) % 5);
  if (dtype == DType::Bool)
    for (auto& b : t.data<uint8_t>()) b = b & 1;
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const runtime::Model model = runtime::Model::from_bytes(bytes, fuzz::fuzz_runtime_options());
    runtime::NamedTensors inputs;
    for (const auto& spec : model.inputs()) inputs[spec.name] = synthesize(spec, bytes.substr(0, 64));
    (void)model.run(inputs);
  } catch (const ptonnx::Error&) {
    // A documented refusal: malformed, unsupported, over a limit.
  }
  return 0;
}
