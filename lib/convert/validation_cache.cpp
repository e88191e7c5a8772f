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
    : max_entries_(max_entries), max_total_bytes_(max_total_bytes) {}

ValidationCache& ValidationCache::process() {
  static ValidationCache cache(4096, size_t{64} << 20);
  return cache;
}

std::string ValidationCache::validate(const onnx::ModelProto& model, const FunctionGraph& g) {
  std::string key = model.SerializeAsString();
  const size_t model_bytes = key.size();
  append_ir_output_types(key, g);
  {
    std::lock_guard lock(mu_);
    if (passed_.count(key)) {
      ++stats_.hits;
      key.resize(model_bytes);
      return key;
    }
    ++stats_.misses;
  }
  // Outside the lock: validation is the slow part, and a failure must
  // propagate with validate_export's own exception and message.
  validate_export(model, g);
  if (key.size() <= kMaxKeyBytes) remember(key);
  key.resize(model_bytes);
  return key;
}

void ValidationCache::remember(std::string key) {
  std::lock_guard lock(mu_);
  const size_t size = key.size();
  auto [it, inserted] = passed_.insert(std::move(key));
  if (!inserted) return;  // another thread validated the same model meanwhile
  order_.push_back(&*it);
  stats_.key_bytes += size;
  while (!order_.empty() && (order_.size() > max_entries_ || stats_.key_bytes > max_total_bytes_)) {
    stats_.key_bytes -= order_.front()->size();
    // By iterator: erase(key) with a reference into the erased node is
    // not something to rely on.
    passed_.erase(passed_.find(*order_.front()));
    order_.pop_front();
  }
  stats_.entries = passed_.size();
}

ValidationCacheStats ValidationCache::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void ValidationCache::clear() {
  std::lock_guard lock(mu_);
  order_.clear();
  passed_.clear();
  stats_ = {};
}

}  // namespace ptonnx
