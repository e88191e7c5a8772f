// Sample specs of the tier-5 scalar-math Elemwise ops: Sigmoid, Softplus,
// Log1p, Expm1, Erf, Erfc (every dtype: integers and bool go through
// upgrade_to_float) and Clip (three inputs of any dtypes, upcast and
// broadcast). No value domain: every input is legal. The generic values
// (quarters in [-64, 64], +-0, +-1, +-inf, NaN, 1e30, subnormals, each
// dtype's extremes) reach the branch points of Softplus (-37, 18, 33.3)
// and its overflow, sigmoid's saturation, log1p(-1) = -inf and x < -1
// (NaN), expm1's overflow, erfc at +-inf and Clip with min > max and NaN
// bounds. Two extra draws where quarters are too coarse:
// - Log1p, Expm1 (and Softplus, Sigmoid, Erf): generic values scaled by a
//   per-case factor down to 1e-300 (float64), 1e-20 (float32), 2^-12
//   (float16), non-dyadic so mantissas are full: |x| far below eps, where
//   log(1 + x) and exp(x) - 1 lose every digit;
// - Erfc: x in [5, 27.25] with full mantissas, the tail where 1 - erf(x)
//   is 0 but erfc(x) runs down to 1e-300 (float64), 1e-38 (float32).
// The sign of a zero result is compared: log1p, expm1, erf keep -0, Clip
// returns x's own zero (or a bound's), and sigmoid, softplus and erfc only
// return +0 (by underflow), so a -0 from them would be a bug.
#include "generators/elemwise_case.h"
#include "generators/shapes.h"
#include "generators/specs/extended_values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

std::vector<double> scales(DType t, bool tail) {
  if (tail) return {1.0, 1.0123456789, 0.98765432101};
  switch (t) {
    case DType::Float16: return {0.0123456789, 2.4414062e-4 * 1.2345};
    case DType::Float32: return {1.2345e-4, 3.21e-8, 9.87e-21};
    case DType::Float64: return {1.2345e-7, 3.21e-11, 9.87e-18, 1.234e-300};
    default: return {1.0};
  }
}

// One input drawn as elemwise_case draws it (in [5, 27.25] when `tail`),
// then every float element multiplied by a factor drawn per case.
rc::Gen<Case> dense_case(const std::string& op, DType dtype, bool tail) {
  return rc::gen::exec([op, dtype, tail] {
    const auto shapes = *broadcastable(1);
    ValueDomain d;
    if (tail) {
      d.min = 5.0;
      d.max = 27.25;
    }
    Tensor value = *tensor(dtype, shapes[0].shape, d);
    if (is_float(dtype)) {
      const double s = *rc::gen::elementOf(scales(dtype, tail));
      for (int64_t i = 0; i < value.numel(); ++i) value.set_from_double(i, value.get_as_double(i) * s);
    }
    const bool constant = *rc::gen::weightedElement<bool>({{5, false}, {1, true}});
    OpRecipe r{op, {InputRecipe{std::move(value), shapes[0].static_shape, constant}}, {}};
    return build_case(r);
  });
}

// Random graphs rely on every value being bit-identical in the oracle and
// the runtime (docs/comparison.md): a downstream Exp or Cos would amplify a
// 1-ulp difference past any fixed tolerance (expm1(expm1(4)) in float32:
// 40 ulps). These ops are not bit-identical: the conversions compute in
// float64 and round once where NumPy calls expm1f, log1pf, and ONNX
// Sigmoid and Erf need not evaluate scipy's expressions. So in random
// graphs each is followed by Round (half to even) after a small offset
// (round_off_ties): integer results are identical unless the exact value
// lies within a few ulps of a tie, which simple inputs never produce.
// Rounding hides nothing at or past 2^10 (float16's integers): Expm1, the
// only one unbounded there (expm1(40) = 2.4e17 in float64 differs by an
// ulp of 32), is capped with Minimum(y, 1024) first.
std::function<VarRef(const std::vector<VarRef>&)> rounded_grow(const std::string& op) {
  return rounded_elemwise_grow(op, 1, op == "Expm1" ? std::optional<double>(1024) : std::nullopt);
}

SampleSpec float_unary(const std::string& op, bool tail = false) {
  SampleSpec s = elemwise_spec(op, 1, all_dtypes());
  s.grow = rounded_grow(op);
  auto generic = s.gen;
  s.gen = [op, generic, tail](DType t) {
    return rc::gen::weightedOneOf<Case>({{2, generic(t)}, {1, dense_case(op, t, tail)}});
  };
  s.signed_zero = true;
  return s;
}

SampleSpec clip_spec() {
  ElemwiseOptions o;
  o.mix = all_dtypes();
  SampleSpec s = elemwise_spec("Clip", 3, all_dtypes(), o);
  s.signed_zero = true;
  return s;
}

const SampleSpecRegistrar kSigmoid(float_unary("Sigmoid"));
const SampleSpecRegistrar kSoftplus(float_unary("Softplus"));
const SampleSpecRegistrar kLog1p(float_unary("Log1p"));
const SampleSpecRegistrar kExpm1(float_unary("Expm1"));
const SampleSpecRegistrar kErf(float_unary("Erf"));
const SampleSpecRegistrar kErfc(float_unary("Erfc", true));
const SampleSpecRegistrar kClip(clip_spec());

}  // namespace
}  // namespace ptonnx::gen
