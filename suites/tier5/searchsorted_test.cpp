// SearchsortedOp end to end (converter, runtime, oracle), one named test per
// trap: NaN is the largest value (left of NaN = the count of numbers, right
// = len), duplicates in x, -0.0 equal to +0.0, a sorter, NumPy's common
// dtype (uint64 with int64 compares in float64), uint64 at and above 2^63,
// an empty x, 0-d and empty v, and the refusals. Expected values are
// written here (from np.searchsorted), on both runtimes at opsets 13-18.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "check/driver.h"
#include "core/error.h"
#include "graph/builder.h"
#include "suites/common/error_of.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::vec;
using I = std::vector<int64_t>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr uint64_t kBit63 = uint64_t{1} << 63;
constexpr uint64_t kUMax64 = std::numeric_limits<uint64_t>::max();

Tensor u64(const std::vector<uint64_t>& v) {
  Tensor x(DType::UInt64, {static_cast<int64_t>(v.size())});
  for (size_t i = 0; i < v.size(); ++i) x.data<uint64_t>()[i] = v[i];
  return x;
}

VarRef input_of(const std::string& name, const Tensor& t) {
  return pt::tensor(name, std::string(dtype_name(t.dtype())), StaticShape(t.shape().size()));
}

// np.searchsorted(x, v, side, sorter) on both runtimes at every opset; each
// run must pass (runtime == oracle) and give `want`.
void expect_search(const Tensor& x, const Tensor& v, const std::string& side, const I& want,
                   const Tensor* sorter = nullptr) {
  std::vector<VarRef> ins{input_of("x", x), input_of("v", v)};
  std::vector<Tensor> vals{x, v};
  if (sorter) {
    ins.push_back(input_of("sorter", *sorter));
    vals.push_back(*sorter);
  }
  const FunctionGraph g(ins, {pt::searchsorted(ins[0], ins[1], side, sorter ? ins[2] : nullptr)});
  for (int opset = 13; opset <= 18; ++opset)
    for (bool adv : {false, true}) {
      check::DriverOptions o;
      o.opset = opset;
      o.adversarial = adv;
      const auto r = check::run_case(g, vals, o);
      ASSERT_EQ(r.outcome, check::Outcome::Pass) << side << " opset " << opset << (adv ? " adversarial" : "") << ": "
                                                 << r.message;
      I got;
      for (int64_t i = 0; i < r.actual.at(0).numel(); ++i) got.push_back(r.actual.at(0).get_as_int64(i));
      EXPECT_EQ(got, want) << side << " opset " << opset << (adv ? " adversarial" : "");
      EXPECT_EQ(r.actual.at(0).shape(), v.shape());
    }
}

TEST(SearchsortedOp, NaNIsLargest) {
  for (DType t : {DType::Float16, DType::Float32, DType::Float64}) {
    SCOPED_TRACE(std::string(dtype_name(t)));
    const Tensor x = vec(t, {1, 2, kNaN, kNaN});
    const Tensor v = vec(t, {kNaN, 2, kInf, -0.0});
    expect_search(x, v, "left", {2, 1, 2, 0});
    expect_search(x, v, "right", {4, 2, 2, 0});
  }
}

TEST(SearchsortedOp, DuplicatesAndMatrixV) {
  const Tensor x = vec(DType::Int32, {0, 0, 1, 1, 1, 3});
  const Tensor v = test::mat(DType::Int32, 2, {1, 0, 2, 4});
  expect_search(x, v, "left", {2, 0, 5, 6});
  expect_search(x, v, "right", {5, 2, 5, 6});
}

TEST(SearchsortedOp, SignedZerosAreEqual) {
  const Tensor x = vec(DType::Float32, {-0.0, 0.0, 0.0});
  const Tensor v = vec(DType::Float32, {0.0, -0.0});
  expect_search(x, v, "left", {0, 0});
  expect_search(x, v, "right", {3, 3});
}

TEST(SearchsortedOp, SorterAndMixedDtypes) {
  // x[sorter] = [1, 1, 2, 3]; v float64: compared in float64.
  const Tensor x = vec(DType::Int64, {3, 1, 2, 1});
  const Tensor sorter = vec(DType::Int8, {1, 3, 2, 0});
  const Tensor v = vec(DType::Float64, {1, 2.5, -kInf, kNaN});
  expect_search(x, v, "left", {0, 3, 0, 4}, &sorter);
  expect_search(x, v, "right", {2, 3, 0, 4}, &sorter);
}

TEST(SearchsortedOp, UInt64WithInt64ComparesInFloat64) {
  // promote_types(uint64, int64) = float64: 2^63 - 1 becomes 2^63, equal
  // to x[1] there (exactly compared it would be smaller).
  const Tensor x = u64({0, kBit63, kUMax64});
  Tensor v(DType::Int64, {2});
  v.data<int64_t>()[0] = -1;
  v.data<int64_t>()[1] = std::numeric_limits<int64_t>::max();
  expect_search(x, v, "left", {0, 1});
  expect_search(x, v, "right", {0, 2});
}

TEST(SearchsortedOp, UInt64AboveTwoTo63) {
  const Tensor x = u64({1, kBit63 - 1, kBit63, kUMax64});
  const Tensor v = u64({kBit63, kUMax64, 0, kBit63 - 1});
  expect_search(x, v, "left", {2, 3, 0, 1});
  expect_search(x, v, "right", {3, 4, 0, 2});
}

TEST(SearchsortedOp, EmptyXAndScalarOrEmptyV) {
  const Tensor none(DType::Float32, {0});
  expect_search(none, Tensor::scalar(DType::Float32, 5), "left", {0});
  expect_search(none, Tensor::scalar(DType::Float32, kNaN), "right", {0});
  expect_search(vec(DType::Bool, {0, 1, 1}), Tensor::scalar(DType::Bool, 1), "left", {1});
  expect_search(vec(DType::Bool, {0, 1, 1}), Tensor(DType::Int16, {2, 0}), "right", {});
}

TEST(SearchsortedOp, Refusals) {
  auto m = pt::matrix("m", "float32");
  auto v = pt::vector("v", "float32");
  EXPECT_NE(test::error_of<TypeError>([&] { pt::searchsorted(m, v); }).find("x must be a vector"), std::string::npos);
  EXPECT_NE(test::error_of<TypeError>([&] { pt::searchsorted(v, v, "left", pt::vector("s", "uint8")); })
                .find("sorter must be an integer vector"),
            std::string::npos);
  EXPECT_NE(test::error_of<TypeError>([&] { pt::searchsorted(v, v, "middle"); }).find("side"), std::string::npos);
}

}  // namespace
}  // namespace ptonnx
