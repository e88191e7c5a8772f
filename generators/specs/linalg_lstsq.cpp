// Sample spec of Lstsq (an M x N matrix, an M x K right-hand side, a 0-d
// rcond).
//
// gelsd's rank cutoff makes the solution discontinuous: a singular value
// within rounding of rcnd max(s) (rcnd = eps = 2^-53 for rcond <= 0 or
// >= 1, else rcond) decides between 1/s and 0, and the export's Jacobi
// leaves singular values below L u max(s) out of U (linalg_lstsq.cpp). So
// every draw's singular values are measured in double (Eigen's JacobiSVD
// of the matrix as read, after rounding to its dtype) and the draw is kept
// only when each ratio s_i / max(s) is either kept clearly (>= 10 rcnd and
// >= 1e-11) or dropped clearly (<= rcnd / 10, which needs rcnd >= 1e-11:
// with eps, an exactly rank-deficient matrix's noise singular values,
// ~1e-16 max(s) on either side, straddle the cutoff), and the kept ones
// have a condition number of at most 1e8, where the comparison's bound
// (lib/check/linalg_tolerance_lstsq.cpp) is informative. min(M, N) == 1
// ignores rcond (gelsd keeps any nonzero value) and always passes. Other
// draws are replaced by the next attempt (after 20, the zero matrix).
// - rcond: -1, 0 (eps), >= 1 (1, 10: eps too), typical (1e-10 .. 0.5) or
//   tiny (1e-15: < 1e-11, only full-rank matrices pass);
// - A: Q1 diag(sigma) Q2^T with sigma distinct or geometric (condition up
//   to 1e6), or with a few values far below the others (truncated when
//   rcond is typical), scaled by 1e-30 .. 1e30 (float32: 1e-10 .. 1e10);
//   small integers (|x| <= 4, 0/1 for bool, non-negative for unsigned)
//   with a zero row, a zero column or two equal rows (rank deficient);
//   the zero matrix; a single row or column; M, N = 0..5 (tall, square,
//   wide, empty), now and then 6..12;
// - b: K = 1..3 columns (0 rarely), values in [-1, 1] (small integers for
//   integer dtypes), or A x0 (a consistent system: zero residuals), in the
//   matrix's dtype or float64.
// float64, float32, int64, int8 and bool (not float16: numpy.linalg
// refuses half, PyTensor raises);
// both sides compute in float64 (the declared outputs; NumPy would solve
// float32 input in single precision, docs/converter.md). No NaN or inf (a
// NaN or inf in A makes NumPy raise; non-finite b and a NaN rcond are not
// modelled by the oracle).
// Grow: lstsq(D, B, rcond) with B = zero_one(pool value) and D the same
// shape, diagonal with entries 1 + B_ii (1 or 2): singular values 1 and 2,
// x = B_i / D_ii (halves), residuals sums of 0/1 values, rcond -1, 0.3, 0.7
// (dropping the 1s when a 2 is present) or 2; every output exact on both
// sides (no rotation, no rounding).
#include <Eigen/Dense>
#include <Eigen/SVD>
#include <cmath>
#include <sstream>

#include "generators/linalg_matrices.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"
#include "graph/builder_alloc.h"
#include "graph/builder_linalg.h"
#include "graph/builder_shape.h"

namespace ptonnx::gen {
namespace {

enum Kind { Distinct, Geometric, Truncated, RankDeficient, Integer, Zero };

double unit_uniform() { return static_cast<double>(in_range(-1000, 1001)) / 1000.0; }

// gelsd's effective cutoff ratio.
double rcnd_of(double rcond) { return rcond <= 0 || rcond >= 1 ? std::ldexp(1.0, -53) : rcond; }

// Whether the matrix (as read) keeps its singular values clear of the
// cutoff (see the header).
bool separated(const Mat& a, int64_t m, int64_t n, double rcond) {
  if (std::min(m, n) <= 1) return true;
  Eigen::MatrixXd A(m, n);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) A(i, j) = a[static_cast<size_t>(i * n + j)];
  const auto sigma = Eigen::JacobiSVD<Eigen::MatrixXd>(A).singularValues();
  const double s_max = sigma.maxCoeff();
  if (s_max == 0) return true;
  const double rcnd = rcnd_of(rcond);
  double s_r = s_max;
  for (Eigen::Index i = 0; i < sigma.size(); ++i) {
    const double r = sigma[i] / s_max;
    if (r >= 10 * rcnd && r >= 1e-11)
      s_r = std::min(s_r, sigma[i]);
    else if (!(r <= rcnd / 10 && rcnd >= 1e-11))
      return false;
  }
  return s_max / s_r <= 1e8;
}

Mat draw_matrix(Kind kind, DType t, int64_t m, int64_t n, std::string& label) {
  const int64_t k = std::min(m, n);
  Mat a(static_cast<size_t>(m * n), 0.0);
  if (kind == Integer || kind == RankDeficient) {
    a = small_integer_matrix(t, m, n, kind == RankDeficient);
  } else if (kind != Zero) {
    std::vector<double> s(static_cast<size_t>(k));
    for (auto& x : s) x = 0.1 + std::fabs(unit_uniform());
    if (kind == Geometric) s = geometric(k, *rc::gen::element(1e3, 1e6), 1.0);
    if (kind == Truncated)
      for (int64_t i = 1; i < k; i += 2) s[static_cast<size_t>(i)] *= *rc::gen::element(1e-14, 1e-12, 1e-9);
    a = conditioned(m, n, s);
    const bool f64 = t == DType::Float64;
    const double scale = f64 ? *rc::gen::element(1.0, 1.0, 1e-30, 1e30) : *rc::gen::element(1.0, 1.0, 1e-10, 1e10);
    for (auto& x : a) x *= scale;
    if (scale != 1.0) label += " x" + std::to_string(scale);
  }
  return a;
}

rc::Gen<Case> lstsq_case(DType t) {
  return rc::gen::exec([t] {
    const bool big = in_range(0, 16) == 0;
    int64_t m = big ? in_range(6, 13) : in_range(0, 6), n = big ? in_range(6, 13) : in_range(0, 6);
    if (in_range(0, 8) == 0) (*rc::gen::arbitrary<bool>() ? m : n) = 1;  // min(M, N) == 1 ignores rcond
    const int64_t rhs = in_range(0, 12) == 0 ? 0 : in_range(1, 4);
    const double rcond = *rc::gen::weightedElement<double>(
        {{2, -1.0}, {1, 0.0}, {1, 1.0}, {1, 10.0}, {2, 1e-10}, {2, 1e-6}, {2, 1e-3}, {1, 0.5}, {1, 1e-15}});
    Kind kind = is_float(t)
                    ? *rc::gen::weightedElement<Kind>(
                          {{5, Distinct}, {2, Geometric}, {3, Truncated}, {3, RankDeficient}, {2, Integer}, {1, Zero}})
                    : *rc::gen::weightedElement<Kind>({{4, Integer}, {2, RankDeficient}, {1, Zero}});
    // With eps as the cutoff only full-rank (or zero) matrices separate.
    if (rcnd_of(rcond) < 1e-11 && (kind == RankDeficient || kind == Truncated)) kind = is_float(t) ? Distinct : Integer;
    if (kind == RankDeficient) m = std::min<int64_t>(m, 5), n = std::min<int64_t>(n, 5);
    static const char* const kNames[] = {"distinct", "geometric", "truncated", "rank deficient", "integer", "zero"};
    std::string label = kNames[kind];
    Tensor x;
    bool ok = false;
    for (int attempt = 0; attempt < 20 && !ok; ++attempt) {
      std::string scaled = label;
      x = to_tensor(t, draw_matrix(kind, t, m, n, scaled), {m, n});
      ok = separated(from_tensor(x), m, n, rcond);
      if (ok) label = scaled;
    }
    if (!ok) {
      x = to_tensor(t, Mat(static_cast<size_t>(m * n), 0.0), {m, n});
      label = "zero (fallback)";
    }
    const DType tb = *rc::gen::weightedElement<bool>({{3, true}, {1, false}}) ? t : DType::Float64;
    const bool unsig = is_unsigned_integer(tb) || tb == DType::Bool;
    Mat b(static_cast<size_t>(m * rhs));
    const bool consistent = is_float(tb) && in_range(0, 4) == 0;
    if (consistent) {
      const Mat a = from_tensor(x);
      Mat x0(static_cast<size_t>(n * rhs));
      for (auto& v : x0) v = unit_uniform();
      b = matmul(a, x0, m, n, rhs);
      label += ", consistent b";
    } else {
      for (auto& v : b)
        v = is_float(tb)        ? unit_uniform()
            : tb == DType::Bool ? static_cast<double>(in_range(0, 2))
                                : static_cast<double>(in_range(unsig ? 0 : -4, 5));
    }
    const Tensor y = to_tensor(tb, b, {m, rhs});
    Tensor r(DType::Float64, {});
    r.set_from_double(0, rcond);
    std::ostringstream rc_text;
    rc_text << rcond;
    label += ", rcond " + rc_text.str();
    auto input = [](const Tensor& v) {
      return InputRecipe{v, *static_view(v.shape()), *rc::gen::weightedElement<bool>({{6, false}, {1, true}})};
    };
    Case c = build_case(OpRecipe{"Lstsq", {input(x), input(y), input(r)}, {}});
    c.label = label + ": " + c.label;
    return c;
  });
}

VarRef lstsq_grow(const std::vector<VarRef>& pool) {
  std::vector<VarRef> fits;
  for (const auto& v : pool)
    if (v->type.ndim() == 2) fits.push_back(v);
  if (fits.empty()) return nullptr;
  const VarRef b = zero_one(*rc::gen::elementOf(fits));
  const VarRef i = pt::arange(pt::literal_int(0), pt::shape_i(b, 0), pt::literal_int(1), "int64");
  const VarRef j = pt::arange(pt::literal_int(0), pt::shape_i(b, 1), pt::literal_int(1), "int64");
  const VarRef d = pt::expand_dims(i, {1}) - pt::expand_dims(j, {0});
  const VarRef on_diag = pt::cast(pt::literal_int(1) - pt::minimum(pt::abs(d), pt::literal_int(1)), "float32");
  const VarRef a = on_diag * (b + on_diag);
  const VarRef rcond = pt::literal(*rc::gen::element(-1.0, 0.3, 0.7, 2.0));
  return pt::lstsq(in_drawn_dtype(a, "Lstsq", false), in_drawn_dtype(b, "Lstsq", true), rcond)
      .at(static_cast<size_t>(in_range(0, 4)));
}

SampleSpec lstsq_spec() {
  SampleSpec s;
  s.op = "Lstsq";
  // Both sides cast to float64 first: one integer dtype of each width
  // class and bool cover the casts; more would only lengthen the run.
  s.dtypes = {DType::Float64, DType::Float32, DType::Int64, DType::Int8, DType::Bool};
  s.gen = lstsq_case;
  s.grow = lstsq_grow;
  s.domain_notes =
      "x, residuals and s compared within least-squares perturbation bounds, rank exactly; singular values measured "
      "in double and drawn either clearly kept (>= 10 rcnd and >= 1e-11 max(s), condition of the kept ones <= 1e8) "
      "or clearly dropped (<= rcnd / 10, only where rcnd >= 1e-11: with eps as the cutoff NumPy's own noise "
      "decides), min(M, N) == 1 free (rcond ignored); both sides compute in float64, the declared dtypes (NumPy "
      "would use float32 for float32 input); no float16 (numpy.linalg refuses half); no NaN or inf (NumPy raises on "
      "them in A; non-finite b and a NaN rcond not modelled)";
  return s;
}

const SampleSpecRegistrar kLstsq(lstsq_spec());

}  // namespace
}  // namespace ptonnx::gen
