// Mutation operators on nodes: sibling op swaps, attribute perturbations,
// Cast removal or retargeting, operand swaps, Where guard removal. Each is
// a bug a converter author writes: the wrong one of two look-alike ops, an
// axis counted from the other end, a keepdims forgotten, a Cast dropped.
#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include "suites/harness/mutants.h"

namespace ptonnx::harness::mutate {
namespace {

// Calls f(node, k) for each main-graph node, k counting the nodes of its
// op type before it.
template <typename F>
void for_each_node(const onnx::GraphProto& g, F&& f) {
  std::map<std::string, int> seen;
  for (const auto& n : g.node()) f(n, seen[n.op_type()]++);
}

int main_opset(const onnx::ModelProto& m) {
  for (const auto& o : m.opset_import())
    if (o.domain().empty() || o.domain() == "ai.onnx") return static_cast<int>(o.version());
  return 0;
}

// Ops a converter could confuse with each other: same arity and types.
const std::vector<std::vector<std::string>>& sibling_groups() {
  static const std::vector<std::vector<std::string>> groups{
      {"Floor", "Ceil", "Round"},
      {"Less", "LessOrEqual", "Greater", "GreaterOrEqual"},
      {"Equal", "Greater"},
      {"Max", "Min"},
      {"Add", "Sub"},
      {"Mul", "Div"},
      {"ReduceMax", "ReduceMin"},
      {"ReduceSum", "ReduceMean", "ReduceProd"},
      {"ReduceL1", "ReduceL2"},
      {"ArgMax", "ArgMin"},
      {"And", "Or", "Xor"},
      {"BitwiseAnd", "BitwiseOr", "BitwiseXor"},
      {"Sin", "Cos"},
      {"Sinh", "Cosh"},
      {"Asin", "Acos"},
      {"Exp", "Log"},
      {"Abs", "Neg"},
      {"IsInf", "IsNaN"},
      {"Softmax", "LogSoftmax"},
      {"Sigmoid", "Tanh"},
  };
  return groups;
}

// Reduce ops take `axes` as an input from opset 13 (ReduceSum) or 18 (the
// others); before that as an attribute. A swap between the two forms
// moves a constant axes list across, so the mutant is a valid model.
bool axes_is_input(const std::string& op, int opset) { return op == "ReduceSum" ? opset >= 13 : opset >= 18; }

const onnx::TensorProto* constant_value(const onnx::GraphProto& g, const std::string& name) {
  for (const auto& t : g.initializer())
    if (t.name() == name) return &t;
  for (const auto& n : g.node())
    if (n.op_type() == "Constant" && n.output_size() == 1 && n.output(0) == name)
      for (const auto& a : n.attribute())
        if (a.name() == "value") return &a.t();
  return nullptr;
}

std::vector<int64_t> int64_values(const onnx::TensorProto& t) {
  std::vector<int64_t> v(t.int64_data().begin(), t.int64_data().end());
  if (v.empty() && !t.raw_data().empty()) {
    v.resize(t.raw_data().size() / sizeof(int64_t));
    std::memcpy(v.data(), t.raw_data().data(), v.size() * sizeof(int64_t));
  }
  return v;
}

// Renames a reduce node's op type, moving `axes` between input and
// attribute when the two ops take it differently at this opset.
bool retype_reduce(onnx::ModelProto& m, onnx::NodeProto& n, const std::string& to) {
  const int opset = main_opset(m);
  const bool from_input = axes_is_input(n.op_type(), opset), to_input = axes_is_input(to, opset);
  if (from_input && !to_input && n.input_size() > 1 && !n.input(1).empty()) {
    const onnx::TensorProto* axes = constant_value(m.graph(), n.input(1));
    if (!axes || axes->data_type() != onnx::TensorProto::INT64) return false;
    auto* a = n.add_attribute();
    a->set_name("axes");
    a->set_type(onnx::AttributeProto::INTS);
    for (int64_t v : int64_values(*axes)) a->add_ints(v);
    n.mutable_input()->RemoveLast();
  } else if (!from_input && to_input) {
    for (int i = 0; i < n.attribute_size(); ++i) {
      if (n.attribute(i).name() != "axes") continue;
      onnx::TensorProto* t = m.mutable_graph()->add_initializer();
      t->set_name(n.output(0) + "__mutant_axes");
      t->set_data_type(onnx::TensorProto::INT64);
      t->add_dims(n.attribute(i).ints_size());
      for (int64_t v : n.attribute(i).ints()) t->add_int64_data(v);
      n.mutable_attribute()->DeleteSubrange(i, 1);
      if (n.input_size() < 2) n.add_input();
      n.set_input(1, t->name());
      break;
    }
  }
  n.set_op_type(to);
  return true;
}

void add(std::vector<Mutant>& out, std::string kind, std::string description,
         std::function<bool(onnx::ModelProto&)> apply) {
  out.push_back({std::move(kind), std::move(description), std::move(apply)});
}

onnx::AttributeProto* find_attr(onnx::NodeProto& n, const std::string& name) {
  for (auto& a : *n.mutable_attribute())
    if (a.name() == name) return &a;
  return nullptr;
}

// 0/1 attributes whose flip is a classic slip.
const std::set<std::string>& flag_attrs() {
  static const std::set<std::string> s{"keepdims",
                                       "select_last_index",
                                       "allowzero",
                                       "exclusive",
                                       "reverse",
                                       "largest",
                                       "sorted",
                                       "upper",
                                       "transA",
                                       "transB",
                                       "noop_with_empty_axes",
                                       "ceil_mode",
                                       "count_include_pad"};
  return s;
}

// Alternatives of string attributes (an op's own list for `mode`).
std::vector<std::string> string_choices(const std::string& op, const std::string& attr) {
  if (attr == "mode") {
    if (op == "Pad") return {"constant", "reflect", "edge"};
    if (op == "DepthToSpace") return {"DCR", "CRD"};
    if (op == "Resize" || op == "Upsample") return {"nearest", "linear"};
    return {};
  }
  if (attr == "nearest_mode") return {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"};
  if (attr == "coordinate_transformation_mode")
    return {"half_pixel", "asymmetric", "align_corners", "pytorch_half_pixel"};
  if (attr == "reduction") return {"none", "add", "mul"};
  if (attr == "direction") return {"LEFT", "RIGHT"};
  return {};
}

// Mutates attribute `name` of the k-th `op` node with f (false: no such
// attribute, or nothing to change).
std::function<bool(onnx::ModelProto&)> on_attr(const std::string& op, int k, const std::string& name,
                                               std::function<bool(onnx::AttributeProto&)> f) {
  return [op, k, name, f](onnx::ModelProto& m) {
    onnx::NodeProto* n = find_node(m, op, k);
    onnx::AttributeProto* a = n ? find_attr(*n, name) : nullptr;
    return a && f(*a);
  };
}

std::string ints_text(const onnx::AttributeProto& a) {
  std::string s = "[";
  for (int i = 0; i < a.ints_size(); ++i) s += (i ? "," : "") + std::to_string(a.ints(i));
  return s + "]";
}

void attribute_mutants(const onnx::NodeProto& n, int k, std::vector<Mutant>& out) {
  const std::string op = n.op_type(), at = node_label(op, k);
  for (const auto& a : n.attribute()) {
    const std::string name = a.name();
    if (a.type() == onnx::AttributeProto::INT && name == "axis") {
      for (int d : {1, -1})
        add(out, "attribute", at + " axis " + std::to_string(a.i()) + " -> " + std::to_string(a.i() + d),
            on_attr(op, k, name, [d](onnx::AttributeProto& x) {
              x.set_i(x.i() + d);
              return true;
            }));
    } else if (a.type() == onnx::AttributeProto::INT && flag_attrs().count(name)) {
      add(out, "attribute", at + " " + name + " " + std::to_string(a.i()) + " -> " + std::to_string(a.i() ? 0 : 1),
          on_attr(op, k, name, [](onnx::AttributeProto& x) {
            x.set_i(x.i() ? 0 : 1);
            return true;
          }));
    } else if (a.type() == onnx::AttributeProto::INTS && name == "perm") {
      const int r = a.ints_size();
      std::set<std::pair<int, int>> pairs;
      if (r >= 2) pairs.insert({0, 1});
      if (r >= 3) pairs.insert({r - 2, r - 1});
      for (auto [i, j] : pairs)
        add(out, "attribute",
            at + " perm " + ints_text(a) + ": swap entries " + std::to_string(i) + " and " + std::to_string(j),
            on_attr(op, k, name, [i, j](onnx::AttributeProto& x) {
              if (x.ints_size() <= j) return false;
              const int64_t t = x.ints(i);
              x.set_ints(i, x.ints(j));
              x.set_ints(j, t);
              return true;
            }));
    } else if (a.type() == onnx::AttributeProto::INTS && a.ints_size() > 0 &&
               (name == "axes" || name == "pads" || name == "strides" || name == "dilations")) {
      add(out, "attribute", at + " " + name + " " + ints_text(a) + ": element 0 += 1",
          on_attr(op, k, name, [](onnx::AttributeProto& x) {
            if (x.ints_size() == 0) return false;
            x.set_ints(0, x.ints(0) + 1);
            return true;
          }));
    } else if (a.type() == onnx::AttributeProto::STRING) {
      for (const auto& alt : string_choices(op, name))
        if (alt != a.s())
          add(out, "attribute", at + " " + name + " '" + a.s() + "' -> '" + alt + "'",
              on_attr(op, k, name, [alt](onnx::AttributeProto& x) {
                if (x.s() == alt) return false;
                x.set_s(alt);
                return true;
              }));
    } else if (a.type() == onnx::AttributeProto::FLOAT && (name == "alpha" || name == "beta" || name == "gamma")) {
      add(out, "attribute", at + " " + name + " += 1", on_attr(op, k, name, [](onnx::AttributeProto& x) {
            x.set_f(x.f() + 1.0f);
            return true;
          }));
    }
  }
}

// A same-kind type a careless Cast would pick instead.
std::vector<int> cast_alternatives(int to) {
  using T = onnx::TensorProto;
  switch (to) {
    case T::FLOAT: return {T::DOUBLE, T::FLOAT16};
    case T::DOUBLE: return {T::FLOAT};
    case T::FLOAT16: return {T::FLOAT};
    case T::INT8: return {T::UINT8};
    case T::UINT8: return {T::INT8};
    case T::INT16: return {T::INT32};
    case T::UINT16: return {T::INT16};
    case T::INT32: return {T::INT64, T::INT16};
    case T::UINT32: return {T::INT32};
    case T::INT64: return {T::INT32};
    case T::UINT64: return {T::INT64};
    case T::BOOL: return {T::UINT8};
    default: return {};
  }
}

// Replaces the k-th `op` node by Identity of its input `which`.
std::function<bool(onnx::ModelProto&)> to_identity(const std::string& op, int k, int which) {
  return [op, k, which](onnx::ModelProto& m) {
    onnx::NodeProto* n = find_node(m, op, k);
    if (!n || n->input_size() <= which || n->input(which).empty()) return false;
    const std::string in = n->input(which);
    n->set_op_type("Identity");
    n->clear_attribute();
    n->clear_input();
    n->add_input(in);
    return true;
  };
}

}  // namespace

std::string node_label(const std::string& op_type, int k) { return op_type + "#" + std::to_string(k); }

onnx::NodeProto* find_node(onnx::ModelProto& model, const std::string& op_type, int k) {
  for (auto& n : *model.mutable_graph()->mutable_node())
    if (n.op_type() == op_type && k-- == 0) return &n;
  return nullptr;
}

void sibling_swaps(const onnx::GraphProto& g, std::vector<Mutant>& out) {
  for_each_node(g, [&](const onnx::NodeProto& n, int k) {
    if (!n.domain().empty()) return;
    for (const auto& group : sibling_groups()) {
      if (std::find(group.begin(), group.end(), n.op_type()) == group.end()) continue;
      for (const auto& to : group) {
        if (to == n.op_type()) continue;
        const std::string from = n.op_type();
        add(out, "swap_op", node_label(from, k) + " -> " + to, [from, k, to](onnx::ModelProto& m) {
          onnx::NodeProto* node = find_node(m, from, k);
          if (!node) return false;
          if (from.rfind("Reduce", 0) == 0) return retype_reduce(m, *node, to);
          node->set_op_type(to);
          return true;
        });
      }
    }
  });
}

void attribute_perturbations(const onnx::GraphProto& g, std::vector<Mutant>& out) {
  for_each_node(g, [&](const onnx::NodeProto& n, int k) {
    if (n.domain().empty() && n.op_type() != "Cast") attribute_mutants(n, k, out);
  });
}

void cast_mutations(const onnx::GraphProto& g, std::vector<Mutant>& out) {
  for_each_node(g, [&](const onnx::NodeProto& n, int k) {
    if (n.op_type() != "Cast" || !n.domain().empty()) return;
    add(out, "cast", node_label("Cast", k) + " dropped", to_identity("Cast", k, 0));
    for (const auto& a : n.attribute()) {
      if (a.name() != "to") continue;
      for (int alt : cast_alternatives(static_cast<int>(a.i())))
        add(out, "cast",
            node_label("Cast", k) + " to " + onnx::TensorProto::DataType_Name(static_cast<int>(a.i())) + " -> " +
                onnx::TensorProto::DataType_Name(alt),
            on_attr("Cast", k, "to", [alt](onnx::AttributeProto& x) {
              x.set_i(alt);
              return true;
            }));
    }
  });
}

void input_swaps(const onnx::GraphProto& g, std::vector<Mutant>& out) {
  static const std::set<std::string> non_commutative{
      "Sub", "Div", "Pow", "Mod", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "BitShift", "MatMul"};
  for_each_node(g, [&](const onnx::NodeProto& n, int k) {
    if (!n.domain().empty() || !non_commutative.count(n.op_type()) || n.input_size() != 2 || n.input(0) == n.input(1))
      return;
    const std::string op = n.op_type();
    add(out, "swap_inputs", node_label(op, k) + ": inputs swapped", [op, k](onnx::ModelProto& m) {
      onnx::NodeProto* node = find_node(m, op, k);
      if (!node || node->input_size() != 2) return false;
      const std::string a = node->input(0);
      node->set_input(0, node->input(1));
      node->set_input(1, a);
      return true;
    });
  });
}

void where_guard_removals(const onnx::GraphProto& g, std::vector<Mutant>& out) {
  for_each_node(g, [&](const onnx::NodeProto& n, int k) {
    if (n.op_type() != "Where" || !n.domain().empty()) return;
    add(out, "where", node_label("Where", k) + "(c, x, y) -> x", to_identity("Where", k, 1));
    add(out, "where", node_label("Where", k) + "(c, x, y) -> y", to_identity("Where", k, 2));
  });
}

std::vector<Mutant> enumerate_mutants(const onnx::ModelProto& model) {
  std::vector<Mutant> out;
  const onnx::GraphProto& g = model.graph();
  sibling_swaps(g, out);
  attribute_perturbations(g, out);
  cast_mutations(g, out);
  input_swaps(g, out);
  where_guard_removals(g, out);
  constant_nudges(g, out);
  return out;
}

}  // namespace ptonnx::harness::mutate
