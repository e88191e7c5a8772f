// Conv on the built-in runtime against OpenBLAS: a YOLO11n-sized 3x3
// convolution (1x64x80x80 -> 64 channels, pads 1, float32) run as an ONNX
// model, next to cblas_sgemm alone on the same im2col matrix (64 x 576
// times 576 x 6400). Both report GFLOP/s over the convolution's
// 2 * M * K * P flops; the runtime's rate divided by sgemm's is the share
// left after im2col, the bias-free output allocation and the executor
// (the goal is at least 60%).
#include <benchmark/benchmark.h>
#include <cblas.h>
#include <onnx/defs/parser.h>

#include <random>

#include "runtime/model.h"

namespace {

using ptonnx::DType;
using ptonnx::Tensor;
using ptonnx::runtime::Model;

constexpr int64_t kC = 64, kM = 64, kH = 80, kW = 80, kK = 3;
constexpr int64_t kRows = kC * kK * kK, kCols = kH * kW;  // im2col: K x P

Tensor random_tensor(ptonnx::Shape shape, unsigned seed) {
  Tensor t(DType::Float32, std::move(shape));
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (auto& v : t.data<float>()) v = dist(rng);
  return t;
}

void set_rate(benchmark::State& state) {
  state.counters["GFLOP/s"] = benchmark::Counter(
      2.0 * kM * kRows * kCols * static_cast<double>(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
}

void BM_RuntimeConv3x3(benchmark::State& state) {
  onnx::ModelProto proto;
  const auto status = onnx::OnnxParser::Parse(proto, R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[1,64,80,80] x, float[64,64,3,3] w) => (float[1,64,80,80] y) {
      y = Conv <pads = [1, 1, 1, 1], kernel_shape = [3, 3]> (x, w) })");
  if (!status.IsOK()) throw std::runtime_error(status.ErrorMessage());
  const Model m(proto);
  const ptonnx::runtime::NamedTensors in = {{"x", random_tensor({1, kC, kH, kW}, 1)},
                                            {"w", random_tensor({kM, kC, kK, kK}, 2)}};
  for (auto _ : state) benchmark::DoNotOptimize(m.run(in));
  set_rate(state);
}

void BM_CblasSgemmIm2col(benchmark::State& state) {
  const Tensor w = random_tensor({kM, kRows}, 2), col = random_tensor({kRows, kCols}, 3);
  std::vector<float> out(static_cast<size_t>(kM * kCols));
  for (auto _ : state) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, kM, kCols, kRows, 1.0f, w.data<float>().data(), kRows,
                col.data<float>().data(), kCols, 0.0f, out.data(), kCols);
    benchmark::DoNotOptimize(out.data());
  }
  set_rate(state);
}

BENCHMARK(BM_RuntimeConv3x3)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CblasSgemmIm2col)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
