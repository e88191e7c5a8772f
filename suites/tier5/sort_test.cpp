// SortOp and ArgSortOp end to end (converter, runtime, oracle), one named
// test per trap: NaN after +inf (TopK leaves NaN open; the adversarial
// runtime puts it first), -0.0 equal to +0.0 with stable ties in index order
// (the adversarial runtime orders -0.0 first), int64 and uint64 extremes
// (uint64 >= 2^63 has no exact int64 Cast), bool, every axis and axis=None,
// empty and unknown dims, the valid-permutation judgment of unstable kinds,
// and the refusals. Values are checked against constants written here, on
// both runtimes at opsets 13-18.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <set>

#include "check/driver.h"
#include "check/invariant_checks.h"
#include "convert/export.h"
#include "core/error.h"
#include "graph/builder.h"
#include "suites/common/error_of.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::vec;
using I = std::vector<int64_t>;
using U = std::vector<uint64_t>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int64_t kMin64 = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax64 = std::numeric_limits<int64_t>::max();
constexpr uint64_t kBit63 = uint64_t{1} << 63;
constexpr uint64_t kUMax64 = std::numeric_limits<uint64_t>::max();

StaticShape unknown(const Tensor& x) { return StaticShape(x.shape().size()); }

// pt.sort/argsort(x, axis, kind) with x of static shape `st` (default: all
// dims unknown); the run must pass; returns the runtime's output.
Tensor run(bool indices, const Tensor& x, std::optional<int64_t> axis, const std::string& kind, int opset, bool adv,
           std::optional<StaticShape> st = std::nullopt) {
  auto xv = pt::tensor("x", std::string(dtype_name(x.dtype())), st ? *st : unknown(x));
  auto y = indices ? pt::argsort(xv, axis, kind) : pt::sort(xv, axis, kind);
  const FunctionGraph g({xv}, {y});
  check::DriverOptions o;
  o.opset = opset;
  o.adversarial = adv;
  const auto r = check::run_case(g, {x}, o);
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << "opset " << opset << (adv ? " adversarial" : "") << ": " << r.message;
  return r.actual.empty() ? Tensor() : r.actual.at(0);
}

template <typename F>
void every_runtime(F f) {
  for (int opset = 13; opset <= 18; ++opset)
    for (bool adv : {false, true}) {
      SCOPED_TRACE("opset " + std::to_string(opset) + (adv ? " adversarial" : ""));
      f(opset, adv);
    }
}

I as_i64(const Tensor& t) {
  I out;
  for (int64_t i = 0; i < t.numel(); ++i) out.push_back(t.get_as_int64(i));
  return out;
}

// Values with NaN spelled "nan" and the sign of zeros kept ("-0").
std::string render(const Tensor& t) {
  std::string s;
  for (int64_t i = 0; i < t.numel(); ++i) {
    const double v = t.get_as_double(i);
    s += (i ? " " : "") + (std::isnan(v) ? std::string("nan") : (v == 0 && std::signbit(v)) ? "-0" : std::to_string(v));
  }
  return s;
}

TEST(SortOp, NaNSortsAfterInfinity) {
  for (DType t : {DType::Float16, DType::Float32, DType::Float64}) {
    SCOPED_TRACE(std::string(dtype_name(t)));
    const Tensor x = vec(t, {kNaN, kInf, -kInf, 1, kNaN, -2});
    every_runtime([&](int opset, bool adv) {
      EXPECT_EQ(render(run(false, x, -1, "quicksort", opset, adv)), render(vec(t, {-kInf, -2, 1, kInf, kNaN, kNaN})));
      EXPECT_EQ(as_i64(run(true, x, 0, "stable", opset, adv)), (I{2, 5, 3, 1, 0, 4}));
    });
  }
}

TEST(SortOp, SignedZerosTieInIndexOrder) {
  // np.sort([0.0, -0.0, 0.0, -0.0, -1.0], kind='stable') keeps the zeros'
  // order: -1, 0, -0, 0, -0.
  const Tensor x = vec(DType::Float32, {0.0, -0.0, 0.0, -0.0, -1.0});
  every_runtime([&](int opset, bool adv) {
    EXPECT_EQ(as_i64(run(true, x, -1, "stable", opset, adv)), (I{4, 0, 1, 2, 3}));
    EXPECT_EQ(render(run(false, x, -1, "mergesort", opset, adv)), render(vec(DType::Float32, {-1, 0, -0.0, 0, -0.0})));
  });
}

TEST(SortOp, Int64Extremes) {
  Tensor x(DType::Int64, {5});
  const I v{kMax64, kMin64, 0, -1, kMin64};
  for (size_t i = 0; i < v.size(); ++i) x.data<int64_t>()[i] = v[i];
  every_runtime([&](int opset, bool adv) {
    EXPECT_EQ(as_i64(run(false, x, 0, "stable", opset, adv)), (I{kMin64, kMin64, -1, 0, kMax64}));
    EXPECT_EQ(as_i64(run(true, x, 0, "stable", opset, adv)), (I{1, 4, 3, 2, 0}));
  });
}

TEST(SortOp, UInt64AboveTwoTo63) {
  Tensor x(DType::UInt64, {6});
  const U v{kUMax64, kBit63, 0, kBit63 - 1, 1, kBit63 + 1};
  for (size_t i = 0; i < v.size(); ++i) x.data<uint64_t>()[i] = v[i];
  every_runtime([&](int opset, bool adv) {
    const Tensor s = run(false, x, 0, "stable", opset, adv);
    U got;
    for (int64_t i = 0; i < s.numel(); ++i) got.push_back(s.get_as_uint64(i));
    EXPECT_EQ(got, (U{0, 1, kBit63 - 1, kBit63, kBit63 + 1, kUMax64}));
    EXPECT_EQ(as_i64(run(true, x, 0, "stable", opset, adv)), (I{2, 4, 3, 1, 5, 0}));
  });
}

TEST(SortOp, BoolSortsFalseFirst) {
  const Tensor x = vec(DType::Bool, {1, 0, 1, 0});
  every_runtime([&](int opset, bool adv) {
    EXPECT_EQ(as_i64(run(false, x, 0, "quicksort", opset, adv)), (I{0, 0, 1, 1}));
    EXPECT_EQ(as_i64(run(true, x, 0, "stable", opset, adv)), (I{1, 3, 0, 2}));
  });
}

TEST(SortOp, EveryAxisAndNone) {
  Tensor x(DType::Int32, {2, 3, 2});
  const std::vector<double> v{5, -1, 3, 3, 0, 7, -4, 2, 2, 9, 1, -8};
  for (size_t i = 0; i < v.size(); ++i) x.set_from_double(static_cast<int64_t>(i), v[i]);
  // np.sort(x, axis=1)[0] = [[0, -1], [3, 3], [5, 7]]; axis=None: all 12 sorted.
  every_runtime([&](int opset, bool adv) {
    for (int64_t axis = -3; axis < 3; ++axis) run(false, x, axis, "stable", opset, adv);
    EXPECT_EQ(as_i64(run(false, x, 1, "quicksort", opset, adv)),
              (I{0, -1, 3, 3, 5, 7, -4, -8, 1, 2, 2, 9}));
    EXPECT_EQ(as_i64(run(false, x, -3, "quicksort", opset, adv)),
              (I{-4, -1, 2, 3, 0, -8, 5, 2, 3, 9, 1, 7}));
    EXPECT_EQ(as_i64(run(false, x, std::nullopt, "quicksort", opset, adv)),
              (I{-8, -4, -1, 0, 1, 2, 2, 3, 3, 5, 7, 9}));
  });
}

TEST(SortOp, EmptyAndUnknownDims) {
  const Tensor empty_axis(DType::Float32, {2, 0, 3});
  const Tensor empty_other(DType::UInt64, {0, 4});
  every_runtime([&](int opset, bool adv) {
    // The sorted axis of length 0, known and unknown; another axis empty.
    EXPECT_EQ(run(false, empty_axis, 1, "quicksort", opset, adv).shape(), (Shape{2, 0, 3}));
    EXPECT_EQ(run(true, empty_axis, 1, "quicksort", opset, adv, StaticShape{2, 0, 3}).shape(), (Shape{2, 0, 3}));
    EXPECT_EQ(run(true, empty_other, -1, "stable", opset, adv).shape(), (Shape{0, 4}));
    EXPECT_EQ(run(false, empty_other, std::nullopt, "stable", opset, adv).shape(), (Shape{0}));
    // One element; 0-d input flattened by axis=None.
    EXPECT_EQ(as_i64(run(true, vec(DType::Float64, {kNaN}), 0, "stable", opset, adv)), (I{0}));
    EXPECT_EQ(as_i64(run(true, Tensor::scalar(DType::Int8, -3), std::nullopt, "stable", opset, adv)), (I{0}));
  });
}

// The comparison hook: with kind quicksort a result that orders ties
// differently passes; a repeated index or an unsorted order fails; with
// kind stable the tie order is compared exactly.
TEST(ArgSortOp, UnstableKindsAreJudgedAsValidPermutations) {
  const Tensor x = vec(DType::Float32, {1, kNaN, -0.0, 0.0, kNaN});
  auto judge = [&](const std::string& kind, const I& actual) {
    auto xv = pt::tensor("x", "float32", {std::nullopt});
    const FunctionGraph g({xv}, {pt::argsort(xv, 0, kind)});
    const std::vector<Tensor> expected{vec(DType::Int64, {2, 3, 0, 1, 4})};
    Tensor a(DType::Int64, {5});
    for (size_t i = 0; i < actual.size(); ++i) a.data<int64_t>()[i] = actual[i];
    const auto m = check::apply_invariant_check(g, {x}, expected, {a}, 0, check::Tolerance::for_dtype(DType::Int64));
    EXPECT_TRUE(m.has_value());
    return m && m->ok;
  };
  EXPECT_TRUE(judge("quicksort", {3, 2, 0, 4, 1}));  // -0/+0 and the NaNs swapped
  EXPECT_TRUE(judge("heapsort", {2, 3, 0, 1, 4}));
  EXPECT_FALSE(judge("quicksort", {2, 3, 0, 1, 1}));  // not a permutation
  EXPECT_FALSE(judge("quicksort", {2, 3, 1, 0, 4}));  // NaN before 1
  EXPECT_FALSE(judge("quicksort", {2, 3, 0, 1, 5}));  // out of range
  EXPECT_FALSE(judge("stable", {3, 2, 0, 1, 4}));
  EXPECT_TRUE(judge("mergesort", {2, 3, 0, 1, 4}));
}

TEST(SortOp, Refusals) {
  // A computed axis: TopK needs it as an attribute.
  auto x = pt::tensor("x", "float32", {std::nullopt});
  auto a = pt::tensor("a", "int64", {});
  const FunctionGraph g({x, a}, {apply_op1("SortOp", {x, a}, {{"kind", std::string("quicksort")}})});
  const std::string msg = test::error_of<UnsupportedError>([&] { export_onnx(g); });
  EXPECT_NE(msg.find("axis must be a constant"), std::string::npos) << msg;
  EXPECT_NE(msg.find("SortOp"), std::string::npos) << msg;
  // np.sort raises AxisError for an axis out of range, and any axis of 0-d.
  EXPECT_NE(test::error_of<TypeError>([&] { pt::sort(x, 1); }).find("out of bounds"), std::string::npos);
  EXPECT_NE(test::error_of<TypeError>([&] { pt::argsort(pt::tensor("s", "int8", {}), -1); }).find("out of bounds"),
            std::string::npos);
  // PyTensor refuses an unsigned axis.
  EXPECT_NE(test::error_of<TypeError>([&] {
              apply_op1("ArgSortOp", {x, pt::constant(Tensor::scalar(DType::UInt8, 0))}, {});
            }).find("integer dtype"),
            std::string::npos);
}

TEST(SortOp, OnnxForm) {
  // TopK passes: one for ints and bool (Cast to int64), two for floats and
  // uint64 (the NaN flag, the top bit); a Pad only for an unknown length.
  auto count = [](const std::string& dtype, StaticShape st, const std::string& op) {
    auto x = pt::tensor("x", dtype, st);
    ExportOptions o;
    o.opset = 13;
    const auto m = export_onnx(FunctionGraph({x}, {pt::sort(x)}), o);
    int k = 0;
    for (const auto& n : m.graph().node()) k += n.op_type() == op;
    return k;
  };
  EXPECT_EQ(count("int32", {4}, "TopK"), 1);
  EXPECT_EQ(count("bool", {4}, "TopK"), 1);
  EXPECT_EQ(count("float16", {4}, "TopK"), 2);
  EXPECT_EQ(count("uint64", {4}, "TopK"), 2);
  EXPECT_EQ(count("int64", {4}, "Pad"), 0);
  EXPECT_EQ(count("int64", {std::nullopt}, "Pad"), 1);
  EXPECT_EQ(count("float32", {std::nullopt}, "Pad"), 2);
}

}  // namespace
}  // namespace ptonnx
