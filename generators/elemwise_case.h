// The generic instance generator for elementwise ops, shared by the specs of
// tier 1 and tier 5: broadcastable shapes, optionally mixed dtypes (to
// exercise promotion), some inputs baked in as constants, and per-input
// value domains.
#pragma once

#include "generators/sample_spec.h"
#include "generators/values.h"

namespace ptonnx::gen {

struct ElemwiseOptions {
  int min_arity = 2;
  int max_arity = 2;
  // Dtypes inputs after the first may take instead of the first's (so
  // promotion is exercised); empty: all inputs share the dtype.
  std::vector<DType> mix;
  // The value domain of input k given every input's dtype and the attrs.
  std::function<ValueDomain(size_t k, const std::vector<DType>& dtypes, const Attributes& attrs)> domain;
  // Attributes drawn per instance.
  std::function<Attributes()> attrs;
};

rc::Gen<Case> elemwise_case(const std::string& op, DType dtype, const ElemwiseOptions& options);

// A grow function (for the random graph generator) for an elementwise op
// of the given arity: operands are drawn from the pool; static shapes that
// cannot broadcast, or dtypes the op rejects, give nullptr.
std::function<VarRef(const std::vector<VarRef>&)> elemwise_grow(const std::string& op, int arity,
                                                                 std::function<Attributes()> attrs = nullptr);

// The sample spec of an elementwise op of fixed arity over `dtypes`: cases
// from elemwise_case (inputs after the first drawn from o.mix when set,
// else from `dtypes` for arity > 1), random graphs through elemwise_grow.
SampleSpec elemwise_spec(const std::string& op, int arity, std::vector<DType> dtypes, ElemwiseOptions o = {});

}  // namespace ptonnx::gen
