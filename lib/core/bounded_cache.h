// A process cache from byte-string keys to values: bounded in entries and
// in key bytes (a key over the per-key limit is never stored), oldest
// entries evicted first, thread-safe (one mutex, held only for the lookup
// or the insertion: callers compute values outside it). Keys are compared
// in full, never by hash alone, so a hit means the exact key was stored.
//
// The driver's caches build on it (convert/validation_cache.h,
// runtime/model_cache.h, check/conversion_cache.h); each documents what its
// key holds and why that key determines the value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace ptonnx {

struct CacheStats {
  uint64_t hits = 0;
  uint64_t misses = 0;
  size_t entries = 0;
  size_t key_bytes = 0;
};

template <class Value>
class BoundedCache {
 public:
  BoundedCache(size_t max_entries, size_t max_total_bytes, size_t max_key_bytes)
      : max_entries_(max_entries), max_total_bytes_(max_total_bytes), max_key_bytes_(max_key_bytes) {}

  // The value stored under `key`, counting a hit or a miss.
  std::optional<Value> find(const std::string& key) {
    std::lock_guard lock(mu_);
    if (auto it = map_.find(key); it != map_.end()) {
      ++stats_.hits;
      return it->second;
    }
    ++stats_.misses;
    return std::nullopt;
  }

  // Stores `value` under `key` (unless the key is over the per-key limit)
  // and returns the stored value: the one already there when another
  // thread stored the same key meanwhile.
  Value insert(std::string key, Value value) {
    if (key.size() > max_key_bytes_) return value;
    std::lock_guard lock(mu_);
    const size_t size = key.size();
    auto [it, inserted] = map_.emplace(std::move(key), std::move(value));
    if (!inserted) return it->second;
    Value stored = it->second;
    order_.push_back(&it->first);
    stats_.key_bytes += size;
    while (!order_.empty() && (order_.size() > max_entries_ || stats_.key_bytes > max_total_bytes_)) {
      stats_.key_bytes -= order_.front()->size();
      // By iterator: erase(key) with a reference into the erased node is
      // not something to rely on.
      map_.erase(map_.find(*order_.front()));
      order_.pop_front();
    }
    stats_.entries = map_.size();
    return stored;
  }

  CacheStats stats() const {
    std::lock_guard lock(mu_);
    return stats_;
  }

  // Empties the cache; the hit and miss counts keep counting (they are the
  // process's, for benchmarks taking differences).
  void clear() {
    std::lock_guard lock(mu_);
    order_.clear();
    map_.clear();
    stats_.entries = 0;
    stats_.key_bytes = 0;
  }

 private:
  const size_t max_entries_;
  const size_t max_total_bytes_;
  const size_t max_key_bytes_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Value> map_;
  // Insertion order, oldest first (the map's nodes are stable, so their
  // keys' addresses stay valid until erased).
  std::deque<const std::string*> order_;
  CacheStats stats_;
};

}  // namespace ptonnx
