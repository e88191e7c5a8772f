// BatchNormalization's and SiLU's traps end to end: epsilon rounded to the
// dtype before var + eps (a float16 subnormal at cuDNN's 1e-5), the
// operation order of perform ((x - mean) * (gamma / sqrt(var + eps)) +
// beta), per-channel parameters on NCHW, the 1e-5 floor; SiLU's
// upgrade_to_float dtypes and signed zero.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "core/float16.h"
#include "suites/cnn/cnn_test_util.h"

namespace ptonnx {
namespace {

using test::filled;
using test::values;

Tensor bn(const Tensor& x, const std::vector<Tensor>& params, double eps) {
  StaticShape xs(x.shape().begin(), x.shape().end());
  std::vector<VarRef> in{pt::tensor("x", std::string(dtype_name(x.dtype())), xs)};
  for (size_t i = 0; i < 4; ++i)
    in.push_back(pt::tensor("p" + std::to_string(i), std::string(dtype_name(params[i].dtype())), {std::nullopt}));
  std::vector<Tensor> feed{x};
  feed.insert(feed.end(), params.begin(), params.end());
  return test::run_all_opsets(FunctionGraph(in, {pt::batch_norm(in[0], in[1], in[2], in[3], in[4], eps)}), feed);
}

std::vector<Tensor> params(DType t, double gamma, double beta, double mean, double var) {
  return {filled(t, {1}, {gamma}), filled(t, {1}, {beta}), filled(t, {1}, {mean}), filled(t, {1}, {var})};
}

TEST(BatchNormalization, EpsilonRoundedToTheDtypeInPerformsOrder) {
  for (double eps : {1e-5, 1e-4, 1e-3}) {
    const float e = static_cast<float>(eps);
    const float expected = (2.0f - 1.0f) * (3.0f / std::sqrt(0.0f + e)) + 1.0f;
    EXPECT_EQ(values(bn(filled(DType::Float32, {1, 1}, {2}), params(DType::Float32, 3, 1, 1, 0), eps)),
              (std::vector<double>{expected}))
        << eps;
  }
}

TEST(BatchNormalization, Float16EpsilonIsASubnormal) {
  const auto h = [](double v) { return static_cast<double>(half_to_float(double_to_half(v))); };
  const double eps = h(1e-5);  // 168 * 2^-24
  EXPECT_EQ(eps, 168 * std::ldexp(1.0, -24));
  const double expected = h(h(3.0 - 1.0) * h(1.5 / h(std::sqrt(h(0.0 + eps))))) + 0.0;
  EXPECT_EQ(values(bn(filled(DType::Float16, {1, 1}, {3}), params(DType::Float16, 1.5, 0, 1, 0), 1e-5)),
            (std::vector<double>{h(expected)}));
}

TEST(BatchNormalization, PerChannelOnNCHW) {
  const Tensor x = filled(DType::Float64, {1, 2, 1, 2}, {1, 2, 3, 4});
  const std::vector<Tensor> p{filled(DType::Float64, {2}, {1, 2}), filled(DType::Float64, {2}, {0, 10}),
                              filled(DType::Float64, {2}, {0, 1}), filled(DType::Float64, {2}, {1, 4})};
  const double f0 = 1 / std::sqrt(1 + 1e-4), f1 = 2 / std::sqrt(4 + 1e-4);
  EXPECT_EQ(values(bn(x, p, 1e-4)), (std::vector<double>{1 * f0, 2 * f0, 2 * f1 + 10, 3 * f1 + 10}));
}

TEST(BatchNormalization, MakeNodeRules) {
  auto x = pt::tensor("x", "float16", {2, 3, 4, 4});
  auto v32 = pt::tensor("v", "float32", {3});
  auto v16 = pt::tensor("w", "float16", {3});
  // as_common_dtype: float16 x with a float32 parameter gives float32.
  EXPECT_EQ(pt::batch_norm(x, v32, v16, v16, v16)->type.dtype, DType::Float32);
  EXPECT_THROW(pt::batch_norm(x, v16, v16, v16, v16, 1e-6), TypeError);  // below cuDNN's 1e-5
  EXPECT_THROW(pt::batch_norm(x, pt::tensor("c", "float16", {4}), v16, v16, v16), TypeError);
  EXPECT_THROW(pt::batch_norm(pt::tensor("i", "int32", {2, 3}), v16, v16, v16, v16), TypeError);
}

Tensor silu(const Tensor& x) {
  auto v = pt::tensor("x", std::string(dtype_name(x.dtype())), {std::nullopt});
  return test::run_all_opsets(FunctionGraph({v}, {pt::silu(v)}), {x});
}

TEST(SiLU, UpgradeToFloatAndSignedZero) {
  EXPECT_EQ(silu(filled(DType::Int8, {3}, {-2, 0, 100})).dtype(), DType::Float32);
  EXPECT_EQ(silu(filled(DType::Int32, {2}, {-2, 3})).dtype(), DType::Float64);
  EXPECT_EQ(silu(filled(DType::Bool, {2}, {0, 1})).dtype(), DType::Float32);
  const Tensor y = silu(filled(DType::Float64, {3}, {-0.0, 0.0, 2.0}));
  EXPECT_TRUE(std::signbit(y.get_as_double(0)));  // -0 * sigmoid(-0) = -0 * 0.5
  EXPECT_EQ(y.get_as_double(1), 0.0);
  EXPECT_NEAR(y.get_as_double(2), 2.0 / (1.0 + std::exp(-2.0)), 1e-15);
  EXPECT_EQ(silu(filled(DType::Float16, {2}, {1, -1})).dtype(), DType::Float16);
}

}  // namespace
}  // namespace ptonnx
