// Sample spec of Switch (tier 5): np.where(cond, ift, iff). The condition
// takes every dtype (input 0's dtype is the matrix axis) and each branch
// any dtype (every promotion of the two, bool and int64 with uint64
// included). Three in four cases are the generic elemwise ones
// (broadcastable shapes, constants, the generic edge values, which include
// +-0 and NaN); one in four is a "truthiness" case: a condition made only of
// the values where truthiness is a trap (0, -0.0, NaN, +-inf, 0.5, -1, the
// smallest subnormal), broadcast against the branches. The sign of zero is
// compared: a selected -0.0 stays -0.0.
#include <cmath>
#include <limits>

#include "generators/elemwise_case.h"
#include "generators/shapes.h"

namespace ptonnx::gen {
namespace {

rc::Gen<Case> truthiness_case(DType t) {
  return rc::gen::exec([t] {
    const auto shapes = *broadcastable(3);
    Tensor cond(t, shapes[0].shape);
    const double inf = std::numeric_limits<double>::infinity();
    for (int64_t i = 0; i < cond.numel(); ++i) {
      const double v = *rc::gen::element(0.0, -0.0, std::nan(""), inf, -inf, 0.5, -1.0, 0x1p-1074, 0.0, -0.0);
      // Integers and bool hold the whole values (0.5 and 2^-1074 truncate
      // to 0, NaN and inf are replaced by 1, -1 by 1 when unsigned): still zero
      // against nonzero.
      double w = v;
      if (!is_float(t)) {
        w = std::isfinite(v) ? std::trunc(v) : 1.0;
        if (t == DType::Bool || is_unsigned_integer(t)) w = std::fabs(w);
      }
      cond.set_from_double(i, w);
    }
    std::vector<InputRecipe> inputs{InputRecipe{cond, shapes[0].static_shape, false}};
    for (int k = 1; k <= 2; ++k) {
      const DType tb = *rc::gen::elementOf(all_dtypes());
      inputs.push_back(InputRecipe{*tensor(tb, shapes[k].shape), shapes[k].static_shape, false});
    }
    return build_case(OpRecipe{"Switch", std::move(inputs), {}});
  });
}

SampleSpec switch_spec() {
  ElemwiseOptions o;
  o.min_arity = o.max_arity = 3;
  o.mix = all_dtypes();
  SampleSpec s;
  s.op = "Switch";
  s.dtypes = all_dtypes();
  s.gen = [o](DType t) {
    return rc::gen::weightedOneOf<Case>({{3, elemwise_case("Switch", t, o)}, {1, truthiness_case(t)}});
  };
  s.grow = elemwise_grow("Switch", 3);
  s.signed_zero = true;
  return s;
}

const SampleSpecRegistrar kSwitch(switch_spec());

}  // namespace
}  // namespace ptonnx::gen
