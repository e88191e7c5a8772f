// An elementwise case whose elements come from an op-specific value
// generator (the extended precision specs: powers of the base, arguments
// near 1, exp2's overflow and underflow, atan2's octants, rounding ties),
// for arity 1 or 2 over broadcastable shapes; input k takes dtypes[k], and
// each input is fed or, sometimes, a graph constant.
#pragma once

#include <optional>

#include "generators/sample_spec.h"

namespace ptonnx::gen {

// `attrs`, when set, draws the node's attributes.
rc::Gen<Case> special_values_case(const std::string& op, std::vector<DType> dtypes,
                                  std::function<rc::Gen<double>(DType)> element,
                                  std::function<Attributes()> attrs = nullptr);

// Rounding ties and near-ties of float dtype t (elemwise_round_away.cpp):
// the values on which round_half_away_from_zero goes wrong when it is not
// computed in double, shared by Round's and RoundHalfAwayFromZero's specs.
rc::Gen<double> rounding_tie_element(DType t);

// Inside rc::gen::exec: a double drawn log-uniformly in magnitude between
// 2^lo and 2^hi, with a full random mantissa, positive.
double log_uniform(int lo, int hi);

// Random graphs rely on every value being bit-identical in the oracle and
// the runtime (docs/comparison.md); a composed op within a few ulps is
// followed by Round (half to even) in random graphs, after Minimum(y, cap)
// when the op is unbounded (an ulp of exp2(40.25) in float32 is 2^17, which
// Round cannot hide). As generators/specs/elemwise_tier5_math.cpp.
std::function<VarRef(const std::vector<VarRef>&)> rounded_elemwise_grow(const std::string& op, int arity,
                                                                        std::optional<double> cap = std::nullopt);

// Round(y + 0.1 in float16): y rounded to an integer away from the exact
// half-integers that simple inputs produce (see the definition).
VarRef round_off_ties(VarRef y);

}  // namespace ptonnx::gen

namespace ptonnx::gen {

// Per float dtype: mantissa bits (10, 23, 52), the smallest exponent of a
// subnormal (-24, -149, -1074) and the largest finite exponent (15, 127,
// 1023).
struct FloatFormat {
  int mantissa, min_sub, max_exp;
};
FloatFormat float_format(DType t);

}  // namespace ptonnx::gen
