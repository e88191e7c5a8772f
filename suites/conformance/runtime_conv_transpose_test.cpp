// ConvTranspose, ConvInteger and QLinearConv on the runtime: what the
// conformance data leaves out (groups, float16, a negative total padding,
// int32 wrap-around, half-to-even requantisation, per-channel scales) and
// the errors hostile attributes must give before any memory is touched.
#include "runtime_test_util.h"

namespace ptonnx::runtime::test {
namespace {

Tensor u8(Shape shape, const std::vector<double>& v) { return Tensor::from_vector(DType::UInt8, shape, v); }

// Two groups of one channel each, 1-D: y_g = x_g (*) w_g, full length 3.
constexpr const char* kGrouped = R"(<ir_version: 8, opset_import: ["" : 17]>
  g (float[1, 2, 2] x, float[2, 1, 2] w) => (float[1, 2, 3] y) { y = ConvTranspose <group = 2> (x, w) })";

TEST(RuntimeConvTranspose, GroupsScatterIntoTheirOwnChannels) {
  const Tensor y = run1(kGrouped, {{"x", f32({1, 2, 2}, {1, 2, 3, 4})}, {"w", f32({2, 1, 2}, {1, 1, 1, -1})}});
  EXPECT_EQ(y.shape(), (Shape{1, 2, 3}));
  EXPECT_EQ(values(y), (std::vector<double>{1, 3, 2, 3, 1, -4}));
}

TEST(RuntimeConvTranspose, Float16ComputesInFloatAndRoundsOnce) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float16[1, 2, 2] x, float16[2, 1, 2] w) => (float16[1, 2, 3] y) { y = ConvTranspose <group = 2> (x, w) })";
  auto half = [](Shape s, std::vector<double> v) { return Tensor::from_vector(DType::Float16, s, v); };
  const Tensor y = run1(text, {{"x", half({1, 2, 2}, {1, 2, 3, 4})}, {"w", half({2, 1, 2}, {1, 1, 1, -1})}});
  EXPECT_EQ(values(y), (std::vector<double>{1, 3, 2, 3, 1, -4}));
}

TEST(RuntimeConvTranspose, AnOutputShapePastTheInputsReachAddsZeros) {
  // x (1,1,2), w (1,1,2), stride 1: the full output has 3 positions. The
  // total padding 3 - output_shape is split as ONNX's reference does
  // (Python's floor halves): -1 gives pads (0, -1), a zero at the end
  // (as test_convtranspose_output_shape); -2 gives (-1, -1), one at each end.
  auto run_to = [](int64_t n) {
    const std::string text = R"(<ir_version: 8, opset_import: ["" : 17]>
      g (float[1, 1, 2] x, float[1, 1, 2] w) => (float[1, 1, N] y) { y = ConvTranspose <output_shape = [)" +
                             std::to_string(n) + R"(]> (x, w) })";
    return run1(text, {{"x", f32({1, 1, 2}, {1, 2})}, {"w", f32({1, 1, 2}, {1, 1})}});
  };
  EXPECT_EQ(values(run_to(4)), (std::vector<double>{1, 3, 2, 0}));
  EXPECT_EQ(values(run_to(5)), (std::vector<double>{0, 1, 3, 2, 0}));
  // A positive odd total (1) cuts at the beginning unless SAME_UPPER.
  EXPECT_EQ(values(run_to(2)), (std::vector<double>{3, 2}));
}

TEST(RuntimeConvTranspose, HostileAttributesAreRefusedBeforeAllocating) {
  const Tensor x = f32({1, 1, 2}, {1, 2}), w = f32({1, 1, 2}, {1, 1});
  auto run_with = [&](const std::string& attrs) {
    const std::string text = R"(<ir_version: 8, opset_import: ["" : 17]>
      g (float[1, 1, 2] x, float[1, 1, 2] w) => (float[1, 1, N] y) { y = ConvTranspose <)" +
                             attrs + R"(> (x, w) })";
    model_from_text(text).run({{"x", x}, {"w", w}});
  };
  auto msg = error_of<LimitError>([&] { run_with("output_shape = [4398046511104]"); });
  EXPECT_NE(msg.find("node #0 (ConvTranspose): ConvTranspose dims beyond 2^40"), std::string::npos) << msg;
  msg = error_of<ValidationError>([&] { run_with("pads = [3, 3]"); });
  EXPECT_NE(msg.find("leave a negative output size on spatial axis 0"), std::string::npos) << msg;
  msg = error_of<ValidationError>([&] { run_with("strides = [1, 1]"); });
  EXPECT_NE(msg.find("strides has 2 values, expected 1"), std::string::npos) << msg;
  msg = error_of<ValidationError>([&] { run_with("group = 2"); });
  EXPECT_NE(msg.find("must be X's channels C = 1, divisible by group 2"), std::string::npos) << msg;
}

TEST(RuntimeConvInteger, SumsWrapAsAnInt32Accumulator) {
  // 33100 taps of 255 * 255 = 2,152,327,500: past INT32_MAX, it wraps.
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (uint8[1, 1, 33100] x, uint8[1, 1, 33100] w) => (int32[1, 1, 1] y) { y = ConvInteger(x, w) })";
  const Tensor ones = u8({1, 1, 33100}, std::vector<double>(33100, 255));
  const Tensor y = run1(text, {{"x", ones}, {"w", ones}});
  EXPECT_EQ(y.data<int32_t>()[0], static_cast<int32_t>(2152327500LL - 4294967296LL));
}

TEST(RuntimeQLinearConv, RoundsHalfToEvenWithPerChannelScales) {
  // Two output channels, 1x1 kernels of 1, x = [1, 3, 5]: channel 0 scale
  // 0.5 gives 0.5, 1.5, 2.5 -> 0, 2, 2; channel 1 scale 1 gives 1, 3, 5.
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (uint8[1, 1, 3] x, float xs, uint8 xz, uint8[2, 1, 1] w, float[2] ws, uint8 wz, float ys, uint8 yz)
      => (uint8[1, 2, 3] y) { y = QLinearConv(x, xs, xz, w, ws, wz, ys, yz) })";
  auto sc = [](double v) { return f32({}, {v}); };
  const Tensor y = run1(text, {{"x", u8({1, 1, 3}, {1, 3, 5})},
                               {"xs", sc(1)},
                               {"xz", u8({}, {0})},
                               {"w", u8({2, 1, 1}, {1, 1})},
                               {"ws", f32({2}, {0.5, 1})},
                               {"wz", u8({}, {0})},
                               {"ys", sc(1)},
                               {"yz", u8({}, {0})}});
  EXPECT_EQ(values(y), (std::vector<double>{0, 2, 2, 1, 3, 5}));
}

}  // namespace
}  // namespace ptonnx::runtime::test
