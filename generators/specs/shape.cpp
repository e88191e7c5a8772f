// Sample specs of the shape ops: Shape, Shape_i, SpecifyShape, Reshape,
// DimShuffle, Squeeze, ExpandDims. They reach what breaks converters:
// unknown (None) dims that need runtime shape computation, zero-size dims,
// Reshape with -1 and with literal 0s from constant, fed and computed
// (Shape of another tensor) shapes, DimShuffles that drop and insert dims
// at once, negative axes. Grow functions keep random graphs valid: Reshape
// to a permutation of a known size, flattening or to Shape(x); DimShuffle
// and Squeeze drop statically-1 dims only.
#include <algorithm>

#include "core/error.h"
#include "generators/specs/shape_common.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

using namespace shape_specs;

// A shape with extra weight on zero-size and length-1 dims.
Shape draw_shape(int min_rank = 0) {
  Shape s = *rc::gen::suchThat(gen::shape(), [min_rank](const Shape& v) { return static_cast<int>(v.size()) >= min_rank; });
  if (!s.empty() && *rc::gen::weightedElement<bool>({{4, false}, {1, true}}))
    s[*rc::gen::inRange<size_t>(0, s.size())] = 0;
  for (auto& d : s)
    if (*rc::gen::weightedElement<bool>({{3, false}, {1, true}})) d = 1;
  return s;
}

rc::Gen<Case> simple_case(const std::string& op, DType t, int min_rank,
                          std::function<Attributes(const Shape&)> attrs) {
  return rc::gen::exec([=] {
    CaseBuilder b;
    const Shape s = draw_shape(min_rank);
    const Attributes a = attrs(s);
    VarRef y = apply_op1(op, {b.feed(*tensor(t, s))}, a);
    std::string extra;
    for (const auto& [k, v] : a) extra += k + "=" + attr_to_string(v) + " ";
    return b.finish({y}, describe(op, b.values, extra));
  });
}

SampleSpec spec(const std::string& op, std::function<rc::Gen<Case>(DType)> g,
                std::function<VarRef(const std::vector<VarRef>&)> grow) {
  SampleSpec s;
  s.op = op;
  s.dtypes = all_dtypes();
  s.gen = std::move(g);
  s.grow = std::move(grow);
  return s;
}

VarRef pick(const std::vector<VarRef>& pool, int min_rank = 0) {
  std::vector<VarRef> fit;
  for (const auto& v : pool)
    if (v->type.ndim() >= min_rank) fit.push_back(v);
  return fit.empty() ? nullptr : *rc::gen::elementOf(fit);
}

SampleSpec shape_spec() {
  return spec(
      "Shape", [](DType t) { return simple_case("Shape", t, 0, [](const Shape&) { return Attributes{}; }); },
      [](const std::vector<VarRef>& pool) { return pt::shape(pick(pool)); });
}

SampleSpec shape_i_spec() {
  auto attrs = [](const Shape& s) { return Attributes{{"i", axis_in(static_cast<int64_t>(s.size()))}}; };
  return spec(
      "Shape_i", [attrs](DType t) { return simple_case("Shape_i", t, 1, attrs); },
      [](const std::vector<VarRef>& pool) -> VarRef {
        VarRef x = pick(pool, 1);
        return x ? pt::shape_i(x, axis_in(x->type.ndim())) : nullptr;
      });
}

// Shape(x) with one entry negated (x static, no zero dim): a target known
// only at run time whose negative entry NumPy takes as the unknown dim
// (any negative, not only -1) and whose other entries are x's dims.
VarRef negated_shape(const VarRef& x) {
  std::vector<int64_t> signs(static_cast<size_t>(x->type.ndim()), 1);
  signs[*rc::gen::inRange<size_t>(0, signs.size())] = -1;
  return pt::mul(pt::shape(x), make_constant(int_vector(signs)));
}

bool static_nonempty(const VarRef& x) {
  if (!x->type.fully_static() || x->type.ndim() == 0) return false;
  for (const auto& d : x->type.shape)
    if (*d == 0) return false;
  return true;
}

// Each dim specified (its true size) or None; the input's static view is
// random, so specified-but-unknown dims need the runtime check.
SampleSpec specify_shape_spec() {
  auto attrs = [](const Shape& s) {
    std::vector<int64_t> spec;
    for (int64_t d : s) spec.push_back(*rc::gen::arbitrary<bool>() ? d : -1);
    return Attributes{{"shape", spec}};
  };
  return spec(
      "SpecifyShape", [attrs](DType t) { return simple_case("SpecifyShape", t, 0, attrs); },
      [](const std::vector<VarRef>& pool) {
        VarRef x = pick(pool);
        std::vector<std::optional<int64_t>> s(x->type.shape.begin(), x->type.shape.end());
        // Half the time the dims are hidden first (a Reshape to a target
        // known only at run time), so SpecifyShape states what the static
        // type does not know and the converter's run-time check is in
        // graphs too; otherwise it restates the static shape (Identity).
        if (static_nonempty(x) && *rc::gen::arbitrary<bool>())
          return pt::specify_shape(pt::reshape(x, negated_shape(x), x->type.ndim()), s);
        return pt::specify_shape(x, s);
      });
}

// k dims whose product is numel: numel's prime factors spread at random;
// for numel == 0, small dims with at least one 0.
std::vector<int64_t> target_dims(int64_t numel, int64_t k) {
  std::vector<int64_t> dims(static_cast<size_t>(k), 1);
  if (numel == 0) {
    for (auto& d : dims) d = *rc::gen::inRange<int64_t>(0, 4);
    dims[*rc::gen::inRange<int64_t>(0, k)] = 0;
    return dims;
  }
  int64_t n = numel;
  for (int64_t p = 2; n > 1; ++p)
    for (; n % p == 0; n /= p) dims[*rc::gen::inRange<int64_t>(0, k)] *= p;
  return dims;
}

// A signed integer dtype (PyTensor's Reshape takes int8..int64) that holds
// every entry of `dims`.
DType shape_dtype(const std::vector<int64_t>& dims) {
  std::vector<DType> fit;
  for (DType t : {DType::Int8, DType::Int16, DType::Int32, DType::Int64}) {
    const double lim = t == DType::Int8 ? 127 : t == DType::Int16 ? 32767 : 2147483647.0;
    if (std::all_of(dims.begin(), dims.end(), [lim](int64_t d) { return static_cast<double>(d) <= lim; }))
      fit.push_back(t);
  }
  return *rc::gen::elementOf(fit);
}

// The shape operand: a constant or a fed vector of a drawn signed integer
// dtype, or Shape(y) of another input whose shape is the target. The
// unknown dim is written -1, -2 or -128: NumPy takes any negative for it
// (shape.c _fix_unknown_dimension), ONNX only -1.
VarRef shape_operand(CaseBuilder& b, std::vector<int64_t> dims, std::string& how) {
  const int source = *rc::gen::weightedElement<int>({{3, 0}, {2, 1}, {2, 2}});
  const bool numel_known = std::find(dims.begin(), dims.end(), 0) == dims.end();
  if (source != 2 && !dims.empty() && numel_known && *rc::gen::weightedElement<bool>({{2, false}, {1, true}}))
    dims[*rc::gen::inRange<size_t>(0, dims.size())] = *rc::gen::element<int64_t>(-1, -2, -128);
  if (source == 0) {
    how = "constant shape";
    return make_constant(int_vector(dims, shape_dtype(dims)));
  }
  if (source == 1) {
    how = "fed shape";
    return b.feed(int_vector(dims, shape_dtype(dims)));
  }
  how = "shape computed by Shape(y)";
  return pt::shape(b.feed(*tensor(*rc::gen::elementOf(all_dtypes()), Shape(dims.begin(), dims.end()))));
}

rc::Gen<Case> reshape_case(DType t) {
  return rc::gen::exec([t] {
    CaseBuilder b;
    const Shape s = draw_shape();
    VarRef x = b.feed(*tensor(t, s));
    const int64_t numel = shape_numel(s);
    const int64_t k = numel == 1 ? *rc::gen::inRange<int64_t>(0, 5) : *rc::gen::inRange<int64_t>(1, 5);
    std::string how;
    VarRef shp = shape_operand(b, target_dims(numel, k), how);
    return b.finish({pt::reshape(x, shp, k)}, describe("Reshape", b.values, how));
  });
}

// Flatten, Reshape to Shape(x), or (static x) to a permutation of its dims;
// or to a constant target of another rank (with -1, -2 or -128 for one
// dim, in a drawn signed dtype; a literal 0 when x is empty) reshaped back
// to x's shape, or to Shape(x) with one entry negated at run time.
VarRef reshape_grow(const std::vector<VarRef>& pool) {
  VarRef x = pick(pool);
  const int how = *rc::gen::inRange(0, 5);
  if (how == 0) return pt::reshape(x, std::vector<int64_t>{-1});
  if (how == 3 && x->type.fully_static()) {
    int64_t numel = 1;
    for (const auto& d : x->type.shape) numel *= *d;
    std::vector<int64_t> dims = target_dims(numel, *rc::gen::inRange<int64_t>(1, 5));
    if (numel > 0 && *rc::gen::arbitrary<bool>())
      dims[*rc::gen::inRange<size_t>(0, dims.size())] = *rc::gen::element<int64_t>(-1, -2, -128);
    VarRef y = pt::reshape(x, make_constant(int_vector(dims, shape_dtype(dims))), static_cast<int64_t>(dims.size()));
    std::vector<int64_t> back;
    for (const auto& d : x->type.shape) back.push_back(*d);
    return pt::reshape(y, back);
  }
  if (how == 4 && static_nonempty(x)) return pt::reshape(x, negated_shape(x), x->type.ndim());
  if (how != 2 || !x->type.fully_static()) return pt::reshape(x, pt::shape(x), x->type.ndim());
  std::vector<int64_t> dims;
  for (int64_t i : permutation(x->type.ndim())) dims.push_back(*x->type.shape[i]);
  return pt::reshape(x, dims);
}

// Drops some length-1 dims, shuffles the rest, inserts 0-2 'x'.
std::vector<int64_t> draw_order(const StaticShape& s, bool shuffle) {
  std::vector<int64_t> kept;
  for (int64_t d = 0; d < static_cast<int64_t>(s.size()); ++d)
    if (s[d] != 1 || !*rc::gen::arbitrary<bool>()) kept.push_back(d);
  std::vector<int64_t> order;
  if (shuffle)
    for (int64_t i : permutation(static_cast<int64_t>(kept.size()))) order.push_back(kept[i]);
  else
    order = kept;
  for (int n = *rc::gen::inRange(0, 3); n > 0; --n)
    order.insert(order.begin() + *rc::gen::inRange<int64_t>(0, static_cast<int64_t>(order.size()) + 1), -1);
  return order;
}

SampleSpec dimshuffle_spec() {
  auto attrs = [](const Shape& s) {
    return Attributes{{"new_order", draw_order(StaticShape(s.begin(), s.end()), true)}};
  };
  return spec(
      "DimShuffle", [attrs](DType t) { return simple_case("DimShuffle", t, 0, attrs); },
      [](const std::vector<VarRef>& pool) {
        VarRef x = pick(pool);
        return pt::dimshuffle(x, draw_order(x->type.shape, *rc::gen::weightedElement<bool>({{3, false}, {1, true}})));
      });
}

// Explicit axes among the length-1 dims (some negative), or axis=None
// resolved by the builder to the statically-1 dims.
rc::Gen<Case> squeeze_case(DType t) {
  return rc::gen::exec([t] {
    CaseBuilder b;
    const Shape s = draw_shape();
    VarRef x = b.feed(*tensor(t, s));
    if (*rc::gen::weightedElement<bool>({{2, false}, {1, true}}))
      return b.finish({pt::squeeze(x)}, describe("Squeeze", b.values, "axis=None"));
    std::vector<int64_t> axes;
    const auto n = static_cast<int64_t>(s.size());
    for (int64_t d = 0; d < n; ++d)
      if (s[d] == 1 && *rc::gen::arbitrary<bool>()) axes.push_back(*rc::gen::arbitrary<bool>() ? d - n : d);
    return b.finish({pt::squeeze(x, axes)}, describe("Squeeze", b.values, "explicit axes"));
  });
}

rc::Gen<Case> expand_dims_case(DType t) {
  return rc::gen::exec([t] {
    CaseBuilder b;
    const Shape s = draw_shape();
    const int64_t k = *rc::gen::inRange<int64_t>(1, 3), out_ndim = static_cast<int64_t>(s.size()) + k;
    std::vector<int64_t> axes;
    for (int64_t p : permutation(out_ndim))
      if (static_cast<int64_t>(axes.size()) < k) axes.push_back(*rc::gen::arbitrary<bool>() ? p - out_ndim : p);
    return b.finish({pt::expand_dims(b.feed(*tensor(t, s)), axes)}, describe("ExpandDims", b.values, ""));
  });
}

VarRef expand_dims_grow(const std::vector<VarRef>& pool) {
  VarRef x = pick(pool);
  // A quarter of the time several axes at once (distinct positions of the
  // output, some negative), as the converter normalizes a list of them
  // against the output rank, not the input's.
  if (*rc::gen::weightedElement<bool>({{3, false}, {1, true}})) {
    const int64_t k = *rc::gen::inRange<int64_t>(2, 4), out_ndim = x->type.ndim() + k;
    std::vector<int64_t> axes;
    for (int64_t p : permutation(out_ndim))
      if (static_cast<int64_t>(axes.size()) < k) axes.push_back(*rc::gen::arbitrary<bool>() ? p - out_ndim : p);
    return pt::expand_dims(x, axes);
  }
  // Mostly a left pad (broadcast-compatible with the rest of the graph).
  const int64_t n = x->type.ndim() + 1;
  return pt::expand_dims(x, {*rc::gen::weightedElement<bool>({{3, false}, {1, true}}) ? axis_in(n) : 0});
}

// axis=None (the statically-1 dims), or half the time an explicit subset
// of them, each written negative half the time: the converter's axis
// normalization is then in graphs. Only statically-1 dims: a dim unknown
// statically may be anything at run time.
VarRef squeeze_grow(const std::vector<VarRef>& pool) {
  VarRef x = pick(pool);
  const int64_t n = x->type.ndim();
  std::vector<int64_t> ones;
  for (int64_t d = 0; d < n; ++d)
    if (x->type.shape[static_cast<size_t>(d)] == 1) ones.push_back(d);
  if (ones.empty()) return nullptr;
  if (*rc::gen::arbitrary<bool>()) return pt::squeeze(x);
  std::vector<int64_t> axes;
  for (int64_t d : ones)
    if (*rc::gen::weightedElement<bool>({{2, true}, {1, false}}))
      axes.push_back(*rc::gen::arbitrary<bool>() ? d - n : d);
  return pt::squeeze(x, axes);
}

const SampleSpecRegistrar kShape(shape_spec());
const SampleSpecRegistrar kShapeI(shape_i_spec());
const SampleSpecRegistrar kSpecifyShape(specify_shape_spec());
const SampleSpecRegistrar kReshape(spec("Reshape", reshape_case, reshape_grow));
const SampleSpecRegistrar kDimShuffle(dimshuffle_spec());
const SampleSpecRegistrar kSqueeze(spec("Squeeze", squeeze_case, squeeze_grow));
const SampleSpecRegistrar kExpandDims(spec("ExpandDims", expand_dims_case, expand_dims_grow));

}  // namespace
}  // namespace ptonnx::gen
