// The graph JSON format: exact round trip over generated graphs, and precise
// errors on malformed files.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "core/error.h"
#include "graph/builder.h"
#include "graph/json.h"

using namespace ptonnx;

namespace {

// Structural equality of two graphs (names, kinds, types, values, attrs).
void expect_same_graph(const FunctionGraph& a, const FunctionGraph& b) {
  RC_ASSERT(graph_to_json(a) == graph_to_json(b));
  RC_ASSERT(a.nodes().size() == b.nodes().size());
  for (size_t i = 0; i < a.nodes().size(); ++i) {
    RC_ASSERT(a.nodes()[i]->op == b.nodes()[i]->op);
    RC_ASSERT(a.nodes()[i]->attrs == b.nodes()[i]->attrs);
    for (size_t k = 0; k < a.nodes()[i]->outputs.size(); ++k)
      RC_ASSERT(a.nodes()[i]->outputs[k]->type == b.nodes()[i]->outputs[k]->type);
  }
}

const char* kUnary[] = {"Neg", "Abs", "Exp", "Log", "Sqrt", "Floor", "Ceil", "Identity", "DeepCopyOp"};
const char* kBinary[] = {"Add", "Sub", "Mul", "TrueDiv", "Maximum", "Minimum", "Pow"};

}  // namespace

RC_GTEST_PROP(GraphJson, RoundTripIsExact, ()) {
  const int n_inputs = *rc::gen::inRange(1, 4);
  std::vector<VarRef> inputs, pool;
  for (int i = 0; i < n_inputs; ++i) {
    StaticShape shape;
    const int rank = *rc::gen::inRange(0, 3);
    for (int d = 0; d < rank; ++d) {
      const bool known = *rc::gen::arbitrary<bool>();
      shape.push_back(known ? StaticDim{1} : StaticDim{});
    }
    auto v = pt::tensor("in" + std::to_string(i), "float32", shape);
    inputs.push_back(v);
    pool.push_back(v);
  }
  // A constant with awkward bits: NaN, -0.0, inf.
  Tensor c(DType::Float32, {3});
  c.data<float>()[0] = std::nanf("");
  c.data<float>()[1] = -0.0f;
  c.data<float>()[2] = INFINITY;
  pool.push_back(pt::constant(c, "awkward"));
  const int n_nodes = *rc::gen::inRange(1, 12);
  for (int i = 0; i < n_nodes; ++i) {
    const int kind = *rc::gen::inRange(0, 4);
    auto pick = [&] { return pool[*rc::gen::inRange<size_t>(0, pool.size())]; };
    try {
      if (kind == 0) pool.push_back(pt::op(kUnary[*rc::gen::inRange(0, 9)], {pick()})[0]);
      else if (kind == 1) pool.push_back(pt::op(kBinary[*rc::gen::inRange(0, 7)], {pick(), pick()})[0]);
      else if (kind == 2) pool.push_back(pt::cast(pick(), std::string(dtype_name(*rc::gen::elementOf(std::vector<DType>(std::begin(kAllDTypes), std::end(kAllDTypes)))))));
      else pool.push_back(pt::round(pt::cast(pick(), "float64"), *rc::gen::element<std::string>("half_to_even", "half_away_from_zero")));
    } catch (const TypeError&) {
      // Incompatible static shapes or dtypes: skip this node.
    }
    if (*rc::gen::inRange(0, 4) == 0) pool.back()->name = "n" + std::to_string(i);
  }
  std::vector<VarRef> outputs{pool.back(), pool[*rc::gen::inRange<size_t>(0, pool.size())]};
  FunctionGraph g(inputs, outputs);
  FunctionGraph back = graph_from_json_string(graph_to_json_string(g));
  expect_same_graph(g, back);
}

TEST(GraphJson, RejectsMalformedFiles) {
  EXPECT_THROW(graph_from_json_string("{not json"), ValidationError);
  EXPECT_THROW(graph_from_json_string(R"({"format":"other"})"), ValidationError);
  const std::string undefined_input = R"({"format":"ptonnx-graph","version":1,
    "variables":[{"id":0,"kind":"input","type":{"dtype":"float32","shape":[null]}},
                 {"id":1,"kind":"intermediate","type":{"dtype":"float32","shape":[null]}}],
    "nodes":[{"op":"Exp","inputs":[7],"outputs":[1]}],"inputs":[0],"outputs":[1]})";
  try {
    graph_from_json_string(undefined_input);
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("node 0 'Exp'"), std::string::npos) << e.what();
  }
  const std::string wrong_type = R"({"format":"ptonnx-graph","version":1,
    "variables":[{"id":0,"kind":"input","type":{"dtype":"int8","shape":[null]}},
                 {"id":1,"kind":"intermediate","type":{"dtype":"int8","shape":[null]}}],
    "nodes":[{"op":"Exp","inputs":[0],"outputs":[1]}],"inputs":[0],"outputs":[1]})";
  try {
    graph_from_json_string(wrong_type);
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("float32"), std::string::npos) << e.what();
  }
  const std::string bad_attr = R"({"format":"ptonnx-graph","version":1,
    "variables":[{"id":0,"kind":"input","type":{"dtype":"float32","shape":[]}},
                 {"id":1,"kind":"intermediate","type":{"dtype":"float32","shape":[]}}],
    "nodes":[{"op":"Round","attrs":{"mode":{"string":"up"}},"inputs":[0],"outputs":[1]}],"inputs":[0],"outputs":[1]})";
  EXPECT_THROW(graph_from_json_string(bad_attr), ValidationError);
}

// An intermediate's type may be left out (the loader infers it); given,
// it must match the inference; an output id declared as another kind is an
// error naming the node.
TEST(GraphJson, IntermediateTypesAreOptional) {
  const std::string untyped = R"({"format":"ptonnx-graph","version":1,
    "variables":[{"id":0,"kind":"input","name":"x","type":{"dtype":"int8","shape":[null, 2]}},
                 {"id":1,"kind":"intermediate"}, {"id":2,"kind":"intermediate","name":"y"}],
    "nodes":[{"op":"Exp","inputs":[0],"outputs":[1]}, {"op":"Neg","inputs":[1],"outputs":[2]}],
    "inputs":[0],"outputs":[2]})";
  const FunctionGraph g = graph_from_json_string(untyped);
  ASSERT_EQ(g.outputs().size(), 1u);
  EXPECT_EQ(g.outputs()[0]->type.to_string(), "float32[?,2]");
  EXPECT_EQ(g.outputs()[0]->name, "y");
  // Saved again, the inferred types are written out and read back.
  expect_same_graph(g, graph_from_json_string(graph_to_json_string(g)));
  const std::string output_is_input = R"({"format":"ptonnx-graph","version":1,
    "variables":[{"id":0,"kind":"input","type":{"dtype":"float32","shape":[]}},
                 {"id":1,"kind":"constant","type":{"dtype":"float32","shape":[]},
                  "value":{"dtype":"float32","shape":[],"hex":"0000803f"}}, {"id":2,"kind":"input"}],
    "nodes":[{"op":"Exp","inputs":[0],"outputs":[2]}],"inputs":[0],"outputs":[2]})";
  try {
    graph_from_json_string(output_is_input);
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_NE(std::string(e.what()).find("variable 2"), std::string::npos) << e.what();
  }
}

TEST(GraphJson, TensorHexIsExact) {
  Tensor t(DType::Float16, {2});
  t.data<uint16_t>()[0] = 0x7e01;  // NaN with payload
  t.data<uint16_t>()[1] = 0x8000;  // -0
  EXPECT_TRUE(tensor_from_json(tensor_to_json(t)).bit_equal(t));
}
