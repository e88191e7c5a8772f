// Sample spec of QR (pivoting=False; modes full, economic, r, raw), every
// dtype (integer and bool inputs upcast as linalg_output_dtype says).
//
// Shapes M x N with M, N in 0..6: tall, square and wide, 1 x 1, M x 0 and
// 0 x 0; rarely 0 x N with N > 0, where PyTensor's geqrf call raises (out
// of domain, oracles/linalg_qr.cpp). Matrices (generators/linalg_matrices.h
// for the conditioned kinds):
// - Q1 diag(sigma) Q2^T, kappa 1-10 or the maximum (1e6 where the
//   factorisation runs in float64, 1e3 in float32, 10 for float16 inputs),
//   a random sign on one sigma (float only);
// - the same scaled by 2^100 / 2^-90 (float32) or 2^900 / 2^-600 (float64):
//   squares of the entries over- or underflow, the norms must be scaled;
// - upper triangular (every tail exactly zero: tau = 0 at every step, also
//   for negative diagonal elements: Q = I, R = A exactly);
// - a first column with a zero tail and a negative (or -0.0) alpha,
//   then a general matrix; a first column with alpha = -0.0 and a
//   nonzero tail (Fortran's SIGN(norm, -0.0) is -norm: beta > 0);
// - rank deficient: a zero column (exact: reflections of zero are zero,
//   tau = 0 at its step), a duplicate column (its reduced column is zero
//   only up to rounding: the invariant path), small random integers
//   (0/1 for bool, non-negative for unsigned; often dependent columns).
// No inf or NaN: geqrf's result then depends on the BLAS's nrm2 and the
// order of its sums.
// Grow: QR of triu(zero_one(x)), upper triangular 0/1: LAPACK and the
// export both take tau = 0 at every step, so Q = I, R = H = the input and
// tau = 0, exactly.
#include <cmath>

#include "generators/linalg_matrices.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"
#include "graph/builder_alloc.h"
#include "graph/builder_linalg.h"
#include "graph/builder_shape.h"
#include "graph/ops/linalg.h"

namespace ptonnx::gen {
namespace {

enum Kind {
  kConditioned,
  kKappaMax,
  kScaled,
  kUpper,
  kZeroTailFirst,
  kNegativeZero,
  kZeroColumn,
  kDuplicate,
  kInteger
};

// A small integer grid value of dtype t: [-3, 3], [0, 3] unsigned, 0/1 bool.
double small_value(DType t) {
  if (t == DType::Bool) return static_cast<double>(in_range(0, 2));
  if (is_unsigned_integer(t)) return static_cast<double>(in_range(0, 4));
  if (!is_float(t)) return static_cast<double>(in_range(-3, 4));
  return static_cast<double>(in_range(-16, 17)) / 4;  // exact in float16
}

Mat integers(DType t, int64_t m, int64_t n) {
  Mat a(static_cast<size_t>(m * n));
  for (auto& v : a) v = small_value(t);
  return a;
}

Mat conditioned_kind(int64_t m, int64_t n, double kappa, std::string& label) {
  const int64_t k = std::min(m, n);
  std::vector<double> sigma = geometric(k, kappa, *rc::gen::element(1.0, 4.0, 0.25));
  label = "kappa " + kappa_name(kappa);
  if (k > 0 && *rc::gen::arbitrary<bool>()) {
    sigma[in_range(0, k)] *= -1;
    label += " negative sigma";
  }
  return conditioned(m, n, sigma);
}

// A general matrix of t: conditioned (float) or small integers.
Mat general(DType t, int64_t m, int64_t n, std::string& label) {
  if (is_float(t)) return conditioned_kind(m, n, std::min(*rc::gen::element(1.0, 2.0, 10.0), max_kappa(t)), label);
  label = "integer";
  return integers(t, m, n);
}

Mat draw(DType t, int64_t m, int64_t n, Kind kind, std::string& label) {
  Mat a;
  switch (kind) {
    case kConditioned: return general(t, m, n, label);
    case kKappaMax: return conditioned_kind(m, n, max_kappa(t), label);
    case kScaled: {
      const bool f32 = linalg::lapack_dtype(t) == DType::Float32;
      const int e = f32 ? *rc::gen::element(100, -90) : *rc::gen::element(900, -600);
      a = conditioned_kind(m, n, 10, label);
      for (auto& v : a) v = std::ldexp(v, e);
      label += " scaled 2^" + std::to_string(e);
      return a;
    }
    case kUpper:
      a = integers(t, m, n);
      for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j)
          if (i > j) a[i * n + j] = 0;
      label = "upper triangular (tau = 0 at every step)";
      return a;
    case kZeroTailFirst:
      a = general(t, m, n, label);
      for (int64_t i = 1; i < m && n > 0; ++i) a[i * n] = 0;
      if (n > 0 && m > 0 && !is_unsigned_integer(t) && t != DType::Bool)
        a[0] = is_float(t) && *rc::gen::arbitrary<bool>() ? -0.0 : -std::max(std::fabs(a[0]), 1.0);
      label = "zero tail, negative alpha in column 0, " + label;
      return a;
    case kNegativeZero:
      a = general(t, m, n, label);
      if (m > 0 && n > 0) a[0] = -0.0;
      label = "alpha -0.0 in column 0, " + label;
      return a;
    case kZeroColumn:
      a = general(t, m, n, label);
      if (n > 0) {
        const int64_t j = in_range(0, n);
        for (int64_t i = 0; i < m; ++i) a[i * n + j] = 0;
        label = "zero column " + std::to_string(j) + ", " + label;
      }
      return a;
    case kDuplicate:
      a = general(t, m, n, label);
      if (n > 1) {
        const int64_t j = in_range(1, n), i = in_range(0, j);
        for (int64_t r = 0; r < m; ++r) a[r * n + j] = a[r * n + i];
        label = "column " + std::to_string(j) + " = column " + std::to_string(i) + ", " + label;
      }
      return a;
    default: label = "integer"; return integers(t, m, n);
  }
}

rc::Gen<Case> qr_case(DType t) {
  return rc::gen::exec([t] {
    int64_t m = *rc::gen::weightedElement<int64_t>({{1, 0}, {2, 1}, {3, 2}, {3, 3}, {3, 4}, {2, 5}, {1, 6}});
    int64_t n = *rc::gen::weightedElement<int>({{3, 0}, {1, 1}, {1, 2}}) == 0 ? m : in_range(0, 7);
    // 0 x N (N > 0): PyTensor raises; keep it rare (a discarded case).
    if (m == 0 && n > 0 && *rc::gen::weightedElement<int>({{3, 0}, {1, 1}}) == 0) n = 0;
    const bool fl = is_float(t);
    const bool scalable = fl && t != DType::Float16;
    const auto kind = static_cast<Kind>(*rc::gen::weightedElement<int>({{fl ? 6u : 0u, kConditioned},
                                                                        {fl ? 3u : 0u, kKappaMax},
                                                                        {scalable ? 2u : 0u, kScaled},
                                                                        {2, kUpper},
                                                                        {2, kZeroTailFirst},
                                                                        {fl ? 1u : 0u, kNegativeZero},
                                                                        {2, kZeroColumn},
                                                                        {2, kDuplicate},
                                                                        {fl ? 2u : 6u, kInteger}}));
    std::string label;
    const Mat a = draw(t, m, n, kind, label);
    const Tensor x = to_tensor(t, a, {m, n});
    const std::string mode = *rc::gen::element<std::string>("full", "economic", "r", "raw");
    const InputRecipe in{x, *static_view(x.shape()), *rc::gen::weightedElement<bool>({{6, false}, {1, true}})};
    Case c = build_case(OpRecipe{"QR", {in}, {{"mode", mode}, {"pivoting", int64_t{0}}}});
    c.label = label + ": " + c.label;
    return c;
  });
}

VarRef qr_grow(const std::vector<VarRef>& pool) {
  std::vector<VarRef> fits;
  for (const auto& v : pool)
    if (v->type.ndim() == 2) fits.push_back(v);
  if (fits.empty()) return nullptr;
  const VarRef b = zero_one(*rc::gen::elementOf(fits));
  const auto index = [&](int64_t axis) {
    return pt::arange(pt::literal_int(0), pt::shape_i(b, axis), pt::literal_int(1), "int64");
  };
  const VarRef d = pt::expand_dims(index(1), {0}) - pt::expand_dims(index(0), {1});  // column - row
  const VarRef upper =
      pt::cast(pt::minimum(pt::maximum(d + pt::literal_int(1), pt::literal_int(0)), pt::literal_int(1)), "float32");
  const auto outs = pt::qr(in_drawn_dtype(b * upper, "QR", true),
                          *rc::gen::element<std::string>("full", "economic", "r", "raw"));
  return *rc::gen::elementOf(outs);
}

SampleSpec qr_spec() {
  SampleSpec s;
  s.op = "QR";
  s.dtypes = all_dtypes();
  s.gen = qr_case;
  s.grow = qr_grow;
  s.domain_notes =
      "condition numbers up to 1e6 (float64 work), 1e3 (float32), 10 (float16 inputs); entries scaled by up to "
      "2^100 / 2^-90 (float32) and 2^900 / 2^-600 (float64), where unscaled squares over- or underflow; rank-deficient "
      "matrices (zero or duplicate columns, integer matrices) are judged by invariants where rounding decides "
      "LAPACK's later columns; no inf/NaN (geqrf's result then depends on the BLAS's nrm2); 0 x N with N > 0 only "
      "rarely (PyTensor's geqrf call raises: out of domain); pivoting=True (geqp3) is not modelled (the IR refuses "
      "it)";
  return s;
}

const SampleSpecRegistrar kQR(qr_spec());

}  // namespace
}  // namespace ptonnx::gen
