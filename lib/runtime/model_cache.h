// Loaded models, reused while only the input values change.
//
// Loading (parsing the graph, planning, finding kernels, converting the
// initializers) is most of a small model's run time, and a property run
// feeds the same model many input sets. A Model is immutable once built and
// run() is const, and construction is a deterministic function of the
// ModelProto and the RuntimeOptions; so a cache keyed by the model's
// complete serialization plus every RuntimeOptions field returns a Model
// that behaves exactly as a fresh load would. Keys are compared in full,
// never by hash alone. A model that fails to load is not remembered: the
// next get() loads it again and throws the same error.
//
// Bounded (entries and key bytes; a serialization over kMaxKeyBytes is
// loaded afresh every time), oldest entries evicted first, thread-safe
// (one mutex; loading runs outside it).
#pragma once

#include <onnx/onnx_pb.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "runtime/model.h"

namespace ptonnx::runtime {

struct ModelCacheStats {
  uint64_t hits = 0;    // loads skipped
  uint64_t misses = 0;  // loads done
  size_t entries = 0;
  size_t key_bytes = 0;
};

class ModelCache {
 public:
  static constexpr size_t kMaxKeyBytes = size_t{1} << 20;

  ModelCache(size_t max_entries, size_t max_total_bytes);

  // The cache of this process (256 models, 32 MiB of keys).
  static ModelCache& process();

  // The model loaded from `proto` with `options`; `serialized` must be
  // proto.SerializeAsString() (the caller usually has it already). Throws
  // what Model's constructor throws.
  std::shared_ptr<const Model> get(const onnx::ModelProto& proto, const std::string& serialized,
                                   const RuntimeOptions& options);

  ModelCacheStats stats() const;
  void clear();

 private:
  const size_t max_entries_;
  const size_t max_total_bytes_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const Model>> models_;
  std::deque<const std::string*> order_;  // oldest first; map nodes are stable
  ModelCacheStats stats_;
};

}  // namespace ptonnx::runtime
