// Sample spec of SolveTriangular (the core op: one matrix, b a vector or a
// matrix; solve_triangular's trans is drawn too, which transposes a in the
// graph before the op, as PyTensor's function does).
//
// Triangles, n = 0..5: diagonal entries of magnitude 0.5-2 (well
// conditioned), small ones (1e-3: ill conditioned), an exact 0 (trtrs'
// info > 0: all NaN), off-diagonal entries in [-1, 1]; with unit_diagonal
// the diagonal holds anything, NaN included (never read); the triangle
// trtrs does not read holds anything, inf and NaN included. b has 0 to 3
// columns (or is a vector) of values in [-16, 16]. Integer and bool inputs
// (upcast) get whole numbers, unit or +-1/+-2 diagonals.
// Not generated: inf/NaN in the read triangle or in b (whether 0 * inf
// terms are formed depends on the BLAS kernel's operation order).
// Grow: a unit lower-triangular solve of a 0/1 system, exact in any order.
#include <cmath>

#include "generators/linalg_matrices.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

double draw_diag(DType t, int kind) {
  const double sign = *rc::gen::arbitrary<bool>() ? 1.0 : -1.0;
  if (!is_float(t)) return is_unsigned_integer(t) || t == DType::Bool ? 1.0 : sign * *rc::gen::element(1.0, 2.0);
  switch (kind) {
    case 1: return sign * 1e-3;
    case 2: return 0.0;
    default: return sign * *rc::gen::inRange(2, 9) / 4.0;
  }
}

double draw_off(DType t) {
  if (t == DType::Bool) return *rc::gen::arbitrary<bool>() ? 1.0 : 0.0;
  if (!is_float(t)) return *rc::gen::inRange(is_unsigned_integer(t) ? 0 : -2, 3);
  return *rc::gen::inRange(-8, 9) / 8.0;
}

rc::Gen<Case> solve_triangular_case(DType t) {
  return rc::gen::exec([t] {
    const int64_t n = *rc::gen::weightedElement<int64_t>({{1, 0}, {2, 1}, {3, 2}, {3, 3}, {3, 4}, {2, 5}});
    const bool lower = *rc::gen::arbitrary<bool>(), unit = *rc::gen::weightedElement<bool>({{3, false}, {1, true}});
    const int trans = *rc::gen::element(0, 0, 1, 2);
    // solve_triangular's `lower` names the triangle of the matrix passed in,
    // whatever trans does with it.
    const bool reads_lower = lower;
    const int kind = *rc::gen::weightedElement<int>({{6, 0}, {2, 1}, {1, 2}});
    const int64_t zero_at = kind == 2 && n > 0 ? *rc::gen::inRange<int64_t>(0, n) : -1;
    Tensor a(t, {n, n});
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < n; ++j) {
        double v;
        if (i == j) {
          v = unit && is_float(t) && *rc::gen::arbitrary<bool>() ? *rc::gen::element(std::nan(""), 0.0, 7.0)
                                                                 : draw_diag(t, i == zero_at ? 2
                                                                                : kind == 1  ? 1
                                                                                             : 0);
        } else if (reads_lower ? j < i : j > i) {
          v = draw_off(t);
        } else {
          v = is_float(t) ? *rc::gen::element(0.0, 3.0, INFINITY, std::nan("")) : draw_off(t);
        }
        a.set_from_double(i * n + j, v);
      }
    const bool vec = *rc::gen::arbitrary<bool>();
    const int64_t k = *rc::gen::inRange<int64_t>(0, 4);
    const Shape bs = vec ? Shape{n} : Shape{n, k};
    DType tb = *rc::gen::weightedElement<bool>({{3, true}, {1, false}}) ? t : *rc::gen::elementOf(all_dtypes());
    ValueDomain d;
    d.allow_inf = d.allow_nan = false;
    d.min = -16;
    d.max = 16;
    const Tensor b = *tensor(tb, bs, d);
    const auto in = [](const Tensor& v) {
      return InputRecipe{v, *static_view(v.shape()), *rc::gen::weightedElement<bool>({{6, false}, {1, true}})};
    };
    const InputRecipe ra = in(a), rb = in(b);
    // Built through pt::solve_triangular so trans is PyTensor's graph.
    Case c = build_case(
        OpRecipe{"SolveTriangular",
                 {ra, rb},
                 {{"lower", int64_t{lower}}, {"unit_diagonal", int64_t{unit}}, {"b_ndim", int64_t{vec ? 1 : 2}}}});
    if (trans == 0) return c;
    std::vector<VarRef> inputs;
    std::vector<Tensor> values;
    std::vector<VarRef> operands;
    for (const InputRecipe* r : {&ra, &rb}) {
      if (r->constant) {
        operands.push_back(make_constant(r->value));
      } else {
        operands.push_back(pt::tensor("in" + std::to_string(inputs.size()), std::string(dtype_name(r->value.dtype())),
                                      r->static_shape));
        inputs.push_back(operands.back());
        values.push_back(r->value);
      }
    }
    VarRef out = pt::solve_triangular(operands[0], operands[1], trans, lower, unit);
    return Case{std::make_shared<FunctionGraph>(inputs, std::vector<VarRef>{out}), values,
                "solve_triangular(trans=" + std::to_string(trans) + ") " + c.label};
  });
}

VarRef solve_triangular_grow(const std::vector<VarRef>& pool) {
  std::vector<VarRef> fits;
  for (const auto& v : pool)
    if (v->type.ndim() == 2) fits.push_back(v);
  if (fits.empty()) return nullptr;
  VarRef x = *rc::gen::elementOf(fits);
  VarRef b = zero_one(x);
  VarRef square = zero_one(pt::dot(b, pt::dimshuffle(b, {1, 0})));
  // Unit diagonal, 0/1 entries: every step is an integer sum, exact while
  // small (|x| <= 2^n); NaN never arises.
  return pt::solve_triangular(in_drawn_dtype(square, "SolveTriangular", true),
                              in_drawn_dtype(b, "SolveTriangular", true), 0, *rc::gen::arbitrary<bool>(), true);
}

SampleSpec solve_triangular_spec() {
  SampleSpec s;
  s.op = "SolveTriangular";
  s.dtypes = all_dtypes();
  s.gen = solve_triangular_case;
  s.grow = solve_triangular_grow;
  s.domain_notes =
      "no inf/NaN in the read triangle or in b (whether BLAS forms 0*inf terms depends on its kernel); "
      "diagonals 0.5-2, 1e-3 or exactly 0; anything in the unread triangle and, with unit_diagonal, on the diagonal";
  return s;
}

const SampleSpecRegistrar kSolveTriangular(solve_triangular_spec());

}  // namespace
}  // namespace ptonnx::gen
