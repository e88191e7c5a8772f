#include "convert/context.h"

#include <cmath>
#include <cstdio>
#include <functional>
#include <stdexcept>

#include "core/error.h"
#include "core/tensor_proto.h"

namespace ptonnx {
namespace {

size_t content_hash(const Tensor& t) {
  const std::string_view bytes(reinterpret_cast<const char*>(t.raw()), t.nbytes());
  size_t h = std::hash<std::string_view>{}(bytes);
  h ^= static_cast<size_t>(t.dtype()) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  for (const int64_t d : t.shape()) h ^= static_cast<size_t>(d) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

// "0.5" -> "0_5", "-1" -> "m1": readable and valid in any identifier style.
std::string value_tag(double v) {
  std::string s;
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "minf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  for (const char ch : std::string(buf)) {
    if (ch == '-')
      s += 'm';
    else if (ch == '.')
      s += '_';
    else if (ch == '+')
      continue;
    else
      s += ch;
  }
  return s;
}

}  // namespace

ConversionContext::ConversionContext(onnx::GraphProto& graph, int opset)
    : model_(std::make_shared<Model>()), graph_(graph), opset_(opset) {
  model_->main_graph = &graph;
}

ConversionContext::ConversionContext(ConversionContext& parent, onnx::GraphProto& subgraph)
    : model_(parent.model_), graph_(subgraph), opset_(parent.opset_) {}

void ConversionContext::reserve(size_t values) {
  model_->used.reserve(values);
  model_->names.reserve(values);
}

std::string ConversionContext::unique_name(std::string_view base_view) {
  std::string base(base_view.empty() ? "v" : base_view);
  if (model_->used.insert(base).second) return base;
  int& k = model_->next_suffix[base];
  for (;;) {
    std::string candidate = base + "_" + std::to_string(++k);
    if (model_->used.insert(candidate).second) return candidate;
  }
}

void ConversionContext::bind(const Variable& v, std::string name) { model_->names[&v] = std::move(name); }

const std::string& ConversionContext::name_of(const Variable& v) const {
  const auto it = model_->names.find(&v);
  if (it == model_->names.end()) throw std::logic_error("ConversionContext: no ONNX name for " + v.describe());
  return it->second;
}

void ConversionContext::begin_node(const Node& node, size_t topo_index, std::string_view prefix) {
  node_ = &node;
  node_base_ = std::string(prefix) + node.op + "_" + std::to_string(topo_index);
  emitted_for_node_ = 0;
}

void ConversionContext::begin_glue(std::string base) {
  node_ = nullptr;
  node_base_ = std::move(base);
  emitted_for_node_ = 0;
}

std::string ConversionContext::temp(std::string_view hint) { return unique_name(node_base_ + "_" + std::string(hint)); }

std::string ConversionContext::add_initializer(const Tensor& value, std::string_view hint, bool borrowed) {
  const size_t h = content_hash(value);
  const auto [lo, hi] = model_->inits.equal_range(h);
  for (auto it = lo; it != hi; ++it) {
    const Tensor& seen = *it->second.value;
    if (seen.dtype() == value.dtype() && seen.shape() == value.shape() && seen.bit_equal(value)) return it->second.name;
  }
  const Tensor* stored = &value;
  if (!borrowed) stored = &model_->owned.emplace_back(value);
  std::string name = unique_name(hint);
  *model_->main_graph->add_initializer() = to_tensor_proto(*stored, ProtoEncoding::Raw, name);
  model_->inits.emplace(h, InitEntry{stored, name});
  return name;
}

std::string ConversionContext::initializer(const Tensor& value, std::string_view hint) {
  return add_initializer(value, hint, false);
}

std::string ConversionContext::initializer_borrowed(const Tensor& value, std::string_view hint) {
  return add_initializer(value, hint, true);
}

std::string ConversionContext::scalar(DType t, double value) {
  return initializer(Tensor::scalar(t, value), scalar_name(t, value));
}

onnx::NodeProto& ConversionContext::emit(std::string_view op_type, std::vector<std::string> inputs,
                                         std::vector<std::string> outputs) {
  onnx::NodeProto& n = *graph_.add_node();
  n.set_op_type(std::string(op_type));
  n.set_name(emitted_for_node_ == 0 ? node_base_ : node_base_ + "_" + std::to_string(emitted_for_node_));
  ++emitted_for_node_;
  for (auto& i : inputs) n.add_input(std::move(i));
  for (auto& o : outputs) n.add_output(std::move(o));
  return n;
}

std::string ConversionContext::cast(const std::string& value, DType from, DType to, std::string out) {
  if (from == to) return value;
  if (out.empty()) out = temp(std::string("as_") + std::string(dtype_name(to)));
  set_attr(emit("Cast", {value}, {out}), "to", int64_t{dtype_to_onnx(to)});
  return out;
}

void ConversionContext::unsupported(const std::string& what) const {
  throw UnsupportedError("cannot export " + (node_ ? node_->describe() : node_base_) + " at opset " +
                         std::to_string(opset_) + ": " + what);
}

std::string scalar_name(DType t, double value) { return std::string(dtype_name(t)) + "_" + value_tag(value); }

void set_attr(onnx::NodeProto& n, const std::string& name, int64_t value) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(value);
}

void set_attr(onnx::NodeProto& n, const std::string& name, float value) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::FLOAT);
  a->set_f(value);
}

void set_attr(onnx::NodeProto& n, const std::string& name, const std::vector<int64_t>& value) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INTS);
  for (const int64_t v : value) a->add_ints(v);
}

}  // namespace ptonnx
