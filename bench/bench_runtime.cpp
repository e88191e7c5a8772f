// Runtime benchmarks, each with a baseline measured in the same program:
// elementwise Add/Exp/Tanh/Sigmoid on 1M float32 and row ReduceSum/ReduceMax
// of 1024x1024 float32 against memcpy of the same bytes, MatMul 256/1024
// float32 against OpenBLAS cblas_sgemm, the per-run overhead of a 10-node
// model on 16-element tensors, and the peak memory of a run of Add 1M.
// The `of_memcpy` and `of_sgemm` counters are the figure as a fraction of
// the limit, measured (in CPU time, as google-benchmark's rates are) when
// the program first needs it. docs/performance.md has the goals.
#include <benchmark/benchmark.h>
#include <cblas.h>
#include <malloc.h>
#include <onnx/defs/parser.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <random>
#include <string>

#include "runtime/model.h"

namespace {

using ptonnx::DType;
using ptonnx::Tensor;
using ptonnx::runtime::Model;

Model parse(const std::string& text) {
  onnx::ModelProto m;
  const auto status = onnx::OnnxParser::Parse(m, text.c_str());
  if (!status.IsOK()) throw std::runtime_error(status.ErrorMessage());
  return Model(m);
}

Tensor random_tensor(ptonnx::Shape shape) {
  Tensor t(DType::Float32, std::move(shape));
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (auto& v : t.data<float>()) v = dist(rng);
  return t;
}

constexpr int64_t kElems = 1 << 20;

double thread_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Best of several timed batches (the least disturbed by other processes),
// in units of work per CPU second. `once` does `work` units.
template <typename F>
double best_rate(double work, F&& once) {
  double best = 0;
  for (int batch = 0; batch < 7; ++batch) {
    int reps = 0;
    const double t0 = thread_seconds();
    double t = t0;
    while (t - t0 < 0.05 || reps < 2) {
      once();
      ++reps;
      t = thread_seconds();
    }
    best = std::max(best, work * reps / (t - t0));
  }
  return best;
}

// memcpy of 1M float32 (4 MiB), counting bytes read plus written, as the
// kernels' figures do.
double memcpy_bytes_per_second() {
  static const double rate = [] {
    std::vector<float> a(kElems, 1.0f), b(kElems);
    return best_rate(2.0 * kElems * 4, [&] {
      std::memcpy(b.data(), a.data(), kElems * 4);
      benchmark::DoNotOptimize(b.data());
    });
  }();
  return rate;
}

// `bytes` moved per iteration, as bytes/s and as a fraction of memcpy's.
void set_bytes(benchmark::State& state, int64_t bytes) {
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["of_memcpy"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * static_cast<double>(bytes) /
                             memcpy_bytes_per_second(),
                         benchmark::Counter::kIsRate);
}

void set_elements(benchmark::State& state, int64_t elems) {
  state.counters["Melem/s"] = benchmark::Counter(static_cast<double>(state.iterations()) * static_cast<double>(elems) / 1e6,
                                                 benchmark::Counter::kIsRate);
}

void BM_Memcpy1M(benchmark::State& state) {
  const Tensor a = random_tensor({kElems});
  std::vector<float> out(kElems);
  for (auto _ : state) {
    std::memcpy(out.data(), a.raw(), a.nbytes());
    benchmark::DoNotOptimize(out.data());
  }
  // Bytes read + written, as for Exp (Add reads two inputs).
  set_bytes(state, 2 * static_cast<int64_t>(a.nbytes()));
}

void BM_Add1M(benchmark::State& state) {
  const Model m = parse(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[N] a, float[N] b) => (float[N] y) { y = Add(a, b) })");
  const ptonnx::runtime::NamedTensors in = {{"a", random_tensor({kElems})}, {"b", random_tensor({kElems})}};
  for (auto _ : state) benchmark::DoNotOptimize(m.run(in));
  set_bytes(state, 3 * kElems * 4);
}

// One unary op over 1M float32 in [-4, 4] (where Tanh and Sigmoid are not
// saturated): elements per second (goal: 500 M/s).
void unary_1m(benchmark::State& state, const std::string& op) {
  const Model m = parse(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[N] a) => (float[N] y) { y = )" + op + "(a) }");
  Tensor a = random_tensor({kElems});
  for (auto& v : a.data<float>()) v *= 4.0f;
  const ptonnx::runtime::NamedTensors in = {{"a", std::move(a)}};
  for (auto _ : state) benchmark::DoNotOptimize(m.run(in));
  set_bytes(state, 2 * kElems * 4);
  set_elements(state, kElems);
}
void BM_Exp1M(benchmark::State& state) { unary_1m(state, "Exp"); }
void BM_Tanh1M(benchmark::State& state) { unary_1m(state, "Tanh"); }
void BM_Sigmoid1M(benchmark::State& state) { unary_1m(state, "Sigmoid"); }

// ReduceSum / ReduceMax of a 1024x1024 float32 matrix over its last axis:
// bytes read and written against memcpy (goal: 50%).
void reduce_rows(benchmark::State& state, const std::string& op) {
  const Model m = parse(R"(<ir_version: 8, opset_import: ["" : 18]>
    g (float[1024,1024] a) => (float[1024,1] y) {
      axes = Constant <value = int64[1] {-1}> ()
      y = )" + op + "(a, axes) }");
  const ptonnx::runtime::NamedTensors in = {{"a", random_tensor({1024, 1024})}};
  for (auto _ : state) benchmark::DoNotOptimize(m.run(in));
  set_bytes(state, (1024 * 1024 + 1024) * 4);
}
void BM_ReduceSumRows(benchmark::State& state) { reduce_rows(state, "ReduceSum"); }
void BM_ReduceMaxRows(benchmark::State& state) { reduce_rows(state, "ReduceMax"); }

// cblas_sgemm's FLOP/s for n x n x n (1 thread when OPENBLAS_NUM_THREADS=1).
double sgemm_flops(int64_t n) {
  static std::map<int64_t, double> rates;
  auto it = rates.find(n);
  if (it != rates.end()) return it->second;
  const Tensor a = random_tensor({n, n}), b = random_tensor({n, n});
  std::vector<float> c(static_cast<size_t>(n * n));
  const int ni = static_cast<int>(n);
  const double rate = best_rate(2.0 * n * n * n, [&] {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, ni, ni, ni, 1.0f, a.data<float>().data(), ni,
                b.data<float>().data(), ni, 0.0f, c.data(), ni);
    benchmark::DoNotOptimize(c.data());
  });
  return rates[n] = rate;
}

void set_gflops(benchmark::State& state, int64_t n) {
  const double flops = 2.0 * n * n * n * static_cast<double>(state.iterations());
  state.counters["GFLOP/s"] = benchmark::Counter(flops / 1e9, benchmark::Counter::kIsRate);
  state.counters["of_sgemm"] = benchmark::Counter(flops / sgemm_flops(n), benchmark::Counter::kIsRate);
}

void BM_MatMul(benchmark::State& state) {
  const int64_t n = state.range(0);
  const Model m = parse(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[N,N] a, float[N,N] b) => (float[N,N] y) { y = MatMul(a, b) })");
  const ptonnx::runtime::NamedTensors in = {{"a", random_tensor({n, n})}, {"b", random_tensor({n, n})}};
  for (auto _ : state) benchmark::DoNotOptimize(m.run(in));
  set_gflops(state, n);
}

void BM_CblasSgemm(benchmark::State& state) {
  const int64_t n = state.range(0);
  const Tensor a = random_tensor({n, n}), b = random_tensor({n, n});
  std::vector<float> c(static_cast<size_t>(n * n));
  const int ni = static_cast<int>(n);
  for (auto _ : state) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, ni, ni, ni, 1.0f, a.data<float>().data(), ni,
                b.data<float>().data(), ni, 0.0f, c.data(), ni);
    benchmark::DoNotOptimize(c.data());
  }
  set_gflops(state, n);
}

// Ten chained elementwise nodes on 16 elements: the cost is the executor's
// own (input checks, context set-up, allocation), not arithmetic.
void BM_Overhead10Nodes(benchmark::State& state) {
  const Model m = parse(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[16] x) => (float[16] y) {
      a = Add(x, x) b = Mul(a, x) c = Sub(b, x) d = Neg(c) e = Abs(d)
      f = Relu(e) g1 = Sigmoid(f) h = Add(g1, x) i = Mul(h, h) y = Tanh(i) })");
  const ptonnx::runtime::NamedTensors in = {{"x", random_tensor({16})}};
  for (auto _ : state) benchmark::DoNotOptimize(m.run(in));
  state.counters["us/run"] = benchmark::Counter(static_cast<double>(state.iterations()) * 1e-6,
                                                benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// Peak memory of one run of Add 1M (goal: at most 3x the 12 MiB of its
// inputs and output): the runtime's own accounting (RunStats::peak_bytes)
// and the process's resident peak (VmHWM, reset through clear_refs, Linux
// only; -1 when unavailable) above its resident size before the inputs
// existed, as multiples of the inputs' and output's bytes.
int64_t status_kib(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::stoll(line.substr(key.size() + 1));
  return -1;
}

void BM_Add1MPeakMemory(benchmark::State& state) {
  const Model m = parse(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[N] a, float[N] b) => (float[N] y) { y = Add(a, b) })");
  malloc_trim(0);  // memory freed by earlier benchmarks would hide new pages
  const int64_t rss_before = status_kib("VmRSS");
  const ptonnx::runtime::NamedTensors in = {{"a", random_tensor({kElems})}, {"b", random_tensor({kElems})}};
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  clear.flush();
  const bool reset = clear.good();
  ptonnx::runtime::RunStats stats;
  for (auto _ : state) benchmark::DoNotOptimize(m.run(in, &stats));
  const int64_t hwm = status_kib("VmHWM");
  const double io = 3.0 * kElems * 4;
  state.counters["peak_bytes"] = static_cast<double>(stats.peak_bytes);
  state.counters["peak_of_io"] = static_cast<double>(stats.peak_bytes) / io;
  state.counters["rss_peak_of_io"] =
      reset && hwm > 0 && rss_before > 0 ? static_cast<double>(hwm - rss_before) * 1024.0 / io : -1.0;
}

BENCHMARK(BM_Memcpy1M);
BENCHMARK(BM_Add1M);
BENCHMARK(BM_Add1MPeakMemory)->Iterations(1);
BENCHMARK(BM_Exp1M);
BENCHMARK(BM_Tanh1M);
BENCHMARK(BM_Sigmoid1M);
BENCHMARK(BM_ReduceSumRows)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ReduceMaxRows)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MatMul)->Arg(256)->Arg(1024)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CblasSgemm)->Arg(256)->Arg(1024)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Overhead10Nodes)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
