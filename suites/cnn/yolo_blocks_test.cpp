// YOLO11n's building blocks (seed 004's gap analysis) end to end: each block
// as a named test at every opset on both runtimes, and a property that
// stacks a random number of random blocks into a small YOLO-like network
// and checks it against the oracle. The blocks:
//   - CBS, C3k2's unit: Conv (3x3, half) -> BatchNorm -> SiLU, and its
//     residual bottleneck x + CBS(CBS(x));
//   - SPPF: three cascaded 5x5 stride-1 MaxPools, Concat with the input,
//     a 1x1 Conv back to the input's channels;
//   - the FPN head: a 2x2 MaxPool down, a 2x nearest Resize up, Concat with
//     the skip connection;
//   - C2PSA's gating x * sigmoid(conv1x1(x)) and its attention
//     softmax(Q^T K / sqrt(d)) V over the H*W positions.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "check/driver.h"
#include "graph/builder.h"

namespace ptonnx {
namespace {

// A network under construction: its graph inputs (activations and every
// weight) with the values fed to them, so a block only says what it needs.
struct Net {
  std::vector<VarRef> inputs;
  std::vector<Tensor> values;
  uint64_t state = 0x9e3779b97f4a7c15ull;  // value stream (splitmix64), reseeded by the property

  double next_unit() {  // in [0, 1), multiples of 1/64: exact in float32
    state += 0x9e3779b97f4a7c15ull;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return static_cast<double>((z ^ (z >> 31)) % 64) / 64.0;
  }

  VarRef input(const std::string& name, const Shape& shape, double lo, double hi) {
    StaticShape s(shape.begin(), shape.end());
    VarRef v = pt::tensor(name + std::to_string(inputs.size()), "float32", s);
    Tensor t(DType::Float32, shape);
    for (int64_t i = 0; i < t.numel(); ++i) t.set_from_double(i, lo + (hi - lo) * next_unit());
    inputs.push_back(v);
    values.push_back(t);
    return v;
  }
};

int64_t channels(const VarRef& x) { return *x->type.shape[1]; }

VarRef conv(Net& n, VarRef x, int64_t out_channels, int64_t k, int64_t stride = 1) {
  VarRef w = n.input("w", {out_channels, channels(x), k, k}, -0.5, 0.5);
  return pt::conv2d(x, w, {.border_mode = "half", .subsample = {stride, stride}});
}

// Conv -> BatchNorm -> SiLU (ultralytics' Conv module).
VarRef cbs(Net& n, VarRef x, int64_t out_channels, int64_t k = 3) {
  VarRef y = conv(n, x, out_channels, k);
  const Shape c{out_channels};
  VarRef gamma = n.input("gamma", c, 0.5, 1.5), beta = n.input("beta", c, -0.5, 0.5);
  VarRef mean = n.input("mean", c, -0.5, 0.5), var = n.input("var", c, 0.25, 2.0);
  return pt::silu(pt::batch_norm(y, gamma, beta, mean, var, 1e-3));
}

VarRef bottleneck(Net& n, VarRef x) { return x + cbs(n, cbs(n, x, channels(x)), channels(x)); }

VarRef sppf(Net& n, VarRef x) {
  VarRef y1 = pt::pool_2d(x, {5, 5}, true, {1, 1}, {2, 2});
  VarRef y2 = pt::pool_2d(y1, {5, 5}, true, {1, 1}, {2, 2});
  VarRef y3 = pt::pool_2d(y2, {5, 5}, true, {1, 1}, {2, 2});
  return cbs(n, pt::concatenate({x, y1, y2, y3}, 1), channels(x), 1);
}

// Needs even H and W: down by 2, up by 2, joined with the skip.
VarRef fpn(Net& n, VarRef x) {
  VarRef down = cbs(n, pt::pool_2d(x, {2, 2}, true), channels(x), 1);
  return pt::concatenate({pt::resize(down, {2, 2}), x}, 1);
}

VarRef gate(Net& n, VarRef x) { return x * pt::sigmoid(conv(n, x, channels(x), 1)); }

// Single-head attention over positions: q, k, v are 1x1 convs reshaped to
// (C, H*W); out = (V softmax(Q^T K / sqrt(C))^T) reshaped back, plus x.
VarRef attention(Net& n, VarRef x) {
  const int64_t c = channels(x), h = *x->type.shape[2], w = *x->type.shape[3];
  const auto flat = [&](VarRef t) { return pt::reshape(t, std::vector<int64_t>{c, h * w}); };
  VarRef q = flat(conv(n, x, c, 1)), k = flat(conv(n, x, c, 1)), v = flat(conv(n, x, c, 1));
  VarRef scores = pt::dot(pt::dimshuffle(q, {1, 0}), k) * (1.0 / std::sqrt(static_cast<double>(c)));
  VarRef attn = pt::softmax(scores, std::vector<int64_t>{1});
  VarRef out = pt::dot(v, pt::dimshuffle(attn, {1, 0}));
  return x + pt::reshape(out, std::vector<int64_t>{1, c, h, w});
}

// A chain of inexact ops (Conv sums, Sigmoid, Softmax, BatchNorm's
// division) has no per-op bound the driver could apply (its tolerance rules
// hold for a node fed by graph inputs; docs/comparison.md), and a residual
// x + f(x) near 0 turns a last-bit difference of its operands into many
// ulps of the result. So a network is judged as end-to-end model tests
// judge one: |actual - expected| <= atol + rtol * |expected| elementwise,
// with atol scaled to the activations (inputs in [-2, 2], weights in
// [-0.5, 0.5]). Anything but a mismatch (a conversion or runtime error, a
// wrong shape or dtype) must still be a pass.
std::string network_disagreement(const check::CaseResult& r) {
  if (r.outcome == check::Outcome::Pass) return "";
  if (r.outcome != check::Outcome::Mismatch || r.expected.size() != r.actual.size()) return r.message;
  constexpr double kRtol = 1e-4, kAtol = 1e-5;
  for (size_t o = 0; o < r.expected.size(); ++o) {
    const Tensor &e = r.expected[o], &a = r.actual[o];
    if (e.dtype() != a.dtype() || e.shape() != a.shape()) return r.message;
    for (int64_t i = 0; i < e.numel(); ++i) {
      const double ev = e.get_as_double(i), av = a.get_as_double(i);
      if (std::isnan(ev) != std::isnan(av) || std::abs(av - ev) > kAtol + kRtol * std::abs(ev))
        return "output " + std::to_string(o) + " element " + std::to_string(i) + ": expected " +
               std::to_string(ev) + ", got " + std::to_string(av) + "\n" + r.message;
    }
  }
  return "";
}

Shape run_block(VarRef (*block)(Net&, VarRef), const Shape& shape) {
  Net n;
  VarRef x = n.input("x", shape, -2.0, 2.0);
  const FunctionGraph g(n.inputs, {block(n, x)});
  Shape out;
  for (int opset = 13; opset <= 18; ++opset)
    for (bool adversarial : {false, true}) {
      check::DriverOptions o;
      o.opset = opset;
      o.adversarial = adversarial;
      const auto r = check::run_case(g, n.values, o);
      EXPECT_EQ(network_disagreement(r), "") << "opset " << opset << (adversarial ? " adversarial" : "");
      if (!r.actual.empty()) out = r.actual.at(0).shape();
    }
  return out;
}

TEST(YoloBlocks, ConvBatchNormSiLU) {
  EXPECT_EQ(run_block([](Net& n, VarRef x) { return cbs(n, x, 3); }, {1, 2, 5, 6}), (Shape{1, 3, 5, 6}));
}

TEST(YoloBlocks, C3k2Bottleneck) { EXPECT_EQ(run_block(bottleneck, {1, 3, 6, 5}), (Shape{1, 3, 6, 5})); }

TEST(YoloBlocks, SPPF) { EXPECT_EQ(run_block(sppf, {1, 2, 7, 6}), (Shape{1, 2, 7, 6})); }

TEST(YoloBlocks, FPNUpsampleConcat) { EXPECT_EQ(run_block(fpn, {1, 2, 6, 4}), (Shape{1, 4, 6, 4})); }

TEST(YoloBlocks, C2PSAGatingAndAttention) {
  EXPECT_EQ(run_block(gate, {1, 3, 4, 5}), (Shape{1, 3, 4, 5}));
  EXPECT_EQ(run_block(attention, {1, 2, 3, 4}), (Shape{1, 2, 3, 4}));
}

// A YOLO-like network of 1..4 random blocks on a random NCHW input, at a
// random opset on the normal or spec-adversarial runtime.
RC_GTEST_PROP(YoloBlocks, RandomNetworkMatchesTheOracle, ()) {
  const int64_t c = *rc::gen::inRange<int64_t>(1, 5);
  const int64_t h = 2 * *rc::gen::inRange<int64_t>(2, 5), w = 2 * *rc::gen::inRange<int64_t>(2, 5);
  const auto blocks = *rc::gen::container<std::vector<int>>(*rc::gen::inRange(1, 5), rc::gen::inRange(0, 6));
  Net n;
  n.state = *rc::gen::arbitrary<uint64_t>();
  VarRef y = n.input("x", {1, c, h, w}, -2.0, 2.0);
  std::string names;
  for (int b : blocks) {
    switch (b) {
      case 0: y = cbs(n, y, *rc::gen::inRange<int64_t>(1, 5)); names += " CBS"; break;
      case 1: y = bottleneck(n, y); names += " C3k2"; break;
      case 2: y = sppf(n, y); names += " SPPF"; break;
      case 3: y = fpn(n, y); names += " FPN"; break;
      case 4: y = gate(n, y); names += " gate"; break;
      default: y = attention(n, y); names += " attention"; break;
    }
  }
  check::DriverOptions o;
  o.opset = *rc::gen::inRange(13, 19);
  o.adversarial = *rc::gen::arbitrary<bool>();
  const auto r = check::run_case(FunctionGraph(n.inputs, {y}), n.values, o);
  const std::string disagreement = network_disagreement(r);
  RC_LOG() << "blocks:" << names << " on [1, " << c << ", " << h << ", " << w << "] opset " << o.opset
           << (o.adversarial ? " adversarial" : "") << ": " << disagreement << "\n";
  RC_ASSERT(disagreement.empty());
}

}  // namespace
}  // namespace ptonnx
