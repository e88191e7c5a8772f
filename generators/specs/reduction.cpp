// Sample specs of the reductions: Sum, Prod, Max, Min, All, Any, CAReduce,
// Argmax, Argmin, and the composites mean, var and std (not catalog ops:
// PyTensor builds them from Sum and elementwise ops; the tier-3 random graphs
// add them through GraphOptions::extra_ops, and `ptonnx fuzz --op mean`
// finds them by name).
//
// What the generators reach, because conversions break there: axis=None,
// axis=() (a copy, never an empty ONNX axes input), one axis, several
// non-adjacent axes in any order, negative axes, keepdims, 0-d inputs, dims
// of 0 and 1 (empty reductions: Sum 0, Prod 1, All True, Any False; Max/Min/
// Argmax of empty raise and are discarded), NaN and +-inf, every integer
// dtype with its min/max (int64 sums wrap), bools, unknown (None) dims, and
// for Argmax/Argmin values drawn from {-2..2} so ties are common.
#include <limits>
#include <type_traits>

#include "core/error.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/specs/tie_values.h"
#include "generators/values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

using pt::Axes;

// axis=None, (), one axis or several distinct axes, each possibly negative,
// in drawn order (PyTensor normalises and sorts them).
rc::Gen<Axes> axes_for(int64_t rank) {
  return rc::gen::exec([rank]() -> Axes {
    const int kind = *rc::gen::weightedElement<int>({{2, 0}, {1, 1}, {3, 2}, {3, 3}});
    if (kind == 0 || rank == 0) return kind == 1 ? Axes{std::vector<int64_t>{}} : std::nullopt;
    if (kind == 1) return std::vector<int64_t>{};
    return draw_axes(rank, kind == 3);
  });
}

Attributes axis_attrs(const Axes& axes, bool keep) {
  Attributes a;
  if (axes) a["axis"] = *axes;
  if (keep) a["keepdims"] = int64_t{1};
  return a;
}

// Every element within 64 of the dtype's max (or, signed, its min),
// written exactly: a 32-bit integer reduction computed through float32 (a
// Cast to a dtype the ONNX op accepts) or a 64-bit one through float64
// loses these values' low bits, so the order of several of them. The full
// edge-case domain has them only as lone elements (`ptonnx mutate --op Min`
// found Min(uint32) via float32 surviving: max of two 4294967295 is 0).
rc::Gen<Tensor> near_extremes(DType t, const Shape& shape) {
  return rc::gen::exec([t, shape] {
    Tensor x(t, shape);
    visit_dtype(t, [&](auto tag) {
      using S = storage_t<decltype(tag)::value>;
      if constexpr (std::is_integral_v<S>) {
        auto d = x.data<S>();
        for (auto& v : d) {
          const auto k = static_cast<S>(*rc::gen::inRange(0, 65));
          const bool top = std::is_unsigned_v<S> || *rc::gen::arbitrary<bool>();
          v = top ? static_cast<S>(std::numeric_limits<S>::max() - k) : static_cast<S>(std::numeric_limits<S>::min() + k);
        }
      }
    });
    return x;
  });
}

bool wide_integer(DType t) {
  return t == DType::Int32 || t == DType::UInt32 || t == DType::Int64 || t == DType::UInt64;
}

// Values: the full edge-case domain, or (for ties) small whole numbers,
// or (order reductions of wide integers) values near the dtype's extremes.
rc::Gen<Tensor> reduce_values(DType t, const Shape& shape, bool extremes) {
  ValueDomain ties;
  ties.min = -2;
  ties.max = 2;
  ties.integral_only = true;
  if (extremes && wide_integer(t))
    return rc::gen::weightedOneOf<Tensor>(
        {{3, tensor(t, shape)}, {1, tensor(t, shape, ties)}, {1, near_extremes(t, shape)}});
  return rc::gen::weightedOneOf<Tensor>({{3, tensor(t, shape)}, {1, tensor(t, shape, ties)}});
}

// Max, Min, Argmax, Argmin: the result is one of the values, which a
// conversion through a narrower float would round.
bool order_reduction(const std::string& op) {
  return op == "Max" || op == "Min" || op == "Argmax" || op == "Argmin";
}

// Sum/Prod: dtype (and for floats acc_dtype) drawn now and then.
Attributes sum_extra(DType t) {
  Attributes a;
  std::vector<std::string> dtypes = is_float(t) ? std::vector<std::string>{"float32", "float64"}
                                                : std::vector<std::string>{"int64", "int32", "uint8", "float64"};
  if (*rc::gen::weightedElement<bool>({{3, false}, {1, true}})) a["dtype"] = *rc::gen::elementOf(dtypes);
  if (t == DType::Float16 && *rc::gen::weightedElement<bool>({{3, false}, {1, true}}))
    a["acc_dtype"] = *rc::gen::element<std::string>("float32", "float64");
  return a;
}

using ExtraAttrs = std::function<Attributes(DType)>;

rc::Gen<Case> reduce_case(const std::string& op, DType t, ExtraAttrs extra) {
  return rc::gen::exec([op, t, extra] {
    const Shape shape = *gen::shape();
    const Axes axes = *axes_for(static_cast<int64_t>(shape.size()));
    Attributes attrs = axis_attrs(axes, *rc::gen::arbitrary<bool>());
    if (extra)
      for (auto& [k, v] : extra(t)) attrs[k] = v;
    OpRecipe r{op, {}, attrs};
    const bool constant = *rc::gen::weightedElement<bool>({{6, false}, {1, true}});
    r.inputs.push_back(InputRecipe{*reduce_values(t, shape, order_reduction(op)), *static_view(shape), constant});
    return build_case(r);
  });
}

// Grow: reduce a pool value over axes drawn for its rank; the result feeds
// later elementwise ops of the random graph.
std::function<VarRef(const std::vector<VarRef>&)> reduce_grow(const std::string& op, ExtraAttrs extra) {
  return [op, extra](const std::vector<VarRef>& pool) -> VarRef {
    VarRef x = *rc::gen::elementOf(pool);
    if (order_reduction(op)) x = tie_prone(x);
    Attributes attrs = axis_attrs(*axes_for(x->type.ndim()), *rc::gen::arbitrary<bool>());
    if (extra)
      for (auto& [k, v] : extra(x->type.dtype)) attrs[k] = v;
    try {
      return apply_op1(op, {x}, attrs);
    } catch (const TypeError&) {
      return nullptr;
    }
  };
}

SampleSpec reduce_spec(const std::string& op, std::vector<DType> dtypes, ExtraAttrs extra = nullptr,
                       std::string notes = "") {
  SampleSpec s;
  s.op = op;
  s.dtypes = std::move(dtypes);
  s.gen = [op, extra](DType t) { return reduce_case(op, t, extra); };
  s.grow = reduce_grow(op, extra);
  s.domain_notes = std::move(notes);
  return s;
}

// CAReduce: scalar ops drawn per input kind; the bitwise ones only on bools
// (floats are refused by the IR; integer bitwise reductions are a
// documented converter refusal, tested in suites/tier3, not drawn here so
// each (dtype, opset) property has one verdict).
Attributes careduce_extra(DType t) {
  std::vector<std::string> ops{"Add", "Mul", "Maximum", "Minimum"};
  if (t == DType::Bool) ops.insert(ops.end(), {"AND", "OR", "XOR"});
  return {{"scalar_op", *rc::gen::elementOf(ops)}};
}

const char* kEmptyRaises = "Max/Min/Argmax of an empty reduced axis raise in PyTensor: discarded as out of domain";

// NumPy's add.reduce starts from the identity 0, so a zero sum is +0.0 even
// over no axes or of -0.0 values alone: the sign of zero is compared.
SampleSpec sum_spec() {
  SampleSpec s = reduce_spec("Sum", all_dtypes(), sum_extra);
  s.signed_zero = true;
  return s;
}

const SampleSpecRegistrar kSum(sum_spec());
const SampleSpecRegistrar kProd(reduce_spec("Prod", all_dtypes(), sum_extra));
const SampleSpecRegistrar kMax(reduce_spec("Max", all_dtypes(), nullptr, kEmptyRaises));
const SampleSpecRegistrar kMin(reduce_spec("Min", all_dtypes(), nullptr, kEmptyRaises));
const SampleSpecRegistrar kAll(reduce_spec("All", all_dtypes()));
const SampleSpecRegistrar kAny(reduce_spec("Any", all_dtypes()));
const SampleSpecRegistrar kCAReduce(reduce_spec("CAReduce", all_dtypes(), careduce_extra, kEmptyRaises));
const SampleSpecRegistrar kArgmax(reduce_spec("Argmax", all_dtypes(), nullptr, kEmptyRaises));
const SampleSpecRegistrar kArgmin(reduce_spec("Argmin", all_dtypes(), nullptr, kEmptyRaises));

}  // namespace
}  // namespace ptonnx::gen
