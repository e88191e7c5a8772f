// Tier-1 signed zeros end to end (converter, runtime, oracle, comparison
// with the sign of zero checked): NumPy determines the sign of a zero
// result for these ops, and two places got it wrong until the specs
// compared it: the runtime's Abs returned -0.0 for -0.0 (IEEE abs clears
// the sign), and an n-ary Mul of integers with a float64 output (the
// uint64/signed upcast) gave -1.0 * 0.0 = -0.0 where PyTensor's np.prod of
// the integers gives an exact 0, +0.0 once cast.
#include <gtest/gtest.h>

#include <cmath>

#include "check/driver.h"
#include "graph/builder.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::vec;

// The runtime's value of the graph's output; the run must pass with the
// sign of zero compared.
Tensor run(const std::vector<VarRef>& ins, const VarRef& out, const std::vector<Tensor>& values) {
  FunctionGraph g(ins, {out});
  check::DriverOptions o;
  o.signed_zero = true;
  const auto r = check::run_case(g, values, o);
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  return r.actual.empty() ? Tensor() : r.actual.at(0);
}

// NumPy's minimum/maximum keep the first operand on a tie, so the sign of
// a zero comes from a; ONNX Min/Max leave it open (found by a tier-1 graph
// where Pow(Minimum(+0, -0), -1) came out -inf).
TEST(SignedZero, MinimumAndMaximumKeepTheFirstZero) {
  for (const char* t : {"float16", "float32", "float64"}) {
    auto a = pt::tensor("a", t, {std::nullopt}), b = pt::tensor("b", t, {std::nullopt});
    const Tensor lo =
        run({a, b}, pt::minimum(a, b), {vec(parse_dtype(t), {0.0, -0.0}), vec(parse_dtype(t), {-0.0, 0.0})});
    EXPECT_FALSE(std::signbit(lo.get_as_double(0))) << t;
    EXPECT_TRUE(std::signbit(lo.get_as_double(1))) << t;
    const Tensor hi =
        run({a, b}, pt::maximum(a, b), {vec(parse_dtype(t), {0.0, -0.0}), vec(parse_dtype(t), {-0.0, 0.0})});
    EXPECT_FALSE(std::signbit(hi.get_as_double(0))) << t;
    EXPECT_TRUE(std::signbit(hi.get_as_double(1))) << t;
  }
}

TEST(SignedZero, AbsOfNegativeZeroIsPositiveZero) {
  for (const char* t : {"float16", "float32", "float64"}) {
    auto x = pt::tensor("x", t, {std::nullopt});
    const Tensor y = run({x}, pt::abs(x), {vec(parse_dtype(t), {-0.0, 0.0, -2.5})});
    EXPECT_FALSE(std::signbit(y.get_as_double(0))) << t;
    EXPECT_EQ(y.get_as_double(2), 2.5) << t;
  }
}

TEST(SignedZero, NaryIntegerMulWithAFloatOutputGivesPositiveZero) {
  auto a = pt::tensor("a", "int64", {std::nullopt});
  auto b = pt::tensor("b", "uint64", {std::nullopt});
  auto c = pt::tensor("c", "int8", {std::nullopt});
  const VarRef product = pt::op("Mul", {a, b, c})[0];
  ASSERT_EQ(product->type.dtype, DType::Float64);
  const Tensor y =
      run({a, b, c}, product, {vec(DType::Int64, {-1, 3}), vec(DType::UInt64, {0, 2}), vec(DType::Int8, {5, -1})});
  EXPECT_EQ(y.get_as_double(0), 0.0);
  EXPECT_FALSE(std::signbit(y.get_as_double(0)));
  EXPECT_EQ(y.get_as_double(1), -6.0);
  // Float inputs keep IEEE's sign: -1.0 * 0.0 * 5.0 = -0.0 in NumPy too.
  auto x = pt::tensor("x", "float64", {std::nullopt});
  const Tensor z = run({x, b, c}, pt::op("Mul", {x, b, c})[0],
                       {vec(DType::Float64, {-1}), vec(DType::UInt64, {0}), vec(DType::Int8, {5})});
  EXPECT_TRUE(std::signbit(z.get_as_double(0)));
}

}  // namespace
}  // namespace ptonnx
