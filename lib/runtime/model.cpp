#include "runtime/model.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <unordered_map>

#include "core/tensor_proto.h"
#include "runtime/executor.h"
#include "runtime/plan.h"
#include "runtime/registry.h"

namespace ptonnx::runtime {

namespace {

std::string dims_to_string(const std::vector<std::optional<int64_t>>& dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? "," : "") + (dims[i] ? std::to_string(*dims[i]) : "?");
  return s + "]";
}

}  // namespace

struct Model::Impl {
  onnx::ModelProto proto;
  RuntimeOptions options;
  std::unique_ptr<GraphPlan> plan;
  int64_t initializer_bytes = 0;  // every plan's, subgraphs included
};

namespace {

int64_t initializer_bytes(const GraphPlan& plan) {
  int64_t n = 0;
  for (const auto& t : plan.initializers) n += static_cast<int64_t>(t.nbytes());
  for (const auto& step : plan.steps)
    for (const auto& sg : step.subgraphs) n += initializer_bytes(*sg.plan);
  return n;
}

}  // namespace

onnx::ModelProto parse_model_bytes(std::string_view bytes) {
  onnx::ModelProto m;
  // Every byte string of zero length is a valid (empty) protobuf message;
  // it is no model, and running it would succeed with no outputs.
  if (bytes.empty()) throw ValidationError("model bytes are empty (0 bytes): not an ONNX model");
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max()))
    throw LimitError("model of " + std::to_string(bytes.size()) + " bytes is too large to parse");
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    throw ValidationError("model bytes are not a valid ONNX ModelProto (truncated or corrupt protobuf)");
  return m;
}

onnx::ModelProto read_model_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ValidationError("cannot open model file '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    return parse_model_bytes(ss.str());
  } catch (const ValidationError& e) {
    throw ValidationError(path + ": " + e.what());
  }
}

std::string node_label(const onnx::NodeProto& node, size_t index) {
  const std::string op =
      (node.domain().empty() || node.domain() == "ai.onnx" ? "" : node.domain() + ":") + node.op_type();
  if (node.name().empty()) return "node #" + std::to_string(index) + " (" + op + ")";
  return "node '" + node.name() + "' (#" + std::to_string(index) + ", " + op + ")";
}

namespace {

// `path` is how the graph is reached: "" for the main graph,
// "node 'loop' (#3, Loop) body: " for a subgraph.
void find_missing_in(const onnx::GraphProto& graph, const std::map<std::string, int64_t>& opsets,
                     const std::string& path, std::vector<MissingKernel>& out) {
  for (int i = 0; i < graph.node_size(); ++i) {
    const auto& n = graph.node(i);
    const std::string label = node_label(n, static_cast<size_t>(i));
    const std::string domain = canonical_domain(n.domain());
    auto it = opsets.find(domain);
    const int64_t opset = it == opsets.end() ? 0 : it->second;
    if (it == opsets.end() || !KernelRegistry::instance().find(domain, n.op_type(), opset))
      out.push_back({path + label, n.op_type(), domain.empty() ? "ai.onnx" : domain, opset});
    for (const auto& a : n.attribute())
      if (a.has_g()) find_missing_in(a.g(), opsets, path + label + " " + a.name() + ": ", out);
  }
}

}  // namespace

std::vector<MissingKernel> find_missing_kernels(const onnx::ModelProto& model) {
  std::vector<MissingKernel> out;
  find_missing_in(model.graph(), opset_map(model), "", out);
  return out;
}

Model Model::from_bytes(std::string_view bytes, RuntimeOptions options) {
  return Model(parse_model_bytes(bytes), options);
}

Model Model::from_file(const std::string& path, RuntimeOptions options) {
  return Model(read_model_file(path), options);
}

namespace {

void check_input(const ValueSpec& spec, const Tensor& t) {
  if (spec.kind != ValueKind::Tensor)
    throw TypeError("graph input '" + spec.name + "' is given a tensor; the model declares a sequence or optional");
  if (spec.dtype && *spec.dtype != t.dtype())
    throw TypeError("graph input '" + spec.name + "' has dtype " + std::string(dtype_name(t.dtype())) +
                    ", the model declares " + std::string(dtype_name(*spec.dtype)));
  if (!spec.dims) return;
  const auto& dims = *spec.dims;
  bool ok = static_cast<int64_t>(dims.size()) == t.rank();
  for (size_t i = 0; ok && i < dims.size(); ++i) ok = !dims[i] || *dims[i] == t.shape()[i];
  if (!ok)
    throw TypeError("graph input '" + spec.name + "' has shape " + shape_to_string(t.shape()) +
                    ", the model declares " + dims_to_string(dims));
}

const char* kind_name(ValueKind k) {
  switch (k) {
    case ValueKind::Tensor: return "a tensor";
    case ValueKind::Sequence: return "a sequence";
    case ValueKind::OptionalTensor: return "an optional tensor";
    case ValueKind::OptionalSequence: return "an optional sequence";
  }
  return "a value";
}

ValueKind kind_of(const Container& c) {
  switch (c.kind) {
    case Container::Kind::Sequence: return ValueKind::Sequence;
    case Container::Kind::OptionalTensor: return ValueKind::OptionalTensor;
    case Container::Kind::OptionalSequence: return ValueKind::OptionalSequence;
  }
  return ValueKind::Sequence;
}

// A caller's sequence/optional: consistent in itself (an optional tensor
// holds one tensor when present, none when not; every tensor of the
// element type) and of the declared kind and element type.
void check_container_input(const ValueSpec& spec, const Container& c, const RuntimeOptions& options) {
  const std::string what = "graph input '" + spec.name + "'";
  if (spec.kind != kind_of(c))
    throw TypeError(what + " is " + c.describe() + ", the model declares " + kind_name(spec.kind));
  if (c.kind == Container::Kind::OptionalTensor && c.items.size() != (c.present ? 1u : 0u))
    throw ValidationError(what + ": an optional tensor holds one tensor when present, none when empty");
  if (c.kind == Container::Kind::OptionalSequence && !c.present && !c.items.empty())
    throw ValidationError(what + ": an empty optional holds no tensors");
  // Kernels rely on one element type per sequence (ConcatFromSequence).
  const std::optional<DType> elem = spec.dtype    ? spec.dtype
                                    : c.elem_dtype ? c.elem_dtype
                                    : c.items.empty() ? std::nullopt
                                                      : std::optional<DType>(c.items[0].dtype());
  for (const Tensor& t : c.items) {
    if (t.dtype() != *elem)
      throw TypeError(what + " holds a " + t.describe() + " tensor; its element type is " +
                      std::string(dtype_name(*elem)));
    if (t.numel() > options.max_elements_per_tensor)
      throw LimitError(what + " holds a tensor of " + std::to_string(t.numel()) + " elements, over the limit");
  }
  if (spec.dtype && c.elem_dtype && *spec.dtype != *c.elem_dtype)
    throw TypeError(what + " has element type " + std::string(dtype_name(*c.elem_dtype)) +
                    ", the model declares " + std::string(dtype_name(*spec.dtype)));
}

}  // namespace

Model::Model(onnx::ModelProto proto, RuntimeOptions options) {
  if (!proto.has_graph()) throw ValidationError("the model has no graph");
  if (proto.graph().output_size() == 0) throw ValidationError("the model's graph has no outputs");
  auto impl = std::make_shared<Impl>();
  impl->proto = std::move(proto);
  impl->options = options;
  impl->plan = plan_main_graph(impl->proto, impl->options);
  impl->initializer_bytes = initializer_bytes(*impl->plan);
  if (impl->initializer_bytes > impl->options.max_total_bytes)
    throw LimitError("the initializers hold " + std::to_string(impl->initializer_bytes) +
                     " bytes, over the total byte limit of " + std::to_string(impl->options.max_total_bytes));
  impl_ = std::move(impl);
}

const std::vector<ValueSpec>& Model::inputs() const { return impl_->plan->inputs; }
const std::vector<ValueSpec>& Model::outputs() const { return impl_->plan->outputs; }

std::vector<std::string> Model::op_types() const {
  std::set<std::string> ops;
  for (const auto& n : impl_->proto.graph().node()) ops.insert(n.op_type());
  return {ops.begin(), ops.end()};
}

NamedTensors Model::run(const NamedTensors& inputs) const { return run(inputs, nullptr); }

NamedTensors Model::run(const NamedTensors& inputs, RunStats* stats) const {
  const GraphPlan& plan = *impl_->plan;
  const RuntimeOptions& options = impl_->options;
  Frame frame;
  bind_frame(plan, frame, nullptr);
  for (const auto& [name, t] : inputs) {
    // [&n = name]: clang 14 (the fuzz build) cannot capture a structured binding.
    auto it =
        std::find_if(plan.inputs.begin(), plan.inputs.end(), [&n = name](const ValueSpec& v) { return v.name == n; });
    if (it == plan.inputs.end()) throw ValidationError("'" + name + "' is not an input of the model");
    check_input(*it, t);
    if (t.numel() > options.max_elements_per_tensor)
      throw LimitError("graph input '" + name + "' has " + std::to_string(t.numel()) + " elements, over the limit");
    frame.view[static_cast<size_t>(plan.input_slots[static_cast<size_t>(it - plan.inputs.begin())])] = &t;
  }
  for (size_t i = 0; i < plan.inputs.size(); ++i)
    if (!frame.view[static_cast<size_t>(plan.input_slots[i])])
      throw ValidationError("graph input '" + plan.inputs[i].name + "' is not given");

  // The budget is the peak of the whole run: the caller's inputs and the
  // initializers are held throughout, so they come out of it first.
  int64_t budget = options.max_total_bytes - impl_->initializer_bytes;
  for (const auto& [name, t] : inputs) budget -= static_cast<int64_t>(t.nbytes());
  if (budget < 0)
    throw LimitError("the inputs and initializers hold " + std::to_string(options.max_total_bytes - budget) +
                     " bytes, over the total byte limit of " + std::to_string(options.max_total_bytes));
  run_steps(plan, frame, options, budget);
  if (stats) stats->peak_bytes = options.max_total_bytes - budget + frame.peak_bytes;

  NamedTensors out;
  for (size_t i = 0; i < plan.outputs.size(); ++i) out[plan.outputs[i].name] = take_output(plan, frame, i);
  return out;
}

NamedValues Model::run_values(const NamedValues& inputs, RunStats* stats) const {
  const GraphPlan& plan = *impl_->plan;
  const RuntimeOptions& options = impl_->options;
  Frame frame;
  bind_frame(plan, frame, nullptr);
  int64_t budget = options.max_total_bytes - impl_->initializer_bytes;
  for (const auto& [name, value] : inputs) {
    auto it =
        std::find_if(plan.inputs.begin(), plan.inputs.end(), [&n = name](const ValueSpec& v) { return v.name == n; });
    if (it == plan.inputs.end()) throw ValidationError("'" + name + "' is not an input of the model");
    const auto slot = static_cast<size_t>(plan.input_slots[static_cast<size_t>(it - plan.inputs.begin())]);
    if (const Tensor* t = std::get_if<Tensor>(&value)) {
      if (it->kind != ValueKind::Tensor)
        throw TypeError("graph input '" + name + "' is a tensor, the model declares " + kind_name(it->kind));
      check_input(*it, *t);
      if (t->numel() > options.max_elements_per_tensor)
        throw LimitError("graph input '" + name + "' has " + std::to_string(t->numel()) + " elements, over the limit");
      frame.view[slot] = t;
      budget -= static_cast<int64_t>(t->nbytes());
    } else {
      const ContainerPtr& c = std::get<ContainerPtr>(value);
      if (!c) throw ValidationError("graph input '" + name + "' is a null sequence/optional");
      check_container_input(*it, *c, options);
      frame.boxed[slot] = c;
      budget -= c->bytes();
    }
  }
  for (size_t i = 0; i < plan.inputs.size(); ++i) {
    const auto slot = static_cast<size_t>(plan.input_slots[i]);
    if (!frame.view[slot] && !frame.boxed[slot])
      throw ValidationError("graph input '" + plan.inputs[i].name + "' is not given");
  }
  if (budget < 0)
    throw LimitError("the inputs and initializers hold " + std::to_string(options.max_total_bytes - budget) +
                     " bytes, over the total byte limit of " + std::to_string(options.max_total_bytes));
  run_steps(plan, frame, options, budget);
  if (stats) stats->peak_bytes = options.max_total_bytes - budget + frame.peak_bytes;

  NamedValues out;
  for (size_t i = 0; i < plan.outputs.size(); ++i) {
    if (ContainerPtr c = take_container_output(plan, frame, i))
      out[plan.outputs[i].name] = std::move(c);
    else
      out[plan.outputs[i].name] = take_output(plan, frame, i);
  }
  return out;
}

}  // namespace ptonnx::runtime
