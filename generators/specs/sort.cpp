// Sample specs of SortOp and ArgSortOp (pytensor/tensor/sort.py), every
// dtype.
//
// What the generators reach, because sorting exports break there: axis
// None (pt.sort(x, axis=None): a flattening Reshape first, from any rank
// including 0-d), every axis of ranks 1..4 written positive or negative,
// dims of 0 and 1 (an empty axis, empty other axes), unknown (None) dims
// (the export then cannot take k from the static type), all four kinds,
// and values with many ties: small whole numbers, the trap set (NaN, +-inf,
// -0.0 beside 0.0, the integer extremes, uint64 at and above 2^63, int64
// min and max), and the full edge-case domain of gen::tensor. No value
// domain is excluded: sorting is defined on every value.
//
// ArgSortOp's properties compare a quicksort/heapsort result as a valid
// permutation (check/sort_invariants.cpp); its grow function uses the stable
// kinds only, since in a random graph the indices are compared elementwise.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/error.h"
#include "generators/sample_spec.h"
#include "generators/specs/tie_values.h"
#include "generators/shapes.h"
#include "generators/specs/sort_values.h"
#include "generators/values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

const std::vector<std::string> kKinds{"quicksort", "mergesort", "heapsort", "stable"};

// Element i of t set to trap value number `which` for its dtype.
void store_trap(Tensor& t, int64_t i, int which) {
  const double inf = std::numeric_limits<double>::infinity();
  switch (t.dtype()) {
    case DType::Float16:
    case DType::Float32:
    case DType::Float64: {
      const double v[] = {std::nan(""), -0.0, 0.0, inf, -inf, 1.0, -1.0, -std::nan("")};
      t.set_from_double(i, v[which % 8]);
      return;
    }
    case DType::Int64: {
      const int64_t lo = std::numeric_limits<int64_t>::min(), hi = std::numeric_limits<int64_t>::max();
      const int64_t v[] = {lo, hi, 0, -1, 1, lo + 1, hi - 1, 0};
      t.data<int64_t>()[i] = v[which % 8];
      return;
    }
    case DType::UInt64: {
      const uint64_t top = uint64_t{1} << 63, all = std::numeric_limits<uint64_t>::max();
      const uint64_t v[] = {0, all, top, top - 1, top + 1, 1, all - 1, top};
      t.data<uint64_t>()[i] = v[which % 8];
      return;
    }
    case DType::Bool:
      t.data<uint8_t>()[i] = static_cast<uint8_t>(which % 2);
      return;
    default: {  // 8..32-bit ints: min, max, 0, -1 (wraps to max for unsigned), 1
      const int64_t lo = t.dtype() == DType::Int8    ? -128
                         : t.dtype() == DType::Int16 ? -32768
                         : t.dtype() == DType::Int32 ? std::numeric_limits<int32_t>::min()
                                                     : 0;
      const int64_t hi = t.dtype() == DType::Int8     ? 127
                         : t.dtype() == DType::Int16  ? 32767
                         : t.dtype() == DType::Int32  ? std::numeric_limits<int32_t>::max()
                         : t.dtype() == DType::UInt8  ? 255
                         : t.dtype() == DType::UInt16 ? 65535
                                                      : std::numeric_limits<uint32_t>::max();
      const int64_t v[] = {lo, hi, 0, lo == 0 ? hi : -1, 1, lo + 1, hi - 1, 0};
      t.set_from_double(i, static_cast<double>(v[which % 8]));
      return;
    }
  }
}

}  // namespace

rc::Gen<Tensor> sort_values(DType t, const Shape& shape) {
  ValueDomain ties;
  ties.min = -2;
  ties.max = 2;
  ties.integral_only = true;
  auto traps = rc::gen::exec([t, shape] {
    Tensor x(t, shape);
    for (int64_t i = 0; i < x.numel(); ++i) store_trap(x, i, *rc::gen::inRange(0, 8));
    return x;
  });
  return rc::gen::weightedOneOf<Tensor>({{2, tensor(t, shape)}, {2, tensor(t, shape, ties)}, {2, traps}});
}

std::vector<int64_t> numpy_sort_order(const Tensor& x) {
  std::vector<int64_t> order(static_cast<size_t>(x.numel()));
  std::iota(order.begin(), order.end(), int64_t{0});
  auto less = [&](int64_t a, int64_t b) {
    if (is_float(x.dtype())) {
      const double u = x.get_as_double(a), v = x.get_as_double(b);
      return u < v || (std::isnan(v) && !std::isnan(u));
    }
    if (x.dtype() == DType::UInt64) return x.get_as_uint64(a) < x.get_as_uint64(b);
    return x.get_as_int64(a) < x.get_as_int64(b);
  };
  std::stable_sort(order.begin(), order.end(), less);
  return order;
}

Tensor take(const Tensor& x, const std::vector<int64_t>& order) {
  Tensor y(x.dtype(), {static_cast<int64_t>(order.size())});
  const size_t es = dtype_size(x.dtype());
  for (size_t i = 0; i < order.size(); ++i)
    std::copy_n(x.raw() + static_cast<size_t>(order[i]) * es, es, y.raw() + i * es);
  return y;
}

namespace {

// The graph `x -> pt.sort/argsort(x, axis, kind)`; x a graph input of the
// given static shape, or a constant one case in seven.
Case sort_case_of(const std::string& op, Tensor x, const StaticShape& st, std::optional<int64_t> axis,
                  const std::string& kind, bool constant) {
  std::vector<VarRef> inputs;
  std::vector<Tensor> values;
  VarRef xv;
  if (constant) {
    xv = make_constant(x, "c0");
  } else {
    xv = make_input("x0", TensorType{x.dtype(), st});
    inputs.push_back(xv);
    values.push_back(x);
  }
  VarRef y = op == "SortOp" ? pt::sort(xv, axis, kind) : pt::argsort(xv, axis, kind);
  y->name = "out0";
  Case c{std::make_shared<FunctionGraph>(inputs, std::vector<VarRef>{y}), values, ""};
  c.label = op + "(" + std::string(constant ? "const " : "") + x.describe() + static_shape_to_string(st) + " " +
            x.values_to_string(12) + ") axis=" + (axis ? std::to_string(*axis) : std::string("None")) +
            " kind=" + kind;
  return c;
}

rc::Gen<Case> sort_case(const std::string& op, DType t) {
  return rc::gen::exec([op, t] {
    const bool none = *rc::gen::weightedElement<bool>({{3, false}, {1, true}});
    ShapeLimits lim;
    Shape shape = *gen::shape(lim);
    if (!none && shape.empty()) shape.push_back(*rc::gen::inRange<int64_t>(0, 6));
    std::optional<int64_t> axis;
    if (!none) {
      const auto r = static_cast<int64_t>(shape.size());
      axis = *rc::gen::inRange<int64_t>(-r, r);
    }
    const std::string kind = *rc::gen::elementOf(kKinds);
    const bool constant = *rc::gen::weightedElement<bool>({{6, false}, {1, true}});
    return sort_case_of(op, *sort_values(t, shape), *static_view(shape), axis, kind, constant);
  });
}

// Random graphs: a pool value sorted along a drawn axis or flattened.
std::function<VarRef(const std::vector<VarRef>&)> sort_grow(const std::string& op) {
  return [op](const std::vector<VarRef>& pool) -> VarRef {
    VarRef x = tie_prone(*rc::gen::elementOf(pool));
    const int64_t r = x->type.ndim();
    std::optional<int64_t> axis;
    if (r > 0 && *rc::gen::weightedElement<bool>({{3, true}, {1, false}})) axis = *rc::gen::inRange<int64_t>(-r, r);
    const std::string kind = op == "SortOp" ? *rc::gen::elementOf(kKinds)
                                            : *rc::gen::elementOf(std::vector<std::string>{"stable", "mergesort"});
    try {
      return op == "SortOp" ? pt::sort(x, axis, kind) : pt::argsort(x, axis, kind);
    } catch (const TypeError&) {
      return nullptr;
    }
  };
}

SampleSpec sort_spec(const std::string& op) {
  SampleSpec s;
  s.op = op;
  s.dtypes = all_dtypes();
  s.gen = [op](DType t) { return sort_case(op, t); };
  s.grow = sort_grow(op);
  s.domain_notes = "none: every value sorts (NaN last, -0.0 == 0.0); 0-d inputs only with axis=None (np.sort raises "
                   "AxisError for any axis of a 0-d array)";
  return s;
}

const SampleSpecRegistrar kSortOp(sort_spec("SortOp"));
const SampleSpecRegistrar kArgSortOp(sort_spec("ArgSortOp"));

}  // namespace
}  // namespace ptonnx::gen
