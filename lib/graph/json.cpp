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

// Readers that name the field at fault: nlohmann's own messages ("type
// must be number, but is string") do not say where in a large graph file
// the bad value is. `where` reads like "variable 3: \"type\".\"shape\"[1]".
using Json = nlohmann::json;

std::string brief(const Json& v) {
  std::string s = v.dump();
  return s.size() > 40 ? s.substr(0, 37) + "..." : s;
}

const Json& field(const Json& j, const char* key, const std::string& where) {
  if (!j.is_object()) throw ValidationError(where + " must be a JSON object, got " + j.type_name() + " " + brief(j));
  auto it = j.find(key);
  if (it == j.end()) throw ValidationError(where + ": missing field \"" + key + "\"");
  return *it;
}

std::string sub(const std::string& where, const char* key) { return where + ": \"" + key + "\""; }

int64_t as_int(const Json& v, const std::string& what) {
  // An unsigned value above INT64_MAX would wrap in get<int64_t>().
  if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX)))
    throw ValidationError(what + " must be an int64 integer, got " + v.type_name() + " " + brief(v));
  return v.get<int64_t>();
}

double as_double(const Json& v, const std::string& what) {
  if (!v.is_number()) throw ValidationError(what + " must be a number, got " + v.type_name() + " " + brief(v));
  return v.get<double>();
}

const std::string& as_string(const Json& v, const std::string& what) {
  if (!v.is_string()) throw ValidationError(what + " must be a string, got " + v.type_name() + " " + brief(v));
  return v.get_ref<const std::string&>();
}

const Json& as_array(const Json& v, const std::string& what) {
  if (!v.is_array()) throw ValidationError(what + " must be an array, got " + v.type_name() + " " + brief(v));
  return v;
}

std::vector<int64_t> as_ints(const Json& v, const std::string& what) {
  std::vector<int64_t> out;
  size_t i = 0;
  for (const auto& x : as_array(v, what)) out.push_back(as_int(x, what + "[" + std::to_string(i++) + "]"));
  return out;
}

DType as_dtype(const Json& v, const std::string& what) {
  try {
    return parse_dtype(as_string(v, what));
  } catch (const ValidationError&) {
    throw;
  } catch (const Error& e) {
    throw ValidationError(what + ": " + e.what());
  }
}

// Static dims are null (unknown) or >= 0: a negative dim would be exported
// as a dim_value the ONNX runtime refuses, and INT64_MIN overflows the
// shape arithmetic of type inference.
StaticShape shape_from_json(const Json& j, const std::string& what) {
  StaticShape s;
  size_t i = 0;
  for (const auto& d : as_array(j, what)) {
    const std::string at = what + "[" + std::to_string(i++) + "]";
    if (d.is_null()) {
      s.push_back(StaticDim{});
      continue;
    }
    const int64_t v = as_int(d, at);
    if (v < 0) throw ValidationError(at + " is a negative dim (" + std::to_string(v) + "); use null for unknown");
    s.push_back(StaticDim{v});
  }
  return s;
}

nlohmann::json type_to_json(const TensorType& t) {
  return {{"dtype", std::string(dtype_name(t.dtype))}, {"shape", shape_to_json(t.shape)}};
}

TensorType type_from_json(const Json& j, const std::string& where) {
  return TensorType{as_dtype(field(j, "dtype", where), sub(where, "dtype")),
                    shape_from_json(field(j, "shape", where), sub(where, "shape"))};
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

AttrValue attr_from_json(const Json& j, const std::string& where) {
  if (!j.is_object()) throw ValidationError(where + " must be a JSON object, got " + j.type_name() + " " + brief(j));
  if (j.contains("int")) return as_int(j.at("int"), sub(where, "int"));
  if (j.contains("float")) return as_double(j.at("float"), sub(where, "float"));
  if (j.contains("string")) return as_string(j.at("string"), sub(where, "string"));
  if (j.contains("ints")) return as_ints(j.at("ints"), sub(where, "ints"));
  throw ValidationError(where + " " + brief(j) + " has no kind (int, float, string or ints)");
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

Tensor tensor_from_json(const nlohmann::json& j, const std::string& where, int64_t max_elements) {
  const DType dtype = as_dtype(field(j, "dtype", where), sub(where, "dtype"));
  const Shape shape = as_ints(field(j, "shape", where), sub(where, "shape"));
  const std::string& hex = as_string(field(j, "hex", where), sub(where, "hex"));
  for (int64_t d : shape)
    if (d < 0) throw ValidationError(where + ": negative dim in shape " + shape_to_string(shape));
  // Sizes are checked against the data present BEFORE allocating: a short
  // file may claim gigabytes.
  const int64_t n = shape_numel(shape);  // LimitError on overflow
  if (n > max_elements)
    throw LimitError(where + ": " + std::to_string(n) + " elements exceed the limit of " +
                     std::to_string(max_elements) + " per constant");
  const auto nbytes = static_cast<size_t>(n) * dtype_size(dtype);
  if (hex.size() != nbytes * 2)
    throw ValidationError(where + ": hex data has " + std::to_string(hex.size()) + " digits, expected " +
                          std::to_string(nbytes * 2) + " for " + std::string(dtype_name(dtype)) + " " +
                          shape_to_string(shape));
  auto nibble = [&](char c) -> uint8_t {
    if (c >= '0' && c <= '9') return static_cast<uint8_t>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<uint8_t>(c - 'a' + 10);
    throw ValidationError(where + ": invalid hex digit '" + std::string(1, c) + "'");
  };
  Tensor t(dtype, shape);
  for (size_t i = 0; i < nbytes; ++i)
    t.raw()[i] = static_cast<std::byte>((nibble(hex[2 * i]) << 4) | nibble(hex[2 * i + 1]));
  return t;
}

Tensor tensor_from_json(const nlohmann::json& j) { return tensor_from_json(j, "tensor", kMaxJsonTensorElements); }

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

FunctionGraph graph_body_from_json(const Json& j, int depth, const std::string& gwhere) {
  if (depth > kMaxGraphNesting)
    throw ValidationError("inner graphs nest deeper than " + std::to_string(kMaxGraphNesting) + " levels");
  if (!j.is_object()) throw ValidationError(gwhere + "graph must be a JSON object, got " + std::string(j.type_name()));
  std::map<int64_t, VarRef> vars;
  std::map<int64_t, const Json*> declared;
  size_t vindex = 0;
  for (const auto& jv : as_array(field(j, "variables", gwhere + "graph"), gwhere + "\"variables\"")) {
    const std::string vat = gwhere + "variables[" + std::to_string(vindex++) + "]";
    const int64_t id = as_int(field(jv, "id", vat), sub(vat, "id"));
    const std::string where = gwhere + "variable " + std::to_string(id);
    if (!declared.emplace(id, &jv).second) throw ValidationError(where + " declared twice");
    const std::string& kind = as_string(field(jv, "kind", where), sub(where, "kind"));
    const std::string name = jv.contains("name") ? as_string(jv.at("name"), sub(where, "name")) : "";
    // An intermediate's type may be left out: the loader infers it (and
    // checks it against the op's inference when it is given).
    if (kind == "intermediate") continue;
    const TensorType type = type_from_json(field(jv, "type", where), sub(where, "type"));
    if (kind == "input") {
      vars[id] = make_input(name, type);
    } else if (kind == "constant" || kind == "shared") {
      Tensor value = tensor_from_json(field(jv, "value", where), sub(where, "value"));
      vars[id] = kind == "constant" ? make_constant(std::move(value), name)
                                    : make_shared_variable(name, std::move(value), type.shape);
      if (!(vars[id]->type == type))
        throw ValidationError(where + ": declared type " + type.to_string() + " does not match its value " +
                              vars[id]->value->describe());
    } else {
      throw ValidationError(where + ": unknown kind '" + kind + "' (input, constant, shared, intermediate)");
    }
  }
  size_t index = 0;
  for (const auto& jn : as_array(field(j, "nodes", gwhere + "graph"), gwhere + "\"nodes\"")) {
    const std::string nat = gwhere + "node " + std::to_string(index);
    const std::string op = as_string(field(jn, "op", nat), sub(nat, "op"));
    const std::string where = gwhere + "node " + std::to_string(index++) + " '" + op + "'";
    std::vector<VarRef> ins;
    for (const auto& id : as_array(field(jn, "inputs", where), sub(where, "inputs"))) {
      auto it = vars.find(as_int(id, sub(where, "inputs") + " entry"));
      if (it == vars.end())
        throw ValidationError(where + ": input variable " + id.dump() +
                              " is not defined before use (undeclared, or a cycle)");
      ins.push_back(it->second);
    }
    Attributes attrs;
    if (jn.contains("attrs")) {
      const Json& jattrs = jn.at("attrs");
      if (!jattrs.is_object())
        throw ValidationError(sub(where, "attrs") + " must be a JSON object, got " + std::string(jattrs.type_name()));
      for (const auto& [k, v] : jattrs.items()) attrs[k] = attr_from_json(v, where + ": attribute '" + k + "'");
    }
    std::vector<SubgraphRef> subgraphs;
    if (jn.contains("subgraphs")) {
      size_t k = 0;
      for (const auto& js : as_array(jn.at("subgraphs"), sub(where, "subgraphs"))) {
        const std::string inner = where + " inner graph " + std::to_string(k++) + ": ";
        subgraphs.push_back(std::make_shared<const FunctionGraph>(graph_body_from_json(js, depth + 1, inner)));
      }
    }
    const std::string node_name = jn.contains("name") ? as_string(jn.at("name"), sub(where, "name")) : "";
    std::vector<VarRef> outs;
    try {
      outs = apply_op(op, std::move(ins), std::move(attrs), std::move(subgraphs), node_name);
    } catch (const TypeError& e) {
      throw ValidationError(where + ": " + e.what());
    } catch (const Error&) {
      throw;
    } catch (const std::exception& e) {  // an attribute of the wrong kind, ...
      throw ValidationError(where + ": " + e.what());
    }
    const Json& out_ids = as_array(field(jn, "outputs", where), sub(where, "outputs"));
    if (out_ids.size() != outs.size())
      throw ValidationError(where + ": lists " + std::to_string(out_ids.size()) + " outputs, the op has " +
                            std::to_string(outs.size()));
    for (size_t i = 0; i < outs.size(); ++i) {
      const int64_t id = as_int(out_ids[i], sub(where, "outputs") + "[" + std::to_string(i) + "]");
      auto decl = declared.find(id);
      if (decl == declared.end())
        throw ValidationError(where + ": output variable " + std::to_string(id) + " is not declared");
      if (vars.count(id))
        throw ValidationError(where + ": output variable " + std::to_string(id) + " is defined twice");
      const std::string vwhere = gwhere + "variable " + std::to_string(id);
      const Json& d = *decl->second;
      const std::string& kind = as_string(field(d, "kind", vwhere), sub(vwhere, "kind"));
      if (kind != "intermediate")
        throw ValidationError(where + ": output variable " + std::to_string(id) + " is declared as kind '" + kind +
                              "', not 'intermediate'");
      if (d.contains("type")) {
        const TensorType recorded = type_from_json(d.at("type"), sub(vwhere, "type"));
        if (!(recorded == outs[i]->type))
          throw ValidationError(where + ": output " + std::to_string(i) + " is recorded as " +
                                recorded.to_string() + " but the op infers " + outs[i]->type.to_string());
      }
      outs[i]->name = d.contains("name") ? as_string(d.at("name"), sub(vwhere, "name")) : "";
      vars[id] = outs[i];
    }
  }
  auto lookup = [&](const Json& id, const char* what) {
    auto it = vars.find(as_int(id, gwhere + "graph " + what));
    if (it == vars.end()) throw ValidationError(gwhere + "graph " + what + " " + id.dump() + " is not defined");
    return it->second;
  };
  std::vector<VarRef> inputs, outputs;
  for (const auto& id : as_array(field(j, "inputs", gwhere + "graph"), gwhere + "\"inputs\""))
    inputs.push_back(lookup(id, "input"));
  for (const auto& id : as_array(field(j, "outputs", gwhere + "graph"), gwhere + "\"outputs\""))
    outputs.push_back(lookup(id, "output"));
  return FunctionGraph(std::move(inputs), std::move(outputs));
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
    if (!j.is_object())
      throw ValidationError("not a ptonnx graph: the file holds a JSON " + std::string(j.type_name()));
    if (!j.contains("format") || !j.at("format").is_string() || j.at("format").get<std::string>() != "ptonnx-graph")
      throw ValidationError("not a ptonnx graph: \"format\" must be \"ptonnx-graph\"");
    const int64_t version = j.contains("version") ? as_int(j.at("version"), "\"version\"") : 0;
    if (version != kFormatVersion)
      throw ValidationError("unsupported graph format version " + std::to_string(version) +
                            " (this build reads version " + std::to_string(kFormatVersion) + ")");
    if (j.contains("floatX")) set_floatX(as_dtype(j.at("floatX"), "\"floatX\""));
    return graph_body_from_json(j, 0, "");
  } catch (const nlohmann::json::exception& e) {
    // Every read above names its field; this is a backstop.
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
