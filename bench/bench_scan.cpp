// Exported Scans on the built-in runtime: the per-step cost of what the
// converter emits for pytensor.scan (an If for zero steps around a Loop
// whose body Gathers the sequence rows, runs the step and shifts the state
// window). Counterparts of bench_control_flow's hand-written Loops, so the
// difference is the export's own overhead per step. "us/step" is
// microseconds per scan step.
//
//   build/bench/bench_scan --benchmark_min_time=1
#include <benchmark/benchmark.h>

#include <random>

#include "convert/export.h"
#include "graph/builder.h"
#include "runtime/model.h"

namespace {

using namespace ptonnx;

runtime::Model export_and_load(const FunctionGraph& g) {
  ExportOptions opts;
  opts.validate = false;
  return runtime::Model(export_onnx(g, opts));
}

void set_us_per_step(benchmark::State& state, int64_t steps) {
  state.counters["us/step"] = benchmark::Counter(static_cast<double>(state.iterations() * steps) * 1e-6,
                                                 benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// acc = (acc + x) * y - x for n_steps = 1,000 (a sit-sot with a 3-node
// step and two captured non-sequences).
void BM_ScanScalar3Nodes(benchmark::State& state) {
  auto n = pt::scalar("n", "int64");
  auto x = pt::scalar("x", "float32");
  auto y = pt::scalar("y", "float32");
  auto acc0 = pt::scalar("acc0", "float32");
  auto trace = pt::scan([&](const std::vector<VarRef>& a) { return std::vector<VarRef>{(a[0] + x) * y - x}; }, {},
                        {pt::sit_sot(acc0)}, {}, pt::ScanOptions{n, false})[0];
  const runtime::Model m = export_and_load(FunctionGraph({n, x, y, acc0}, {trace}));
  constexpr int64_t kSteps = 1000;
  const runtime::NamedTensors in = {{"n", Tensor::scalar(DType::Int64, kSteps)},
                                    {"x", Tensor::scalar(DType::Float32, 0.5)},
                                    {"y", Tensor::scalar(DType::Float32, 0.999)},
                                    {"acc0", Tensor::scalar(DType::Float32, 0)}};
  for (auto _ : state) benchmark::DoNotOptimize(m.run(in));
  set_us_per_step(state, kSteps);
}

// v = maximum(v * w + s_t, 0) over a [100, 1000] float32 sequence: 100
// steps on 1,000-element vectors, the whole trace returned.
void BM_ScanVector1000(benchmark::State& state) {
  auto s = pt::matrix("s", "float32", {100, 1000});
  auto w = pt::vector("w", "float32", {1000});
  auto v0 = pt::vector("v0", "float32", {1000});
  auto zero = pt::constant(Tensor::scalar(DType::Float32, 0));
  auto trace =
      pt::scan([&](const std::vector<VarRef>& a) { return std::vector<VarRef>{pt::maximum(a[1] * w + a[0], zero)}; },
               {{s}}, {pt::sit_sot(v0)})[0];
  const runtime::Model m = export_and_load(FunctionGraph({s, w, v0}, {trace}));
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  auto random = [&](Shape shape) {
    Tensor t(DType::Float32, std::move(shape));
    for (auto& v : t.data<float>()) v = dist(rng);
    return t;
  };
  const runtime::NamedTensors in = {{"s", random({100, 1000})}, {"w", random({1000})}, {"v0", random({1000})}};
  for (auto _ : state) benchmark::DoNotOptimize(m.run(in));
  set_us_per_step(state, 100);
}

BENCHMARK(BM_ScanScalar3Nodes)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ScanVector1000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
