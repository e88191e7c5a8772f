// Sample spec of Resize (seed 004's integer upsampling): NCHW inputs with
// N 1..2, C 1..8, spatial dims 1..6, factors 1..3 per axis (1x1 = identity,
// 2x2 = YOLO's FPN upsample). nearest on every dtype (np.repeat copies
// values: NaN, infinities and integer extremes included); bilinear on
// float32/float64 with finite values (scipy.ndimage refuses float16, and
// 0 * inf in a zero-weight tap is NaN in one formula and not in another).
#include "generators/specs/cnn_shapes.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

Attributes resize_attrs(DType t) {
  const bool bilinear = (t == DType::Float32 || t == DType::Float64) && *rc::gen::arbitrary<bool>();
  return {{"scale", std::vector<int64_t>{*rc::gen::inRange<int64_t>(1, 4), *rc::gen::inRange<int64_t>(1, 4)}},
          {"mode", std::string(bilinear ? "bilinear" : "nearest")}};
}

rc::Gen<Case> resize_case(DType t) {
  return rc::gen::exec([t] {
    const Shape shape = cnn::nchw(false, 6);
    OpRecipe r{"Resize", {}, resize_attrs(t)};
    ValueDomain finite;
    finite.allow_nan = finite.allow_inf = false;
    finite.min = -1e6;
    finite.max = 1e6;
    const bool bilinear = attr_string(r.attrs, "mode") == "bilinear";
    r.inputs.push_back(InputRecipe{bilinear ? *tensor(t, shape, finite) : *tensor(t, shape), *static_view(shape),
                                   *rc::gen::weightedElement<bool>({{6, false}, {1, true}})});
    return build_case(r);
  });
}

SampleSpec resize_spec() {
  SampleSpec s;
  s.op = "Resize";
  s.dtypes = all_dtypes();
  s.gen = resize_case;
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    VarRef x = cnn::pick_nchw(pool, [](DType) { return true; });
    if (!x) return nullptr;
    // nearest only: upstream values may be infinite (see the bilinear domain).
    Attributes a = resize_attrs(DType::Bool);
    return apply_op1("Resize", {x}, a);
  };
  s.domain_notes =
      "bilinear: finite values in [-1e6, 1e6] (a zero-weight tap times inf is NaN in one "
      "interpolation formula and not in another)";
  return s;
}

const SampleSpecRegistrar kResize(resize_spec());

}  // namespace
}  // namespace ptonnx::gen
