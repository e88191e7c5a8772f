// IntDiv (np.floor_divide) and Mod (np.remainder) end to end (converter,
// runtime, oracle), one named test per trap of the catalog rows, each run
// on the normal runtime and on the spec-adversarial one (which gives -1 for
// an integer Div by zero, the dividend for an integer Mod by zero and
// INT_MAX for INT_MIN / -1: an export that hands ONNX a zero divisor or an
// overflowing Div fails there). Expected values are NumPy 1.24.2's.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "check/driver.h"
#include "graph/builder.h"
#include "suites/common/expect_values.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
using test::expect_values;
using test::vec;

// op(a, b) through the driver (sign of zero compared) at `opset`, on the
// normal or the adversarial runtime; returns the runtime's value.
Tensor run(const std::string& op, const Tensor& a, const Tensor& b, int opset = 17, bool adversarial = false) {
  auto x = pt::tensor("a", std::string(dtype_name(a.dtype())), {std::nullopt});
  auto y = pt::tensor("b", std::string(dtype_name(b.dtype())), {std::nullopt});
  FunctionGraph g({x, y}, pt::op(op, {x, y}));
  check::DriverOptions o;
  o.opset = opset;
  o.signed_zero = true;
  o.adversarial = adversarial;
  const auto r = check::run_case(g, {a, b}, o);
  EXPECT_EQ(r.outcome, check::Outcome::Pass)
      << op << " " << dtype_name(a.dtype()) << ", " << dtype_name(b.dtype()) << " opset " << opset
      << (adversarial ? " adversarial" : "") << ": " << r.message;
  return r.actual.empty() ? Tensor() : r.actual.at(0);
}

// Every opset and both runtimes, expecting `want`.
void expect_everywhere(const std::string& op, const Tensor& a, const Tensor& b, const std::vector<double>& want) {
  for (int opset = 13; opset <= 18; ++opset)
    for (bool adversarial : {false, true})
      expect_values(op + " opset " + std::to_string(opset) + (adversarial ? " adversarial" : ""),
                    run(op, a, b, opset, adversarial), want, 0);
}

const DType kSigned[] = {DType::Int8, DType::Int16, DType::Int32, DType::Int64};
const DType kUnsigned[] = {DType::UInt8, DType::UInt16, DType::UInt32, DType::UInt64};
const DType kFloats[] = {DType::Float16, DType::Float32, DType::Float64};

TEST(IntDiv, FloorsTowardMinusInfinity) {
  for (DType t : kSigned)
    expect_everywhere("IntDiv", vec(t, {-7, 7, -7, 7, -6, 6, 0, -1}), vec(t, {2, -2, -2, 2, 3, -3, -5, 5}),
                      {-4, -4, 3, 3, -2, -2, 0, -1});
  for (DType t : kFloats)
    expect_everywhere("IntDiv", vec(t, {-7, 7, -7, 7, -6, 0.5, -0.5}), vec(t, {2, -2, -2, 2, 3, 1, 1}),
                      {-4, -4, 3, 3, -2, 0, -1});
}

TEST(IntDiv, IntegerDivisionByZeroIsZero) {
  for (DType t : kSigned) expect_everywhere("IntDiv", vec(t, {5, -5, 0, -128}), vec(t, {0, 0, 0, 0}), {0, 0, 0, 0});
  for (DType t : kUnsigned) expect_everywhere("IntDiv", vec(t, {5, 0, 255}), vec(t, {0, 0, 0}), {0, 0, 0});
}

TEST(IntDiv, IntMinByMinusOneWrapsToIntMin) {
  // NumPy 1.24 gives INT_MIN (with an overflow warning) for every signed
  // width; the export divides those lanes by 1, never by -1, so the
  // adversarial runtime's saturating INT_MIN / -1 = INT_MAX is never seen.
  for (DType t : kSigned) {
    const double min = -std::ldexp(1.0, dtype_bits(t) - 1);
    expect_everywhere("IntDiv", vec(t, {min, min / 2, min, 7}), vec(t, {-1, -1, 1, -1}), {min, -(min / 2), min, -7});
  }
}

TEST(IntDiv, Int64BoundsExactly) {
  Tensor a(DType::Int64, {3}), b(DType::Int64, {3});
  a.data<int64_t>()[0] = std::numeric_limits<int64_t>::min();
  a.data<int64_t>()[1] = std::numeric_limits<int64_t>::max();
  a.data<int64_t>()[2] = std::numeric_limits<int64_t>::min();
  b.data<int64_t>()[0] = -1;
  b.data<int64_t>()[1] = -2;
  b.data<int64_t>()[2] = 3;
  const Tensor q = run("IntDiv", a, b, 13, true);
  EXPECT_EQ(q.get_as_int64(0), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(q.get_as_int64(1), -4611686018427387904);  // floor(-(2^63 - 1) / 2)
  EXPECT_EQ(q.get_as_int64(2), -3074457345618258603);  // floor(-2^63 / 3)
}

TEST(IntDiv, FloatIsPythonFloorDivisionNotFloorOfQuotient) {
  // 1.0 // 0.1 = 9.0: 0.1 is a little above 1/10, so the exact quotient is
  // just below 10, while floor(1.0 / 0.1) = floor(10.0) = 10.
  expect_everywhere("IntDiv", vec(DType::Float64, {1.0, -1.0}), vec(DType::Float64, {0.1, 0.1}), {9, -10});
  expect_everywhere("IntDiv", vec(DType::Float32, {1.0}), vec(DType::Float32, {0.1}), {9});
  // float16's 0.1 is 0.0999755859375, below 1/10: 10.
  expect_everywhere("IntDiv", vec(DType::Float16, {1.0}), vec(DType::Float16, {0.1}), {10});
}

TEST(IntDiv, FloatDivisionByZeroIsInfOrNaN) {
  for (DType t : kFloats)
    expect_everywhere("IntDiv", vec(t, {1, -1, 0, 5, -0.0, NAN}), vec(t, {0, 0, 0, -0.0, -0.0, 0}),
                      {kInf, -kInf, NAN, -kInf, NAN, NAN});
}

TEST(IntDiv, SignedZeros) {
  for (DType t : kFloats)
    expect_everywhere("IntDiv", vec(t, {-0.0, 0.0, -0.0, 0.0, 0.5, -0.5, 1, -1}),
                      vec(t, {1, -1, -1, 1, -2, 2, kInf, -kInf}), {-0.0, -0.0, 0.0, 0.0, -1, -1, 0.0, 0.0});
}

TEST(IntDiv, InfinitiesAndNaN) {
  // inf // x: fmod(inf, x) is NaN, so is everything after it. x // inf:
  // 0 with the quotient's sign, or -1 when the signs differ (Python's
  // divmod, which NumPy copies).
  for (DType t : kFloats)
    expect_everywhere("IntDiv", vec(t, {kInf, -kInf, 1, -1, 1, -1, NAN, 2}),
                      vec(t, {2, 2, kInf, kInf, -kInf, -kInf, 2, NAN}), {NAN, NAN, 0.0, -1, -1, 0.0, NAN, NAN});
}

TEST(IntDiv, HugeQuotientOverflowsToInf) {
  expect_everywhere("IntDiv", vec(DType::Float64, {1e308, -1e308}), vec(DType::Float64, {1e-308, 1e-308}),
                    {kInf, -kInf});
}

TEST(IntDiv, UpcastsAsPyTensor) {
  // int8 // uint8 -> int16; int64 // uint64 -> float64 (a float division);
  // int32 // float32 -> float64; bool // bool -> bool (And).
  const Tensor q = run("IntDiv", vec(DType::Int8, {-128, -7}), vec(DType::UInt8, {255, 2}));
  EXPECT_EQ(q.dtype(), DType::Int16);
  expect_values("int8 // uint8", q, {-1, -4}, 0);
  const Tensor f = run("IntDiv", vec(DType::Int64, {-7, 7}), vec(DType::UInt64, {2, 0}));
  EXPECT_EQ(f.dtype(), DType::Float64);
  expect_values("int64 // uint64", f, {-4, kInf}, 0);
  const Tensor m = run("IntDiv", vec(DType::Int32, {-7}), vec(DType::Float32, {0.5}));
  EXPECT_EQ(m.dtype(), DType::Float64);
  expect_values("int32 // float32", m, {-14}, 0);
  for (int opset = 13; opset <= 18; ++opset) {
    const Tensor bq = run("IntDiv", vec(DType::Bool, {1, 1, 0, 0}), vec(DType::Bool, {1, 0, 1, 0}), opset);
    EXPECT_EQ(bq.dtype(), DType::Bool);
    expect_values("bool // bool", bq, {1, 0, 0, 0}, 0);
  }
}

TEST(Mod, TakesTheSignOfTheDivisor) {
  for (DType t : kSigned)
    expect_everywhere("Mod", vec(t, {-7, 7, -7, 7, -6, 0}), vec(t, {2, -2, -2, 2, 3, -5}), {1, -1, -1, 1, 0, 0});
  for (DType t : kFloats)
    expect_everywhere("Mod", vec(t, {-7, 7, -7, 7, -0.5, 5.5}), vec(t, {2, -2, -2, 2, 2, -2}),
                      {1, -1, -1, 1, 1.5, -0.5});
}

TEST(Mod, IntegerByZeroAndMinusOneIsZero) {
  for (DType t : kSigned) {
    const double min = -std::ldexp(1.0, dtype_bits(t) - 1);
    expect_everywhere("Mod", vec(t, {5, -5, min, min, 7}), vec(t, {0, 0, 0, -1, -1}), {0, 0, 0, 0, 0});
  }
  for (DType t : kUnsigned) expect_everywhere("Mod", vec(t, {5, 0}), vec(t, {0, 0}), {0, 0});
}

TEST(Mod, FloatByZeroIsNaN) {
  for (DType t : kFloats)
    expect_everywhere("Mod", vec(t, {1, -1, 0, NAN, kInf}), vec(t, {0, -0.0, 0, 0, 0}), {NAN, NAN, NAN, NAN, NAN});
}

TEST(Mod, SignedZeros) {
  // A zero remainder is copysign(0, divisor).
  for (DType t : kFloats)
    expect_everywhere("Mod", vec(t, {-0.0, 0.0, 1.0, -1.0, 4, -4, -0.0}), vec(t, {1, -1, -1, 1, -2, 2, kInf}),
                      {0.0, -0.0, -0.0, 0.0, -0.0, 0.0, 0.0});
}

TEST(Mod, Infinities) {
  // inf % x is NaN; x % inf is x when the signs agree, else inf with the
  // divisor's sign (fmod gives x, and the correction adds the divisor).
  for (DType t : kFloats)
    expect_everywhere("Mod", vec(t, {kInf, -kInf, 1, -1, 1, -1, NAN}), vec(t, {2, 2, kInf, kInf, -kInf, -kInf, 2}),
                      {NAN, NAN, 1, kInf, -kInf, -1, NAN});
}

TEST(Mod, BoolIsFalseAndUpcasts) {
  const Tensor b = run("Mod", vec(DType::Bool, {1, 1, 0, 0}), vec(DType::Bool, {1, 0, 1, 0}), 13);
  EXPECT_EQ(b.dtype(), DType::Bool);
  expect_values("bool % bool", b, {0, 0, 0, 0}, 0);
  const Tensor m = run("Mod", vec(DType::Int8, {-7, -128}), vec(DType::UInt8, {255, 200}));
  EXPECT_EQ(m.dtype(), DType::Int16);
  expect_values("int8 % uint8", m, {248, 72}, 0);
  const Tensor f = run("Mod", vec(DType::Int64, {-7, 7}), vec(DType::UInt64, {2, 0}));
  EXPECT_EQ(f.dtype(), DType::Float64);
  expect_values("int64 % uint64", f, {1, NAN}, 0);
}

}  // namespace
}  // namespace ptonnx
