// Validation of exported models, once per distinct model in a process.
//
// validate_export (the ONNX checker, strict shape inference and the output
// type cross-check) is about 80% of an export, and a property run exports
// the same model over and over: a single-op property changes only its
// input values, which are not part of the model. The cache remembers the
// models that passed, so a repeat skips the validation it already passed.
//
// What it keys on, and why that is sound: validate_export is a pure
// function of the ModelProto and of the IR's output types (the ONNX schema
// registry is fixed at start-up: ptonnx registers no schemas). The key is
// the model's complete serialization (every node, attribute, opset import,
// IR version, declared input and output type, and every initializer's dtype,
// dims and bytes: constants feed the shape inference of Reshape, Expand,
// Slice and others, so their values matter) followed by the IR's output
// dtypes and dims. Keys are compared in full, never by hash alone, so two
// models share an entry only when they are byte-for-byte the same model
// with the same IR output types. Only passing models are remembered: a
// model that fails is validated again every time and fails with the same
// message.
//
// Bounded (core/bounded_cache.h: entries, key bytes, kMaxKeyBytes per key),
// oldest first out, thread-safe; validation itself runs outside the lock.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

#include "core/bounded_cache.h"
#include "graph/graph.h"

namespace ptonnx {

class ValidationCache {
 public:
  static constexpr size_t kMaxKeyBytes = size_t{1} << 20;

  ValidationCache(size_t max_entries, size_t max_total_bytes);

  // The cache of this process: 256 models, 8 MiB of keys.
  static ValidationCache& process();

  // Throws what validate_export(model, g) throws, unless this exact model
  // (with these IR output types) passed before. Returns the model's
  // serialization, which callers may reuse (it is computed for the key).
  std::string validate(const onnx::ModelProto& model, const FunctionGraph& g);

  CacheStats stats() const { return passed_.stats(); }
  void clear() { passed_.clear(); }

 private:
  BoundedCache<bool> passed_;
};

}  // namespace ptonnx
