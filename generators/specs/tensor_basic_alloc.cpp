// Sample specs of the allocation ops (tier 3): Alloc, AllocEmpty,
// MakeVector, ARange, Eye, TensorFromScalar, ScalarFromTensor. They reach
// shapes given as runtime inputs as well as constants, broadcasting of
// Alloc's value, MakeVector of mixed dtypes and of no inputs, aranges with
// negative, fractional and infinite steps and empty results, Eye with k
// outside the matrix and zero-sized n or m.
#include <cmath>
#include <limits>

#include "core/error.h"
#include "core/float16.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"
#include "graph/builder_alloc.h"
#include "graph/builder_shape.h"

namespace ptonnx::gen {
namespace {

const std::vector<DType> kIntDTypes{DType::Int8,  DType::Int16,  DType::Int32,  DType::Int64,
                                    DType::UInt8, DType::UInt16, DType::UInt32, DType::UInt64};

Tensor int_scalar(DType t, int64_t v) {
  Tensor s(t, {});
  s.set_from_double(0, static_cast<double>(v));
  return s;
}

// A 0-d integer input (a shape entry, n, m or k) of a drawn integer dtype
// that holds v, fed at run time or baked in as a constant.
InputRecipe int_entry(int64_t v) {
  std::vector<DType> fits;
  for (DType t : kIntDTypes)
    if (v >= 0 || is_signed_integer(t)) fits.push_back(t);
  const DType t = *rc::gen::elementOf(fits);
  return InputRecipe{int_scalar(t, v), {}, *rc::gen::arbitrary<bool>()};
}

// Alloc: a target shape, a value whose dims (right-aligned) equal the
// target's or are 1; a 1 facing a larger target is usually declared
// statically 1 (otherwise PyTensor raises: a discarded case that still
// exercises the check).
SampleSpec alloc_spec() {
  SampleSpec s;
  s.op = "Alloc";
  s.dtypes = all_dtypes();
  s.domain_notes = "a value dim that is 1 facing a larger target is mostly static 1 (PyTensor raises otherwise)";
  s.gen = [](DType t) {
    return rc::gen::exec([t] {
      const Shape target = *shape(ShapeLimits{3, 4, 48});
      const size_t vrank = *rc::gen::inRange<size_t>(0, target.size() + 1);
      Shape vshape;
      StaticShape vstatic;
      for (size_t d = target.size() - vrank; d < target.size(); ++d) {
        const bool one = *rc::gen::weightedElement<bool>({{2, false}, {1, true}});
        vshape.push_back(one ? 1 : target[d]);
        const bool must_be_static = one && target[d] != 1 && *rc::gen::weightedElement<bool>({{8, true}, {1, false}});
        vstatic.push_back(must_be_static || *rc::gen::arbitrary<bool>() ? StaticDim{vshape.back()} : StaticDim{});
      }
      OpRecipe r{"Alloc", {}, {}};
      r.inputs.push_back(InputRecipe{*tensor(t, vshape), vstatic, *rc::gen::weightedElement<bool>({{4, false}, {1, true}})});
      for (int64_t d : target) r.inputs.push_back(int_entry(d));
      return build_case(r);
    });
  };
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    // Alloc of a value to the (fully static) shape of another pool member,
    // maybe with a leading 1: the result stays in the graph's broadcast family.
    const VarRef v = *rc::gen::elementOf(pool), like = *rc::gen::elementOf(pool);
    if (!v->type.fully_static() || !like->type.fully_static() || v->type.ndim() > like->type.ndim()) return nullptr;
    std::vector<VarRef> dims;
    if (*rc::gen::arbitrary<bool>()) dims.push_back(make_constant(int_scalar(DType::Int64, 1)));
    // A dim is a constant or, half the time, read at run time from `like`
    // (Shape_i): the converter's non-constant shape path (Cast, Unsqueeze,
    // Concat of the entries) is then in graphs too.
    for (size_t k = 0; k < like->type.shape.size(); ++k)
      dims.push_back(*rc::gen::arbitrary<bool>()
                         ? pt::shape_i(like, static_cast<int64_t>(k))
                         : make_constant(int_scalar(*rc::gen::elementOf(kIntDTypes), *like->type.shape[k])));
    try {
      return pt::alloc(v, dims);
    } catch (const TypeError&) {
      return nullptr;
    }
  };
  return s;
}

SampleSpec alloc_empty_spec() {
  SampleSpec s;
  s.op = "AllocEmpty";
  s.dtypes = all_dtypes();
  s.domain_notes = "contents undefined: compared by dtype and shape only";
  s.gen = [](DType t) {
    return rc::gen::exec([t] {
      const Shape target = *shape(ShapeLimits{3, 4, 48});
      OpRecipe r{"AllocEmpty", {}, {{"dtype", std::string(dtype_name(t))}}};
      for (int64_t d : target) r.inputs.push_back(int_entry(d));
      return build_case(r);
    });
  };
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    const VarRef like = *rc::gen::elementOf(pool);
    if (!like->type.fully_static()) return nullptr;
    std::vector<VarRef> dims;
    for (size_t k = 0; k < like->type.shape.size(); ++k)
      dims.push_back(*rc::gen::arbitrary<bool>()
                         ? pt::shape_i(like, static_cast<int64_t>(k))
                         : make_constant(int_scalar(*rc::gen::elementOf(kIntDTypes), *like->type.shape[k])));
    return pt::empty(dims, std::string(dtype_name(*rc::gen::elementOf(all_dtypes()))));
  };
  return s;
}

// MakeVector(t): 0 to 4 scalars of dtypes that upcast to t.
SampleSpec make_vector_spec() {
  SampleSpec s;
  s.op = "MakeVector";
  s.dtypes = all_dtypes();
  s.gen = [](DType t) {
    return rc::gen::exec([t] {
      std::vector<DType> fits;
      for (DType d : all_dtypes())
        if (promote(t, d) == t) fits.push_back(d);
      const int n = *rc::gen::weightedElement<int>({{1, 0}, {2, 1}, {3, 2}, {3, 3}, {2, 4}});
      OpRecipe r{"MakeVector", {}, {{"dtype", std::string(dtype_name(t))}}};
      for (int i = 0; i < n; ++i) {
        const DType d = *rc::gen::weightedOneOf<DType>({{1, rc::gen::just(t)}, {2, rc::gen::elementOf(fits)}});
        r.inputs.push_back(InputRecipe{*tensor(d, {}), {}, *rc::gen::weightedElement<bool>({{3, false}, {1, true}})});
      }
      return build_case(r);
    });
  };
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    std::vector<VarRef> scalars;
    for (const auto& v : pool)
      if (v->type.ndim() == 0) scalars.push_back(v);
    // One element half the time, so the [1] result broadcasts against any
    // pool member; otherwise 0, 2 or 3 scalars of mixed dtypes (each Cast
    // to their upcast, or the empty vector's initializer) summed to a 0-d.
    const int n = *rc::gen::weightedElement<int>({{4, 1}, {1, 0}, {2, 2}, {1, 3}});
    if (scalars.empty() && n > 0) return nullptr;
    std::vector<VarRef> picked;
    std::vector<DType> dtypes;
    for (int i = 0; i < n; ++i) {
      picked.push_back(*rc::gen::elementOf(scalars));
      dtypes.push_back(picked.back()->type.dtype);
    }
    if (n == 1) return pt::make_vector(picked);
    const DType t = n == 0 ? *rc::gen::elementOf(all_dtypes()) : promote(dtypes);
    return pt::op("Sum", {pt::make_vector(picked, std::string(dtype_name(t)))}, {})[0];
  };
  return s;
}

// ARange bounds: whole numbers and eighths (exact in every float dtype),
// decimal fractions (inexact: the ceil of the length is where float counts
// go wrong, e.g. (1.3 - 1) / 0.1 = 3.0000000000000004), and a few infinite
// or zero steps (np.arange(0, 5, inf) is [0.]; a zero step raises).
rc::Gen<double> arange_bound(bool integral, bool non_negative) {
  const double lo = non_negative ? 0 : -12;
  auto whole = rc::gen::map(rc::gen::inRange<int>(static_cast<int>(lo), 13), [](int v) { return double(v); });
  if (integral) return whole;
  auto eighths = rc::gen::map(rc::gen::inRange<int>(static_cast<int>(lo) * 8, 97), [](int v) { return v / 8.0; });
  auto decimal = rc::gen::element(0.1, 0.3, 1.3, -0.7, 2.2, -1.1, 0.7, 1.0 / 3);
  return rc::gen::weightedOneOf<double>({{2, whole}, {2, eighths}, {2, decimal}});
}

rc::Gen<double> arange_step(bool integral, bool non_negative) {
  auto whole = rc::gen::map(rc::gen::inRange<int>(non_negative ? 1 : -5, 6), [](int v) { return v == 0 ? 1.0 : v; });
  if (integral) return rc::gen::weightedOneOf<double>({{12, whole}, {1, rc::gen::just(0.0)}});
  auto odd = rc::gen::element(0.1, -0.1, 0.3, -0.7, 0.25, -2.5, 1.3, 1.0 / 3,
                              std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity());
  return rc::gen::weightedOneOf<double>({{3, whole}, {4, odd}, {1, rc::gen::just(0.0)}});
}

// A bound of a dtype among `types` that holds v exactly enough: floats for
// fractions and infinities, signed types (or floats) for negatives.
InputRecipe arange_input(const std::vector<DType>& types, double v) {
  std::vector<DType> fits;
  for (DType d : types)
    if ((is_float(d) || (std::isfinite(v) && v == std::floor(v))) && (v >= 0 || !is_unsigned_integer(d)))
      fits.push_back(d);
  Tensor t(*rc::gen::elementOf(fits), {});
  // Tensor::set_from_double refuses infinities: store floats directly.
  if (t.dtype() == DType::Float64) t.data<double>()[0] = v;
  else if (t.dtype() == DType::Float32) t.data<float>()[0] = static_cast<float>(v);
  else if (t.dtype() == DType::Float16) t.data<uint16_t>()[0] = double_to_half(v);
  else t.set_from_double(0, v);
  return InputRecipe{t, {}, *rc::gen::weightedElement<bool>({{3, false}, {1, true}})};
}

// ARange(t): bounds of integer dtypes no wider than t for an integer t (as
// pt.arange upcasts; unsigned only for unsigned t), of any dtype for a
// float t (an explicit dtype); values stay inside t's range.
SampleSpec arange_spec() {
  SampleSpec s;
  s.op = "ARange";
  s.dtypes = dtypes_except_bool();
  s.domain_notes = "bounds in [-12, 12], steps down to 0.1 (bounded lengths); a zero step is drawn (PyTensor raises)";
  s.gen = [](DType t) {
    return rc::gen::exec([t] {
      const bool integral = !is_float(t), unsigned_only = is_unsigned_integer(t);
      std::vector<DType> types;
      for (DType d : dtypes_except_bool())
        if (!integral || (!is_float(d) && dtype_bits(d) <= dtype_bits(t) && (!unsigned_only || is_unsigned_integer(d))))
          types.push_back(d);
      OpRecipe r{"ARange", {}, {{"dtype", std::string(dtype_name(t))}}};
      for (int i = 0; i < 3; ++i)
        r.inputs.push_back(
            arange_input(types, i < 2 ? *arange_bound(integral, unsigned_only) : *arange_step(integral, unsigned_only)));
      // A constant zero step is a TypeError when the graph is built (as
      // make_node's ZeroDivisionError); fed at run time, it raises in perform.
      if (r.inputs[2].value.get_as_double(0) == 0) r.inputs[2].constant = false;
      return build_case(r);
    });
  };
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    // A constant arange as long as a static last dim of the pool (or 1).
    const VarRef like = *rc::gen::elementOf(pool);
    const int64_t n = like->type.ndim() > 0 && like->type.shape.back() ? *like->type.shape.back() : 1;
    // Half the time in a float dtype with a decimal step and a length that
    // is not whole ((stop - start) / step = n - 1/2: the ceil that float
    // counting gets wrong), or an infinite step (np.arange(a, b, inf) is
    // [a] when b > a). The length comes from the constants' rounded values,
    // so a float16 bound may change it; the result then only broadcasts
    // where it fits.
    if (*rc::gen::arbitrary<bool>()) {
      const DType d = *rc::gen::elementOf(float_dtypes());
      const double start = *arange_bound(false, false);
      auto scalar = [d](double v) {
        Tensor t(d, {});
        if (d == DType::Float64) t.data<double>()[0] = v;
        else if (d == DType::Float32) t.data<float>()[0] = static_cast<float>(v);
        else t.data<uint16_t>()[0] = double_to_half(v);
        return make_constant(t);
      };
      if (*rc::gen::weightedElement<bool>({{5, false}, {1, true}})) {
        const double inf = std::numeric_limits<double>::infinity();
        return pt::arange(scalar(start), scalar(start + 2.5), scalar(inf));
      }
      const double step = *rc::gen::element(0.1, -0.1, 0.3, -0.7, 0.25, -2.5, 1.3, 1.0 / 3);
      const double stop = n == 0 ? start : start + (static_cast<double>(n) - 0.5) * step;
      try {
        return pt::arange(scalar(start), scalar(stop), scalar(step));
      } catch (const TypeError&) {
        return nullptr;
      }
    }
    const double start = *rc::gen::inRange(-3, 4), step = *rc::gen::element(1.0, -1.0, 0.5, 2.0);
    const DType d = step == 0.5 ? DType::Float32 : DType::Int8;
    return pt::arange(make_constant(Tensor::scalar(d, start)),
                      make_constant(Tensor::scalar(d, start + static_cast<double>(n) * step)),
                      make_constant(Tensor::scalar(d, step)));
  };
  return s;
}

// Eye(t)(n, m, k): n, m in [0, 5], k in [-7, 7] (often outside the matrix),
// each a runtime input or a constant (a constant k takes the EyeLike form).
SampleSpec eye_spec() {
  SampleSpec s;
  s.op = "Eye";
  s.dtypes = all_dtypes();
  s.gen = [](DType t) {
    return rc::gen::exec([t] {
      OpRecipe r{"Eye", {}, {}};
      if (t != floatX() || *rc::gen::arbitrary<bool>()) r.attrs["dtype"] = std::string(dtype_name(t));
      r.inputs.push_back(int_entry(*rc::gen::inRange<int64_t>(0, 6)));
      r.inputs.push_back(int_entry(*rc::gen::inRange<int64_t>(0, 6)));
      r.inputs.push_back(int_entry(*rc::gen::inRange<int64_t>(-7, 8)));
      return build_case(r);
    });
  };
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    // [1, m] or [n, m] with the pool's static trailing dims, each a
    // constant or, half the time, Shape_i of the pool value read at run
    // time (then also for a dim not known statically: the Eye's dim equals
    // it, so the result stays in the pool's broadcast family); k a 0-d
    // integer of the pool when there is one (a runtime k), else a constant:
    // int8 in [-3, 3], or of any integer dtype, unsigned ones included, small
    // or far off the matrix (|k| >= 2^40, the dtype's extremes), which the
    // converter clamps into EyeLike's k attribute.
    const VarRef like = *rc::gen::elementOf(pool);
    const auto dim = [&](int64_t back) -> VarRef {
      const int64_t r = like->type.ndim();
      if (r < back) return make_constant(int_scalar(DType::Int64, 1));
      if (*rc::gen::arbitrary<bool>()) return pt::shape_i(like, r - back);
      const StaticDim d = like->type.shape[static_cast<size_t>(r - back)];
      return make_constant(int_scalar(DType::Int64, d ? *d : 1));
    };
    VarRef k = make_constant(int_scalar(DType::Int8, *rc::gen::inRange(-3, 4)));
    if (*rc::gen::arbitrary<bool>()) {
      const DType kt = *rc::gen::elementOf(std::vector<DType>{DType::Int16, DType::Int32, DType::Int64, DType::UInt8,
                                                              DType::UInt16, DType::UInt32, DType::UInt64});
      Tensor v = *tensor(kt, {});  // the generic values: small ones and the dtype's extremes
      if (dtype_bits(kt) == 64 && *rc::gen::arbitrary<bool>()) {
        const double far = std::ldexp(1.0, *rc::gen::inRange(40, 63));
        v.set_from_double(0, kt == DType::Int64 && *rc::gen::arbitrary<bool>() ? -far : far);
      }
      k = make_constant(v);
    }
    for (const auto& v : pool)
      if (v->type.ndim() == 0 && is_integer(v->type.dtype) && *rc::gen::arbitrary<bool>()) k = v;
    const VarRef n = dim(2), m = dim(1);
    return pt::eye(n, m, k, std::string(dtype_name(*rc::gen::elementOf(all_dtypes()))));
  };
  return s;
}

SampleSpec scalar_identity_spec(const std::string& op) {
  SampleSpec s;
  s.op = op;
  s.dtypes = all_dtypes();
  s.gen = [op](DType t) {
    return rc::gen::exec([op, t] {
      OpRecipe r{op, {InputRecipe{*tensor(t, {}), {}, *rc::gen::weightedElement<bool>({{4, false}, {1, true}})}}, {}};
      return build_case(r);
    });
  };
  s.grow = [op](const std::vector<VarRef>& pool) -> VarRef {
    std::vector<VarRef> scalars;
    for (const auto& v : pool)
      if (v->type.ndim() == 0) scalars.push_back(v);
    return scalars.empty() ? nullptr : apply_op1(op, {*rc::gen::elementOf(scalars)});
  };
  return s;
}

const SampleSpecRegistrar kAlloc(alloc_spec());
const SampleSpecRegistrar kAllocEmpty(alloc_empty_spec());
const SampleSpecRegistrar kMakeVector(make_vector_spec());
const SampleSpecRegistrar kARange(arange_spec());
const SampleSpecRegistrar kEye(eye_spec());
const SampleSpecRegistrar kTensorFromScalar(scalar_identity_spec("TensorFromScalar"));
const SampleSpecRegistrar kScalarFromTensor(scalar_identity_spec("ScalarFromTensor"));

}  // namespace
}  // namespace ptonnx::gen
