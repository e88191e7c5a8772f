// Tier-5 comparisons end to end (converter, runtime, oracle), one named
// test per trap: NaN is unordered (every comparison false but NEQ), -0
// equals +0, a signed integer against uint64 is compared exactly (NumPy
// 1.25+; arithmetic would promote the pair to float64), an integer against
// a float in the promoted float dtype (64-bit integers rounded, as NumPy
// does), bool ordered False < True, and ONNX's missing NotEqual.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "check/driver.h"
#include "graph/builder.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::vec;

Tensor vec_i64(std::vector<int64_t> v) {
  Tensor x(DType::Int64, {static_cast<int64_t>(v.size())});
  for (size_t i = 0; i < v.size(); ++i) x.data<int64_t>()[i] = v[i];
  return x;
}

Tensor vec_u64(std::vector<uint64_t> v) {
  Tensor x(DType::UInt64, {static_cast<int64_t>(v.size())});
  for (size_t i = 0; i < v.size(); ++i) x.data<uint64_t>()[i] = v[i];
  return x;
}

// op(a, b) through the driver at `opset`; the run must pass; returns the
// runtime's bools.
std::vector<bool> run(const std::string& op, const Tensor& a, const Tensor& b, int opset = 17) {
  auto x = pt::tensor("a", std::string(dtype_name(a.dtype())), {std::nullopt});
  auto y = pt::tensor("b", std::string(dtype_name(b.dtype())), {std::nullopt});
  FunctionGraph g({x, y}, pt::op(op, {x, y}));
  check::DriverOptions o;
  o.opset = opset;
  const auto r = check::run_case(g, {a, b}, o);
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << op << ": " << r.message;
  std::vector<bool> out;
  if (r.actual.empty()) return out;
  EXPECT_EQ(r.actual.at(0).dtype(), DType::Bool);
  for (int64_t i = 0; i < r.actual.at(0).numel(); ++i) out.push_back(r.actual.at(0).get_as_double(i) != 0);
  return out;
}

using B = std::vector<bool>;

TEST(Compare, EveryOpEveryOpsetOnMixedDtypes) {
  for (const char* op : {"LT", "GT", "LE", "GE", "EQ", "NEQ"})
    for (int opset = 13; opset <= 18; ++opset) {
      run(op, vec(DType::Int8, {-1, 0, 1}), vec(DType::Float16, {0, 0, 0}), opset);
      run(op, vec(DType::Bool, {0, 1, 1}), vec(DType::UInt16, {1, 1, 0}), opset);
      run(op, vec(DType::Float32, {-1, 0, 1}), vec(DType::Float64, {0, 0, 0}), opset);
    }
}

TEST(Compare, NaNIsUnorderedAndNegativeZeroEqualsZero) {
  const Tensor a = vec(DType::Float64, {NAN, NAN, -0.0}), b = vec(DType::Float64, {1, NAN, 0});
  EXPECT_EQ(run("LT", a, b), (B{false, false, false}));
  EXPECT_EQ(run("GE", a, b), (B{false, false, true}));
  EXPECT_EQ(run("EQ", a, b), (B{false, false, true}));
  EXPECT_EQ(run("NEQ", a, b), (B{true, true, false}));
}

TEST(Compare, SignedAgainstUInt64IsExact) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  const Tensor s = vec_i64({kMax, -1, -1, int64_t{1} << 53 | 1});
  const Tensor u = vec_u64({uint64_t{1} << 63, std::numeric_limits<uint64_t>::max(), 0, uint64_t{1} << 53 | 1});
  // 2^63 - 1 and 2^63 round to the same double, as do 2^53 + 1 and 2^53:
  // only an exact comparison parts the first pair.
  EXPECT_EQ(run("EQ", s, u), (B{false, false, false, true}));
  EXPECT_EQ(run("LT", s, u), (B{true, true, true, false}));
  EXPECT_EQ(run("GE", u, s), (B{true, true, true, true}));
  EXPECT_EQ(run("NEQ", u, s), (B{true, true, true, false}));
  // A narrow signed type against uint64 too.
  EXPECT_EQ(run("GT", vec(DType::Int8, {-1, 5}), vec_u64({0, 4})), (B{false, true}));
}

TEST(Compare, IntegerAgainstFloatInThePromotedFloat) {
  // int64 2^53 + 1 becomes 2^53 in float64: equal to the float 2^53.
  EXPECT_EQ(run("EQ", vec_i64({int64_t{1} << 53 | 1}), vec(DType::Float64, {9007199254740992.0})), (B{true}));
  // int16 2049 against float16 (2049 rounds to 2048 in half): the pair
  // compares in float32, where 2049 != 2048.
  EXPECT_EQ(run("GT", vec(DType::Int16, {2049}), vec(DType::Float16, {2048})), (B{true}));
}

TEST(Compare, BoolIsOrderedFalseBelowTrue) {
  const Tensor a = vec(DType::Bool, {0, 0, 1, 1}), b = vec(DType::Bool, {0, 1, 0, 1});
  EXPECT_EQ(run("LT", a, b), (B{false, true, false, false}));
  EXPECT_EQ(run("GE", a, b), (B{true, false, true, true}));
  EXPECT_EQ(run("NEQ", a, b), (B{false, true, true, false}));
}

}  // namespace
}  // namespace ptonnx
