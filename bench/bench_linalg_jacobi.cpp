// Exported Eigh and SVD (the Jacobi Loops of lib/convert/ops/linalg_jacobi.cpp)
// on the built-in runtime against LAPACK, float64 at n = 8 and 64:
// Eigh vs dsyevr (scipy.linalg.eigh's default driver), SVD (full matrices,
// square) vs dgesdd (numpy.linalg.svd). Counters: "lapack_ratio" (runtime
// time / LAPACK time on the same matrix, LAPACK in the same process, input
// copy included), "onnx_nodes" (Loop bodies included) and "sweeps" (the
// Jacobi sweeps the run took: the sweep Loop's counter, exposed as an extra
// graph output; SVD adds "completion_sweeps" of its second Jacobi, the
// eigenvectors of the projector that complete U).
//
//   build/bench/bench_linalg_jacobi --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <lapacke.h>

#include <chrono>
#include <cmath>
#include <functional>

#include "onnx_nodes.h"
#include "convert/export.h"
#include "graph/builder.h"
#include "graph/builder_linalg.h"
#include "runtime/model.h"

namespace {

using namespace ptonnx;

using bench::count_nodes;

// A symmetric matrix with distinct eigenvalues and no structure Jacobi
// could exploit: sin-based entries plus a graded diagonal.
Tensor test_matrix(int64_t n) {
  Tensor a(DType::Float64, {n, n});
  auto d = a.data<double>();
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j)
      d[i * n + j] = std::sin(static_cast<double>((i + 1) * (j + 1))) + (i == j ? 0.1 * static_cast<double>(i) : 0.0);
  return a;
}

// Makes the sweep counters of the top-level Jacobi Loops graph outputs
// (the third carried value of each "jacobi_sweep" Loop); returns their
// names in emission order.
std::vector<std::string> expose_sweeps(onnx::ModelProto& proto) {
  std::vector<std::string> names;
  auto* g = proto.mutable_graph();
  for (const auto& node : g->node()) {
    if (node.op_type() != "Loop") continue;
    for (const auto& a : node.attribute())
      if (a.has_g() && a.g().name().find("jacobi_sweep") != std::string::npos) {
        auto* out = g->add_output();
        out->set_name(node.output(2));
        out->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::INT64);
        out->mutable_type()->mutable_tensor_type()->mutable_shape();
        names.push_back(node.output(2));
      }
  }
  return names;
}

double lapack_seconds(const Tensor& a, const std::function<void(int, double*)>& call, int reps) {
  const int n = static_cast<int>(a.shape()[0]);
  std::vector<double> work(static_cast<size_t>(n * n));
  const auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < reps; ++r) {
    std::copy(a.data<double>().begin(), a.data<double>().end(), work.begin());
    call(n, work.data());
    benchmark::DoNotOptimize(work.data());
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / reps;
}

void bench_jacobi(benchmark::State& state, const std::function<std::vector<VarRef>(VarRef)>& build,
                  const std::function<void(int, double*)>& lapack) {
  const int64_t n = state.range(0);
  auto x = pt::matrix("x");
  FunctionGraph g({x}, build(x));
  ExportOptions opts;
  opts.validate = false;
  onnx::ModelProto proto = export_onnx(g, opts);
  const std::vector<std::string> sweeps = expose_sweeps(proto);
  const runtime::Model m(proto);
  const runtime::NamedTensors in = {{"x", test_matrix(n)}};
  double runtime_seconds = 0;
  runtime::NamedTensors last;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    last = m.run(in);
    runtime_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  const double per_run = lapack_seconds(test_matrix(n), lapack, 200);
  state.counters["lapack_us"] = per_run * 1e6;
  state.counters["onnx_nodes"] = count_nodes(proto.graph());
  state.counters["lapack_ratio"] = runtime_seconds / static_cast<double>(state.iterations()) / per_run;
  if (!sweeps.empty()) state.counters["sweeps"] = static_cast<double>(last.at(sweeps[0]).get_as_double(0));
  if (sweeps.size() > 1) state.counters["completion_sweeps"] = static_cast<double>(last.at(sweeps[1]).get_as_double(0));
}

void BM_EighExported(benchmark::State& s) {
  bench_jacobi(
      s,
      [](VarRef x) {
        auto [w, v] = pt::eigh(x);
        return std::vector<VarRef>{w, v};
      },
      [](int n, double* a) {
        std::vector<double> w(static_cast<size_t>(n)), z(static_cast<size_t>(n * n));
        std::vector<lapack_int> support(static_cast<size_t>(2 * n));
        lapack_int found = 0;
        benchmark::DoNotOptimize(LAPACKE_dsyevr(LAPACK_ROW_MAJOR, 'V', 'A', 'L', n, a, n, 0, 0, 0, 0, 0, &found,
                                                w.data(), z.data(), n, support.data()));
      });
}

void BM_SVDExported(benchmark::State& s) {
  bench_jacobi(
      s, [](VarRef x) { return pt::svd(x); },
      [](int n, double* a) {
        std::vector<double> sv(static_cast<size_t>(n)), u(static_cast<size_t>(n * n)), vt(static_cast<size_t>(n * n));
        benchmark::DoNotOptimize(
            LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'A', n, n, a, n, sv.data(), u.data(), n, vt.data(), n));
      });
}

BENCHMARK(BM_EighExported)->Arg(8)->Arg(64)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SVDExported)->Arg(8)->Arg(64)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
