#include "check/conversion_cache.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace ptonnx::check {
namespace {

// Appends fixed-width integers and length-prefixed strings, so that no two
// different sequences of fields write the same bytes.
class KeyWriter {
 public:
  explicit KeyWriter(std::string& out) : out_(out) {}

  void i64(int64_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void str(std::string_view s) {
    i64(static_cast<int64_t>(s.size()));
    out_.append(s);
  }
  void type(const TensorType& t) {
    i64(static_cast<int64_t>(t.dtype));
    i64(t.ndim());
    for (const auto& d : t.shape) i64(d ? *d : -1);  // static dims are never negative
  }
  void tensor(const Tensor& t) {
    i64(static_cast<int64_t>(t.dtype()));
    i64(static_cast<int64_t>(t.shape().size()));
    for (int64_t d : t.shape()) i64(d);
    // The elements' bytes only (an empty tensor keeps a placeholder byte).
    const size_t n = std::min(t.nbytes(), static_cast<size_t>(t.numel()) * dtype_size(t.dtype()));
    str(std::string_view(reinterpret_cast<const char*>(t.raw()), n));
  }
  void attr(const AttrValue& v) {
    i64(static_cast<int64_t>(v.index()));
    if (const auto* i = std::get_if<int64_t>(&v)) {
      i64(*i);
    } else if (const auto* d = std::get_if<double>(&v)) {
      int64_t bits;  // the bits: -0.0 and each NaN payload are their own key
      std::memcpy(&bits, d, sizeof bits);
      i64(bits);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      str(*s);
    } else {
      const auto& ints = std::get<std::vector<int64_t>>(v);
      i64(static_cast<int64_t>(ints.size()));
      for (int64_t x : ints) i64(x);
    }
  }

 private:
  std::string& out_;
};

// Writes g; false when a node reads a value g does not define.
bool write_graph(const FunctionGraph& g, KeyWriter& w) {
  std::unordered_map<const Variable*, int64_t> index;
  index.reserve(g.inputs().size() + g.constants().size() + 2 * g.nodes().size());
  auto define = [&](const Variable& v) {
    index.emplace(&v, static_cast<int64_t>(index.size()));
    w.i64(static_cast<int64_t>(v.kind));
    w.str(v.name);
    w.type(v.type);
    w.i64(v.value ? 1 : 0);
    if (v.value) w.tensor(*v.value);
  };
  auto refer = [&](const Variable* v) {
    const auto it = index.find(v);
    if (it == index.end()) return false;
    w.i64(it->second);
    return true;
  };
  w.i64(static_cast<int64_t>(g.inputs().size()));
  for (const auto& v : g.inputs()) define(*v);
  w.i64(static_cast<int64_t>(g.constants().size()));
  for (const auto& v : g.constants()) define(*v);
  w.i64(static_cast<int64_t>(g.nodes().size()));
  for (const auto& n : g.nodes()) {
    w.str(n->op);
    w.str(n->name);
    w.i64(static_cast<int64_t>(n->attrs.size()));
    for (const auto& [name, value] : n->attrs) {  // a std::map: sorted, so one order
      w.str(name);
      w.attr(value);
    }
    w.i64(static_cast<int64_t>(n->inputs.size()));
    for (const auto& in : n->inputs)
      if (!refer(in.get())) return false;
    w.i64(static_cast<int64_t>(n->subgraphs.size()));
    for (const auto& sub : n->subgraphs)
      if (!write_graph(*sub, w)) return false;
    w.i64(static_cast<int64_t>(n->outputs.size()));
    for (const auto& out : n->outputs) {
      w.i64(out->output_index);
      define(*out);
    }
  }
  w.i64(static_cast<int64_t>(g.outputs().size()));
  for (const auto& v : g.outputs())
    if (!refer(v.get())) return false;
  return true;
}

}  // namespace

std::optional<std::string> graph_key(const FunctionGraph& g, const ExportOptions& opts) {
  // A new ExportOptions field must be written below; this fails the build
  // until it is (int opset, two strings, bool validate, with padding).
  static_assert(sizeof(ExportOptions) == 2 * sizeof(std::string) + 2 * alignof(std::string),
                "add the new ExportOptions field to the key");
  std::string key;
  key.reserve(1024);
  KeyWriter w(key);
  w.i64(opts.opset);
  w.i64(opts.validate ? 1 : 0);
  w.str(opts.model_name);
  w.str(opts.doc_string);
  if (!write_graph(g, w)) return std::nullopt;
  return key;
}

ConversionCache::ConversionCache(size_t max_entries, size_t max_total_bytes)
    : models_(max_entries, max_total_bytes, kMaxKeyBytes) {}

ConversionCache& ConversionCache::process() {
  static ConversionCache cache(64, size_t{4} << 20);
  return cache;
}

}  // namespace ptonnx::check
