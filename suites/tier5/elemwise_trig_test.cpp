// Tier-5 trigonometric and hyperbolic ops end to end (converter, runtime,
// oracle), one named test per trap of the catalog notes: arguments outside
// the domain give NaN and poles +-inf (NumPy warns, never raises), sinh and
// cosh overflow where each dtype does (float16 past 11.1, float32 past
// 89.4), the odd functions keep -0, integer and bool inputs upgrade to
// float32 or float64 as upgrade_to_float says, and huge arguments of the
// periodic functions are reduced exactly.
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

using test::vec;

// op(x) through the driver (oracle, export, runtime, comparison with the
// sign of zero checked); the run must pass, and its runtime value is
// returned.
Tensor run(const std::string& op, const Tensor& x, int opset = 17) {
  auto in = pt::tensor("x", std::string(dtype_name(x.dtype())), {std::nullopt});
  FunctionGraph g({in}, pt::op(op, {in}));
  check::DriverOptions o;
  o.opset = opset;
  o.signed_zero = true;
  const auto r = check::run_case(g, {x}, o);
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << op << " " << dtype_name(x.dtype()) << ": " << r.message;
  return r.actual.empty() ? Tensor() : r.actual.at(0);
}

using test::expect_values;

const char* const kAll[] = {"Sin",  "Cos",  "Tan",  "ArcSin",  "ArcCos",  "ArcTan",
                            "Sinh", "Cosh", "Tanh", "ArcSinh", "ArcCosh", "ArcTanh"};

TEST(Trig, EveryOpEveryFloatDtypeEveryOpset) {
  for (const char* op : kAll)
    for (DType t : {DType::Float16, DType::Float32, DType::Float64})
      for (int opset = 13; opset <= 18; ++opset) run(op, vec(t, {-2, -1, -0.5, -0.0, 0, 0.25, 1, 3}), opset);
}

TEST(Trig, OutsideTheDomainIsNaN) {
  expect_values("ArcSin", run("ArcSin", vec(DType::Float64, {1, -1, 1.0000000000000002, -2})),
                {M_PI / 2, -M_PI / 2, NAN, NAN});
  expect_values("ArcCos", run("ArcCos", vec(DType::Float64, {1, -1, 1.5})), {0.0, M_PI, NAN});
  expect_values("ArcCosh", run("ArcCosh", vec(DType::Float64, {1, 0.99999999999999989, -1, kInf})),
                {0.0, NAN, NAN, kInf});
  expect_values("ArcTanh", run("ArcTanh", vec(DType::Float64, {2, -1.5})), {NAN, NAN});
}

TEST(Trig, ArcTanhPolesAreInfinite) {
  expect_values("ArcTanh", run("ArcTanh", vec(DType::Float64, {1, -1})), {kInf, -kInf});
  expect_values("ArcTanh", run("ArcTanh", vec(DType::Float32, {1, -1})), {kInf, -kInf});
}

TEST(Trig, SinhCoshOverflowWhereEachDtypeDoes) {
  // float16 (max 65504): cosh(11) = 29937.07 is finite, cosh(12) = 81377.4
  // is not; NumPy computes in float32 and rounds once to half.
  const Tensor h = run("Cosh", vec(DType::Float16, {11, 12, -12}));
  EXPECT_TRUE(std::isfinite(h.get_as_double(0)));
  EXPECT_EQ(h.get_as_double(1), kInf);
  EXPECT_EQ(h.get_as_double(2), kInf);
  EXPECT_EQ(run("Sinh", vec(DType::Float16, {-12})).get_as_double(0), -kInf);
  // float32 (max 3.4e38): sinh(89) = 2.2e38 is finite, sinh(90) is not.
  const Tensor f = run("Sinh", vec(DType::Float32, {89, 90, -90}));
  EXPECT_TRUE(std::isfinite(f.get_as_double(0)));
  EXPECT_EQ(f.get_as_double(1), kInf);
  EXPECT_EQ(f.get_as_double(2), -kInf);
  // float64 reaches 710.
  EXPECT_TRUE(std::isfinite(run("Cosh", vec(DType::Float64, {710})).get_as_double(0)));
  EXPECT_EQ(run("Cosh", vec(DType::Float64, {711})).get_as_double(0), kInf);
}

TEST(Trig, OddFunctionsKeepNegativeZero) {
  for (const char* op : {"Sin", "Tan", "ArcSin", "ArcTan", "Sinh", "Tanh", "ArcSinh", "ArcTanh"})
    for (DType t : {DType::Float16, DType::Float32, DType::Float64})
      expect_values(op, run(op, vec(t, {-0.0, 0.0})), {-0.0, 0.0});
  // The even ones and the inverse cosines give +0 at their zero.
  expect_values("ArcCos", run("ArcCos", vec(DType::Float32, {1})), {0.0});
  expect_values("ArcCosh", run("ArcCosh", vec(DType::Float32, {1})), {0.0});
}

TEST(Trig, IntegerAndBoolInputsUpgradeToFloat) {
  const std::pair<DType, DType> cases[] = {{DType::Bool, DType::Float32},   {DType::Int8, DType::Float32},
                                           {DType::UInt8, DType::Float32},  {DType::Int16, DType::Float32},
                                           {DType::UInt16, DType::Float32}, {DType::Int32, DType::Float64},
                                           {DType::Int64, DType::Float64},  {DType::UInt64, DType::Float64}};
  for (const auto& [in, out] : cases) {
    const Tensor y = run("Sin", vec(in, {0, 1}));
    EXPECT_EQ(y.dtype(), out) << dtype_name(in);
    // int8 computes in float32 (sinf(1)), not in NumPy's own float16 loop.
    if (out == DType::Float32) {
      EXPECT_EQ(y.get_as_double(1), static_cast<double>(std::sin(1.0f))) << dtype_name(in);
    }
  }
}

TEST(Trig, HugeArgumentsAreReducedExactly) {
  // sin(1e22) and tan of the double nearest pi/2 need an exact argument
  // reduction (a naive x mod 2pi in double gets the first one's sign wrong).
  expect_values("Sin", run("Sin", vec(DType::Float64, {1e22})), {-0.8522008497671888});
  expect_values("Tan", run("Tan", vec(DType::Float64, {M_PI / 2})), {1.633123935319537e16});
  expect_values("Cos", run("Cos", vec(DType::Float64, {1e300, -kInf})), {std::cos(1e300), NAN});
}

}  // namespace
}  // namespace ptonnx
