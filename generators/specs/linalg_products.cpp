// Sample specs of the tier-4 products: Dot, Dot22, BatchedDot, Gemm, Gemv.
//
// What the generators reach: dims 0 and 1 on every axis (empty products:
// zeros; k = 0), every dtype PyTensor accepts (Dot, BatchedDot, Gemv: all,
// integers at their extremes so sums wrap, bool; Dot22, Gemm: floats), a
// second operand of another dtype now and then (Dot, BatchedDot: the
// upcast), NaN and +-inf entries, unknown static dims, constant operands,
// and for Gemm/Gemv scalars 0, 1, -1 and others with NaN/inf in z or y
// when b (beta) is 0, so "z is ignored" is tested where it matters.
//
// Float domain: |value| <= 64 (16 for float16), plus inf and NaN: the
// order of a sum decides whether a finite partial sum overflows (NumPy's
// BLAS and the runtime order sums differently), so finite values must not
// overflow any partial sum; inf and NaN propagate the same in every order.
//
// Grow: products of values made exactly computable first (float operands
// mapped to 0/1 by Cast to bool and back, NaN and inf sometimes kept, as
// they propagate the same in every order; integers wrap exactly): inside a
// random graph, elementwise ops downstream would amplify a legitimate
// reassociation difference beyond any bound fixed in advance. The IR's Dot
// takes 2-D operands only (lib/graph/ops/linalg.cpp, as PyTensor's Dot
// node), so there is no 1-D form to grow.
#include <limits>

#include "core/error.h"
#include "core/float16.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"
#include "graph/builder_elemwise_exact.h"
#include "graph/builder_special.h"

namespace ptonnx::gen {
namespace {

ValueDomain product_domain(DType t) {
  ValueDomain d;
  if (is_float(t)) {
    d.min = t == DType::Float16 ? -16.0 : -64.0;
    d.max = -*d.min;
  }
  return d;
}

rc::Gen<int64_t> dim() { return rc::gen::weightedElement<int64_t>({{1, 0}, {3, 1}, {4, 2}, {4, 3}, {2, 4}, {1, 6}}); }

InputRecipe operand(DType t, const Shape& shape, bool allow_constant = true) {
  const bool constant = allow_constant && *rc::gen::weightedElement<bool>({{6, false}, {1, true}});
  return InputRecipe{*tensor(t, shape, product_domain(t)), *static_view(shape), constant};
}

// The second operand's dtype: mostly the first's, sometimes any other.
DType second_dtype(DType t) {
  if (*rc::gen::weightedElement<bool>({{3, true}, {1, false}})) return t;
  return *rc::gen::elementOf(all_dtypes());
}

rc::Gen<Case> matmul_case(const std::string& op, DType t, bool batched, bool mixed) {
  return rc::gen::exec([=] {
    const int64_t b = *dim(), m = *dim(), k = *dim(), n = *dim();
    const DType t2 = mixed ? second_dtype(t) : t;
    OpRecipe r{op, {}, {}};
    r.inputs.push_back(operand(t, batched ? Shape{b, m, k} : Shape{m, k}));
    r.inputs.push_back(operand(t2, batched ? Shape{b, k, n} : Shape{k, n}));
    return build_case(r);
  });
}

// A 0-d scalar for Gemm/Gemv: 0 and 1 often (the special cases of
// Gemm.perform and BLAS), else any value of the domain.
InputRecipe scalar_operand(DType t) {
  Tensor v(t, {});
  const int kind = *rc::gen::weightedElement<int>({{3, 0}, {3, 1}, {1, 2}, {3, 3}});
  const bool has_minus_one = is_float(t) || (is_integer(t) && !is_unsigned_integer(t));
  if (kind == 3)
    v = *tensor(t, {}, product_domain(t));
  else
    v.set_from_double(0, kind == 0 ? 0.0 : kind == 2 && has_minus_one ? -1.0 : 1.0);
  const bool constant = *rc::gen::weightedElement<bool>({{4, false}, {1, true}});
  return InputRecipe{v, {}, constant};
}

// z or y: values of the domain, or (when the scale is 0) NaN and inf
// among them, to see that they are ignored.
InputRecipe accumulator_operand(DType t, const Shape& shape, bool scale_is_zero) {
  InputRecipe r = operand(t, shape);
  if (scale_is_zero && is_float(t) && r.value.numel() > 0 && *rc::gen::arbitrary<bool>()) {
    const double special = *rc::gen::element<double>(std::nan(""), INFINITY, -INFINITY);
    r.value.set_from_double(*rc::gen::inRange<int64_t>(0, r.value.numel()), special);
  }
  return r;
}

rc::Gen<Case> gemm_case(DType t) {
  return rc::gen::exec([=] {
    const int64_t m = *dim(), k = *dim(), n = *dim();
    // z: the product's shape, or broadcastable 1s (declared static 1, as
    // PyTensor types such a z).
    const bool z_row = m > 1 && *rc::gen::weightedElement<bool>({{4, false}, {1, true}});
    const bool z_col = n > 1 && *rc::gen::weightedElement<bool>({{4, false}, {1, true}});
    const Shape zs{z_row ? 1 : m, z_col ? 1 : n};
    const InputRecipe a = scalar_operand(t), b = scalar_operand(t);
    InputRecipe z = accumulator_operand(t, zs, b.value.get_as_double(0) == 0);
    if (z_row) z.static_shape[0] = 1;
    if (z_col) z.static_shape[1] = 1;
    OpRecipe r{"Gemm", {z, a, operand(t, {m, k}), operand(t, {k, n}), b}, {}};
    return build_case(r);
  });
}

rc::Gen<Case> gemv_case(DType t) {
  return rc::gen::exec([=] {
    const int64_t m = *dim(), n = *dim();
    const InputRecipe alpha = scalar_operand(t), beta = scalar_operand(t);
    const InputRecipe y = accumulator_operand(t, {m}, beta.value.get_as_double(0) == 0);
    OpRecipe r{"Gemv", {y, alpha, operand(t, {m, n}), operand(t, {n}), beta}, {}};
    return build_case(r);
  });
}

// ---- grow ------------------------------------------------------------------

// x with float values mapped to 0/1 (x != 0, NaN -> 1): sums of products
// of these are exact in every order. Integers and bool are exact already.
VarRef exact(const VarRef& x) {
  if (!is_float(x->type.dtype)) return x;
  return pt::cast(pt::cast(x, "bool"), std::string(dtype_name(x->type.dtype)));
}

// x with its finite float values mapped to 0/1 and NaN and +-inf kept: a
// sum of products of these is exact, or NaN, or an infinity, the same in
// every order (no finite partial sum can overflow; inf - inf and 0 * inf
// are NaN wherever they happen).
VarRef exact_or_special(const VarRef& x) {
  if (!is_float(x->type.dtype)) return x;
  return pt::switch_(pt::isnan(x), x, pt::switch_(pt::isinf(x), x, exact(x)));
}

VarRef pick(const std::vector<VarRef>& pool, int64_t ndim, bool float_only) {
  std::vector<VarRef> fits;
  for (const auto& v : pool)
    if (v->type.ndim() == ndim && (!float_only || is_float(v->type.dtype))) fits.push_back(v);
  if (fits.empty()) return nullptr;
  return *rc::gen::elementOf(fits);
}

VarRef small_constant(DType t, const Shape& shape) {
  Tensor v(t, shape);
  const double value = *rc::gen::element<double>(0.0, 1.0, 2.0, -1.0);
  for (int64_t i = 0; i < v.numel(); ++i)
    v.set_from_double(i, t == DType::Bool || is_unsigned_integer(t) ? value != 0 : value);
  return make_constant(v);
}

// Dot, Dot22, BatchedDot of x and its transpose (a square product whose
// entries are exact, see exact()). Half of the float x keep NaN and inf
// (exact_or_special); half of the Dot and BatchedDot operands get another
// dtype (Dot22 requires one dtype), so the Cast to the upcast dtype is in
// graphs: a cast of the 0/1 values to any dtype (wide integers, which wrap
// exactly in their own dtype, are mapped to 0/1 first when the product
// would be a float sum), NaN and inf only to a float dtype (to an integer
// they are undefined).
std::function<VarRef(const std::vector<VarRef>&)> matmul_grow(const std::string& op, bool float_only) {
  return [op, float_only](const std::vector<VarRef>& pool) -> VarRef {
    const bool batched = op == "BatchedDot";
    VarRef x = pick(pool, batched ? 3 : 2, float_only);
    if (!x) return nullptr;
    const DType t = x->type.dtype;
    const bool special = is_float(t) && *rc::gen::arbitrary<bool>();
    x = special ? exact_or_special(x) : exact(x);
    if (op != "Dot22" && *rc::gen::arbitrary<bool>()) {
      const DType to = *rc::gen::elementOf(special ? float_dtypes() : all_dtypes());
      if (!is_float(t) && is_float(promote(t, to))) x = pt::cast(pt::cast(x, "bool"), std::string(dtype_name(t)));
      VarRef other = pt::cast(x, std::string(dtype_name(to)));
      VarRef ot = batched ? pt::dimshuffle(other, {0, 2, 1}) : pt::dimshuffle(other, {1, 0});
      return apply_op1(op, *rc::gen::arbitrary<bool>() ? std::vector<VarRef>{x, ot} : std::vector<VarRef>{ot, x});
    }
    VarRef xt = batched ? pt::dimshuffle(x, {0, 2, 1}) : pt::dimshuffle(x, {1, 0});
    const bool outer = *rc::gen::arbitrary<bool>();
    return apply_op1(op, outer ? std::vector<VarRef>{x, xt} : std::vector<VarRef>{xt, x});
  };
}

VarRef gemm_grow(const std::vector<VarRef>& pool) {
  VarRef x = pick(pool, 2, true);
  if (!x) return nullptr;
  x = exact(x);
  const DType t = x->type.dtype;
  // z is 1, or NaN or inf: Gemm's beta == 0 must ignore z whatever it
  // holds (PyTensor's perform skips z then), which a finite z cannot show.
  Tensor z1(t, {1, 1});
  const double zv = *rc::gen::element(1.0, std::numeric_limits<double>::quiet_NaN(),
                                      std::numeric_limits<double>::infinity());
  if (t == DType::Float64) z1.data<double>()[0] = zv;
  else if (t == DType::Float32) z1.data<float>()[0] = static_cast<float>(zv);
  else z1.data<uint16_t>()[0] = double_to_half(zv);
  return pt::gemm(pt::constant(z1), small_constant(t, {}), x, pt::dimshuffle(x, {1, 0}), small_constant(t, {}));
}

VarRef gemv_grow(const std::vector<VarRef>& pool) {
  VarRef A = pick(pool, 2, false);
  if (!A) return nullptr;
  const DType t = A->type.dtype;
  // Half of the float A keep their NaN and inf: BLAS's alpha == 0 returns
  // before reading A (float32/float64), which only a non-finite A shows.
  A = is_float(t) && *rc::gen::arbitrary<bool>() ? exact_or_special(A) : exact(A);
  const auto line = [&](int64_t axis) {
    if (t == DType::Bool) return pt::any(A, std::vector<int64_t>{axis});
    return pt::sum(A, std::vector<int64_t>{axis}, false, std::string(dtype_name(t)));
  };
  VarRef y = line(1);
  // A third of the float y hold NaN or inf in every entry (0 * inf is NaN):
  // beta == 0 must ignore y whatever it holds.
  if (is_float(t) && *rc::gen::weightedElement<bool>({{2, false}, {1, true}}))
    y = y * pt::constant(Tensor::scalar(t, *rc::gen::element(std::numeric_limits<double>::quiet_NaN(),
                                                              std::numeric_limits<double>::infinity(),
                                                              -std::numeric_limits<double>::infinity())));
  return pt::gemv(y, small_constant(t, {}), A, line(0), small_constant(t, {}));
}

SampleSpec spec(const std::string& op, std::vector<DType> dtypes, std::function<rc::Gen<Case>(DType)> g,
                std::function<VarRef(const std::vector<VarRef>&)> grow) {
  SampleSpec s;
  s.op = op;
  s.dtypes = std::move(dtypes);
  s.gen = std::move(g);
  s.grow = std::move(grow);
  s.domain_notes =
      "floats bounded by 64 (float16: 16) so no finite partial sum overflows (the summation order, which BLAS "
      "chooses, would decide); inf and NaN included";
  return s;
}

const SampleSpecRegistrar kDot(spec(
    "Dot", all_dtypes(), [](DType t) { return matmul_case("Dot", t, false, true); }, matmul_grow("Dot", false)));
const SampleSpecRegistrar kDot22(spec(
    "Dot22", float_dtypes(), [](DType t) { return matmul_case("Dot22", t, false, false); },
    matmul_grow("Dot22", true)));
const SampleSpecRegistrar kBatchedDot(spec(
    "BatchedDot", all_dtypes(), [](DType t) { return matmul_case("BatchedDot", t, true, true); },
    matmul_grow("BatchedDot", false)));
const SampleSpecRegistrar kGemm(spec("Gemm", float_dtypes(), gemm_case, gemm_grow));
const SampleSpecRegistrar kGemv(spec("Gemv", all_dtypes(), gemv_case, gemv_grow));

}  // namespace
}  // namespace ptonnx::gen
