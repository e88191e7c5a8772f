// Unique end to end (converter, runtime, oracle), one named test per trap:
// NumPy 1.24's equal_nan=True (all NaNs collapse into one, the first NaN's
// index), -0.0 equal to +0.0 (the first one in x is kept), uint64 at and
// above 2^63, int64 extremes, bool, C-order flattening of a matrix and a
// 0-d input, empty inputs (known and unknown sizes), unique rows along an
// axis (rows holding NaN are never equal) and the refusals. Expected
// values are np.unique's, written here; both runtimes, opsets 13-18.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "check/driver.h"
#include "convert/export.h"
#include "core/error.h"
#include "graph/builder.h"
#include "oracles/oracle.h"
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

// np.unique(x, True, True, True) on both runtimes at every opset; each run
// must pass (runtime == oracle); returns the last run's outputs.
std::vector<Tensor> run_unique(const Tensor& x, std::optional<StaticShape> st = std::nullopt) {
  auto xv = pt::tensor("x", std::string(dtype_name(x.dtype())), st ? *st : StaticShape(x.shape().size()));
  const FunctionGraph g({xv}, pt::unique(xv, true, true, true));
  std::vector<Tensor> out;
  for (int opset = 13; opset <= 18; ++opset)
    for (bool adv : {false, true}) {
      check::DriverOptions o;
      o.opset = opset;
      o.adversarial = adv;
      const auto r = check::run_case(g, {x}, o);
      EXPECT_EQ(r.outcome, check::Outcome::Pass) << "opset " << opset << (adv ? " adversarial" : "") << ": "
                                                 << r.message;
      out = r.actual;
    }
  return out;
}

I ints(const Tensor& t) {
  I v;
  for (int64_t i = 0; i < t.numel(); ++i) v.push_back(t.get_as_int64(i));
  return v;
}

std::string render(const Tensor& t) {
  std::string s;
  for (int64_t i = 0; i < t.numel(); ++i) {
    const double v = t.get_as_double(i);
    s += (i ? " " : "") + (std::isnan(v) ? std::string("nan") : (v == 0 && std::signbit(v)) ? "-0" : std::to_string(v));
  }
  return s;
}

TEST(Unique, NaNsCollapseIntoOne) {
  for (DType t : {DType::Float16, DType::Float32, DType::Float64}) {
    SCOPED_TRACE(std::string(dtype_name(t)));
    const auto out = run_unique(vec(t, {kNaN, 1, kNaN, -kInf, 1, kInf}));
    ASSERT_EQ(out.size(), 4u);
    EXPECT_EQ(render(out.at(0)), render(vec(t, {-kInf, 1, kInf, kNaN})));
    EXPECT_EQ(ints(out.at(1)), (I{3, 1, 5, 0}));
    EXPECT_EQ(ints(out.at(2)), (I{3, 1, 3, 0, 1, 2}));
    EXPECT_EQ(ints(out.at(3)), (I{1, 2, 1, 2}));
  }
}

TEST(Unique, SignedZerosAreOneValueTheFirstKept) {
  auto out = run_unique(vec(DType::Float32, {-0.0, 1, 0.0, -0.0}));
  EXPECT_EQ(render(out.at(0)), "-0 1.000000");
  EXPECT_EQ(ints(out.at(1)), (I{0, 1}));
  EXPECT_EQ(ints(out.at(3)), (I{3, 1}));
  out = run_unique(vec(DType::Float64, {0.0, -0.0}));
  EXPECT_EQ(render(out.at(0)), "0.000000");
}

TEST(Unique, UInt64AboveTwoTo63AndInt64Extremes) {
  Tensor u(DType::UInt64, {5});
  const std::vector<uint64_t> uv{kUMax64, 0, kBit63, kUMax64, kBit63 - 1};
  for (size_t i = 0; i < uv.size(); ++i) u.data<uint64_t>()[i] = uv[i];
  auto out = run_unique(u);
  std::vector<uint64_t> got;
  for (int64_t i = 0; i < out.at(0).numel(); ++i) got.push_back(out.at(0).get_as_uint64(i));
  EXPECT_EQ(got, (std::vector<uint64_t>{0, kBit63 - 1, kBit63, kUMax64}));
  EXPECT_EQ(ints(out.at(2)), (I{3, 0, 2, 3, 1}));
  EXPECT_EQ(ints(out.at(3)), (I{1, 1, 1, 2}));
  Tensor s(DType::Int64, {4});
  const I sv{std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min(),
             std::numeric_limits<int64_t>::max(), 0};
  for (size_t i = 0; i < sv.size(); ++i) s.data<int64_t>()[i] = sv[i];
  out = run_unique(s);
  EXPECT_EQ(ints(out.at(0)), (I{sv[1], 0, sv[0]}));
  EXPECT_EQ(ints(out.at(1)), (I{1, 3, 0}));
}

TEST(Unique, BoolAndFlattening) {
  auto out = run_unique(vec(DType::Bool, {1, 0, 1}));
  EXPECT_EQ(ints(out.at(0)), (I{0, 1}));
  EXPECT_EQ(ints(out.at(3)), (I{1, 2}));
  out = run_unique(test::mat(DType::Int8, 2, {3, 1, 1, 2}));  // C order: 3, 1, 1, 2
  EXPECT_EQ(ints(out.at(0)), (I{1, 2, 3}));
  EXPECT_EQ(ints(out.at(1)), (I{1, 3, 0}));
  EXPECT_EQ(ints(out.at(2)), (I{2, 0, 0, 1}));
  out = run_unique(Tensor::scalar(DType::UInt16, 5));
  EXPECT_EQ(ints(out.at(0)), (I{5}));
  EXPECT_EQ(ints(out.at(2)), (I{0}));
}

TEST(Unique, EmptyInputs) {
  for (const auto& st : {std::optional<StaticShape>{}, std::optional<StaticShape>{StaticShape{2, 0}}}) {
    const auto out = run_unique(Tensor(DType::Float32, {2, 0}), st);
    ASSERT_EQ(out.size(), 4u);
    for (const auto& o : out) EXPECT_EQ(o.shape(), (Shape{0}));
  }
}

TEST(Unique, AxisRefusals) {
  // The columns of the rows are unrolled: the other dims must be static.
  auto m = pt::matrix("m", "float32");
  const FunctionGraph g({m}, pt::unique(m, false, false, true, -2));
  const std::string msg = test::error_of<UnsupportedError>([&] { export_onnx(g); });
  EXPECT_NE(msg.find("axis=0 with dim 1 unknown"), std::string::npos) << msg;
  EXPECT_NE(msg.find("Unique"), std::string::npos) << msg;
  EXPECT_NE(test::error_of<TypeError>([&] { apply_op("Unique", {m}, {{"axis", int64_t{-1}}}); })
                .find("Axis cannot be negative"),
            std::string::npos);
  EXPECT_NE(test::error_of<TypeError>([&] { apply_op("Unique", {m}, {{"axis", int64_t{2}}}); }).find("out of range"),
            std::string::npos);
}

// Rows through the export: sorted lexicographically with NaN last, equal
// only when every field is == (the two [1, nan] rows stay apart).
TEST(Unique, AxisRowsEndToEnd) {
  auto m = pt::tensor("m", "float64", {std::nullopt, 2});
  const FunctionGraph g({m}, pt::unique(m, true, true, true, 0));
  const Tensor x = test::mat(DType::Float64, 4, 2, {1, kNaN, 0, 2, 1, kNaN, 0, 2});
  auto k = pt::tensor("k", "int32", {2, std::nullopt});
  const FunctionGraph h({k}, pt::unique(k, false, false, true, -1));
  const Tensor y = test::mat(DType::Int32, 2, 3, {2, 1, 2, 5, 0, 5});
  for (int opset = 13; opset <= 18; ++opset)
    for (bool adv : {false, true}) {
      check::DriverOptions o;
      o.opset = opset;
      o.adversarial = adv;
      auto r = check::run_case(g, {x}, o);
      ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
      EXPECT_EQ(render(r.actual.at(0)), "0.000000 2.000000 1.000000 nan 1.000000 nan");
      EXPECT_EQ(ints(r.actual.at(1)), (I{1, 0, 2}));
      EXPECT_EQ(ints(r.actual.at(2)), (I{1, 0, 2, 0}));
      EXPECT_EQ(ints(r.actual.at(3)), (I{2, 1, 1}));
      r = check::run_case(h, {y}, o);
      ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
      EXPECT_EQ(r.actual.at(0).shape(), (Shape{2, 2}));
      EXPECT_EQ(ints(r.actual.at(0)), (I{1, 2, 0, 5}));
      EXPECT_EQ(ints(r.actual.at(1)), (I{1, 2}));
    }
}

// np.unique(m, axis=0, return_counts=True): rows sorted lexicographically
// (NaN last), equal only when every field is ==, so the two [1, nan] rows
// stay apart; np.unique(m, axis=1) sorts columns.
TEST(Unique, OracleRowsWithNaNNeverEqual) {
  auto m = pt::matrix("m", "float64");
  const Tensor x = test::mat(DType::Float64, 4, 2, {1, kNaN, 0, 2, 1, kNaN, 0, 2});
  auto out = oracle::evaluate(FunctionGraph({m}, pt::unique(m, true, true, true, 0)), {x});
  EXPECT_EQ(out.at(0).shape(), (Shape{3, 2}));
  EXPECT_EQ(render(out.at(0)), "0.000000 2.000000 1.000000 nan 1.000000 nan");
  EXPECT_EQ(ints(out.at(1)), (I{1, 0, 2}));
  EXPECT_EQ(ints(out.at(2)), (I{1, 0, 2, 0}));
  EXPECT_EQ(ints(out.at(3)), (I{2, 1, 1}));
  const Tensor y = test::mat(DType::Int32, 2, 3, {2, 1, 2, 5, 0, 5});
  auto n = pt::matrix("n", "int32");
  out = oracle::evaluate(FunctionGraph({n}, pt::unique(n, false, false, true, 1)), {y});
  EXPECT_EQ(out.at(0).shape(), (Shape{2, 2}));
  EXPECT_EQ(ints(out.at(0)), (I{1, 2, 0, 5}));
  EXPECT_EQ(ints(out.at(1)), (I{1, 2}));
}

}  // namespace
}  // namespace ptonnx
