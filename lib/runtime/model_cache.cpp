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
    : max_entries_(max_entries), max_total_bytes_(max_total_bytes) {}

ModelCache& ModelCache::process() {
  static ModelCache cache(256, size_t{32} << 20);
  return cache;
}

std::shared_ptr<const Model> ModelCache::get(const onnx::ModelProto& proto, const std::string& serialized,
                                             const RuntimeOptions& options) {
  std::string key = cache_key(serialized, options);
  {
    std::lock_guard lock(mu_);
    if (auto it = models_.find(key); it != models_.end()) {
      ++stats_.hits;
      return it->second;
    }
    ++stats_.misses;
  }
  auto model = std::make_shared<const Model>(proto, options);  // throws on a bad model: nothing stored
  if (key.size() > kMaxKeyBytes) return model;
  std::lock_guard lock(mu_);
  const size_t size = key.size();
  auto [it, inserted] = models_.emplace(std::move(key), model);
  if (!inserted) return it->second;  // another thread loaded the same model meanwhile
  order_.push_back(&it->first);
  stats_.key_bytes += size;
  while (!order_.empty() && (order_.size() > max_entries_ || stats_.key_bytes > max_total_bytes_)) {
    stats_.key_bytes -= order_.front()->size();
    models_.erase(models_.find(*order_.front()));
    order_.pop_front();
  }
  stats_.entries = models_.size();
  return model;
}

ModelCacheStats ModelCache::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void ModelCache::clear() {
  std::lock_guard lock(mu_);
  order_.clear();
  models_.clear();
  stats_ = {};
}

}  // namespace ptonnx::runtime
