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
// Bounded (core/bounded_cache.h: entries, key bytes, kMaxKeyBytes per key),
// oldest first out, thread-safe; loading runs outside the lock.
#pragma once

#include <onnx/onnx_pb.h>

#include <memory>
#include <string>

#include "core/bounded_cache.h"
#include "runtime/model.h"

namespace ptonnx::runtime {

class ModelCache {
 public:
  static constexpr size_t kMaxKeyBytes = size_t{1} << 20;

  ModelCache(size_t max_entries, size_t max_total_bytes);

  // The cache of this process: 64 models, 4 MiB of keys (small on
  // purpose: check/conversion_cache.h says why).
  static ModelCache& process();

  // The model loaded from `proto` with `options`; `serialized` must be
  // proto.SerializeAsString() (the caller usually has it already). Throws
  // what Model's constructor throws.
  std::shared_ptr<const Model> get(const onnx::ModelProto& proto, const std::string& serialized,
                                   const RuntimeOptions& options);

  CacheStats stats() const { return models_.stats(); }
  void clear() { models_.clear(); }

 private:
  BoundedCache<std::shared_ptr<const Model>> models_;
};

}  // namespace ptonnx::runtime
