// Exported (and validated) models, reused while only the input values
// change: the driver's first cache, in front of the validation and model
// caches (convert/validation_cache.h, runtime/model_cache.h).
//
// A property draws graph after graph of the same structure (a single-op
// property varies only its inputs' values); exporting each is the largest
// step of a case once validation and loading are cached. The cache keys on
// the IR graph itself, so a hit skips the export, its validation and its
// serialization.
//
// What the key holds, and why it is sound: export_onnx is a deterministic
// function of the FunctionGraph and the ExportOptions: converters read the
// graph's inputs, constants, nodes, outputs and ExportOptions, the static
// converter registry and catalog, and no other state (no uids, no floatX,
// no environment; lib/convert has no mutable globals but its registry). The
// key (graph_key) writes all of it: every input's and constant's kind, name,
// dtype and static dims, every constant's and shared variable's value
// (dtype, dims, bytes); per node in topological order its op, name, every
// attribute (name, kind, value; floats by their bits), its inputs as
// indices of the values defined so far (so the wiring, x+x against x+y, is
// in the key), its inner graphs (recursively, with their own numbering) and
// its outputs' names, dtypes and dims; the graph outputs as indices; and
// the opset, whether validation runs, the model name and doc string. The IR
// output types, which validation compares with, are the outputs' types, so
// they are in the key too. A graph with a value the key cannot name (an
// inner graph reaching an outer value) gets no key and is exported afresh.
// Keys are compared in full. Only exports that succeeded (and passed
// validation when it was asked for) are stored: a failing export runs
// again and fails with the same message.
#pragma once

#include <onnx/onnx_pb.h>

#include <memory>
#include <optional>
#include <string>

#include "convert/export.h"
#include "core/bounded_cache.h"
#include "graph/graph.h"

namespace ptonnx::check {

// The key of (g, export options), or nullopt when g cannot be keyed.
std::optional<std::string> graph_key(const FunctionGraph& g, const ExportOptions& opts);

struct ConvertedModel {
  std::shared_ptr<const onnx::ModelProto> model;
  std::string serialized;  // model->SerializeAsString()
};

class ConversionCache {
 public:
  static constexpr size_t kMaxKeyBytes = size_t{1} << 20;

  ConversionCache(size_t max_entries, size_t max_total_bytes);

  // The cache of this process: 64 graphs, 4 MiB of keys. Small on
  // purpose: a property repeats a structure in nearby cases (64 entries
  // catch as many repeats in the tier-1 suite as 1,024), and each entry is
  // a model kept alive; at 1,024 the suite ran 1.9x slower (9.4 s against
  // 5.0 s for tier_suite --tier 1 --ops-only --shard 0/2), the heap grown
  // and every eviction freeing memory long out of the CPU's caches.
  static ConversionCache& process();

  std::optional<std::shared_ptr<const ConvertedModel>> find(const std::string& key) { return models_.find(key); }
  void insert(std::string key, std::shared_ptr<const ConvertedModel> m) {
    models_.insert(std::move(key), std::move(m));
  }

  CacheStats stats() const { return models_.stats(); }
  void clear() { models_.clear(); }

 private:
  BoundedCache<std::shared_ptr<const ConvertedModel>> models_;
};

}  // namespace ptonnx::check
