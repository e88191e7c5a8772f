// Sample spec of MatrixPinv (one M x N matrix, hermitian or not).
//
// numpy's rcond 1e-15 cutoff makes the pseudo-inverse discontinuous: a
// singular value within rounding of 1e-15 max(s) decides between 1/s and
// 0, and the export's Jacobi leaves singular values below L u max(s) at 0
// (linalg_pinv.cpp). So every draw's singular values are measured in
// double (Eigen's JacobiSVD of the matrix as read) and the draw is kept
// only when each is either kept clearly (> 1e-12 max(s) in float64 work,
// > 1e-5 in float32) or numerically zero (< 1e-15 max(s)), and the kept
// ones have a condition number (max / smallest kept) of at most 1e8
// (float64) or 100 (float32), where the comparison's Wedin bound
// (lib/check/linalg_tolerance_pinv.cpp) is informative; other draws are
// replaced by the next attempt (after 20, the zero matrix).
// - Q1 diag(sigma) Q2^T with sigma distinct or geometric, scaled by
//   1e-30 .. 1e30 (float64) or 1e-10 .. 1e10 (float32);
// - rank deficient, float64 work only: small integers (|x| <= 4) with a
//   zero row, a zero column or two equal rows, M, N <= 5: gesdd's noise
//   singular values there measured at most 2.8e-16 max(s) with NumPy 1.24
//   (15000 draws), well below the cutoff, while in float32 work gesdd's
//   noise (~1e-8) would be inverted by NumPy: no numerically
//   rank-deficient float32 matrices;
// - small integers in every dtype (0/1 for bool), the zero matrix (all
//   zeros out), empty shapes (M or N 0: an empty N x M result);
// - hermitian: square, the symmetric matrix of Q diag(lambda) Q^T with
//   lambda of both signs in the lower triangle and unrelated values in the
//   upper (NumPy's eigh reads the lower only);
// - rarely a NaN (not hermitian; NumPy raises: out of domain).
// No float16 (numpy.linalg refuses half).
// Grow: the pseudo-inverse of a pool value is not exactly computable in
// general, so pinv_grow builds matrices whose pseudo-inverse has entries
// that are whole numbers or halves (see there).
#include <Eigen/Dense>
#include <Eigen/SVD>
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

enum Kind { Distinct, Geometric, RankDeficient, Integer, Zero, NaN };

double unit_uniform() { return static_cast<double>(in_range(-1000, 1001)) / 1000.0; }

// Whether the matrix (as read) separates its singular values clearly around
// the cutoff (see the header).
bool separated(const Mat& a, int64_t m, int64_t n, bool f64) {
  if (m == 0 || n == 0) return true;
  Eigen::MatrixXd A(m, n);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) A(i, j) = a[static_cast<size_t>(i * n + j)];
  if (!A.allFinite()) return true;
  const auto sigma = Eigen::JacobiSVD<Eigen::MatrixXd>(A).singularValues();
  const double s_max = sigma.maxCoeff();
  if (s_max == 0) return true;
  const double tau = f64 ? 1e-12 : 1e-5, kappa = f64 ? 1e8 : 100;
  for (Eigen::Index i = 0; i < sigma.size(); ++i) {
    const double r = sigma[i] / s_max;
    if (r <= tau && (!f64 || r >= 1e-15)) return false;
    if (r > tau && r < 1 / kappa) return false;
  }
  return true;
}

rc::Gen<Case> pinv_case(DType t) {
  return rc::gen::exec([t] {
    const bool hermitian = in_range(0, 4) == 0;
    const bool big = in_range(0, 16) == 0;
    int64_t m = big ? in_range(6, 13) : in_range(0, 6), n = big ? in_range(6, 13) : in_range(0, 6);
    if (hermitian) n = m;
    const bool f64 = linalg::lapack_dtype(t) == DType::Float64;
    Kind kind = is_float(t)
                    ? *rc::gen::weightedElement<Kind>(
                          {{5, Distinct}, {3, Geometric}, {3, RankDeficient}, {2, Integer}, {1, Zero}, {1, NaN}})
                    : *rc::gen::weightedElement<Kind>({{6, Integer}, {1, RankDeficient}, {1, Zero}});
    if (kind == RankDeficient && (!f64 || hermitian)) kind = Integer;
    if (kind == NaN && hermitian) kind = Distinct;
    if (kind == RankDeficient) m = std::min<int64_t>(m, 5), n = std::min<int64_t>(n, 5);
    static const char* const kNames[] = {"distinct", "geometric", "rank deficient", "integer", "zero", "NaN"};
    std::string label = kNames[kind];
    const int64_t k = std::min(m, n);
    Mat a;
    bool ok = false;
    for (int attempt = 0; attempt < 20 && !ok; ++attempt) {
      a.assign(static_cast<size_t>(m * n), 0.0);
      if (kind == Integer || kind == RankDeficient) {
        a = small_integer_matrix(t, m, n, kind == RankDeficient);
      } else if (kind != Zero) {
        std::vector<double> s(static_cast<size_t>(k));
        for (auto& x : s) x = 0.1 + std::fabs(unit_uniform());
        if (kind == Geometric) s = geometric(k, f64 ? *rc::gen::element(1e3, 1e6) : 30.0, 1.0);
        if (hermitian)
          for (auto& x : s) x *= in_range(0, 2) ? 1 : -1;
        a = hermitian ? spectral(m, s) : conditioned(m, n, s);
      }
      if (hermitian)  // measured as read: the symmetric matrix of the lower triangle
        for (int64_t i = 0; i < m; ++i)
          for (int64_t j = i + 1; j < n; ++j) a[i * n + j] = a[j * n + i];
      ok = separated(a, m, n, f64);
    }
    if (!ok) {
      a.assign(static_cast<size_t>(m * n), 0.0);
      label = "zero (fallback)";
    }
    if (kind == Distinct || kind == Geometric || kind == NaN) {
      const double scale = f64 ? *rc::gen::element(1.0, 1.0, 1e-30, 1e30) : *rc::gen::element(1.0, 1.0, 1e-10, 1e10);
      for (auto& x : a) x *= scale;
      if (scale != 1.0) label += " x" + std::to_string(scale);
    }
    if (hermitian) {
      // Unrelated values above the diagonal: never read.
      for (int64_t i = 0; i < m; ++i)
        for (int64_t j = i + 1; j < n; ++j)
          a[i * n + j] = t == DType::Bool ? static_cast<double>(in_range(0, 2)) : static_cast<double>(in_range(0, 5));
      label = "hermitian " + label;
    }
    if (kind == NaN && m * n > 0) {
      a[in_range(0, m * n)] = std::nan("");
      label = "NaN (NumPy raises)";
    }
    const Tensor x = to_tensor(t, a, {m, n});
    Case c = build_case(
        OpRecipe{"MatrixPinv",
                 {InputRecipe{x, *static_view(x.shape()), *rc::gen::weightedElement<bool>({{6, false}, {1, true}})}},
                 {{"hermitian", int64_t{hermitian}}}});
    c.label = label + ": " + c.label;
    return c;
  });
}

// Random graphs: from a 2-D pool value x, one of
// - L or U of unit_lu_01 (unit triangular 0/1, static n <= 6): the inverse is a
//   matrix of whole numbers (|entries| <= 2^(n - 2)) and the condition
//   number stays below ~100, so a float32 SVD's error is far below 1/4;
// - a rectangular diagonal matrix of x's shape with diagonal (x != 0) +
//   (x != 0)(x != 1) in {0, 1, 2}: exact zero singular values (the cutoff's
//   "else 0" branch), empty and non-square shapes;
// - hermitian: a diagonal in {1, 2} plus a strictly upper 0/1 part, which
//   hermitian=True must ignore (it reads the lower triangle);
// cast to a dtype MatrixPinv takes (integers and bool: the float64 work
// dtype), then round(2 pinv) + 0: the exact results are multiples of 1/2,
// so 2 pinv rounds to the same whole number whatever the SVD's rounding.
VarRef pinv_grow(const std::vector<VarRef>& pool) {
  // The rectangular and hermitian kinds twice as often: only they reach
  // the cutoff branch, non-square shapes and the lower-triangle read. Their
  // pseudo-inverse is exact at any size, L's and U's need n <= 6.
  const int kind = *rc::gen::weightedElement<int>({{1, 0}, {1, 1}, {2, 2}, {2, 3}});
  std::vector<VarRef> fits;
  for (const auto& v : pool)
    if (v->type.ndim() == 2 && (kind >= 2 || (v->type.shape[0] && v->type.shape[1] && *v->type.shape[0] <= 6 &&
                                               *v->type.shape[1] <= 6)))
      fits.push_back(v);
  if (fits.empty()) return nullptr;
  const VarRef x = *rc::gen::elementOf(fits);
  const auto r = unit_lu_01({x});
  const VarRef b = r->b;
  const auto index = [&](const VarRef& v, int64_t axis) {
    return pt::arange(pt::literal_int(0), pt::shape_i(v, axis), pt::literal_int(1), "int64");
  };
  const auto diagonal = [&](const VarRef& v) {  // 1 on v's diagonal, else 0 (float32, v's shape)
    const VarRef d = pt::expand_dims(index(v, 0), {1}) - pt::expand_dims(index(v, 1), {0});
    return pt::cast(pt::literal_int(1) - pt::minimum(pt::abs(d), pt::literal_int(1)), "float32");
  };
  VarRef a;
  bool hermitian = false;
  if (kind == 0) a = r->l;
  if (kind == 1) a = r->u;
  if (kind == 2) a = diagonal(b) * (b + b * zero_one(pt::cast(x, "float64") - 1.0));  // x != 1
  if (kind == 3) {
    const VarRef on_diag = diagonal(r->u);
    a = on_diag * (on_diag + zero_one(pt::dot(b, pt::dimshuffle(b, {1, 0})))) + (r->u - on_diag);
    hermitian = true;
  }
  std::vector<DType> dtypes;
  for (DType t : all_dtypes())
    if (t != DType::Float16) dtypes.push_back(t);
  const DType t = *rc::gen::weightedElement<DType>({{3, DType::Float32}, {1, *rc::gen::elementOf(dtypes)}});
  if (t != DType::Float32) a = pt::cast(a, std::string(dtype_name(t)));
  // + 0.0 turns -0.0 into +0.0: the sign of an exactly zero entry is an
  // accident of the SVD's arithmetic (NumPy gives +0.0 where the export's
  // Jacobi gives -0.0), and a Reciprocal downstream would make it +-inf.
  return pt::round(pt::pinv(a, hermitian) * 2.0) + 0.0;
}

SampleSpec pinv_spec() {
  SampleSpec s;
  s.op = "MatrixPinv";
  for (DType t : all_dtypes())
    if (t != DType::Float16) s.dtypes.push_back(t);
  s.gen = pinv_case;
  s.grow = pinv_grow;
  s.domain_notes =
      "compared elementwise within a Wedin bound; singular values measured in double and drawn either clearly "
      "above the rcond cutoff (> 1e-12 max(s) in float64, > 1e-5 in float32, condition of the kept ones <= 1e8 / "
      "100) or numerically zero (exact zero structure of small integers, float64 only: NumPy's gesdd noise there "
      "<= 2.8e-16 max(s), measured); no numerically rank-deficient float32 matrices (NumPy would invert the ~1e-8 "
      "noise); no float16 (numpy.linalg refuses half); a NaN only rarely (NumPy raises: out of domain); no inf";
  return s;
}

const SampleSpecRegistrar kMatrixPinv(pinv_spec());

}  // namespace
}  // namespace ptonnx::gen
