// Semantics of the runtime's kernels that the spec pins down and that are
// easy to get wrong: broadcasting, integer division, rounding, Mod, NaN
// propagation, and opset-versioned signatures.
#include <cmath>
#include <cstring>

#include "runtime_test_util.h"

namespace ptonnx::runtime::test {
namespace {

TEST(RuntimeKernels, AddBroadcastsBothWays) {
  const auto y = run1(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[3,1] a, float[4] b) => (float[3,4] y) { y = Add(a, b) })",
                      {{"a", f32({3, 1}, {0, 10, 20})}, {"b", f32({4}, {1, 2, 3, 4})}});
  EXPECT_EQ(y.shape(), (Shape{3, 4}));
  EXPECT_EQ(values(y), (std::vector<double>{1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24}));
}

TEST(RuntimeKernels, BroadcastScalarAndIncompatible) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[N] a, float[M] b) => (float[K] y) { y = Mul(a, b) })";
  const auto y = run1(text, {{"a", f32({3}, {1, 2, 3})}, {"b", f32({1}, {2})}});
  EXPECT_EQ(values(y), (std::vector<double>{2, 4, 6}));
  EXPECT_THROW(model_from_text(text).run({{"a", f32({3}, {1, 2, 3})}, {"b", f32({2}, {1, 2})}}), TypeError);
}

TEST(RuntimeKernels, IntegerDivTruncatesTowardZero) {
  const auto y = run1(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int32[4] a, int32[4] b) => (int32[4] y) { y = Div(a, b) })",
                      {{"a", i32({4}, {7, -7, 7, -7})}, {"b", i32({4}, {2, 2, -2, -2})}});
  EXPECT_EQ(values(y), (std::vector<double>{3, -3, -3, 3}));
}

TEST(RuntimeKernels, RoundHalfToEven) {
  const auto y = run1(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[6] a) => (float[6] y) { y = Round(a) })",
                      {{"a", f32({6}, {0.5, 1.5, 2.5, -0.5, -1.5, 2.6})}});
  EXPECT_EQ(values(y), (std::vector<double>{0, 2, 2, -0, -2, 3}));
}

TEST(RuntimeKernels, ModBothForms) {
  const NamedTensors in = {{"a", i32({4}, {7, -7, 7, -7})}, {"b", i32({4}, {3, 3, -3, -3})}};
  const auto floor_mod = run1(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int32[4] a, int32[4] b) => (int32[4] y) { y = Mod(a, b) })",
                              in);
  EXPECT_EQ(values(floor_mod), (std::vector<double>{1, 2, -2, -1}));  // sign of the divisor
  const auto c_mod = run1(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int32[4] a, int32[4] b) => (int32[4] y) { y = Mod<fmod = 1>(a, b) })",
                          in);
  EXPECT_EQ(values(c_mod), (std::vector<double>{1, -1, 1, -1}));  // sign of the dividend
  const auto f = run1(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[2] a, float[2] b) => (float[2] y) { y = Mod<fmod = 1>(a, b) })",
                      {{"a", f32({2}, {-4.5, 4.5})}, {"b", f32({2}, {2, -2})}});
  EXPECT_EQ(values(f), (std::vector<double>{-0.5, 0.5}));
  EXPECT_THROW(model_from_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[2] a, float[2] b) => (float[2] y) { y = Mod(a, b) })")
                   .run({{"a", f32({2}, {1, 2})}, {"b", f32({2}, {1, 2})}}),
               ValidationError);
}

TEST(RuntimeKernels, MaxPropagatesNaN) {
  const auto y = run1(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[3] a, float[3] b) => (float[3] y) { y = Max(a, b) })",
                      {{"a", f32({3}, {NAN, 1, 5})}, {"b", f32({3}, {1, NAN, 2})}});
  EXPECT_TRUE(std::isnan(y.get_as_double(0)));
  EXPECT_TRUE(std::isnan(y.get_as_double(1)));
  EXPECT_EQ(y.get_as_double(2), 5);
}

TEST(RuntimeKernels, SqueezeAxesAttributeAt11InputAt13) {
  const auto a11 = run1(R"(<ir_version: 7, opset_import: ["" : 11]>
    g (float[1,3,1] x) => (float[3,1] y) { y = Squeeze<axes = [0]>(x) })",
                        {{"x", f32({1, 3, 1}, {1, 2, 3})}});
  EXPECT_EQ(a11.shape(), (Shape{3, 1}));
  const auto a13 = run1(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[1,3,1] x, int64[1] axes) => (float[1,3] y) { y = Squeeze(x, axes) })",
                        {{"x", f32({1, 3, 1}, {1, 2, 3})}, {"axes", i64({1}, {2})}});
  EXPECT_EQ(a13.shape(), (Shape{1, 3}));
}

TEST(RuntimeKernels, ReduceSumAxesAttributeAt11InputAt13) {
  const auto x = f32({2, 3}, {1, 2, 3, 4, 5, 6});
  const auto r11 = run1(R"(<ir_version: 7, opset_import: ["" : 11]>
    g (float[2,3] x) => (float[2] y) { y = ReduceSum<axes = [1], keepdims = 0>(x) })",
                        {{"x", x}});
  EXPECT_EQ(values(r11), (std::vector<double>{6, 15}));
  const auto r13 = run1(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[2,3] x, int64[1] axes) => (float[3] y) { y = ReduceSum<keepdims = 0>(x, axes) })",
                        {{"x", x}, {"axes", i64({1}, {0})}});
  EXPECT_EQ(values(r13), (std::vector<double>{5, 7, 9}));
}

TEST(RuntimeKernels, ReduceMaxAxesAttributeAt17InputAt18) {
  const auto x = f32({2, 3}, {1, 2, 3, 4, 5, 6});
  const auto r17 = run1(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[2,3] x) => (float[2,1] y) { y = ReduceMax<axes = [1]>(x) })",
                        {{"x", x}});
  EXPECT_EQ(values(r17), (std::vector<double>{3, 6}));
  const auto r18 = run1(R"(<ir_version: 8, opset_import: ["" : 18]>
    g (float[2,3] x, int64[1] axes) => (float[1,3] y) { y = ReduceMax(x, axes) })",
                        {{"x", x}, {"axes", i64({1}, {0})}});
  EXPECT_EQ(r18.shape(), (Shape{1, 3}));
  EXPECT_EQ(values(r18), (std::vector<double>{4, 5, 6}));
}

}  // namespace
}  // namespace ptonnx::runtime::test

namespace ptonnx::runtime::test {
namespace {

// Opset 18's BitwiseAnd/Or/Xor/Not. Debian's ONNX 1.12 test data predates
// them (no node/test_bitwise_*), so these mirror the upstream backend cases'
// dtypes and shapes (test_bitwise_and_i32_2d, _i16_3d, _ui64_bcast_3v1d,
// _ui8_bcast_4v3d; test_bitwise_not_2d/3d/4d: int32, uint16, uint8) with
// chosen values whose results are written out here.
Tensor raw(DType t, Shape shape, const std::vector<uint64_t>& bits) {
  Tensor x(t, std::move(shape));
  const size_t n = dtype_size(t);
  for (size_t i = 0; i < bits.size(); ++i) std::memcpy(x.raw() + i * n, &bits[i], n);  // little-endian truncation
  return x;
}

TEST(RuntimeKernels, BitwiseAndOrXorOpset18) {
  const NamedTensors i32 = {{"x", raw(DType::Int32, {2, 2}, {0x80000000u, 0xFFFFFFFFu, 12, 0x7FFFFFFFu})},
                            {"y", raw(DType::Int32, {2, 2}, {0xFFFFFFFFu, 5, 10, 0x80000000u})}};
  const char* and_i32 = R"(<ir_version: 8, opset_import: ["" : 18]>
    g (int32[2,2] x, int32[2,2] y) => (int32[2,2] z) { z = BitwiseAnd(x, y) })";
  EXPECT_EQ(values(run1(and_i32, i32)), (std::vector<double>{-2147483648.0, 5, 8, 0}));
  const auto or_i32 = run1(R"(<ir_version: 8, opset_import: ["" : 18]>
    g (int32[2,2] x, int32[2,2] y) => (int32[2,2] z) { z = BitwiseOr(x, y) })",
                           i32);
  EXPECT_EQ(values(or_i32), (std::vector<double>{-1, -1, 14, -1}));
  const auto xor_i16 = run1(R"(<ir_version: 8, opset_import: ["" : 18]>
    g (int16[1,1,3] x, int16[1,1,3] y) => (int16[1,1,3] z) { z = BitwiseXor(x, y) })",
                            {{"x", raw(DType::Int16, {1, 1, 3}, {0x8000, 0xFFFF, 6})},
                             {"y", raw(DType::Int16, {1, 1, 3}, {0xFFFF, 0xFFFF, 3})}});
  EXPECT_EQ(values(xor_i16), (std::vector<double>{32767, 0, 5}));
  // uint64 (2, 2) against (2,): bit 63 kept.
  const auto and_u64 = run1(R"(<ir_version: 8, opset_import: ["" : 18]>
    g (uint64[2,2] x, uint64[2] y) => (uint64[2,2] z) { z = BitwiseAnd(x, y) })",
                            {{"x", raw(DType::UInt64, {2, 2}, {~uint64_t{0}, uint64_t{1} << 63, 7, 0})},
                             {"y", raw(DType::UInt64, {2}, {(uint64_t{1} << 63) | 1, ~uint64_t{0}})}});
  EXPECT_EQ(and_u64.shape(), (Shape{2, 2}));
  EXPECT_EQ(and_u64.get_as_uint64(0), (uint64_t{1} << 63) | 1);
  EXPECT_EQ(and_u64.get_as_uint64(1), uint64_t{1} << 63);
  EXPECT_EQ(and_u64.get_as_uint64(2), 1u);
  EXPECT_EQ(and_u64.get_as_uint64(3), 0u);
  // uint8 (2, 1, 2) against (1, 2): broadcast both ways.
  const auto or_u8 = run1(R"(<ir_version: 8, opset_import: ["" : 18]>
    g (uint8[2,1,2] x, uint8[1,2] y) => (uint8[2,1,2] z) { z = BitwiseOr(x, y) })",
                          {{"x", raw(DType::UInt8, {2, 1, 2}, {0x80, 1, 0, 0xF0})},
                           {"y", raw(DType::UInt8, {1, 2}, {1, 0x0F})}});
  EXPECT_EQ(values(or_u8), (std::vector<double>{129, 15, 1, 255}));
  // T excludes bool and floats, and both inputs must share it.
  EXPECT_THROW(run1(R"(<ir_version: 8, opset_import: ["" : 18]>
    g (bool[2] x, bool[2] y) => (bool[2] z) { z = BitwiseAnd(x, y) })",
                    {{"x", raw(DType::Bool, {2}, {0, 1})}, {"y", raw(DType::Bool, {2}, {1, 1})}}),
               TypeError);
  EXPECT_THROW(run1(R"(<ir_version: 8, opset_import: ["" : 18]>
    g (int8[2] x, uint8[2] y) => (int8[2] z) { z = BitwiseXor(x, y) })",
                    {{"x", raw(DType::Int8, {2}, {0, 1})}, {"y", raw(DType::UInt8, {2}, {1, 1})}}),
               TypeError);
}

TEST(RuntimeKernels, BitwiseNotOpset18) {
  const auto n32 = run1(R"(<ir_version: 8, opset_import: ["" : 18]>
    g (int32[3] x) => (int32[3] y) { y = BitwiseNot(x) })",
                        {{"x", raw(DType::Int32, {3}, {0x80000000u, 0, 0x7FFFFFFFu})}});
  EXPECT_EQ(values(n32), (std::vector<double>{2147483647, -1, -2147483648.0}));
  const auto n16 = run1(R"(<ir_version: 8, opset_import: ["" : 18]>
    g (uint16[1,2,1] x) => (uint16[1,2,1] y) { y = BitwiseNot(x) })",
                        {{"x", raw(DType::UInt16, {1, 2, 1}, {0, 0xFFFF})}});
  EXPECT_EQ(values(n16), (std::vector<double>{65535, 0}));
  const auto n8 = run1(R"(<ir_version: 8, opset_import: ["" : 18]>
    g (uint8[1,1,1,2] x) => (uint8[1,1,1,2] y) { y = BitwiseNot(x) })",
                       {{"x", raw(DType::UInt8, {1, 1, 1, 2}, {0x0F, 0x80})}});
  EXPECT_EQ(values(n8), (std::vector<double>{240, 127}));
  // Not registered before opset 18.
  EXPECT_ANY_THROW(run1(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (uint8[1] x) => (uint8[1] y) { y = BitwiseNot(x) })",
                        {{"x", raw(DType::UInt8, {1}, {1})}}));
}

// NonZero: coordinates [rank, count] in row-major order; NaN is nonzero,
// -0.0 is zero; a 0-d input gives [0, count].
TEST(RuntimeKernels, NonZeroCoordinates) {
  const auto y = run1(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[2,3] x) => (int64[2,?] y) { y = NonZero(x) })",
                      {{"x", f32({2, 3}, {0, NAN, -0.0, 1, 0, 2})}});
  EXPECT_EQ(y.shape(), (Shape{2, 3}));
  EXPECT_EQ(values(y), (std::vector<double>{0, 1, 1, 1, 0, 2}));
  const auto s = run1(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float x) => (int64[0,?] y) { y = NonZero(x) })",
                      {{"x", f32({}, {5})}});
  EXPECT_EQ(s.shape(), (Shape{0, 1}));
}

// TopK-11 leaves NaN and the sign of zero open: the normal mode sorts as
// NumPy (NaN above +inf, zeros equal, so index order), the adversarial mode
// puts NaN below -inf and -0.0 before +0.0.
TEST(RuntimeKernels, TopKNaNAndSignedZerosByMode) {
  const std::string text = R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[4] x, int64[1] k) => (float[4] v, int64[4] i) { v, i = TopK<largest = 0>(x, k) })";
  const NamedTensors in{{"x", f32({4}, {NAN, 1, 0.0, -0.0})}, {"k", i64({1}, {4})}};
  EXPECT_EQ(values(model_from_text(text).run(in).at("i")), (std::vector<double>{2, 3, 1, 0}));
  RuntimeOptions adv;
  adv.adversarial = true;
  EXPECT_EQ(values(model_from_text(text, adv).run(in).at("i")), (std::vector<double>{0, 3, 2, 1}));
}

}  // namespace
}  // namespace ptonnx::runtime::test

// Kernels added for ONNX's conformance data (issue 16): the edge cases the
// data does not cover.
namespace ptonnx::runtime::test {
namespace {

TEST(RuntimeKernels, CompressShortConditionAndTooLong) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[3,2] x, bool[N] c) => (float[K,2] y) { y = Compress<axis = 0>(x, c) })";
  Tensor c2(DType::Bool, {2});
  c2.data<uint8_t>()[1] = 1;  // [false, true]: the third row counts as false
  EXPECT_EQ(values(run1(text, {{"x", f32({3, 2}, {1, 2, 3, 4, 5, 6})}, {"c", c2}})), (std::vector<double>{3, 4}));
  Tensor c4(DType::Bool, {4});
  EXPECT_THROW(run1(text, {{"x", f32({3, 2}, {1, 2, 3, 4, 5, 6})}, {"c", c4}}), ValidationError);
}

TEST(RuntimeKernels, DepthToSpaceRoundTripsSpaceToDepth) {
  std::vector<double> v(2 * 8 * 2 * 3);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>(i);
  const auto s2d = run1(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[2,2,4,6] x) => (float[2,8,2,3] y) { y = SpaceToDepth<blocksize = 2>(x) })",
                        {{"x", f32({2, 2, 4, 6}, v)}});
  EXPECT_EQ(s2d.shape(), (Shape{2, 8, 2, 3}));
  const auto back = run1(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[2,8,2,3] x) => (float[2,2,4,6] y) { y = DepthToSpace<blocksize = 2, mode = "DCR">(x) })",
                         {{"x", s2d}});
  EXPECT_EQ(values(back), v);
  EXPECT_THROW(run1(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[1,3,1,1] x) => (float[1,1,2,2] y) { y = DepthToSpace<blocksize = 2>(x) })",
                    {{"x", f32({1, 3, 1, 1}, {1, 2, 3})}}),
               ValidationError);
}

TEST(RuntimeKernels, UniqueGroupsNaNsAndKeepsFirstOccurrenceOrder) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[6] x) => (float[U] y, int64[U] i, int64[6] inv, int64[U] n) { y, i, inv, n = Unique<sorted = SORTED>(x) })";
  const NamedTensors in = {{"x", f32({6}, {3, NAN, 1, 3, NAN, -2})}};
  auto sorted_text = std::string(text);
  sorted_text.replace(sorted_text.find("SORTED"), 6, "1");
  const auto s = model_from_text(sorted_text).run(in);
  const auto ys = values(s.at("y"));
  ASSERT_EQ(ys.size(), 4u);
  EXPECT_EQ((std::vector<double>(ys.begin(), ys.begin() + 3)), (std::vector<double>{-2, 1, 3}));
  EXPECT_TRUE(std::isnan(ys[3]));  // NaNs collapse to one, sorted last
  EXPECT_EQ(values(s.at("i")), (std::vector<double>{5, 2, 0, 1}));
  EXPECT_EQ(values(s.at("inv")), (std::vector<double>{2, 3, 1, 2, 3, 0}));
  EXPECT_EQ(values(s.at("n")), (std::vector<double>{1, 1, 2, 2}));
  auto unsorted_text = std::string(text);
  unsorted_text.replace(unsorted_text.find("SORTED"), 6, "0");
  const auto u = model_from_text(unsorted_text).run(in);
  EXPECT_EQ(values(u.at("i")), (std::vector<double>{0, 1, 2, 5}));
  EXPECT_EQ(values(u.at("inv")), (std::vector<double>{0, 1, 2, 0, 1, 3}));
}

TEST(RuntimeKernels, ReverseSequenceRefusesLengthsPastTheAxis) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[3,2] x, int64[2] l) => (float[3,2] y) { y = ReverseSequence<batch_axis = 1, time_axis = 0>(x, l) })";
  EXPECT_EQ(values(run1(text, {{"x", f32({3, 2}, {1, 2, 3, 4, 5, 6})}, {"l", i64({2}, {0, 3})}})),
            (std::vector<double>{1, 6, 3, 4, 5, 2}));
  EXPECT_THROW(run1(text, {{"x", f32({3, 2}, {1, 2, 3, 4, 5, 6})}, {"l", i64({2}, {1, 4})}}), ValidationError);
}

TEST(RuntimeKernels, QuantizeRoundsHalfToEvenAndSaturates) {
  const auto q = run1(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[6] x, float s, int8 z) => (int8[6] y) { y = QuantizeLinear(x, s, z) })",
                      {{"x", f32({6}, {0.5, 1.5, 2.5, -2.5, 1000, -1000})},
                       {"s", f32({}, {1})},
                       {"z", Tensor::from_vector(DType::Int8, Shape{}, std::vector<double>{1})}});
  EXPECT_EQ(values(q), (std::vector<double>{1, 3, 3, -1, 127, -128}));
  // All zeros: the range is empty and the spec's scale 0; scale 0, zero
  // point 0 and y all 0 here.
  const auto d = model_from_text(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[3] x) => (uint8[3] y, float s, uint8 z) { y, s, z = DynamicQuantizeLinear(x) })")
                     .run({{"x", f32({3}, {0, 0, 0})}});
  EXPECT_EQ(values(d.at("y")), (std::vector<double>{0, 0, 0}));
  EXPECT_EQ(values(d.at("s")), (std::vector<double>{0}));
  EXPECT_EQ(values(d.at("z")), (std::vector<double>{0}));
}

TEST(RuntimeKernels, EinsumDiagonalImplicitAndIntegerWrap) {
  const auto diag = run1(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[3,3] x) => (float[3] y) { y = Einsum<equation = "ii->i">(x) })",
                         {{"x", f32({3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9})}});
  EXPECT_EQ(values(diag), (std::vector<double>{1, 5, 9}));
  // Implicit output: the labels seen once, sorted ("ji" gives the transpose).
  const auto t = run1(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[2,3] x) => (float[3,2] y) { y = Einsum<equation = "ji">(x) })",
                      {{"x", f32({2, 3}, {1, 2, 3, 4, 5, 6})}});
  EXPECT_EQ(values(t), (std::vector<double>{1, 4, 2, 5, 3, 6}));
  // Broadcast ellipsis: [2,1] against [3] on the leading dims.
  const auto b = run1(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[2,1,2] x, float[3,2] y) => (float[2,3] z) { z = Einsum<equation = "...k,...k->...">(x, y) })",
                      {{"x", f32({2, 1, 2}, {1, 1, 2, 2})}, {"y", f32({3, 2}, {1, 0, 0, 1, 1, 1})}});
  EXPECT_EQ(values(b), (std::vector<double>{1, 1, 2, 2, 2, 4}));
  const auto w = run1(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (int32[2] x, int32[2] y) => (int32 z) { z = Einsum<equation = "i,i->">(x, y) })",
                      {{"x", i32({2}, {65536, 1})}, {"y", i32({2}, {32768, 1})}});
  EXPECT_EQ(values(w), (std::vector<double>{-2147483647.0}));  // 2^31 + 1 wraps
  EXPECT_THROW(run1(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[2,3] x, float[2,3] y) => (float[2] z) { z = Einsum<equation = "ij,ij->k">(x, y) })",
                    {{"x", f32({2, 3}, {1, 2, 3, 4, 5, 6})}, {"y", f32({2, 3}, {1, 2, 3, 4, 5, 6})}}),
               ValidationError);
}

TEST(RuntimeKernels, SymmetricWindowOfLengthOne) {
  const auto w = run1(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 n) => (float[N] y) { y = HannWindow<periodic = 0>(n) })",
                      {{"n", i64({}, {1})}});
  EXPECT_EQ(values(w), (std::vector<double>{1}));
}

TEST(RuntimeKernels, NonMaxSuppressionKeepsScoresEqualToTheThreshold) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[1,2,4] b, float[1,1,2] s, int64[1] m, float[1] iou, float[1] st) => (int64[K,3] y) {
      y = NonMaxSuppression(b, s, m, iou, st) })";
  const NamedTensors in = {{"b", f32({1, 2, 4}, {0, 0, 1, 1, 0, 2, 1, 3})},
                           {"s", f32({1, 1, 2}, {0.5, 0.25})},
                           {"m", i64({1}, {5})},
                           {"iou", f32({1}, {0.5})},
                           {"st", f32({1}, {0.25})}};
  EXPECT_EQ(values(run1(text, in)), (std::vector<double>{0, 0, 0, 0, 0, 1}));
  NamedTensors bad = in;
  bad["iou"] = f32({1}, {1.5});
  EXPECT_THROW(run1(text, bad), ValidationError);
}

TEST(RuntimeKernels, DetPivotsAndSingular) {
  const auto d = run1(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (float[3,2,2] x) => (float[3] y) { y = Det(x) })",
                      {{"x", f32({3, 2, 2}, {0, 1, 1, 0, 1, 2, 2, 4, 2, 0, 0, 3})}});
  EXPECT_EQ(values(d), (std::vector<double>{-1, 0, 6}));  // a row swap flips the sign
}

}  // namespace
}  // namespace ptonnx::runtime::test
