// PyTensor's round_half_away_from_zero, shared by the two converters that
// compute it: Round(mode="half_away_from_zero") (tier 1) and the extended
// RoundHalfAwayFromZero op. pt.round(x, mode="half_away_from_zero") builds
// the very same scalar op, so one ONNX form serves both.
#pragma once

#include "convert/context.h"

namespace ptonnx {

// Emits round_half_away_from_zero(in(0)) into out() for a float output
// (elemwise_round_away.cpp says why it computes in float64).
void emit_round_half_away_from_zero(ConversionContext& c);

}  // namespace ptonnx
