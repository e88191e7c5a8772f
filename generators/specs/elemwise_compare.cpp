// Sample specs of the comparison Elemwise ops (tier 5): every dtype, the
// second input of any dtype too (so every promotion is exercised: int64
// against uint64, integers against floats, bool against everything), with
// the generic edge values (each integer dtype's extremes, +-0, +-inf, NaN,
// 64-bit integers beyond 2^53) where exact and float comparisons part; and
// one case in four a "near pair": b's values are a's, converted to b's
// dtype and moved by -1, 0 or +1 unit (an integer step, or one ulp), so
// that equal, adjacent and rounding-equal values meet across dtypes
// (int64 2^63 - 1 against uint64 2^63, which float64 cannot tell apart).
#include <cmath>

#include "generators/elemwise_case.h"
#include "generators/shapes.h"

namespace ptonnx::gen {
namespace {

// The value of dtype `to` nearest to v moved by `step` units, clamped to
// to's range (exact bit patterns for the 64-bit integers).
void set_near(Tensor& b, int64_t i, const Tensor& a, DType to, int step) {
  if (to == DType::Int64 || to == DType::UInt64) {
    // From a 64-bit integer exactly, from anything else through double.
    const bool from_u64 = a.dtype() == DType::UInt64, from_i64 = a.dtype() == DType::Int64;
    if (to == DType::UInt64) {
      uint64_t v = from_u64   ? a.get_as_uint64(i)
                   : from_i64 ? static_cast<uint64_t>(std::max<int64_t>(a.get_as_int64(i), 0))
                              : static_cast<uint64_t>(std::clamp(a.get_as_double(i), 0.0, 1.8e19));
      if (step < 0 && v > 0) --v;
      if (step > 0 && v < UINT64_MAX) ++v;
      b.data<uint64_t>()[i] = v;
    } else {
      int64_t v = from_i64   ? a.get_as_int64(i)
                  : from_u64 ? static_cast<int64_t>(std::min<uint64_t>(a.get_as_uint64(i), INT64_MAX))
                             : static_cast<int64_t>(std::clamp(a.get_as_double(i), -9.2e18, 9.2e18));
      if (step < 0 && v > INT64_MIN) --v;
      if (step > 0 && v < INT64_MAX) ++v;
      b.data<int64_t>()[i] = v;
    }
    return;
  }
  double v = a.get_as_double(i);
  if (std::isnan(v)) {
    b.set_from_double(i, is_float(to) ? v : 0.0);  // an integer has no NaN to be near
    return;
  }
  const ValueDomain range = domain_of_dtype(to);
  if (range.min && range.max) v = std::clamp(v, *range.min, *range.max);
  if (is_float(to)) {
    b.set_from_double(i, v);
    const double rounded = b.get_as_double(i);
    if (step != 0 && std::isfinite(rounded)) {
      // About one ulp of `to` (its relative precision, at least its
      // smallest subnormal); set_from_double rounds onto a neighbour.
      const double eps = to == DType::Float16 ? 0x1p-10 : to == DType::Float32 ? 0x1p-23 : 0x1p-52;
      const double tiny = to == DType::Float16 ? 0x1p-24 : to == DType::Float32 ? 0x1p-149 : 0x1p-1074;
      b.set_from_double(i, rounded + step * std::max(std::abs(rounded) * eps, tiny));
    }
    return;
  }
  v = std::trunc(v) + step;
  if (range.min && range.max) v = std::clamp(v, *range.min, *range.max);
  b.set_from_double(i, v);
}

rc::Gen<Case> near_pair_case(const std::string& op, DType t) {
  return rc::gen::exec([op, t] {
    const DType tb = *rc::gen::elementOf(all_dtypes());
    const int64_t n = *rc::gen::inRange<int64_t>(1, 9);
    const Tensor a = *tensor(t, {n});
    Tensor b(tb, {n});
    for (int64_t i = 0; i < n; ++i) set_near(b, i, a, tb, *rc::gen::inRange(-1, 2));
    return build_case(OpRecipe{
        op, {InputRecipe{a, *static_view(a.shape()), false}, InputRecipe{b, *static_view(b.shape()), false}}, {}});
  });
}

SampleSpec comparison(const std::string& op) {
  SampleSpec s = elemwise_spec(op, 2, all_dtypes());
  s.gen = [op, generic = s.gen](DType t) {
    return rc::gen::weightedOneOf<Case>({{3, generic(t)}, {1, near_pair_case(op, t)}});
  };
  return s;
}

const SampleSpecRegistrar kLT(comparison("LT"));
const SampleSpecRegistrar kGT(comparison("GT"));
const SampleSpecRegistrar kLE(comparison("LE"));
const SampleSpecRegistrar kGE(comparison("GE"));
const SampleSpecRegistrar kEQ(comparison("EQ"));
const SampleSpecRegistrar kNEQ(comparison("NEQ"));

}  // namespace
}  // namespace ptonnx::gen
