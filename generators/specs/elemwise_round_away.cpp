// Sample spec of RoundHalfAwayFromZero (extended group): float dtypes only
// (PyTensor's same_out_float_only refuses integers and bool with TypeError;
// the IR does too, a named test checks it). Besides the generic values
// (quarters, x.5 ties, 0.49999999999999994, +-0, NaN, +-inf, extremes), a
// third of the cases draw every element from the ties and near-ties of each
// dtype: n + 0.5 for n log-uniform up to 2^mantissa (where a + 0.5 rounds
// in the input's own dtype: float32 8388609 + 0.5 ties to 8388610, but
// PyTensor adds in double), one ulp either side of a tie, the largest value
// below 0.5 (0.49999997 in float32, 0.49976 in float16), odd integers just
// above 2^mantissa (float64 2^52 + 1 -> 2^52 + 2 in PyTensor's double
// formula), -0.4, +-0. Exact op: the sign of zero is compared (0.0 and
// -0.4 give -0.0).
#include <cmath>

#include "generators/elemwise_case.h"
#include "generators/specs/extended_values.h"
#include "generators/values.h"

namespace ptonnx::gen {
namespace {

// The float of dtype t one ulp away from v > 0 towards `to` (v normal):
// below a power of two the spacing is half the one above
// (0.5 - 2^-25 in float32, not 0.5 - 2^-24).
double step(double v, double to, const FloatFormat& f) {
  int e = std::ilogb(v);
  if (to < v && v == std::ldexp(1.0, e)) --e;
  return v + (to > v ? 1 : -1) * std::ldexp(1.0, e - f.mantissa);
}

}  // namespace

rc::Gen<double> rounding_tie_element(DType t) {
  return rc::gen::exec([t] {
    const FloatFormat f = float_format(t);
    const double sign = *rc::gen::arbitrary<bool>() ? 1.0 : -1.0;
    const double n = std::floor(log_uniform(0, f.mantissa));
    switch (*rc::gen::inRange(0, 5)) {
      case 0: return sign * (n + 0.5);
      case 1: {
        const double tie = n + 0.5;
        return sign * step(tie, *rc::gen::arbitrary<bool>() ? INFINITY : 0.0, f);
      }
      case 2: return sign * step(0.5, 0.0, f);
      case 3: return sign * (std::ldexp(1.0, f.mantissa) + 2 * *rc::gen::inRange(0, 8) + 1);
      default: return *rc::gen::element<double>(0.0, -0.0, -0.4, 0.4, NAN, INFINITY, -INFINITY);
    }
  });
}

namespace {

SampleSpec round_away_spec() {
  SampleSpec s = elemwise_spec("RoundHalfAwayFromZero", 1, float_dtypes());
  auto generic = s.gen;
  s.gen = [generic](DType t) {
    return rc::gen::weightedOneOf<Case>(
        {{2, generic(t)}, {1, special_values_case("RoundHalfAwayFromZero", {t}, rounding_tie_element)}});
  };
  s.domain_notes = "float dtypes only: PyTensor's same_out_float_only raises TypeError for integers and bool";
  s.signed_zero = true;
  return s;
}

const SampleSpecRegistrar kRoundHalfAwayFromZero(round_away_spec());

}  // namespace
}  // namespace ptonnx::gen
