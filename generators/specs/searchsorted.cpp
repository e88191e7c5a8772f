// Sample spec of SearchsortedOp (pytensor/tensor/extra_ops.py), over x's
// dtype, every dtype.
//
// What the generators reach: x of length 0..8 sorted in NumPy's order (NaN
// last) with many duplicates (the trap set and small ties of
// sort_values), or left unsorted with a sorter (np.argsort(x, kind=
// "stable"), int8..int64) one case in three; v of rank 0..4 (dims of 0 and
// 1, unknown dims), drawn from the same values so v hits x's elements,
// NaN, -0.0 against 0.0 and the integer extremes, in x's dtype or, one case
// in three, another dtype (NumPy compares in promote_types(x, v): uint64
// with int64 in float64, float16 with int16 in float32); side left/right.
//
// Value domain: x (x[sorter]) sorted, as np.searchsorted requires (for an
// unsorted x the result is an artefact of the binary search, which the
// export does not model); a sorter is a permutation of x's indices (NumPy
// raises for an index out of range).
#include "core/error.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/specs/sort_values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

rc::Gen<Case> searchsorted_case(DType t) {
  return rc::gen::exec([t] {
    const int64_t n = *rc::gen::inRange<int64_t>(0, 9);
    Tensor x = *sort_values(t, {n});
    const std::vector<int64_t> order = numpy_sort_order(x);
    const bool with_sorter = *rc::gen::weightedElement<bool>({{2, false}, {1, true}});
    Tensor sorter;
    if (with_sorter) {
      sorter = Tensor(*rc::gen::elementOf(std::vector<DType>{DType::Int8, DType::Int16, DType::Int32, DType::Int64}),
                      {n});
      for (int64_t i = 0; i < n; ++i) sorter.set_from_double(i, static_cast<double>(order[static_cast<size_t>(i)]));
    } else {
      x = take(x, order);
    }
    const bool other = *rc::gen::weightedElement<bool>({{2, false}, {1, true}});
    const DType vt = other ? *rc::gen::elementOf(all_dtypes()) : t;
    ShapeLimits lim;
    lim.max_elements = 24;
    const Shape vs = *gen::shape(lim);
    const Tensor v = *sort_values(vt, vs);
    const std::string side = *rc::gen::elementOf(std::vector<std::string>{"left", "right"});

    std::vector<VarRef> inputs;
    std::vector<Tensor> values;
    auto feed = [&](const std::string& name, const Tensor& value, StaticShape st) {
      if (*rc::gen::weightedElement<bool>({{6, false}, {1, true}})) return make_constant(value, name);
      auto var = make_input(name, TensorType{value.dtype(), std::move(st)});
      inputs.push_back(var);
      values.push_back(value);
      return var;
    };
    VarRef xv = feed("x0", x, *static_view(x.shape()));
    VarRef vv = feed("x1", v, *static_view(vs));
    VarRef sv = with_sorter ? feed("x2", sorter, *static_view(sorter.shape())) : nullptr;
    VarRef y = pt::searchsorted(xv, vv, side, sv);
    y->name = "out0";
    Case c{std::make_shared<FunctionGraph>(inputs, std::vector<VarRef>{y}), values, ""};
    c.label = "SearchsortedOp(x=" + x.describe() + " " + x.values_to_string(12) + ", v=" + v.describe() + " " +
              v.values_to_string(12) + (with_sorter ? ", sorter=" + sorter.values_to_string(12) : "") +
              ") side=" + side;
    return c;
  });
}

// Random graphs: a pool value sorted and flattened (pt.sort(axis=None), so
// the searched vector is sorted by construction) searched for another pool
// value; or, half the time, the pool value flattened but unsorted with a
// sorter: its stable argsort (a permutation of the flat indices that sorts
// it in NumPy's order, NaN last), sometimes cast to a narrower signed
// dtype (a flattened pool value has far fewer than 2^15 elements), so the
// converter's Gather through the sorter is in graphs.
VarRef searchsorted_grow(const std::vector<VarRef>& pool) {
  VarRef x = *rc::gen::elementOf(pool);
  VarRef v = *rc::gen::elementOf(pool);
  const std::string side = *rc::gen::elementOf(std::vector<std::string>{"left", "right"});
  try {
    if (*rc::gen::arbitrary<bool>()) {
      VarRef sorter = pt::argsort(x, std::nullopt, "stable");
      const std::string to = *rc::gen::element<std::string>("int64", "int32", "int16");
      if (to != "int64") sorter = pt::cast(sorter, to);
      return pt::searchsorted(pt::reshape(x, std::vector<int64_t>{-1}), v, side, sorter);
    }
    return pt::searchsorted(pt::sort(x, std::nullopt, "quicksort"), v, side);
  } catch (const TypeError&) {
    return nullptr;
  }
}

SampleSpec searchsorted_spec() {
  SampleSpec s;
  s.op = "SearchsortedOp";
  s.dtypes = all_dtypes();
  s.gen = searchsorted_case;
  s.grow = searchsorted_grow;
  s.domain_notes = "x (x[sorter]) sorted in NumPy's order, as np.searchsorted requires (the export counts, the "
                   "binary search of an unsorted x is not modelled); a sorter is a permutation of x's indices";
  return s;
}

const SampleSpecRegistrar kSearchsortedOp(searchsorted_spec());

}  // namespace
}  // namespace ptonnx::gen
