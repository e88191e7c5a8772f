// Tier-4 Eig: refused by decision (docs/converter.md, "Eig"), yet modelled.
// The converter raises UnsupportedError naming the op and pointing to Eigh,
// at every opset, never a crash or a model; the oracle still evaluates
// numpy.linalg.eig in the IR's (real, imaginary) pairs, with LAPACK's
// conventions for a conjugate pair and PyTensor's output dtypes, so a
// converter that registers its own "Eig" export can be checked against it.
#include <gtest/gtest.h>

#include <cmath>

#include "check/driver.h"
#include "graph/builder.h"
#include "graph/builder_linalg.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::mat;

check::CaseResult eig(const Tensor& a, int opset = 17) {
  auto x = pt::tensor("a", std::string(dtype_name(a.dtype())), {std::nullopt, std::nullopt});
  FunctionGraph g({x}, pt::eig(x));
  check::DriverOptions o;
  o.opset = opset;
  return check::run_case(g, {a}, o);
}

void expect_values(const Tensor& got, const std::vector<double>& want) {
  ASSERT_EQ(got.numel(), static_cast<int64_t>(want.size()));
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got.get_as_double(static_cast<int64_t>(i)), want[i], 1e-12) << i;
}

TEST(Eig, RefusedAtEveryOpsetWithAPointerToEigh) {
  for (int opset = 13; opset <= 18; ++opset) {
    const auto r = eig(mat(DType::Float64, 2, {2, 1, 0, 3}), opset);
    ASSERT_EQ(r.outcome, check::Outcome::Unsupported) << r.message;
    EXPECT_NE(r.message.find("Eig"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("complex"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find("Eigh"), std::string::npos) << r.message;
  }
}

TEST(Eig, OracleGivesAConjugatePairInLapacksConvention) {
  // A rotation by 90 degrees: w = +-i; numpy.linalg.eig gives
  // v = [[1/sqrt2, 1/sqrt2], [-i/sqrt2, +i/sqrt2]] (geev's v_j = vr_j + i vr_j+1,
  // then its conjugate).
  const auto r = eig(mat(DType::Float64, 2, {0, -1, 1, 0}));
  ASSERT_EQ(r.expected.size(), 4u);
  const double h = 1 / std::sqrt(2.0);
  expect_values(r.expected.at(0), {0, 0});
  expect_values(r.expected.at(1), {1, -1});
  expect_values(r.expected.at(2), {h, h, 0, 0});
  expect_values(r.expected.at(3), {0, 0, -h, h});
}

TEST(Eig, OracleGivesRealEigenvaluesWithZeroImaginaryParts) {
  const auto r = eig(mat(DType::Float64, 2, {2, 1, 0, 3}));
  ASSERT_EQ(r.expected.size(), 4u);
  const double h = 1 / std::sqrt(2.0);
  expect_values(r.expected.at(0), {2, 3});
  expect_values(r.expected.at(1), {0, 0});
  expect_values(r.expected.at(2), {1, h, 0, h});
  expect_values(r.expected.at(3), {0, 0, 0, 0});
}

TEST(Eig, ComponentDtypeOfPromoteTypesWithComplex64) {
  // complex64 (float32 parts) for int8/uint16/float32, complex128 for int32.
  const std::pair<DType, DType> cases[] = {{DType::Int8, DType::Float32},
                                           {DType::UInt16, DType::Float32},
                                           {DType::Float32, DType::Float32},
                                           {DType::Int32, DType::Float64},
                                           {DType::Float64, DType::Float64}};
  for (const auto& [in, component] : cases) {
    const auto r = eig(mat(in, 2, {2, 1, 0, 3}));
    ASSERT_EQ(r.expected.size(), 4u) << dtype_name(in);
    for (const auto& out : r.expected) EXPECT_EQ(out.dtype(), component) << dtype_name(in);
  }
}

TEST(Eig, NumpysRefusalsAreOutOfDomain) {
  EXPECT_EQ(eig(mat(DType::Float16, 2, {1, 0, 0, 1})).outcome, check::Outcome::OutOfDomain);
  EXPECT_EQ(eig(mat(DType::Float64, 2, {1, NAN, 0, 1})).outcome, check::Outcome::OutOfDomain);
}

}  // namespace
}  // namespace ptonnx
