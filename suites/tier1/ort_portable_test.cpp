// Portable exports (issue 18): the forms the converters emit for the
// (op, type) pairs ONNX Runtime 1.30's CPU provider has no kernel for, and
// integer Pow exact where ONNX Runtime computes through double. Structure
// tests read the exported model's types with ONNX shape inference (no
// runtime needed); value tests run the built-in runtime (normal and
// spec-adversarial) and, when installed, ONNX Runtime.
#include <gtest/gtest.h>
#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "check/driver.h"
#include "convert/export.h"
#include "graph/builder.h"
#include "graph/builder_alloc.h"
#include "graph/builder_special.h"
#include "ort/ort_worker.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::vec;
using Elem = onnx::TensorProto_DataType;

// Element type of every named value of the main graph, by shape inference.
std::map<std::string, int> value_types(const onnx::ModelProto& model) {
  onnx::ModelProto m = model;
  onnx::shape_inference::InferShapes(m, onnx::OpSchemaRegistry::Instance());
  std::map<std::string, int> types;
  auto note = [&](const onnx::ValueInfoProto& v) {
    if (v.type().has_tensor_type()) types[v.name()] = v.type().tensor_type().elem_type();
  };
  for (const auto& v : m.graph().input()) note(v);
  for (const auto& v : m.graph().value_info()) note(v);
  for (const auto& v : m.graph().output()) note(v);
  for (const auto& t : m.graph().initializer()) types[t.name()] = t.data_type();
  return types;
}

// The types ONNX Runtime 1.30's CPU kernels lack, per op (its
// docs/OperatorKernels.md), written out here independently of the
// converter's table.
const std::map<std::string, std::set<int>> kLacking = {
    {"Where",
     {Elem::TensorProto_DataType_BOOL, Elem::TensorProto_DataType_INT8, Elem::TensorProto_DataType_INT16,
      Elem::TensorProto_DataType_UINT16, Elem::TensorProto_DataType_UINT32, Elem::TensorProto_DataType_UINT64,
      Elem::TensorProto_DataType_FLOAT16}},
    {"Max", {Elem::TensorProto_DataType_INT16, Elem::TensorProto_DataType_UINT16}},
    {"Min", {Elem::TensorProto_DataType_INT16, Elem::TensorProto_DataType_UINT16}},
    {"EyeLike",
     {Elem::TensorProto_DataType_BOOL, Elem::TensorProto_DataType_INT8, Elem::TensorProto_DataType_INT16,
      Elem::TensorProto_DataType_UINT8, Elem::TensorProto_DataType_UINT16, Elem::TensorProto_DataType_UINT32,
      Elem::TensorProto_DataType_FLOAT16}},
};

// "" if every node of the main graph has a kernel, else the first offender.
std::string first_unportable(const FunctionGraph& g, int opset) {
  ExportOptions o;
  o.opset = opset;
  const onnx::ModelProto model = export_onnx(g, o);
  const auto types = value_types(model);
  for (const auto& n : model.graph().node()) {
    const auto lacking = kLacking.find(n.op_type());
    if (lacking == kLacking.end()) continue;
    // Where's values are inputs 1 and 2; the others' first input (EyeLike:
    // its output, the dtype attribute's type).
    const std::string& v = n.op_type() == "Where" ? n.input(1) : n.op_type() == "EyeLike" ? n.output(0) : n.input(0);
    const auto t = types.find(v);
    if (t == types.end()) return n.op_type() + " " + n.name() + ": no inferred type for " + v;
    if (lacking->second.count(t->second))
      return n.op_type() + " " + n.name() + " on onnx type " + std::to_string(t->second);
  }
  return "";
}

Tensor u64(const std::vector<uint64_t>& v) {
  Tensor t(DType::UInt64, {static_cast<int64_t>(v.size())});
  for (size_t i = 0; i < v.size(); ++i) t.data<uint64_t>()[i] = v[i];
  return t;
}

FunctionGraph switch_graph(DType t) {
  auto c = pt::tensor("c", "bool", {std::nullopt});
  auto a = pt::tensor("a", std::string(dtype_name(t)), {std::nullopt});
  auto b = pt::tensor("b", std::string(dtype_name(t)), {std::nullopt});
  return FunctionGraph({c, a, b}, {pt::switch_(c, a, b)});
}

TEST(PortableExport, SwitchSelectsInATypeOnnxRuntimeHas) {
  for (const DType t :
       {DType::Bool, DType::Int8, DType::Int16, DType::UInt16, DType::UInt32, DType::UInt64, DType::Float16})
    for (const int opset : {13, 17})
      EXPECT_EQ(first_unportable(switch_graph(t), opset), "") << dtype_name(t) << " opset " << opset;
}

TEST(PortableExport, MaximumMinimumOfInt16AndComparisonsWithUint64) {
  for (const char* t : {"int16", "uint16"}) {
    auto a = pt::tensor("a", t, {std::nullopt});
    auto b = pt::tensor("b", t, {std::nullopt});
    EXPECT_EQ(first_unportable(FunctionGraph({a, b}, {pt::maximum(a, b)}), 17), "") << t;
    EXPECT_EQ(first_unportable(FunctionGraph({a, b}, {pt::minimum(a, b)}), 17), "") << t;
  }
  // int8 < uint64 selects a bool with Where.
  auto s = pt::tensor("s", "int8", {std::nullopt});
  auto u = pt::tensor("u", "uint64", {std::nullopt});
  EXPECT_EQ(first_unportable(FunctionGraph({s, u}, {pt::op("LT", {s, u})[0]}), 17), "");
}

TEST(PortableExport, EyeOfNarrowTypes) {
  for (const char* t : {"bool", "int8", "uint16", "uint32", "float16"}) {
    auto n = pt::constant(Tensor::scalar(DType::Int64, 3));
    auto k = pt::constant(Tensor::scalar(DType::Int64, 1));
    EXPECT_EQ(first_unportable(FunctionGraph({}, {pt::eye(n, n, k, std::string(t))}), 17), "") << t;
  }
}

TEST(PortableExport, IntegerPowHasNoOnnxPow) {
  auto a = pt::tensor("a", "int64", {std::nullopt});
  auto b = pt::tensor("b", "int64", {std::nullopt});
  ExportOptions o;
  const onnx::ModelProto m = export_onnx(FunctionGraph({a, b}, {pt::pow(a, b)}), o);
  for (const auto& n : m.graph().node()) EXPECT_NE(n.op_type(), "Pow");
}

// Runs g on the built-in runtime (normal and adversarial) and on ONNX
// Runtime when installed; each must pass against the oracle. Returns the
// built-in runtime's outputs.
Tensor run_everywhere(const FunctionGraph& g, const std::vector<Tensor>& inputs) {
  check::DriverOptions o;
  const auto r = check::run_case(g, inputs, o);
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  o.adversarial = true;
  const auto adv = check::run_case(g, inputs, o);
  EXPECT_EQ(adv.outcome, check::Outcome::Pass) << "adversarial: " << adv.message;
  if (ort::OrtWorker::shared().available()) {
    check::DriverOptions oo;
    oo.backend = check::DriverOptions::Backend::Ort;
    const auto ortr = check::run_case(g, inputs, oo);
    EXPECT_EQ(ortr.outcome, check::Outcome::Pass) << "onnxruntime: " << ortr.message;
  }
  return r.actual.empty() ? Tensor() : r.actual[0];
}

TEST(PortableExport, Int64PowExactBeyondDoublePrecision) {
  auto a = pt::tensor("a", "int64", {std::nullopt});
  auto b = pt::tensor("b", "int64", {std::nullopt});
  // 3**39 = 4052555153018976267 (> 2^53: a double rounds it); 3**41 wraps.
  const Tensor y = run_everywhere(FunctionGraph({a, b}, {pt::pow(a, b)}),
                                  {vec(DType::Int64, {3, 3, -3, 7, 0, 1}), vec(DType::Int64, {39, 41, 39, 0, 0, 63})});
  ASSERT_EQ(y.numel(), 6);
  EXPECT_EQ(y.get_as_int64(0), 4052555153018976267LL);
  EXPECT_EQ(static_cast<uint64_t>(y.get_as_int64(1)), 4052555153018976267ULL * 9ULL);  // modulo 2^64
  EXPECT_EQ(y.get_as_int64(2), -4052555153018976267LL);
  EXPECT_EQ(y.get_as_int64(3), 1);
  EXPECT_EQ(y.get_as_int64(4), 1);
  EXPECT_EQ(y.get_as_int64(5), 1);
}

TEST(PortableExport, Uint64SwitchKeepsEveryBit) {
  const Tensor y =
      run_everywhere(switch_graph(DType::UInt64),
                     {vec(DType::Bool, {1, 0, 1}), u64({18446744073709551615ULL, 1, 9223372036854775808ULL}),
                      u64({0, 18446744073709551614ULL, 5})});
  ASSERT_EQ(y.numel(), 3);
  EXPECT_EQ(y.get_as_uint64(0), 18446744073709551615ULL);
  EXPECT_EQ(y.get_as_uint64(1), 18446744073709551614ULL);
  EXPECT_EQ(y.get_as_uint64(2), 9223372036854775808ULL);
}

// x[:-4, i] (+)= y on x of static dim 1 visits nothing (NumPy gives x):
// the general form's index grid Expands a 1-length coordinate against a
// 0-length one, which ONNX Runtime infers as 1 and then refuses to load
// ("Can't merge shape info"); ptonnx fuzz --op IncSubtensor --dtype int16
// --opset 14 --seed 16856320712772759806 --backend ort shrank to it.
TEST(PortableExport, IncSubtensorOfAStaticallyEmptySliceIsX) {
  for (const bool set : {false, true}) {
    auto x = pt::tensor("x", "int16", {1, std::nullopt});
    auto y = pt::vector("y", "int16");
    auto i = pt::scalar("i", "int16");
    const std::vector<pt::Idx> index = {pt::slice(std::nullopt, -4), pt::idx(i)};
    FunctionGraph g({x, y, i}, {set ? pt::set_subtensor(x, y, index) : pt::inc_subtensor(x, y, index)});
    const Tensor xv = Tensor::from_vector(DType::Int16, {1, 3}, std::vector<int16_t>{7, -8, 9});
    const Tensor y0 = run_everywhere(g, {xv, vec(DType::Int16, {5}), vec(DType::Int16, {-1}).reshaped({})});
    ASSERT_EQ(y0.numel(), 3) << set;
    EXPECT_EQ(y0.get_as_int64(0), 7);
    EXPECT_EQ(y0.get_as_int64(1), -8);
    EXPECT_EQ(y0.get_as_int64(2), 9);
    // NumPy still refuses an index out of range for the empty region: the
    // model must too, on ONNX Runtime as well, which drops nodes no output
    // depends on (so the region must feed the output).
    if (!ort::OrtWorker::shared().available()) continue;
    ExportOptions o;
    const onnx::ModelProto m = export_onnx(g, o);
    const auto bad = ort::OrtWorker::shared().run(m.SerializeAsString(),
                                                  {{m.graph().input(0).name(), xv},
                                                   {m.graph().input(1).name(), vec(DType::Int16, {5})},
                                                   {m.graph().input(2).name(), vec(DType::Int16, {3}).reshaped({})}});
    EXPECT_EQ(bad.status, ort::OrtRun::Status::RunFailed) << set << " " << ort::status_name(bad.status);
    const auto bad_y = ort::OrtWorker::shared().run(m.SerializeAsString(),
                                                    {{m.graph().input(0).name(), xv},
                                                     {m.graph().input(1).name(), vec(DType::Int16, {5, 6})},
                                                     {m.graph().input(2).name(), vec(DType::Int16, {0}).reshaped({})}});
    EXPECT_NE(bad_y.status, ort::OrtRun::Status::Ok) << set;
  }
}

}  // namespace
}  // namespace ptonnx
