// Sample spec of Unique (pytensor/tensor/extra_ops.py), every dtype.
//
// What the generators reach: x of rank 0..3 (flattened: axis=None), dims of
// 0 and 1, unknown dims (the export cannot size its sort statically), values
// full of duplicates from the sorting trap set (several NaNs, which NumPy
// 1.24 collapses into one, -0.0 beside 0.0, +-inf, integer extremes, uint64
// at and above 2^63) and small ties; every combination of return_index,
// return_inverse and return_counts.
//
// Not generated: an axis. The converter refuses it (UnsupportedError); the
// IR and the oracle model it (rows, NaN rows never equal).
#include "core/error.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/specs/sort_values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

rc::Gen<Case> unique_case(DType t) {
  return rc::gen::exec([t] {
    ShapeLimits lim;
    lim.max_rank = 3;
    lim.max_elements = 24;
    const Shape shape = *gen::shape(lim);
    const Tensor x = *sort_values(t, shape);
    const bool idx = *rc::gen::arbitrary<bool>(), inv = *rc::gen::arbitrary<bool>(), cnt = *rc::gen::arbitrary<bool>();
    std::vector<VarRef> inputs;
    std::vector<Tensor> values;
    VarRef xv;
    if (*rc::gen::weightedElement<bool>({{6, false}, {1, true}})) {
      xv = make_constant(x, "c0");
    } else {
      xv = make_input("x0", TensorType{t, *static_view(shape)});
      inputs.push_back(xv);
      values.push_back(x);
    }
    auto outs = pt::unique(xv, idx, inv, cnt);
    for (size_t i = 0; i < outs.size(); ++i) outs[i]->name = "out" + std::to_string(i);
    Case c{std::make_shared<FunctionGraph>(inputs, outs), values, ""};
    c.label = "Unique(" + x.describe() + " " + x.values_to_string(12) + ") return_index=" + std::to_string(idx) +
              " return_inverse=" + std::to_string(inv) + " return_counts=" + std::to_string(cnt);
    return c;
  });
}

// Random graphs: the unique values, inverse or counts of a pool value.
VarRef unique_grow(const std::vector<VarRef>& pool) {
  VarRef x = *rc::gen::elementOf(pool);
  const int which = *rc::gen::inRange(0, 4);
  try {
    auto outs = pt::unique(x, which == 1, which == 2, which == 3);
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
  s.domain_notes = "axis=None only (the converter refuses an axis); every value";
  return s;
}

const SampleSpecRegistrar kUnique(unique_spec());

}  // namespace
}  // namespace ptonnx::gen
