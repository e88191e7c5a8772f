#include "generators/linalg_matrices.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "graph/builder.h"
#include "graph/builder_alloc.h"
#include "graph/builder_linalg.h"
#include "graph/builder_shape.h"
#include "graph/ops/linalg.h"

namespace ptonnx::gen {

double max_kappa(DType t) {
  if (t == DType::Float16) return 10;
  return work_kappa(t);
}

double work_kappa(DType t) { return linalg::lapack_dtype(t) == DType::Float32 ? 1e3 : 1e6; }

Mat householder_product(int64_t n) {
  Mat q(static_cast<size_t>(n * n), 0.0);
  for (int64_t i = 0; i < n; ++i) q[i * n + i] = 1;
  for (int r = 0; r < 2; ++r) {
    std::vector<double> v(static_cast<size_t>(n));
    double norm = 0;
    for (auto& x : v) {
      x = static_cast<double>(in_range(-100, 101)) / 100.0;
      norm += x * x;
    }
    if (norm == 0) continue;
    // q := q (I - 2 v v^T / |v|^2)
    for (int64_t i = 0; i < n; ++i) {
      double d = 0;
      for (int64_t k = 0; k < n; ++k) d += q[i * n + k] * v[k];
      for (int64_t k = 0; k < n; ++k) q[i * n + k] -= 2 * d * v[k] / norm;
    }
  }
  return q;
}

Mat spectral(int64_t n, const std::vector<double>& lambda) {
  const Mat q = householder_product(n);
  Mat a(static_cast<size_t>(n * n), 0.0);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j)
      for (int64_t k = 0; k < n; ++k) a[i * n + j] += q[i * n + k] * lambda[k] * q[j * n + k];
  return a;
}

Mat conditioned(int64_t m, int64_t n, const std::vector<double>& sigma) {
  const Mat q1 = householder_product(m), q2 = householder_product(n);
  const int64_t k = std::min(m, n);
  Mat a(static_cast<size_t>(m * n), 0.0);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j)
      for (int64_t r = 0; r < k; ++r) a[i * n + j] += q1[i * m + r] * sigma[r] * q2[j * n + r];
  return a;
}

std::vector<double> geometric(int64_t k, double kappa, double scale) {
  std::vector<double> s(static_cast<size_t>(k));
  for (int64_t i = 0; i < k; ++i) s[i] = scale * std::pow(kappa, -static_cast<double>(i) / std::max<int64_t>(k - 1, 1));
  return s;
}

// L L^T with L lower triangular of small integers; diagonal from `diag`.
Mat integer_gram(int64_t n, bool zero_pivot, bool nonnegative) {
  Mat l(static_cast<size_t>(n * n), 0.0);
  const int64_t zero_at = zero_pivot ? in_range(0, n) : -1;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j <= i; ++j)
      l[i * n + j] = i == j ? (i == zero_at ? 0 : static_cast<double>(in_range(1, 3)))
                            : static_cast<double>(in_range(nonnegative ? 0 : -2, 3));
  Mat a(static_cast<size_t>(n * n), 0.0);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j)
      for (int64_t k = 0; k < n; ++k) a[i * n + j] += l[i * n + k] * l[j * n + k];
  return a;
}

int64_t in_range(int64_t lo, int64_t hi) { return *rc::gen::resize(100, rc::gen::inRange(lo, hi)); }

Mat small_integer_matrix(DType t, int64_t m, int64_t n, bool rank_deficient) {
  const bool unsig = is_unsigned_integer(t) || t == DType::Bool;
  Mat a(static_cast<size_t>(m * n), 0.0);
  for (auto& x : a)
    x = t == DType::Bool ? static_cast<double>(in_range(0, 2)) : static_cast<double>(in_range(unsig ? 0 : -4, 5));
  if (!rank_deficient || std::min(m, n) == 0) return a;
  const int64_t which = in_range(0, 3);
  if (which == 0) {
    const int64_t j = in_range(0, n);
    for (int64_t i = 0; i < m; ++i) a[i * n + j] = 0;
  } else if (which == 1 || m < 2) {
    const int64_t i = in_range(0, m);
    for (int64_t j = 0; j < n; ++j) a[i * n + j] = 0;
  } else {
    for (int64_t j = 0; j < n; ++j) a[n + j] = a[j];
  }
  return a;
}

Mat matmul(const Mat& a, const Mat& b, int64_t m, int64_t k, int64_t n) {
  Mat c(static_cast<size_t>(m * n), 0.0);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t r = 0; r < k; ++r)
      for (int64_t j = 0; j < n; ++j) c[i * n + j] += a[i * k + r] * b[r * n + j];
  return c;
}

Mat transpose(const Mat& a, int64_t m, int64_t n) {
  Mat t(a.size());
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) t[j * m + i] = a[i * n + j];
  return t;
}

PivotScan scan_pivots(Mat a, int64_t m, int64_t n) {
  PivotScan s;
  double maxabs = 0;
  for (double v : a) maxabs = std::max(maxabs, std::fabs(v));
  for (int64_t k = 0; k < std::min(m, n); ++k) {
    int64_t p = k;
    for (int64_t i = k + 1; i < m; ++i)
      if (std::fabs(a[i * n + k]) > std::fabs(a[p * n + k])) p = i;
    const double best = std::fabs(a[p * n + k]);
    if (best == 0) {
      s.zero_pivot = true;
      continue;
    }
    double second = -1;
    for (int64_t i = k; i < m; ++i)
      if (i != p) second = std::max(second, std::fabs(a[i * n + k]));
    if (second >= 0) s.min_gap = std::min(s.min_gap, (best - second) / best);
    s.min_pivot = std::min(s.min_pivot, best / maxabs);
    if (p != k) {
      for (int64_t j = 0; j < n; ++j) std::swap(a[p * n + j], a[k * n + j]);
      s.sign = -s.sign;
    }
    const double piv = a[k * n + k];
    if (piv < 0) s.sign = -s.sign;
    s.logabsdet += std::log(best);
    for (int64_t i = k + 1; i < m; ++i) {
      const double l = a[i * n + k] / piv;
      for (int64_t j = k + 1; j < n; ++j) a[i * n + j] -= l * a[k * n + j];
      a[i * n + k] = l;
    }
  }
  if (s.zero_pivot) s.sign = 0;
  return s;
}

namespace {

using i128 = __int128;

struct Rat {
  int64_t num = 0, den = 1;
};

i128 abs128(i128 x) { return x < 0 ? -x : x; }

i128 gcd128(i128 a, i128 b) {
  a = abs128(a);
  b = abs128(b);
  while (b != 0) {
    const i128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// num / den in lowest terms; false when it does not fit int64 with room.
bool make_rat(i128 num, i128 den, Rat* out) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const i128 g = gcd128(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  const i128 lim = i128{1} << 61;
  if (abs128(num) >= lim || den >= lim) return false;
  *out = Rat{static_cast<int64_t>(num), static_cast<int64_t>(den)};
  return true;
}

bool to_rat(double x, Rat* out) {
  if (!std::isfinite(x)) return false;
  for (int k = 0; k <= 20; ++k) {
    const double y = std::ldexp(x, k);
    if (std::fabs(y) >= 0x1p52) return false;
    if (y == std::floor(y)) return make_rat(static_cast<i128>(y), i128{1} << k, out);
  }
  return false;
}

bool is_pow2(int64_t v) { return v > 0 && (v & (v - 1)) == 0; }

// |a| compared with |b|: -1, 0, 1.
int cmp_abs(const Rat& a, const Rat& b) {
  const i128 l = abs128(a.num) * b.den, r = abs128(b.num) * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

bool small_dyadic(const Rat& q) { return std::llabs(q.num) <= 256 && q.den <= 64 && is_pow2(q.den); }

}  // namespace

ExactScan exact_scan(const Mat& a, int64_t m, int64_t n) {
  ExactScan s;
  std::vector<Rat> r(a.size());
  for (size_t i = 0; i < a.size(); ++i)
    if (!to_rat(a[i], &r[i])) return s;
  bool exact = true;
  for (const auto& q : r) exact = exact && small_dyadic(q);
  for (int64_t k = 0; k < std::min(m, n); ++k) {
    int64_t p = k;
    for (int64_t i = k + 1; i < m; ++i)
      if (cmp_abs(r[i * n + k], r[p * n + k]) > 0) p = i;
    if (r[p * n + k].num == 0) {
      s.zero_pivot = true;
      continue;
    }
    int at_max = 0;
    for (int64_t i = k; i < m; ++i) at_max += cmp_abs(r[i * n + k], r[p * n + k]) == 0;
    if (at_max > 1) ++s.tie_steps;
    if (p != k) {
      for (int64_t j = 0; j < n; ++j) std::swap(r[p * n + j], r[k * n + j]);
      ++s.swaps;
    }
    const Rat piv = r[k * n + k];
    exact = exact && is_pow2(std::llabs(piv.num)) && is_pow2(piv.den);
    for (int64_t i = k + 1; i < m; ++i) {
      Rat l;
      if (!make_rat(i128{r[i * n + k].num} * piv.den, i128{r[i * n + k].den} * piv.num, &l)) return ExactScan{};
      exact = exact && small_dyadic(l);
      r[i * n + k] = l;
      if (l.num == 0) continue;
      for (int64_t j = k + 1; j < n; ++j) {
        // r_ij - l r_kj
        const Rat& x = r[i * n + j];
        const Rat& y = r[k * n + j];
        const i128 pden = i128{l.den} * y.den;
        if (abs128(pden) >= (i128{1} << 61) || abs128(i128{l.num} * y.num) >= (i128{1} << 61)) return ExactScan{};
        const i128 pnum = i128{l.num} * y.num;
        Rat v;
        if (!make_rat(i128{x.num} * pden - pnum * x.den, i128{x.den} * pden, &v)) return ExactScan{};
        exact = exact && small_dyadic(v);
        r[i * n + j] = v;
      }
    }
  }
  s.representable = true;
  s.exact = exact;
  return s;
}

double cond1(const Mat& a, int64_t n) {
  if (n == 0) return 1;
  Mat w = a, inv(static_cast<size_t>(n * n), 0.0);
  for (int64_t i = 0; i < n; ++i) inv[i * n + i] = 1;
  for (int64_t k = 0; k < n; ++k) {
    int64_t p = k;
    for (int64_t i = k + 1; i < n; ++i)
      if (std::fabs(w[i * n + k]) > std::fabs(w[p * n + k])) p = i;
    if (w[p * n + k] == 0) return std::numeric_limits<double>::infinity();
    for (int64_t j = 0; j < n; ++j) {
      std::swap(w[p * n + j], w[k * n + j]);
      std::swap(inv[p * n + j], inv[k * n + j]);
    }
    const double piv = w[k * n + k];
    for (int64_t j = 0; j < n; ++j) {
      w[k * n + j] /= piv;
      inv[k * n + j] /= piv;
    }
    for (int64_t i = 0; i < n; ++i) {
      if (i == k) continue;
      const double f = w[i * n + k];
      if (f == 0) continue;
      for (int64_t j = 0; j < n; ++j) {
        w[i * n + j] -= f * w[k * n + j];
        inv[i * n + j] -= f * inv[k * n + j];
      }
    }
  }
  const auto norm1 = [n](const Mat& x) {
    double best = 0;
    for (int64_t j = 0; j < n; ++j) {
      double s = 0;
      for (int64_t i = 0; i < n; ++i) s += std::fabs(x[i * n + j]);
      best = std::max(best, s);
    }
    return best;
  };
  return norm1(a) * norm1(inv);
}

namespace {

std::vector<int64_t> random_permutation(int64_t m) {
  std::vector<int64_t> p(static_cast<size_t>(m));
  std::iota(p.begin(), p.end(), 0);
  for (int64_t i = m - 1; i > 0; --i) std::swap(p[i], p[in_range(0, i + 1)]);
  return p;
}

// A = P0 B: row perm[i] of A is row i of B.
Mat permute_rows(const Mat& b, const std::vector<int64_t>& perm, int64_t n) {
  Mat a(b.size());
  for (size_t i = 0; i < perm.size(); ++i)
    for (int64_t j = 0; j < n; ++j) a[perm[i] * n + j] = b[static_cast<int64_t>(i) * n + j];
  return a;
}

}  // namespace

ExactDraw exact_pivot_matrix(DType t, int64_t m, int64_t n, bool rank_deficient) {
  const int64_t k = std::min(m, n);
  const bool is_bool = t == DType::Bool, unsig = is_unsigned_integer(t) || is_bool, fl = is_float(t);
  const auto draw_l = [&] {
    if (unsig) return static_cast<double>(in_range(0, 2));
    if (!fl) return *rc::gen::weightedElement<double>({{2, 0.0}, {3, 1.0}, {3, -1.0}});
    return *rc::gen::weightedElement<double>({{2, 0.0}, {3, 1.0}, {3, -1.0}, {1, 0.5}, {1, -0.5}});
  };
  const auto draw_diag = [&] {
    if (is_bool) return 1.0;
    const double mag = *rc::gen::element(1.0, 2.0, 4.0);
    return unsig || *rc::gen::arbitrary<bool>() ? mag : -mag;
  };
  const auto draw_u = [&] {
    if (is_bool) return static_cast<double>(in_range(0, 2));
    return static_cast<double>(in_range(unsig ? 0 : -3, 4));
  };
  constexpr int kTries = 6;
  ExactDraw d;
  for (int attempt = 0; attempt < kTries; ++attempt) {
    // bool: one factor is the identity, so A stays 0/1.
    const bool bool_upper = is_bool && *rc::gen::arbitrary<bool>();
    Mat l(static_cast<size_t>(m * k), 0.0), u(static_cast<size_t>(k * n), 0.0);
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < k; ++j) l[i * k + j] = i == j ? 1.0 : (i > j && !bool_upper ? draw_l() : 0.0);
    for (int64_t i = 0; i < k; ++i)
      for (int64_t j = 0; j < n; ++j)
        u[i * n + j] = i == j ? draw_diag() : (j > i && (!is_bool || bool_upper) ? draw_u() : 0.0);
    if (rank_deficient && k > 0) {
      const int64_t r = in_range(0, k);
      for (int64_t j = 0; j < n; ++j) u[r * n + j] = 0;
    }
    const Mat lu = matmul(l, u, m, k, n);
    d.a = attempt < kTries - 1 ? permute_rows(lu, random_permutation(m), n) : lu;
    d.scan = exact_scan(d.a, m, n);
    d.attempts = attempt + 1;
    if (d.scan.exact) break;
  }
  return d;
}

std::string kappa_name(double kappa) {
  if (kappa >= 1000) return "1e" + std::to_string(static_cast<int>(std::lround(std::log10(kappa))));
  return std::to_string(static_cast<int>(kappa));
}

Tensor to_tensor(DType t, const Mat& a, const Shape& s) {
  Tensor x(t, s);
  for (int64_t i = 0; i < x.numel(); ++i) x.set_from_double(i, a[static_cast<size_t>(i)]);
  return x;
}

Mat from_tensor(const Tensor& x) {
  Mat a(static_cast<size_t>(x.numel()));
  for (int64_t i = 0; i < x.numel(); ++i) a[static_cast<size_t>(i)] = x.get_as_double(i);
  return a;
}

namespace {

Mat random_integers(DType t, int64_t m, int64_t n) {
  Mat a(static_cast<size_t>(m * n));
  const int lo = t == DType::Bool || is_unsigned_integer(t) ? 0 : (is_float(t) ? -4 : -3);
  const int hi = t == DType::Bool ? 1 : (is_float(t) ? 4 : 3);
  for (auto& v : a) v = in_range(lo, hi + 1);
  return a;
}

// A signed permutation times a diagonal of 1s and 2s: exact, cond <= 2.
Mat fallback_matrix(DType t, int64_t m, int64_t n) {
  Mat a(static_cast<size_t>(m * n), 0.0);
  const bool unsig = t == DType::Bool || is_unsigned_integer(t);
  const auto perm = random_permutation(m);
  for (int64_t i = 0; i < std::min(m, n); ++i)
    a[perm[i] * n + i] = (unsig || *rc::gen::arbitrary<bool>() ? 1.0 : -1.0) * (t == DType::Bool ? 1.0 : 2.0);
  return a;
}

}  // namespace

DrawnMatrix draw_general(DType t, int64_t m, int64_t n, GeneralKind kind, const DrawChecks& checks) {
  const int64_t k = std::min(m, n);
  const bool fl = is_float(t);
  if (!fl && (kind == GeneralKind::Conditioned || kind == GeneralKind::KappaMax || kind == GeneralKind::NearSingular))
    kind = GeneralKind::Tie;
  for (int attempt = 0; attempt < 10; ++attempt) {
    Mat a;
    std::string label;
    GeneralKind base = kind;
    if (kind == GeneralKind::ZeroColumn || kind == GeneralKind::ZeroRow)
      base = fl && *rc::gen::arbitrary<bool>() ? GeneralKind::Conditioned : GeneralKind::Tie;
    switch (base) {
      case GeneralKind::Conditioned:
      case GeneralKind::KappaMax:
      case GeneralKind::NearSingular: {
        const double scale = *rc::gen::element(1.0, 4.0, 0.25);
        std::vector<double> sigma;
        if (base == GeneralKind::NearSingular) {
          sigma.assign(static_cast<size_t>(k), scale);
          if (k > 0) sigma[in_range(0, k)] = scale / max_kappa(t);
          label = "near singular (sigma_min 1/" + kappa_name(max_kappa(t)) + ")";
        } else {
          const double kappa =
              base == GeneralKind::KappaMax ? max_kappa(t) : std::min(*rc::gen::element(1.0, 2.0, 10.0), max_kappa(t));
          sigma = geometric(k, kappa, scale);
          label = "kappa " + kappa_name(kappa);
        }
        if (k > 0 && *rc::gen::arbitrary<bool>()) {
          sigma[in_range(0, k)] *= -1;
          label += " negative sigma";
        }
        a = conditioned(m, n, sigma);
        break;
      }
      case GeneralKind::Tie:
      case GeneralKind::RankDeficient: {
        const ExactDraw d = exact_pivot_matrix(t, m, n, base == GeneralKind::RankDeficient);
        a = d.a;
        label = base == GeneralKind::RankDeficient ? "rank deficient" : (d.scan.tie_steps > 0 ? "tie" : "exact");
        if (d.scan.swaps > 0) label += " (pivoted)";
        break;
      }
      default:
        a = random_integers(t, m, n);
        label = "integer";
        break;
    }
    if (kind == GeneralKind::ZeroColumn && n > 0) {
      const int64_t j = in_range(0, n);
      for (int64_t i = 0; i < m; ++i) a[i * n + j] = 0;
      label = "singular zero column, " + label;
    } else if (kind == GeneralKind::ZeroRow && m > 0) {
      const int64_t i = in_range(0, m);
      for (int64_t j = 0; j < n; ++j) a[i * n + j] = 0;
      label = "singular zero row, " + label;
    }
    DrawnMatrix d{to_tensor(t, a, {m, n}), label, false};
    a = from_tensor(d.value);
    const ExactScan es = exact_scan(a, m, n);
    const PivotScan ps = scan_pivots(a, m, n);
    bool ok;
    if (es.representable) {
      // Exact: any order computes the same values. Otherwise (integers with
      // non-dyadic multipliers) the exact pivots must be nonzero (a zero
      // would be a rounding residue somewhere) and not near ties.
      ok = es.exact || (!es.zero_pivot && (!checks.pivot_gaps || ps.min_gap >= 1e-3));
      d.singular = es.zero_pivot;
      if (ok && checks.cond && !d.singular && m == n) ok = cond1(a, n) <= work_kappa(t);
    } else {
      // Q1 diag(sigma) Q2^T, maybe with a zero row or column (whose zero
      // pivot is exact in every order): the other pivots are far from 0.
      ok = ps.min_pivot >= 1e-3 / max_kappa(t) && (!checks.pivot_gaps || ps.min_gap >= 1e-3);
      d.singular = ps.zero_pivot;
    }
    const bool singular_kind =
        kind == GeneralKind::RankDeficient || kind == GeneralKind::ZeroColumn || kind == GeneralKind::ZeroRow;
    if (ok && (singular_kind || !d.singular)) return d;
  }
  const Mat a = fallback_matrix(t, m, n);
  static const char* const kNames[] = {"conditioned", "kappa max",      "near singular", "tie",
                                       "integer",     "rank deficient", "zero column",   "zero row"};
  return DrawnMatrix{to_tensor(t, a, {m, n}),
                     std::string("fallback signed permutation (for ") + kNames[static_cast<int>(kind)] + ")", false};
}

VarRef zero_one(const VarRef& v) { return pt::cast(pt::cast(v, "bool"), "float32"); }

VarRef in_drawn_dtype(const VarRef& m, const std::string& op, bool zero_one) {
  const SampleSpec* spec = find_spec(op);
  std::vector<DType> others;
  for (DType t : spec ? spec->dtypes : std::vector<DType>{})
    if (t != DType::Float32 && (zero_one || t != DType::Bool)) others.push_back(t);
  if (others.empty() || *rc::gen::arbitrary<bool>()) return m;
  return pt::cast(m, std::string(dtype_name(*rc::gen::elementOf(others))));
}

std::optional<UnitLU01> unit_lu_01(const std::vector<VarRef>& pool) {
  std::vector<VarRef> fits;
  for (const auto& v : pool)
    if (v->type.ndim() == 2) fits.push_back(v);
  if (fits.empty()) return std::nullopt;
  const VarRef x = *rc::gen::elementOf(fits);
  UnitLU01 r;
  r.b = zero_one(x);
  const VarRef s = zero_one(pt::dot(r.b, pt::dimshuffle(r.b, {1, 0})));
  const VarRef i = pt::arange(pt::literal_int(0), pt::shape_i(s, 0), pt::literal_int(1), "int64");
  const VarRef d = pt::expand_dims(i, {1}) - pt::expand_dims(i, {0});  // row - column
  const VarRef strict = pt::minimum(pt::maximum(d, pt::literal_int(0)), pt::literal_int(1));
  const VarRef diag = pt::literal_int(1) - pt::minimum(pt::abs(d), pt::literal_int(1));
  r.l = pt::cast(s * strict + diag, "float32");
  // U from the complement of s, so that L and U differ.
  r.u = pt::cast(pt::dimshuffle((pt::literal_int(1) - s) * strict + diag, {1, 0}), "float32");
  r.a = pt::dot(r.l, r.u);
  return r;
}

Case build_graph(const std::vector<InputRecipe>& inputs,
                 const std::function<std::vector<VarRef>(const std::vector<VarRef>&)>& f, std::string label) {
  std::vector<VarRef> graph_inputs, operands;
  std::vector<Tensor> values;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const auto& in = inputs[i];
    if (in.constant) {
      operands.push_back(make_constant(in.value, "c" + std::to_string(i)));
    } else {
      operands.push_back(make_input("x" + std::to_string(i), TensorType{in.value.dtype(), in.static_shape}));
      graph_inputs.push_back(operands.back());
      values.push_back(in.value);
    }
  }
  auto outs = f(operands);
  for (size_t i = 0; i < outs.size(); ++i)
    if (outs[i]->name.empty()) outs[i]->name = "out" + std::to_string(i);
  std::ostringstream os;
  for (size_t i = 0; i < inputs.size(); ++i)
    os << (i ? ", " : " (") << (inputs[i].constant ? "const " : "") << dtype_name(inputs[i].value.dtype())
       << static_shape_to_string(inputs[i].static_shape) << "=" << shape_to_string(inputs[i].value.shape()) << " "
       << inputs[i].value.values_to_string(12) << (i + 1 == inputs.size() ? ")" : "");
  return Case{std::make_shared<FunctionGraph>(graph_inputs, outs), std::move(values), label + os.str()};
}

}  // namespace ptonnx::gen
