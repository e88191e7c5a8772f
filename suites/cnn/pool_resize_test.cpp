// Named tests of the CNN group's pooling and resize ops, end to end (IR ->
// ONNX at opsets 13-18 -> the built-in runtime, normal and spec-adversarial,
// checked against the oracle), with PyTensor's answers written out from
// Pool.perform (pytensor/tensor/signal/pool.py at 19e1a982) and np.repeat.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "check/driver.h"
#include "core/error.h"
#include "graph/builder.h"
#include "suites/common/all_opsets.h"

namespace ptonnx {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

Tensor make(DType t, const Shape& s, const std::vector<double>& v) {
  Tensor x(t, s);
  for (size_t i = 0; i < v.size(); ++i) {
    if (std::isnan(v[i]))
      x.data<float>()[i] = std::numeric_limits<float>::quiet_NaN();
    else
      x.set_from_double(static_cast<int64_t>(i), v[i]);
  }
  return x;
}

// Runs out = f(x) at every opset and mode; returns the runtime's result.
template <typename F>
Tensor run(const Tensor& x, F f) {
  StaticShape s;
  for (int64_t d : x.shape()) s.push_back(d);
  auto v = pt::tensor("x", std::string(dtype_name(x.dtype())), s);
  const FunctionGraph g({v}, {f(v)});
  return test::passing_at_all_opsets(g, {x}, {.signed_zero = false, .return_opset = 18});
}

using test::values;

// 1x1x5x5 = 0..24.
Tensor ramp(DType t) {
  std::vector<double> v;
  for (int i = 0; i < 25; ++i) v.push_back(i);
  return make(t, {1, 1, 5, 5}, v);
}

TEST(Pool, IgnoreBorderFalseKeepsPartialWindows) {
  // ws 2, stride 2 on 5x5: ignore_border=False gives 3x3 (the last row and
  // column are 1-wide windows), True gives 2x2.
  const Tensor m = run(ramp(DType::Float32), [](VarRef x) { return pt::pool_2d(x, {2, 2}, false); });
  EXPECT_EQ(m.shape(), (Shape{1, 1, 3, 3}));
  EXPECT_EQ(values(m), (std::vector<double>{6, 8, 9, 16, 18, 19, 21, 23, 24}));
  const Tensor t = run(ramp(DType::Float32), [](VarRef x) { return pt::pool_2d(x, {2, 2}, true); });
  EXPECT_EQ(values(t), (std::vector<double>{6, 8, 16, 18}));
  // Average of the partial windows divides by the cells inside the image
  // (perform clips end to the image) in both average modes.
  for (const char* mode : {"average_inc_pad", "average_exc_pad"}) {
    const Tensor a = run(ramp(DType::Float64), [mode](VarRef x) {
      return pt::pool_2d(x, {2, 2}, false, {}, {}, mode);
    });
    EXPECT_EQ(values(a), (std::vector<double>{3, 5, 6.5, 13, 15, 16.5, 20.5, 22.5, 24})) << mode;
  }
}

TEST(Pool, WindowLargerThanInputAndStrideBeyondWindow) {
  // ws 4 on a 2x3 input with ignore_border=False: one window, the whole
  // image; with stride 3 > ws 1 on 5 cells: windows at 0 and 3 (ONNX's ceil
  // mode would count a third one starting past the input).
  const Tensor x = make(DType::Int16, {1, 1, 2, 3}, {1, -7, 3, 4, 5, -6});
  EXPECT_EQ(values(run(x, [](VarRef v) { return pt::pool_2d(v, {4, 4}, false); })), (std::vector<double>{5}));
  const Tensor y = make(DType::UInt8, {1, 1, 1, 5}, {9, 1, 2, 7, 3});
  EXPECT_EQ(values(run(y,
                       [](VarRef v) {
                         return pt::pool_2d(v, {1, 1}, false, {1, 3});
                       })),
            (std::vector<double>{9, 7}));
  // ignore_border=True and a window larger than the padded input: empty.
  const Tensor e = run(x, [](VarRef v) { return pt::pool_2d(v, {5, 2}, true, {1, 1}, {1, 0}); });
  EXPECT_EQ(e.shape(), (Shape{1, 1, 0, 2}));
}

TEST(Pool, IncludeVersusExcludePadding) {
  // ws 3, stride 1, pad 1 on 0..24: the corner window holds 0, 1, 5, 6.
  // inc_pad divides by 9 (padding zeros count), exc_pad by 4.
  const Tensor inc = run(ramp(DType::Float64), [](VarRef x) {
    return pt::pool_2d(x, {3, 3}, true, {1, 1}, {1, 1}, "average_inc_pad");
  });
  const Tensor exc = run(ramp(DType::Float64), [](VarRef x) {
    return pt::pool_2d(x, {3, 3}, true, {1, 1}, {1, 1}, "average_exc_pad");
  });
  EXPECT_DOUBLE_EQ(values(inc)[0], 12.0 / 9);
  EXPECT_DOUBLE_EQ(values(exc)[0], 3.0);
  EXPECT_DOUBLE_EQ(values(inc)[12], 12.0);  // an inner window: the same in both
  EXPECT_DOUBLE_EQ(values(exc)[12], 12.0);
  // Max pooling never sees the padding zeros: all-negative input.
  const Tensor neg = make(DType::Float32, {1, 1, 2, 2}, {-4, -3, -2, -1});
  EXPECT_EQ(values(run(neg,
                       [](VarRef x) {
                         return pt::pool_2d(x, {2, 2}, true, {1, 1}, {1, 1});
                       })),
            (std::vector<double>{-4, -3, -3, -2, -1, -1, -2, -1, -1}));
}

TEST(Pool, NaNPropagatesInMaxPooling) {
  // np.max propagates NaN; ONNX Runtime's MaxPool would skip it.
  const Tensor x = make(DType::Float32, {1, 1, 2, 4}, {1, kNaN, 3, 4, 5, 6, 7, 8});
  const auto v = values(run(x, [](VarRef a) { return pt::pool_2d(a, {2, 2}, true); }));
  ASSERT_EQ(v.size(), 2u);
  EXPECT_TRUE(std::isnan(v[0]));
  EXPECT_EQ(v[1], 8);
  const auto g = values(run(x, [](VarRef a) { return pt::global_max_pool(a); }));
  EXPECT_TRUE(std::isnan(g[0]));
}

TEST(Pool, GlobalAverageOfIntegersIsFloat64) {
  const Tensor x = make(DType::Int32, {1, 2, 1, 2}, {1, 2, 2147483647, 2147483647});
  const Tensor m = run(x, [](VarRef a) { return pt::global_average_pool(a); });
  EXPECT_EQ(m.dtype(), DType::Float64);
  EXPECT_EQ(values(m), (std::vector<double>{1.5, 2147483647}));
}

// pt.mean's float32 Sum is rounded to float32 before the one division:
// 4194305 + 0.25 = 4194305 in float32, / 6 = 699050.8125 (a float64 mean
// gives 699050.875, 1 ulp off, which a downstream Tan magnified to 0.1 in a
// tier-5 graph). Compared exactly, with static and with unknown H, W (the
// count is then read from the shape at run time).
TEST(Pool, GlobalAverageRoundsTheFloat32SumBeforeDividing) {
  const Tensor x = make(DType::Float32, {1, 1, 2, 3}, {4194305, 0.25, 0, 0, 0, 0});
  const Tensor m = run(x, [](VarRef a) { return pt::global_average_pool(a); });
  ASSERT_EQ(values(m).size(), 1u);
  EXPECT_EQ(values(m)[0], 699050.8125);
  auto v = pt::tensor("x", "float32", {1, 1, std::nullopt, std::nullopt});
  const FunctionGraph g({v}, {pt::global_average_pool(v)});
  const Tensor d = test::passing_at_all_opsets(g, {x}, {.signed_zero = false, .return_opset = 13});
  ASSERT_EQ(values(d).size(), 1u);
  EXPECT_EQ(values(d)[0], 699050.8125);
}

TEST(Pool, MakeNodeRefusals) {
  auto x = pt::tensor("x", "float32", {1, 1, 4, 4});
  EXPECT_THROW(pt::pool_2d(x, {2, 2}, false, {}, {1, 1}), TypeError);  // pad needs ignore_border
  EXPECT_THROW(pt::pool_2d(x, {2, 2}, true, {}, {2, 0}), TypeError);   // pad >= ws
  EXPECT_THROW(pt::pool_2d(pt::tensor("i", "int32", {1, 1, 4, 4}), {2, 2}, true, {}, {}, "average_exc_pad"), TypeError);
}

TEST(Resize, NearestTwiceIsNpRepeat) {
  // np.repeat(np.repeat(x, 2, axis=2), 2, axis=3).
  const Tensor x = make(DType::Float32, {1, 1, 2, 3}, {1, 2, 3, 4, kNaN, 6});
  const auto v = values(run(x, [](VarRef a) { return pt::resize(a, {2, 2}); }));
  const std::vector<double> want{1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3, 4, 4, -1, -1, 6, 6, 4, 4, -1, -1, 6, 6};
  ASSERT_EQ(v.size(), want.size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (want[i] == -1)
      EXPECT_TRUE(std::isnan(v[i])) << i;
    else
      EXPECT_EQ(v[i], want[i]) << i;
  }
  // Different factors per axis, an integer dtype and extreme values.
  const Tensor y = make(DType::Int64, {1, 1, 1, 2}, {-9.0e18, 7});
  EXPECT_EQ(values(run(y,
                       [](VarRef a) {
                         return pt::resize(a, {3, 1});
                       })),
            (std::vector<double>{-9.0e18, 7, -9.0e18, 7, -9.0e18, 7}));
}

TEST(Resize, BilinearIsZoomOrderOne) {
  // scipy.ndimage.zoom([[0, 3]], (1, 2), order=1): samples 0..3 at input
  // coordinates o * (2 - 1) / (4 - 1): 0, 1, 2, 3.
  const Tensor x = make(DType::Float64, {1, 1, 1, 2}, {0, 3});
  const auto v = values(run(x, [](VarRef a) { return pt::resize(a, {1, 2}, "bilinear"); }));
  ASSERT_EQ(v.size(), 4u);
  for (size_t i = 0; i < 4; ++i) EXPECT_NEAR(v[i], static_cast<double>(i), 1e-12);
}

}  // namespace
}  // namespace ptonnx
