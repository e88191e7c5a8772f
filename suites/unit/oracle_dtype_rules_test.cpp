// The oracle's own dtype rules (issue 17, item 6): NumPy's promotion table
// and PyTensor's upgrade_to_float / LAPACK / reduction tables, written out
// here from NumPy's and PyTensor's documented results (not computed by any
// project code), and the check that an IR declaring another dtype than
// PyTensor's fails the case.
#include <gtest/gtest.h>

#include <array>

#include "check/driver.h"
#include "graph/builder.h"
#include "graph/builder_shape.h"
#include "oracles/dtype_rules.h"
#include "oracles/oracle.h"
#include "oracles/result_dtypes.h"

using namespace ptonnx;
namespace dt = ptonnx::oracle::dtypes;

namespace {

constexpr std::array<const char*, 12> kNames = {"bool",   "int8",   "int16",  "int32",   "int64",   "uint8",
                                                "uint16", "uint32", "uint64", "float16", "float32", "float64"};

// np.result_type(np.zeros((), a), np.zeros((), b)), rows and columns in
// kNames order (NumPy 1.24 and 2.x agree for arrays).
constexpr const char* kPromotion[12][12] = {
    {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32", "float64"},
    {"int8", "int8", "int16", "int32", "int64", "int16", "int32", "int64", "float64", "float16", "float32", "float64"},
    {"int16", "int16", "int16", "int32", "int64", "int16", "int32", "int64", "float64", "float32", "float32",
     "float64"},
    {"int32", "int32", "int32", "int32", "int64", "int32", "int32", "int64", "float64", "float64", "float64",
     "float64"},
    {"int64", "int64", "int64", "int64", "int64", "int64", "int64", "int64", "float64", "float64", "float64",
     "float64"},
    {"uint8", "int16", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32",
     "float64"},
    {"uint16", "int32", "int32", "int32", "int64", "uint16", "uint16", "uint32", "uint64", "float32", "float32",
     "float64"},
    {"uint32", "int64", "int64", "int64", "int64", "uint32", "uint32", "uint32", "uint64", "float64", "float64",
     "float64"},
    {"uint64", "float64", "float64", "float64", "float64", "uint64", "uint64", "uint64", "uint64", "float64", "float64",
     "float64"},
    {"float16", "float16", "float32", "float64", "float64", "float16", "float32", "float64", "float64", "float16",
     "float32", "float64"},
    {"float32", "float32", "float32", "float64", "float64", "float32", "float32", "float64", "float64", "float32",
     "float32", "float64"},
    {"float64", "float64", "float64", "float64", "float64", "float64", "float64", "float64", "float64", "float64",
     "float64", "float64"},
};

DType d(const char* name) { return parse_dtype(name); }

TEST(OracleDTypeRules, NumpyPromotionTable) {
  for (size_t r = 0; r < 12; ++r)
    for (size_t c = 0; c < 12; ++c)
      EXPECT_EQ(std::string(dtype_name(dt::numpy_promote(d(kNames[r]), d(kNames[c])))), kPromotion[r][c])
          << kNames[r] << " + " << kNames[c];
}

// PyTensor's upgrade_to_float maps each input before promoting: int8 with
// float16 is float32 (NumPy: float16).
TEST(OracleDTypeRules, UpgradeToFloatMapsEachInputFirst) {
  EXPECT_EQ(dt::upgrade_to_float({DType::Int8}), DType::Float32);
  EXPECT_EQ(dt::upgrade_to_float({DType::Bool}), DType::Float32);
  EXPECT_EQ(dt::upgrade_to_float({DType::UInt16}), DType::Float32);
  EXPECT_EQ(dt::upgrade_to_float({DType::Int32}), DType::Float64);
  EXPECT_EQ(dt::upgrade_to_float({DType::UInt64}), DType::Float64);
  EXPECT_EQ(dt::upgrade_to_float({DType::Float16}), DType::Float16);
  EXPECT_EQ(dt::upgrade_to_float({DType::Int8, DType::Float16}), DType::Float32);
  EXPECT_EQ(dt::upgrade_to_float({DType::Float16, DType::Float16}), DType::Float16);
  EXPECT_EQ(dt::upgrade_to_float({DType::Float32, DType::Int32}), DType::Float64);
}

// linalg_output_dtype (pytensor/tensor/linalg/dtype_utils.py): float16 and
// the narrow ints compute in float32.
TEST(OracleDTypeRules, LapackDTypeTable) {
  const char* expected[12] = {"float32", "float32", "float32", "float64", "float64", "float32",
                              "float32", "float64", "float64", "float32", "float32", "float64"};
  for (size_t i = 0; i < 12; ++i)
    EXPECT_EQ(std::string(dtype_name(dt::scipy_lapack_dtype(d(kNames[i])))), expected[i]) << kNames[i];
}

TEST(OracleDTypeRules, SumOutputAndAccumulator) {
  auto x8 = pt::vector("x", "int8");
  auto s8 = pt::op("Sum", {x8}, {})[0];
  EXPECT_EQ(oracle::out_dtype(*s8->owner), DType::Int64);
  EXPECT_EQ(oracle::careduce_acc_dtype(*s8->owner, DType::Int8), DType::Int64);
  auto xu = pt::vector("x", "uint16");
  EXPECT_EQ(oracle::out_dtype(*pt::op("Sum", {xu}, {})[0]->owner), DType::UInt64);
  auto xh = pt::vector("x", "float16");
  auto sh = pt::op("Sum", {xh}, {})[0];
  EXPECT_EQ(oracle::out_dtype(*sh->owner), DType::Float16);
  EXPECT_EQ(oracle::careduce_acc_dtype(*sh->owner, DType::Float16), DType::Float32);
  EXPECT_EQ(oracle::careduce_acc_dtype(*sh->owner, DType::Float32), DType::Float64);
  EXPECT_EQ(oracle::out_dtype(*pt::op("Max", {x8}, {})[0]->owner), DType::Int8);
}

// An IR that declares another dtype than PyTensor's rule: the walk refuses
// it as a DTypeDisagreement naming the node, the inputs and both dtypes,
// and the driver fails the case ("dtype: ..."), where before the oracle
// computed in the declared dtype and agreed with the converter.
TEST(OracleDTypeRules, WrongDeclaredDTypeFailsTheCase) {
  auto x = pt::vector("x", "int32"), y = pt::vector("y", "int32");
  auto q = pt::true_div(x, y);
  ASSERT_EQ(q->type.dtype, DType::Float64);
  q->type.dtype = DType::Float32;  // the planted type-inference bug
  FunctionGraph g({x, y}, {q});
  Tensor a(DType::Int32, {2}), b(DType::Int32, {2});
  for (int i = 0; i < 2; ++i) a.set_from_double(i, 3 + i), b.set_from_double(i, 2);
  try {
    oracle::evaluate(g, {a, b});
    FAIL() << "no DTypeDisagreement";
  } catch (const oracle::DTypeDisagreement& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("'TrueDiv' on inputs (int32, int32)"), std::string::npos) << m;
    EXPECT_NE(m.find("declares output 0 float32"), std::string::npos) << m;
    EXPECT_NE(m.find("gives float64"), std::string::npos) << m;
  }
  const check::CaseResult r = check::run_case(g, {a, b}, check::DriverOptions{});
  EXPECT_EQ(r.outcome, check::Outcome::Mismatch);
  EXPECT_EQ(r.message.rfind("dtype: ", 0), 0u) << r.message;
}

// An op without a stated rule: the dtype the oracle's kernel computes is
// the oracle's, and the IR must declare it too.
TEST(OracleDTypeRules, KernelComputedDTypeIsCheckedToo) {
  auto x = pt::vector("x", "float32");
  auto s = pt::shape(x);
  ASSERT_EQ(s->type.dtype, DType::Int64);
  s->type.dtype = DType::Int32;
  FunctionGraph g({x}, {s});
  EXPECT_THROW(oracle::evaluate(g, {Tensor(DType::Float32, {3})}), oracle::DTypeDisagreement);
}

}  // namespace
