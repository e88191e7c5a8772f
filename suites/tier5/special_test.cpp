// Tier-5 Switch, Softmax and LogSoftmax end to end (oracle, export,
// runtime, comparison), one named test per trap.
// Switch: the condition is truthy (NaN true, -0.0 false, any dtype), the
// branches are upcast together (int64 with uint64 gives float64), all three
// inputs broadcast, a selected -0.0 stays -0.0.
// Softmax/LogSoftmax: axis=None is every axis, negative and several axes,
// axis=() (1 or NaN), -inf groups give NaN as in NumPy (-inf - -inf), +inf
// and NaN poison their group, integers wrap in x - max before exp
// (upgrade_to_float), float16 sums in a float32 accumulator, a zero-length
// reduced axis raises in PyTensor, a zero-length kept axis is empty, every
// opset (ReduceMax's axes became an input at 18), bool is refused.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "check/driver.h"
#include "core/error.h"
#include "graph/builder.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::mat;
using test::vec;

constexpr double kInf = std::numeric_limits<double>::infinity();

VarRef input(const std::string& name, const Tensor& v, StaticShape shape = {}) {
  if (shape.empty()) shape.assign(v.shape().size(), std::nullopt);  // every dim unknown
  return pt::tensor(name, std::string(dtype_name(v.dtype())), shape);
}

check::CaseResult run_graph(const FunctionGraph& g, const std::vector<Tensor>& in, int opset = 17,
                            bool adversarial = false) {
  check::DriverOptions o;
  o.opset = opset;
  o.adversarial = adversarial;
  o.signed_zero = true;
  return check::run_case(g, in, o);
}

// The runtime's value of a graph that must pass.
Tensor passing(const FunctionGraph& g, const std::vector<Tensor>& in, int opset = 17) {
  const auto r = run_graph(g, in, opset);
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  return r.actual.empty() ? Tensor() : r.actual.at(0);
}

std::vector<double> values(const Tensor& t) {
  std::vector<double> v;
  for (int64_t i = 0; i < t.numel(); ++i) v.push_back(t.get_as_double(i));
  return v;
}

// ---- Switch ------------------------------------------------------------------

Tensor run_switch(const Tensor& c, const Tensor& a, const Tensor& b, int opset = 17) {
  auto vc = input("c", c), va = input("a", a), vb = input("b", b);
  return passing(FunctionGraph({vc, va, vb}, {pt::switch_(vc, va, vb)}), {c, a, b}, opset);
}

TEST(Switch, ConditionIsTruthyNaNTrueNegativeZeroFalse) {
  const Tensor ones = vec(DType::Int8, {1, 1, 1, 1, 1, 1}), zeros = vec(DType::Int8, {0, 0, 0, 0, 0, 0});
  for (DType t : {DType::Float16, DType::Float32, DType::Float64}) {
    const Tensor c = vec(t, {NAN, -0.0, 0.0, 0.5, -kInf, 0x1p-24});
    EXPECT_EQ(values(run_switch(c, ones, zeros)), (std::vector<double>{1, 0, 0, 1, 1, 1})) << dtype_name(t);
  }
  Tensor c64(DType::Int64, {3});
  c64.data<int64_t>()[0] = std::numeric_limits<int64_t>::min();
  c64.data<int64_t>()[1] = 0;
  c64.data<int64_t>()[2] = int64_t{1} << 62;
  EXPECT_EQ(values(run_switch(c64, vec(DType::Int8, {1, 1, 1}), vec(DType::Int8, {0, 0, 0}))),
            (std::vector<double>{1, 0, 1}));
  EXPECT_EQ(values(run_switch(vec(DType::UInt8, {255, 0}), vec(DType::Int8, {1, 1}), vec(DType::Int8, {0, 0}))),
            (std::vector<double>{1, 0}));
}

TEST(Switch, BranchesAreUpcastTogether) {
  Tensor i64(DType::Int64, {2}), u64(DType::UInt64, {2});
  i64.data<int64_t>()[0] = (int64_t{1} << 53) + 1;  // rounds to 2^53 in float64
  i64.data<int64_t>()[1] = -1;
  u64.data<uint64_t>()[0] = std::numeric_limits<uint64_t>::max();
  u64.data<uint64_t>()[1] = std::numeric_limits<uint64_t>::max();
  const Tensor c = vec(DType::Bool, {1, 0});
  Tensor r = run_switch(c, i64, u64);
  EXPECT_EQ(r.dtype(), DType::Float64);
  EXPECT_EQ(values(r), (std::vector<double>{0x1p53, 0x1p64}));
  r = run_switch(c, vec(DType::Bool, {1, 1}), vec(DType::Int8, {-5, -5}));
  EXPECT_EQ(r.dtype(), DType::Int8);
  EXPECT_EQ(values(r), (std::vector<double>{1, -5}));
  r = run_switch(c, vec(DType::Int8, {-7, -7}), vec(DType::Float16, {0.5, 0.5}));
  EXPECT_EQ(r.dtype(), DType::Float16);
  r = run_switch(c, vec(DType::Bool, {1, 1}), vec(DType::Bool, {0, 0}));
  EXPECT_EQ(r.dtype(), DType::Bool);
  EXPECT_EQ(values(r), (std::vector<double>{1, 0}));
}

TEST(Switch, AllThreeInputsBroadcast) {
  const Tensor c = mat(DType::Float32, 3, 1, {1, 0, NAN});
  const Tensor a = mat(DType::Int16, 1, 4, {1, 2, 3, 4});
  const Tensor b = Tensor::scalar(DType::Float64, -1);
  auto vc = input("c", c, {std::nullopt, 1}), va = input("a", a, {1, std::nullopt}), vb = input("b", b);
  for (int opset = 13; opset <= 18; ++opset) {
    const Tensor r = passing(FunctionGraph({vc, va, vb}, {pt::switch_(vc, va, vb)}), {c, a, b}, opset);
    EXPECT_EQ(r.shape(), (Shape{3, 4}));
    EXPECT_EQ(values(r), (std::vector<double>{1, 2, 3, 4, -1, -1, -1, -1, 1, 2, 3, 4})) << opset;
  }
}

TEST(Switch, SelectedNegativeZeroStaysNegative) {
  const Tensor r = run_switch(vec(DType::Bool, {1, 0}), vec(DType::Float32, {-0.0, 1}), vec(DType::Float64, {2, -0.0}));
  ASSERT_EQ(r.numel(), 2);
  EXPECT_TRUE(std::signbit(r.get_as_double(0)));
  EXPECT_TRUE(std::signbit(r.get_as_double(1)));
}

// ---- Softmax, LogSoftmax -------------------------------------------------------

using Axes = std::optional<std::vector<int64_t>>;

check::CaseResult run_softmax(const std::string& op, const Tensor& x, Axes axis, int opset = 17,
                              bool adversarial = false) {
  auto vx = input("x", x);
  VarRef y = op == "Softmax" ? pt::softmax(vx, axis) : pt::log_softmax(vx, axis);
  return run_graph(FunctionGraph({vx}, {y}), {x}, opset, adversarial);
}

Tensor softmax_passing(const std::string& op, const Tensor& x, Axes axis, int opset = 17) {
  const auto r = run_softmax(op, x, axis, opset);
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << op << ": " << r.message;
  return r.actual.empty() ? Tensor() : r.actual.at(0);
}

void expect_near(const Tensor& t, const std::vector<double>& want, double tol = 1e-7) {
  ASSERT_EQ(t.numel(), static_cast<int64_t>(want.size()));
  for (size_t i = 0; i < want.size(); ++i) {
    if (std::isnan(want[i])) {
      EXPECT_TRUE(std::isnan(t.get_as_double(static_cast<int64_t>(i)))) << i;
    } else if (std::isinf(want[i])) {
      EXPECT_EQ(t.get_as_double(static_cast<int64_t>(i)), want[i]) << i;
    } else {
      EXPECT_NEAR(t.get_as_double(static_cast<int64_t>(i)), want[i], tol) << i;
    }
  }
}

const Tensor k23 = mat(DType::Float64, 2, 3, {1, 2, 3, 4, 5, 6});

TEST(Softmax, AxisNoneIsEveryAxis) {
  // np: e = exp(x - x.max()); e / e.sum() over all six elements.
  const std::vector<double> all{0.00426978, 0.01160646, 0.03154963, 0.08576079, 0.23312201, 0.63369132};
  for (int opset = 13; opset <= 18; ++opset) {
    expect_near(softmax_passing("Softmax", k23, std::nullopt, opset), all);
    expect_near(softmax_passing("Softmax", k23, std::vector<int64_t>{1, 0}, opset), all);
  }
  expect_near(softmax_passing("LogSoftmax", k23, std::nullopt),
              {-5.45619332, -4.45619332, -3.45619332, -2.45619332, -1.45619332, -0.45619332});
}

TEST(Softmax, NegativeAxisCountsFromTheEnd) {
  const std::vector<double> rows{0.09003057, 0.24472847, 0.66524096, 0.09003057, 0.24472847, 0.66524096};
  expect_near(softmax_passing("Softmax", k23, std::vector<int64_t>{-1}), rows);
  const Tensor cols = softmax_passing("Softmax", k23, std::vector<int64_t>{-2});
  expect_near(cols, {0.04742587, 0.04742587, 0.04742587, 0.95257413, 0.95257413, 0.95257413});
  // A 3-d input over two non-adjacent axes, every opset.
  Tensor x(DType::Float32, {2, 3, 2});
  for (int64_t i = 0; i < x.numel(); ++i) x.set_from_double(i, static_cast<double>(i % 5) - 2.0);
  for (int opset = 13; opset <= 18; ++opset) {
    softmax_passing("Softmax", x, std::vector<int64_t>{-1, 0}, opset);
    softmax_passing("LogSoftmax", x, std::vector<int64_t>{2, -3}, opset);
  }
  EXPECT_THROW(run_softmax("Softmax", k23, std::vector<int64_t>{2}), TypeError);
}

TEST(Softmax, EmptyAxisTupleGivesOneOrNaN) {
  const Tensor x = vec(DType::Float32, {-3, 0, 7, kInf, -kInf, NAN});
  expect_near(softmax_passing("Softmax", x, std::vector<int64_t>{}), {1, 1, 1, NAN, NAN, NAN});
  expect_near(softmax_passing("LogSoftmax", x, std::vector<int64_t>{}), {0, 0, 0, NAN, NAN, NAN});
  // A 0-d input: axis=None reduces no axes either.
  expect_near(softmax_passing("Softmax", Tensor::scalar(DType::Float64, 5), std::nullopt), {1});
}

TEST(Softmax, MinusInfGroupIsNaNAsInNumPy) {
  const Tensor x = mat(DType::Float32, 2, 2, {-kInf, -kInf, -kInf, 0});
  expect_near(softmax_passing("Softmax", x, std::vector<int64_t>{1}), {NAN, NAN, 0, 1});
  expect_near(softmax_passing("LogSoftmax", x, std::vector<int64_t>{1}), {NAN, NAN, -kInf, 0});
}

TEST(Softmax, PlusInfAndNaNPoisonTheirGroup) {
  const Tensor x = mat(DType::Float64, 3, 2, {1, kInf, NAN, 1, 1, 1});
  for (const char* op : {"Softmax", "LogSoftmax"}) {
    for (int opset : {13, 18}) {
      const Tensor r = softmax_passing(op, x, std::vector<int64_t>{1}, opset);
      expect_near(r.reshaped({6}), {NAN, NAN, NAN, NAN, std::string(op) == "Softmax" ? 0.5 : -M_LN2,
                                    std::string(op) == "Softmax" ? 0.5 : -M_LN2});
    }
    // The adversarial runtime's ReduceMax skips NaN (the ONNX spec is
    // silent): the NaN still reaches its group's sum.
    const auto r = run_softmax(op, x, std::vector<int64_t>{1}, 17, true);
    EXPECT_EQ(r.outcome, check::Outcome::Pass) << op << ": " << r.message;
  }
}

TEST(Softmax, IntegersWrapInXMinusMaxThenUpgradeToFloat) {
  // int8: -128 - 127 wraps to 1, so xs = [1, 0] (not [-255, 0]).
  Tensor r = softmax_passing("Softmax", vec(DType::Int8, {-128, 127}), std::nullopt);
  EXPECT_EQ(r.dtype(), DType::Float32);
  expect_near(r, {0.7310586, 0.2689414});
  // uint8: 0 - 200 wraps to 56.
  r = softmax_passing("Softmax", vec(DType::UInt8, {0, 200}), std::nullopt);
  EXPECT_EQ(r.dtype(), DType::Float32);
  expect_near(r, {1.0, 4.780893e-25}, 1e-30);
  for (int opset = 13; opset <= 18; ++opset)
    for (DType t : {DType::Int16, DType::UInt16, DType::Int32, DType::UInt32, DType::Int64, DType::UInt64}) {
      const Tensor x = vec(t, {0, 1, 2, 3});
      EXPECT_EQ(softmax_passing("LogSoftmax", x, std::vector<int64_t>{0}, opset).dtype(), upgrade_to_float(t));
    }
}

TEST(Softmax, Float16SumsInAFloat32Accumulator) {
  // 3000 equal halves: each e is 1; summed in half the sum would stop at
  // 2048 (2048 + 1 rounds back), PyTensor's float32 accumulator gives 3000.
  Tensor x(DType::Float16, {3000});
  for (int64_t i = 0; i < x.numel(); ++i) x.set_from_double(i, 0.0);
  const Tensor r = softmax_passing("Softmax", x, std::nullopt);
  EXPECT_EQ(r.dtype(), DType::Float16);
  EXPECT_NEAR(r.get_as_double(0), 1.0 / 3000, 1e-7);
  const Tensor l = softmax_passing("LogSoftmax", x, std::vector<int64_t>{-1});
  EXPECT_NEAR(l.get_as_double(0), -std::log(3000.0), 4e-3);
}

TEST(Softmax, ZeroLengthReducedAxisRaisesKeptAxisIsEmpty) {
  const Tensor empty_rows(DType::Float32, {0, 3});
  EXPECT_EQ(softmax_passing("Softmax", empty_rows, std::vector<int64_t>{1}).shape(), (Shape{0, 3}));
  EXPECT_EQ(softmax_passing("LogSoftmax", empty_rows, std::vector<int64_t>{-1}, 18).shape(), (Shape{0, 3}));
  EXPECT_EQ(run_softmax("Softmax", empty_rows, std::vector<int64_t>{0}).outcome, check::Outcome::OutOfDomain);
  EXPECT_EQ(run_softmax("LogSoftmax", empty_rows, std::nullopt).outcome, check::Outcome::OutOfDomain);
}

TEST(Softmax, BoolIsRefused) {
  const Tensor b = vec(DType::Bool, {0, 1});
  EXPECT_THROW(run_softmax("Softmax", b, std::nullopt), TypeError);
  EXPECT_THROW(run_softmax("LogSoftmax", b, std::nullopt), TypeError);
}

}  // namespace
}  // namespace ptonnx
