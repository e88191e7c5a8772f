// Sample spec of Unique (pytensor/tensor/extra_ops.py), every dtype.
//
// What the generators reach: x of rank 0..3 (flattened: axis=None), dims of
// 0 and 1, unknown dims (the export cannot size its sort statically), values
// full of duplicates from the sorting trap set (several NaNs, which NumPy
// 1.24 collapses into one, -0.0 beside 0.0, +-inf, integer extremes, uint64
// at and above 2^63) and small ties; every combination of return_index,
// return_inverse and return_counts.
//
// One case in three has an axis (written +/-): unique rows of the
// axis-first array, the other dims static, 1..3 long (the converter
// unrolls the columns; a dynamic or empty row is refused), rows holding
// NaN never equal.
#include <algorithm>

#include "core/error.h"
#include "generators/sample_spec.h"
#include "generators/specs/tie_values.h"
#include "generators/shapes.h"
#include "generators/specs/shape_common.h"
#include "generators/specs/sort_values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

rc::Gen<Case> unique_case(DType t) {
  return rc::gen::exec([t] {
    ShapeLimits lim;
    lim.max_rank = 3;
    lim.max_elements = 24;
    Shape shape = *gen::shape(lim);
    // One case in three: an axis, with the other dims static and nonzero
    // (the converter unrolls the columns of the rows).
    std::optional<int64_t> axis;
    if (!shape.empty() && *rc::gen::weightedElement<bool>({{2, false}, {1, true}})) {
      const auto r = static_cast<int64_t>(shape.size());
      axis = *rc::gen::inRange<int64_t>(-r, r);
      const int64_t a = *axis < 0 ? *axis + r : *axis;
      for (int64_t d = 0; d < r; ++d)
        if (d != a) shape[static_cast<size_t>(d)] = std::max<int64_t>(1, std::min<int64_t>(shape[static_cast<size_t>(d)], 3));
    }
    const Tensor x = *sort_values(t, shape);
    StaticShape st = *static_view(shape);
    if (axis)
      for (size_t d = 0; d < shape.size(); ++d)
        if (static_cast<int64_t>(d) != (*axis < 0 ? *axis + static_cast<int64_t>(shape.size()) : *axis))
          st[d] = shape[d];
    const bool idx = *rc::gen::arbitrary<bool>(), inv = *rc::gen::arbitrary<bool>(), cnt = *rc::gen::arbitrary<bool>();
    std::vector<VarRef> inputs;
    std::vector<Tensor> values;
    VarRef xv;
    if (*rc::gen::weightedElement<bool>({{6, false}, {1, true}})) {
      xv = make_constant(x, "c0");
    } else {
      xv = make_input("x0", TensorType{t, st});
      inputs.push_back(xv);
      values.push_back(x);
    }
    auto outs = pt::unique(xv, idx, inv, cnt, axis);
    for (size_t i = 0; i < outs.size(); ++i) outs[i]->name = "out" + std::to_string(i);
    Case c{std::make_shared<FunctionGraph>(inputs, outs), values, ""};
    c.label = "Unique(" + x.describe() + " " + x.values_to_string(12) + ") return_index=" + std::to_string(idx) +
              " return_inverse=" + std::to_string(inv) + " return_counts=" + std::to_string(cnt) +
              " axis=" + (axis ? std::to_string(*axis) : std::string("None"));
    return c;
  });
}

// Random graphs: the unique values, inverse or counts of a pool value.
// A third of the time along an axis (pt.unique(x, axis=a): unique
// sub-arrays, the converter's other form), when x's other dims are static
// and nonzero, as the domain requires.
VarRef unique_grow(const std::vector<VarRef>& pool) {
  VarRef x = tie_prone(*rc::gen::elementOf(pool));
  const int which = *rc::gen::inRange(0, 4);
  std::optional<int64_t> axis;
  if (x->type.ndim() > 0 && x->type.fully_static() && *rc::gen::weightedElement<bool>({{2, false}, {1, true}})) {
    bool nonzero = true;
    for (const auto& d : x->type.shape) nonzero = nonzero && *d > 0;
    if (nonzero) axis = shape_specs::axis_in(x->type.ndim());
  }
  try {
    auto outs = pt::unique(x, which == 1, which == 2, which == 3, axis);
    return outs.back();
  } catch (const TypeError&) {
    return nullptr;
  }
}

SampleSpec unique_spec() {
  SampleSpec s;
  s.op = "Unique";
  s.dtypes = all_dtypes();
  s.gen = unique_case;
  s.grow = unique_grow;
  s.domain_notes = "every value; with an axis, the other dims static and nonzero (the converter refuses a dynamic or "
                   "empty row)";
  return s;
}

const SampleSpecRegistrar kUnique(unique_spec());

}  // namespace
}  // namespace ptonnx::gen
