// Sample spec of Cholesky (the core op: one matrix; PyTensor's batched
// stacks are Blockwise over it and not modelled here).
//
// Matrices, n = 0..5, lower and upper:
// - SPD with a controlled condition number, Q diag(lambda) Q^T, Q a product
//   of two Householder reflections, lambda geometric from 1 to 1/kappa:
//   kappa ~ 1-10, and 1e6 where the factorisation runs in float64 (float64
//   and >16-bit integer inputs), 1e3 in float32 (float32: Higham's success
//   condition 20 n^1.5 kappa u < 1 must hold with room, or LAPACK and the
//   export may disagree on whether the matrix is positive definite at all),
//   10 for float16 inputs (rounding the input to half moves eigenvalues by
//   about 5e-4 ||A||);
// - integer SPD L L^T (L integer, nonzero diagonal);
// - exactly singular: L L^T with L integer and a zero on its diagonal (the
//   pivot is exactly 0 in every summation order: all NaN);
// - indefinite (an eigenvalue of -1): all NaN;
// - NaN in the read triangle: all NaN;
// - the triangle potrf does not read filled with unrelated values;
// - non-square empty inputs ((0, k), (k, 0)): an empty result of that shape.
// Integer and bool inputs (upcast to float32/float64) get the integer kinds.
// Grow: Cholesky of a 0/1 matrix, whose pivots are integers <= 1 (either 1
// or a failure): exact in every order, so safe inside random graphs.
#include <cmath>

#include "generators/linalg_matrices.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

rc::Gen<Case> cholesky_case(DType t) {
  return rc::gen::exec([t] {
    const bool lower = *rc::gen::arbitrary<bool>();
    Attributes attrs{{"lower", int64_t{lower ? 1 : 0}}};
    if (*rc::gen::weightedElement<bool>({{12, false}, {1, true}})) {
      const int64_t k = *rc::gen::inRange<int64_t>(1, 4);
      const Shape s = *rc::gen::arbitrary<bool>() ? Shape{0, k} : Shape{k, 0};
      OpRecipe r{"Cholesky", {InputRecipe{Tensor(t, s), *static_view(s), false}}, attrs};
      return build_case(r);
    }
    const int64_t n = *rc::gen::weightedElement<int64_t>({{1, 0}, {2, 1}, {3, 2}, {3, 3}, {3, 4}, {2, 5}});
    const bool exact_only = !is_float(t);
    const bool nonneg = is_unsigned_integer(t);
    Mat a;
    const int kind = exact_only ? *rc::gen::element(2, 3)
                                : *rc::gen::weightedElement<int>({{3, 0}, {2, 1}, {2, 2}, {2, 3}, {1, 4}, {1, 5}});
    std::vector<double> lambda(static_cast<size_t>(n));
    switch (kind) {
      case 0:
      case 1:
      case 4:
      case 5: {
        const double kappa = kind == 1 ? max_kappa(t) : *rc::gen::element(1.0, 2.0, 10.0);
        const double scale = *rc::gen::element(1.0, 4.0, 0.25);
        for (int64_t i = 0; i < n; ++i)
          lambda[i] = scale * std::pow(kappa, -static_cast<double>(i) / std::max<int64_t>(n - 1, 1));
        if (kind == 4 && n > 0) lambda[*rc::gen::inRange<int64_t>(0, n)] = -scale;
        a = spectral(n, lambda);
        break;
      }
      case 2: a = integer_gram(n, false, nonneg); break;
      default: a = integer_gram(n, n > 0, nonneg); break;
    }
    if (t == DType::Bool)
      for (auto& v : a) v = v != 0;
    Tensor x(t, {n, n});
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < n; ++j) {
        const bool read = lower ? j <= i : j >= i;
        double v = a[i * n + j];
        if (!read && *rc::gen::weightedElement<bool>({{1, false}, {2, true}}))
          v = is_float(t) ? *rc::gen::inRange(-64, 65) / 4.0 : (t == DType::Bool ? 1.0 : *rc::gen::inRange(0, 3));
        x.set_from_double(i * n + j, v);
      }
    if (kind == 5 && n > 0) {
      const int64_t i = *rc::gen::inRange<int64_t>(0, n), j = *rc::gen::inRange<int64_t>(0, i + 1);
      x.set_from_double(lower ? i * n + j : j * n + i, std::nan(""));
    }
    const bool constant = *rc::gen::weightedElement<bool>({{6, false}, {1, true}});
    OpRecipe r{"Cholesky", {InputRecipe{x, *static_view({n, n}), constant}}, attrs};
    return build_case(r);
  });
}

VarRef cholesky_grow(const std::vector<VarRef>& pool) {
  std::vector<VarRef> fits;
  for (const auto& v : pool)
    if (v->type.ndim() == 2) fits.push_back(v);
  if (fits.empty()) return nullptr;
  VarRef x = *rc::gen::elementOf(fits);
  VarRef b = zero_one(x);
  VarRef square = zero_one(pt::dot(b, pt::dimshuffle(b, {1, 0})));
  return pt::cholesky(in_drawn_dtype(square, "Cholesky", true), *rc::gen::arbitrary<bool>());
}

SampleSpec cholesky_spec() {
  SampleSpec s;
  s.op = "Cholesky";
  s.dtypes = all_dtypes();
  s.gen = cholesky_case;
  s.grow = cholesky_grow;
  s.domain_notes =
      "condition numbers up to 1e6 (float64 work), 1e3 (float32), 10 (float16 inputs), so that LAPACK and the "
      "export agree on positive definiteness; borderline matrices (a pivot within rounding of 0) are excluded, "
      "exactly singular ones have an exactly zero pivot; no inf inputs (potrf's result then depends on its order)";
  return s;
}

const SampleSpecRegistrar kCholesky(cholesky_spec());

}  // namespace
}  // namespace ptonnx::gen
