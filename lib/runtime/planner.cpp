// Builds the GraphPlan of a graph and, recursively, of every GRAPH attribute
// of its nodes. See plan.h for the scoping rules.
#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/tensor_proto.h"
#include "runtime/plan.h"
#include "runtime/registry.h"

namespace ptonnx::runtime {

std::map<std::string, int64_t> opset_map(const onnx::ModelProto& m) {
  std::map<std::string, int64_t> out;
  for (const auto& o : m.opset_import()) out[canonical_domain(o.domain())] = o.version();
  // IR version < 3 models carry no imports and mean opset 1.
  if (m.opset_import_size() == 0) out[""] = 1;
  return out;
}

namespace {

// The element type and dims of a tensor type into spec.
void parse_tensor_type(const onnx::TypeProto_Tensor& tt, const onnx::ValueInfoProto& v, const std::string& what,
                       ValueSpec& spec) {
  if (tt.elem_type() != 0) {
    auto dt = dtype_from_onnx(tt.elem_type());
    if (!dt)
      throw UnsupportedError(what + " '" + v.name() + "' has ONNX element type " + std::to_string(tt.elem_type()) +
                             ", which the runtime does not support");
    spec.dtype = *dt;
  }
  if (tt.has_shape()) {
    std::vector<std::optional<int64_t>> dims;
    for (const auto& d : tt.shape().dim()) {
      if (d.has_dim_value()) {
        if (d.dim_value() < 0)
          throw ValidationError(what + " '" + v.name() + "' declares negative dim " + std::to_string(d.dim_value()));
        dims.emplace_back(d.dim_value());
      } else {
        dims.emplace_back(std::nullopt);
      }
    }
    spec.dims = std::move(dims);
  }
}

}  // namespace

ValueSpec parse_value_info(const onnx::ValueInfoProto& v, const std::string& what) {
  ValueSpec spec{v.name(), std::nullopt, std::nullopt};
  if (!v.has_type()) return spec;
  const auto& type = v.type();
  const auto unsupported = [&] {
    return UnsupportedError(what + " '" + v.name() +
                            "' has a type the runtime does not hold (it holds tensors, sequences of tensors and "
                            "optionals of either; not maps, sparse tensors or nested sequences)");
  };
  if (type.has_tensor_type()) {
    parse_tensor_type(type.tensor_type(), v, what, spec);
  } else if (type.has_sequence_type()) {
    if (!type.sequence_type().elem_type().has_tensor_type()) throw unsupported();
    spec.kind = ValueKind::Sequence;
    parse_tensor_type(type.sequence_type().elem_type().tensor_type(), v, what, spec);
  } else if (type.has_optional_type()) {
    const auto& elem = type.optional_type().elem_type();
    if (elem.has_tensor_type()) {
      spec.kind = ValueKind::OptionalTensor;
      parse_tensor_type(elem.tensor_type(), v, what, spec);
    } else if (elem.has_sequence_type() && elem.sequence_type().elem_type().has_tensor_type()) {
      spec.kind = ValueKind::OptionalSequence;
      parse_tensor_type(elem.sequence_type().elem_type().tensor_type(), v, what, spec);
    } else {
      throw unsupported();
    }
  } else {
    throw unsupported();
  }
  // A sequence's or optional's dims are its elements', which may differ.
  if (spec.kind != ValueKind::Tensor) spec.dims.reset();
  return spec;
}

namespace {

void collect_free_names(const onnx::GraphProto& g, std::set<std::string>& out);

// Enclosing-scope names the subgraphs of node n read.
std::set<std::string> subgraph_free_names(const onnx::NodeProto& n) {
  std::set<std::string> out;
  for (const auto& a : n.attribute())
    if (a.has_g()) collect_free_names(a.g(), out);
  return out;
}

// Names g reads (its subgraphs included) that g does not define.
void collect_free_names(const onnx::GraphProto& g, std::set<std::string>& out) {
  std::unordered_set<std::string> defined;
  for (const auto& i : g.initializer()) defined.insert(i.name());
  for (const auto& i : g.input()) defined.insert(i.name());
  for (const auto& n : g.node())
    for (const auto& o : n.output()) defined.insert(o);
  auto use = [&](const std::string& name) {
    if (!name.empty() && !defined.count(name)) out.insert(name);
  };
  for (const auto& n : g.node()) {
    for (const auto& in : n.input()) use(in);
    for (const auto& name : subgraph_free_names(n)) use(name);
  }
  for (const auto& o : g.output()) use(o.name());
}

// State shared by the planners of one model.
struct PlanShared {
  std::map<std::string, int64_t> opsets;
  const RuntimeOptions& options;
  std::vector<std::string> missing;  // nodes without a kernel, with their path
};

class Planner {
 public:
  // `path` names the graph for missing-kernel listings: "" for the main
  // graph, "node 'loop' (#3, Loop) body: " for a subgraph.
  Planner(GraphPlan& plan, PlanShared& shared, Planner* parent, std::string path)
      : p_(plan), shared_(shared), parent_(parent), path_(std::move(path)) {}

  void plan(const onnx::GraphProto& g) {
    if (g.sparse_initializer_size() > 0) throw UnsupportedError("sparse initializers are not supported");
    add_initializers(g);
    add_inputs(g);
    const auto order = topological_order(g);
    add_steps(g, order);
    add_outputs(g);
    compute_frees();
  }

  // The slot of `name` seen from this graph: its own value, else a capture
  // of the nearest enclosing graph's (created on first use); -1 when no
  // scope defines it.
  int64_t resolve(const std::string& name) {
    auto it = by_name_.find(name);
    if (it != by_name_.end()) return it->second;
    if (!parent_) return -1;
    const int64_t outer = parent_->resolve(name);
    if (outer < 0) return -1;
    const int64_t slot = define(name, Source::Capture, "capture");
    p_.slots[slot].outer_slot = outer;
    p_.capture_slots.push_back(slot);
    return slot;
  }

 private:
  bool is_subgraph() const { return parent_ != nullptr; }

  int64_t define(const std::string& name, Source src, const std::string& what) {
    if (name.empty()) throw ValidationError(what + " has an empty name");
    if (by_name_.count(name)) throw ValidationError(what + " redefines value '" + name + "'");
    const auto slot = static_cast<int64_t>(p_.slots.size());
    by_name_[name] = slot;
    p_.slots.push_back({name, src, -1, -1, -1, false});
    return slot;
  }

  void add_initializers(const onnx::GraphProto& g) {
    for (const auto& init : g.initializer()) {
      const int64_t slot = define(init.name(), Source::Initializer, "initializer '" + init.name() + "'");
      try {
        p_.initializers.push_back(from_tensor_proto(init, shared_.options.max_elements_per_tensor));
      } catch (const Error&) {
        rethrow_with_prefix("initializer '" + init.name() + "'");
      }
      p_.slots[slot].initializer = static_cast<int64_t>(p_.initializers.size()) - 1;
    }
  }

  void add_inputs(const onnx::GraphProto& g) {
    for (const auto& in : g.input()) {
      ValueSpec spec = parse_value_info(in, "graph input");
      auto it = by_name_.find(in.name());
      if (it != by_name_.end()) {
        // An input that is also an initializer: the initializer is its default.
        if (p_.slots[it->second].source != Source::Initializer)
          throw ValidationError("graph input '" + in.name() + "' is declared twice");
        p_.inputs.push_back(std::move(spec));
        p_.input_slots.push_back(it->second);
        continue;
      }
      // A subgraph's input types may be left to inference (the caller's
      // values are checked against what is declared).
      if (!is_subgraph() && (!in.has_type() || (spec.kind == ValueKind::Tensor && !spec.dtype)))
        throw ValidationError("graph input '" + in.name() + "' declares no element type");
      p_.input_slots.push_back(define(in.name(), Source::Input, "graph input"));
      p_.inputs.push_back(std::move(spec));
    }
  }

  // A name read by node i that is not produced in this graph must be an
  // input, an initializer or (subgraphs) an enclosing graph's value.
  void require_visible(const onnx::GraphProto& g, int i, const std::string& name) {
    if (resolve(name) >= 0) return;
    throw ValidationError(
        node_label(g.node(i), i) + ": input '" + name + "' is not a graph input, an initializer" +
        (is_subgraph() ? ", the output of any node or a value of an enclosing graph" : " or the output of any node"));
  }

  // Kahn's algorithm: the model's node order is not trusted. A node's
  // subgraphs' reads of this graph's values are dependencies too. Nodes left
  // over when no more are ready form a cycle.
  std::vector<int> topological_order(const onnx::GraphProto& g) {
    std::unordered_map<std::string, int> producer;
    for (int i = 0; i < g.node_size(); ++i)
      for (const auto& o : g.node(i).output()) {
        if (o.empty()) continue;
        if (by_name_.count(o) || producer.count(o))
          throw ValidationError(node_label(g.node(i), i) + ": output '" + o + "' is already defined");
        producer[o] = i;
      }
    std::vector<int> pending(g.node_size(), 0);
    std::vector<std::vector<int>> users(g.node_size());
    auto depend = [&](int i, const std::string& name) {
      auto it = producer.find(name);
      if (it == producer.end()) return false;
      ++pending[i];
      users[it->second].push_back(i);
      return true;
    };
    for (int i = 0; i < g.node_size(); ++i) {
      for (const auto& in : g.node(i).input())
        if (!in.empty() && !by_name_.count(in) && !depend(i, in)) require_visible(g, i, in);
      // A name no scope defines is left to the subgraph's own planning,
      // whose error names the inner node.
      for (const auto& name : subgraph_free_names(g.node(i)))
        if (!by_name_.count(name) && !depend(i, name)) resolve(name);
    }
    std::vector<int> order, ready;
    for (int i = g.node_size() - 1; i >= 0; --i)
      if (pending[i] == 0) ready.push_back(i);
    while (!ready.empty()) {
      const int i = ready.back();
      ready.pop_back();
      order.push_back(i);
      std::vector<int> next;
      for (int u : users[i])
        if (--pending[u] == 0) next.push_back(u);
      std::sort(next.rbegin(), next.rend());
      ready.insert(ready.end(), next.begin(), next.end());
    }
    if (static_cast<int>(order.size()) != g.node_size()) {
      for (int i = 0; i < g.node_size(); ++i)
        if (pending[i] > 0)
          throw ValidationError(node_label(g.node(i), i) + ": the graph has a cycle through this node");
    }
    return order;
  }

  void add_steps(const onnx::GraphProto& g, const std::vector<int>& order) {
    for (int i : order) {
      const auto& n = g.node(i);
      const std::string label = node_label(n, i);
      const std::string domain = canonical_domain(n.domain());
      auto it = shared_.opsets.find(domain);
      if (it == shared_.opsets.end())
        throw ValidationError(label + ": domain '" + n.domain() + "' is not imported by the model");
      // Outputs are defined even for a node without a kernel, so the scan
      // goes on and lists every missing kernel at once.
      std::vector<int64_t> outputs;
      for (const auto& out : n.output()) {
        outputs.push_back(out.empty() ? -1 : define(out, Source::Node, label));
        if (!out.empty()) producer_step_.push_back(static_cast<int64_t>(p_.steps.size()));
      }
      const KernelEntry* k = KernelRegistry::instance().find(domain, n.op_type(), it->second);
      Step step{&n, label, it->second, k ? &k->fn : nullptr, k && k->containers, NodeAttributes(n), {}, std::move(outputs),
                {}, {}, {}};
      for (const auto& in : n.input()) step.inputs.push_back(in.empty() ? -1 : by_name_.at(in));
      add_subgraphs(n, step);
      if (!k) {
        shared_.missing.push_back(path_ + label + " " + (domain.empty() ? "ai.onnx" : domain) + ":" + n.op_type() +
                                  " at opset " + std::to_string(it->second));
        continue;
      }
      p_.steps.push_back(std::move(step));
    }
  }

  void add_subgraphs(const onnx::NodeProto& n, Step& step) {
    for (const auto& a : n.attribute()) {
      if (!a.has_g()) continue;
      auto sub = std::make_unique<GraphPlan>();
      try {
        Planner(*sub, shared_, this, path_ + step.label + " " + a.name() + ": ").plan(a.g());
      } catch (...) {
        rethrow_with_prefix(step.label + ": " + a.name());
      }
      for (int64_t c : sub->capture_slots) {
        const int64_t outer = sub->slots[c].outer_slot;
        if (std::find(step.implicit_inputs.begin(), step.implicit_inputs.end(), outer) == step.implicit_inputs.end())
          step.implicit_inputs.push_back(outer);
      }
      step.subgraphs.push_back({a.name(), std::move(sub)});
    }
  }

  void add_outputs(const onnx::GraphProto& g) {
    for (const auto& out : g.output()) {
      const int64_t slot = resolve(out.name());
      if (slot < 0)
        throw ValidationError("graph output '" + out.name() + "' is not defined by any node, input or initializer" +
                              (is_subgraph() ? " of this or an enclosing graph" : ""));
      p_.outputs.push_back(parse_value_info(out, "graph output"));
      p_.output_slots.push_back(slot);
      p_.slots[slot].is_output = true;
    }
    const auto& outs = p_.output_slots;
    for (size_t i = 0; i < outs.size(); ++i) {
      const bool listed_later =
          std::find(outs.begin() + static_cast<std::ptrdiff_t>(i) + 1, outs.end(), outs[i]) != outs.end();
      p_.output_moves.push_back(p_.slots[outs[i]].source == Source::Node && !listed_later);
    }
  }

  // A node-produced value that is not an output is freed after the last
  // step reading it (implicitly, through a subgraph, included), or right
  // after its producer when nothing reads it.
  void compute_frees() {
    for (size_t s = 0; s < p_.steps.size(); ++s) {
      for (int64_t in : p_.steps[s].inputs)
        if (in >= 0) p_.slots[in].last_use = static_cast<int64_t>(s);
      for (int64_t in : p_.steps[s].implicit_inputs) p_.slots[in].last_use = static_cast<int64_t>(s);
    }
    size_t produced = 0;
    for (size_t slot = 0; slot < p_.slots.size(); ++slot) {
      const Slot& v = p_.slots[slot];
      if (v.source != Source::Node) continue;
      const int64_t producer = producer_step_[produced++];
      if (v.is_output || producer >= static_cast<int64_t>(p_.steps.size())) continue;
      const int64_t after = std::max(v.last_use, producer);
      p_.steps[after].frees.push_back(static_cast<int64_t>(slot));
    }
  }

  GraphPlan& p_;
  PlanShared& shared_;
  Planner* parent_;
  std::string path_;
  std::unordered_map<std::string, int64_t> by_name_;
  std::vector<int64_t> producer_step_;  // per Node slot, in slot order
};

}  // namespace

std::unique_ptr<GraphPlan> plan_main_graph(const onnx::ModelProto& model, const RuntimeOptions& options) {
  PlanShared shared{opset_map(model), options, {}};
  auto plan = std::make_unique<GraphPlan>();
  Planner(*plan, shared, nullptr, "").plan(model.graph());
  if (!shared.missing.empty()) {
    std::string msg = "no kernel implemented for " + std::to_string(shared.missing.size()) + " node(s):";
    for (const auto& s : shared.missing) msg += "\n  " + s;
    throw UnsupportedError(msg);
  }
  return plan;
}

}  // namespace ptonnx::runtime
