// Sample spec of Conv2D (pytensor conv2d, AbstractConv2d), float16/32/64.
//
// What the generator reaches: batch 1-2; num_groups 1-3 with 1-3 input and
// output channels per group (channels 1..9 in all, depthwise included);
// kernels 1x1 to 4x4, often non-square and asymmetric in value (so a
// missing flip shows); small and odd spatial sizes 1-7, kernels larger than
// the input under 'full' and 'half'; border_mode valid, full, half,
// symmetric (int, int) and asymmetric ((l, r), (l, r)) pads; strides and
// dilations 1-3 that leave partial windows (dropped by the floor);
// filter_flip False now and then; a kernel of another float dtype (the
// output keeps the input's); unknown static dims; constant kernels.
// Domain: finite values in [-8, 8]. PyTensor multiplies the zeros of the
// dilated kernel and of the padded border by the input, so an inf there
// gives NaN, where ONNX Conv never reads those taps.
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

ValueDomain finite_domain() {
  ValueDomain d;
  d.min = -8.0;
  d.max = 8.0;
  d.allow_nan = false;
  d.allow_inf = false;
  return d;
}

rc::Gen<int64_t> small(int64_t lo, int64_t hi) { return rc::gen::inRange<int64_t>(lo, hi + 1); }

int64_t dilated(int64_t k, int64_t d) { return (k - 1) * d + 1; }

rc::Gen<Case> conv_case(DType t) {
  return rc::gen::exec([t] {
    const int64_t n = *small(1, 2), groups = *rc::gen::weightedElement<int64_t>({{4, 1}, {2, 2}, {1, 3}});
    const int64_t cg = *small(1, 3), og = *small(1, 3);
    const int64_t h = *small(1, 7), w = *small(1, 7), kh = *small(1, 4), kw = *small(1, 4);
    const std::vector<int64_t> sub{*rc::gen::weightedElement<int64_t>({{3, 1}, {2, 2}, {1, 3}}),
                                   *rc::gen::weightedElement<int64_t>({{3, 1}, {2, 2}, {1, 3}})};
    const std::vector<int64_t> dil{*rc::gen::weightedElement<int64_t>({{4, 1}, {2, 2}, {1, 3}}),
                                   *rc::gen::weightedElement<int64_t>({{4, 1}, {2, 2}, {1, 3}})};
    Attributes a{{"subsample", sub}, {"filter_dilation", dil}, {"num_groups", groups}};
    if (*rc::gen::weightedElement<bool>({{5, false}, {1, true}})) a["filter_flip"] = int64_t{0};
    const int mode = *rc::gen::weightedElement<int>({{3, 0}, {2, 1}, {2, 2}, {2, 3}, {1, 4}});
    std::vector<int64_t> pads;
    if (mode == 3) pads = {*small(0, 2), *small(0, 2)};
    if (mode == 4) pads = {*small(0, 2), *small(0, 2), *small(0, 2), *small(0, 2)};
    const int64_t top = pads.empty() ? 0 : pads[0], bottom = pads.size() == 4 ? pads[1] : top;
    const int64_t left = pads.empty() ? 0 : pads.size() == 4 ? pads[2] : pads[1];
    const int64_t right = pads.size() == 4 ? pads[3] : left;
    const bool fits = h + top + bottom >= dilated(kh, dil[0]) && w + left + right >= dilated(kw, dil[1]);
    // A kernel larger than the (padded) input has no valid window: such
    // draws take 'full', which always has one.
    const std::string border = !fits ? "full" : mode == 0 ? "valid" : mode == 1 ? "full" : mode == 2 ? "half" : "pads";
    a["border_mode"] = border;
    if (border == "pads") a["pads"] = pads;
    const DType kt =
        *rc::gen::weightedElement<DType>({{6, t}, {1, DType::Float16}, {1, DType::Float32}, {1, DType::Float64}});
    const Shape xs{n, groups * cg, h, w}, ks{groups * og, cg, kh, kw};
    InputRecipe x{*tensor(t, xs, finite_domain()), *static_view(xs), false};
    InputRecipe k{*tensor(kt, ks, finite_domain()), StaticShape(ks.begin(), ks.end()), false};
    // The converter needs the kernel's spatial dims for full/half pads.
    if (border == "valid" || border == "pads") k.static_shape = *static_view(ks);
    k.constant = *rc::gen::weightedElement<bool>({{2, false}, {1, true}});
    return build_case(OpRecipe{"Conv2D", {x, k}, a});
  });
}

SampleSpec conv_spec() {
  SampleSpec s;
  s.op = "Conv2D";
  s.dtypes = float_dtypes();
  s.gen = conv_case;
  s.domain_notes =
      "finite values in [-8, 8]: PyTensor multiplies the dilated kernel's zeros and the zero border by the input, "
      "so an inf there gives NaN where ONNX Conv skips the tap";
  // Random graphs: a float value of static shape viewed as one NCHW row
  // (1, 1, 1, numel), convolved with a small constant kernel of integers
  // under 'half' or 'full' (always a window), then rounded: the oracle's
  // and the runtime's sums differ in order, and Round keeps later ops from
  // amplifying that (see elemwise_tier5_math.cpp).
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    std::vector<VarRef> fit;
    for (const auto& v : pool) {
      if (!is_float(v->type.dtype)) continue;
      bool known = true;
      int64_t numel = 1;
      for (const auto& d : v->type.shape) known = known && d, numel *= d.value_or(0);
      if (known && numel > 0) fit.push_back(v);
    }
    if (fit.empty()) return nullptr;
    VarRef x = *rc::gen::elementOf(fit);
    int64_t numel = 1;
    for (const auto& d : x->type.shape) numel *= *d;
    const int64_t kw = *small(1, 3);
    Tensor k(x->type.dtype, {1, 1, 1, kw});
    for (int64_t i = 0; i < kw; ++i) k.set_from_double(i, static_cast<double>(*small(-2, 2)));
    pt::Conv2DOptions o;
    o.border_mode = *rc::gen::element<std::string>("half", "full");
    return pt::round(pt::conv2d(pt::reshape(x, {1, 1, 1, numel}), pt::constant(k), o));
  };
  return s;
}

const SampleSpecRegistrar kConv2D(conv_spec());

}  // namespace
}  // namespace ptonnx::gen
