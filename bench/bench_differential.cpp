// Throughput of the differential pipeline (check::run_case: oracle, convert
// with validation, run on the built-in runtime, compare) for single tier-1
// ops on small inputs and for random tier-1 graphs of 10 nodes, and where
// the time goes. Cases are built before the timed loop (random graphs are
// drawn once from a fixed seed), so only the pipeline is measured.
//
// Counters: cases_per_second; <step>_us, the mean time of each step per
// case; <step>_share, that step's part of the summed step times;
// conversion_hit, the share of the timed cases whose export the driver's
// conversion cache supplied (check/conversion_cache.h); validations_per_case
// and loads_per_case, how often validate_export ran and a model was loaded
// into the runtime (convert/validation_cache.h, runtime/model_cache.h). The
// prepared cases repeat, so after its first run (before timing, when the
// graphs are drawn, or in the first iterations) a case hits every cache.
// The BM_Convert* pair times the export alone with validation off and on,
// which isolates what the ONNX checker and strict shape inference cost
// (export_onnx itself caches nothing).
//
//   OPENBLAS_NUM_THREADS=1 build/bench/bench_differential --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <stdexcept>

#include "check/conversion_cache.h"
#include "check/driver.h"
#include "convert/validation_cache.h"
#include "convert/export.h"
#include "generators/random_graph.h"
#include "graph/builder.h"
#include "runtime/model_cache.h"

namespace ptonnx {
namespace {

struct BenchCase {
  std::shared_ptr<FunctionGraph> graph;
  std::vector<Tensor> inputs;
};

// A [4,4] tensor of dtype t with values f(i), i = 0..15.
Tensor values_4x4(DType t, double (*f)(int)) {
  Tensor x(t, {4, 4});
  for (int i = 0; i < 16; ++i) x.set_from_double(i, f(i));
  return x;
}

double mixed(int i) { return (i - 8) * 0.75; }                  // -6 .. 5.25: negatives, zero, halves
double halves(int i) { return (i - 8) + 0.5; }                  // -7.5 .. 7.5: every value a tie
double nonzero_int(int i) { return i % 2 ? i + 1 : -(i + 1); }  // +-1 .. +-16
double cast_source(int i) { return (i - 8) * 1e6 + 0.75; }      // within int32, fractional

BenchCase unary(const char* dtype, VarRef (*op)(VarRef), double (*f)(int)) {
  auto x = pt::matrix("x", dtype);
  return {std::make_shared<FunctionGraph>(std::vector<VarRef>{x}, std::vector<VarRef>{op(x)}),
          {values_4x4(x->type.dtype, f)}};
}

BenchCase binary(const char* dtype, VarRef (*op)(VarRef, VarRef), double (*f)(int)) {
  auto x = pt::matrix("x", dtype), y = pt::matrix("y", dtype);
  return {std::make_shared<FunctionGraph>(std::vector<VarRef>{x, y}, std::vector<VarRef>{op(x, y)}),
          {values_4x4(x->type.dtype, mixed), values_4x4(y->type.dtype, f)}};
}

BenchCase single_op(int which) {
  switch (which) {
    case 0: return binary("float32", pt::add, mixed);
    case 1: return unary("float32", pt::exp, mixed);
    case 2:
      return unary(
          "float64", [](VarRef a) { return pt::cast(a, "int32"); }, cast_source);
    case 3:
      return unary(
          "float32", [](VarRef a) { return pt::round(a, "half_away_from_zero"); }, halves);
    case 4: return binary("int32", pt::true_div, nonzero_int);
    case 5: return binary("float32", pt::maximum, mixed);
  }
  throw std::logic_error("no such single-op case");
}

const char* const kSingleOpNames[] = {"Add_f32",        "Exp_f32",     "Cast_f64_to_i32",
                                      "Round_away_f32", "TrueDiv_i32", "Maximum_f32"};

// Random tier-1 graphs with exactly 10 nodes on which the pipeline passes
// (out-of-domain or declared-unsupported draws are skipped), from a fixed
// seed: the same set on every run. Drawn at rapidcheck's nominal size 100
// (gen::inRange scales with size) with up to 30 grow steps, because only
// the nodes that feed an output stay in the graph (a few percent of the
// draws have exactly 10).
const std::vector<BenchCase>& random_graphs() {
  static const std::vector<BenchCase> cases = [] {
    gen::GraphOptions o;
    o.tier = 1;
    o.max_nodes = 30;
    const rc::Gen<gen::Case> g = gen::random_graph(o);
    std::vector<BenchCase> out;
    rc::Random random(20261122);
    for (int attempt = 0; out.size() < 32 && attempt < 100000; ++attempt) {
      gen::Case c = g(random.split(), 100).value();
      if (c.graph->nodes().size() != 10) continue;
      if (check::run_case(*c.graph, c.inputs).outcome != check::Outcome::Pass) continue;
      out.push_back({c.graph, c.inputs});
    }
    if (out.size() < 32) throw std::runtime_error("too few 10-node random graphs: " + std::to_string(out.size()));
    return out;
  }();
  return cases;
}

// The caches' hit and miss counts, to take differences over the timed loop.
struct CacheCounts {
  CacheStats conversion = check::ConversionCache::process().stats();
  CacheStats validation = ValidationCache::process().stats();
  CacheStats load = runtime::ModelCache::process().stats();
};

double hit_share(const CacheStats& before, const CacheStats& after) {
  const double hits = static_cast<double>(after.hits - before.hits);
  const double all = hits + static_cast<double>(after.misses - before.misses);
  return all > 0 ? hits / all : 0.0;
}

void add_counters(benchmark::State& state, const check::StepTimes& sum, int64_t n) {
  const double total = sum.convert_us + sum.run_us + sum.oracle_us + sum.compare_us;
  const double per = n > 0 ? 1.0 / static_cast<double>(n) : 0.0;
  state.counters["cases_per_second"] = benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
  const std::pair<const char*, double> steps[] = {
      {"convert", sum.convert_us}, {"run", sum.run_us}, {"oracle", sum.oracle_us}, {"compare", sum.compare_us}};
  for (const auto& [name, us] : steps) {
    state.counters[std::string(name) + "_us"] = us * per;
    state.counters[std::string(name) + "_share"] = total > 0 ? us / total : 0.0;
  }
}

// Runs the cases round-robin; every case must pass (a failing pipeline
// would measure an early exit, not the pipeline).
// With `cold`, the caches are emptied before every case, so every case
// pays the export, validation and load, as a case of a graph the process
// has not seen does (a random graph with freshly drawn constants).
void run_pipeline(benchmark::State& state, const std::vector<BenchCase>& cases, bool cold = false) {
  check::StepTimes sum;
  int64_t n = 0;
  const CacheCounts before;
  for (auto _ : state) {
    if (cold) {
      state.PauseTiming();
      check::ConversionCache::process().clear();
      ValidationCache::process().clear();
      runtime::ModelCache::process().clear();
      state.ResumeTiming();
    }
    const BenchCase& c = cases[static_cast<size_t>(n) % cases.size()];
    check::CaseResult r = check::run_case(*c.graph, c.inputs);
    if (r.outcome != check::Outcome::Pass) {
      state.SkipWithError(("case did not pass: " + r.message).c_str());
      break;
    }
    sum.convert_us += r.times.convert_us;
    sum.run_us += r.times.run_us;
    sum.oracle_us += r.times.oracle_us;
    sum.compare_us += r.times.compare_us;
    ++n;
  }
  add_counters(state, sum, n);
  const CacheCounts after;
  const double per = n > 0 ? 1.0 / static_cast<double>(n) : 0.0;
  state.counters["conversion_hit"] = hit_share(before.conversion, after.conversion);
  state.counters["validations_per_case"] = static_cast<double>(after.validation.misses - before.validation.misses) * per;
  state.counters["loads_per_case"] = static_cast<double>(after.load.misses - before.load.misses) * per;
}

void BM_SingleOp(benchmark::State& state) {
  state.SetLabel(kSingleOpNames[state.range(0)]);
  run_pipeline(state, {single_op(static_cast<int>(state.range(0)))});
}

void BM_RandomGraph10(benchmark::State& state) { run_pipeline(state, random_graphs()); }
void BM_RandomGraph10Cold(benchmark::State& state) { run_pipeline(state, random_graphs(), true); }

// The export alone (opset 17), validation off or on: the difference is the
// ONNX checker, strict shape inference and the output type cross-check.
void convert_only(benchmark::State& state, const std::vector<BenchCase>& cases, bool validate) {
  ExportOptions opts;
  opts.validate = validate;
  size_t i = 0;
  for (auto _ : state) {
    onnx::ModelProto m = export_onnx(*cases[i++ % cases.size()].graph, opts);
    benchmark::DoNotOptimize(m);
  }
  state.counters["converts_per_second"] = benchmark::Counter(static_cast<double>(i), benchmark::Counter::kIsRate);
}

void BM_ConvertSingleOp(benchmark::State& state) {
  state.SetLabel(std::string(kSingleOpNames[state.range(0)]) + (state.range(1) ? " validate" : " no-validate"));
  convert_only(state, {single_op(static_cast<int>(state.range(0)))}, state.range(1) != 0);
}

void BM_ConvertRandomGraph10(benchmark::State& state) {
  state.SetLabel(state.range(0) ? "validate" : "no-validate");
  convert_only(state, random_graphs(), state.range(0) != 0);
}

BENCHMARK(BM_SingleOp)->DenseRange(0, 5)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RandomGraph10)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RandomGraph10Cold)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ConvertSingleOp)->ArgsProduct({{0, 2, 3}, {0, 1}})->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ConvertRandomGraph10)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace ptonnx

BENCHMARK_MAIN();
