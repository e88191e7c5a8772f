// Sample spec of FillDiagonal (tier 5; pt.fill_diagonal), every dtype.
//
// What the generators reach: matrices of any m x n (tall, wide, square,
// dims 0 and 1) and 3-d / 4-d arrays with equal dims (0..3; np.fill_diagonal
// raises for unequal ones, so none are drawn); unknown static dims; val of
// every dtype whose upcast with a's is a's (bool into anything, int8 into
// float16, uint32 into int64, ...: the value-preserving casts PyTensor
// allows), with the generic edge values of that dtype (integer extremes,
// NaN, +-inf, -0.0), fed or constant.
#include "core/error.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

std::vector<DType> val_dtypes(DType a) {
  std::vector<DType> out;
  for (DType v : all_dtypes())
    if (promote(a, v) == a) out.push_back(v);
  return out;
}

rc::Gen<Case> fill_diagonal_case(DType t) {
  return rc::gen::exec([t] {
    Shape shape;
    if (*rc::gen::weightedElement<bool>({{3, true}, {1, false}})) {
      shape = {*rc::gen::inRange<int64_t>(0, 6), *rc::gen::inRange<int64_t>(0, 6)};
    } else {
      const int64_t n = *rc::gen::inRange<int64_t>(0, 4);
      shape = Shape(static_cast<size_t>(*rc::gen::inRange<int64_t>(3, 5)), n);
    }
    const DType vt = *rc::gen::elementOf(val_dtypes(t));
    OpRecipe r{"FillDiagonal", {}, {}};
    r.inputs.push_back(InputRecipe{*tensor(t, shape), *static_view(shape), false});
    r.inputs.push_back(InputRecipe{*tensor(vt, {}), {}, *rc::gen::weightedElement<bool>({{2, false}, {1, true}})});
    return build_case(r);
  });
}

// The grow functions' operands: a matrix of the pool (nullptr when there is
// none) and a small finite constant to fill with (random graphs compare
// bit for bit, so no NaN or inf enters through the diagonal).
VarRef pick_matrix(const std::vector<VarRef>& pool) {
  std::vector<VarRef> matrices;
  for (const VarRef& v : pool)
    if (v->type.ndim() == 2) matrices.push_back(v);
  if (matrices.empty()) return nullptr;
  return *rc::gen::elementOf(matrices);
}

VarRef small_fill_value(DType t) {
  ValueDomain d;
  d.min = -4;
  d.max = 4;
  d.allow_nan = false;
  d.allow_inf = false;
  return pt::constant(*tensor(t, {}, d));
}

SampleSpec fill_diagonal_spec() {
  SampleSpec s;
  s.op = "FillDiagonal";
  s.dtypes = all_dtypes();
  s.gen = fill_diagonal_case;
  s.signed_zero = true;
  // Matrices only: an N-d value of the pool may have unequal dims at run time.
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    const VarRef a = pick_matrix(pool);
    if (!a) return nullptr;
    // val of any dtype a's dtype holds exactly (the converter casts it).
    return apply_op1("FillDiagonal", {a, small_fill_value(*rc::gen::elementOf(val_dtypes(a->type.dtype)))});
  };
  s.domain_notes = "arrays of more than 2 dims have equal dims (np.fill_diagonal raises otherwise)";
  return s;
}

// FillDiagonalOffset (extended group): m x n matrices (0..5), the same
// val draws, offsets in [-6, 6] (beyond the matrix on both sides, so
// nothing is filled) of every integer dtype, plus each dtype's extremes
// (uint64 2^64 - 1, int64 min: perform's slice is empty).
rc::Gen<Case> fill_diagonal_offset_case(DType t) {
  return rc::gen::exec([t] {
    const Shape shape{*rc::gen::inRange<int64_t>(0, 6), *rc::gen::inRange<int64_t>(0, 6)};
    const DType vt = *rc::gen::elementOf(val_dtypes(t));
    const DType ot = *rc::gen::elementOf(std::vector<DType>{DType::Int8, DType::Int16, DType::Int32, DType::Int64,
                                                            DType::UInt8, DType::UInt16, DType::UInt32,
                                                            DType::UInt64});
    Tensor offset(ot, {});
    if (*rc::gen::weightedElement<bool>({{8, true}, {1, false}})) {
      const int64_t lo = is_unsigned_integer(ot) ? 0 : -6;
      offset.set_from_double(0, static_cast<double>(*rc::gen::inRange<int64_t>(lo, 7)));
    } else {
      offset = *tensor(ot, {});  // the generic values: each dtype's extremes
    }
    OpRecipe r{"FillDiagonalOffset", {}, {}};
    r.inputs.push_back(InputRecipe{*tensor(t, shape), *static_view(shape), false});
    r.inputs.push_back(InputRecipe{*tensor(vt, {}), {}, *rc::gen::weightedElement<bool>({{2, false}, {1, true}})});
    r.inputs.push_back(InputRecipe{offset, {}, *rc::gen::arbitrary<bool>()});
    return build_case(r);
  });
}

// The offset: a constant of any integer dtype, small (the diagonal meets
// the matrix) or one of the dtype's extremes (uint64 2^64 - 1, int64 min:
// nothing is filled; the converter clamps an unsigned offset before its
// int64 arithmetic), or a 0-d integer of the pool, read at run time. Every
// offset is defined, so any pool value fits.
VarRef grow_offset(const std::vector<VarRef>& pool) {
  std::vector<VarRef> scalars;
  for (const VarRef& v : pool)
    if (v->type.ndim() == 0 && is_integer(v->type.dtype)) scalars.push_back(v);
  if (!scalars.empty() && *rc::gen::weightedElement<bool>({{1, true}, {3, false}}))
    return *rc::gen::elementOf(scalars);
  const DType ot = *rc::gen::elementOf(std::vector<DType>{DType::Int8, DType::Int16, DType::Int32, DType::Int64,
                                                          DType::UInt8, DType::UInt16, DType::UInt32, DType::UInt64});
  if (*rc::gen::weightedElement<bool>({{1, true}, {3, false}})) return pt::constant(*tensor(ot, {}));
  const int64_t lo = is_unsigned_integer(ot) ? 0 : -3;
  Tensor t(ot, {});
  t.set_from_double(0, static_cast<double>(*rc::gen::inRange<int64_t>(lo, 4)));
  return pt::constant(t);
}

SampleSpec fill_diagonal_offset_spec() {
  SampleSpec s;
  s.op = "FillDiagonalOffset";
  s.dtypes = all_dtypes();
  s.gen = fill_diagonal_offset_case;
  s.signed_zero = true;
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    const VarRef a = pick_matrix(pool);
    if (!a) return nullptr;
    return apply_op1("FillDiagonalOffset",
                     {a, small_fill_value(*rc::gen::elementOf(val_dtypes(a->type.dtype))), grow_offset(pool)});
  };
  s.domain_notes = "none: every offset is defined (beyond the matrix nothing is filled)";
  return s;
}

const SampleSpecRegistrar kFillDiagonal(fill_diagonal_spec());
const SampleSpecRegistrar kFillDiagonalOffset(fill_diagonal_offset_spec());

}  // namespace
}  // namespace ptonnx::gen
