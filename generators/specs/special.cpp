// Sample specs of Softmax and LogSoftmax (tier 5; pytensor.tensor.special),
// every dtype but bool (x - max is a Sub, which refuses bool).
//
// What the generators reach: axis=None (every axis), axis=() (max and sum
// over nothing: 1 or NaN), one axis, several axes in any order, negative
// axes, 0-d inputs, dims of 0 and 1 (a reduced axis of length 0 raises in
// PyTensor and is discarded; a zero-size kept axis gives an empty result),
// unknown (None) dims, and these values: the generic edge values (NaN and
// +inf poison their group, each integer dtype's min and max, so x - max
// wraps: int8 [-128, 127] gives xs [1, 0]); moderate values in [-30, 30],
// where float16 and float32 exp under- and overflow partly and sums round;
// and groups where -inf is common (a group of -inf alone is NaN, -inf
// among finite values gives 0 / -inf).
#include <cmath>
#include <limits>

#include "core/error.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

using Axes = std::optional<std::vector<int64_t>>;

// axis=None, (), one axis or several distinct axes, each possibly
// negative, in drawn order.
rc::Gen<Axes> softmax_axes(int64_t rank) {
  return rc::gen::exec([rank]() -> Axes {
    const int kind = *rc::gen::weightedElement<int>({{3, 0}, {1, 1}, {4, 2}, {2, 3}});
    if (kind == 0) return std::nullopt;
    if (kind == 1 || rank == 0) return std::vector<int64_t>{};
    return draw_axes(rank, kind == 3);
  });
}

rc::Gen<Tensor> softmax_values(DType t, const Shape& shape) {
  return rc::gen::exec([t, shape] {
    const int kind = *rc::gen::weightedElement<int>({{2, 0}, {3, 1}, {1, 2}});
    if (kind == 0) return *tensor(t, shape);
    ValueDomain moderate;
    moderate.min = -30;
    moderate.max = 30;
    moderate.allow_nan = false;
    moderate.allow_inf = false;
    Tensor x = *tensor(t, shape, moderate);
    if (kind == 2 && is_float(t))
      for (int64_t i = 0; i < x.numel(); ++i)
        if (*rc::gen::arbitrary<bool>()) x.set_from_double(i, -std::numeric_limits<double>::infinity());
    return x;
  });
}

rc::Gen<Case> softmax_case(const std::string& op, DType t) {
  return rc::gen::exec([op, t] {
    const Shape shape = *gen::shape();
    const Axes axes = *softmax_axes(static_cast<int64_t>(shape.size()));
    Attributes attrs;
    if (axes) attrs["axis"] = *axes;
    OpRecipe r{op, {}, attrs};
    const bool constant = *rc::gen::weightedElement<bool>({{6, false}, {1, true}});
    r.inputs.push_back(InputRecipe{*softmax_values(t, shape), *static_view(shape), constant});
    return build_case(r);
  });
}

SampleSpec softmax_spec(const std::string& op) {
  SampleSpec s;
  s.op = op;
  s.dtypes = dtypes_except_bool();
  s.gen = [op](DType t) { return softmax_case(op, t); };
  s.grow = [op](const std::vector<VarRef>& pool) -> VarRef {
    VarRef x = *rc::gen::elementOf(pool);
    Attributes attrs;
    if (const Axes axes = *softmax_axes(x->type.ndim())) attrs["axis"] = *axes;
    try {
      return apply_op1(op, {x}, attrs);
    } catch (const TypeError&) {
      return nullptr;  // bool
    }
  };
  s.domain_notes = "a reduced axis of length 0 raises in PyTensor (max of a zero-size array): discarded";
  return s;
}

const SampleSpecRegistrar kSoftmax(softmax_spec("Softmax"));
const SampleSpecRegistrar kLogSoftmax(softmax_spec("LogSoftmax"));

}  // namespace
}  // namespace ptonnx::gen
