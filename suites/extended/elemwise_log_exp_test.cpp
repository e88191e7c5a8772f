// Log2, Log10, Exp2 end to end, one named test per trap of the composed
// exports (lib/convert/ops/elemwise_log_exp.cpp): exactness at powers of the
// base (Log(x) * (1/ln 2) gives 2.9999999999999996 for log2(8)), log10 of
// subnormal powers of ten (not integers), exp2 exact at integers, its
// overflow and underflow per dtype, log_b(1) = +0, the IEEE specials,
// integer and bool inputs through upgrade_to_float, every opset.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "suites/common/expect_values.h"
#include "suites/common/tensors.h"
#include "suites/extended/extended_test_util.h"

namespace ptonnx {
namespace {

using test::expect_values;
using test::run1;
using test::vec;

constexpr double kInf = std::numeric_limits<double>::infinity();
const DType kFloats[] = {DType::Float16, DType::Float32, DType::Float64};

struct Format {
  int min_sub, max_exp;
};
Format format(DType t) {
  return t == DType::Float16 ? Format{-24, 15} : t == DType::Float32 ? Format{-149, 127} : Format{-1074, 1023};
}

TEST(ExtendedLogExp, EveryOpEveryFloatDtypeEveryOpset) {
  for (const char* op : {"Log2", "Log10", "Exp2"})
    for (DType t : kFloats)
      for (int opset = 13; opset <= 18; ++opset)
        run1(op, vec(t, {-3, -1, -0.0, 0, 0.25, 0.5, 1, 2, 3, 10, 100, 1e4, kInf, -kInf, NAN}), opset);
}

// log2(2^k) = k exactly for every power of two of each dtype, subnormals
// included (Log(x) * (1/ln 2) alone is off by an ulp for 364 of the 2098
// float64 powers: log2(8) = 2.9999999999999996).
TEST(ExtendedLogExp, Log2IsExactAtEveryPowerOfTwo) {
  for (DType t : kFloats) {
    const Format f = format(t);
    std::vector<double> x, want;
    for (int k = f.min_sub; k <= f.max_exp; ++k) {
      x.push_back(std::ldexp(1.0, k));
      want.push_back(k);
    }
    expect_values("log2 " + std::string(dtype_name(t)), run1("Log2", vec(t, x)), want, 0.0);
  }
}

// log10(10^k) = k exactly where 10^k is exact (k <= 22 in float64) and for
// the nearest double to every normal power of ten (libm's log10 rounds to
// k: log10(1e-5) = -5); log(1000) * (1/ln 10) alone gives
// 2.9999999999999996. Subnormal powers are not integers: log10(1e-320) =
// -320.0000048349480 (glibc and NumPy), which the Pow fallback must not
// replace by -320.
TEST(ExtendedLogExp, Log10IsExactAtPowersOfTen) {
  std::vector<double> x, want;
  for (int k = -307; k <= 308; ++k) {
    x.push_back(std::stod("1e" + std::to_string(k)));
    want.push_back(k);
  }
  expect_values("log10 float64", run1("Log10", vec(DType::Float64, x)), want, 0.0);
  expect_values("log10 float32", run1("Log10", vec(DType::Float32, {1, 10, 100, 1e3, 1e4, 1e5, 1e10, 1e-3, 1e38})),
                {0, 1, 2, 3, 4, 5, 10, -3, 38}, 0.0);
  expect_values("log10 float16", run1("Log10", vec(DType::Float16, {1, 10, 100, 1e3, 1e4})), {0, 1, 2, 3, 4}, 0.0);
  // (run1 compares with the oracle within the tolerance: -320 would fail.)
  const Tensor sub = run1("Log10", vec(DType::Float64, {1e-320, 1e-310, 5e-324}));
  EXPECT_NE(sub.get_as_double(0), -320.0);
}

// log_b(1) = +0, log_b(+-0) = -inf, log_b(x < 0) = NaN, log_b(inf) = inf.
TEST(ExtendedLogExp, LogSpecialValues) {
  for (const char* op : {"Log2", "Log10"})
    for (DType t : kFloats)
      expect_values(op, run1(op, vec(t, {1, 0, -0.0, -1, -kInf, kInf, NAN})), {0, -kInf, -kInf, NAN, NAN, kInf, NAN});
}

// exp2(k) = 2^k exactly for every integer k whose power is representable
// (subnormals included), inf above, +0 below half the smallest subnormal.
TEST(ExtendedLogExp, Exp2IsExactAtIntegersAndOverflowsPerDtype) {
  for (DType t : kFloats) {
    const Format f = format(t);
    std::vector<double> x, want;
    for (int k = f.min_sub - 3; k <= f.max_exp + 3; ++k) {
      x.push_back(k);
      want.push_back(k > f.max_exp ? kInf : k < f.min_sub ? 0.0 : std::ldexp(1.0, k));
    }
    expect_values("exp2 " + std::string(dtype_name(t)), run1("Exp2", vec(t, x)), want, 0.0);
  }
  // float64: -1074.5 rounds up to the smallest subnormal, -1075 is the tie
  // that rounds to even (+0); 1024 - 2^-40 is finite (DBL_MAX's binade).
  const Tensor r = run1("Exp2", vec(DType::Float64, {-1074.5, -1075, 1024 - std::ldexp(1.0, -40), -kInf, kInf, -0.0}));
  expect_values("exp2 edges", r, {std::ldexp(1.0, -1074), 0.0, std::exp2(1024 - std::ldexp(1.0, -40)), 0.0, kInf, 1.0},
                0.0);
}

// upgrade_to_float: bool, int8, uint8, int16 -> float32; int32, int64 ->
// float64 (log2 of int64 2^62 is exactly 62 there).
TEST(ExtendedLogExp, IntegerAndBoolInputsUpgradeToFloat) {
  const Tensor b = run1("Log2", vec(DType::Bool, {1, 0}));
  EXPECT_EQ(b.dtype(), DType::Float32);
  expect_values("log2 bool", b, {0, -kInf}, 0.0);
  const Tensor i8 = run1("Exp2", vec(DType::Int8, {-128, -1, 0, 7, 127}));
  EXPECT_EQ(i8.dtype(), DType::Float32);
  expect_values("exp2 int8", i8, {std::ldexp(1.0, -128), 0.5, 1, 128, std::ldexp(1.0, 127)}, 0.0);
  const Tensor u8 = run1("Log10", vec(DType::UInt8, {1, 10, 100, 255}));
  EXPECT_EQ(u8.dtype(), DType::Float32);
  Tensor big(DType::Int64, {2});
  big.data<int64_t>()[0] = int64_t{1} << 62;
  big.data<int64_t>()[1] = 1000000000000000000;
  const Tensor i64 = run1("Log2", big);
  EXPECT_EQ(i64.dtype(), DType::Float64);
  EXPECT_EQ(i64.get_as_double(0), 62.0);
  EXPECT_EQ(run1("Log10", big).get_as_double(1), 18.0);
  EXPECT_EQ(run1("Exp2", vec(DType::Int32, {-1074, 1023, 1024})).dtype(), DType::Float64);
}

}  // namespace
}  // namespace ptonnx
