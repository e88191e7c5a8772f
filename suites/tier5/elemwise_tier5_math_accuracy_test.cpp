// The accuracy of the composed conversions (Log1p, Expm1, Softplus, Erfc;
// Sigmoid and Erf, single ONNX ops, for comparison): each exported model
// runs on the built-in runtime over a dense sweep per dtype, and the worst
// distance in ulps (on the output dtype's grid, across zero) to the oracle
// is printed and held to the bound docs/comparison.md documents (results
// below the normal range, where the comparison's atol applies, are held to
// that atol instead)
// ("Tier-5 composed elementwise ops"). Reproduce the table with
//   ./build/suites/tier5/tier5_scalar_math --gtest_filter='ScalarMathAccuracy.*'
// The sweep: float16, every finite value; float32 and float64, bit patterns
// at a fixed stride over the whole finite range of both signs (so every
// binade, subnormals included), plus random full-mantissa values in
// [-40, 40], log-uniform |x| in [1e-300, 1e-3] (tiny arguments) and x in
// [0.5, 28] (erfc's rational pieces and tail), plus the generators' edge
// values (quarters in [-64, 64], +-0, +-inf, NaN, 1e30). PTONNX_SWEEP_SCALE=k
// multiplies the random draws by k. Then the same over each op's property
// corpus (300 draws of its sample spec per dtype, the generic and the dense
// draws of generators/specs/elemwise_tier5_math.cpp); Clip's corpus must be
// exact.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <random>

#include "check/compare.h"
#include "check/driver.h"
#include "generators/sample_spec.h"
#include "graph/builder.h"

namespace ptonnx {
namespace {

std::vector<double> sweep(DType t) {
  std::vector<double> v;
  if (t == DType::Float16) {
    Tensor h(DType::Float16, {1});
    for (uint32_t b = 0; b < 0x10000; ++b) {
      if ((b & 0x7c00) == 0x7c00) continue;  // inf, NaN
      const uint16_t bits = static_cast<uint16_t>(b);
      std::memcpy(h.data<uint16_t>().data(), &bits, 2);
      v.push_back(h.get_as_double(0));
    }
    return v;
  }
  if (t == DType::Float32) {
    for (uint32_t b = 0; b < 0x7f800000u; b += 2039) {
      float f;
      std::memcpy(&f, &b, 4);
      v.push_back(f);
      v.push_back(-f);
    }
  } else {
    const uint64_t stride = 0x7ff0000000000000ull >> 19;
    for (uint64_t b = 0; b < 0x7ff0000000000000ull; b += stride + 12345) {
      double d;
      std::memcpy(&d, &b, 8);
      v.push_back(d);
      v.push_back(-d);
    }
  }
  // PTONNX_SWEEP_SCALE=k draws k times as many random values (a deeper run).
  const char* env = std::getenv("PTONNX_SWEEP_SCALE");
  const int scale = env ? std::max(1, std::atoi(env)) : 1;
  std::mt19937_64 rng(20261201);
  std::uniform_real_distribution<double> mid(-40, 40), tail(0.5, 28), expo(-300, -3);
  for (int i = 0; i < 1000000 * scale; ++i) v.push_back(mid(rng));
  for (int i = 0; i < 1000000 * scale; ++i) v.push_back(tail(rng));
  for (int i = 0; i < 500000 * scale; ++i) v.push_back((i % 2 ? -1 : 1) * std::pow(10.0, expo(rng)));
  for (double q = -64; q <= 64; q += 0.25) v.push_back(q);
  for (double e : {0.0, -0.0, 1e30, -1e30, std::numeric_limits<double>::infinity(),
                   -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()})
    v.push_back(e);
  return v;
}

struct Worst {
  int64_t ulps = 0;
  double x = 0, expected = 0, actual = 0;
  double subnormal_abs = 0;  // worst |expected - actual| where both are below the normal range
};

// Folds one driver run into w: the ulp distance of every output element
// on the output dtype's grid (integers and bools must be equal).
void accumulate(Worst& w, const check::CaseResult& r, const Tensor& x) {
  const Tensor& ex = r.expected.at(0);
  const Tensor& ac = r.actual.at(0);
  const DType t = ex.dtype();
  const double tiny = is_float(t) ? check::Tolerance::for_dtype(t).atol : 0.0;
  for (int64_t i = 0; i < ex.numel(); ++i) {
    const double e = ex.get_as_double(i);
    const double a = ac.dtype() == t && ac.numel() == ex.numel() ? ac.get_as_double(i) : NAN;
    int64_t d = 0;
    if (std::isnan(e) || std::isnan(a)) {
      d = std::isnan(e) && std::isnan(a) ? 0 : std::numeric_limits<int64_t>::max();
    } else if (!is_float(t) || std::isinf(e) || std::isinf(a)) {
      d = e == a ? 0 : std::numeric_limits<int64_t>::max();
    } else if (std::abs(e) < tiny && std::abs(a) < tiny) {
      // Both below the normal range: the comparison's atol (the smallest
      // normal number) covers them; their absolute error is recorded.
      w.subnormal_abs = std::max(w.subnormal_abs, std::abs(e - a));
      continue;
    } else {
      d = check::ulp_distance(t, e, a);
    }
    if (d > w.ulps) w = {d, x.numel() == ex.numel() ? x.get_as_double(i) : NAN, e, a, w.subnormal_abs};
  }
}

// The worst ulp distance of op's exported model against the oracle over
// the sweep, run in chunks through the driver.
Worst measure_sweep(const std::string& op, DType t) {
  const std::vector<double> xs = sweep(t);
  Worst w;
  const size_t chunk = 1 << 16;
  for (size_t start = 0; start < xs.size(); start += chunk) {
    const size_t n = std::min(chunk, xs.size() - start);
    Tensor x(t, {static_cast<int64_t>(n)});
    for (size_t i = 0; i < n; ++i) x.set_from_double(static_cast<int64_t>(i), xs[start + i]);
    auto in = pt::tensor("x", std::string(dtype_name(t)), {std::nullopt});
    FunctionGraph g({in}, pt::op(op, {in}));
    const auto r = check::run_case(g, {x}, {});
    if (r.expected.empty() || r.actual.empty()) {
      ADD_FAILURE() << op << " " << dtype_name(t) << ": " << r.message;
      return w;
    }
    accumulate(w, r, x);
  }
  return w;
}

// The same over the op's property corpus: `cases` draws of its sample spec
// at dtype t (fixed seeds, as bench/linalg_accuracy.cpp draws them).
Worst measure_corpus(const std::string& op, DType t, int cases = 300) {
  Worst w;
  const gen::SampleSpec* spec = gen::find_spec(op);
  if (!spec) {
    ADD_FAILURE() << "no sample spec for " << op;
    return w;
  }
  for (int i = 0; i < cases; ++i) {
    const rc::Random rnd(static_cast<uint64_t>(7919 * i + 17) ^ std::hash<std::string>{}(op));
    const gen::Case c = spec->gen(t)(rnd, i % 100).value();
    const auto r = check::run_case(*c.graph, c.inputs, {});
    if (r.expected.empty() || r.actual.empty()) {
      ADD_FAILURE() << op << " " << dtype_name(t) << ": " << r.message;
      continue;
    }
    accumulate(w, r, c.inputs.empty() ? Tensor() : c.inputs[0]);
  }
  return w;
}

// The documented worst cases (docs/comparison.md): the measured maximum,
// and 1 ulp (one rounding of a float64 result) where it measured 0. The
// test fails when a change makes any of them worse.
const std::map<std::pair<std::string, DType>, int64_t> kBound = {
    {{"Log1p", DType::Float16}, 1},    {{"Log1p", DType::Float32}, 1},    {{"Log1p", DType::Float64}, 2},
    {{"Expm1", DType::Float16}, 1},    {{"Expm1", DType::Float32}, 1},    {{"Expm1", DType::Float64}, 2},
    {{"Softplus", DType::Float16}, 1}, {{"Softplus", DType::Float32}, 1}, {{"Softplus", DType::Float64}, 2},
    {{"Erfc", DType::Float16}, 1},     {{"Erfc", DType::Float32}, 1},     {{"Erfc", DType::Float64}, 4},
    {{"Sigmoid", DType::Float16}, 1},  {{"Sigmoid", DType::Float32}, 4},  {{"Sigmoid", DType::Float64}, 4},
    {{"Erf", DType::Float16}, 1},      {{"Erf", DType::Float32}, 1},      {{"Erf", DType::Float64}, 1},
};

void report(const std::string& op, DType t, const char* where, const Worst& w) {
  std::printf(
      "%-8s %-7s %-6s worst %lld ulp at x = %.17g (oracle %.17g, runtime %.17g); below the normal range "
      "|error| <= %.3g\n",
      op.c_str(), std::string(dtype_name(t)).c_str(), where, static_cast<long long>(w.ulps), w.x, w.expected, w.actual,
      w.subnormal_abs);
  EXPECT_LE(w.ulps, kBound.at({op, t})) << op << " " << dtype_name(t) << " " << where << " at x = " << w.x;
  EXPECT_LE(w.subnormal_abs, check::Tolerance::for_dtype(t).atol) << op << " " << dtype_name(t) << " " << where;
}

void check_op(const std::string& op) {
  for (DType t : {DType::Float16, DType::Float32, DType::Float64}) {
    report(op, t, "sweep", measure_sweep(op, t));
    report(op, t, "corpus", measure_corpus(op, t));
  }
}

TEST(ScalarMathAccuracy, Log1p) { check_op("Log1p"); }
TEST(ScalarMathAccuracy, Expm1) { check_op("Expm1"); }
TEST(ScalarMathAccuracy, Softplus) { check_op("Softplus"); }
TEST(ScalarMathAccuracy, Erfc) { check_op("Erfc"); }
TEST(ScalarMathAccuracy, Sigmoid) { check_op("Sigmoid"); }
TEST(ScalarMathAccuracy, Erf) { check_op("Erf"); }
// Clip selects one of its inputs: exact over its corpus (every dtype).
TEST(ScalarMathAccuracy, ClipIsExact) {
  for (DType t : gen::all_dtypes()) {
    const Worst w = measure_corpus("Clip", t);
    EXPECT_EQ(w.ulps, 0) << dtype_name(t) << " at x = " << w.x << ": " << w.expected << " vs " << w.actual;
    EXPECT_EQ(w.subnormal_abs, 0) << dtype_name(t);
  }
}

}  // namespace
}  // namespace ptonnx
