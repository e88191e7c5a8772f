#include "graph/builder_control_flow.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"

namespace ptonnx::pt {
namespace {

bool is_leaf_value(const Variable& v) { return v.kind == VarKind::Constant || v.kind == VarKind::Shared; }

// Inner nodes reachable from `outputs`, in an order where producers come
// first (iterative post-order: inner graphs may be deep).
std::vector<Node*> inner_nodes(const std::vector<VarRef>& outputs, uint64_t first_inner_uid,
                               const std::unordered_set<const Variable*>& stop) {
  std::vector<Node*> order;
  std::unordered_map<Node*, int> state;
  auto is_inner_intermediate = [&](const Variable& v) {
    return v.owner && v.uid >= first_inner_uid && !stop.count(&v);
  };
  for (const auto& out : outputs) {
    if (!is_inner_intermediate(*out)) continue;
    std::vector<std::pair<Node*, size_t>> stack{{out->owner, 0}};
    if (state[out->owner]) continue;
    state[out->owner] = 1;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next < node->inputs.size()) {
        const Variable& in = *node->inputs[next++];
        if (is_inner_intermediate(in) && !state[in.owner]) {
          state[in.owner] = 1;
          stack.emplace_back(in.owner, 0);
        }
      } else {
        order.push_back(node);
        stack.pop_back();
      }
    }
  }
  return order;
}

}  // namespace

void collect_outer_values(const std::vector<VarRef>& inner_inputs, const std::vector<VarRef>& outputs,
                          uint64_t first_inner_uid, std::vector<VarRef>& captured) {
  std::unordered_set<const Variable*> stop;
  for (const auto& v : inner_inputs) stop.insert(v.get());
  std::unordered_set<const Variable*> seen;
  for (const auto& c : captured) seen.insert(c.get());
  auto consider = [&](const VarRef& v) {
    if (stop.count(v.get()) || is_leaf_value(*v)) return;
    if (v->uid >= first_inner_uid) {
      if (v->kind == VarKind::Input)
        throw TypeError("inner graph: " + v->describe() +
                        " is a graph input created inside the branch or step; use the arguments it receives or an "
                        "outer variable");
      return;
    }
    if (seen.insert(v.get()).second) captured.push_back(v);
  };
  for (const auto& out : outputs) consider(out);
  for (Node* n : inner_nodes(outputs, first_inner_uid, stop))
    for (size_t i = 0; i < n->inputs.size(); ++i) consider(n->inputs[i]);
}

SubgraphRef lift_inner_graph(const std::vector<VarRef>& inner_inputs, const std::vector<VarRef>& outputs,
                             uint64_t first_inner_uid, const std::vector<VarRef>& captured) {
  std::unordered_set<const Variable*> stop;
  for (const auto& v : inner_inputs) stop.insert(v.get());
  std::vector<VarRef> inputs = inner_inputs;
  std::unordered_map<const Variable*, VarRef> mapped;
  for (const auto& c : captured) {
    VarRef in = make_input(c->name, c->type);
    mapped[c.get()] = in;
    inputs.push_back(in);
  }
  auto map_var = [&](const VarRef& v) {
    auto it = mapped.find(v.get());
    return it == mapped.end() ? v : it->second;
  };
  if (!captured.empty()) {
    // Clone the inner nodes onto the fresh inputs (outer variables are
    // leaves of the inner graph, never part of it).
    for (Node* n : inner_nodes(outputs, first_inner_uid, stop)) {
      std::vector<VarRef> ins;
      for (const auto& in : n->inputs) ins.push_back(map_var(in));
      auto outs = apply_op(n->op, std::move(ins), n->attrs, n->subgraphs, n->name);
      for (size_t k = 0; k < outs.size(); ++k) {
        outs[k]->name = n->outputs[k]->name;
        mapped[n->outputs[k].get()] = outs[k];
      }
    }
  }
  std::vector<VarRef> outs;
  for (const auto& o : outputs) outs.push_back(map_var(o));
  return std::make_shared<const FunctionGraph>(std::move(inputs), std::move(outs));
}

std::vector<VarRef> ifelse(VarRef cond, const BranchFn& then_branch, const BranchFn& else_branch) {
  if (!cond) throw TypeError("ifelse: the condition is null");
  const uint64_t first = next_uid();
  const std::vector<VarRef> then_out = then_branch();
  const std::vector<VarRef> else_out = else_branch();
  std::vector<VarRef> captured;
  collect_outer_values({}, then_out, first, captured);
  collect_outer_values({}, else_out, first, captured);
  SubgraphRef then_g = lift_inner_graph({}, then_out, first, captured);
  SubgraphRef else_g = lift_inner_graph({}, else_out, first, captured);
  std::vector<VarRef> inputs{std::move(cond)};
  inputs.insert(inputs.end(), captured.begin(), captured.end());
  return apply_op("IfElse", std::move(inputs), {}, {std::move(then_g), std::move(else_g)});
}

ScanOutput sit_sot(VarRef initial) { return ScanOutput{std::move(initial), {-1}}; }
ScanOutput mit_sot(VarRef initial, std::vector<int64_t> taps) {
  return ScanOutput{std::move(initial), std::move(taps)};
}
ScanOutput nit_sot() { return ScanOutput{nullptr, {}}; }

namespace {

std::string tap_name(const std::string& base, int64_t k) {
  if (base.empty()) return "";
  if (k == 0) return base + "[t]";
  return base + (k > 0 ? "[t+" : "[t") + std::to_string(k) + "]";
}

TensorType without_leading_dim(const TensorType& t, const std::string& what) {
  if (t.ndim() < 1) throw TypeError("scan: " + what + " " + t.to_string() + " has no leading axis to iterate over");
  return TensorType{t.dtype, StaticShape(t.shape.begin() + 1, t.shape.end())};
}

}  // namespace

std::vector<VarRef> scan(const StepFn& step, std::vector<ScanSequence> sequences, std::vector<ScanOutput> outputs_info,
                         std::vector<VarRef> non_sequences, const ScanOptions& options) {
  ScanLayout layout;
  layout.has_n_steps = options.n_steps != nullptr;
  layout.go_backwards = options.go_backwards;
  layout.as_while = options.as_while;
  const uint64_t first = next_uid();
  std::vector<VarRef> args;  // the step's inner inputs
  for (const auto& s : sequences) {
    if (!s.value) throw TypeError("scan: a sequence is null");
    layout.sequence_taps.push_back(s.taps);
    for (int64_t k : s.taps)
      args.push_back(make_input(tap_name(s.value->name, k), without_leading_dim(s.value->type, "sequence")));
  }
  for (const auto& o : outputs_info) {
    layout.output_taps.push_back(o.initial ? o.taps : std::vector<int64_t>{});
    if (!o.initial) continue;
    if (o.taps.empty()) throw TypeError("scan: an outputs_info entry with an initial value needs taps");
    const bool sit = o.taps.size() == 1 && o.taps[0] == -1;
    const TensorType t = sit ? o.initial->type : without_leading_dim(o.initial->type, "mit-sot initial state");
    for (int64_t k : o.taps) args.push_back(make_input(tap_name(o.initial->name, k), t));
  }
  for (const auto& v : non_sequences) {
    if (!v) throw TypeError("scan: a non-sequence is null");
    args.push_back(make_input(v->name, v->type));
  }
  const std::vector<VarRef> outs = step(args);
  std::vector<VarRef> captured;
  collect_outer_values(args, outs, first, captured);
  SubgraphRef inner = lift_inner_graph(args, outs, first, captured);
  layout.num_non_sequences = non_sequences.size() + captured.size();

  std::vector<VarRef> inputs;
  if (options.n_steps) inputs.push_back(options.n_steps);
  for (auto& s : sequences) inputs.push_back(std::move(s.value));
  for (auto& o : outputs_info)
    if (o.initial) inputs.push_back(std::move(o.initial));
  inputs.insert(inputs.end(), non_sequences.begin(), non_sequences.end());
  inputs.insert(inputs.end(), captured.begin(), captured.end());
  return apply_op("Scan", std::move(inputs), layout.to_attrs(), {std::move(inner)});
}

}  // namespace ptonnx::pt
