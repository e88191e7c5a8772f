// Tier-3 reductions: the ONNX forms the converters emit per opset, a sweep
// of every reduction x dtype x opset through the ONNX checker, PyTensor's
// corner cases checked end to end against the oracle, and the runtime-error
// decisions of docs/runtime-errors.md ("Reductions").
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "check/driver.h"
#include "convert/export.h"
#include "graph/builder.h"
#include "oracles/oracle.h"
#include "runtime/model.h"
#include "suites/common/onnx_lookup.h"

namespace ptonnx {
namespace {

using pt::Axes;
using test::attribute_of;
using test::first_node_of;

onnx::ModelProto export_at(const FunctionGraph& g, int opset) {
  ExportOptions o;
  o.opset = opset;
  return export_onnx(g, o);
}

int count_op(const onnx::ModelProto& m, const std::string& op) {
  int k = 0;
  for (const auto& n : m.graph().node()) k += n.op_type() == op;
  return k;
}

// Never null: throws, naming the model's ops, when there is no such node.
const onnx::NodeProto* first(const onnx::ModelProto& m, const std::string& op) {
  return &first_node_of(m.graph(), op);
}

bool has_attr(const onnx::NodeProto& n, const std::string& name) {
  for (const auto& a : n.attribute())
    if (a.name() == name) return true;
  return false;
}

std::shared_ptr<FunctionGraph> graph1(const VarRef& x, const VarRef& y) {
  return std::make_shared<FunctionGraph>(std::vector<VarRef>{x}, std::vector<VarRef>{pt::named(y, "y")});
}

// Runs the case through the differential driver; expects a pass.
void expect_pass(const FunctionGraph& g, const Tensor& input, int opset = 17) {
  check::DriverOptions o;
  o.opset = opset;
  const auto r = check::run_case(g, {input}, o);
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << r.message;
}

Tensor oracle1(const FunctionGraph& g, const Tensor& input) { return oracle::evaluate(g, {input}).at(0); }

TEST(ReductionStructure, SumOfFloat32AccumulatesInFloat64AtEveryOpset) {
  auto x = pt::matrix("x", "float32");
  auto g = graph1(x, pt::sum(x, std::vector<int64_t>{-1}));
  for (int opset = 13; opset <= 18; ++opset) {
    const auto m = export_at(*g, opset);
    const auto* rs = first(m, "ReduceSum");
    ASSERT_NE(rs, nullptr);
    EXPECT_EQ(rs->input_size(), 2) << "ReduceSum takes axes as an input from opset 13";
    EXPECT_EQ(count_op(m, "Cast"), 2) << "float32 -> float64 -> float32";
  }
}

TEST(ReductionStructure, ReduceMaxAxesAttributeBefore18InputFrom18) {
  auto x = pt::matrix("x", "int32");
  auto g = graph1(x, pt::max(x, std::vector<int64_t>{0}, true));
  const auto m17 = export_at(*g, 17), m18 = export_at(*g, 18);
  EXPECT_TRUE(has_attr(*first(m17, "ReduceMax"), "axes"));
  EXPECT_EQ(first(m17, "ReduceMax")->input_size(), 1);
  EXPECT_FALSE(has_attr(*first(m18, "ReduceMax"), "axes"));
  EXPECT_EQ(first(m18, "ReduceMax")->input_size(), 2);
}

TEST(ReductionStructure, EmptyAxisTupleIsACopyWithoutReduce) {
  auto x = pt::matrix("x", "int8");
  auto g = graph1(x, pt::sum(x, std::vector<int64_t>{}));
  EXPECT_EQ(g->outputs()[0]->type.dtype, DType::Int64);
  const auto m = export_at(*g, 13);
  EXPECT_EQ(count_op(m, "ReduceSum"), 0) << "an empty axes input would reduce every axis";
  auto y = pt::matrix("y", "float32");
  EXPECT_EQ(count_op(export_at(*graph1(y, pt::max(y, std::vector<int64_t>{})), 18), "ReduceMax"), 0);
}

TEST(ReductionStructure, MaxGuardsNaNAndWidensTypesReduceMaxLacks) {
  auto f = pt::vector("f", "float16");
  EXPECT_EQ(count_op(export_at(*graph1(f, pt::max(f)), 17), "IsNaN"), 1);
  auto b = pt::vector("b", "bool");
  const auto mb = export_at(*graph1(b, pt::min(b)), 17);
  EXPECT_EQ(attribute_of(*first(mb, "Cast"), "to").i(), onnx::TensorProto::UINT8);
  auto s = pt::vector("s", "int16");
  const auto ms = export_at(*graph1(s, pt::max(s)), 13);
  EXPECT_EQ(attribute_of(*first(ms, "Cast"), "to").i(), onnx::TensorProto::INT32);
}

TEST(ReductionStructure, ArgminOfSignedIntsIsArgmaxOfNeg) {
  auto x = pt::matrix("x", "int8");
  const auto m = export_at(*graph1(x, pt::argmin(x, std::vector<int64_t>{1})), 17);
  EXPECT_EQ(count_op(m, "Neg"), 1);
  EXPECT_EQ(count_op(m, "ArgMax"), 1);
  EXPECT_EQ(count_op(m, "ArgMin"), 0);
}

TEST(ReductionStructure, ArgmaxOverSeveralAxesTransposesAndFlattens) {
  auto x = pt::tensor("x", "float64", {std::nullopt, 3, std::nullopt});
  const auto m = export_at(*graph1(x, pt::argmax(x, std::vector<int64_t>{0, 2}, true)), 17);
  EXPECT_EQ(count_op(m, "Transpose"), 1);
  EXPECT_GE(count_op(m, "Reshape"), 1);
  EXPECT_EQ(count_op(m, "Unsqueeze"), 1) << "keepdims after a flattened reduction";
}

// Every reduction, every valid dtype, opsets 13-17 (the ONNX version linked
// validates up to 17): checker, strict shape inference, output types.
TEST(ReductionStructure, EveryOpDtypeAndOpsetPassesValidation) {
  const std::vector<std::string> ops{"Sum", "Prod", "Max", "Min", "All", "Any", "Argmax", "Argmin"};
  for (DType t : kAllDTypes)
    for (int opset = 13; opset <= 17; ++opset) {
      auto x = pt::tensor("x", std::string(dtype_name(t)), {std::nullopt, 2, 3});
      std::vector<VarRef> outs;
      for (const auto& op : ops) {
        outs.push_back(apply_op1(op, {x}, {{"axis", std::vector<int64_t>{0, -1}}, {"keepdims", int64_t{1}}}));
        outs.push_back(apply_op1(op, {x}, {}));
      }
      for (const std::string sop : {"Add", "Mul", "Maximum", "Minimum"})
        outs.push_back(pt::careduce(sop, x, std::vector<int64_t>{1}));
      outs.push_back(pt::mean(x, std::vector<int64_t>{0}));
      if (t != DType::Bool) outs.push_back(pt::std(x, std::nullopt, true));
      for (size_t i = 0; i < outs.size(); ++i) outs[i]->name = "y" + std::to_string(i);
      FunctionGraph g({x}, outs);
      EXPECT_NO_THROW(export_at(g, opset)) << dtype_name(t) << " opset " << opset;
    }
}

// ---- PyTensor's corner cases, end to end --------------------------------

TEST(ReductionSemantics, ArgminWrapsLikeArgmaxOfNegation) {
  auto x = pt::vector("x", "int8");
  auto g = graph1(x, pt::argmin(x));
  const Tensor v = Tensor::from_vector<int>(DType::Int8, {2}, {-128, 0});
  EXPECT_EQ(oracle1(*g, v).get_as_int64(0), 1) << "-(-128) wraps to -128, the smallest of -x";
  expect_pass(*g, v);
}

TEST(ReductionSemantics, ArgmaxFirstNaNWinsAndTiesTakeTheFirst) {
  auto x = pt::matrix("x", "float32");
  auto g = graph1(x, pt::argmax(x, std::vector<int64_t>{1}));
  const double nan = std::nan("");
  const Tensor v = Tensor::from_vector<double>(DType::Float32, {2, 4}, {1, 3, 3, 2, 1, nan, 5, nan});
  const Tensor r = oracle1(*g, v);
  EXPECT_EQ(r.get_as_int64(0), 1);
  EXPECT_EQ(r.get_as_int64(1), 1);
  for (int opset : {13, 18}) expect_pass(*g, v, opset);
}

TEST(ReductionSemantics, Int64SumWrapsAndSmallIntSumsUpcast) {
  auto x = pt::vector("x", "int64");
  Tensor v(DType::Int64, {2});
  v.data<int64_t>()[0] = std::numeric_limits<int64_t>::max();
  v.data<int64_t>()[1] = 1;
  auto g = graph1(x, pt::sum(x));
  EXPECT_EQ(oracle1(*g, v).get_as_int64(0), std::numeric_limits<int64_t>::min());
  expect_pass(*g, v);
  auto b = pt::vector("b", "int8");
  auto gb = graph1(b, pt::careduce("Add", b));
  const Tensor vb = Tensor::from_vector<int>(DType::Int8, {3}, {100, 100, 100});
  EXPECT_EQ(oracle1(*gb, vb).get_as_int64(0), 44) << "CAReduce keeps int8: 300 wraps to 44";
  expect_pass(*gb, vb, 13);
}

// np.add.reduce over no axes adds each element to the identity 0, so a
// -0.0 comes out +0.0 (and 1 / it is +inf, not -inf); np.multiply.reduce
// and maximum keep it. Found by a tier-5 random graph (Sum(axis=()) ->
// TrueDiv -> Pow(-1): inf expected, -inf computed).
TEST(ReductionSemantics, SumOverNoAxesTurnsNegativeZeroPositive) {
  const std::pair<DType, const char*> types[] = {{DType::Float16, "float16"}, {DType::Float32, "float32"},
                                                 {DType::Float64, "float64"}};
  for (const auto& [t, name] : types) {
    auto x = pt::matrix("x", name);
    Tensor v(t, {1, 2});
    v.set_from_double(0, -0.0);
    v.set_from_double(1, 1.5);
    for (auto y : {pt::sum(x, std::vector<int64_t>{}), pt::prod(x, std::vector<int64_t>{}),
                   pt::max(x, std::vector<int64_t>{})}) {
      auto g = graph1(x, y);
      check::DriverOptions o;
      o.signed_zero = true;
      const auto r = check::run_case(*g, {v}, o);
      ASSERT_EQ(r.outcome, check::Outcome::Pass) << name << ": " << r.message;
      const bool is_sum = g->nodes().back()->op == "Sum";
      EXPECT_EQ(std::signbit(r.actual.at(0).get_as_double(0)), !is_sum) << name << " " << g->nodes().back()->op;
    }
  }
}

TEST(ReductionSemantics, EmptyReductionsGiveTheIdentity) {
  auto x = pt::matrix("x", "float64");
  const Tensor empty(DType::Float64, {0, 3});
  for (auto y : {pt::sum(x, std::vector<int64_t>{0}), pt::prod(x, std::vector<int64_t>{0}),
                 pt::all(x, std::vector<int64_t>{0}), pt::any(x, std::vector<int64_t>{0})})
    for (int opset : {13, 17, 18}) expect_pass(*graph1(x, y), empty, opset);
}

TEST(ReductionSemantics, MeanVarStdFollowPyTensorDtypes) {
  auto h = pt::vector("h", "float16");
  EXPECT_EQ(pt::mean(h)->type.dtype, DType::Float16);
  auto i = pt::vector("i", "int8");
  EXPECT_EQ(pt::mean(i)->type.dtype, DType::Float64);
  EXPECT_EQ(pt::var(pt::vector("f", "float32"))->type.dtype, DType::Float32);
  EXPECT_THROW(pt::var(pt::vector("b", "bool")), TypeError);
  auto x = pt::matrix("x", "float64");
  auto g = graph1(x, pt::var(x, std::vector<int64_t>{1}));
  const Tensor v = Tensor::from_vector<double>(DType::Float64, {1, 4}, {1, 2, 3, 4});
  EXPECT_DOUBLE_EQ(oracle1(*g, v).get_as_double(0), 1.25);
  expect_pass(*g, v);
}

// ---- decisions (docs/runtime-errors.md, "Reductions") ---------------------

TEST(ReductionDecisions, BitwiseCAReduceOfIntegersIsRefused) {
  auto x = pt::vector("x", "int32");
  auto g = graph1(x, pt::careduce("XOR", x));
  EXPECT_THROW(export_at(*g, 17), UnsupportedError);
  auto b = pt::vector("b", "bool");
  expect_pass(*graph1(b, pt::careduce("XOR", b)), Tensor::from_vector<int>(DType::Bool, {3}, {1, 1, 1}));
}

// PyTensor raises for Max/Min/Argmax over an empty axis; the exported
// Max/Min model runs and returns ReduceMax's empty value (-inf, +inf for
// Min: ONNX 18's definition, the runtime's at every opset), while ArgMax of
// an empty axis is a runtime error.
TEST(ReductionDecisions, EmptyMaxRaisesInPyTensorAndGivesTheReduceIdentityInOnnx) {
  auto x = pt::matrix("x", "float32");
  auto g = graph1(x, pt::max(x, std::vector<int64_t>{1}));
  const Tensor empty(DType::Float32, {2, 0});
  EXPECT_THROW(oracle::evaluate(*g, {empty}), oracle::PyTensorRaises);
  runtime::Model model(export_at(*g, 17));
  const Tensor y = model.run({{"x", empty}}).at("y");
  ASSERT_EQ(y.numel(), 2);
  EXPECT_TRUE(std::isinf(y.get_as_double(0)) && y.get_as_double(0) < 0);

  auto ga = graph1(x, pt::argmax(x, std::vector<int64_t>{1}));
  EXPECT_THROW(oracle::evaluate(*ga, {empty}), oracle::PyTensorRaises);
  runtime::Model ma(export_at(*ga, 17));
  EXPECT_THROW(ma.run({{"x", empty}}), std::exception);
}

}  // namespace
}  // namespace ptonnx
