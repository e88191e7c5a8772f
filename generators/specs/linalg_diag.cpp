// Sample spec of ExtractDiag: ranks 2 to 4, dims 0 to 4, every pair of
// distinct axes in either order (PyTensor sorts them and negates the
// offset), offsets from -5 to 5 (beyond the matrix: an empty diagonal),
// unknown static dims, NaN and inf off the diagonal (all values of the
// dtype's edge domain), every dtype. Grow: the diagonal of any pool value
// of rank >= 2.
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

Attributes diag_attrs(int64_t rank) {
  const int64_t a1 = *rc::gen::inRange<int64_t>(0, rank);
  int64_t a2 = *rc::gen::inRange<int64_t>(0, rank - 1);
  if (a2 >= a1) ++a2;
  Attributes a;
  a["offset"] = *rc::gen::weightedOneOf<int64_t>(
      {{3, rc::gen::just<int64_t>(0)}, {6, rc::gen::inRange<int64_t>(-3, 4)}, {1, rc::gen::inRange<int64_t>(-5, 6)}});
  a["axis1"] = a1;
  a["axis2"] = a2;
  return a;
}

rc::Gen<Case> diag_case(DType t) {
  return rc::gen::exec([t] {
    ShapeLimits lim;
    lim.max_rank = 4;
    lim.max_dim = 4;
    Shape shape = *gen::shape(lim);
    while (shape.size() < 2) shape.insert(shape.begin(), *rc::gen::inRange<int64_t>(0, 5));
    OpRecipe r{"ExtractDiag", {}, diag_attrs(static_cast<int64_t>(shape.size()))};
    const bool constant = *rc::gen::weightedElement<bool>({{6, false}, {1, true}});
    r.inputs.push_back(InputRecipe{*tensor(t, shape), *static_view(shape), constant});
    return build_case(r);
  });
}

VarRef diag_grow(const std::vector<VarRef>& pool) {
  std::vector<VarRef> fits;
  for (const auto& v : pool)
    if (v->type.ndim() >= 2) fits.push_back(v);
  if (fits.empty()) return nullptr;
  VarRef x = *rc::gen::elementOf(fits);
  return apply_op1("ExtractDiag", {x}, diag_attrs(x->type.ndim()));
}

SampleSpec diag_spec() {
  SampleSpec s;
  s.op = "ExtractDiag";
  s.dtypes = all_dtypes();
  s.gen = diag_case;
  s.grow = diag_grow;
  s.domain_notes = "none: a copy of elements, every value of every dtype";
  return s;
}

const SampleSpecRegistrar kExtractDiag(diag_spec());

}  // namespace
}  // namespace ptonnx::gen
