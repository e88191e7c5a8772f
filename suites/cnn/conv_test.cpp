// Conv2D's traps end to end, with AbstractConv2d.perform's answers worked
// out by hand: the kernel flip (an asymmetric kernel, where convolution
// and cross-correlation differ), each border mode, groups, dilation with
// strides, and make_node's refusals.
#include <gtest/gtest.h>

#include "check/driver.h"
#include "core/error.h"
#include "ort/ort_worker.h"
#include "suites/cnn/cnn_test_util.h"

namespace ptonnx {
namespace {

using test::filled;
using test::values;

Tensor conv(const Tensor& x, const Tensor& k, const pt::Conv2DOptions& o) {
  auto vx =
      pt::tensor("x", std::string(dtype_name(x.dtype())), {std::nullopt, std::nullopt, std::nullopt, std::nullopt});
  auto vk =
      pt::tensor("k", std::string(dtype_name(k.dtype())), {k.shape()[0], k.shape()[1], k.shape()[2], k.shape()[3]});
  return test::run_all_opsets(FunctionGraph({vx, vk}, {pt::conv2d(vx, vk, o)}), {x, k});
}

const Tensor kImage = filled(DType::Float32, {1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9});
const Tensor kKernel = filled(DType::Float32, {1, 1, 2, 2}, {1, 2, 3, 4});

TEST(Conv2D, FlipsTheKernel) {
  // out[r, c] = sum x[r + a, c + b] * k[1 - a, 1 - b]: 1*4 + 2*3 + 4*2 + 5*1 = 23.
  const Tensor y = conv(kImage, kKernel, {});
  EXPECT_EQ(y.shape(), (Shape{1, 1, 2, 2}));
  EXPECT_EQ(values(y), (std::vector<double>{23, 33, 53, 63}));
  // filter_flip=False: cross-correlation, 1*1 + 2*2 + 4*3 + 5*4 = 37.
  pt::Conv2DOptions o;
  o.filter_flip = false;
  EXPECT_EQ(values(conv(kImage, kKernel, o)), (std::vector<double>{37, 47, 67, 77}));
}

TEST(Conv2D, FullBorderIsThePolynomialProduct) {
  pt::Conv2DOptions o;
  o.border_mode = "full";
  const Tensor y =
      conv(filled(DType::Float64, {1, 1, 2, 2}, {1, 2, 3, 4}), filled(DType::Float64, {1, 1, 2, 2}, {1, 2, 3, 4}), o);
  EXPECT_EQ(y.shape(), (Shape{1, 1, 3, 3}));
  EXPECT_EQ(values(y), (std::vector<double>{1, 4, 4, 6, 20, 16, 9, 24, 16}));
}

TEST(Conv2D, HalfBorderKeepsTheSizeOfOddKernels) {
  pt::Conv2DOptions o;
  o.border_mode = "half";
  // 3x3 kernel of ones: each output is the sum of its 3x3 neighbourhood.
  const Tensor y = conv(kImage, filled(DType::Float32, {1, 1, 3, 3}, std::vector<double>(9, 1)), o);
  EXPECT_EQ(y.shape(), (Shape{1, 1, 3, 3}));
  EXPECT_EQ(values(y), (std::vector<double>{12, 21, 16, 27, 45, 33, 24, 39, 28}));
  // An even kernel (2x2): pad 1 each side, so the output grows by one.
  EXPECT_EQ(conv(kImage, kKernel, o).shape(), (Shape{1, 1, 4, 4}));
}

TEST(Conv2D, ExplicitPads) {
  pt::Conv2DOptions o;
  o.pads = {1, 0};  // border_mode (1, 0): one zero row above and below
  const Tensor y = conv(kImage, kKernel, o);
  EXPECT_EQ(y.shape(), (Shape{1, 1, 4, 2}));
  // Row 0 meets the zero row above with k's top row: 1*2 + 2*1 = 4; the
  // last row meets the zero row below with k's bottom row: 7*4 + 8*3 = 52.
  EXPECT_EQ(values(y), (std::vector<double>{4, 7, 23, 33, 53, 63, 52, 59}));
  o.pads = {0, 1, 2, 0};  // ((0, 1), (2, 0)): asymmetric
  EXPECT_EQ(conv(kImage, kKernel, o).shape(), (Shape{1, 1, 3, 4}));
}

TEST(Conv2D, GroupsConvolveTheirOwnChannels) {
  pt::Conv2DOptions o;
  o.num_groups = 2;
  const Tensor y = conv(filled(DType::Float32, {1, 2, 1, 1}, {2, 3}), filled(DType::Float32, {2, 1, 1, 1}, {5, 7}), o);
  EXPECT_EQ(values(y), (std::vector<double>{10, 21}));
  // Two groups of two input channels, one filter each.
  const Tensor y2 = conv(filled(DType::Float32, {1, 4, 1, 1}, {1, 2, 3, 4}),
                         filled(DType::Float32, {2, 2, 1, 1}, {1, 10, 100, 1000}), o);
  EXPECT_EQ(values(y2), (std::vector<double>{21, 4300}));
}

TEST(Conv2D, DilationAndStridesLeavePartialWindows) {
  pt::Conv2DOptions o;
  o.filter_dilation = {1, 2};
  // Dilated kernel [1, 0, 10] flipped: out[c] = 10 x[c] + x[c + 2].
  const Tensor x = filled(DType::Float64, {1, 1, 1, 5}, {1, 2, 3, 4, 5});
  const Tensor k = filled(DType::Float64, {1, 1, 1, 2}, {1, 10});
  EXPECT_EQ(values(conv(x, k, o)), (std::vector<double>{13, 24, 35}));
  o.subsample = {1, 2};
  EXPECT_EQ(values(conv(x, k, o)), (std::vector<double>{13, 35}));
  o.subsample = {1, 3};  // (5 - 3) // 3 + 1 = 1: the window at 3 would overhang
  EXPECT_EQ(values(conv(x, k, o)), (std::vector<double>{13}));
}

// ONNX Runtime has no double Conv: a float64 Conv2D with a static kernel is
// written out as im2col + MatMul (lib/convert/ops/conv.cpp), which loads
// and agrees there, with groups, dilation, strides and asymmetric pads.
TEST(Conv2D, Float64RunsOnOnnxRuntime) {
  if (!ort::OrtWorker::shared().available()) GTEST_SKIP() << "ort/ not installed";
  auto vx = pt::tensor("x", "float64", {std::nullopt, std::nullopt, std::nullopt, std::nullopt});
  auto vk = pt::tensor("k", "float64", {4, 1, 2, 3});
  pt::Conv2DOptions o;
  o.num_groups = 2;
  o.filter_dilation = {2, 1};
  o.subsample = {1, 2};
  o.pads = {1, 0, 2, 1};
  const FunctionGraph g({vx, vk}, {pt::conv2d(vx, vk, o)});
  std::vector<double> xs(2 * 2 * 5 * 6), ks(4 * 1 * 2 * 3);
  for (size_t i = 0; i < xs.size(); ++i) xs[i] = 0.25 * static_cast<double>(i % 7) - 0.5;
  for (size_t i = 0; i < ks.size(); ++i) ks[i] = static_cast<double>(i % 5) - 2;
  for (int opset : {13, 17, 18}) {
    check::DriverOptions d;
    d.opset = opset;
    d.backend = check::DriverOptions::Backend::Both;
    const auto r =
        check::run_case(g, {filled(DType::Float64, {2, 2, 5, 6}, xs), filled(DType::Float64, {4, 1, 2, 3}, ks)}, d);
    EXPECT_EQ(r.outcome, check::Outcome::Pass) << "opset " << opset << ": " << r.message;
  }
}

TEST(Conv2D, OutputKeepsTheInputDtype) {
  auto x = pt::tensor4("x", "float32");
  auto k = pt::tensor4("k", "float64");
  EXPECT_EQ(pt::conv2d(x, k)->type.dtype, DType::Float32);
  const Tensor y = conv(kImage, filled(DType::Float64, {1, 1, 2, 2}, {1, 2, 3, 4}), {});
  EXPECT_EQ(y.dtype(), DType::Float32);
  EXPECT_EQ(values(y), (std::vector<double>{23, 33, 53, 63}));
}

TEST(Conv2D, MakeNodeRefusals) {
  auto x = pt::tensor("x", "float32", {1, 4, 5, 5});
  EXPECT_THROW(pt::conv2d(pt::tensor3("x", "float32"), pt::tensor4("k", "float32")), TypeError);
  EXPECT_THROW(pt::conv2d(pt::tensor4("x", "int32"), pt::tensor4("k", "float32")), TypeError);
  pt::Conv2DOptions o;
  o.num_groups = 3;  // 4 channels
  EXPECT_THROW(pt::conv2d(x, pt::tensor("k", "float32", {3, 1, 1, 1}), o), TypeError);
  o.num_groups = 2;  // kernel must have 4 / 2 input channels
  EXPECT_THROW(pt::conv2d(x, pt::tensor("k", "float32", {2, 1, 1, 1}), o), TypeError);
  // A 7x7 kernel on a 5x5 input has no valid window.
  EXPECT_THROW(pt::conv2d(x, pt::tensor("k", "float32", {1, 4, 7, 7})), TypeError);
  // Static output shape from the conv arithmetic.
  o = {};
  o.border_mode = "full";
  o.subsample = {2, 3};
  EXPECT_EQ(pt::conv2d(x, pt::tensor("k", "float32", {6, 4, 3, 2}), o)->type.shape,
            (StaticShape{1, 6, 4, 2}));  // (5 + 4 - 3) // 2 + 1, (5 + 2 - 2) // 3 + 1
}

}  // namespace
}  // namespace ptonnx
