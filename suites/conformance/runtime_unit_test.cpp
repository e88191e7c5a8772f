// Semantics of the runtime's kernels that the spec pins down and that are
// easy to get wrong: broadcasting, integer division, rounding, Mod, NaN
// propagation, and opset-versioned signatures.
#include <cmath>

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
