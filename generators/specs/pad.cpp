// Sample spec of Pad (tier 5; pt.pad), every dtype, every mode pt.pad
// computes: constant, edge, wrap, symmetric, reflect, maximum, minimum,
// mean, linear_ramp (median and reflect_type='odd' raise
// NotImplementedError in pt.pad).
//
// What the generators reach: ranks 0..4, dims 0..5 (size-0 axes in
// constant mode; in the other modes an empty axis with a nonzero width
// raises in NumPy and PyTensor, and max/min raise on any empty axis, so
// those get size 1 instead); widths 0, 1, 2, dim-1, dim, dim+1 and 2 dim+1
// per side (beyond the dim: wrap, symmetric and reflect fold repeatedly;
// reflect on a length-1 axis), every pad_width form pt.pad broadcasts
// ((), (1,), (2,), (1, 2), (ndim, 1), (ndim, 2)) in int8..int64/uint8,
// constant or fed (unknown output dims); constant_values / end_values
// absent, 0-d, (2,) or (ndim, 2) of any dtype (NaN, inf, integer extremes,
// cast to floatX); stat_length absent or 0..4 per side (0: a mean of nothing is
// NaN; max/min get >= 1); the generic edge values of x (NaN in max/min).
#include <array>
#include <functional>

#include "core/error.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

const std::vector<std::string> kModes{"constant", "edge",    "wrap",    "symmetric",  "reflect",
                                      "maximum",  "minimum", "mean",    "linear_ramp"};

// A (ndim, 2) table in one of pt.pad's broadcast forms: the value to feed
// and the full table it stands for.
struct Table {
  Tensor value;
  std::vector<std::array<int64_t, 2>> full;
};

Table table(DType t, int64_t ndim, const std::function<int64_t(int64_t)>& draw) {
  const int form = *rc::gen::inRange(0, 6);
  Shape s;
  switch (form) {
    case 0: s = {}; break;
    case 1: s = {1}; break;
    case 2: s = {2}; break;
    case 3: s = {1, 2}; break;
    case 4: s = {ndim, 1}; break;
    default: s = {ndim, 2}; break;
  }
  Table tb{Tensor(t, s), {}};
  const Shape& vs = tb.value.shape();
  std::vector<int64_t> raw(static_cast<size_t>(tb.value.numel()));
  for (size_t i = 0; i < raw.size(); ++i) {
    // The row of (d, k) an entry stands for: draw for a typical axis.
    const int64_t d = vs.size() == 2 && vs[0] == ndim ? static_cast<int64_t>(i) / vs[1] : 0;
    raw[i] = draw(d);
    tb.value.set_from_double(static_cast<int64_t>(i), static_cast<double>(raw[i]));
  }
  for (int64_t d = 0; d < ndim; ++d) {
    std::array<int64_t, 2> row{};
    for (int64_t k = 0; k < 2; ++k) {
      int64_t i = 0;
      if (vs.size() == 1) i = vs[0] == 1 ? 0 : k;
      if (vs.size() == 2) i = (vs[0] == 1 ? 0 : d) * vs[1] + (vs[1] == 1 ? 0 : k);
      row[static_cast<size_t>(k)] = raw[static_cast<size_t>(i)];
    }
    tb.full.push_back(row);
  }
  return tb;
}

rc::Gen<Case> pad_case(DType t) {
  return rc::gen::exec([t] {
    const std::string mode = *rc::gen::elementOf(kModes);
    Shape shape = *gen::shape();
    const int64_t ndim = static_cast<int64_t>(shape.size());
    const bool stat = mode == "maximum" || mode == "minimum" || mode == "mean";
    if (mode == "maximum" || mode == "minimum")
      for (auto& d : shape) d = std::max<int64_t>(d, 1);
    // Small widths when the padded array would grow large.
    const bool small = ndim >= 3;
    auto width = [&](int64_t d) -> int64_t {
      const int64_t n = ndim == 0 ? 1 : shape[static_cast<size_t>(d)];
      const int64_t w = *rc::gen::weightedElement<int64_t>(
          {{4, 0}, {3, 1}, {2, 2}, {1, std::max<int64_t>(n - 1, 0)}, {1, n}, {1, n + 1}, {1, 2 * n + 1}});
      return small ? std::min<int64_t>(w, 1) : w;
    };
    const DType wt = *rc::gen::elementOf(std::vector<DType>{DType::Int8, DType::Int16, DType::Int32, DType::Int64,
                                                            DType::UInt8});
    Table widths = table(wt, ndim, width);
    if (mode != "constant")
      for (int64_t d = 0; d < ndim; ++d)
        if (shape[static_cast<size_t>(d)] == 0 && (widths.full[static_cast<size_t>(d)][0] > 0 ||
                                                   widths.full[static_cast<size_t>(d)][1] > 0))
          shape[static_cast<size_t>(d)] = 1;
    Attributes attrs{{"mode", mode}};
    if ((mode == "symmetric" || mode == "reflect") && *rc::gen::arbitrary<bool>())
      attrs["reflect_type"] = std::string("even");
    OpRecipe r{"Pad", {}, attrs};
    r.inputs.push_back(InputRecipe{*tensor(t, shape), *static_view(shape), false});
    const bool constant_widths = *rc::gen::arbitrary<bool>();
    r.inputs.push_back(InputRecipe{widths.value, *static_view(widths.value.shape()), constant_widths});
    if ((mode == "constant" || mode == "linear_ramp") && *rc::gen::weightedElement<bool>({{3, true}, {1, false}})) {
      const DType ct = *rc::gen::elementOf(all_dtypes());
      const int form = *rc::gen::inRange(0, 3);
      const Shape cs = form == 0 ? Shape{} : form == 1 ? Shape{2} : Shape{ndim, 2};
      r.inputs.push_back(InputRecipe{*tensor(ct, cs), *static_view(cs), *rc::gen::arbitrary<bool>()});
    }
    if (stat && *rc::gen::arbitrary<bool>()) {
      const int64_t lo = mode == "mean" ? 0 : 1;
      Table lengths = table(DType::Int64, ndim, [lo](int64_t) { return *rc::gen::inRange<int64_t>(lo, 5); });
      r.inputs.push_back(InputRecipe{lengths.value, *static_view(lengths.value.shape()), *rc::gen::arbitrary<bool>()});
    }
    return build_case(r);
  });
}

SampleSpec pad_spec() {
  SampleSpec s;
  s.op = "Pad";
  s.dtypes = all_dtypes();
  s.gen = pad_case;
  s.signed_zero = true;
  // Exact modes only (mean rounds): constant widths 0..2, so the graph's
  // sizes stay small. maximum/minimum only on static x with no empty axis
  // (their statistic of nothing raises); constant mode half the time with
  // a constant_values of a drawn dtype (Cast to the output dtype).
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    VarRef x = *rc::gen::elementOf(pool);
    std::vector<std::string> modes{"constant", "constant", "edge", "wrap", "symmetric", "reflect"};
    bool nonempty = x->type.fully_static();
    for (const auto& d : x->type.shape) nonempty = nonempty && d && *d > 0;
    if (nonempty) modes.insert(modes.end(), {"maximum", "minimum"});
    const std::string mode = *rc::gen::elementOf(modes);
    Tensor w(DType::Int64, {x->type.ndim(), 2});
    for (int64_t i = 0; i < w.numel(); ++i) w.set_from_double(i, static_cast<double>(*rc::gen::inRange(0, 3)));
    std::vector<VarRef> inputs{x, pt::constant(w)};
    if (mode == "constant" && *rc::gen::arbitrary<bool>()) {
      const DType ct = *rc::gen::elementOf(all_dtypes());
      const double v = is_float(ct) ? *rc::gen::element(0.0, -1.0, 2.5, -0.0) : *rc::gen::element(0.0, 1.0);
      inputs.push_back(pt::constant(Tensor::scalar(ct, v)));
    }
    return apply_op1("Pad", inputs, {{"mode", mode}});
  };
  s.domain_notes =
      "widths and stat_length >= 0 (np.pad raises); in every mode but constant an empty axis gets no width "
      "(NumPy: can't extend empty axis; PyTensor gathers out of bounds) and max/min get no empty axis (their "
      "statistic of nothing raises even for width 0)";
  return s;
}

const SampleSpecRegistrar kPad(pad_spec());

}  // namespace
}  // namespace ptonnx::gen
