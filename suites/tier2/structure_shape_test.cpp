// Tier-2 structure tests: the ONNX forms each shape / join converter emits
// per opset (axes as inputs from 13, Reshape's allowzero from 14, the exact
// opset-13 form for literal zeros, Split sizes as an input at 18 too), and
// the IR's static type inference on PyTensor's examples.
#include <gtest/gtest.h>

#include "core/tensor_proto.h"
#include "tier2_util.h"

namespace ptonnx::test {
namespace {

using V = std::vector<std::string>;
using std::nullopt;

TEST(Tier2Structure, ShapeAndShapeI) {
  auto x = pt::tensor("x", "float32", {nullopt, 3});
  FunctionGraph g({x}, {pt::shape(x), pt::shape_i(x, -2)});
  EXPECT_EQ(g.outputs()[0]->type.to_string(), "int64[2]");
  EXPECT_EQ(g.outputs()[1]->type.to_string(), "int64[]");
  for (int opset = 13; opset <= 18; ++opset) {
    auto m = export_at(g, opset);
    EXPECT_EQ(op_types(m), (V{"Shape", "Shape", "Gather"})) << opset;
  }
  EXPECT_THROW(pt::shape_i(x, 2), TypeError);
}

TEST(Tier2Structure, SpecifyShapeChecksOnlyUnprovenDims) {
  auto x = pt::tensor("x", "float32", {nullopt, 3});
  auto y = pt::specify_shape(x, {4, nullopt});
  EXPECT_EQ(y->type.to_string(), "float32[4,3]");
  auto m = export_at(FunctionGraph({x}, {y}), 13);
  // The check feeds an Expand of x to its own shape (no Reshape-then-
  // Reshape rank pin, which ONNX Runtime's optimizer throws on).
  EXPECT_TRUE(has_op(m, "Gather") && has_op(m, "Expand") && !has_op(m, "Reshape")) << text(m);
  auto z = pt::specify_shape(x, {nullopt, 3});  // dim 1 already known: nothing to check
  EXPECT_EQ(op_types(export_at(FunctionGraph({x}, {z}), 17)), (V{"Identity"}));
  EXPECT_THROW(pt::specify_shape(x, {4}), TypeError);
}

TEST(Tier2Structure, ReshapeAllowzeroFrom14) {
  auto x = pt::tensor("x", "float32", {nullopt, nullopt});
  auto s = pt::vector("s", "int64", {2});
  FunctionGraph g({x, s}, {pt::reshape(x, s, 2)});
  for (int opset = 14; opset <= 18; ++opset) {
    auto m = export_at(g, opset);
    // Negatives -> -1 (NumPy's unknown dim), the Reshape, then the rank
    // pin (Reshape to [0, 0], allowzero 0: identity) ONNX 1.12 needs.
    ASSERT_EQ(op_types(m), (V{"Less", "Where", "Reshape", "Reshape"})) << opset;
    EXPECT_EQ(int_attr(*first_node(m, "Reshape"), "allowzero"), 1);
    EXPECT_FALSE(has_attr(m.graph().node(3), "allowzero"));
  }
  // Opset 13: a runtime shape may hold a literal 0: the padded form.
  auto m13 = export_at(g, 13);
  EXPECT_TRUE(has_op(m13, "ConstantOfShape") && has_op(m13, "Slice")) << text(m13);
  EXPECT_FALSE(has_attr(*first_node(m13, "Reshape"), "allowzero"));
  // A constant shape without 0 is a plain Reshape at 13.
  auto c = pt::reshape(x, std::vector<int64_t>{-1, 2});
  EXPECT_EQ(op_types(export_at(FunctionGraph({x}, {c}), 13)), (V{"Reshape"}));
  // Any negative entry is NumPy's unknown dim: a constant -128 is written -1.
  auto mc = export_at(FunctionGraph({x}, {pt::reshape(x, std::vector<int64_t>{-128, 2})}), 14);
  ASSERT_EQ(op_types(mc), (V{"Reshape"}));
  ASSERT_EQ(mc.graph().node(0).input_size(), 2);
  for (const auto& init : mc.graph().initializer())
    if (init.name() == mc.graph().node(0).input(1)) {
      const Tensor target = from_tensor_proto(init);
      EXPECT_EQ(target.get_as_int64(0), -1);
      EXPECT_EQ(target.get_as_int64(1), 2);
    }
}

TEST(Tier2Structure, ReshapeStaticInference) {
  auto x = pt::tensor("x", "float32", {2, 6});
  EXPECT_EQ(pt::reshape(x, std::vector<int64_t>{3, -1})->type.to_string(), "float32[3,4]");
  auto y = pt::tensor("y", "int8", {4, nullopt, 3});
  // x is fully static: the one unknown dim is deduced (12 / 12), as Reshape.make_node does.
  EXPECT_EQ(pt::reshape(x, pt::shape(y), 3)->type.to_string(), "float32[4,1,3]");
  EXPECT_EQ(pt::reshape(pt::tensor("w", "float32", {nullopt}), pt::shape(y), 3)->type.to_string(), "float32[4,?,3]");
  EXPECT_THROW(pt::reshape(x, std::vector<int64_t>{5, 2}), TypeError);
}

TEST(Tier2Structure, DimShuffleDropsTransposesAndInserts) {
  auto x = pt::tensor("x", "float32", {nullopt, 1, nullopt});
  auto y = pt::dimshuffle(x, {2, -1, 0});  // drop 1, swap, insert
  EXPECT_EQ(y->type.to_string(), "float32[?,1,?]");
  for (int opset = 13; opset <= 18; ++opset) {
    auto m = export_at(FunctionGraph({x}, {y}), opset);
    EXPECT_EQ(op_types(m), (V{"Squeeze", "Transpose", "Unsqueeze"})) << opset;
    EXPECT_EQ(first_node(m, "Squeeze")->input_size(), 2);  // axes as an input
  }
  EXPECT_THROW(pt::dimshuffle(pt::tensor("z", "float32", {2, 3}), {1}), TypeError);
  EXPECT_EQ(op_types(export_at(FunctionGraph({x}, {pt::dimshuffle(x, {0, 1, 2})}), 17)), (V{"Identity"}));
}

TEST(Tier2Structure, SqueezeAndExpandDimsPassAxesAsInputs) {
  auto x = pt::tensor("x", "float32", {1, nullopt, 1});
  auto sq = pt::squeeze(x);  // axis=None: the statically-1 dims only
  EXPECT_EQ(sq->type.to_string(), "float32[?]");
  auto m = export_at(FunctionGraph({x}, {sq}), 13);
  ASSERT_EQ(op_types(m), (V{"Squeeze"}));
  EXPECT_EQ(first_node(m, "Squeeze")->input_size(), 2);
  auto ex = pt::expand_dims(x, {-1, 0});
  EXPECT_EQ(ex->type.to_string(), "float32[1,1,?,1,1]");
  for (int opset = 13; opset <= 18; ++opset) {
    auto me = export_at(FunctionGraph({x}, {ex}), opset);
    ASSERT_EQ(op_types(me), (V{"Unsqueeze"}));
    EXPECT_FALSE(has_attr(*first_node(me, "Unsqueeze"), "axes")) << opset;
  }
}

TEST(Tier2Structure, JoinCastsToTheUpcast) {
  auto a = pt::tensor("a", "int32", {2, nullopt});
  auto b = pt::tensor("b", "float32", {nullopt, 0});
  auto j = pt::join(-1, {a, b});
  EXPECT_EQ(j->type.to_string(), "float64[2,?]");
  auto m = export_at(FunctionGraph({a, b}, {j}), 13);
  EXPECT_EQ(op_types(m), (V{"Cast", "Cast", "Concat"}));
  EXPECT_EQ(int_attr(*first_node(m, "Concat"), "axis"), 1);
  auto c = pt::concatenate({b, b}, 1);
  ASSERT_NE(c->owner, nullptr);
  EXPECT_EQ(c->owner->op, "Concatenate");
  EXPECT_EQ(c->type.to_string(), "float32[?,0]");
  EXPECT_THROW(pt::join(0, {a, pt::tensor("s", "int32", {})}), TypeError);
  EXPECT_THROW(pt::join(1, {a, pt::tensor("c", "int32", {3, 3})}), TypeError);  // dim 0: 2 vs 3
}

TEST(Tier2Structure, StackOfScalarsIsAVectorAndOtherwiseUnsqueezeConcat) {
  auto s = pt::scalar("s", "int8");
  auto t = pt::scalar("t", "float32");
  auto v = pt::stack({s, t}, 0);
  EXPECT_EQ(v->type.to_string(), "float32[2]");
  EXPECT_EQ(op_types(export_at(FunctionGraph({s, t}, {v}), 13)), (V{"Cast", "Unsqueeze", "Unsqueeze", "Concat"}));
  auto x = pt::tensor("x", "float32", {nullopt, 3});
  auto y = pt::stack({x, x, x}, -1);
  EXPECT_EQ(y->type.to_string(), "float32[?,3,3]");
  auto m = export_at(FunctionGraph({x}, {y}), 18);
  EXPECT_EQ(int_attr(*first_node(m, "Concat"), "axis"), 2);
}

TEST(Tier2Structure, SplitSizesAreAnInputAtEveryOpset) {
  auto x = pt::tensor("x", "float32", {nullopt, 5});
  auto sizes = pt::constant(i64({2, 0, 3}));
  auto outs = pt::split(x, sizes, 3, -1);
  ASSERT_EQ(outs.size(), 3u);
  EXPECT_EQ(outs.at(1)->type.to_string(), "float32[?,0]");
  for (int opset = 13; opset <= 18; ++opset) {
    auto m = export_at(FunctionGraph({x}, outs), opset);
    const auto* n = first_node(m, "Split");
    ASSERT_NE(n, nullptr);
    EXPECT_EQ(n->input_size(), 2);
    EXPECT_FALSE(has_attr(*n, "num_outputs"));
    EXPECT_EQ(int_attr(*n, "axis"), 1);
  }
  auto fed = pt::vector("k", "int32", {nullopt});
  EXPECT_EQ(pt::split(x, fed, 2, 0)[0]->type.to_string(), "float32[?,5]");
}

}  // namespace
}  // namespace ptonnx::test
