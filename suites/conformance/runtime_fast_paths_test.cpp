// The runtime's fast paths (docs/performance.md) give what the general
// paths give: vectorised row reductions keep NaN propagation, the sign of a
// zero extreme and integer wrapping; Exp/Tanh/Sigmoid recompute the inputs
// outside their vector range with std::; float Add/Sub/Mul/Div on flat and
// scalar operands are the IEEE operations; MatMul through BLAS handles
// empty inner dims and broadcast batches. Rows are long enough to use the
// vector loops (32 floats a step) and their tails.
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "runtime_test_util.h"

namespace ptonnx::runtime::test {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

std::string reduce_model(const std::string& op, const std::string& type, int64_t rows, int64_t cols, int64_t axis) {
  const std::string in = type + "[" + std::to_string(rows) + "," + std::to_string(cols) + "]";
  return R"(<ir_version: 8, opset_import: ["" : 18]>
    g ()" + in + " a) => (" + type + R"([K,L] y) {
      axes = Constant <value = int64[1] {)" + std::to_string(axis) + R"(}> ()
      y = )" + op + "(a, axes) }";
}

Tensor f32_values(Shape shape, const std::vector<float>& v) {
  Tensor t(DType::Float32, std::move(shape));
  for (size_t i = 0; i < v.size(); ++i) t.data<float>()[i] = v[i];
  return t;
}

TEST(RuntimeFastPaths, RowMaxAndMinKeepTheFirstZerosSign) {
  // Rows of 70: two 32-element vector blocks and a tail of 6. Row 0: -0.0
  // before +0.0, in different blocks; row 1: +0.0 in a block before -0.0
  // in the tail; row 2: -0.0 only in the tail, row 3 only in a block;
  // row 4: +0.0 at 20, then -0.0 at 33, in an earlier lane of the next
  // block (a lane-by-lane combination meets the -0.0 first).
  constexpr int64_t kLen = 70;
  std::vector<float> v(5 * kLen, -5.0f);
  v[4 * kLen + 20] = 0.0f;
  v[4 * kLen + 33] = -0.0f;
  v[3] = -0.0f;
  v[45] = 0.0f;
  v[kLen + 40] = 0.0f;
  v[kLen + 66] = -0.0f;
  v[2 * kLen + 68] = -0.0f;
  v[3 * kLen + 20] = -0.0f;
  const auto mx = run1(reduce_model("ReduceMax", "float", 5, kLen, -1), {{"a", f32_values({5, kLen}, v)}});
  EXPECT_TRUE(std::signbit(mx.data<float>()[0]));
  EXPECT_FALSE(std::signbit(mx.data<float>()[1]));
  EXPECT_TRUE(std::signbit(mx.data<float>()[2]));
  EXPECT_TRUE(std::signbit(mx.data<float>()[3]));
  EXPECT_FALSE(std::signbit(mx.data<float>()[4]));
  for (auto& e : v) e = -e;  // the zeros are now the minima, with the signs flipped
  const auto mn = run1(reduce_model("ReduceMin", "float", 5, kLen, -1), {{"a", f32_values({5, kLen}, v)}});
  EXPECT_FALSE(std::signbit(mn.data<float>()[0]));
  EXPECT_TRUE(std::signbit(mn.data<float>()[1]));
  EXPECT_FALSE(std::signbit(mn.data<float>()[2]));
  EXPECT_FALSE(std::signbit(mn.data<float>()[3]));
  EXPECT_TRUE(std::signbit(mn.data<float>()[4]));
  EXPECT_EQ(mx.data<float>()[0], 0.0f);
}

TEST(RuntimeFastPaths, RowMaxNaNByMode) {
  constexpr int64_t kLen = 75;
  std::vector<float> v(3 * kLen);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(i % kLen);
  v[13] = kNaN;                                          // row 0: one NaN in a vector block
  v[kLen + kLen - 1] = kNaN;                             // row 1: one NaN in the tail (the row's maximum)
  for (int64_t j = 0; j < kLen; ++j) v[2 * kLen + j] = kNaN;  // row 2: only NaN
  const Tensor x = f32_values({3, kLen}, v);
  const std::string text = reduce_model("ReduceMax", "float", 3, kLen, 1);
  const auto normal = run1(text, {{"a", x}});
  for (int r = 0; r < 3; ++r) EXPECT_TRUE(std::isnan(normal.data<float>()[r])) << r;
  RuntimeOptions adv;
  adv.adversarial = true;
  const auto a = model_from_text(text, adv).run({{"a", x}}).begin()->second;
  EXPECT_EQ(a.data<float>()[0], 74.0f);
  EXPECT_EQ(a.data<float>()[1], 73.0f);
  EXPECT_TRUE(std::isnan(a.data<float>()[2]));
}

TEST(RuntimeFastPaths, RowSumsMatchTheSerialSum) {
  // float32: the serial double sum rounded once.
  std::vector<float> v(4 * 37);
  for (size_t i = 0; i < v.size(); ++i) v[i] = std::ldexp(1.0f + static_cast<float>(i % 7) / 7.0f, static_cast<int>(i % 23) - 11);
  const auto y = run1(reduce_model("ReduceSum", "float", 4, 37, -1), {{"a", f32_values({4, 37}, v)}});
  for (int r = 0; r < 4; ++r) {
    double s = 0;
    for (int j = 0; j < 37; ++j) s += v[r * 37 + j];
    EXPECT_EQ(y.data<float>()[r], static_cast<float>(s)) << r;
  }
  // int64: wraps modulo 2^64 in any order.
  std::vector<double> iv(2 * 19, 0);
  Tensor xi = Tensor::from_vector(DType::Int64, {2, 19}, iv);
  for (int j = 0; j < 38; ++j) xi.data<int64_t>()[j] = std::numeric_limits<int64_t>::max() - j;
  const auto yi = run1(reduce_model("ReduceSum", "int64", 2, 19, 1), {{"a", xi}});
  for (int r = 0; r < 2; ++r) {
    uint64_t s = 0;
    for (int j = 0; j < 19; ++j) s += static_cast<uint64_t>(xi.data<int64_t>()[r * 19 + j]);
    EXPECT_EQ(yi.data<int64_t>()[r], static_cast<int64_t>(s)) << r;
  }
}

TEST(RuntimeFastPaths, ColumnAndMiddleAxisReductions) {
  std::vector<float> v(3 * 5 * 4);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>((i * 7) % 11) - 5.0f;
  const Tensor x = f32_values({3, 5, 4}, v);
  const auto col = run1(R"(<ir_version: 8, opset_import: ["" : 18]>
    g (float[3,5,4] a) => (float[5,4] y) {
      axes = Constant <value = int64[1] {0}> ()
      y = ReduceSum <keepdims = 0> (a, axes) })",
                        {{"a", x}});
  const auto mid = run1(R"(<ir_version: 8, opset_import: ["" : 18]>
    g (float[3,5,4] a) => (float[3,4] y) {
      axes = Constant <value = int64[1] {1}> ()
      y = ReduceMax <keepdims = 0> (a, axes) })",
                        {{"a", x}});
  for (int j = 0; j < 5; ++j)
    for (int k = 0; k < 4; ++k) {
      double s = 0;
      for (int i = 0; i < 3; ++i) s += v[(i * 5 + j) * 4 + k];
      EXPECT_EQ(col.data<float>()[j * 4 + k], static_cast<float>(s));
    }
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 4; ++k) {
      float m = -INFINITY;
      for (int j = 0; j < 5; ++j) m = std::max(m, v[(i * 5 + j) * 4 + k]);
      EXPECT_EQ(mid.data<float>()[i * 4 + k], m);
    }
}

TEST(RuntimeFastPaths, TranscendentalTailsAreTheScalarOnes) {
  const std::vector<float> in = {kNaN, INFINITY, -INFINITY, -100.0f, -88.5f, 88.5f, 100.0f, -0.0f,
                                 1e-5f, -3e-4f, 0.5f, -2.0f, 9.5f, -12.0f, 20.0f, 3.0f};
  const Tensor x = f32_values({16}, in);
  const auto run_op = [&](const std::string& op) {
    return run1(R"(<ir_version: 8, opset_import: ["" : 17]>
      g (float[16] a) => (float[16] y) { y = )" + op + "(a) }",
                {{"a", x}});
  };
  const auto e = run_op("Exp"), t = run_op("Tanh"), s = run_op("Sigmoid");
  for (size_t i = 0; i < in.size(); ++i) {
    const float v = in[i];
    const float want_e = std::exp(v), want_t = std::tanh(v);
    const float want_s = v >= 0 ? 1.0f / (1.0f + std::exp(-v)) : std::exp(v) / (1.0f + std::exp(v));
    const auto same = [](float got, float want) {
      if (std::isnan(want)) return std::isnan(got);
      if (want == 0 || std::isinf(want)) return got == want && std::signbit(got) == std::signbit(want);
      return std::fabs(got - want) <= 4 * std::fabs(std::nextafter(want, INFINITY) - want);
    };
    EXPECT_TRUE(same(e.data<float>()[i], want_e)) << "Exp(" << v << ") = " << e.data<float>()[i];
    EXPECT_TRUE(same(t.data<float>()[i], want_t)) << "Tanh(" << v << ") = " << t.data<float>()[i];
    EXPECT_TRUE(same(s.data<float>()[i], want_s)) << "Sigmoid(" << v << ") = " << s.data<float>()[i];
  }
  // Subnormal results are kept, not flushed or clamped.
  EXPECT_GT(e.data<float>()[3], 0.0f);
  EXPECT_EQ(e.data<float>()[3], std::exp(-100.0f));
}

TEST(RuntimeFastPaths, FloatArithmeticOnFlatAndScalarOperands) {
  const Tensor a = f32_values({5}, {-0.0f, 1.5f, kNaN, INFINITY, -2.0f});
  const Tensor zero = f32_values({1}, {-0.0f});
  const auto add = run1(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[5] a, float[1] b) => (float[5] y) { y = Add(a, b) })",
                        {{"a", a}, {"b", zero}});
  EXPECT_TRUE(std::signbit(add.data<float>()[0]));  // -0 + -0 = -0
  EXPECT_EQ(add.data<float>()[1], 1.5f);
  EXPECT_TRUE(std::isnan(add.data<float>()[2]));
  const auto div = run1(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[1] b, float[5] a) => (float[5] y) { y = Div(b, a) })",
                        {{"a", a}, {"b", zero}});
  EXPECT_TRUE(std::isnan(div.data<float>()[0]));    // -0 / -0
  EXPECT_TRUE(std::signbit(div.data<float>()[1]));  // -0 / 1.5 = -0
  EXPECT_FALSE(std::signbit(div.data<float>()[4])); // -0 / -2 = +0
  const auto sub = run1(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[5] a, float[5] b) => (float[5] y) { y = Sub(a, b) })",
                        {{"a", a}, {"b", a}});
  EXPECT_FALSE(std::signbit(sub.data<float>()[0]));  // -0 - -0 = +0
  EXPECT_TRUE(std::isnan(sub.data<float>()[3]));     // inf - inf
}

TEST(RuntimeFastPaths, MatMulEmptyInnerDimAndBroadcastBatch) {
  const auto empty = run1(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[2,0] a, float[0,3] b) => (float[2,3] y) { y = MatMul(a, b) })",
                          {{"a", Tensor(DType::Float32, {2, 0})}, {"b", Tensor(DType::Float32, {0, 3})}});
  EXPECT_EQ(values(empty), std::vector<double>(6, 0.0));
  // [2,1,2,3] x [3,3,2]: the batch broadcasts to [2,3].
  std::vector<double> av(12), bv(18);
  for (size_t i = 0; i < av.size(); ++i) av[i] = static_cast<double>(i) - 4;
  for (size_t i = 0; i < bv.size(); ++i) bv[i] = static_cast<double>(i % 5) - 1;
  const auto y = run1(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[2,1,2,3] a, float[3,3,2] b) => (float[2,3,2,2] y) { y = MatMul(a, b) })",
                      {{"a", f32({2, 1, 2, 3}, av)}, {"b", f32({3, 3, 2}, bv)}});
  ASSERT_EQ(y.shape(), (Shape{2, 3, 2, 2}));
  for (int p = 0; p < 2; ++p)
    for (int q = 0; q < 3; ++q)
      for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j) {
          double s = 0;
          for (int k = 0; k < 3; ++k) s += av[(p * 2 + i) * 3 + k] * bv[(q * 3 + k) * 2 + j];
          EXPECT_EQ(y.get_as_double(((p * 3 + q) * 2 + i) * 2 + j), s);
        }
}

// Random rows (lengths 0 to 150, so every mix of vector blocks and tail)
// of values drawn from -0.0, +0.0, NaN, infinities and small integers
// (whose sums are exact in double): Max, Min and Sum equal a serial
// reference bit for bit, in both modes.
TEST(RuntimeFastPaths, RandomRowsMatchASerialReference) {
  std::mt19937 rng(16);
  const float pool[] = {-0.0f, 0.0f, kNaN, INFINITY, -INFINITY, 1.0f, -1.0f, 2.5f, -3.0f, 7.0f};
  for (int trial = 0; trial < 60; ++trial) {
    const int64_t rows = 1 + static_cast<int64_t>(rng() % 4), len = static_cast<int64_t>(rng() % 151);
    const unsigned special = rng() % 4;  // how often a row element comes from the first five of the pool
    std::vector<float> v(static_cast<size_t>(rows * len));
    for (auto& e : v) e = (rng() % 64 < special) ? pool[rng() % 5] : pool[5 + rng() % 5] * static_cast<float>(rng() % 9);
    const Tensor x = f32_values({rows, len}, v);
    for (bool adversarial : {false, true}) {
      RuntimeOptions options;
      options.adversarial = adversarial;
      const auto run_op = [&](const std::string& op) {
        return model_from_text(reduce_model(op, "float", rows, len, 1), options).run({{"a", x}}).begin()->second;
      };
      const Tensor mx = run_op("ReduceMax"), mn = run_op("ReduceMin"), sum = run_op("ReduceSum");
      for (int64_t r = 0; r < rows; ++r) {
        float hi = -INFINITY, lo = INFINITY;
        double s = 0;
        bool nan = false, number = false;
        for (int64_t j = 0; j < len; ++j) {
          const float e = v[static_cast<size_t>(r * len + j)];
          s += e;
          if (e != e) {
            nan = true;
            continue;
          }
          number = true;
          if (e > hi) hi = e;
          if (e < lo) lo = e;
        }
        if (nan && (!adversarial || !number)) hi = lo = kNaN;
        const auto same = [](float a, float b) {
          return (std::isnan(a) && std::isnan(b)) || (a == b && std::signbit(a) == std::signbit(b));
        };
        const std::string where = "trial " + std::to_string(trial) + " row " + std::to_string(r) + " of " +
                                  std::to_string(len) + (adversarial ? " adversarial" : "");
        EXPECT_TRUE(same(mx.data<float>()[r], hi)) << where << ": max " << mx.data<float>()[r] << " want " << hi;
        EXPECT_TRUE(same(mn.data<float>()[r], lo)) << where << ": min " << mn.data<float>()[r] << " want " << lo;
        EXPECT_TRUE(same(sum.data<float>()[r], static_cast<float>(s))) << where << ": sum";
      }
    }
  }
}

TEST(RuntimeFastPaths, RunStatsPeakOfAnAdd) {
  const Model m = model_from_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[1000] a, float[1000] b) => (float[1000] y) { c = Add(a, b) y = Mul(c, a) })");
  RunStats stats;
  m.run({{"a", Tensor(DType::Float32, {1000})}, {"b", Tensor(DType::Float32, {1000})}}, &stats);
  // Inputs (8000) + c (4000) + y (4000): c is freed only after Mul.
  EXPECT_EQ(stats.peak_bytes, 16000);
}

}  // namespace
}  // namespace ptonnx::runtime::test
