// Sample spec of Repeat (tier 5; pt.repeat = np.repeat), every dtype.
//
// What the generators reach: axis None (flatten, also of 0-d inputs) and
// every axis, written positive or negative; repeats 0-d (PyTensor's scalar
// path, refused for a uint64 x as pt.repeat does), 1-d of the axis length,
// 1-d statically (1,) (squeezed to the scalar path) and 1-d of length 1
// with an unknown static dim (NumPy broadcasts it at run time); every
// repeats dtype make_node accepts (int8..int64, uint8..uint32); repeat
// counts 0..3 with zeros common (empty runs, an all-zero total); axes of
// length 0 and 1; unknown dims; constant or fed repeats; the generic edge
// values of x. Domain: a negative repeat raises in NumPy ("negative
// dimensions are not allowed"), so counts are >= 0.
#include "core/error.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

const std::vector<DType> kRepeatDtypes{DType::Int8,  DType::Int16,  DType::Int32, DType::Int64,
                                       DType::UInt8, DType::UInt16, DType::UInt32};

rc::Gen<int64_t> count() { return rc::gen::weightedElement<int64_t>({{3, 0}, {3, 1}, {3, 2}, {2, 3}}); }

Tensor counts(DType t, const Shape& shape) {
  Tensor r(t, shape);
  for (int64_t i = 0; i < r.numel(); ++i) r.set_from_double(i, static_cast<double>(*count()));
  return r;
}

rc::Gen<Case> repeat_case(DType t) {
  return rc::gen::exec([t] {
    const Shape shape = *gen::shape();
    const int64_t rank = static_cast<int64_t>(shape.size());
    Attributes attrs;
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    if (rank > 0 && *rc::gen::weightedElement<bool>({{3, true}, {1, false}})) {
      const int64_t axis = draw_axes(rank, false).at(0);
      attrs["axis"] = axis;
      n = shape[static_cast<size_t>(axis < 0 ? axis + rank : axis)];
    }
    // 0: 0-d, 1: 1-d of length n, 2: static (1,), 3: length 1, dim unknown.
    int kind = *rc::gen::weightedElement<int>({{3, 0}, {4, 1}, {1, 2}, {1, 3}});
    if (t == DType::UInt64 && (kind == 0 || kind == 2)) kind = 1;  // the scalar path refuses uint64
    const DType rt = *rc::gen::elementOf(kRepeatDtypes);
    InputRecipe r;
    r.value = counts(rt, kind == 0 ? Shape{} : Shape{kind == 1 ? n : 1});
    r.static_shape = kind == 0 ? StaticShape{} : kind == 2 ? StaticShape{1} : kind == 3 ? StaticShape{std::nullopt}
                                                                                        : *static_view({n});
    if (kind == 1 && n == 1 && r.static_shape[0]) r.static_shape[0] = std::nullopt;  // stays on the vector path
    r.constant = *rc::gen::weightedElement<bool>({{2, false}, {1, true}});
    // A constant declares its static shape: (1,) would take the scalar path.
    if (r.constant && r.value.rank() == 1 && r.value.numel() == 1 && kind != 2) r.constant = false;
    OpRecipe recipe{"Repeat", {}, attrs};
    recipe.inputs.push_back(InputRecipe{*tensor(t, shape), *static_view(shape), false});
    recipe.inputs.push_back(r);
    return build_case(recipe);
  });
}

SampleSpec repeat_spec() {
  SampleSpec s;
  s.op = "Repeat";
  s.dtypes = all_dtypes();
  s.gen = repeat_case;
  s.signed_zero = true;
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    VarRef x = *rc::gen::elementOf(pool);
    const int64_t rank = x->type.ndim();
    Attributes attrs;
    StaticDim dim;
    if (rank > 0 && *rc::gen::arbitrary<bool>()) {
      const int64_t axis = *rc::gen::inRange<int64_t>(0, rank);
      attrs["axis"] = axis;
      dim = x->type.shape[static_cast<size_t>(axis)];
    }
    // Per-element counts when the axis length is known, else one count; of
    // any dtype make_node accepts. A third of the time they are read at
    // run time: min(Shape(y), 3) of a pool value y (one count from
    // Shape_i, per-element counts from Shape(y) of a y with as many dims
    // as the axis is long), >= 0 and small whatever y holds.
    const bool vector = dim && *dim <= 8 && *rc::gen::arbitrary<bool>();
    const DType rt = *rc::gen::elementOf(kRepeatDtypes);
    VarRef r;
    if (*rc::gen::weightedElement<bool>({{1, true}, {2, false}})) {
      std::vector<VarRef> fit;
      for (const VarRef& v : pool)
        if (vector ? v->type.ndim() == *dim : v->type.ndim() > 0) fit.push_back(v);
      if (!fit.empty()) {
        const VarRef y = *rc::gen::elementOf(fit);
        const VarRef c = vector ? pt::shape(y) : pt::shape_i(y, 0);
        r = pt::cast(apply_op1("Minimum", {c, pt::constant(Tensor::scalar(DType::Int64, 3))}),
                     std::string(dtype_name(rt)));
      }
    }
    if (!r) r = pt::constant(counts(rt, vector ? Shape{*dim} : Shape{}));
    try {
      return apply_op1("Repeat", {x, r}, attrs);
    } catch (const TypeError&) {
      return nullptr;  // uint64 with one count
    }
  };
  s.domain_notes = "repeat counts >= 0: np.repeat raises on a negative count";
  return s;
}

const SampleSpecRegistrar kRepeat(repeat_spec());

}  // namespace
}  // namespace ptonnx::gen
