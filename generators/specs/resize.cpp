// Sample spec of Resize (seed 004's integer upsampling): NCHW inputs with
// N 1..2, C 1..8, spatial dims 1..6, factors 1..3 per axis (1x1 = identity,
// 2x2 = YOLO's FPN upsample). nearest on every dtype (np.repeat copies
// values: NaN, infinities and integer extremes included); bilinear on
// float32/float64 with finite values (scipy.ndimage refuses float16, and
// 0 * inf in a zero-weight tap is NaN in one formula and not in another).
// Grow: nearest on any pool value, or bilinear on whole numbers scaled to
// an exactly computable result (see s.grow).
#include <algorithm>

#include "generators/specs/cnn_shapes.h"
#include "graph/builder.h"
#include "graph/builder_elemwise_exact.h"
#include "graph/builder_shape.h"
#include "graph/builder_special.h"

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

// A value of `pool` with a fully static shape and elements, or nullptr.
VarRef static_value(const std::vector<VarRef>& pool) {
  std::vector<VarRef> fit;
  for (const auto& v : pool)
    if (v->type.fully_static() && v->type.ndim() > 0) {
      int64_t numel = 1;
      for (const auto& d : v->type.shape) numel *= *d;
      if (numel > 0) fit.push_back(v);
    }
  return fit.empty() ? nullptr : *rc::gen::elementOf(fit);
}

// A divisor of v (> 0) no larger than `most`, drawn.
int64_t divisor(int64_t v, int64_t most) {
  std::vector<int64_t> ds;
  for (int64_t d = 1; d <= std::min(v, most); ++d)
    if (v % d == 0) ds.push_back(d);
  return *rc::gen::elementOf(ds);
}

// [1, c, h, w] holding v's elements (c <= 3, h <= 6).
std::vector<int64_t> nchw_view(const VarRef& v) {
  int64_t numel = 1;
  for (const auto& d : v->type.shape) numel *= *d;
  const int64_t c = divisor(numel, 3), h = divisor(numel / c, 6);
  return {1, c, h, numel / (c * h)};
}

SampleSpec resize_spec() {
  SampleSpec s;
  s.op = "Resize";
  s.dtypes = all_dtypes();
  s.gen = resize_case;
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    VarRef x = cnn::pick_nchw(pool, [](DType) { return true; });
    // 4-D pool values are rare in small graphs: half the time (and when
    // there is none) a value of static shape viewed as [1, c, h, w].
    if (!x || *rc::gen::arbitrary<bool>())
      if (VarRef v = static_value(pool)) x = pt::reshape(v, nchw_view(v));
    if (!x) return nullptr;
    Attributes a = resize_attrs(DType::Bool);  // nearest: np.repeat copies any value
    const auto& scale = attr_ints(a, "scale");
    // Bilinear output o along an axis of n samples (m = n * s outputs) is
    // x[i] + w (x[i + 1] - x[i]) with w = o (n - 1) / (m - 1) mod 1, whose
    // denominator is m - 1. So for whole-number x every output is a
    // multiple of 1 / D, D = (mh - 1)(mw - 1) (1 for a single output), and
    // round(D * out) is exact whatever the interpolation's rounding: the
    // exact value is a whole number, and the runtime's and the oracle's
    // errors (a few ulp of |x| <= 64 times D <= 256: below 0.05) stay far
    // from the tie at .5. Upstream NaN and inf are mapped first (NaN -> 0,
    // clip to +-64, round to whole numbers): a zero-weight tap times inf is
    // NaN in one interpolation formula and not in another.
    const int64_t d = std::max<int64_t>(*x->type.shape[2] * scale[0] - 1, 1) *
                      std::max<int64_t>(*x->type.shape[3] * scale[1] - 1, 1);
    if (d > 256 || *rc::gen::arbitrary<bool>()) return apply_op1("Resize", {x}, a);
    // bilinear takes float32/float64 (scipy.ndimage.zoom): other dtypes are
    // cast first (NaN, inf and huge values are mapped after the cast).
    const DType t = *rc::gen::element(DType::Float32, DType::Float64);
    const auto k = [t](double v) { return pt::constant(Tensor::scalar(t, v)); };
    VarRef f = x->type.dtype == t ? x : pt::cast(x, std::string(dtype_name(t)));
    f = pt::round(pt::clip(pt::switch_(pt::isnan(f), k(0.0), f), k(-64.0), k(64.0)));
    a["mode"] = std::string("bilinear");
    // + 0 clears -0.0 (round(-0.25) is -0.0): x0 + w (x1 - x0) and
    // (1 - w) x0 + w x1 give zeros of different signs there.
    return pt::round(apply_op1("Resize", {f}, a) * k(static_cast<double>(d))) + k(0.0);
  };
  s.domain_notes =
      "bilinear: finite values in [-1e6, 1e6] (a zero-weight tap times inf is NaN in one "
      "interpolation formula and not in another)";
  return s;
}

const SampleSpecRegistrar kResize(resize_spec());

}  // namespace
}  // namespace ptonnx::gen
