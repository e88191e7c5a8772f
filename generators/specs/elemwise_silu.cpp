// Sample spec of SiLU (x * pt.sigmoid(x)), every dtype: integers and bool
// go through upgrade_to_float. The generic values reach sigmoid's
// saturation (x * 1 = x above ~17 in float32, x * 0 below -88.7, -inf * 0
// = NaN), +-0 (silu(-0) = -0 * 0.5 = -0, so zero signs are compared) and
// every dtype's extremes. No value domain. Random graphs round the result
// off its ties (as Sigmoid's, elemwise_tier5_math.cpp): ONNX Sigmoid need not evaluate
// scipy's expression bit for bit.
#include "generators/elemwise_case.h"
#include "generators/sample_spec.h"
#include "generators/specs/extended_values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

SampleSpec silu_spec() {
  SampleSpec s = elemwise_spec("SiLU", 1, all_dtypes());
  s.grow = rounded_elemwise_grow("SiLU", 1);
  s.signed_zero = true;
  return s;
}

const SampleSpecRegistrar kSiLU(silu_spec());

}  // namespace
}  // namespace ptonnx::gen
