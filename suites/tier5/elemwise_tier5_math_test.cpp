// Tier-5 scalar-math ops end to end (converter, runtime, oracle), one named
// test per trap of the catalog notes: Clip with min > max, NaN x and NaN
// bounds, tensor bounds and the sign of zero; log1p and expm1 of tiny
// arguments (log(1 + x) and exp(x) - 1 lose every digit), log1p(-1) = -inf;
// erfc's tails (1 - erf(x) is 0 where erfc(10) = 2.09e-45); softplus past
// exp's overflow; sigmoid's saturation; integer and bool inputs upgraded to
// float32 or float64.
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

// Runs g on the inputs through the driver (oracle, export, runtime, the
// comparison with the sign of zero); the run must pass; returns the
// runtime's output.
Tensor run_graph(const FunctionGraph& g, const std::vector<Tensor>& in, int opset = 17) {
  check::DriverOptions o;
  o.opset = opset;
  o.signed_zero = true;
  const auto r = check::run_case(g, in, o);
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  return r.actual.empty() ? Tensor() : r.actual.at(0);
}

Tensor run(const std::string& op, const Tensor& x, int opset = 17) {
  auto in = pt::tensor("x", std::string(dtype_name(x.dtype())), {std::nullopt});
  return run_graph(FunctionGraph({in}, pt::op(op, {in})), {x}, opset);
}

Tensor clip(const Tensor& x, const Tensor& lo, const Tensor& hi) {
  // Dims of 1 static (PyTensor broadcasts only those), others unknown.
  auto dims = [](const Tensor& t) {
    StaticShape s;
    for (int64_t d : t.shape()) s.push_back(d == 1 ? std::optional<int64_t>(1) : std::nullopt);
    return s;
  };
  auto a = pt::tensor("x", std::string(dtype_name(x.dtype())), dims(x));
  auto b = pt::tensor("lo", std::string(dtype_name(lo.dtype())), dims(lo));
  auto c = pt::tensor("hi", std::string(dtype_name(hi.dtype())), dims(hi));
  return run_graph(FunctionGraph({a, b, c}, {pt::clip(a, b, c)}), {x, lo, hi});
}

Tensor scalar(DType t, double v) { return Tensor::scalar(t, v); }

using test::expect_values;

const char* const kUnary[] = {"Sigmoid", "Softplus", "Log1p", "Expm1", "Erf", "Erfc"};

TEST(ScalarMath, EveryOpEveryFloatDtypeEveryOpset) {
  for (const char* op : kUnary)
    for (DType t : {DType::Float16, DType::Float32, DType::Float64})
      for (int opset = 13; opset <= 18; ++opset)
        run(op, vec(t, {-40, -2, -1, -0.5, -0.0, 0, 0.25, 1, 3, 20, 40, kInf, -kInf, NAN}), opset);
  for (int opset = 13; opset <= 18; ++opset) {
    auto a = pt::tensor("x", "float32", {std::nullopt});
    auto b = pt::tensor("lo", "float32", {});
    auto c = pt::tensor("hi", "float32", {});
    run_graph(FunctionGraph({a, b, c}, {pt::clip(a, b, c)}),
              {vec(DType::Float32, {-1, 0.5, 2}), scalar(DType::Float32, 0), scalar(DType::Float32, 1)}, opset);
  }
}

TEST(ScalarMath, ClipWithMinAboveMaxFollowsPyTensor) {
  // x < min ? min : (x > max ? max : x): [0, 5, 10] with (7, 3) -> [7, 7, 3]
  // (ONNX Clip and np.clip give [3, 3, 3]).
  expect_values("Clip", clip(vec(DType::Float64, {0, 5, 10}), scalar(DType::Float64, 7), scalar(DType::Float64, 3)),
                {7, 7, 3});
  expect_values("Clip", clip(vec(DType::Int64, {0, 5, 10}), scalar(DType::Int8, 7), scalar(DType::Int8, 3)), {7, 7, 3});
}

TEST(ScalarMath, ClipLetsNaNThrough) {
  // A NaN x and NaN bounds fail both comparisons: x is returned.
  expect_values("Clip", clip(vec(DType::Float32, {NAN, -5, 5}), scalar(DType::Float32, -1), scalar(DType::Float32, 1)),
                {NAN, -1, 1});
  expect_values("Clip",
                clip(vec(DType::Float64, {-5, 0.5, 5}), scalar(DType::Float64, NAN), scalar(DType::Float64, NAN)),
                {-5, 0.5, 5});
  expect_values("Clip", clip(vec(DType::Float64, {-5, 5}), scalar(DType::Float64, NAN), scalar(DType::Float64, 1)),
                {-5, 1});
}

TEST(ScalarMath, ClipBroadcastsTensorBoundsAndUpcasts) {
  Tensor lo(DType::Int16, {2, 1});
  lo.set_from_double(0, 0);
  lo.set_from_double(1, 2);
  const Tensor y = clip(vec(DType::UInt8, {1, 3, 5}), lo, scalar(DType::Float32, 4));
  EXPECT_EQ(y.dtype(), DType::Float32);
  ASSERT_EQ(y.shape(), (Shape{2, 3}));
  expect_values("Clip", y, {1, 3, 4, 2, 3, 4});
  // bool x with bool bounds stays bool.
  const Tensor b = clip(vec(DType::Bool, {0, 1}), scalar(DType::Bool, 1), scalar(DType::Bool, 1));
  EXPECT_EQ(b.dtype(), DType::Bool);
  expect_values("Clip", b, {1, 1});
}

TEST(ScalarMath, ClipKeepsTheSignOfZero) {
  // -0 is neither below +0 nor above it: x's own -0 comes back; a bound's
  // zero comes back with the bound's sign.
  expect_values("Clip",
                clip(vec(DType::Float64, {-0.0, -1, 0.0}), scalar(DType::Float64, 0.0), scalar(DType::Float64, 1)),
                {-0.0, 0.0, 0.0});
  expect_values("Clip",
                clip(vec(DType::Float32, {-1, 0.0}), scalar(DType::Float32, -0.0), scalar(DType::Float32, -0.0)),
                {-0.0, 0.0});
}

TEST(ScalarMath, Log1pAndExpm1KeepTinyArguments) {
  // log(1 + 1e-10) = 1.00000008274e-10 (the rounding of 1 + x), and
  // exp(1e-10) - 1 = 1.00000008274e-10: both wrong in the 8th digit.
  expect_values("Log1p", run("Log1p", vec(DType::Float64, {1e-10, -1e-10, 1e-17, 3e-300, -0.0, 0.0})),
                {std::log1p(1e-10), std::log1p(-1e-10), 1e-17, 3e-300, -0.0, 0.0}, 3e-16);
  expect_values("Expm1", run("Expm1", vec(DType::Float64, {1e-10, -1e-10, 1e-17, 3e-300, -0.0, 0.0})),
                {std::expm1(1e-10), std::expm1(-1e-10), 1e-17, 3e-300, -0.0, 0.0}, 3e-16);
  expect_values("Log1p", run("Log1p", vec(DType::Float32, {1e-7})), {std::log1p(1e-7f)}, 1.2e-7);
  expect_values("Expm1", run("Expm1", vec(DType::Float32, {-1e-7})), {std::expm1(-1e-7f)}, 1.2e-7);
}

TEST(ScalarMath, Log1pPolesAndDomain) {
  for (DType t : {DType::Float16, DType::Float32, DType::Float64})
    expect_values("Log1p", run("Log1p", vec(t, {-1, -2, -kInf, kInf, NAN})), {-kInf, NAN, NAN, kInf, NAN});
  // The largest finite double: 1 + x = x, log(x) * (x / x).
  expect_values("Log1p", run("Log1p", vec(DType::Float64, {1.7976931348623157e308})), {709.782712893384});
}

TEST(ScalarMath, Expm1SaturatesAndOverflows) {
  expect_values("Expm1", run("Expm1", vec(DType::Float64, {-40, -1000, -kInf, 709.7, 710, kInf})),
                {-1, -1, -1, std::expm1(709.7), kInf, kInf});
  expect_values("Expm1", run("Expm1", vec(DType::Float32, {88, 89, -20})), {std::expm1(88.0f), kInf, -1}, 1.2e-7);
  expect_values("Expm1", run("Expm1", vec(DType::Float16, {11, 12})), {59872, kInf}, 1e-3);
}

TEST(ScalarMath, ErfcTails) {
  // 1 - erf(x) is exactly 0 from x = 6 (float64) while erfc(10) = 2.1e-45
  // and erfc(26) = 5.7e-296; on the negative side erfc -> 2.
  expect_values("Erfc", run("Erfc", vec(DType::Float64, {10, 26, 5.5, 2, 1, 0.5, 0.1, -kInf, -10, kInf, 30, NAN})),
                {2.088487583762545e-45, std::erfc(26.0), std::erfc(5.5), std::erfc(2.0), std::erfc(1.0), std::erfc(0.5),
                 std::erfc(0.1), 2, 2, 0, 0, NAN},
                5e-16);
  expect_values("Erfc", run("Erfc", vec(DType::Float32, {9, 4})), {std::erfc(9.0), std::erfc(4.0)}, 1.2e-7);
  expect_values("Erfc", run("Erfc", vec(DType::Float64, {-0.0})), {1});
}

TEST(ScalarMath, SoftplusDoesNotOverflow) {
  // log(exp(x) + 1) is inf from x = 710 (float64), 89 (float32); PyTensor
  // returns x past 33.3 and exp(x) below -37.
  expect_values("Softplus", run("Softplus", vec(DType::Float64, {1000, -1000, 20, -40, 0, kInf, -kInf, NAN})),
                {1000, 0, 20 + std::exp(-20.0), std::exp(-40.0), std::log(2.0), kInf, 0, NAN});
  expect_values("Softplus", run("Softplus", vec(DType::Float32, {100, 1e30, -50})), {100, 1e30, std::exp(-50.0)},
                1.2e-7);
  expect_values("Softplus", run("Softplus", vec(DType::Float16, {100, -100})), {100, 0});
}

TEST(ScalarMath, SigmoidExtremes) {
  expect_values("Sigmoid", run("Sigmoid", vec(DType::Float64, {-1000, 1000, -0.0, -kInf, kInf, NAN, -30})),
                {0, 1, 0.5, 0, 1, NAN, 1 / (1 + std::exp(30.0))});
  // float32: expit saturates to exactly 1 past 17 and to 0 by overflow of
  // exp(-x) past -88.7 (a runtime's exp(x) / (1 + exp(x)) gives a subnormal
  // there, within the comparison's atol).
  expect_values("Sigmoid", run("Sigmoid", vec(DType::Float32, {20, -20})), {1, 1 / (1 + std::exp(20.0))}, 1.2e-7);
  run("Sigmoid", vec(DType::Float32, {-89, -100, -104}));
  expect_values("Sigmoid", run("Sigmoid", vec(DType::Float16, {-20, 20})), {0, 1});
}

TEST(ScalarMath, ErfKeepsNegativeZeroAndSaturates) {
  for (DType t : {DType::Float16, DType::Float32, DType::Float64})
    expect_values("Erf", run("Erf", vec(t, {-0.0, 0.0, kInf, -kInf, 7})), {-0.0, 0.0, 1, -1, 1});
}

TEST(ScalarMath, IntegerAndBoolInputsUpgradeToFloat) {
  const std::pair<DType, DType> cases[] = {{DType::Bool, DType::Float32},   {DType::Int8, DType::Float32},
                                           {DType::UInt8, DType::Float32},  {DType::Int16, DType::Float32},
                                           {DType::UInt16, DType::Float32}, {DType::Int32, DType::Float64},
                                           {DType::Int64, DType::Float64},  {DType::UInt64, DType::Float64}};
  for (const char* op : kUnary)
    for (const auto& [in, out] : cases) {
      const Tensor y = run(op, vec(in, {0, 1}));
      EXPECT_EQ(y.dtype(), out) << op << " " << dtype_name(in);
    }
  // uint8 255 -> float32: log1p(255) = log(256); softplus of a large uint64
  // is x itself (not -x: the impl's unsigned trap is on the 18..33.3 branch).
  expect_values("Log1p", run("Log1p", vec(DType::UInt8, {255})), {std::log(256.0f)}, 1.2e-7);
  expect_values("Softplus", run("Softplus", vec(DType::UInt64, {20, 1e19})), {20 + std::exp(-20.0), 1e19});
  expect_values("Expm1", run("Expm1", vec(DType::Int8, {-128, 88})), {-1, std::expm1(88.0f)}, 1.2e-7);
}

}  // namespace
}  // namespace ptonnx
