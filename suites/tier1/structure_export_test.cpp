// Tier-1 structure tests of the export itself (the FunctionGraph and
// Constant rows): names, initializers, value infos, graph inputs and
// outputs, model metadata, opsets and the error messages.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "convert/errors.h"
#include "convert/registry.h"
#include "graph/builder.h"
#include "graph/op_schema.h"
#include "core/tensor_proto.h"
#include "structure_util.h"

namespace ptonnx::test {
namespace {

using V = std::vector<std::string>;

std::vector<std::string> input_names(const onnx::ModelProto& m) {
  V r;
  for (const auto& i : m.graph().input()) r.push_back(i.name());
  return r;
}
std::vector<std::string> output_names(const onnx::ModelProto& m) {
  V r;
  for (const auto& o : m.graph().output()) r.push_back(o.name());
  return r;
}

TEST(Tier1Export, ModelMetadataAndOpset) {
  auto x = pt::vector("x", "float32");
  FunctionGraph g({x}, {pt::exp(x)});
  for (int opset = kMinOpset; opset <= kMaxOpset; ++opset) {
    const auto m = export_onnx(g, [&] { ExportOptions o; o.opset = opset; o.model_name = "m1"; o.doc_string = "doc"; return o; }());
    EXPECT_EQ(m.producer_name(), "ptonnx");
    EXPECT_FALSE(m.producer_version().empty());
    ASSERT_EQ(m.opset_import_size(), 1);
    EXPECT_EQ(m.opset_import(0).domain(), "");
    EXPECT_EQ(m.opset_import(0).version(), opset);
    EXPECT_EQ(m.ir_version(), opset <= 14 ? 7 : 8);
    EXPECT_EQ(m.graph().name(), "m1");
    EXPECT_EQ(m.doc_string(), "doc");
  }
  EXPECT_THROW(export_onnx(g, at_opset(12)), UnsupportedError);
  EXPECT_THROW(export_onnx(g, at_opset(19)), UnsupportedError);
}

TEST(Tier1Export, InputsAndOutputsKeepTheGraphsOrderAndUserNames) {
  auto a = pt::vector("a", "float32"), b = pt::vector("b", "float32"), c = pt::vector("c", "float32");
  auto s = pt::named(a + b, "sum");
  auto p = pt::named(b * c, "prod");
  FunctionGraph g({c, a, b}, {p, s});
  const auto m = export_onnx(g);
  EXPECT_EQ(input_names(m), (V{"c", "a", "b"}));
  EXPECT_EQ(output_names(m), (V{"prod", "sum"})) << text(m);
}

TEST(Tier1Export, DuplicateAndMissingNamesAreMadeUnique) {
  auto x1 = pt::vector("x", "float32"), x2 = pt::vector("x", "float32");
  auto unnamed = pt::tensor("", "float32", {std::nullopt});
  auto y = pt::named(pt::exp(x1), "x");  // collides with both inputs
  auto z = pt::log(x2);                  // no name: generated
  FunctionGraph g({x1, x2, unnamed}, {y, z, pt::sqrt(unnamed)});
  const auto m = export_onnx(g);
  EXPECT_EQ(input_names(m), (V{"x", "x_1", "input2"}));
  EXPECT_EQ(output_names(m), (V{"x_2", "Log_1_out0", "Sqrt_2_out0"})) << text(m);
  // Stable: the same graph exports to the same names and bytes.
  EXPECT_EQ(export_onnx(g).SerializeAsString(), m.SerializeAsString());
}

TEST(Tier1Export, UnknownDimsBecomeNamedSymbolicDims) {
  auto x = pt::matrix("x", "float64", {std::nullopt, 3});
  FunctionGraph g({x}, {pt::named(pt::exp(x), "y")});
  const auto m = export_onnx(g);
  ASSERT_EQ(m.graph().input_size(), 1) << text(m);
  ASSERT_EQ(m.graph().output_size(), 1) << text(m);
  const auto& in = m.graph().input(0).type().tensor_type();
  EXPECT_EQ(in.elem_type(), 11);
  ASSERT_EQ(in.shape().dim_size(), 2);
  EXPECT_EQ(in.shape().dim(0).dim_param(), "x_dim0");
  EXPECT_EQ(in.shape().dim(1).dim_value(), 3);
  const auto& out = m.graph().output(0).type().tensor_type();
  ASSERT_EQ(out.shape().dim_size(), 2);
  EXPECT_EQ(out.shape().dim(0).dim_param(), "y_dim0");
  EXPECT_EQ(out.shape().dim(1).dim_value(), 3);
}

TEST(Tier1Export, ConstantsAreDeduplicatedInitializers) {
  auto x = pt::vector("x", "float32", {3});
  const Tensor w = Tensor::from_vector<float>(DType::Float32, {3}, {1.f, 2.f, 3.f});
  auto c1 = pt::constant(w, "w");
  auto c2 = pt::constant(w);  // same bytes: shares w's initializer
  auto two = pt::literal(2.0);  // float32 2.0, as a 0-d initializer
  FunctionGraph g({x}, {(x + c1) * two, x - c2, x * 2.0});
  const auto m = export_onnx(g);
  EXPECT_EQ(m.graph().initializer_size(), 2) << text(m);
  ASSERT_NE(initializer(m, "w"), nullptr);
  ASSERT_EQ(initializer(m, "w")->dims_size(), 1) << text(m);
  EXPECT_EQ(initializer(m, "w")->dims(0), 3);
  ASSERT_NE(initializer(m, "float32_2"), nullptr) << text(m);
  for (const auto* sub : nodes_of(m, "Sub")) {
    ASSERT_EQ(sub->input_size(), 2) << text(m);
    EXPECT_EQ(sub->input(1), "w");
  }
  // Initializers are not graph inputs (IR >= 4).
  EXPECT_EQ(m.graph().input_size(), 1);
}

TEST(Tier1Export, ConverterConstantsShareInitializersWithGraphConstants) {
  auto x = pt::vector("x", "float64");
  auto r = pt::round(x, "half_away_from_zero");
  FunctionGraph g({x}, {r + pt::constant(Tensor::scalar(DType::Float64, 0.5))});
  const auto m = export_onnx(g);
  // The 0.5 of the Round composition and the graph's 0.5 are one initializer.
  int halves = 0;
  for (const auto& t : m.graph().initializer()) halves += t.name().rfind("float64_0_5", 0) == 0;
  EXPECT_EQ(halves, 1) << text(m);
}

TEST(Tier1Export, SharedVariablesAreBakedIn) {
  auto x = pt::vector("x", "float64", {2});
  auto w = pt::shared("W", Tensor::from_vector<double>(DType::Float64, {2}, {0.25, -4.0}));
  FunctionGraph g({x}, {x * w});
  const auto m = export_onnx(g);
  const auto* init = initializer(m, "W");
  ASSERT_NE(init, nullptr) << text(m);
  EXPECT_EQ(from_tensor_proto(*init).get_as_double(1), -4.0);
  EXPECT_EQ(input_names(m), (V{"x"}));
}

TEST(Tier1Export, OutputsThatAreInputsConstantsOrRepeatsGetIdentities) {
  auto x = pt::vector("x", "float32");
  auto y = pt::named(pt::exp(x), "y");
  auto k = pt::constant(Tensor::from_vector<float>(DType::Float32, {2}, {1, 2}), "k");
  FunctionGraph g({x}, {x, y, y, k});
  const auto m = export_onnx(g);
  EXPECT_EQ(output_names(m), (V{"x_out", "y", "y_1", "k_out"})) << text(m);
  EXPECT_EQ(count_op(m, "Identity"), 3);
}

// An op that exists in the IR but has no converter.
std::vector<TensorType> same_type(const InferContext& c) { return {c.type(0)}; }
const OpSchemaRegistrar kNoConverter(OpSchema{"Tier1TestNoConverter", 1, 1, {}, same_type, "test only"});

TEST(Tier1Export, UnsupportedOpMessageNamesOpNodeTiersAndHowToRegister) {
  auto x = pt::vector("x", "float32");
  auto y = pt::op("Tier1TestNoConverter", {pt::exp(x)})[0];
  FunctionGraph g({x}, {y});
  try {
    export_onnx(g);
    FAIL() << "expected UnsupportedOpError";
  } catch (const UnsupportedOpError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(e.op(), "Tier1TestNoConverter");
    EXPECT_NE(msg.find("'Tier1TestNoConverter'"), std::string::npos) << msg;
    EXPECT_NE(msg.find(g.nodes().at(1)->describe()), std::string::npos) << msg;  // the node
    EXPECT_NE(msg.find("tier1: FunctionGraph, Constant, DeepCopyOp, Cast, Identity, Add"), std::string::npos) << msg;
    EXPECT_NE(msg.find("tier2:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("not in the catalog"), std::string::npos) << msg;
    EXPECT_NE(msg.find("ConverterRegistrar"), std::string::npos) << msg;
    EXPECT_NE(msg.find("lib/convert/ops/"), std::string::npos) << msg;
  }
}

TEST(Tier1Export, UnsupportedOpIsAnUnsupportedError) {
  auto x = pt::vector("x", "float32");
  FunctionGraph g({x}, {pt::op("Tier1TestNoConverter", {x})[0]});
  EXPECT_THROW(export_onnx(g), UnsupportedError);
}

TEST(Tier1Export, RegistryPicksTheNewestConverterAtOrBelowTheOpset) {
  EXPECT_NE(find_converter("Add", 13), nullptr);
  EXPECT_EQ(find_converter("Add", 12), nullptr);
  EXPECT_EQ(find_converter("Tier1TestNoConverter", 17), nullptr);
  const auto names = converter_op_names();
  for (const char* op : {"FunctionGraph", "Constant", "DeepCopyOp", "Cast", "Identity", "Add", "Sub", "Mul", "TrueDiv",
                         "Neg", "Abs", "Maximum", "Minimum", "Exp", "Log", "Sqrt", "Pow", "Floor", "Ceil", "Round"})
    EXPECT_NE(std::find(names.begin(), names.end(), op), names.end()) << op;
}

TEST(Tier1Export, WritesAFileThatParsesBack) {
  auto x = pt::vector("x", "float32");
  FunctionGraph g({x}, {pt::exp(x)});
  const std::string path = ::testing::TempDir() + "/tier1_export.onnx";
  export_onnx_file(g, path);
  std::ifstream f(path, std::ios::binary);
  onnx::ModelProto m;
  ASSERT_TRUE(m.ParseFromIstream(&f));
  EXPECT_EQ(op_types(m), (V{"Exp"}));
  std::remove(path.c_str());
  EXPECT_THROW(export_onnx_file(g, "/nonexistent-dir/x.onnx"), Error);
}

}  // namespace
}  // namespace ptonnx::test
