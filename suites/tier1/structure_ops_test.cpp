// Tier-1 structure tests, per op: which ONNX operators (and key attributes)
// each converter emits for each kind of dtype, and that every valid dtype
// combination exports to a model that passes the ONNX checker and strict
// shape inference at opsets 13-17 with the IR's output dtype and rank.
#include <gtest/gtest.h>

#include <algorithm>

#include "convert/validate.h"
#include "graph/builder.h"
#include "structure_util.h"

namespace ptonnx::test {
namespace {

using V = std::vector<std::string>;

VarRef input(size_t i, DType t, StaticShape shape) {
  return pt::tensor("x" + std::to_string(i), std::string(dtype_name(t)), std::move(shape));
}

// One node of `op` over inputs of the given dtypes (x0: [?, 3], the others
// [3], so broadcasting and a symbolic dim are always involved).
FunctionGraph one_node(const std::string& op, const std::vector<DType>& types, const Attributes& attrs = {}) {
  std::vector<VarRef> ins;
  for (size_t i = 0; i < types.size(); ++i)
    ins.push_back(input(i, types[i], i == 0 ? StaticShape{std::nullopt, 3} : StaticShape{3}));
  auto outs = pt::op(op, ins, attrs);
  return FunctionGraph(ins, outs);
}

onnx::ModelProto export_node(const std::string& op, const std::vector<DType>& types, int opset = 17,
                             const Attributes& attrs = {}) {
  return export_onnx(one_node(op, types, attrs), at_opset(opset));
}

constexpr int64_t kFloat = 1, kInt8 = 3, kInt32 = 6, kInt64 = 7, kFloat16 = 10, kDouble = 11, kUInt64 = 13;

TEST(Tier1Structure, AddCastsToTheOutputDtypeThenAdds) {
  auto m = export_node("Add", {DType::Float32, DType::Float32});
  EXPECT_EQ(op_types(m), (V{"Add"})) << text(m);
  m = export_node("Add", {DType::Int8, DType::Float32});
  EXPECT_EQ(op_types(m), (V{"Cast", "Add"})) << text(m);
  EXPECT_EQ(cast_targets(m), (std::vector<int64_t>{kFloat}));
  m = export_node("Add", {DType::Int32, DType::Float32});  // int32 + float32 -> float64
  EXPECT_EQ(cast_targets(m), (std::vector<int64_t>{kDouble, kDouble})) << text(m);
}

TEST(Tier1Structure, AddIsNaryAndLogicalOrOnBools) {
  auto m = export_node("Add", {DType::Float32, DType::Float32, DType::Float32});
  EXPECT_EQ(op_types(m), (V{"Add", "Add"})) << text(m);
  m = export_node("Add", {DType::Bool, DType::Bool});
  EXPECT_EQ(op_types(m), (V{"Or"})) << text(m);
  m = export_node("Mul", {DType::Bool, DType::Bool, DType::Bool});
  EXPECT_EQ(op_types(m), (V{"And", "And"})) << text(m);
}

TEST(Tier1Structure, NarrowIntegersAtOpset13WrapThroughInt64) {
  // Add-13 has no int8: computed in int64, wrapped with Mod, Cast back.
  auto m = export_node("Add", {DType::Int8, DType::Int8}, 13);
  EXPECT_EQ(op_types(m), (V{"Cast", "Cast", "Add", "Add", "Mod", "Sub", "Cast"})) << text(m);
  EXPECT_EQ(cast_targets(m), (std::vector<int64_t>{kInt64, kInt64, kInt8}));
  m = export_node("Sub", {DType::UInt8, DType::UInt8}, 13);  // unsigned: Mod alone
  EXPECT_EQ(op_types(m), (V{"Cast", "Cast", "Sub", "Mod", "Cast"})) << text(m);
  // Opset 14 has them natively.
  EXPECT_EQ(op_types(export_node("Add", {DType::Int8, DType::Int8}, 14)), (V{"Add"}));
  EXPECT_EQ(op_types(export_node("Mul", {DType::UInt16, DType::UInt16}, 14)), (V{"Mul"}));
}

TEST(Tier1Structure, TrueDivCastsIntegersToTheFloatOutput) {
  auto m = export_node("TrueDiv", {DType::Int32, DType::Int32});  // floatX = float64
  EXPECT_EQ(op_types(m), (V{"Cast", "Cast", "Div"})) << text(m);
  EXPECT_EQ(cast_targets(m), (std::vector<int64_t>{kDouble, kDouble}));
  EXPECT_EQ(op_types(export_node("TrueDiv", {DType::Float16, DType::Float16})), (V{"Div"}));
}

TEST(Tier1Structure, NegAndAbsByDtype) {
  EXPECT_EQ(op_types(export_node("Neg", {DType::Int8})), (V{"Neg"}));
  EXPECT_EQ(op_types(export_node("Neg", {DType::Float16})), (V{"Neg"}));
  // ONNX Neg has no unsigned types: 0 - x wraps like NumPy.
  auto m = export_node("Neg", {DType::UInt32});
  ASSERT_EQ(op_types(m), (V{"Sub"})) << text(m);
  ASSERT_EQ(m.graph().node(0).input_size(), 2) << text(m);
  const auto* zero = initializer(m, m.graph().node(0).input(0));
  ASSERT_NE(zero, nullptr) << text(m);
  EXPECT_EQ(zero->data_type(), 12);  // uint32
  EXPECT_EQ(op_types(export_node("Abs", {DType::Int16})), (V{"Abs"}));
  EXPECT_EQ(op_types(export_node("Abs", {DType::UInt8})), (V{"Identity"}));
  EXPECT_EQ(op_types(export_node("Abs", {DType::Bool})), (V{"Identity"}));
}

TEST(Tier1Structure, MaximumMinimumPropagateNaN) {
  auto m = export_node("Maximum", {DType::Float32, DType::Float32});
  // A tie (signed zeros included) keeps a, as NumPy's loop does.
  ASSERT_EQ(op_types(m), (V{"Max", "Equal", "Where", "IsNaN", "Where", "IsNaN", "Where"})) << text(m);
  ASSERT_EQ(m.graph().output_size(), 1);
  EXPECT_EQ(m.graph().node(2).input(1), "x0") << text(m);
  // The outer Where picks a where a is NaN (NumPy returns the first NaN).
  const auto& last = m.graph().node(6);
  ASSERT_EQ(last.input_size(), 3) << text(m);
  ASSERT_EQ(last.output_size(), 1) << text(m);
  EXPECT_EQ(last.input(1), "x0");
  EXPECT_EQ(last.output(0), m.graph().output(0).name());
  EXPECT_EQ(op_types(export_node("Minimum", {DType::Float64, DType::Float64})),
            (V{"Min", "Equal", "Where", "IsNaN", "Where", "IsNaN", "Where"}));
  // 64-bit integers compare and select (ONNX Runtime's int64 Max is wrong:
  // ort/defects/max_int64_low_word.onnxtxt).
  EXPECT_EQ(op_types(export_node("Maximum", {DType::Int64, DType::Int8})), (V{"Cast", "Greater", "Where"}));
  EXPECT_EQ(op_types(export_node("Maximum", {DType::Bool, DType::Bool})), (V{"Or"}));
  EXPECT_EQ(op_types(export_node("Minimum", {DType::Bool, DType::Bool})), (V{"And"}));
}

TEST(Tier1Structure, FloatUnaryOpsCastIntegersFirst) {
  for (const char* op : {"Exp", "Log", "Sqrt"}) {
    auto m = export_node(op, {DType::Int8});  // upgrade_to_float: float32
    EXPECT_EQ(op_types(m), (V{"Cast", op})) << text(m);
    EXPECT_EQ(cast_targets(m), (std::vector<int64_t>{kFloat}));
    EXPECT_EQ(op_types(export_node(op, {DType::Float16})), (V{op}));
  }
  for (const char* op : {"Floor", "Ceil"}) {
    EXPECT_EQ(op_types(export_node(op, {DType::Float32})), (V{op}));
    auto m = export_node(op, {DType::Int32});  // float64; floor of an integral float is itself
    EXPECT_EQ(op_types(m), (V{"Cast"})) << text(m);
    EXPECT_EQ(cast_targets(m), (std::vector<int64_t>{kDouble}));
  }
}

TEST(Tier1Structure, RoundModes) {
  EXPECT_EQ(op_types(export_node("Round", {DType::Float32}, 17, {{"mode", std::string("half_to_even")}})),
            (V{"Round"}));
  EXPECT_EQ(op_types(export_node("Round", {DType::Float32})), (V{"Round"}));  // default mode
  auto m = export_node("Round", {DType::Float64}, 17, {{"mode", std::string("half_away_from_zero")}});
  ASSERT_EQ(op_types(m), (V{"Greater", "Add", "Sub", "Floor", "Ceil", "Where"})) << text(m);
  ASSERT_EQ(m.graph().node(1).input_size(), 2) << text(m);
  ASSERT_EQ(m.graph().node(5).input_size(), 3) << text(m);
  // floor(x + 0.5) where x > 0, with 0.5 in the input's dtype.
  const auto* half = initializer(m, m.graph().node(1).input(1));
  ASSERT_NE(half, nullptr);
  EXPECT_EQ(half->data_type(), kDouble);
  EXPECT_EQ(m.graph().node(3).input(0), m.graph().node(1).output(0));  // Floor(x + 0.5)
  EXPECT_EQ(m.graph().node(5).input(1), m.graph().node(3).output(0));  // where x > 0
  // float16/float32 compute in float64 as PyTensor's Python floats do.
  m = export_node("Round", {DType::Float32}, 17, {{"mode", std::string("half_away_from_zero")}});
  EXPECT_EQ(cast_targets(m), (std::vector<int64_t>{kDouble, kFloat})) << text(m);
}

TEST(Tier1Structure, PowByOutputDtype) {
  auto m = export_node("Pow", {DType::Float32, DType::Int8});
  EXPECT_EQ(op_types(m), (V{"Cast", "Pow"})) << text(m);
  // Integers: exponentiation by squaring in one uint64 Loop, no ONNX Pow
  // (ONNX Runtime computes integer Pow through double; ops/elemwise_int_pow.cpp),
  // and never a Cast of an out-of-range value (arith::cast_mod_2_64).
  for (const DType t : {DType::Int8, DType::Int32, DType::Int64, DType::UInt8, DType::UInt32, DType::UInt64}) {
    m = export_node("Pow", {t, t});
    const V ops = op_types(m);
    EXPECT_EQ(std::count(ops.begin(), ops.end(), "Pow"), 0) << text(m);
    EXPECT_EQ(std::count(ops.begin(), ops.end(), "Loop"), 1) << text(m);
  }
  m = export_node("Pow", {DType::Int8, DType::Int8});  // wrapped back to int8
  ASSERT_FALSE(cast_targets(m).empty()) << text(m);
  EXPECT_EQ(cast_targets(m).back(), kInt8) << text(m);
  m = export_node("Pow", {DType::Bool, DType::Bool});  // bool ** bool is int8
  ASSERT_FALSE(cast_targets(m).empty()) << text(m);
  EXPECT_EQ(cast_targets(m).back(), kInt8) << text(m);
}

TEST(Tier1Structure, CastForms) {
  auto cast = [](DType from, DType to) {
    return export_node("Cast", {from}, 17, {{"dtype", std::string(dtype_name(to))}});
  };
  auto m = cast(DType::Float32, DType::Int32);  // truncate explicitly, then Cast
  EXPECT_EQ(op_types(m), (V{"Less", "Ceil", "Floor", "Where", "Cast"})) << text(m);
  EXPECT_EQ(cast_targets(m), (std::vector<int64_t>{kInt32}));
  m = cast(DType::Int32, DType::Bool);  // x != 0
  EXPECT_EQ(op_types(m), (V{"Equal", "Not"})) << text(m);
  m = cast(DType::Float64, DType::Bool);
  EXPECT_EQ(op_types(m), (V{"Equal", "Not"})) << text(m);
  m = cast(DType::Float64, DType::Float16);
  EXPECT_EQ(op_types(m), (V{"Cast"}));
  EXPECT_EQ(cast_targets(m), (std::vector<int64_t>{kFloat16}));
  EXPECT_EQ(op_types(cast(DType::Bool, DType::Float32)), (V{"Cast"}));
  EXPECT_EQ(op_types(cast(DType::Int8, DType::Int8)), (V{"Identity"}));
}

TEST(Tier1Structure, IdentityAndDeepCopy) {
  EXPECT_EQ(op_types(export_node("Identity", {DType::UInt16})), (V{"Identity"}));
  EXPECT_EQ(op_types(export_node("DeepCopyOp", {DType::Bool})), (V{"Identity"}));
}

// Every op, every dtype combination the IR accepts, opsets 13-18: the model
// validates (checker + strict inference, opset <= 17) and ONNX infers the
// IR's output dtype and rank. Opset 18 models declare opset 18 and use the
// same operators as at 17 (no tier-1 operator changed at 18).
void sweep(const std::string& op, const std::vector<DType>& types, const Attributes& attrs, int& exported) {
  std::optional<FunctionGraph> g;
  try {
    g.emplace(one_node(op, types, attrs));
  } catch (const TypeError&) {
    return;  // a combination PyTensor rejects (e.g. Sub of bools)
  }
  std::vector<std::string> ops17;
  for (int opset = kMinOpset; opset <= kMaxOpset; ++opset) {
    SCOPED_TRACE(op + " opset " + std::to_string(opset) + " " + g->summary());
    onnx::ModelProto m;
    ASSERT_NO_THROW(m = export_onnx(*g, at_opset(opset)));
    ASSERT_EQ(m.opset_import_size(), 1);
    ASSERT_EQ(m.opset_import(0).version(), opset);
    if (opset <= kMaxCheckedOpset) {
      const auto inferred = infer_output_types(m);
      ASSERT_EQ(inferred.size(), 1u);
      EXPECT_EQ(inferred[0].tensor_type().elem_type(), dtype_to_onnx(g->outputs()[0]->type.dtype)) << text(m);
      EXPECT_EQ(inferred[0].tensor_type().shape().dim_size(), g->outputs()[0]->type.ndim()) << text(m);
    }
    if (opset == 17) ops17 = op_types(m);
    if (opset == 18) {
      EXPECT_EQ(op_types(m), ops17);
    }
    ++exported;
  }
}

TEST(Tier1Structure, EveryDtypeOfEveryOpValidatesAtEveryOpset) {
  int exported = 0;
  for (const char* op : {"Neg", "Abs", "Exp", "Log", "Sqrt", "Floor", "Ceil", "Identity", "DeepCopyOp"})
    for (const DType t : kAllDTypes) sweep(op, {t}, {}, exported);
  for (const char* mode : {"half_to_even", "half_away_from_zero"})
    for (const DType t : kAllDTypes) sweep("Round", {t}, {{"mode", std::string(mode)}}, exported);
  for (const DType from : kAllDTypes)
    for (const DType to : kAllDTypes) sweep("Cast", {from}, {{"dtype", std::string(dtype_name(to))}}, exported);
  for (const char* op : {"Add", "Sub", "Mul", "TrueDiv", "Maximum", "Minimum", "Pow"})
    for (const DType a : kAllDTypes)
      for (const DType b : kAllDTypes) sweep(op, {a, b}, {}, exported);
  for (const DType t : kAllDTypes) {
    sweep("Add", {t, t, DType::Int8}, {}, exported);
    sweep("Mul", {DType::Bool, t, t}, {}, exported);
  }
  // 9 unary ops x 12 + 12 (Round, floats only x 2 modes = 6) + 144 casts +
  // 7 x 144 binary minus the bool Subs, at 6 opsets each.
  EXPECT_GT(exported, 6 * (9 * 12 + 6 + 144 + 7 * 144 - 30));
}

}  // namespace
}  // namespace ptonnx::test
