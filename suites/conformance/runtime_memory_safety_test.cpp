// Issue 20's runtime findings, pinned: shapes that do not broadcast are
// refused before any memory is touched (LayerNormalization's Scale/B,
// Gemm's C, the broadcasting helpers themselves), and the byte budget
// (RuntimeOptions::max_total_bytes) is the peak of a whole run: values,
// the caller's inputs, initializers and kernel scratch together.
#include <chrono>
#include <climits>
#include <cmath>

#include "runtime/broadcast.h"
#include "runtime_test_util.h"

namespace ptonnx::runtime::test {
namespace {

#define EXPECT_HAS(msg, part) EXPECT_NE((msg).find(part), std::string::npos) << (msg)

// X [5] with Scale [2,5] wrote past broadcast_strides' buffer (ASan: heap
// write); Scale [3] read heap garbage and "succeeded".
TEST(RuntimeMemorySafety, LayerNormScaleThatDoesNotBroadcastIsRefused) {
  auto proto = parse_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[5] x, float[2,5] scale) => (float[5] y) { y = LayerNormalization(x, scale) })");
  const Model m(proto);
  const auto x = f32({5}, {1, 2, 3, 4, 5});
  auto msg = error_of<TypeError>([&] { m.run({{"x", x}, {"scale", f32({2, 5}, std::vector<double>(10, 1))}}); });
  EXPECT_HAS(msg, "LayerNormalization");
  EXPECT_HAS(msg, "[2,5] does not broadcast to [5]");
  const Model m3(parse_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[5] x, float[3] scale, float[5] b) => (float[5] y) { y = LayerNormalization(x, scale, b) })"));
  msg = error_of<TypeError>([&] { m3.run({{"x", x}, {"scale", f32({3}, {1, 1, 1})}, {"b", x}}); });
  EXPECT_HAS(msg, "[3] does not broadcast to [5]");
}

TEST(RuntimeMemorySafety, GemmCOfHigherRankIsRefused) {
  const Model m(parse_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[2,3] a, float[3,4] b, float[2,2,4] c) => (float[2,4] y) { y = Gemm(a, b, c) })"));
  const auto msg = error_of<TypeError>([&] {
    m.run({{"a", f32({2, 3}, std::vector<double>(6, 1))},
           {"b", f32({3, 4}, std::vector<double>(12, 1))},
           {"c", f32({2, 2, 4}, std::vector<double>(16, 1))}});
  });
  EXPECT_HAS(msg, "Gemm");
  EXPECT_HAS(msg, "[2,2,4] does not broadcast to [2,4]");
}

TEST(RuntimeMemorySafety, BroadcastHelpersRefuseShapesThatDoNotFit) {
  EXPECT_THROW(broadcast_strides({2, 5}, {5}), TypeError);
  EXPECT_THROW(broadcast_strides({3}, {5}), TypeError);
  EXPECT_THROW(check_broadcasts_to({5, 1}, {1, 5}), TypeError);
  EXPECT_NO_THROW(check_broadcasts_to({1, 5}, {4, 3, 5}));
  EXPECT_EQ(broadcast_strides({1, 5}, {4, 3, 5}), (std::vector<int64_t>{0, 0, 1}));
  // The flat fast path of broadcast_binary indexes by element count: equal
  // counts in another arrangement must not slip through.
  std::vector<float> a(6, 1), b(6, 2), out(6);
  EXPECT_THROW(broadcast_binary(a.data(), Shape{2, 3}, b.data(), Shape{3, 2}, out.data(), Shape{3, 2},
                                [](float x, float y) { return x + y; }),
               TypeError);
}

// The issue's 180-byte ConstantOfShape model ran 84 s at 8.4 GB: the
// budget is the run's peak, so a second large value (here Add's output)
// is refused at once, before its allocation.
TEST(RuntimeMemorySafety, ConstantOfShapeChainIsHeldToTheRunBudget) {
  RuntimeOptions o;
  o.max_total_bytes = 1 << 20;  // 1 MiB
  const Model m(parse_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64[1] n) => (double[N] y) {
      c = ConstantOfShape<value = double[1] {1.5}>(n)
      y = Add(c, c) })"),
                o);
  // 100,000 doubles = 800,000 bytes: one fits the budget, two do not.
  const auto t0 = std::chrono::steady_clock::now();
  const auto msg = error_of<LimitError>([&] { m.run({{"n", i64({1}, {100000})}}); });
  EXPECT_HAS(msg, "Add");
  EXPECT_HAS(msg, "bytes left of the total byte limit");
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  EXPECT_NO_THROW(m.run({{"n", i64({1}, {50000})}}));
}

TEST(RuntimeMemorySafety, HugeConstantOfShapeIsRefusedBeforeAllocating) {
  const Model m(parse_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64[2] n) => (double[A, B] y) { y = ConstantOfShape<value = double[1] {1}>(n) })"));
  const auto t0 = std::chrono::steady_clock::now();
  // 2^40 doubles, far over the default 4 GiB budget and element limit.
  EXPECT_THROW(m.run({{"n", i64({2}, {1 << 20, 1 << 20})}}), LimitError);
  // INT64_MAX dims overflow the element count: still a LimitError.
  Tensor big(DType::Int64, {2});
  big.data<int64_t>()[0] = INT64_MAX;
  big.data<int64_t>()[1] = INT64_MAX;
  EXPECT_THROW(m.run({{"n", big}}), LimitError);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
}

TEST(RuntimeMemorySafety, InputsAndScratchCountInTheBudget) {
  RuntimeOptions o;
  o.max_total_bytes = 100'000;
  const Model m(parse_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[N] x) => (float[N] y) { y = Neg(x) })"),
                o);
  // 30,000 floats = 120,000 bytes of input: over the budget by itself.
  EXPECT_THROW(m.run({{"x", f32({30000}, std::vector<double>(30000, 1))}}), LimitError);
  EXPECT_NO_THROW(m.run({{"x", f32({10000}, std::vector<double>(10000, 1))}}));
  // LayerNormalization keeps four double copies of X as scratch: 10,000
  // floats in (40 KB) need 320 KB of working memory.
  const Model ln(parse_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[N] x, float[N] s) => (float[N] y) { y = LayerNormalization(x, s) })"),
                 o);
  const auto x = f32({5000}, std::vector<double>(5000, 1));
  const auto msg = error_of<LimitError>([&] { ln.run({{"x", x}, {"s", x}}); });
  EXPECT_HAS(msg, "working memory");
}

// Shape-computing kernels: no out-of-bounds read of an empty scalar and no
// signed overflow (UBSan) for hostile extremes.
TEST(RuntimeMemorySafety, RangePadSliceOneHotAtTheExtremes) {
  const Model range(parse_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64[N] s, int64[] l, int64[] d) => (int64[M] y) { y = Range(s, l, d) })"));
  Tensor empty(DType::Int64, {0});
  auto scalar = [](int64_t v) {
    Tensor t(DType::Int64, {});
    t.data<int64_t>()[0] = v;
    return t;
  };
  EXPECT_THROW(range.run({{"s", empty}, {"l", scalar(3)}, {"d", scalar(1)}}), ValidationError);
  Tensor lo(DType::Int64, {1});
  lo.data<int64_t>()[0] = INT64_MIN;
  const auto r = range.run({{"s", lo}, {"l", scalar(INT64_MAX)}, {"d", scalar(int64_t{1} << 62)}}).at("y");
  ASSERT_EQ(r.numel(), 4);
  EXPECT_EQ(r.data<int64_t>()[3], int64_t{1} << 62);  // -2^63 + 3 * 2^62

  const Model pad(parse_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[3] x, int64[2] p) => (float[N] y) { y = Pad(x, p) })"));
  const auto x = f32({3}, {1, 2, 3});
  EXPECT_THROW(pad.run({{"x", x}, {"p", i64({2}, {-4, 4})}}), ValidationError);
  Tensor huge(DType::Int64, {2});
  huge.data<int64_t>()[0] = INT64_MAX;
  huge.data<int64_t>()[1] = INT64_MAX;
  EXPECT_THROW(pad.run({{"x", x}, {"p", huge}}), LimitError);

  const Model slice(parse_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[3] x, int64[1] s, int64[1] e, int64[1] a, int64[1] k) => (float[N] y) { y = Slice(x, s, e, a, k) })"));
  Tensor kmin(DType::Int64, {1}), kmax(DType::Int64, {1});
  kmin.data<int64_t>()[0] = INT64_MIN;
  kmax.data<int64_t>()[0] = INT64_MAX;
  auto y = slice.run({{"x", x}, {"s", i64({1}, {-1})}, {"e", kmin}, {"a", i64({1}, {0})}, {"k", kmin}}).at("y");
  EXPECT_EQ(values(y), (std::vector<double>{3}));
  y = slice.run({{"x", x}, {"s", i64({1}, {0})}, {"e", kmax}, {"a", i64({1}, {0})}, {"k", kmax}}).at("y");
  EXPECT_EQ(values(y), (std::vector<double>{1}));

  const Model onehot(parse_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[2] i, int64[] d, float[2] v) => (float[2, 3] y) { y = OneHot(i, d, v) })"));
  const auto oh = onehot.run({{"i", f32({2}, {NAN, 1e30})}, {"d", scalar(3)}, {"v", f32({2}, {0, 1})}}).at("y");
  EXPECT_EQ(values(oh), std::vector<double>(6, 0));
}

TEST(RuntimeMemorySafety, EmptyModelBytesAreNoModel) {
  const auto msg = error_of<ValidationError>([] { Model::from_bytes(""); });
  EXPECT_HAS(msg, "empty");
  // A parseable ModelProto without a graph is no model either.
  onnx::ModelProto p;
  p.set_ir_version(8);
  EXPECT_THROW(Model{p}, ValidationError);
}

}  // namespace
}  // namespace ptonnx::runtime::test
