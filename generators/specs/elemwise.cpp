// Sample specs of the tier-1 elementwise ops (arithmetic and math).
#include <cmath>
#include <limits>

#include "core/error.h"
#include "generators/elemwise_case.h"
#include "generators/values.h"
#include "generators/specs/extended_values.h"

namespace ptonnx::gen {
namespace {

// Add and Mul are n-ary in PyTensor: instances have 2 or 3 inputs. With 3+
// float inputs PyTensor's perform does not compute a left-to-right chain:
// Add uses Python's sum() (compensated summation since CPython 3.12) and Mul
// np.prod, so with cancelling magnitudes the result depends on the
// summation algorithm, not on the op. There, float values stay small and
// whole (within +-64 for Add, +-8 for Mul, so every sum and product is
// exact even in float16), NaN and inf included; the 2-input instances keep
// every edge value.
SampleSpec nary(const std::string& op) {
  ElemwiseOptions o;
  o.mix = all_dtypes();
  SampleSpec s = elemwise_spec(op, 2, all_dtypes(), o);
  o.min_arity = 2;
  o.max_arity = 3;
  const bool is_mul = op == "Mul";
  o.domain = [is_mul](size_t, const std::vector<DType>& dts, const Attributes&) {
    ValueDomain d;
    if (dts.size() >= 3) {
      d.min = is_mul ? -8.0 : -64.0;
      d.max = is_mul ? 8.0 : 64.0;
      d.integral_only = true;  // edge values like 0.49999999999999994 would make sums inexact
    }
    return d;
  };
  s.gen = [op, o](DType t) { return elemwise_case(op, t, o); };
  // In graphs, a third of the nodes take three operands, from the pool's
  // integer and bool values only (their sums and products wrap exactly;
  // float ones would depend on the summation order): the n-ary fold and
  // Mul's all-integer branch are then in graphs too.
  auto binary = s.grow;
  s.grow = [op, binary](const std::vector<VarRef>& pool) -> VarRef {
    if (*rc::gen::weightedElement<bool>({{2, false}, {1, true}})) {
      std::vector<VarRef> discrete;
      for (const auto& v : pool)
        if (!is_float(v->type.dtype)) discrete.push_back(v);
      if (discrete.empty()) return nullptr;
      std::vector<VarRef> operands;
      for (int k = 0; k < 3; ++k) operands.push_back(*rc::gen::elementOf(discrete));
      try {
        return apply_op1(op, operands);
      } catch (const TypeError&) {
        return nullptr;
      }
    }
    return binary(pool);
  };
  s.domain_notes =
      "3-input float instances: whole values within +-64 (Add) or +-8 (Mul), so the n-ary result does not "
      "depend on PyTensor's summation algorithm (Python sum / np.prod); 2-input instances use every edge value";
  return s;
}

// PyTensor raises on an integer raised to a negative integer power
// (np.power's ValueError): keep integer exponents non-negative; small, so
// results are not all overflow (overflow itself wraps, and is still tested).
SampleSpec pow_spec() {
  ElemwiseOptions o;
  o.domain = [](size_t k, const std::vector<DType>& dts, const Attributes&) {
    ValueDomain d;
    if (k == 1 && !is_float(dts[0]) && !is_float(dts[1])) {
      d.min = 0;
      d.max = 9;
    }
    return d;
  };
  SampleSpec s = elemwise_spec("Pow", 2, all_dtypes(), o);
  // A float base to an odd integer power too large for the base's float
  // format: a conversion that casts the exponent to the base's dtype (or
  // float32) rounds it to an even number, which flips the sign of a
  // negative base's power (`ptonnx mutate --op Pow`: float16 ** int16
  // 32767 through float16 gave +inf for -inf, float32 ** uint32
  // 4294967295 through float32 +0 for -0; the generic cases never drew
  // such exponents with a negative base).
  auto generic = s.gen;
  s.gen = [generic](DType t) {
    if (!is_float(t)) return generic(t);
    auto odd_powers = rc::gen::exec([t] {
      const DType e = *rc::gen::element(DType::Int16, DType::UInt16, DType::Int32, DType::UInt32, DType::Int64);
      std::vector<double> exponents;
      for (double v : {3.0, 2049.0, 32767.0, 65535.0, 16777217.0, 2147483647.0, 4294967295.0})
        if (v <= (e == DType::Int16 ? 32767.0 : e == DType::UInt16 ? 65535.0 : e == DType::Int32 ? 2147483647.0 : 4294967295.0))
          exponents.push_back(v);
      auto element_of = [t, exponents](DType d) -> rc::Gen<double> {
        if (d == t) return rc::gen::element<double>(-1.0, -0.5, -2.0, 1.0, 0.5);
        return rc::gen::elementOf(exponents);
      };
      return *special_values_case("Pow", {t, e}, element_of);
    });
    return rc::gen::weightedOneOf<Case>({{4, generic(t)}, {1, odd_powers}});
  };
  // In random graphs the exponent is a fresh small constant, so integer
  // powers stay non-negative whatever values flow through the graph.
  // Integer exponents reach bit 5 (31, 63: a square-and-multiply loop that
  // stops early or halves wrongly shows), in every integer dtype; a float
  // base also meets the odd exponents its format cannot hold (the sign
  // flip above), as int16/uint16/int32 constants.
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    VarRef base = *rc::gen::elementOf(pool);
    std::vector<double> choices{0.0, 1.0, 2.0, 3.0, 5.0, 9.0, 31.0, 63.0, 0.5, -1.0};
    if (is_float(base->type.dtype))
      for (double v : {2049.0, 32767.0}) choices.push_back(v);
    const double e = *rc::gen::elementOf(choices);
    VarRef exponent;
    if (e != std::floor(e) || e < 0) {
      exponent = make_constant(Tensor::scalar(DType::Float32, e));
    } else {
      std::vector<DType> fits{DType::Int16, DType::UInt16, DType::Int32, DType::Int64};
      if (e <= 127) fits.insert(fits.end(), {DType::Int8, DType::UInt8});
      exponent = make_constant(Tensor::scalar(*rc::gen::elementOf(fits), e));
    }
    try {
      return apply_op1("Pow", {base, exponent});
    } catch (const TypeError&) {
      return nullptr;
    }
  };
  s.domain_notes = "integer ** integer: exponent in [0, 9] (PyTensor raises on negative integer powers)";
  return s;
}

SampleSpec round_spec() {
  ElemwiseOptions o;
  o.attrs = [] {
    return Attributes{{"mode", *rc::gen::element<std::string>("half_to_even", "half_away_from_zero")}};
  };
  SampleSpec s = elemwise_spec("Round", 1, float_dtypes(), o);
  // A third of the cases are all rounding ties and near-ties (float32
  // 0.49999997, 8388609.5, ...): half_away_from_zero computed in the
  // input's dtype instead of PyTensor's double is wrong only there.
  auto generic = s.gen;
  s.gen = [generic, attrs = o.attrs](DType t) {
    return rc::gen::weightedOneOf<Case>(
        {{2, generic(t)}, {1, special_values_case("Round", {t}, rounding_tie_element, attrs)}});
  };
  // round_half_away_from_zero(+-0.0) and (-0.4) are -0.0 (ceil(a - 0.5)),
  // ONNX Round(-0.4) is -0.0 too: a conversion that gets the zero's sign
  // wrong (x >= 0 instead of x > 0) is otherwise invisible.
  s.signed_zero = true;
  return s;
}

// Maximum/Minimum: a quarter of the cases pair the dtype with a float
// operand that is NaN, +-inf or ordinary, in either order. A conversion
// of mixed operands (upcast, then a NaN guard) goes wrong only there, and
// the generic mixed cases almost never hold a non-finite value
// (`ptonnx mutate --op Maximum`: IsNaN swapped for IsInf survived with
// uint32 and float64 operands).
SampleSpec max_min_spec(const std::string& op) {
  SampleSpec s = elemwise_spec(op, 2, all_dtypes());
  auto generic = s.gen;
  auto element_of = [](DType d) -> rc::Gen<double> {
    if (!is_float(d)) {
      // Small integers only: special_values_case stores doubles, and the
      // 64-bit bounds are not doubles (the generic cases cover them).
      ValueDomain small;
      small.min = -300;
      small.max = 300;
      return element(d, small);
    }
    const double inf = std::numeric_limits<double>::infinity();
    return rc::gen::element<double>(std::nan(""), inf, -inf, 0.0, 1.5, -2.0, 7.0);
  };
  s.gen = [generic, element_of, op](DType t) {
    auto mixed = rc::gen::exec([t, element_of, op] {
      const DType partner = *rc::gen::elementOf(float_dtypes());
      const bool swap = *rc::gen::arbitrary<bool>();
      std::vector<DType> dtypes = swap ? std::vector<DType>{partner, t} : std::vector<DType>{t, partner};
      return *special_values_case(op, dtypes, element_of);
    });
    return rc::gen::weightedOneOf<Case>({{3, generic(t)}, {1, mixed}});
  };
  return s;
}

// The sign of a zero result is compared wherever NumPy determines it: every
// op here but Maximum/Minimum, whose result for two equal zeros NumPy 1.24
// leaves to its SIMD loops (np.maximum(-0.0, 0.0) is -0.0 in float16 and
// +0.0 in float32/64).
SampleSpec with_signed_zero(SampleSpec s) {
  s.signed_zero = true;
  return s;
}

const SampleSpecRegistrar kAdd(with_signed_zero(nary("Add")));
const SampleSpecRegistrar kMul(with_signed_zero(nary("Mul")));
const SampleSpecRegistrar kSub(with_signed_zero(elemwise_spec("Sub", 2, dtypes_except_bool())));
const SampleSpecRegistrar kTrueDiv(with_signed_zero(elemwise_spec("TrueDiv", 2, all_dtypes())));
const SampleSpecRegistrar kMaximum(max_min_spec("Maximum"));
const SampleSpecRegistrar kMinimum(max_min_spec("Minimum"));
const SampleSpecRegistrar kPow(with_signed_zero(pow_spec()));
const SampleSpecRegistrar kNeg(with_signed_zero(elemwise_spec("Neg", 1, dtypes_except_bool())));
const SampleSpecRegistrar kAbs(with_signed_zero(elemwise_spec("Abs", 1, all_dtypes())));
const SampleSpecRegistrar kExp(with_signed_zero(elemwise_spec("Exp", 1, all_dtypes())));
const SampleSpecRegistrar kLog(with_signed_zero(elemwise_spec("Log", 1, all_dtypes())));
const SampleSpecRegistrar kSqrt(with_signed_zero(elemwise_spec("Sqrt", 1, all_dtypes())));
const SampleSpecRegistrar kFloor(with_signed_zero(elemwise_spec("Floor", 1, all_dtypes())));
const SampleSpecRegistrar kCeil(with_signed_zero(elemwise_spec("Ceil", 1, all_dtypes())));
const SampleSpecRegistrar kRound(round_spec());

}  // namespace
}  // namespace ptonnx::gen
