// Counterexamples that read: the printed shrunk case shows every value that
// decides it (graph constants and node attributes, not only the fed
// inputs), and element values shrink to the simplest value that fails the
// same way (0.5, not 38.5).
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "generators/sample_spec.h"
#include "generators/values.h"
#include "graph/builder.h"
#include "graph/builder_alloc.h"
#include "graph/builder_shape.h"

namespace ptonnx::gen {
namespace {

std::string printed(const Case& c) {
  std::ostringstream os;
  showValue(c, os);
  return os.str();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(CounterexampleText, ShowsConstantsWithValuesAndNodeAttributes) {
  auto x = pt::matrix("x", "float64");
  auto nan = pt::constant(Tensor::scalar(DType::Float64, std::numeric_limits<double>::quiet_NaN()), "guard");
  auto y = pt::reshape(pt::maximum(x, nan), std::vector<int64_t>{3, -1});
  auto s = pt::sum(y, std::vector<int64_t>{1}, true);
  Case c{std::make_shared<FunctionGraph>(std::vector<VarRef>{x}, std::vector<VarRef>{pt::named(s, "out0")}),
         {Tensor::from_vector<double>(DType::Float64, {2, 3}, {1, 2, 3, 4, 5, 6})},
         ""};
  const std::string text = printed(c);
  SCOPED_TRACE(text);
  EXPECT_TRUE(contains(text, "constant guard: float64[] = [nan]"));
  EXPECT_TRUE(contains(text, ": int64[2] = [3, -1]")) << "the Reshape target";
  EXPECT_TRUE(contains(text, "'Reshape'(")) << "each node with its operands";
  EXPECT_TRUE(contains(text, "keepdims=1")) << "each node with its attributes";
  EXPECT_TRUE(contains(text, "input x: float64[?,?] = [2,3] [1, 2, 3, 4, 5, 6]")) << "the fed value";
  EXPECT_TRUE(contains(text, "outputs: out0"));
}

TEST(CounterexampleText, ShowsEyeOperandsAndTruncatesBigConstants) {
  auto n = pt::scalar("n", "int64");
  auto e = pt::eye(n, pt::constant(Tensor::scalar(DType::Int64, 4), "m"),
                   pt::constant(Tensor::scalar(DType::Int64, -1), "k"));
  Tensor big(DType::Float32, {40});
  for (int64_t i = 0; i < big.numel(); ++i) big.set_from_double(i, static_cast<double>(i));
  auto w = pt::constant(big, "w");
  Case c{std::make_shared<FunctionGraph>(std::vector<VarRef>{n}, std::vector<VarRef>{e, pt::sum(w)}),
         {Tensor::scalar(DType::Int64, 3)},
         ""};
  const std::string text = printed(c);
  SCOPED_TRACE(text);
  EXPECT_TRUE(contains(text, "constant m: int64[] = [4]"));
  EXPECT_TRUE(contains(text, "constant k: int64[] = [-1]"));
  EXPECT_TRUE(contains(text, "'Eye'(n, m, k)"));
  EXPECT_TRUE(contains(text, "input n: int64[] = [] [3]"));
  EXPECT_TRUE(contains(text, "14, 15, ...] (40 values)")) << "a big constant is cut after 16 values";
}

// The local minimum rapidcheck's shrinking reaches from a generated value
// that fails `fails`, or nullopt when the value passes.
template <typename Fails>
std::optional<double> shrunk(const rc::Gen<double>& g, uint64_t seed, Fails fails) {
  const auto s = g(rc::Random(seed), rc::kNominalSize);
  if (!fails(s.value())) return std::nullopt;
  return rc::shrinkable::findLocalMin(s, fails).first;
}

TEST(CounterexampleShrink, MagnitudeThresholdShrinksToAQuarterOrAHalf) {
  const auto fails = [](double x) { return std::fabs(x) >= 0.25; };  // inf too, NaN not
  for (DType t : {DType::Float16, DType::Float32, DType::Float64}) {
    int failing = 0;
    for (uint64_t seed = 1; seed <= 300; ++seed) {
      const auto m = shrunk(element(t, {}), seed, fails);
      if (!m) continue;
      ++failing;
      EXPECT_TRUE(*m == 0.25 || *m == 0.5) << dtype_name(t) << " seed " << seed << " shrank to " << *m;
    }
    EXPECT_GT(failing, 100) << dtype_name(t);
  }
}

// The BrokenRound bug of docs/fuzzing.md: round-half-to-even where
// half-away-from-zero was meant differs exactly on x.5 with x even.
TEST(CounterexampleShrink, RoundingTieShrinksToOneHalf) {
  const auto fails = [](double x) { return std::isfinite(x) && std::nearbyint(x) != std::round(x); };
  int failing = 0;
  for (uint64_t seed = 1; seed <= 3000; ++seed) {
    const auto m = shrunk(element(DType::Float64, {}), seed, fails);
    if (!m) continue;
    ++failing;
    EXPECT_EQ(*m, 0.5) << "seed " << seed;
  }
  EXPECT_GT(failing, 20);
}

TEST(CounterexampleShrink, IntegersShrinkToTheSmallestFailingMagnitude) {
  const auto fails = [](double x) { return std::fabs(x) >= 3; };
  for (DType t : {DType::Int8, DType::UInt16, DType::Int64}) {
    for (uint64_t seed = 1; seed <= 200; ++seed) {
      const auto m = shrunk(element(t, {}), seed, fails);
      if (m) {
        EXPECT_EQ(*m, 3) << dtype_name(t) << " seed " << seed;
      }
    }
  }
}

TEST(CounterexampleShrink, StaysInTheDomainAndKeepsNeededEdges) {
  ValueDomain positive;
  positive.min = 1;
  positive.allow_nan = false;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    // Any value fails: the simplest admissible one is 1, never 0 or -1.
    const auto m = shrunk(element(DType::Float32, positive), seed, [](double) { return true; });
    ASSERT_TRUE(m);
    EXPECT_EQ(*m, 1) << "seed " << seed;
    // Only NaN fails: NaN stays.
    const auto nan = shrunk(element(DType::Float32, {}), seed, [](double x) { return std::isnan(x); });
    if (nan) {
      EXPECT_TRUE(std::isnan(*nan));
    }
    // Only -0.0 fails: it stays -0.0 (simpler than every other negative).
    const auto negzero =
        shrunk(element(DType::Float64, {}), seed, [](double x) { return x == 0 && std::signbit(x); });
    if (negzero) {
      EXPECT_TRUE(*negzero == 0 && std::signbit(*negzero));
    }
  }
}

TEST(CounterexampleShrink, GenerationIsUnchangedSoSeedsKeepTheirCases) {
  // Shrinking must not change what a seed generates: these are the values
  // the generator drew before shrinking was replaced.
  std::vector<double> drawn;
  for (uint64_t seed = 1; seed <= 8; ++seed) drawn.push_back(element(DType::Float64, {})(rc::Random(seed), 50).value());
  std::ostringstream os;
  os.precision(17);
  for (double v : drawn) os << v << " ";
  EXPECT_EQ(os.str(), "48.25 0.5 -20.25 -63 -1.7976931348623157e+308 -61 43.25 -50.25 ");
}

}  // namespace
}  // namespace ptonnx::gen
