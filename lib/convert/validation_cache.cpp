#include "convert/validation_cache.h"

#include "convert/validate.h"

namespace ptonnx {
namespace {

// Appends the IR's output types to the key: validate_export compares the
// inferred output types with them. (The exported model declares the same
// types, but the key does not rely on how the converter declares them.)
void append_ir_output_types(std::string& key, const FunctionGraph& g) {
  auto put = [&key](int64_t v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
  put(static_cast<int64_t>(g.outputs().size()));
  for (const auto& out : g.outputs()) {
    put(static_cast<int64_t>(out->type.dtype));
    put(static_cast<int64_t>(out->type.shape.size()));
    // A dynamic dim is -1: static dims are never negative.
    for (const auto& d : out->type.shape) put(d ? *d : -1);
  }
}

}  // namespace

ValidationCache::ValidationCache(size_t max_entries, size_t max_total_bytes)
    : passed_(max_entries, max_total_bytes, kMaxKeyBytes) {}

ValidationCache& ValidationCache::process() {
  static ValidationCache cache(256, size_t{8} << 20);
  return cache;
}

std::string ValidationCache::validate(const onnx::ModelProto& model, const FunctionGraph& g) {
  std::string key = model.SerializeAsString();
  const size_t model_bytes = key.size();
  append_ir_output_types(key, g);
  if (!passed_.find(key)) {
    // A failure propagates with validate_export's own exception and
    // message, and nothing is remembered.
    validate_export(model, g);
    passed_.insert(key, true);
  }
  key.resize(model_bytes);
  return key;
}

}  // namespace ptonnx
