// Sign, Reciprocal, Sqr, IsNan, IsInf and Trunc end to end (converter,
// runtime, oracle): one named test per trap of the catalog rows, at every
// opset 13..18 and, where the ONNX spec leaves a result open (Sign of NaN
// and of -0.0), on the spec-adversarial runtime too. Expected values are
// NumPy 1.24.2's; output dtypes PyTensor 3.3's.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "check/driver.h"
#include "graph/builder.h"
#include "graph/op_schema.h"
#include "suites/common/expect_values.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
using test::expect_values;
using test::vec;

Tensor run(const std::string& op, const Tensor& x, int opset = 17, bool adversarial = false) {
  auto in =
      pt::tensor("x", std::string(dtype_name(x.dtype())), StaticShape(static_cast<size_t>(x.rank()), std::nullopt));
  FunctionGraph g({in}, pt::op(op, {in}));
  check::DriverOptions o;
  o.opset = opset;
  o.signed_zero = true;
  o.adversarial = adversarial;
  const auto r = check::run_case(g, {x}, o);
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << op << " " << dtype_name(x.dtype()) << " opset " << opset
                                             << (adversarial ? " adversarial" : "") << ": " << r.message;
  return r.actual.empty() ? Tensor() : r.actual.at(0);
}

void expect_everywhere(const std::string& op, const Tensor& x, const std::vector<double>& want, DType out) {
  for (int opset = 13; opset <= 18; ++opset)
    for (bool adversarial : {false, true}) {
      const Tensor y = run(op, x, opset, adversarial);
      EXPECT_EQ(y.dtype(), out) << op << " " << dtype_name(x.dtype());
      expect_values(op + " " + std::string(dtype_name(x.dtype())) + " opset " + std::to_string(opset) +
                        (adversarial ? " adversarial" : ""),
                    y, want, 0);
    }
}

const DType kFloats[] = {DType::Float16, DType::Float32, DType::Float64};
const DType kInts[] = {DType::Int8,  DType::Int16,  DType::Int32,  DType::Int64,
                       DType::UInt8, DType::UInt16, DType::UInt32, DType::UInt64};

TEST(Sign, NaNStaysNaNAndMinusZeroGivesPlusZero) {
  // ONNX Sign's three cases leave NaN open and do not give the sign of
  // the 0 for -0.0; the adversarial runtime answers 0 and -0.0 there.
  for (DType t : kFloats)
    expect_everywhere("Sign", vec(t, {NAN, -0.0, 0.0, -kInf, 2.5, -1e-3}), {NAN, 0.0, 0.0, -1, 1, -1}, t);
}

TEST(Sign, IntegersKeepTheirDtype) {
  expect_everywhere("Sign", vec(DType::Int8, {-128, 0, 127}), {-1, 0, 1}, DType::Int8);
  expect_everywhere("Sign", vec(DType::UInt8, {0, 1, 255}), {0, 1, 1}, DType::UInt8);
  Tensor big(DType::UInt64, {1});
  big.data<uint64_t>()[0] = std::numeric_limits<uint64_t>::max();
  expect_everywhere("Sign", big, {1}, DType::UInt64);
}

TEST(Sign, BoolIsRefusedAsPyTensor) {
  auto b = pt::tensor("b", "bool", {std::nullopt});
  EXPECT_THROW(pt::sign(b), TypeError);
}

TEST(Reciprocal, ZerosGiveSignedInfinities) {
  for (DType t : kFloats)
    expect_everywhere("Reciprocal", vec(t, {0.0, -0.0, kInf, -kInf, NAN, 4}), {kInf, -kInf, 0.0, -0.0, NAN, 0.25}, t);
}

TEST(Reciprocal, IntegersUpgradeToFloatNotIntegerDivision) {
  // upgrade_to_float: int8 -> float32 (1/3 = 0.33333334f, not 0), int32 ->
  // float64, bool -> float32 (1/False = inf).
  expect_everywhere("Reciprocal", vec(DType::Int8, {3, 0, -1}), {static_cast<float>(1.0 / 3), kInf, -1},
                    DType::Float32);
  expect_everywhere("Reciprocal", vec(DType::Int32, {3}), {1.0 / 3}, DType::Float64);
  expect_everywhere("Reciprocal", vec(DType::Bool, {1, 0}), {1, kInf}, DType::Float32);
  // float16: computed in float, rounded once; 1/65504 is a subnormal half.
  const Tensor h = run("Reciprocal", vec(DType::Float16, {3, 65504, 1e-7}));
  EXPECT_EQ(h.get_as_double(2), kInf);  // 1e-7 rounds to the half 1.19e-7; 1/that overflows
}

TEST(Sqr, IntegersWrapInTheirDtype) {
  expect_everywhere("Sqr", vec(DType::Int8, {-128, 16, 127, -3}), {0, 0, 1, 9}, DType::Int8);
  expect_everywhere("Sqr", vec(DType::UInt16, {256, 255}), {0, 65025}, DType::UInt16);
  Tensor big(DType::Int64, {1});
  big.data<int64_t>()[0] = std::numeric_limits<int64_t>::max();
  expect_everywhere("Sqr", big, {1}, DType::Int64);  // (2^63 - 1)^2 = 1 mod 2^64
}

TEST(Sqr, FloatsAndBool) {
  expect_everywhere("Sqr", vec(DType::Float16, {-0.0, 256, -3, NAN}), {0.0, kInf, 9, NAN}, DType::Float16);
  expect_everywhere("Sqr", vec(DType::Float64, {-0.0, 1e200, -kInf}), {0.0, kInf, kInf}, DType::Float64);
  expect_everywhere("Sqr", vec(DType::Bool, {1, 0}), {1, 0}, DType::Bool);
}

TEST(IsNanIsInf, FloatsOfEveryWidth) {
  // IsInf-10 takes no float16 before opset 20: the export Casts it up.
  for (DType t : kFloats) {
    expect_everywhere("IsNan", vec(t, {NAN, kInf, -kInf, 0, -0.0, 65504}), {1, 0, 0, 0, 0, 0}, DType::Bool);
    expect_everywhere("IsInf", vec(t, {NAN, kInf, -kInf, 0, -0.0, 65504}), {0, 1, 1, 0, 0, 0}, DType::Bool);
  }
  expect_everywhere("IsInf", vec(DType::Float16, {1e5}), {1}, DType::Bool);  // past 65504: inf in half
}

TEST(IsNanIsInf, IntegersAndBoolAreAllFalse) {
  for (DType t : kInts) {
    expect_everywhere("IsNan", vec(t, {0, 1, 100}), {0, 0, 0}, DType::Bool);
    expect_everywhere("IsInf", vec(t, {0, 1, 100}), {0, 0, 0}, DType::Bool);
  }
  expect_everywhere("IsNan", vec(DType::Bool, {1, 0}), {0, 0}, DType::Bool);
  expect_everywhere("IsInf", vec(DType::Bool, {1, 0}), {0, 0}, DType::Bool);
  // 0-d and empty inputs keep their shape.
  EXPECT_EQ(run("IsNan", Tensor::scalar(DType::Int32, 3)).shape(), Shape{});
  EXPECT_EQ(run("IsInf", Tensor(DType::Int64, {0, 2})).shape(), (Shape{0, 2}));
}

TEST(Trunc, TowardZeroWithSignedZeros) {
  for (DType t : kFloats)
    expect_everywhere("Trunc", vec(t, {-0.5, 0.5, -0.0, -2.5, 2.75, NAN, kInf, -kInf}),
                      {-0.0, 0.0, -0.0, -2, 2, NAN, kInf, -kInf}, t);
}

TEST(Trunc, HugeValuesAreTheirOwnTruncation) {
  // No Cast to an integer: 1e300 and float16's 65504 stay as they are.
  expect_everywhere("Trunc", vec(DType::Float64, {1e300, -1e300, 4503599627370495.5, 9007199254740993.0}),
                    {1e300, -1e300, 4503599627370495, 9007199254740992}, DType::Float64);
  expect_everywhere("Trunc", vec(DType::Float16, {65504, -65504, 1024.5}), {65504, -65504, 1024}, DType::Float16);
  expect_everywhere("Trunc", vec(DType::Float32, {3e38, 8388607.5}), {static_cast<float>(3e38), 8388607},
                    DType::Float32);
}

TEST(Trunc, IntegersUpgradeToFloat) {
  expect_everywhere("Trunc", vec(DType::Int8, {-128, 5}), {-128, 5}, DType::Float32);
  Tensor big(DType::Int64, {1});
  big.data<int64_t>()[0] = std::numeric_limits<int64_t>::max();
  expect_everywhere("Trunc", big, {9223372036854775808.0}, DType::Float64);
  expect_everywhere("Trunc", vec(DType::Bool, {1, 0}), {1, 0}, DType::Float32);
}

}  // namespace
}  // namespace ptonnx
