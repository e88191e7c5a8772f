// Control-flow benchmarks: the per-iteration cost of Loop. A 1,000-iteration
// Loop whose body is three scalar arithmetic nodes (the cost is the
// executor's: subgraph frame, kernel contexts, result tensors), and a
// 100-iteration Loop over 1,000-element float32 vectors with a scan output
// (arithmetic and stacking). Both report "us/iter": microseconds per Loop
// iteration. The goal for the scalar loop is under 2 us/iter.
#include <benchmark/benchmark.h>
#include <onnx/defs/parser.h>

#include <random>

#include "runtime/model.h"

namespace {

using ptonnx::DType;
using ptonnx::Tensor;
using ptonnx::runtime::Model;
using ptonnx::runtime::NamedTensors;

Model parse(const std::string& text) {
  onnx::ModelProto m;
  const auto status = onnx::OnnxParser::Parse(m, text.c_str());
  if (!status.IsOK()) throw std::runtime_error(status.ErrorMessage());
  return Model(m);
}

Tensor int64_scalar(int64_t v) {
  Tensor t(DType::Int64, {});
  t.data<int64_t>()[0] = v;
  return t;
}

void set_us_per_iteration(benchmark::State& state, int64_t loop_iterations) {
  state.counters["us/iter"] = benchmark::Counter(static_cast<double>(state.iterations() * loop_iterations) * 1e-6,
                                                 benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// acc = (acc + x) * y - x, 1,000 times.
void BM_LoopScalar3Nodes(benchmark::State& state) {
  const Model m = parse(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 n, float x, float y) => (float acc) {
      zero = Constant <value = float {0.0}> ()
      acc = Loop <body = b (int64 i, bool c, float a) => (bool c_out, float a_out) {
        s = Add(a, x)
        p = Mul(s, y)
        a_out = Sub(p, x)
        c_out = Identity(c)
      }> (n, , zero)
    })");
  constexpr int64_t kIterations = 1000;
  Tensor x(DType::Float32, {}), y(DType::Float32, {});
  x.data<float>()[0] = 0.5f;
  y.data<float>()[0] = 0.999f;
  const NamedTensors in = {{"n", int64_scalar(kIterations)}, {"x", x}, {"y", y}};
  for (auto _ : state) benchmark::DoNotOptimize(m.run(in));
  set_us_per_iteration(state, kIterations);
}

// v = relu(v * w + b) on 1,000 floats, 100 times, each v stacked (also the
// loop-carried value: the body gives the same value twice).
void BM_LoopVector1000WithScan(benchmark::State& state) {
  const Model m = parse(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 n, float[1000] v0, float[1000] w, float[1000] b) => (float[1000] v, float[K, 1000] trace) {
      v, trace = Loop <body = body (int64 i, bool c, float[1000] v_in) => (bool c_out, float[1000] v_out, float[1000] seen) {
        p = Mul(v_in, w)
        s = Add(p, b)
        v_out = Relu(s)
        seen = Identity(v_out)
        c_out = Identity(c)
      }> (n, , v0)
    })");
  constexpr int64_t kIterations = 100;
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  auto random = [&] {
    Tensor t(DType::Float32, {1000});
    for (auto& v : t.data<float>()) v = dist(rng);
    return t;
  };
  const NamedTensors in = {{"n", int64_scalar(kIterations)}, {"v0", random()}, {"w", random()}, {"b", random()}};
  for (auto _ : state) benchmark::DoNotOptimize(m.run(in));
  set_us_per_iteration(state, kIterations);
}

BENCHMARK(BM_LoopScalar3Nodes)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LoopVector1000WithScan)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
