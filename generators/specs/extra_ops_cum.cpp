// Sample spec of CumOp (tier 5; pt.cumsum / pt.cumprod), every dtype, both
// modes.
//
// What the generators reach: axis None (ravel, also of 0-d inputs) and every
// axis, written positive or negative; dims of 0 and 1 on the cumulated axis
// (zero-trip Loops) and elsewhere; unknown (None) dims; constant inputs. The
// values: the generic edge values (integer min/max, so sums and products
// wrap; NaN, +-inf, -0.0, subnormals), small integers in [-3, 3] where zeros
// and negatives are common (a running product through 0 stays 0, through
// -1 flips sign: what Exp(CumSum(Log)) gets wrong), and near-one float
// factors (long float products round at every step: the order must be
// NumPy's). No value is excluded: both modes are defined everywhere.
#include "core/error.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

rc::Gen<Tensor> cum_values(DType t, const Shape& shape) {
  return rc::gen::exec([t, shape] {
    const int kind = *rc::gen::weightedElement<int>({{3, 0}, {3, 1}, {1, 2}});
    if (kind == 0) return *tensor(t, shape);
    ValueDomain d;
    d.allow_nan = false;
    d.allow_inf = false;
    if (kind == 1) {
      d.min = -3;
      d.max = 3;
      d.integral_only = true;
    } else {
      d.min = 0.5;
      d.max = 2;
    }
    return *tensor(t, shape, d);
  });
}

// nullopt = None; else an axis of `rank`, possibly negative.
rc::Gen<std::optional<int64_t>> cum_axis(int64_t rank) {
  return rc::gen::exec([rank]() -> std::optional<int64_t> {
    if (rank == 0 || *rc::gen::weightedElement<bool>({{1, true}, {3, false}})) return std::nullopt;
    return draw_axes(rank, false).at(0);
  });
}

Attributes cum_attrs(std::optional<int64_t> axis, bool mul) {
  Attributes a{{"mode", std::string(mul ? "mul" : "add")}};
  if (axis) a["axis"] = *axis;
  return a;
}

rc::Gen<Case> cum_case(DType t) {
  return rc::gen::exec([t] {
    const Shape shape = *gen::shape();
    const auto axis = *cum_axis(static_cast<int64_t>(shape.size()));
    OpRecipe r{"CumOp", {}, cum_attrs(axis, *rc::gen::arbitrary<bool>())};
    const bool constant = *rc::gen::weightedElement<bool>({{6, false}, {1, true}});
    r.inputs.push_back(InputRecipe{*cum_values(t, shape), *static_view(shape), constant});
    return build_case(r);
  });
}

SampleSpec cum_spec() {
  SampleSpec s;
  s.op = "CumOp";
  s.dtypes = all_dtypes();
  s.gen = cum_case;
  s.signed_zero = true;
  // Exact (one op per step in NumPy's order), so no Round is needed after it.
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    VarRef x = *rc::gen::elementOf(pool);
    const auto axis = *cum_axis(x->type.ndim());
    return apply_op1("CumOp", {x}, cum_attrs(axis, *rc::gen::arbitrary<bool>()));
  };
  s.domain_notes = "none: np.cumsum and np.cumprod are defined on every value (integers wrap)";
  return s;
}

const SampleSpecRegistrar kCum(cum_spec());

}  // namespace
}  // namespace ptonnx::gen
