#include "runtime/model_cache.h"

namespace ptonnx::runtime {
namespace {

// The serialization followed by every RuntimeOptions field: the options
// shape the plan (limits) and the kernels chosen (adversarial mode).
std::string cache_key(const std::string& serialized, const RuntimeOptions& o) {
  std::string key;
  key.reserve(serialized.size() + 5 * sizeof(int64_t));
  key = serialized;
  auto put = [&key](int64_t v) { key.append(reinterpret_cast<const char*>(&v), sizeof v); };
  put(o.max_elements_per_tensor);
  put(o.max_total_bytes);
  put(o.max_loop_iterations);
  put(o.max_operations_per_node);
  put(o.adversarial ? 1 : 0);
  // A new RuntimeOptions field must be added above; this fails the build
  // until it is (the struct's size changes).
  static_assert(sizeof(RuntimeOptions) == 5 * sizeof(int64_t), "add the new RuntimeOptions field to the key");
  return key;
}

}  // namespace

ModelCache::ModelCache(size_t max_entries, size_t max_total_bytes)
    : models_(max_entries, max_total_bytes, kMaxKeyBytes) {}

ModelCache& ModelCache::process() {
  static ModelCache cache(64, size_t{4} << 20);
  return cache;
}

std::shared_ptr<const Model> ModelCache::get(const onnx::ModelProto& proto, const std::string& serialized,
                                             const RuntimeOptions& options) {
  std::string key = cache_key(serialized, options);
  if (auto hit = models_.find(key)) return *hit;
  // Throws on a model that does not load: nothing is stored.
  return models_.insert(std::move(key), std::make_shared<const Model>(proto, options));
}

}  // namespace ptonnx::runtime
