// Exported tier-4 factorisations on the built-in runtime against LAPACK:
// Cholesky (float64) at n = 8, 64, 256. Counters: "lapack_ratio" (runtime
// time / dpotrf time on the same matrix, dpotrf measured in the same
// process) and "onnx_nodes" (nodes of the model, Loop body included).
// Solve and MatrixInverse join when their converters land.
//
//   build-t4/bench/bench_linalg --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <lapacke.h>

#include <chrono>

#include "convert/export.h"
#include "graph/builder.h"
#include "runtime/model.h"

namespace {

using namespace ptonnx;

int count_nodes(const onnx::GraphProto& g) {
  int n = 0;
  for (const auto& node : g.node()) {
    ++n;
    for (const auto& a : node.attribute())
      if (a.has_g()) n += count_nodes(a.g());
  }
  return n;
}

// A well-conditioned SPD matrix: n I + a small symmetric perturbation.
Tensor spd(int64_t n) {
  Tensor a(DType::Float64, {n, n});
  auto d = a.data<double>();
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) d[i * n + j] = (i == j ? static_cast<double>(n) : 0.0) + 1.0 / (1 + i + j);
  return a;
}

double lapack_seconds(const Tensor& a, int reps) {
  const int n = static_cast<int>(a.shape()[0]);
  std::vector<double> work(static_cast<size_t>(n * n));
  const auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < reps; ++r) {
    std::copy(a.data<double>().begin(), a.data<double>().end(), work.begin());
    benchmark::DoNotOptimize(LAPACKE_dpotrf(LAPACK_ROW_MAJOR, 'L', n, work.data(), n));
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / reps;
}

void BM_CholeskyExported(benchmark::State& state) {
  const int64_t n = state.range(0);
  auto x = pt::matrix("x");
  FunctionGraph g({x}, {pt::cholesky(x)});
  ExportOptions opts;
  opts.validate = false;
  const onnx::ModelProto proto = export_onnx(g, opts);
  const runtime::Model m(proto);
  const runtime::NamedTensors in = {{"x", spd(n)}};
  double runtime_seconds = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(m.run(in));
    runtime_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  const double per_run = lapack_seconds(spd(n), n >= 256 ? 20 : 200);
  state.counters["lapack_us"] = per_run * 1e6;
  state.counters["onnx_nodes"] = count_nodes(proto.graph());
  state.counters["lapack_ratio"] = runtime_seconds / static_cast<double>(state.iterations()) / per_run;
}
BENCHMARK(BM_CholeskyExported)->Arg(8)->Arg(64)->Arg(256)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
