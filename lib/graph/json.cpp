#include "graph/json.h"

#include <fstream>
#include <map>
#include <sstream>

#include "core/error.h"

namespace ptonnx {
namespace {

constexpr int kFormatVersion = 1;

nlohmann::json shape_to_json(const StaticShape& s) {
  auto j = nlohmann::json::array();
  for (const auto& d : s) j.push_back(d ? nlohmann::json(*d) : nlohmann::json(nullptr));
  return j;
}

StaticShape shape_from_json(const nlohmann::json& j) {
  StaticShape s;
  for (const auto& d : j) s.push_back(d.is_null() ? StaticDim{} : StaticDim{d.get<int64_t>()});
  return s;
}

nlohmann::json type_to_json(const TensorType& t) {
  return {{"dtype", std::string(dtype_name(t.dtype))}, {"shape", shape_to_json(t.shape)}};
}

TensorType type_from_json(const nlohmann::json& j) {
  return TensorType{parse_dtype(j.at("dtype").get<std::string>()), shape_from_json(j.at("shape"))};
}

// Attributes keep their kind: {"int": 3}, {"float": 0.5}, {"string": "x"},
// {"ints": [0, 2]}, so 1 and 1.0 never get confused.
nlohmann::json attr_to_json(const AttrValue& v) {
  switch (attr_kind(v)) {
    case AttrKind::Int: return {{"int", std::get<int64_t>(v)}};
    case AttrKind::Float: return {{"float", std::get<double>(v)}};
    case AttrKind::String: return {{"string", std::get<std::string>(v)}};
    case AttrKind::Ints: return {{"ints", std::get<std::vector<int64_t>>(v)}};
  }
  return {};
}

AttrValue attr_from_json(const nlohmann::json& j) {
  if (j.contains("int")) return j.at("int").get<int64_t>();
  if (j.contains("float")) return j.at("float").get<double>();
  if (j.contains("string")) return j.at("string").get<std::string>();
  if (j.contains("ints")) return j.at("ints").get<std::vector<int64_t>>();
  throw ValidationError("attribute " + j.dump() + " has no kind (int, float, string or ints)");
}

const char* kHex = "0123456789abcdef";

}  // namespace

nlohmann::json tensor_to_json(const Tensor& t) {
  std::string hex;
  hex.reserve(t.nbytes() * 2);
  for (size_t i = 0; i < t.nbytes(); ++i) {
    const auto b = static_cast<uint8_t>(t.raw()[i]);
    hex += kHex[b >> 4];
    hex += kHex[b & 15];
  }
  return {{"dtype", std::string(dtype_name(t.dtype()))}, {"shape", t.shape()}, {"hex", hex}};
}

Tensor tensor_from_json(const nlohmann::json& j) {
  Tensor t(parse_dtype(j.at("dtype").get<std::string>()), j.at("shape").get<Shape>());
  const auto& hex = j.at("hex").get_ref<const std::string&>();
  if (hex.size() != t.nbytes() * 2)
    throw ValidationError("tensor " + t.describe() + ": hex data has " + std::to_string(hex.size() / 2) +
                          " bytes, expected " + std::to_string(t.nbytes()));
  auto nibble = [&](char c) -> uint8_t {
    if (c >= '0' && c <= '9') return static_cast<uint8_t>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<uint8_t>(c - 'a' + 10);
    throw ValidationError(std::string("tensor data: invalid hex digit '") + c + "'");
  };
  for (size_t i = 0; i < t.nbytes(); ++i)
    t.raw()[i] = static_cast<std::byte>((nibble(hex[2 * i]) << 4) | nibble(hex[2 * i + 1]));
  return t;
}

namespace {

// Variables, nodes, inputs and outputs of one graph; a control-flow node
// lists its inner graphs, each in the same form with its own variable ids.
nlohmann::json graph_body_to_json(const FunctionGraph& g) {
  std::map<const Variable*, int64_t> ids;
  auto vars = nlohmann::json::array();
  auto add_var = [&](const Variable* v) {
    if (ids.count(v)) return;
    const int64_t id = static_cast<int64_t>(ids.size());
    ids[v] = id;
    nlohmann::json jv = {{"id", id}, {"kind", std::string(var_kind_name(v->kind))}, {"type", type_to_json(v->type)}};
    if (!v->name.empty()) jv["name"] = v->name;
    if (v->value) jv["value"] = tensor_to_json(*v->value);
    vars.push_back(std::move(jv));
  };
  for (const auto& in : g.inputs()) add_var(in.get());
  for (const auto& c : g.constants()) add_var(c.get());
  auto nodes = nlohmann::json::array();
  for (const auto& n : g.nodes()) {
    nlohmann::json jn = {{"op", n->op}};
    if (!n->name.empty()) jn["name"] = n->name;
    auto attrs = nlohmann::json::object();
    for (const auto& [k, v] : n->attrs) attrs[k] = attr_to_json(v);
    jn["attrs"] = attrs;
    auto ins = nlohmann::json::array();
    for (const auto& in : n->inputs) ins.push_back(ids.at(in.get()));
    jn["inputs"] = ins;
    auto outs = nlohmann::json::array();
    for (const auto& out : n->outputs) {
      add_var(out.get());
      outs.push_back(ids.at(out.get()));
    }
    jn["outputs"] = outs;
    if (!n->subgraphs.empty()) {
      auto subs = nlohmann::json::array();
      for (const auto& sg : n->subgraphs) subs.push_back(graph_body_to_json(*sg));
      jn["subgraphs"] = subs;
    }
    nodes.push_back(std::move(jn));
  }
  auto in_ids = nlohmann::json::array();
  for (const auto& in : g.inputs()) in_ids.push_back(ids.at(in.get()));
  auto out_ids = nlohmann::json::array();
  for (const auto& out : g.outputs()) out_ids.push_back(ids.at(out.get()));
  return {{"variables", vars}, {"nodes", nodes}, {"inputs", in_ids}, {"outputs", out_ids}};
}

// Inner graphs nest at most this deep (a hostile file cannot exhaust the
// stack through recursion).
constexpr int kMaxGraphNesting = 64;

FunctionGraph graph_body_from_json(const nlohmann::json& j, int depth) {
  if (depth > kMaxGraphNesting)
    throw ValidationError("inner graphs nest deeper than " + std::to_string(kMaxGraphNesting) + " levels");
  {
    std::map<int64_t, VarRef> vars;
    std::map<int64_t, nlohmann::json> declared;
    for (const auto& jv : j.at("variables")) {
      const int64_t id = jv.at("id").get<int64_t>();
      if (!declared.emplace(id, jv).second)
        throw ValidationError("variable id " + std::to_string(id) + " declared twice");
      const std::string kind = jv.at("kind").get<std::string>();
      const std::string name = jv.value("name", "");
      const TensorType type = type_from_json(jv.at("type"));
      if (kind == "input") {
        vars[id] = make_input(name, type);
      } else if (kind == "constant" || kind == "shared") {
        Tensor value = tensor_from_json(jv.at("value"));
        vars[id] = kind == "constant" ? make_constant(std::move(value), name)
                                      : make_shared_variable(name, std::move(value), type.shape);
        if (!(vars[id]->type == type))
          throw ValidationError("variable " + std::to_string(id) + ": declared type " + type.to_string() +
                                " does not match its value " + vars[id]->value->describe());
      } else if (kind != "intermediate") {
        throw ValidationError("variable " + std::to_string(id) + ": unknown kind '" + kind +
                              "' (input, constant, shared, intermediate)");
      }
    }
    size_t index = 0;
    for (const auto& jn : j.at("nodes")) {
      const std::string op = jn.at("op").get<std::string>();
      const std::string where = "node " + std::to_string(index++) + " '" + op + "'";
      std::vector<VarRef> ins;
      for (const auto& id : jn.at("inputs")) {
        auto it = vars.find(id.get<int64_t>());
        if (it == vars.end())
          throw ValidationError(where + ": input variable " + id.dump() +
                                " is not defined before use (undeclared, or a cycle)");
        ins.push_back(it->second);
      }
      Attributes attrs;
      const nlohmann::json jattrs = jn.value("attrs", nlohmann::json::object());
      for (const auto& [k, v] : jattrs.items()) attrs[k] = attr_from_json(v);
      std::vector<SubgraphRef> subgraphs;
      if (jn.contains("subgraphs")) {
        size_t k = 0;
        for (const auto& js : jn.at("subgraphs")) {
          try {
            subgraphs.push_back(std::make_shared<const FunctionGraph>(graph_body_from_json(js, depth + 1)));
          } catch (const ValidationError& e) {
            throw ValidationError(where + " inner graph " + std::to_string(k) + ": " + e.what());
          }
          ++k;
        }
      }
      std::vector<VarRef> outs;
      try {
        outs = apply_op(op, std::move(ins), std::move(attrs), std::move(subgraphs), jn.value("name", ""));
      } catch (const TypeError& e) {
        throw ValidationError(where + ": " + e.what());
      }
      const auto& out_ids = jn.at("outputs");
      if (out_ids.size() != outs.size())
        throw ValidationError(where + ": lists " + std::to_string(out_ids.size()) + " outputs, the op has " +
                              std::to_string(outs.size()));
      for (size_t i = 0; i < outs.size(); ++i) {
        const int64_t id = out_ids[i].get<int64_t>();
        auto decl = declared.find(id);
        if (decl == declared.end())
          throw ValidationError(where + ": output variable " + std::to_string(id) + " is not declared");
        if (vars.count(id))
          throw ValidationError(where + ": output variable " + std::to_string(id) + " is defined twice");
        const TensorType recorded = type_from_json(decl->second.at("type"));
        if (!(recorded == outs[i]->type))
          throw ValidationError(where + ": output " + std::to_string(i) + " is recorded as " + recorded.to_string() +
                                " but the op infers " + outs[i]->type.to_string());
        outs[i]->name = decl->second.value("name", "");
        vars[id] = outs[i];
      }
    }
    auto lookup = [&](const nlohmann::json& id, const char* what) {
      auto it = vars.find(id.get<int64_t>());
      if (it == vars.end()) throw ValidationError(std::string("graph ") + what + " " + id.dump() + " is not defined");
      return it->second;
    };
    std::vector<VarRef> inputs, outputs;
    for (const auto& id : j.at("inputs")) inputs.push_back(lookup(id, "input"));
    for (const auto& id : j.at("outputs")) outputs.push_back(lookup(id, "output"));
    return FunctionGraph(std::move(inputs), std::move(outputs));
  }
}

}  // namespace

nlohmann::json graph_to_json(const FunctionGraph& g) {
  nlohmann::json j = {
      {"format", "ptonnx-graph"}, {"version", kFormatVersion}, {"floatX", std::string(dtype_name(floatX()))}};
  j.update(graph_body_to_json(g));
  return j;
}

FunctionGraph graph_from_json(const nlohmann::json& j) {
  try {
    if (j.value("format", "") != "ptonnx-graph")
      throw ValidationError("not a ptonnx graph: \"format\" must be \"ptonnx-graph\"");
    if (j.value("version", 0) != kFormatVersion)
      throw ValidationError("unsupported graph format version " + std::to_string(j.value("version", 0)) +
                            " (this build reads version " + std::to_string(kFormatVersion) + ")");
    if (j.contains("floatX")) set_floatX(parse_dtype(j.at("floatX").get<std::string>()));
    return graph_body_from_json(j, 0);
  } catch (const nlohmann::json::exception& e) {
    throw ValidationError(std::string("malformed graph JSON: ") + e.what());
  }
}

std::string graph_to_json_string(const FunctionGraph& g) { return graph_to_json(g).dump(1); }

FunctionGraph graph_from_json_string(const std::string& text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw ValidationError(std::string("graph JSON does not parse: ") + e.what());
  }
  return graph_from_json(j);
}

void save_graph(const FunctionGraph& g, const std::string& path) {
  std::ofstream out(path);
  if (!out) throw ValidationError("cannot write graph file '" + path + "'");
  out << graph_to_json_string(g) << "\n";
}

FunctionGraph load_graph(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ValidationError("cannot open graph file '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  return graph_from_json_string(ss.str());
}

}  // namespace ptonnx
