// Sample spec of BatchNormalization (batch_normalization_test, axes
// 'spatial'), float16/32/64.
//
// What the generator reaches: x of rank 2-4 (NC, NCL, NCHW), channels 1-8,
// parameters of the same or another float dtype (as_common_dtype upcasts
// all five), epsilon from cuDNN's minimum 1e-5 (a float16 subnormal) to 1,
// variances from 0 (sqrt(epsilon) alone) up, the generic edge values of x
// (NaN, infinities, zeros of both signs), unknown static dims and constant
// parameters. Domain: var >= 0, as a variance is; epsilon >= 1e-5
// (batch_normalization_test raises below).
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

rc::Gen<Case> batch_norm_case(DType t) {
  return rc::gen::exec([t] {
    const int64_t rank = *rc::gen::inRange<int64_t>(2, 5);
    const int64_t c = *rc::gen::inRange<int64_t>(1, 9);
    Shape xs{*rc::gen::inRange<int64_t>(1, 3), c};
    for (int64_t i = 2; i < rank; ++i) xs.push_back(*rc::gen::inRange<int64_t>(1, 5));
    OpRecipe r{"BatchNormalization", {}, {}};
    r.attrs["epsilon"] = *rc::gen::element(1e-5, 1e-4, 1e-3, 0.1, 1.0 / 3.0, 1.0);
    r.inputs.push_back(InputRecipe{*tensor(t, xs), *static_view(xs), false});
    ValueDomain finite;
    finite.allow_nan = finite.allow_inf = false;
    finite.min = -100.0;
    finite.max = 100.0;
    ValueDomain variance = finite;
    variance.min = 0.0;
    for (int i = 0; i < 4; ++i) {
      const DType pt_ =
          *rc::gen::weightedElement<DType>({{6, t}, {1, DType::Float16}, {1, DType::Float32}, {1, DType::Float64}});
      InputRecipe p{*tensor(pt_, {c}, i == 3 ? variance : finite), *static_view({c}), false};
      p.constant = *rc::gen::weightedElement<bool>({{2, false}, {1, true}});
      if (p.constant) p.static_shape = {c};
      r.inputs.push_back(p);
    }
    return build_case(r);
  });
}

SampleSpec batch_norm_spec() {
  SampleSpec s;
  s.op = "BatchNormalization";
  s.dtypes = float_dtypes();
  s.gen = batch_norm_case;
  s.signed_zero = true;
  s.domain_notes = "var >= 0 (a variance); epsilon >= 1e-5 (batch_normalization_test raises below)";
  // Random graphs: a float value of rank >= 2 with a static channel count,
  // normalised with constant parameters (exact formula, no rounding needed).
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    std::vector<VarRef> fit;
    for (const auto& v : pool)
      if (is_float(v->type.dtype) && v->type.ndim() >= 2 && v->type.shape[1] && *v->type.shape[1] <= 8)
        fit.push_back(v);
    if (fit.empty()) return nullptr;
    VarRef x = *rc::gen::elementOf(fit);
    const int64_t c = *x->type.shape[1];
    const auto param = [&](double lo) {
      Tensor p(x->type.dtype, {c});
      for (int64_t i = 0; i < c; ++i) p.set_from_double(i, lo + static_cast<double>(*rc::gen::inRange(0, 4)));
      return pt::constant(p);
    };
    return pt::batch_norm(x, param(-1), param(-2), param(-2), param(0), *rc::gen::element(1e-5, 1e-3, 1.0));
  };
  return s;
}

const SampleSpecRegistrar kBatchNormalization(batch_norm_spec());

}  // namespace
}  // namespace ptonnx::gen
