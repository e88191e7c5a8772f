// Sample spec of SVD (one M x N matrix, every full_matrices / compute_uv
// combination).
//
// M, N = 0..5 independently (tall, square, wide, empty), now and then
// 6..12, matrices from generators/linalg_matrices.h:
// - Q1 diag(sigma) Q2^T: sigma distinct, repeated (two or three equal),
//   with exact zeros (rank deficient: U's columns past the rank are any
//   completion), geometric over a condition number up to 1e12 (float64
//   work) or 1e6 (float32), scaled by 1e-30 .. 1e30 (float64) or
//   1e-10 .. 1e10 (float32), and near the float64 overflow threshold
//   (1e300: the export's power-of-two scaling);
// - a zero column or row, two equal columns, the zero matrix;
// - small random integers (0/1 for bool, non-negative for unsigned);
// - rarely a NaN (NumPy raises "SVD did not converge": out of domain).
// No float16 (numpy.linalg refuses half: PyTensor raises); no inf (gesdd
// then returns NaN singular values and LAPACK-dependent vectors).
// Grow: the singular values alone of a diagonal matrix with distinct
// non-negative integers: no rotation, exact on both sides.
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

enum Kind { Distinct, Repeated, RankDeficient, Geometric, Huge, ZeroColumn, ZeroRow, EqualColumns, Zero, Integer, NaN };

double unit_uniform() { return static_cast<double>(in_range(-1000, 1001)) / 1000.0; }

std::vector<double> singular_values(Kind kind, int64_t k, bool f64) {
  std::vector<double> s(static_cast<size_t>(k));
  for (auto& x : s) x = 0.1 + std::fabs(unit_uniform());
  switch (kind) {
    case Repeated:
      for (int64_t i = 1; i < std::min<int64_t>(k, in_range(2, 4)); ++i) s[static_cast<size_t>(i)] = s[0];
      break;
    case RankDeficient:
      for (int64_t i = 0; i < k; i += 2) s[static_cast<size_t>(i)] = 0;
      break;
    case Geometric: s = geometric(k, f64 ? *rc::gen::element(1e6, 1e12) : *rc::gen::element(1e3, 1e6), 1.0); break;
    default: break;
  }
  return s;
}

rc::Gen<Case> svd_case(DType t) {
  return rc::gen::exec([t] {
    const bool big = in_range(0, 8) == 0;
    const int64_t m = big ? in_range(6, 13) : in_range(0, 6), n = big ? in_range(6, 13) : in_range(0, 6);
    const int64_t k = std::min(m, n);
    const bool full = *rc::gen::arbitrary<bool>(), uv = in_range(0, 4) != 0;
    const bool f64 = linalg::lapack_dtype(t) == DType::Float64;
    const Kind kind = is_float(t) ? *rc::gen::weightedElement<Kind>({{6, Distinct},
                                                                     {3, Repeated},
                                                                     {3, RankDeficient},
                                                                     {2, Geometric},
                                                                     {1, Huge},
                                                                     {1, ZeroColumn},
                                                                     {1, ZeroRow},
                                                                     {1, EqualColumns},
                                                                     {1, Zero},
                                                                     {2, Integer},
                                                                     {1, NaN}})
                                  : *rc::gen::weightedElement<Kind>({{6, Integer}, {1, Zero}});
    const bool unsig = is_unsigned_integer(t) || t == DType::Bool;
    Mat a(static_cast<size_t>(m * n), 0.0);
    std::string label;
    static const char* const kNames[] = {"distinct",    "repeated", "rank deficient", "geometric", "huge",
                                         "zero column", "zero row", "equal columns",  "zero",      "integer",
                                         "NaN"};
    label = kNames[kind];
    if (kind == Integer) {
      for (auto& x : a)
        x = t == DType::Bool ? static_cast<double>(in_range(0, 2)) : static_cast<double>(in_range(unsig ? 0 : -4, 5));
    } else if (kind != Zero) {
      a = conditioned(m, n, singular_values(kind, k, f64));
      double scale = f64 ? *rc::gen::element(1.0, 1.0, 1e-30, 1e30) : *rc::gen::element(1.0, 1.0, 1e-10, 1e10);
      if (kind == Huge) scale = f64 ? 1e300 : 1e30;
      for (auto& x : a) x *= scale;
      if (scale != 1.0) label += " x" + std::to_string(scale);
      if (kind == ZeroColumn && n > 0) {
        const int64_t j = in_range(0, n);
        for (int64_t i = 0; i < m; ++i) a[i * n + j] = 0;
      } else if (kind == ZeroRow && m > 0) {
        const int64_t i = in_range(0, m);
        for (int64_t j = 0; j < n; ++j) a[i * n + j] = 0;
      } else if (kind == EqualColumns && n > 1) {
        for (int64_t i = 0; i < m; ++i) a[i * n + 1] = a[i * n];
      } else if (kind == NaN && m * n > 0) {
        a[in_range(0, m * n)] = std::nan("");
        label = "NaN (NumPy raises)";
      }
    }
    const Tensor x = to_tensor(t, a, {m, n});
    Case c = build_case(
        OpRecipe{"SVD",
                 {InputRecipe{x, *static_view(x.shape()), *rc::gen::weightedElement<bool>({{6, false}, {1, true}})}},
                 {{"full_matrices", int64_t{full}}, {"compute_uv", int64_t{uv}}}});
    c.label = label + ": " + c.label;
    return c;
  });
}

// The singular values of diag(2 i + b_i), b_i 0/1 from a pool value.
VarRef svd_grow(const std::vector<VarRef>& pool) {
  std::vector<VarRef> fits;
  for (const auto& v : pool)
    if (v->type.ndim() == 2) fits.push_back(v);
  if (fits.empty()) return nullptr;
  const VarRef b = zero_one(*rc::gen::elementOf(fits));
  const VarRef s = zero_one(pt::dot(b, pt::dimshuffle(b, {1, 0})));
  const VarRef i = pt::arange(pt::literal_int(0), pt::shape_i(s, 0), pt::literal_int(1), "int64");
  const VarRef d = pt::expand_dims(i, {1}) - pt::expand_dims(i, {0});
  const VarRef on_diag = pt::cast(pt::literal_int(1) - pt::minimum(pt::abs(d), pt::literal_int(1)), "float32");
  const VarRef twice_i = pt::cast(pt::expand_dims(i, {1}) * pt::literal_int(2), "float32");
  return pt::svd(in_drawn_dtype(on_diag * (twice_i + s), "SVD", false), *rc::gen::arbitrary<bool>(), false).at(0);
}

SampleSpec svd_spec() {
  SampleSpec s;
  s.op = "SVD";
  for (DType t : all_dtypes())
    if (t != DType::Float16) s.dtypes.push_back(t);
  s.gen = svd_case;
  s.grow = svd_grow;
  s.domain_notes =
      "U and Vt compared by LAPACK's own SVD tests (residual and orthogonality), s elementwise within the bound those "
      "tests imply; no float16 (numpy.linalg refuses half: PyTensor raises); a NaN only rarely (NumPy raises: out "
      "of domain); no inf (gesdd's result is then NaN singular values and vectors that depend on LAPACK)";
  return s;
}

const SampleSpecRegistrar kSVD(svd_spec());

}  // namespace
}  // namespace ptonnx::gen
