#include "graph/graph.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "graph/op_schema.h"

namespace ptonnx {

namespace {
std::atomic<uint64_t> g_uid{1};
std::atomic<DType> g_floatX{DType::Float64};

StaticShape static_of(const Shape& s) { return StaticShape(s.begin(), s.end()); }
}  // namespace

uint64_t next_uid() { return g_uid.fetch_add(1); }
DType floatX() { return g_floatX.load(); }
void set_floatX(DType t) {
  if (!is_float(t)) throw TypeError("floatX must be a float dtype, got " + std::string(dtype_name(t)));
  g_floatX.store(t);
}

std::string_view var_kind_name(VarKind k) {
  switch (k) {
    case VarKind::Input: return "input";
    case VarKind::Constant: return "constant";
    case VarKind::Shared: return "shared";
    case VarKind::Intermediate: return "intermediate";
  }
  return "?";
}

std::string Variable::describe() const {
  std::string s = name.empty() ? "<unnamed #" + std::to_string(uid) + ">" : "'" + name + "'";
  s += " (" + std::string(var_kind_name(kind)) + " " + type.to_string();
  if (owner) s += ", output " + std::to_string(output_index) + " of " + owner->describe();
  return s + ")";
}

VarRef Node::output(size_t i) {
  if (i >= outputs.size()) throw ValidationError(describe() + " has no output " + std::to_string(i));
  return VarRef(shared_from_this(), outputs[i].get());
}

std::string Node::describe() const {
  std::string s = "node #" + std::to_string(uid) + " '" + op + "'";
  if (!name.empty()) s += " ('" + name + "')";
  return s;
}

Node::~Node() {
  // Releasing inputs can destroy the producing node, whose destructor
  // releases its inputs, and so on: recursion as deep as the graph. Defer
  // nested releases to the outermost destructor's work list instead.
  static thread_local std::vector<VarRef>* pending = nullptr;
  if (pending) {
    for (auto& in : inputs) pending->push_back(std::move(in));
    return;
  }
  std::vector<VarRef> work = std::move(inputs);
  pending = &work;
  while (!work.empty()) {
    VarRef v = std::move(work.back());
    work.pop_back();
    v.reset();
  }
  pending = nullptr;
}

VarRef make_input(std::string name, TensorType type) {
  auto v = std::make_shared<Variable>();
  v->uid = next_uid();
  v->name = std::move(name);
  v->type = std::move(type);
  v->kind = VarKind::Input;
  return v;
}

VarRef make_constant(Tensor value, std::string name) {
  auto v = std::make_shared<Variable>();
  v->uid = next_uid();
  v->name = std::move(name);
  v->type = TensorType{value.dtype(), static_of(value.shape())};
  v->kind = VarKind::Constant;
  v->value = std::move(value);
  return v;
}

VarRef make_shared_variable(std::string name, Tensor value, std::optional<StaticShape> shape) {
  auto v = make_constant(std::move(value), std::move(name));
  v->kind = VarKind::Shared;
  if (shape) {
    // A shared variable's type may leave dims unknown (PyTensor's default
    // shape=(None,)*ndim); its value must still fit that type.
    if (shape->size() != v->value->shape().size())
      throw TypeError("shared variable '" + v->name + "': shape " + static_shape_to_string(*shape) +
                      " has the wrong rank for value " + v->value->describe());
    for (size_t i = 0; i < shape->size(); ++i)
      if ((*shape)[i] && *(*shape)[i] != v->value->shape()[i])
        throw TypeError("shared variable '" + v->name + "': value " + v->value->describe() +
                        " does not fit static shape " + static_shape_to_string(*shape));
    v->type.shape = *shape;
  }
  return v;
}

std::vector<VarRef> apply_op(const std::string& op, std::vector<VarRef> inputs, Attributes attrs,
                             std::string node_name) {
  return apply_op(op, std::move(inputs), std::move(attrs), {}, std::move(node_name));
}

std::vector<VarRef> apply_op(const std::string& op, std::vector<VarRef> inputs, Attributes attrs,
                             std::vector<SubgraphRef> subgraphs, std::string node_name) {
  const OpSchema* schema = find_op_schema(op);
  if (!schema) {
    std::string known;
    for (const auto& n : registered_op_names()) known += (known.empty() ? "" : ", ") + n;
    throw TypeError("unknown op '" + op + "'; registered ops: " + known);
  }
  std::vector<TensorType> out_types = infer_types(*schema, inputs, attrs, subgraphs);
  auto node = std::make_shared<Node>();
  node->uid = next_uid();
  node->op = op;
  node->attrs = std::move(attrs);
  node->inputs = std::move(inputs);
  node->subgraphs = std::move(subgraphs);
  node->name = std::move(node_name);
  std::vector<VarRef> outs;
  for (size_t i = 0; i < out_types.size(); ++i) {
    auto v = std::make_unique<Variable>();
    v->uid = next_uid();
    v->type = std::move(out_types[i]);
    v->kind = VarKind::Intermediate;
    v->owner = node.get();
    v->output_index = static_cast<int>(i);
    node->outputs.push_back(std::move(v));
  }
  for (size_t i = 0; i < node->outputs.size(); ++i) outs.push_back(node->output(i));
  return outs;
}

VarRef apply_op1(const std::string& op, std::vector<VarRef> inputs, Attributes attrs) {
  auto outs = apply_op(op, std::move(inputs), std::move(attrs));
  if (outs.size() != 1) throw TypeError(op + " has " + std::to_string(outs.size()) + " outputs, expected 1");
  return outs[0];
}

FunctionGraph::FunctionGraph(std::vector<VarRef> inputs, std::vector<VarRef> outputs)
    : inputs_(std::move(inputs)), outputs_(std::move(outputs)) {
  std::unordered_set<const Variable*> input_set;
  for (const auto& in : inputs_) {
    if (!in) throw ValidationError("FunctionGraph: a graph input is null");
    if (in->kind != VarKind::Input)
      throw ValidationError("FunctionGraph: " + in->describe() + " is listed as an input but is a " +
                            std::string(var_kind_name(in->kind)));
    if (!input_set.insert(in.get()).second)
      throw ValidationError("FunctionGraph: input " + in->describe() + " is listed twice");
  }
  // Iterative post-order DFS from the outputs (graphs may be 100k deep).
  std::unordered_map<const Node*, int> state;  // 1 = on stack, 2 = done
  std::unordered_set<const Variable*> seen_consts;
  auto visit_leaf = [&](const VarRef& v, const Node* consumer) {
    if (v->kind == VarKind::Input) {
      if (!input_set.count(v.get()))
        throw ValidationError("FunctionGraph: " + v->describe() +
                              (consumer ? ", used by " + consumer->describe() : "") +
                              ", is neither a graph input nor a constant; add it to the inputs");
    } else if (seen_consts.insert(v.get()).second) {
      constants_.push_back(v);
    }
  };
  for (const auto& out : outputs_) {
    if (!out) throw ValidationError("FunctionGraph: a graph output is null");
    if (!out->owner) {
      visit_leaf(out, nullptr);
      continue;
    }
    std::vector<std::pair<std::shared_ptr<Node>, size_t>> stack;
    auto root = out->owner->shared_from_this();
    if (state[root.get()] == 2) continue;
    stack.emplace_back(root, 0);
    state[root.get()] = 1;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      if (next < node->inputs.size()) {
        const VarRef& in = node->inputs[next++];
        if (!in->owner) {
          visit_leaf(in, node.get());
          continue;
        }
        Node* producer = in->owner;
        int& st = state[producer];
        if (st == 1) throw ValidationError("FunctionGraph: cycle through " + producer->describe());
        if (st == 0) {
          st = 1;
          stack.emplace_back(producer->shared_from_this(), 0);
        }
      } else {
        state[node.get()] = 2;
        nodes_.push_back(node);
        stack.pop_back();
      }
    }
  }
}

void FunctionGraph::validate() const {
  for (const auto& node : nodes_) {
    const OpSchema* schema = find_op_schema(node->op);
    if (!schema) throw ValidationError(node->describe() + ": unknown op '" + node->op + "'");
    std::vector<TensorType> types;
    try {
      types = infer_types(*schema, node->inputs, node->attrs, node->subgraphs);
    } catch (const TypeError& e) {
      throw ValidationError(node->describe() + ": " + e.what());
    }
    for (size_t k = 0; k < node->subgraphs.size(); ++k) {
      try {
        node->subgraphs[k]->validate();
      } catch (const ValidationError& e) {
        throw ValidationError(node->describe() + " inner graph " + std::to_string(k) + ": " + e.what());
      }
    }
    if (types.size() != node->outputs.size())
      throw ValidationError(node->describe() + ": has " + std::to_string(node->outputs.size()) +
                            " outputs but its op infers " + std::to_string(types.size()));
    for (size_t i = 0; i < types.size(); ++i)
      if (!(types[i] == node->outputs[i]->type))
        throw ValidationError(node->describe() + ": output " + std::to_string(i) + " has type " +
                              node->outputs[i]->type.to_string() + " but the op infers " + types[i].to_string());
  }
}

std::string FunctionGraph::summary() const {
  std::string s;
  for (const auto& n : nodes_) {
    s += n->describe() + "(";
    for (size_t i = 0; i < n->inputs.size(); ++i) s += (i ? ", " : "") + n->inputs[i]->type.to_string();
    s += ") -> ";
    for (size_t i = 0; i < n->outputs.size(); ++i) s += (i ? ", " : "") + n->outputs[i]->type.to_string();
    s += "\n";
  }
  return s;
}

}  // namespace ptonnx
