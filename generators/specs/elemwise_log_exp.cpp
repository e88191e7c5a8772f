// Sample specs of Log2, Log10, Exp2 (extended group), every dtype (integers
// and bool through upgrade_to_float). No value domain: log of 0 is -inf, of
// a negative NaN, exp2 overflows to inf and underflows to 0, as in NumPy.
// Besides the generic values (quarters in [-64, 64], +-0, +-1, +-inf, NaN,
// 1e30, subnormals, each dtype's extremes), a third of the cases draw every
// element from the values where a composition goes wrong:
// - Log2, Log10: exact powers of the base over the whole range, subnormals
//   included (log2(8) must be 3, not 2.9999999999999996; log10(1000) 3),
//   arguments within a few ulps of 1 and 1 +- 2^-j (where log x is tiny
//   and the relative error of a product with 1/ln b shows), full-mantissa
//   values log-uniform over every binade; integer inputs take powers of the
//   base too (int64 2^62 -> 62 exactly in float64);
// - Exp2: integers from below the subnormal range to past overflow
//   (exp2(1024) = inf, exp2(-1075) = 0, exp2(-1074.5) = 2^-1074 by
//   rounding), half-integers and random fractions there, the last values
//   before overflow (1024 - 2^-40), tiny |x| (exp2 ~ 1).
// log2(1) = log10(1) = +0 and exp2 never returns zero but by underflow
// (+0): the sign of zero is compared.
#include <cmath>

#include "generators/elemwise_case.h"
#include "generators/specs/extended_values.h"
#include "generators/values.h"

namespace ptonnx::gen {
namespace {

constexpr double kInf = INFINITY;

double special(DType t) { return *rc::gen::element<double>(0.0, -0.0, 1.0, -1.0, kInf, -kInf, NAN, *element(t, {})); }

// An element of a log_base input of dtype t.
rc::Gen<double> log_element(DType t, double base) {
  return rc::gen::exec([t, base] {
    if (!is_float(t)) {
      // Powers of the base that fit the integer dtype, or a generic value.
      const double bits = t == DType::Bool ? 0 : 8.0 * static_cast<double>(dtype_size(t)) - 1.0;
      const int k_max = static_cast<int>(std::floor(bits * std::log(2.0) / std::log(base) - 1e-9));
      if (*rc::gen::arbitrary<bool>()) return std::pow(base, *rc::gen::inRange(0, k_max + 1));
      return *element(t, {});
    }
    const FloatFormat f = float_format(t);
    const int lo = base == 2 ? f.min_sub : static_cast<int>(std::ceil(f.min_sub * std::log10(2.0)));
    const int hi = base == 2 ? f.max_exp : static_cast<int>(std::floor((f.max_exp + 1) * std::log10(2.0)));
    switch (*rc::gen::inRange(0, 5)) {
      case 0: return std::pow(base, *rc::gen::inRange(lo, hi + 1));
      case 1: {  // a few ulps from 1 (either side)
        const int n = *rc::gen::inRange(-6, 7);
        return 1.0 + n * std::ldexp(1.0, -f.mantissa - 1);
      }
      case 2: {  // 1 +- 2^-j with a full mantissa
        const double d = log_uniform(-f.mantissa - 1, -1);
        return *rc::gen::arbitrary<bool>() ? 1.0 + d : 1.0 - d / 2;
      }
      case 3: return log_uniform(f.min_sub, f.max_exp);
      default: return special(t);
    }
  });
}

rc::Gen<double> exp2_element(DType t) {
  return rc::gen::exec([t] {
    if (!is_float(t)) return *element(t, {});
    const FloatFormat f = float_format(t);
    const int lo = f.min_sub - 3, hi = f.max_exp + 3;
    switch (*rc::gen::inRange(0, 6)) {
      case 0: return static_cast<double>(*rc::gen::inRange(lo, hi + 1));
      case 1: return *rc::gen::inRange(lo, hi + 1) + 0.5;
      case 2: return *rc::gen::inRange(lo, hi + 1) + log_uniform(-30, -1);
      case 3: {  // just below overflow, around the last subnormal
        const double eps = std::ldexp(1.0, -*rc::gen::inRange(f.mantissa - 12, f.mantissa - 2));
        return *rc::gen::element<double>(f.max_exp + 1 - eps, f.max_exp + 1 + eps, f.min_sub - 0.5 - eps,
                                         f.min_sub - 0.5 + eps, f.min_sub - 1.0, f.min_sub + eps);
      }
      case 4: return (*rc::gen::arbitrary<bool>() ? 1 : -1) * log_uniform(-60, -1);
      default: return special(t);
    }
  });
}

SampleSpec log_exp_spec(const std::string& op, std::function<rc::Gen<double>(DType)> elements,
                        std::optional<double> cap) {
  SampleSpec s = elemwise_spec(op, 1, all_dtypes());
  s.grow = rounded_elemwise_grow(op, 1, cap);
  auto generic = s.gen;
  s.gen = [op, generic, elements](DType t) {
    return rc::gen::weightedOneOf<Case>({{2, generic(t)}, {1, special_values_case(op, {t}, elements)}});
  };
  s.signed_zero = true;
  return s;
}

const SampleSpecRegistrar kLog2(log_exp_spec(
    "Log2", [](DType t) { return log_element(t, 2.0); }, std::nullopt));
const SampleSpecRegistrar kLog10(log_exp_spec(
    "Log10", [](DType t) { return log_element(t, 10.0); }, std::nullopt));
// exp2 is unbounded: capped at 1024 before Round in random graphs.
const SampleSpecRegistrar kExp2(log_exp_spec("Exp2", exp2_element, 1024.0));

}  // namespace
}  // namespace ptonnx::gen
