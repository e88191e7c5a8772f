// The portable forms of the reductions (issue 18): each case is exact by
// the ONNX spec alone, so it passes on the built-in runtime, on its
// spec-adversarial mode (integer ReduceSum/ReduceProd saturate there, as in
// ONNX Runtime) and on ONNX Runtime itself (skipped when ort/ is not
// installed). Values sit where the old forms broke: wrapping sums and
// products, unsigned and 16-bit ArgMax, INT_MIN in Argmin, uint32/int64
// extrema whose low word has its top bit set, -0.0 sums.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "check/driver.h"
#include "convert/export.h"
#include "graph/builder.h"
#include "oracles/oracle.h"
#include "ort/ort_worker.h"

namespace ptonnx {
namespace {

std::shared_ptr<FunctionGraph> graph1(const VarRef& x, const VarRef& y) {
  return std::make_shared<FunctionGraph>(std::vector<VarRef>{x}, std::vector<VarRef>{pt::named(y, "y")});
}

template <typename T>
Tensor values(DType t, std::vector<T> v) {
  Tensor x(t, {static_cast<int64_t>(v.size())});
  for (size_t i = 0; i < v.size(); ++i) x.data<T>()[i] = v[i];
  return x;
}

// Passes on every backend at opsets 13 and 18.
void expect_portable(const FunctionGraph& g, const Tensor& input, bool signed_zero = false) {
  const bool ort = ort::OrtWorker::shared().available();
  for (int opset : {13, 18}) {
    check::DriverOptions o;
    o.opset = opset;
    o.signed_zero = signed_zero;
    for (int mode = 0; mode < 3; ++mode) {
      if (mode == 2 && !ort) continue;
      o.adversarial = mode == 1;
      o.backend = mode == 2 ? check::DriverOptions::Backend::Ort : check::DriverOptions::Backend::Builtin;
      const auto r = check::run_case(g, {input}, o);
      EXPECT_EQ(r.outcome, check::Outcome::Pass)
          << "opset " << opset << (mode == 1 ? " adversarial" : mode == 2 ? " onnxruntime" : " built-in") << ": "
          << r.message;
    }
  }
}

int64_t oracle_int(const FunctionGraph& g, const Tensor& input) {
  return oracle::evaluate(g, {input}).at(0).get_as_int64(0);
}

constexpr int64_t kMin64 = std::numeric_limits<int64_t>::min(), kMax64 = std::numeric_limits<int64_t>::max();
constexpr uint64_t kMaxU64 = std::numeric_limits<uint64_t>::max();

TEST(ReductionPortable, Int64SumsWrapByConstruction) {
  auto x = pt::vector("x", "int64");
  const Tensor v = values<int64_t>(DType::Int64, {kMax64, 1, kMax64, 5, kMin64, -3});
  auto g = graph1(x, pt::sum(x));
  EXPECT_EQ(oracle_int(*g, v), int64_t{kMin64 + 1});  // 2^63 + 2 - 3 - 2^63 ... modulo 2^64
  expect_portable(*g, v);
  auto u = pt::vector("u", "uint64");
  const Tensor vu = values<uint64_t>(DType::UInt64, {kMaxU64, 2, uint64_t{1} << 63, uint64_t{1} << 63});
  expect_portable(*graph1(u, pt::sum(u)), vu);  // 1 modulo 2^64
}

TEST(ReductionPortable, IntegerProductsWrapByConstruction) {
  auto x = pt::vector("x", "int64");
  const Tensor v = values<int64_t>(DType::Int64, {int64_t{1} << 40, (int64_t{1} << 30) + 7, -7, kMin64 + 12345, 3});
  expect_portable(*graph1(x, pt::prod(x)), v);
  auto u = pt::vector("u", "uint64");
  expect_portable(*graph1(u, pt::prod(u)), values<uint64_t>(DType::UInt64, {(uint64_t{1} << 63) + 1, 3, kMaxU64}));
  // int32 elements, an int64 accumulator: 65536^3 * 3 passes 2^63 in int64.
  auto i = pt::matrix("i", "int32");
  Tensor m(DType::Int32, {2, 4});
  const int32_t mv[] = {65536, 65536, 65536, 3, -65536, 65536, 65535, 65537};
  for (int k = 0; k < 8; ++k) m.data<int32_t>()[k] = mv[k];
  expect_portable(*graph1(i, pt::prod(i, std::vector<int64_t>{1})), m);
}

TEST(ReductionPortable, ArgmaxOfUnsignedAnd16BitIntsKeepsFirstIndexTies) {
  auto u = pt::vector("u", "uint64");
  const Tensor v = values<uint64_t>(DType::UInt64, {uint64_t{1} << 63, kMaxU64, 5, kMaxU64, 0, 0});
  auto g = graph1(u, pt::argmax(u));
  EXPECT_EQ(oracle_int(*g, v), 1);
  expect_portable(*g, v);
  auto gm = graph1(u, pt::argmin(u));
  EXPECT_EQ(oracle_int(*gm, v), 4);
  expect_portable(*gm, v);
  auto w = pt::vector("w", "uint32");
  expect_portable(*graph1(w, pt::argmax(w)), values<uint32_t>(DType::UInt32, {256, 4294967295u, 0, 4294967295u}));
  auto h = pt::vector("h", "int16");
  expect_portable(*graph1(h, pt::argmin(h)), values<int16_t>(DType::Int16, {5, -32768, 7, -32767, -32767}));
  auto q = pt::vector("q", "uint16");
  expect_portable(*graph1(q, pt::argmin(q)), values<uint16_t>(DType::UInt16, {65535, 3, 3, 65535}));
}

// Argmin is argmax(-x): -INT_MIN wraps to INT_MIN, the smallest, so the
// minimum INT_MIN never wins; the converter no longer relies on Neg
// wrapping (which ONNX leaves open).
TEST(ReductionPortable, ArgminOfIntMinFollowsTheWrappedNegation) {
  auto x = pt::vector("x", "int64");
  const Tensor v = values<int64_t>(DType::Int64, {kMin64, 5, -3, kMin64});
  auto g = graph1(x, pt::argmin(x));
  EXPECT_EQ(oracle_int(*g, v), 2);
  expect_portable(*g, v);
  auto s = pt::vector("s", "int32");
  expect_portable(*graph1(s, pt::argmin(s)), values<int32_t>(DType::Int32, {std::numeric_limits<int32_t>::min(), 4}));
}

TEST(ReductionPortable, ArgmaxOverNoAxesOfAnEmptyInputHasNonNegativeAxes) {
  auto x = pt::matrix("x", "float32");
  auto g = graph1(x, pt::argmax(x, std::vector<int64_t>{}));
  const onnx::ModelProto m = export_onnx(*g, ExportOptions{});
  for (const auto& n : m.graph().node())
    for (const auto& a : n.attribute())
      if (a.name() == "axis") {
        EXPECT_GE(a.i(), 0) << n.op_type();
      }
  expect_portable(*g, Tensor(DType::Float32, {0, 3}));
}

TEST(ReductionPortable, ExtremaWhoseLowWordHasItsTopBitSet) {
  auto w = pt::vector("w", "uint32");
  const Tensor vw = values<uint32_t>(DType::UInt32, {256, 4294967295u, 0, 0});
  expect_portable(*graph1(w, pt::max(w)), vw);
  expect_portable(*graph1(w, pt::min(w)), values<uint32_t>(DType::UInt32, {4294967295u, 256, 4294967294u, 300}));
  auto x = pt::vector("x", "int64");
  expect_portable(*graph1(x, pt::max(x)), values<int64_t>(DType::Int64, {256, 4294967295, 0, 0, -1, kMin64}));
  expect_portable(*graph1(x, pt::min(x)), values<int64_t>(DType::Int64, {4294967295, 256, 1000, 1000, kMax64}));
  auto u = pt::vector("u", "uint64");
  expect_portable(*graph1(u, pt::max(u)), values<uint64_t>(DType::UInt64, {256, 4294967295, 0, 0, uint64_t{1} << 63}));
  expect_portable(*graph1(u, pt::min(u)), values<uint64_t>(DType::UInt64, {kMaxU64, (uint64_t{1} << 63) + 9, 4294967295}));
}

TEST(ReductionPortable, FloatSumsOfNegativeZeroArePositive) {
  for (const char* t : {"float32", "float64"}) {
    auto x = pt::vector("x", t);
    Tensor v(parse_dtype(t), {2});
    v.set_from_double(0, -0.0);
    v.set_from_double(1, -0.0);
    expect_portable(*graph1(x, pt::sum(x)), v, true);
    auto s = pt::scalar("s", t);
    Tensor z(parse_dtype(t), {});
    z.set_from_double(0, -0.0);
    expect_portable(*graph1(s, pt::sum(s)), z, true);
  }
}

}  // namespace
}  // namespace ptonnx
