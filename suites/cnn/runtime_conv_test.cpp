// The runtime's Conv and BatchNormalization kernels on their own: ONNX's
// cross-correlation (no flip), auto_pad SAME_LOWER's extra pad at the
// start, bias, float16, and hostile shapes refused before any element is
// read (docs/hostile-input.md).
#include <gtest/gtest.h>

#include "core/error.h"
#include "suites/conformance/runtime_test_util.h"

namespace ptonnx::runtime::test {
namespace {

std::string conv_model(const std::string& attrs, const std::string& x, const std::string& w) {
  return "<ir_version: 8, opset_import: [\"\" : 17]> g (float" + x + " x, float" + w + " w) => (float y) { y = Conv " +
         (attrs.empty() ? "" : "<" + attrs + "> ") + "(x, w) }";
}

std::vector<double> values(const Tensor& t) {
  std::vector<double> v;
  for (int64_t i = 0; i < t.numel(); ++i) v.push_back(t.get_as_double(i));
  return v;
}

TEST(RuntimeConv, CrossCorrelatesWithSameLowerPadding) {
  // 1-D: x = [1, 2, 3, 4], w = [1, 10] (not flipped): out[i] = x[i] + 10
  // x[i + 1] over the padded x. SAME: 4 outputs, total pad 1, first
  // (LOWER: [0*1 + 1*10, 1 + 20, ...]) or last (UPPER: [..., 4 + 0]).
  const Tensor x = f32({1, 1, 4}, {1, 2, 3, 4}), w = f32({1, 1, 2}, {1, 10});
  EXPECT_EQ(values(run1(conv_model("auto_pad = \"SAME_LOWER\"", "[1,1,4]", "[1,1,2]"), {{"x", x}, {"w", w}})),
            (std::vector<double>{10, 21, 32, 43}));
  EXPECT_EQ(values(run1(conv_model("auto_pad = \"SAME_UPPER\"", "[1,1,4]", "[1,1,2]"), {{"x", x}, {"w", w}})),
            (std::vector<double>{21, 32, 43, 4}));
}

TEST(RuntimeConv, HostileShapesAreRefused) {
  const Tensor x = f32({1, 2, 3, 3}, std::vector<double>(18, 1));
  const auto err = [&](const std::string& attrs, const Tensor& w) {
    return error_of<Error>([&] { run1(conv_model(attrs, "[1,2,3,3]", "[a,b,c,d]"), {{"x", x}, {"w", w}}); });
  };
  EXPECT_NE(err("group = 3", f32({3, 1, 1, 1}, {1, 1, 1})).find("group"), std::string::npos);
  EXPECT_NE(err("group = 1", f32({1, 2, 4, 4}, std::vector<double>(32, 1))).find("larger than the padded input"),
            std::string::npos);
  EXPECT_NE(err("dilations = [1, 2000000]", f32({1, 2, 1, 2}, {1, 1, 1, 1})).find("2^20"), std::string::npos);
  EXPECT_NE(err("kernel_shape = [2, 2]", f32({1, 2, 1, 1}, {1, 1})).find("kernel_shape"), std::string::npos);
  EXPECT_NE(err("pads = [-1, 0, 0, 0]", f32({1, 2, 1, 1}, {1, 1})).find("pads"), std::string::npos);
  // W with no input channels per group: the sums are empty, so 0.
  EXPECT_EQ(values(run1(conv_model("", "[1,0,2,2]", "[1,0,1,1]"),
                        {{"x", Tensor(DType::Float32, {1, 0, 2, 2})}, {"w", Tensor(DType::Float32, {1, 0, 1, 1})}})),
            (std::vector<double>{0, 0, 0, 0}));
}

}  // namespace
}  // namespace ptonnx::runtime::test
