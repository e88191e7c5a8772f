// Sample spec of FillDiagonal (tier 5; pt.fill_diagonal), every dtype.
//
// What the generators reach: matrices of any m x n (tall, wide, square,
// dims 0 and 1) and 3-d / 4-d arrays with equal dims (0..3; np.fill_diagonal
// raises for unequal ones, so none are drawn); unknown static dims; val of
// every dtype whose upcast with a's is a's (bool into anything, int8 into
// float16, uint32 into int64, ...: the value-preserving casts PyTensor
// allows), with the generic edge values of that dtype (integer extremes,
// NaN, +-inf, -0.0), fed or constant.
#include "core/error.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

std::vector<DType> val_dtypes(DType a) {
  std::vector<DType> out;
  for (DType v : all_dtypes())
    if (promote(a, v) == a) out.push_back(v);
  return out;
}

rc::Gen<Case> fill_diagonal_case(DType t) {
  return rc::gen::exec([t] {
    Shape shape;
    if (*rc::gen::weightedElement<bool>({{3, true}, {1, false}})) {
      shape = {*rc::gen::inRange<int64_t>(0, 6), *rc::gen::inRange<int64_t>(0, 6)};
    } else {
      const int64_t n = *rc::gen::inRange<int64_t>(0, 4);
      shape = Shape(static_cast<size_t>(*rc::gen::inRange<int64_t>(3, 5)), n);
    }
    const DType vt = *rc::gen::elementOf(val_dtypes(t));
    OpRecipe r{"FillDiagonal", {}, {}};
    r.inputs.push_back(InputRecipe{*tensor(t, shape), *static_view(shape), false});
    r.inputs.push_back(InputRecipe{*tensor(vt, {}), {}, *rc::gen::weightedElement<bool>({{2, false}, {1, true}})});
    return build_case(r);
  });
}

SampleSpec fill_diagonal_spec() {
  SampleSpec s;
  s.op = "FillDiagonal";
  s.dtypes = all_dtypes();
  s.gen = fill_diagonal_case;
  s.signed_zero = true;
  // Matrices only: an N-d value of the pool may have unequal dims at run time.
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    std::vector<VarRef> matrices;
    for (const VarRef& v : pool)
      if (v->type.ndim() == 2) matrices.push_back(v);
    if (matrices.empty()) return nullptr;
    VarRef a = *rc::gen::elementOf(matrices);
    ValueDomain d;
    d.min = -4;
    d.max = 4;
    d.allow_nan = false;
    d.allow_inf = false;
    return apply_op1("FillDiagonal", {a, pt::constant(*tensor(a->type.dtype, {}, d))});
  };
  s.domain_notes = "arrays of more than 2 dims have equal dims (np.fill_diagonal raises otherwise)";
  return s;
}

const SampleSpecRegistrar kFillDiagonal(fill_diagonal_spec());

}  // namespace
}  // namespace ptonnx::gen
