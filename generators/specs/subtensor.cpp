// Sample specs of the indexing ops: Subtensor, IncSubtensor,
// AdvancedSubtensor1, AdvancedIncSubtensor1. The generators aim at what
// breaks conversions: negative and out-of-range slice bounds with negative
// steps, steps other than +-1, integer indices that drop axes, bounds and
// indices fed at run time (and as graph constants), zero-size results,
// unknown dims, duplicate indices, negative indices, broadcasting y. Index
// values PyTensor rejects (out of bounds, step 0) are drawn rarely: the
// oracle raises and the driver discards those cases.
#include <algorithm>

#include "core/error.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"
#include "graph/builder_shape.h"
#include "graph/builder_subtensor.h"

namespace ptonnx::gen {
namespace {

const std::vector<DType> kSigned = {DType::Int8, DType::Int16, DType::Int32, DType::Int64};
const std::vector<DType> kIndexDTypes = {DType::Int8,  DType::Int16,  DType::Int32,  DType::Int64,
                                         DType::UInt8, DType::UInt16, DType::UInt32, DType::UInt64};

// An index dtype that holds v (unsigned only for v >= 0).
DType index_dtype_for(int64_t v) { return *rc::gen::elementOf(v < 0 ? kSigned : kIndexDTypes); }

Tensor index_scalar(DType t, int64_t v) {
  Tensor s(t, {});
  s.set_from_double(0, static_cast<double>(v));
  return s;
}

// A bound or index: mostly in [-n-3, n+3] (out-of-range slice bounds clamp).
int64_t bound_value(int64_t n) { return *rc::gen::inRange<int64_t>(-n - 3, n + 4); }

// An integer index: valid ([-n, n)) except rarely (IndexError in PyTensor).
int64_t index_value(int64_t n) {
  if (n > 0 && *rc::gen::weightedElement<bool>({{19, true}, {1, false}})) return *rc::gen::inRange<int64_t>(-n, n);
  return *rc::gen::elementOf(std::vector<int64_t>{n, -n - 1});
}

// One bound of the idx_list: a constant in the string, or an index input
// (fed at run time, or a graph constant).
struct IndexBuilder {
  std::vector<IndexEntry> entries;
  std::vector<InputRecipe> inputs;

  IndexBound bound(int64_t v) {
    const int how = *rc::gen::weightedElement<int>({{3, 0}, {3, 1}, {1, 2}});
    if (how == 0) return IndexBound{IndexBound::Kind::Const, v};
    inputs.push_back(InputRecipe{index_scalar(index_dtype_for(v), v), {}, how == 2});
    return IndexBound{IndexBound::Kind::Input, static_cast<int64_t>(inputs.size() - 1)};
  }
  IndexBound maybe_bound(int64_t n) {
    if (*rc::gen::weightedElement<bool>({{1, true}, {2, false}})) return {};
    return bound(bound_value(n));
  }
  // Steps: +-1, +-2, +-3, absent; rarely 0 fed at run time (ValueError).
  IndexBound step() {
    const int64_t k = *rc::gen::weightedElement<int64_t>(
        {{3, 1}, {3, -1}, {2, 2}, {2, -2}, {1, 3}, {1, -3}, {3, 99}, {1, 0}});
    if (k == 99) return {};
    if (k == 0) {
      inputs.push_back(InputRecipe{index_scalar(index_dtype_for(0), 0), {}, false});
      return IndexBound{IndexBound::Kind::Input, static_cast<int64_t>(inputs.size() - 1)};
    }
    return bound(k);
  }
  void add(int64_t n) {
    IndexEntry e;
    e.is_slice = n == 0 || *rc::gen::weightedElement<bool>({{3, true}, {1, false}});
    if (!e.is_slice) {
      e.index = bound(index_value(n));
    } else {
      e.start = maybe_bound(n);
      e.stop = maybe_bound(n);
      e.step = step();
    }
    entries.push_back(e);
  }
};

// Concrete values of the bounds, for computing the region y must fit.
std::optional<int64_t> value_of(const IndexBound& b, const std::vector<InputRecipe>& in) {
  if (b.kind == IndexBound::Kind::Const) return b.value;
  if (b.kind == IndexBound::Kind::Input) return in[static_cast<size_t>(b.value)].value.get_as_int64(0);
  return std::nullopt;
}

// The region's shape (NumPy slicing), or nullopt when PyTensor raises.
std::optional<Shape> region_of(const Shape& xs, const IndexBuilder& ib) {
  Shape out;
  for (size_t d = 0; d < xs.size(); ++d) {
    const int64_t n = xs[d];
    if (d >= ib.entries.size()) {
      out.push_back(n);
      continue;
    }
    const IndexEntry& e = ib.entries[d];
    if (!e.is_slice) {
      const int64_t i = *value_of(e.index, ib.inputs);
      if (i < -n || i >= n) return std::nullopt;
      continue;
    }
    const int64_t k = value_of(e.step, ib.inputs).value_or(1);
    if (k == 0) return std::nullopt;
    auto adj = [&](std::optional<int64_t> v, int64_t absent) {
      if (!v) return absent;
      if (*v < 0) return *v + n < 0 ? (k < 0 ? int64_t{-1} : int64_t{0}) : *v + n;
      return *v >= n ? (k < 0 ? n - 1 : n) : *v;
    };
    const int64_t s = adj(value_of(e.start, ib.inputs), k < 0 ? n - 1 : 0);
    const int64_t t = adj(value_of(e.stop, ib.inputs), k < 0 ? -1 : n);
    out.push_back(k > 0 ? (t > s ? (t - s - 1) / k + 1 : 0) : (s > t ? (s - t - 1) / (-k) + 1 : 0));
  }
  return out;
}

// y for a region: a trailing part of its shape, some dims 1 (broadcast).
// Dims of y that are 1 are declared statically 1 (AdvancedIncSubtensor1
// refuses runtime broadcasting of dims not known to be 1).
InputRecipe update_for(DType t, const Shape& region, bool static_length) {
  const size_t drop = *rc::gen::inRange<size_t>(0, region.size() + 1);
  Shape ys(region.begin() + static_cast<std::ptrdiff_t>(drop), region.end());
  for (auto& d : ys)
    if (*rc::gen::weightedElement<bool>({{1, true}, {3, false}})) d = 1;
  StaticShape ss = *static_view(ys);
  for (size_t i = 0; i < ys.size(); ++i)
    if (ys[i] == 1 || (static_length && i == 0 && drop == 0)) ss[i] = ys[i];
  return InputRecipe{*tensor(t, ys), ss, false};
}

InputRecipe x_input(DType t, const Shape& xs) { return InputRecipe{*tensor(t, xs), *static_view(xs), false}; }

rc::Gen<Case> basic_case(DType t, bool inc) {
  return rc::gen::exec([t, inc] {
    const Shape xs = *shape(ShapeLimits{4, 5, 48});
    IndexBuilder ib;
    const size_t n_entries = *rc::gen::inRange<size_t>(0, xs.size() + 1);
    for (size_t d = 0; d < n_entries; ++d) ib.add(xs[d]);
    OpRecipe r{inc ? "IncSubtensor" : "Subtensor", {x_input(t, xs)}, {{"idx_list", format_index_list(ib.entries)}}};
    if (inc) {
      const auto region = region_of(xs, ib);
      r.inputs.push_back(region ? update_for(t, *region, false) : InputRecipe{*tensor(t, {}), {}, false});
      r.attrs["set_instead_of_inc"] = int64_t{*rc::gen::arbitrary<bool>() ? 1 : 0};
    }
    r.inputs.insert(r.inputs.end(), ib.inputs.begin(), ib.inputs.end());
    return build_case(r);
  });
}

// An index vector for a first dim of n: small values so duplicates are
// common, negative ones too; rarely out of range.
Tensor index_vector(int64_t n, int64_t k) {
  std::vector<int64_t> v;
  for (int64_t j = 0; j < k; ++j) v.push_back(index_value(n));
  int64_t lo = 0;
  for (int64_t x : v) lo = std::min(lo, x);
  const DType dt = index_dtype_for(lo);
  Tensor out(dt, {k});
  for (int64_t j = 0; j < k; ++j) out.set_from_double(j, static_cast<double>(v[static_cast<size_t>(j)]));
  return out;
}

rc::Gen<Case> advanced_case(DType t, bool inc) {
  return rc::gen::exec([t, inc] {
    Shape xs = *shape(ShapeLimits{3, 5, 48});
    if (xs.empty()) xs.push_back(*rc::gen::inRange<int64_t>(0, 5));
    // No rows: only the empty index is valid.
    const int64_t k = xs[0] == 0 ? 0 : *rc::gen::inRange<int64_t>(0, 7);
    const Tensor idx = index_vector(xs[0], k);
    // Exact float np.add.at before opset 16 needs a static index length.
    const bool static_k = is_float(t) || *rc::gen::arbitrary<bool>();
    InputRecipe idx_in{idx, static_k ? StaticShape{k} : StaticShape{std::nullopt},
                       *rc::gen::weightedElement<bool>({{1, true}, {3, false}})};
    OpRecipe r{inc ? "AdvancedIncSubtensor1" : "AdvancedSubtensor1", {x_input(t, xs)}, {}};
    if (inc) {
      Shape region = xs;
      region[0] = k;
      r.inputs.push_back(update_for(t, region, static_k));
      r.attrs["set_instead_of_inc"] = int64_t{*rc::gen::arbitrary<bool>() ? 1 : 0};
    }
    r.inputs.push_back(idx_in);
    return build_case(r);
  });
}

// ---- grow: indices that cannot raise whatever the run-time dims ----

// A slice bound of value v: mostly in idx_list; a quarter of the time an
// index input instead (the converter reads a constant input's value, or
// emits Cast + Reshape for a fed one), a constant of a drawn integer dtype
// or, for a non-negative start/stop of an x with a dim, Shape_i(x, 0) read
// at run time (a slice clamps it, so it cannot raise).
IndexBound grow_bound(int64_t v, bool may_run_time, const VarRef& x, std::vector<VarRef>& extra) {
  if (*rc::gen::weightedElement<bool>({{3, true}, {1, false}})) return IndexBound{IndexBound::Kind::Const, v};
  if (may_run_time && x->type.ndim() > 0 && *rc::gen::arbitrary<bool>())
    extra.push_back(pt::shape_i(x, 0));
  else
    extra.push_back(make_constant(index_scalar(index_dtype_for(v), v)));
  return IndexBound{IndexBound::Kind::Input, static_cast<int64_t>(extra.size() - 1)};
}

IndexEntry grow_slice(const VarRef& x, std::vector<VarRef>& extra) {
  IndexEntry e;
  e.is_slice = true;
  auto b = [&] {
    const int64_t v = *rc::gen::elementOf(std::vector<int64_t>{0, 1, -1, 2, -2, 7, -7, 99});
    return v == 99 ? IndexBound{} : grow_bound(v, true, x, extra);
  };
  e.start = b();
  e.stop = b();
  const int64_t k = *rc::gen::elementOf(std::vector<int64_t>{1, -1, 2, -2, 99});
  if (k != 99) e.step = grow_bound(k, false, x, extra);
  return e;
}

std::vector<IndexEntry> grow_index(const VarRef& x, std::vector<VarRef>& extra) {
  std::vector<IndexEntry> entries;
  const size_t n = *rc::gen::inRange<size_t>(0, static_cast<size_t>(x->type.ndim()) + 1);
  for (size_t d = 0; d < n; ++d) {
    const StaticDim dim = x->type.shape[d];
    // Integer indices only where the dim is known to be non-empty.
    if (dim && *dim > 0 && *rc::gen::weightedElement<bool>({{1, true}, {2, false}})) {
      entries.push_back(IndexEntry{false, {IndexBound::Kind::Const, *rc::gen::inRange<int64_t>(-*dim, *dim)}, {}, {}, {}});
      continue;
    }
    entries.push_back(grow_slice(x, extra));
  }
  return entries;
}

VarRef scalar_like(DType t) { return make_constant(Tensor::scalar(t, *rc::gen::element(0.0, 1.0, 2.0))); }

// A 0-d pool value of another dtype that widens exactly to t, cast to t:
// the IR takes y only in x's dtype (check_update: PyTensor's perform casts
// differently for set, inc and 0-d x), so "a y of another dtype" reaches a
// graph as this Cast, with values read at run time. nullptr when the pool
// has none.
VarRef cast_scalar_from_pool(const std::vector<VarRef>& pool, DType t) {
  std::vector<VarRef> fit;
  for (const auto& v : pool)
    if (v->type.ndim() == 0 && v->type.dtype != t && promote(v->type.dtype, t) == t) fit.push_back(v);
  if (fit.empty()) return nullptr;
  return pt::cast(*rc::gen::elementOf(fit), std::string(dtype_name(t)));
}

// Small exact values of t (the update of an inc is one addition; small
// values keep its rounding the same in every implementation).
VarRef small_constant(DType t, const Shape& s) {
  ValueDomain d;
  d.min = t == DType::Bool || is_unsigned_integer(t) ? 0 : -4;
  d.max = t == DType::Bool ? 1 : 4;
  d.allow_nan = false;
  d.allow_inf = false;
  d.integral_only = true;
  return make_constant(*tensor(t, s, d));
}

VarRef grow_subtensor(const std::vector<VarRef>& pool) {
  VarRef x = *rc::gen::elementOf(pool);
  std::vector<VarRef> extra;
  const std::string idx = format_index_list(grow_index(x, extra));
  std::vector<VarRef> inputs{x};
  inputs.insert(inputs.end(), extra.begin(), extra.end());
  return apply_op1("Subtensor", inputs, {{"idx_list", idx}});
}

// y: a 0-d constant, the region x[idx] itself (region-shaped whatever the
// run-time dims: the converter Expands y to Shape(region), which a 0-d y
// never tests), a 0-d pool value of another dtype cast to x's, or a small
// constant of a trailing part of the region's shape with some dims 1 and
// 1 for every dim not known statically (a lower-rank y that broadcasts
// whatever the run-time dims; its 1s are static).
VarRef grow_inc_subtensor(const std::vector<VarRef>& pool) {
  VarRef x = *rc::gen::elementOf(pool);
  std::vector<VarRef> extra;
  const std::string idx = format_index_list(grow_index(x, extra));
  std::vector<VarRef> region_inputs{x};
  region_inputs.insert(region_inputs.end(), extra.begin(), extra.end());
  VarRef y;
  switch (*rc::gen::inRange(0, 4)) {
    case 1: y = apply_op1("Subtensor", region_inputs, {{"idx_list", idx}}); break;
    case 2: y = cast_scalar_from_pool(pool, x->type.dtype); break;
    case 3: {
      const StaticShape region = apply_op1("Subtensor", region_inputs, {{"idx_list", idx}})->type.shape;
      if (region.empty()) break;
      Shape ys;
      for (size_t d = *rc::gen::inRange<size_t>(0, region.size()); d < region.size(); ++d)
        ys.push_back(!region[d] || *rc::gen::weightedElement<bool>({{1, true}, {3, false}}) ? 1 : *region[d]);
      y = small_constant(x->type.dtype, ys);
      break;
    }
    default: break;
  }
  if (!y) y = scalar_like(x->type.dtype);
  std::vector<VarRef> inputs{x, y};
  inputs.insert(inputs.end(), extra.begin(), extra.end());
  return apply_op1("IncSubtensor", inputs,
                   {{"idx_list", idx}, {"set_instead_of_inc", int64_t{*rc::gen::arbitrary<bool>() ? 1 : 0}}});
}

// Rows 0 and -1 exist whenever x has a row; a graph whose x has none at
// run time is discarded (IndexError), which is rare. k = 0 (an empty
// index) is valid for every x. The dtype is any integer dtype that holds
// the values (unsigned only without negatives): the converter casts it.
VarRef grow_index_vector(const VarRef& x, int64_t k) {
  const StaticDim n = x->type.shape[0];
  std::vector<int64_t> v;
  for (int64_t j = 0; j < k; ++j)
    v.push_back(n && *n > 0 ? *rc::gen::inRange<int64_t>(-*n, *n) : *rc::gen::elementOf(std::vector<int64_t>{0, -1}));
  Tensor t(index_dtype_for(v.empty() ? 0 : *std::min_element(v.begin(), v.end())), {k});
  for (int64_t j = 0; j < k; ++j) t.set_from_double(j, static_cast<double>(v[static_cast<size_t>(j)]));
  return make_constant(t);
}

int64_t grow_index_length() { return *rc::gen::weightedElement<int64_t>({{1, 0}, {2, 1}, {2, 2}, {2, 3}, {2, 4}}); }

// An index whose length only the run time knows: i[:Shape_i(i, 0)], the
// whole of i, through a slice bound the static type cannot read (a Reshape
// would not do: the builder deduces the one unknown dim of a static i).
VarRef hide_length(const VarRef& i) {
  IndexEntry e;
  e.is_slice = true;
  e.stop = IndexBound{IndexBound::Kind::Input, 0};
  return apply_op1("Subtensor", {i, pt::shape_i(i, 0)}, {{"idx_list", format_index_list({e})}});
}

std::vector<VarRef> with_rows(const std::vector<VarRef>& pool) {
  std::vector<VarRef> out;
  for (const auto& v : pool)
    if (v->type.ndim() >= 1) out.push_back(v);
  return out;
}

VarRef grow_advanced_subtensor1(const std::vector<VarRef>& pool) {
  const auto xs = with_rows(pool);
  if (xs.empty()) return nullptr;
  VarRef x = *rc::gen::elementOf(xs);
  return apply_op1("AdvancedSubtensor1", {x, grow_index_vector(x, grow_index_length())});
}

// y: a 0-d constant; rows of x itself taken by another index of the same
// length (y of the region's shape [K, x.shape[1:]]); one row-shaped
// constant [x.shape[1:]] broadcast over the K rows when those dims are
// static; or a 0-d pool value of another dtype cast to x's. The index
// length is hidden from the static type a quarter of the time, except for
// a float inc: exact np.add.at before opset 16 needs it static (the
// converter refuses it otherwise).
VarRef grow_advanced_inc_subtensor1(const std::vector<VarRef>& pool) {
  const auto xs = with_rows(pool);
  if (xs.empty()) return nullptr;
  VarRef x = *rc::gen::elementOf(xs);
  const DType t = x->type.dtype;
  const bool set = *rc::gen::arbitrary<bool>();
  const int64_t k = grow_index_length();
  VarRef i = grow_index_vector(x, k);
  const bool hidden = (set || !is_float(t)) && *rc::gen::weightedElement<bool>({{1, true}, {3, false}});
  if (hidden) i = hide_length(i);
  VarRef y;
  switch (*rc::gen::inRange(0, 4)) {
    case 1: y = apply_op1("AdvancedSubtensor1", {x, hidden ? i : grow_index_vector(x, k)}); break;
    case 2: {
      Shape rest;
      for (size_t d = 1; d < x->type.shape.size(); ++d)
        if (x->type.shape[d]) rest.push_back(*x->type.shape[d]);
      if (x->type.ndim() >= 2 && rest.size() + 1 == x->type.shape.size()) y = small_constant(t, rest);
      break;
    }
    case 3: y = cast_scalar_from_pool(pool, t); break;
    default: break;
  }
  if (!y) y = scalar_like(t);
  return apply_op1("AdvancedIncSubtensor1", {x, y, i}, {{"set_instead_of_inc", int64_t{set ? 1 : 0}}});
}

SampleSpec spec(const std::string& op, std::function<rc::Gen<Case>(DType)> gen,
                std::function<VarRef(const std::vector<VarRef>&)> grow, std::string notes) {
  SampleSpec s;
  s.op = op;
  s.dtypes = all_dtypes();
  s.gen = std::move(gen);
  s.grow = std::move(grow);
  s.domain_notes = std::move(notes);
  return s;
}

const std::string kIndexNotes =
    "index values out of bounds and step 0 are drawn rarely (PyTensor raises; discarded); run-time bounds stay "
    "within [-n-3, n+3] so the exported arithmetic on them cannot overflow";

const SampleSpecRegistrar kSubtensor(spec("Subtensor", [](DType t) { return basic_case(t, false); },
                                          grow_subtensor, kIndexNotes));
const SampleSpecRegistrar kIncSubtensor(spec("IncSubtensor", [](DType t) { return basic_case(t, true); },
                                             grow_inc_subtensor, kIndexNotes + "; y has x's dtype"));
const SampleSpecRegistrar kAdvancedSubtensor1(spec("AdvancedSubtensor1", [](DType t) { return advanced_case(t, false); },
                                                   grow_advanced_subtensor1, kIndexNotes));
const SampleSpecRegistrar kAdvancedIncSubtensor1(spec(
    "AdvancedIncSubtensor1", [](DType t) { return advanced_case(t, true); }, grow_advanced_inc_subtensor1,
    kIndexNotes + "; float index vectors have a static length (exact float np.add.at before opset 16 unrolls it: "
                  "an unknown length is refused there)"));

}  // namespace
}  // namespace ptonnx::gen
