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
#include <algorithm>

#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"
#include "graph/builder_elemwise_exact.h"
#include "graph/builder_special.h"

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

// ---- grow ------------------------------------------------------------------

// The float values of `pool` with a fully static shape and elements.
std::vector<VarRef> static_floats(const std::vector<VarRef>& pool) {
  std::vector<VarRef> fit;
  for (const auto& v : pool) {
    if (!is_float(v->type.dtype)) continue;
    bool known = true;
    int64_t numel = 1;
    for (const auto& d : v->type.shape) known = known && d, numel *= d.value_or(0);
    if (known && numel > 0) fit.push_back(v);
  }
  return fit;
}

// A divisor of v (> 0) no larger than `most`, drawn.
int64_t divisor(int64_t v, int64_t most) {
  std::vector<int64_t> ds;
  for (int64_t d = 1; d <= std::min(v, most); ++d)
    if (v % d == 0) ds.push_back(d);
  return *rc::gen::elementOf(ds);
}

int64_t largest_divisor(int64_t v, int64_t most) {
  int64_t d = std::min(v, most);
  while (v % d != 0) --d;
  return d;
}

// x with NaN -> 0, clipped to [-16, 16] and rounded to whole numbers. With
// kernels of integers in [-2, 2] and at most 6 x 3 x 3 taps, every partial
// sum is a whole number below 2^11, exact in float16 too: the summation
// order (open in ONNX) cannot matter, and no inf meets the zeros PyTensor
// multiplies at the dilated kernel's holes and the padded border (inf * 0
// = NaN there, where ONNX Conv skips the tap).
VarRef whole_numbers(const VarRef& x) {
  const auto k = [&](double v) { return pt::constant(Tensor::scalar(x->type.dtype, v)); };
  return pt::round(pt::clip(pt::switch_(pt::isnan(x), k(0.0), x), k(-16.0), k(16.0)));
}

// Random graphs, two forms, each rounded after (the oracle's and the
// runtime's sums differ in order; Round keeps later ops from amplifying
// that, see elemwise_tier5_math.cpp):
// - a float value of static shape as one NCHW row (1, 1, 1, numel), raw
//   (NaN and inf included), with a [1, 1, 1, kw] constant kernel under
//   'half' or 'full' (no hole in the kernel, no padded tap skipped);
// - its whole numbers (whole_numbers) viewed as [n, c, h, w] (its own
//   shape when 4-D, else a factorisation of numel with c <= 6), under every
//   border mode with strides, dilations, groups, filter_flip False, a kernel
//   of another float dtype, and now and then a kernel whose spatial dims are
//   known only at run time (Reshape to its own Shape times 1: the converter's
//   pin_rank path; 'valid' or explicit pads only, as it documents).
VarRef conv_grow(const std::vector<VarRef>& pool) {
  const std::vector<VarRef> fit = static_floats(pool);
  if (fit.empty()) return nullptr;
  const VarRef x = *rc::gen::elementOf(fit);
  std::vector<int64_t> dims;
  int64_t numel = 1;
  for (const auto& d : x->type.shape) dims.push_back(*d), numel *= *d;
  const DType t = x->type.dtype;
  if (*rc::gen::weightedElement<bool>({{1, true}, {2, false}})) {
    const int64_t kw = *small(1, 3);
    Tensor k(t, {1, 1, 1, kw});
    for (int64_t i = 0; i < kw; ++i) k.set_from_double(i, static_cast<double>(*small(-2, 2)));
    pt::Conv2DOptions o;
    o.border_mode = *rc::gen::element<std::string>("half", "full");
    return pt::round(pt::conv2d(pt::reshape(x, {1, 1, 1, numel}), pt::constant(k), o));
  }
  Shape s = dims;
  if (dims.size() != 4 || dims[1] > 6 || *rc::gen::arbitrary<bool>()) {
    // Half the time the most channels (and so groups) numel allows.
    const int64_t c = *rc::gen::arbitrary<bool>() ? divisor(numel, 6) : largest_divisor(numel, 6);
    const int64_t n = *rc::gen::arbitrary<bool>() ? divisor(numel / c, 2) : largest_divisor(numel / c, 2);
    const int64_t h = divisor(numel / (c * n), 8);
    s = {n, c, h, numel / (c * n * h)};
  }
  pt::Conv2DOptions o;
  o.num_groups = *rc::gen::arbitrary<bool>() ? divisor(s[1], 3) : largest_divisor(s[1], 3);
  o.subsample = {*small(1, 2), *small(1, 2)};
  o.filter_dilation = {*small(1, 2), *small(1, 2)};
  o.filter_flip = *rc::gen::weightedElement<bool>({{3, true}, {1, false}});
  int64_t kh = *small(1, 3), kw = *small(1, 3);
  const bool fed = *rc::gen::weightedElement<bool>({{3, false}, {1, true}});
  const int mode = *rc::gen::inRange(fed ? 2 : 0, 5);  // full, half, valid, (rows, cols), 4 pads
  std::vector<int64_t> pads;
  if (mode == 3) pads = {*small(0, 2), *small(0, 2)};
  if (mode == 4) pads = {*small(0, 2), *small(0, 2), *small(0, 2), *small(0, 2)};
  const bool four = pads.size() == 4;
  const int64_t top = pads.empty() ? 0 : pads[0], bottom = four ? pads[1] : top;
  const int64_t left = pads.empty() ? 0 : four ? pads[2] : pads[1], right = four ? pads[3] : left;
  bool fits = mode < 2 || (s[2] + top + bottom >= dilated(kh, o.filter_dilation[0]) &&
                           s[3] + left + right >= dilated(kw, o.filter_dilation[1]));
  if (!fits && fed) kh = kw = 1, o.filter_dilation = {1, 1}, fits = true;  // a 1 x 1 kernel fits every input
  if (mode == 0 || !fits)
    o.border_mode = "full";  // always a window
  else if (mode == 1)
    o.border_mode = "half";  // always a window too
  else if (mode == 2)
    o.border_mode = "valid";
  else
    o.pads = pads;
  const DType kt =
      *rc::gen::weightedElement<DType>({{3, t}, {1, DType::Float16}, {1, DType::Float32}, {1, DType::Float64}});
  const int64_t og = *small(1, 2);
  Tensor k(kt, {o.num_groups * og, s[1] / o.num_groups, kh, kw});
  for (int64_t i = 0; i < k.numel(); ++i) k.set_from_double(i, static_cast<double>(*small(-2, 2)));
  VarRef kernel = pt::constant(k);
  // Reshape(k, Shape(k)) would fold to k's static dims; times ones, the
  // target is known only at run time.
  const VarRef ones = pt::constant(Tensor::from_vector(DType::Int64, {4}, std::vector<int64_t>{1, 1, 1, 1}));
  if (fed) kernel = pt::reshape(kernel, pt::shape(kernel) * ones, 4);
  // + 0 clears -0.0 (whole numbers hold -0.0): the sign of a zero sum
  // depends on where the summation starts.
  const VarRef y = pt::round(pt::conv2d(pt::reshape(whole_numbers(x), s), kernel, o));
  return y + pt::constant(Tensor::scalar(t, 0.0));
}

SampleSpec conv_spec() {
  SampleSpec s;
  s.op = "Conv2D";
  s.dtypes = float_dtypes();
  s.gen = conv_case;
  s.domain_notes =
      "finite values in [-8, 8]: PyTensor multiplies the dilated kernel's zeros and the zero border by the input, "
      "so an inf there gives NaN where ONNX Conv skips the tap";
  s.grow = conv_grow;
  return s;
}

const SampleSpecRegistrar kConv2D(conv_spec());

}  // namespace
}  // namespace ptonnx::gen
