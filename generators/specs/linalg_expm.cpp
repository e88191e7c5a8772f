// Sample spec of Expm (scipy.linalg.expm on one matrix), every dtype.
//
// n = 0..5, rarely 8, and these kinds (generators/linalg_matrices.h):
// - zero and diagonal (scipy's elementwise path; float diagonals rarely hold
//   inf or NaN, whose exp is elementwise too);
// - nilpotent: strictly upper or lower triangular (degree 3, no scaling:
//   A^4 = |A|^7 = 0 for n <= 4);
// - symmetric Q diag(lambda) Q^T with a known spectrum: tiny (|lambda| up to
//   1e-3: degree 3 or 5), small, moderate, and large negative (down to -1e3
//   in float32, -1e4 in float64: many squarings) with a few moderate
//   positives;
// - skew-symmetric (exp orthogonal) with norms up to 1e3 (float64 3e3):
//   s up to 10;
// - dense uniform entries scaled from 1e-4 to 5 (float64 10): every degree;
// - triangular with random diagonal and off-diagonal up to 100 times it
//   (10 for n > 4): s > 0 with the exact diagonal and first off-diagonal of
//   Code Fragment 2.1;
// - shifted: -c I + R, R's entries up to c / 10 (decaying, non-normal);
// - integer and bool inputs (computed in float64): small integers (0/1 for
//   bool), strictly triangular and diagonal ones.
// Draws whose exp (estimated in double) exceeds 1e30 where the working or
// declared dtype is float32, or 1e250 in float64, are redrawn: whether a
// result near the overflow threshold rounds to inf depends on the order of
// the sums (named tests pin overflow that both sides agree on). float32
// norms stay below 2e3 so that A^10 is finite.
// Grow: expm of a diagonal 0/1 matrix built from a pool value (scipy's
// elementwise path: exp(0) = 1, exp(1) = e, exactly computable); a general
// matrix would carry a rounding difference into downstream ops.
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

enum class Kind { Zero, Diagonal, Nilpotent, Symmetric, Skew, Dense, Triangular, Shifted, Integer };

double uniform(double lo, double hi) { return lo + (hi - lo) * static_cast<double>(in_range(0, 10001)) / 10000.0; }

int64_t draw_n() {
  return *rc::gen::weightedElement<int64_t>({{1, 0}, {2, 1}, {4, 2}, {4, 3}, {3, 4}, {2, 5}, {1, 8}});
}

Mat zeros(int64_t n) { return Mat(static_cast<size_t>(n * n), 0.0); }

// exp(A) in double by scaling and squaring a degree-20 Taylor polynomial:
// only to keep draws away from overflow.
Mat expm_estimate(const Mat& a, int64_t n) {
  double norm = 0;
  for (double v : a) norm = std::max(norm, std::fabs(v) * static_cast<double>(n));
  const int s = norm > 0.5 ? static_cast<int>(std::ceil(std::log2(norm / 0.5))) : 0;
  Mat x = a;
  for (double& v : x) v = std::ldexp(v, -s);
  Mat term = zeros(n), sum = zeros(n);
  for (int64_t i = 0; i < n; ++i) term[i * n + i] = sum[i * n + i] = 1;
  for (int k = 1; k <= 20; ++k) {
    term = matmul(term, x, n, n, n);
    for (double& v : term) v /= k;
    for (size_t i = 0; i < sum.size(); ++i) sum[i] += term[i];
  }
  for (int i = 0; i < s; ++i) sum = matmul(sum, sum, n, n, n);
  return sum;
}

// The working dtype is float32 (float16/float32 input) or the declared
// one is (8/16-bit integers, bool).
bool f32_limited(DType t) { return linalg::lapack_dtype(t) == DType::Float32; }

struct Drawn {
  Mat a;
  std::string label;
};

Drawn symmetric(int64_t n, DType t) {
  const bool f32 = f32_limited(t);
  const int cls = in_range(0, 4);
  std::vector<double> lambda(static_cast<size_t>(n));
  const char* names[] = {"tiny", "small", "moderate", "large negative"};
  for (auto& l : lambda) {
    const double sign = *rc::gen::arbitrary<bool>() ? 1.0 : -1.0;
    switch (cls) {
      case 0: l = sign * std::pow(10.0, uniform(-6, -3)); break;
      case 1: l = sign * std::pow(10.0, uniform(-2, 0)); break;
      case 2: l = uniform(-10, 10); break;
      default: l = in_range(0, 4) == 0 ? uniform(-5, 5) : -std::pow(10.0, uniform(2, f32 ? 3 : 4)); break;
    }
  }
  return {spectral(n, lambda), std::string("symmetric ") + names[cls]};
}

Drawn skew(int64_t n, DType t) {
  Mat b = zeros(n);
  double norm = 0;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < i; ++j) {
      const double v = uniform(-1, 1);
      b[i * n + j] = v;
      b[j * n + i] = -v;
    }
  for (double v : b) norm = std::max(norm, std::fabs(v));
  const double target = *rc::gen::element(0.01, 0.5, 3.0, 30.0, 300.0, f32_limited(t) ? 1000.0 : 3000.0);
  if (norm > 0)
    for (double& v : b) v *= target / norm;
  return {b, "skew-symmetric, max |a| " + std::to_string(target)};
}

Drawn dense(int64_t n, DType t) {
  const double scale = f32_limited(t) ? *rc::gen::element(1e-4, 1e-2, 0.1, 0.5, 1.0, 2.0, 5.0)
                                      : *rc::gen::element(1e-4, 1e-2, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0);
  Mat a = zeros(n);
  for (double& v : a) v = scale * uniform(-1, 1);
  return {a, "dense, scale " + std::to_string(scale)};
}

Drawn triangular(int64_t n, bool strictly, bool integer, DType t) {
  const bool upper = *rc::gen::arbitrary<bool>();
  const bool unsig = t == DType::Bool || is_unsigned_integer(t);
  // Off-diagonal entries up to 100 times the diagonal's only for n <= 4:
  // beyond, exp's entries grow like off^(n-1) / (n-1)! and the problem's
  // condition (float32 results differing by 1e-3) makes any bound loose.
  const double d = integer ? 0 : *rc::gen::element(0.5, 5.0, 20.0);
  const double off = integer ? 0 : n <= 4 ? *rc::gen::element(1.0, 10.0, 100.0) : *rc::gen::element(1.0, 10.0);
  Mat a = zeros(n);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) {
      if (upper ? j < i : j > i) continue;
      if (i == j && strictly) continue;
      const double scale = i == j ? d : off;
      a[i * n + j] =
          integer ? static_cast<double>(in_range(unsig ? 0 : -3, t == DType::Bool ? 2 : 4)) : scale * uniform(-1, 1);
    }
  return {a, std::string(strictly ? "nilpotent " : "triangular ") + (upper ? "upper" : "lower")};
}

Drawn shifted(int64_t n) {
  const double c = *rc::gen::element(10.0, 50.0);
  Mat a = zeros(n);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) a[i * n + j] = (i == j ? -c : 0.0) + c / 10 * uniform(-1, 1);
  return {a, "shifted -" + std::to_string(static_cast<int>(c)) + " I + R"};
}

Drawn diagonal(int64_t n, DType t) {
  Mat a = zeros(n);
  const bool unsig = t == DType::Bool || is_unsigned_integer(t);
  const double reach = is_float(t) && !f32_limited(t) ? 500 : 60;
  for (int64_t i = 0; i < n; ++i)
    a[i * n + i] = is_float(t) ? uniform(-reach, reach)
                               : static_cast<double>(in_range(unsig ? 0 : -20, t == DType::Bool ? 2 : 21));
  if (is_float(t) && n > 0 && in_range(0, 8) == 0) {
    a[in_range(0, n) * (n + 1)] = *rc::gen::element(INFINITY, -INFINITY, std::nan(""));
    return {a, "diagonal with inf/NaN"};
  }
  return {a, "diagonal"};
}

Drawn draw(Kind k, int64_t n, DType t) {
  switch (k) {
    case Kind::Zero: return {zeros(n), "zero"};
    case Kind::Diagonal: return diagonal(n, t);
    case Kind::Nilpotent: return triangular(n, true, !is_float(t) || *rc::gen::arbitrary<bool>(), t);
    case Kind::Symmetric: return symmetric(n, t);
    case Kind::Skew: return skew(n, t);
    case Kind::Dense: return dense(n, t);
    case Kind::Triangular: return triangular(n, false, !is_float(t), t);
    case Kind::Shifted: return shifted(n);
    default: {
      Mat a = zeros(n);
      const bool unsig = t == DType::Bool || is_unsigned_integer(t);
      for (double& v : a) v = static_cast<double>(in_range(unsig ? 0 : -3, t == DType::Bool ? 2 : 4));
      return {a, "integer"};
    }
  }
}

// Finite, and exp(A) well inside the range of the dtypes involved.
bool in_domain(const Tensor& x, DType t) {
  const int64_t n = x.shape()[0];
  const Mat a = from_tensor(x);
  double norm = 0;
  for (int64_t j = 0; j < n; ++j) {
    double col = 0;
    for (int64_t i = 0; i < n; ++i) col += std::fabs(a[i * n + j]);
    norm = std::max(norm, col);
  }
  if (!std::isfinite(norm)) return true;  // only the diagonal kind has inf/NaN: elementwise
  if (f32_limited(t) && norm > 2e3) return false;
  const double limit = f32_limited(t) ? 1e30 : 1e250;
  for (double v : expm_estimate(a, n))
    if (!(std::fabs(v) < limit)) return false;
  return true;
}

rc::Gen<Case> expm_case(DType t) {
  return rc::gen::exec([t] {
    const int64_t n = draw_n();
    const Kind kind = is_float(t) ? *rc::gen::weightedElement<Kind>({{1, Kind::Zero},
                                                                     {3, Kind::Diagonal},
                                                                     {3, Kind::Nilpotent},
                                                                     {5, Kind::Symmetric},
                                                                     {3, Kind::Skew},
                                                                     {8, Kind::Dense},
                                                                     {4, Kind::Triangular},
                                                                     {2, Kind::Shifted}})
                                  : *rc::gen::weightedElement<Kind>({{1, Kind::Zero},
                                                                     {2, Kind::Diagonal},
                                                                     {3, Kind::Nilpotent},
                                                                     {2, Kind::Triangular},
                                                                     {8, Kind::Integer}});
    Drawn d;
    Tensor x;
    for (int attempt = 0;; ++attempt) {
      d = attempt < 10 ? draw(kind, n, t) : Drawn{zeros(n), "zero"};
      x = to_tensor(t, d.a, {n, n});
      if (attempt >= 10 || in_domain(x, t)) break;
    }
    const InputRecipe in{x, *static_view(x.shape()), *rc::gen::weightedElement<bool>({{6, false}, {1, true}})};
    Case c = build_case(OpRecipe{"Expm", {in}, {}});
    c.label = d.label + ": " + c.label;
    return c;
  });
}

// expm(D), D = diag(0/1) from a 2-D pool value x: zero_one(x x^T) masked to
// its diagonal by arithmetic on aranges (no 0 * inf).
VarRef expm_grow(const std::vector<VarRef>& pool) {
  std::vector<VarRef> fits;
  for (const auto& v : pool)
    if (v->type.ndim() == 2) fits.push_back(v);
  if (fits.empty()) return nullptr;
  const VarRef b = zero_one(*rc::gen::elementOf(fits));
  const VarRef s = zero_one(pt::dot(b, pt::dimshuffle(b, {1, 0})));
  const VarRef i = pt::arange(pt::literal_int(0), pt::shape_i(s, 0), pt::literal_int(1), "int64");
  const VarRef d = pt::expand_dims(i, {1}) - pt::expand_dims(i, {0});
  const VarRef diag = pt::literal_int(1) - pt::minimum(pt::abs(d), pt::literal_int(1));
  return pt::expm(in_drawn_dtype(pt::cast(s * diag, "float32"), "Expm", true));
}

SampleSpec expm_spec() {
  SampleSpec s;
  s.op = "Expm";
  s.dtypes = all_dtypes();
  s.gen = expm_case;
  s.grow = expm_grow;
  s.domain_notes =
      "square only (scipy raises otherwise: covered by a named test); exp(A) below 1e30 where float32 is the "
      "working or declared dtype and below 1e250 in float64 (near the overflow threshold inf or not depends on "
      "the order of the sums), float32 norms below 2e3 (A^10 finite); inf/NaN only on a diagonal (elementwise)";
  return s;
}

const SampleSpecRegistrar kExpm(expm_spec());

}  // namespace
}  // namespace ptonnx::gen
