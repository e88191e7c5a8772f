// Sample spec of ArcTan2(y, x) (extended group): y of every dtype, x of
// any dtype (so upgrade_to_float's upcast and NumPy's float16 loop for a
// float16 y with an int8/uint8/bool x are exercised), broadcast shapes. No
// value domain: atan2 is defined everywhere (NaN in, NaN out). Besides the
// generic values, a third of the cases draw both inputs in y's dtype from
// the values where a quotient-based composition breaks: +-0 (atan2(+-0,
// -0) = +-pi), +-inf (atan2(+-inf, +-inf) = +-pi/4, +-3pi/4), NaN, equal
// magnitudes (+-1, +-2, +-3: the diagonals), full-mantissa magnitudes
// log-uniform over the whole exponent range (y/x overflows or underflows:
// 1e300 / 1e-300), and magnitudes in [1/4, 4] (octant boundaries), each
// of either sign: every quadrant and octant. The sign of zero is compared
// (atan2(-0, +0) = -0).
#include <cmath>

#include "generators/elemwise_case.h"
#include "generators/specs/extended_values.h"
#include "generators/values.h"

namespace ptonnx::gen {
namespace {

rc::Gen<double> atan2_element(DType t) {
  return rc::gen::exec([t] {
    if (!is_float(t)) return *element(t, {});
    const FloatFormat f = float_format(t);
    const double sign = *rc::gen::arbitrary<bool>() ? 1.0 : -1.0;
    switch (*rc::gen::inRange(0, 4)) {
      case 0: return *rc::gen::element<double>(0.0, -0.0, INFINITY, -INFINITY, NAN);
      case 1: return sign * *rc::gen::inRange(1, 4);
      case 2: return sign * log_uniform(f.min_sub, f.max_exp);
      default: return sign * log_uniform(-2, 1);
    }
  });
}

SampleSpec arctan2_spec() {
  ElemwiseOptions o;
  o.mix = all_dtypes();
  SampleSpec s = elemwise_spec("ArcTan2", 2, all_dtypes(), o);
  s.grow = rounded_elemwise_grow("ArcTan2", 2);
  auto generic = s.gen;
  s.gen = [generic](DType t) {
    return rc::gen::weightedOneOf<Case>({{2, generic(t)}, {1, special_values_case("ArcTan2", {t, t}, atan2_element)}});
  };
  s.signed_zero = true;
  return s;
}

const SampleSpecRegistrar kArcTan2(arctan2_spec());

}  // namespace
}  // namespace ptonnx::gen
