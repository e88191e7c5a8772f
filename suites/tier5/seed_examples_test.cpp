// The seed's own tier-5 success criteria, as PyTensor 3.3 reads them, end
// to end (oracle, export, runtime, comparison) at every opset:
//
//   y = pt.sin(x) + pt.cos(x**2)          x = pt.vector('x')
//   y = pt.switch(x > 0, x**2, -x)        x = pt.vector('x')
//   y = pt.nnet.softmax(x)                x = pt.matrix('x')
//
// pt.vector and pt.matrix take floatX (float64 by default). PyTensor 3.3 has
// no pt.nnet: the softmax is pytensor.tensor.special.softmax, whose default
// axis=None normalises over the whole matrix (Theano's nnet.softmax
// normalised each row, which is softmax(x, axis=-1)); both are checked.
// Each expected value is also computed here by hand, so a test fails when
// the oracle and the runtime agree on a wrong answer.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "check/driver.h"
#include "graph/builder.h"
#include "graph/builder_special.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::mat;
using test::vec;

// The graph through the driver at `opset`; the run must pass (oracle and
// runtime agree, signed zeros included). Returns the runtime's values.
std::vector<double> run(const FunctionGraph& g, const Tensor& x, int opset) {
  check::DriverOptions o;
  o.opset = opset;
  o.signed_zero = true;
  const auto r = check::run_case(g, {x}, o);
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << "opset " << opset << ": " << r.message;
  std::vector<double> out;
  if (r.actual.empty()) return out;
  EXPECT_EQ(r.actual.at(0).dtype(), DType::Float64);
  for (int64_t i = 0; i < r.actual.at(0).numel(); ++i) out.push_back(r.actual.at(0).get_as_double(i));
  return out;
}

VarRef squared(const VarRef& x) { return pt::pow(x, pt::constant(Tensor::scalar(DType::Int8, 2))); }

void expect_close(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-15 * (1 + std::fabs(want[i]))) << "at " << i;
}

const std::vector<double> kValues = {-3.5, -1.0, -0.0, 0.0, 0.25, 1.0, 2.0, 10.0};

TEST(SeedTier5Examples, SinPlusCosOfSquare) {
  const auto x = pt::vector("x");
  const FunctionGraph g({x}, {pt::add(pt::sin(x), pt::cos(squared(x)))});
  std::vector<double> want;
  for (double v : kValues) want.push_back(std::sin(v) + std::cos(v * v));
  for (int opset = 13; opset <= 18; ++opset) expect_close(run(g, vec(DType::Float64, kValues), opset), want);
}

TEST(SeedTier5Examples, SwitchReluVariant) {
  const auto x = pt::vector("x");
  const auto zero = pt::constant(Tensor::scalar(DType::Int8, 0));
  const FunctionGraph g({x}, {pt::switch_(pt::op("GT", {x, zero})[0], squared(x), pt::neg(x))});
  std::vector<double> want;
  for (double v : kValues) want.push_back(v > 0 ? v * v : -v);
  for (int opset = 13; opset <= 18; ++opset) {
    const auto got = run(g, vec(DType::Float64, kValues), opset);
    expect_close(got, want);
    // x = -0.0 is not > 0, so the result is -(-0.0) = +0.0, and x = +0.0
    // gives -0.0: the comparison above checks the signs too.
    if (got.size() == kValues.size()) {
      EXPECT_FALSE(std::signbit(got[2]));
      EXPECT_TRUE(std::signbit(got[3]));
    }
  }
}

TEST(SeedTier5Examples, SoftmaxOfAMatrix) {
  const std::vector<double> v = {1.0, 2.0, 3.0, -1.0, 0.0, 700.0};
  const Tensor x_value = mat(DType::Float64, 2, 3, v);
  const auto x = pt::matrix("x");
  // axis=None (PyTensor 3.3's default): one distribution over all six.
  double max_all = 700.0, sum_all = 0;
  for (double e : v) sum_all += std::exp(e - max_all);
  std::vector<double> want_all;
  for (double e : v) want_all.push_back(std::exp(e - max_all) / sum_all);
  // axis=-1 (Theano's nnet.softmax): one distribution per row.
  std::vector<double> want_rows;
  for (int r = 0; r < 2; ++r) {
    double m = std::max({v[3 * r], v[3 * r + 1], v[3 * r + 2]}), s = 0;
    for (int c = 0; c < 3; ++c) s += std::exp(v[3 * r + c] - m);
    for (int c = 0; c < 3; ++c) want_rows.push_back(std::exp(v[3 * r + c] - m) / s);
  }
  const FunctionGraph all({x}, {pt::softmax(x)});
  const FunctionGraph rows({x}, {pt::softmax(x, std::vector<int64_t>{-1})});
  for (int opset = 13; opset <= 18; ++opset) {
    expect_close(run(all, x_value, opset), want_all);
    expect_close(run(rows, x_value, opset), want_rows);
  }
}

}  // namespace
}  // namespace ptonnx
