// Exported tier-4 factorisations and solvers on the built-in runtime
// against LAPACK, float64 at n = 8, 64, 256: Cholesky (vs dpotrf), LU and
// Det (vs dgetrf), Solve with a vector b (vs dgesv, what scipy's gen path
// calls) and MatrixInverse (vs dgesv against the identity, what
// numpy.linalg.inv calls). Counters: "lapack_ratio" (runtime time / LAPACK
// time on the same matrix, LAPACK measured in the same process, input copy
// included as scipy copies too) and "onnx_nodes" (nodes of the model, Loop
// bodies included).
//
// Expm (n = 8, 64) runs against the oracle's evaluation of the same graph
// (scipy's algorithm on LAPACKE: the powers, getrf/getrs, the squarings)
// instead of one LAPACK call; "squarings" is the s both take for the matrix.
//
//   build/bench/bench_linalg --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <lapacke.h>

#include <chrono>
#include <functional>

#include "onnx_nodes.h"
#include "convert/export.h"
#include "graph/builder.h"
#include "oracles/linalg_expm.h"
#include "oracles/oracle.h"
#include "runtime/model.h"

namespace {

using namespace ptonnx;

using bench::count_nodes;

// A well-conditioned SPD matrix: n I + a small symmetric perturbation
// (a general matrix for LU too: partial pivoting keeps the diagonal).
Tensor spd(int64_t n) {
  Tensor a(DType::Float64, {n, n});
  auto d = a.data<double>();
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) d[i * n + j] = (i == j ? static_cast<double>(n) : 0.0) + 1.0 / (1 + i + j);
  return a;
}

Tensor ones(int64_t n) {
  Tensor b(DType::Float64, {n});
  for (auto& v : b.data<double>()) v = 1;
  return b;
}

// One LAPACK call on a fresh copy of `a` (n x n, row-major).
using LapackCall = std::function<void(int n, double* a, std::vector<lapack_int>& pivots, std::vector<double>& rhs)>;

double lapack_seconds(const Tensor& a, const LapackCall& call, int reps) {
  const int n = static_cast<int>(a.shape()[0]);
  std::vector<double> work(static_cast<size_t>(n * n)), rhs;
  std::vector<lapack_int> pivots(static_cast<size_t>(n));
  const auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < reps; ++r) {
    std::copy(a.data<double>().begin(), a.data<double>().end(), work.begin());
    call(n, work.data(), pivots, rhs);
    benchmark::DoNotOptimize(work.data());
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / reps;
}

void bench_exported(benchmark::State& state, const std::function<VarRef(VarRef, VarRef)>& build, bool needs_b,
                    const LapackCall& lapack) {
  const int64_t n = state.range(0);
  auto x = pt::matrix("x");
  auto b = pt::vector("b");
  FunctionGraph g(needs_b ? std::vector<VarRef>{x, b} : std::vector<VarRef>{x}, {build(x, b)});
  ExportOptions opts;
  opts.validate = false;
  const onnx::ModelProto proto = export_onnx(g, opts);
  const runtime::Model m(proto);
  runtime::NamedTensors in = {{"x", spd(n)}};
  if (needs_b) in["b"] = ones(n);
  double runtime_seconds = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(m.run(in));
    runtime_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  const double per_run = lapack_seconds(spd(n), lapack, n >= 256 ? 20 : 200);
  state.counters["lapack_us"] = per_run * 1e6;
  state.counters["onnx_nodes"] = count_nodes(proto.graph());
  state.counters["lapack_ratio"] = runtime_seconds / static_cast<double>(state.iterations()) / per_run;
}

void potrf(int n, double* a, std::vector<lapack_int>&, std::vector<double>&) {
  benchmark::DoNotOptimize(LAPACKE_dpotrf(LAPACK_ROW_MAJOR, 'L', n, a, n));
}
void getrf(int n, double* a, std::vector<lapack_int>& piv, std::vector<double>&) {
  benchmark::DoNotOptimize(LAPACKE_dgetrf(LAPACK_ROW_MAJOR, n, n, a, n, piv.data()));
}
void gesv_vector(int n, double* a, std::vector<lapack_int>& piv, std::vector<double>& rhs) {
  rhs.assign(static_cast<size_t>(n), 1.0);
  benchmark::DoNotOptimize(LAPACKE_dgesv(LAPACK_ROW_MAJOR, n, 1, a, n, piv.data(), rhs.data(), 1));
}
void gesv_identity(int n, double* a, std::vector<lapack_int>& piv, std::vector<double>& rhs) {
  rhs.assign(static_cast<size_t>(n * n), 0.0);
  for (int i = 0; i < n; ++i) rhs[static_cast<size_t>(i * n + i)] = 1;
  benchmark::DoNotOptimize(LAPACKE_dgesv(LAPACK_ROW_MAJOR, n, n, a, n, piv.data(), rhs.data(), n));
}

void BM_CholeskyExported(benchmark::State& s) {
  bench_exported(
      s, [](VarRef x, VarRef) { return pt::cholesky(x); }, false, potrf);
}
void BM_LUExported(benchmark::State& s) {
  bench_exported(
      s, [](VarRef x, VarRef) { return pt::lu(x)[2]; }, false, getrf);
}
void BM_DetExported(benchmark::State& s) {
  bench_exported(
      s, [](VarRef x, VarRef) { return pt::det(x); }, false, getrf);
}
void BM_SolveExported(benchmark::State& s) {
  bench_exported(
      s, [](VarRef x, VarRef b) { return pt::solve(x, b); }, true, gesv_vector);
}
void BM_MatrixInverseExported(benchmark::State& s) {
  bench_exported(
      s, [](VarRef x, VarRef) { return pt::matrix_inverse(x); }, false, gesv_identity);
}

// Expm of spd(n) scaled to a 1-norm of about 100 (degree 13, 5 squarings)
// against the oracle on the same graph.
void BM_ExpmExported(benchmark::State& state) {
  const int64_t n = state.range(0);
  auto x = pt::matrix("x");
  FunctionGraph g({x}, {pt::expm(x)});
  ExportOptions opts;
  opts.validate = false;
  const onnx::ModelProto proto = export_onnx(g, opts);
  const runtime::Model m(proto);
  Tensor a = spd(n);
  for (auto& v : a.data<double>()) v *= 100.0 / static_cast<double>(n);
  const runtime::NamedTensors in = {{"x", a}};
  double runtime_seconds = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(m.run(in));
    runtime_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  const int reps = n >= 64 ? 50 : 500;
  const auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < reps; ++r) benchmark::DoNotOptimize(oracle::evaluate(g, {a}));
  const double oracle_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / reps;
  state.counters["oracle_us"] = oracle_seconds * 1e6;
  state.counters["onnx_nodes"] = count_nodes(proto.graph());
  state.counters["oracle_ratio"] = runtime_seconds / static_cast<double>(state.iterations()) / oracle_seconds;
  state.counters["squarings"] = oracle::expm_choice(a).s;
}

BENCHMARK(BM_CholeskyExported)->Arg(8)->Arg(64)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LUExported)->Arg(8)->Arg(64)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DetExported)->Arg(8)->Arg(64)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SolveExported)->Arg(8)->Arg(64)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MatrixInverseExported)->Arg(8)->Arg(64)->Arg(256)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ExpmExported)->Arg(8)->Arg(64)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
