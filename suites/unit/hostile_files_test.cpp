// Issue 20's file-format findings, pinned: sizes claimed by a TensorProto or
// a graph JSON constant are checked against the data present before
// anything is allocated, graph JSON of the wrong types names the field,
// negative static dims are refused, and hostile shapes do not overflow
// type inference (Reshape, python_slice_indices).
#include <gtest/gtest.h>

#include <chrono>
#include <climits>

#include "../common/error_of.h"
#include "core/error.h"
#include "core/tensor_proto.h"
#include "graph/builder_subtensor.h"
#include "graph/graph.h"
#include "graph/json.h"

namespace ptonnx {
namespace {

using test::error_of;

#define EXPECT_HAS(msg, part) EXPECT_NE((msg).find(part), std::string::npos) << (msg)

// A 10-byte input .pb claiming 2^31 float64 elements zero-filled 16 GiB
// before noticing there was no payload.
TEST(HostileFiles, TensorProtoClaimingGigabytesIsRefusedBeforeAllocating) {
  onnx::TensorProto p;
  p.set_data_type(onnx::TensorProto::DOUBLE);
  p.add_dims(int64_t{1} << 31);
  const auto t0 = std::chrono::steady_clock::now();
  auto msg = error_of<ValidationError>([&] { from_tensor_proto(p); });
  EXPECT_HAS(msg, "typed field holds 0 values, expected 2147483648");
  p.set_raw_data(std::string(8, '\0'));
  msg = error_of<ValidationError>([&] { from_tensor_proto(p); });
  EXPECT_HAS(msg, "raw_data has 8 bytes, expected 17179869184");
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1));
  // Dims whose product overflows int64.
  p.clear_dims();
  p.add_dims(INT64_MAX);
  p.add_dims(4);
  EXPECT_THROW(from_tensor_proto(p, INT64_MAX), LimitError);
  // raw_data that is not a whole number of elements.
  p.clear_dims();
  p.add_dims(1);
  p.set_raw_data(std::string(9, '\0'));
  EXPECT_THROW(from_tensor_proto(p), ValidationError);
}

nlohmann::json graph_with_constant(const nlohmann::json& value, const nlohmann::json& shape) {
  return {{"format", "ptonnx-graph"},
          {"version", 1},
          {"variables",
           {{{"id", 0}, {"kind", "constant"}, {"type", {{"dtype", "float64"}, {"shape", shape}}}, {"value", value}}}},
          {"nodes", nlohmann::json::array()},
          {"inputs", nlohmann::json::array()},
          {"outputs", {0}}};
}

// A graph JSON constant claiming 2 GiB was allocated before its hex length
// was compared, with no element limit at all.
TEST(HostileFiles, JsonConstantClaimingGigabytesIsRefusedBeforeAllocating) {
  const auto t0 = std::chrono::steady_clock::now();
  // 2^28 float64 (2 GiB, the element limit): the hex data is short.
  auto msg = error_of<ValidationError>([] {
    graph_from_json(graph_with_constant({{"dtype", "float64"}, {"shape", {1 << 28}}, {"hex", "00"}}, {1 << 28}));
  });
  EXPECT_HAS(msg, "variable 0: \"value\": hex data has 2 digits, expected 4294967296");
  // Past the element limit: refused whatever the data.
  msg = error_of<LimitError>([] {
    graph_from_json(graph_with_constant({{"dtype", "float64"}, {"shape", {1 << 29}}, {"hex", "00"}}, {1 << 29}));
  });
  EXPECT_HAS(msg, "variable 0: \"value\"");
  EXPECT_HAS(msg, "exceed the limit");
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1));
}

TEST(HostileFiles, NegativeAndInt64MinStaticDimsAreRefused) {
  for (int64_t d : {int64_t{-5}, INT64_MIN}) {
    const auto msg = error_of<ValidationError>([&] {
      graph_from_json(graph_with_constant({{"dtype", "float64"}, {"shape", {1}}, {"hex", "0000000000000000"}}, {d}));
    });
    EXPECT_HAS(msg, "variable 0: \"type\": \"shape\"[0] is a negative dim");
  }
  const auto msg = error_of<ValidationError>([] {
    graph_from_json(graph_with_constant({{"dtype", "float64"}, {"shape", {-1}}, {"hex", ""}}, {1}));
  });
  EXPECT_HAS(msg, "negative dim");
}

TEST(HostileFiles, WrongJsonTypesNameTheField) {
  struct Bad {
    nlohmann::json graph;
    std::string field;
  };
  auto g = graph_with_constant({{"dtype", "float64"}, {"shape", {1}}, {"hex", "0000000000000000"}}, {1});
  std::vector<Bad> cases;
  auto with = [&](auto edit, const std::string& field) {
    auto j = g;
    edit(j);
    cases.push_back({j, field});
  };
  with([](auto& j) { j["variables"][0]["id"] = "zero"; }, "variables[0]: \"id\" must be an int64 integer, got string");
  with([](auto& j) { j["variables"][0]["type"]["shape"][0] = "1"; }, "variable 0: \"type\": \"shape\"[0] must be");
  with([](auto& j) { j["variables"][0]["type"]["dtype"] = 7; }, "variable 0: \"type\": \"dtype\" must be a string");
  with([](auto& j) { j["variables"][0]["value"]["hex"] = 0; }, "variable 0: \"value\": \"hex\" must be a string");
  with([](auto& j) { j["variables"] = 3; }, "\"variables\" must be an array");
  with([](auto& j) { j["outputs"] = {"0"}; }, "graph output must be an int64 integer");
  with([](auto& j) { j["version"] = "1"; }, "\"version\" must be an int64 integer");
  with([](auto& j) { j["variables"][0]["value"]["shape"] = {18446744073709551615ull}; },
       "\"shape\"[0] must be an int64 integer");
  with(
      [](auto& j) {
        j["nodes"] = {{{"op", "Exp"}, {"inputs", {0}}, {"attrs", {{"axis", 1}}}, {"outputs", {1}}}};
      },
      "node 0 'Exp': attribute 'axis' must be a JSON object");
  for (const auto& c : cases) {
    const auto msg = error_of<ValidationError>([&] { graph_from_json(c.graph); });
    EXPECT_HAS(msg, c.field);
  }
  EXPECT_HAS(error_of<ValidationError>([] { graph_from_json(nlohmann::json::array()); }), "JSON array");
}

// Reshape's type inference multiplied constant entries in int64 (signed
// overflow, UB); python_slice_indices negated a step of INT64_MIN.
TEST(HostileFiles, ShapeArithmeticDoesNotOverflow) {
  Tensor shape(DType::Int64, {2});
  shape.data<int64_t>()[0] = INT64_MAX;
  shape.data<int64_t>()[1] = 4;
  const VarRef x = make_input("x", TensorType{DType::Float64, {StaticDim{8}}});
  EXPECT_THROW(apply_op("Reshape", {x, make_constant(shape, "s")}, {{"ndim", int64_t{2}}}, {}, ""), TypeError);
  shape.data<int64_t>()[1] = -1;
  EXPECT_THROW(apply_op("Reshape", {x, make_constant(shape, "s")}, {{"ndim", int64_t{2}}}, {}, ""), TypeError);
  EXPECT_EQ(python_slice_indices(std::nullopt, std::nullopt, INT64_MIN, 5).count, 1);
  EXPECT_EQ(python_slice_indices(std::nullopt, std::nullopt, INT64_MAX, 5).count, 1);
  EXPECT_EQ(python_slice_indices(INT64_MIN, INT64_MAX, 1, 5).count, 5);
  EXPECT_EQ(python_slice_indices(INT64_MAX, INT64_MIN, -1, 5).count, 5);
  EXPECT_THROW(python_slice_indices(0, 1, 0, 5), TypeError);
}

}  // namespace
}  // namespace ptonnx
