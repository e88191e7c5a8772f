// Sample specs of Join, Concatenate, Stack and Split. They reach: inputs of
// different dtypes (the upcast), zero-length pieces (rank-1 ones too),
// unknown dims, negative axes, 0-d inputs to Stack (MakeVector), uneven
// and zero-size Split pieces from constant or fed sizes. Grow functions
// join a value with itself and split along a known or computed size.
#include "core/error.h"
#include "generators/specs/shape_common.h"
#include "graph/builder.h"
#include "graph/builder_subtensor.h"

namespace ptonnx::gen {
namespace {

using namespace shape_specs;

// Input 0 has dtype t; the others keep it or (half the time) draw their own.
DType piece_dtype(DType t, size_t k) {
  return k == 0 || *rc::gen::arbitrary<bool>() ? t : *rc::gen::elementOf(all_dtypes());
}

// n tensors equal off `axis`, with 0-4 along it (often 0).
rc::Gen<Case> join_case(const std::string& op, DType t) {
  return rc::gen::exec([op, t] {
    CaseBuilder b;
    Shape base = *rc::gen::suchThat(gen::shape({3, 4, 24}), [](const Shape& s) { return !s.empty(); });
    const int64_t axis = axis_in(static_cast<int64_t>(base.size()));
    const size_t n = *rc::gen::inRange<size_t>(1, 4);
    std::vector<VarRef> parts;
    for (size_t k = 0; k < n; ++k) {
      Shape s = base;
      s[static_cast<size_t>(axis < 0 ? axis + static_cast<int64_t>(base.size()) : axis)] = *rc::gen::weightedElement<int64_t>({{1, 0}, {1, 1}, {2, 2}, {1, 3}});
      parts.push_back(b.feed_or_constant(*tensor(piece_dtype(t, k), s)));
    }
    const VarRef y = op == "Join" ? pt::join(axis, parts) : pt::concatenate(parts, axis);
    return b.finish({y}, describe(op, b.values, "axis=" + std::to_string(axis)));
  });
}

VarRef join_grow(const std::string& op, const std::vector<VarRef>& pool) {
  std::vector<VarRef> fit;
  for (const auto& v : pool)
    if (v->type.ndim() > 0) fit.push_back(v);
  if (fit.empty()) return nullptr;
  VarRef x = *rc::gen::elementOf(fit);
  const int64_t axis = axis_in(x->type.ndim());
  // Half the time the second part is x cast to a dtype x widens to
  // exactly, so the join upcasts (a Cast per part before Concat).
  VarRef y = x;
  if (*rc::gen::arbitrary<bool>()) {
    std::vector<DType> wider;
    for (DType d : all_dtypes())
      if (d != x->type.dtype && promote(x->type.dtype, d) == d) wider.push_back(d);
    if (!wider.empty()) y = pt::cast(x, std::string(dtype_name(*rc::gen::elementOf(wider))));
  }
  const bool swap = *rc::gen::arbitrary<bool>();
  std::vector<VarRef> parts = swap ? std::vector<VarRef>{y, x} : std::vector<VarRef>{x, y};
  // A third of the time a third part: a slice of x along the axis (first
  // row, all but the first, or reversed), so the parts differ in length
  // there and the output's length along the axis is a sum of unequal (maybe
  // zero, maybe unknown) lengths (review M1).
  if (*rc::gen::weightedElement<bool>({{2, false}, {1, true}})) {
    const int64_t r = x->type.ndim();
    std::vector<pt::Idx> index(static_cast<size_t>(axis < 0 ? axis + r : axis), pt::slice());
    switch (*rc::gen::inRange(0, 3)) {
      case 0: index.push_back(pt::slice(0, 1)); break;
      case 1: index.push_back(pt::slice(1)); break;
      default: index.push_back(pt::slice(std::nullopt, std::nullopt, -1)); break;
    }
    parts.insert(parts.begin() + *rc::gen::inRange<int64_t>(0, 3), pt::subtensor(x, index));
  }
  return op == "Join" ? pt::join(axis, parts) : pt::concatenate(parts, axis);
}

SampleSpec join_spec(const std::string& op) {
  SampleSpec s;
  s.op = op;
  s.dtypes = all_dtypes();
  s.gen = [op](DType t) { return join_case(op, t); };
  s.grow = [op](const std::vector<VarRef>& pool) { return join_grow(op, pool); };
  return s;
}

// n tensors of one shape (0-d ones: MakeVector), axis in [-(r+1), r].
rc::Gen<Case> stack_case(DType t) {
  return rc::gen::exec([t] {
    CaseBuilder b;
    const Shape s = *gen::shape({3, 4, 24});
    const size_t n = *rc::gen::inRange<size_t>(1, 4);
    const int64_t axis = axis_in(static_cast<int64_t>(s.size()) + 1);
    std::vector<VarRef> parts;
    for (size_t k = 0; k < n; ++k) parts.push_back(b.feed_or_constant(*tensor(piece_dtype(t, k), s)));
    return b.finish({pt::stack(parts, axis)}, describe("Stack", b.values, "axis=" + std::to_string(axis)));
  });
}

VarRef stack_grow(const std::vector<VarRef>& pool) {
  VarRef x = *rc::gen::elementOf(pool);
  VarRef y = *rc::gen::elementOf(pool);
  try {
    return pt::stack({x, y}, axis_in(x->type.ndim() + 1));
  } catch (const TypeError&) {
    return nullptr;  // ranks or static dims differ
  }
}

// Sizes summing to dim: n pieces, some empty, uneven.
std::vector<int64_t> partition(int64_t dim, int64_t n) {
  std::vector<int64_t> cuts{0, dim};
  for (int64_t i = 1; i < n; ++i) cuts.push_back(*rc::gen::inRange<int64_t>(0, dim + 1));
  std::sort(cuts.begin(), cuts.end());
  std::vector<int64_t> sizes;
  for (size_t i = 1; i < cuts.size(); ++i) sizes.push_back(cuts[i] - cuts[i - 1]);
  return sizes;
}

rc::Gen<Case> split_case(DType t) {
  return rc::gen::exec([t] {
    CaseBuilder b;
    Shape s = *rc::gen::suchThat(gen::shape({3, 4, 24}), [](const Shape& v) { return !v.empty(); });
    const int64_t axis = axis_in(static_cast<int64_t>(s.size()));
    int64_t& dim = s[static_cast<size_t>(axis < 0 ? axis + static_cast<int64_t>(s.size()) : axis)];
    dim = *rc::gen::inRange<int64_t>(0, 7);
    VarRef x = b.feed(*tensor(t, s));
    const int64_t n = *rc::gen::inRange<int64_t>(1, 5);
    const Tensor sizes = int_vector(partition(dim, n), *rc::gen::element(DType::Int64, DType::Int32, DType::UInt8));
    VarRef splits = *rc::gen::arbitrary<bool>() ? make_constant(sizes) : b.feed(sizes);
    auto outs = pt::split(x, splits, n, axis);
    return b.finish(outs, describe("Split", b.values, "n=" + std::to_string(n) + " axis=" + std::to_string(axis)));
  });
}

// Along a known dim: constant sizes; along an unknown one: a single piece
// sized by Stack(Shape_i(x, axis)).
VarRef split_grow(const std::vector<VarRef>& pool) {
  std::vector<VarRef> fit;
  for (const auto& v : pool)
    if (v->type.ndim() > 0) fit.push_back(v);
  if (fit.empty()) return nullptr;
  VarRef x = *rc::gen::elementOf(fit);
  const int64_t axis = axis_in(x->type.ndim());
  const StaticDim dim = x->type.shape[axis < 0 ? axis + x->type.ndim() : axis];
  if (!dim) return pt::split(x, pt::stack({pt::shape_i(x, axis)}), 1, axis)[0];
  const int64_t n = *rc::gen::inRange<int64_t>(1, 4);
  auto outs = pt::split(x, make_constant(int_vector(partition(*dim, n))), n, axis);
  return *rc::gen::elementOf(outs);
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

const SampleSpecRegistrar kJoin(join_spec("Join"));
const SampleSpecRegistrar kConcatenate(join_spec("Concatenate"));
const SampleSpecRegistrar kStack(spec("Stack", stack_case, stack_grow));
const SampleSpecRegistrar kSplit(spec("Split", split_case, split_grow));

}  // namespace
}  // namespace ptonnx::gen
