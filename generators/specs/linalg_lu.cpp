// Sample specs of LU, Det and SLogDet (the core ops: one matrix).
//
// Matrices (generators/linalg_matrices.h), n = 0..5, LU also rectangular
// M x N (M != N, (k, 0) and (0, k) included) with every output variant
// (P, L, U; p_indices; permute_l):
// - Q1 diag(sigma) Q2^T with two Householder products: kappa 1-10, kappa
//   max (1e6 when the factorisation runs in float64, 1e3 in float32, 10 for
//   float16 inputs), near singular (one sigma = 1/max kappa); a random sign
//   on one sigma gives negative determinants;
// - exact elimination: P0 L0 U0 with L0's entries in {0, +-1/2, +-1} and
//   U0's diagonal in {+-1, +-2, +-4}, accepted when partial pivoting in
//   exact rational arithmetic (first max) keeps every value a small dyadic
//   rational and every pivot a power of two: LAPACK and the export then
//   compute identical values, so pivot ties (|l| = 1) are ties for both and
//   LU's P must follow getrf's first-max choice; the pivoting gives the
//   determinant's sign;
// - small random integers (0/1 for bool), nonsingular, or exact;
// - rank deficient (a zero row of U0, exact), a zero column, a zero row:
//   an exactly zero pivot in every order (Det 0, SLogDet (0, -inf), LU a 0
//   on U's diagonal);
// - LU only, rarely: a NaN or +-inf element (scipy's check_finite raises).
// LU rejects non-exact draws whose pivot candidates come within 1e-3
// (relative) of a tie at some step. Det and SLogDet (not float16: NumPy
// refuses half) add strictly diagonally dominant n x n matrices, n 8-40,
// with entries scaled so det overflows or underflows in the output dtype
// while logabsdet stays finite (values near the thresholds are skipped).
// Integer and bool inputs (upcast to float32/float64) get the integer kinds.
// Grow: the unit lower x unit upper 0/1 product of linalg_matrices.h: P = I
// with ties, exact factors, det 1 exactly.
#include <cmath>

#include "generators/linalg_matrices.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"
#include "graph/builder_linalg.h"
#include "graph/ops/linalg.h"

namespace ptonnx::gen {
namespace {

constexpr int kNonFinite = 100;  // LU's extra kind
constexpr int kLarge = 101;      // Det's and SLogDet's extra kind

int64_t draw_n() { return *rc::gen::weightedElement<int64_t>({{1, 0}, {2, 1}, {3, 2}, {3, 3}, {3, 4}, {2, 5}}); }

int general(GeneralKind k) { return static_cast<int>(k); }

InputRecipe matrix_input(const Tensor& x) {
  return InputRecipe{x, *static_view(x.shape()), *rc::gen::weightedElement<bool>({{6, false}, {1, true}})};
}

rc::Gen<Case> lu_case(DType t) {
  return rc::gen::exec([t] {
    int64_t m = draw_n(), n = m;
    if (*rc::gen::weightedElement<bool>({{2, false}, {1, true}})) {
      m = in_range(0, 6);
      n = in_range(0, 5);
      if (n >= m) ++n;
    }
    const int variant = *rc::gen::weightedElement<int>({{2, 0}, {1, 1}, {1, 2}});
    const Attributes attrs{{"permute_l", int64_t{variant == 1}}, {"p_indices", int64_t{variant == 2}}};
    const bool fl = is_float(t);
    const int kind = fl ? *rc::gen::weightedElement<int>({{6, general(GeneralKind::Conditioned)},
                                                          {4, general(GeneralKind::KappaMax)},
                                                          {2, general(GeneralKind::NearSingular)},
                                                          {10, general(GeneralKind::Tie)},
                                                          {4, general(GeneralKind::Integer)},
                                                          {2, general(GeneralKind::RankDeficient)},
                                                          {2, general(GeneralKind::ZeroColumn)},
                                                          {2, general(GeneralKind::ZeroRow)},
                                                          {1, kNonFinite}})
                        : *rc::gen::weightedElement<int>({{10, general(GeneralKind::Tie)},
                                                          {6, general(GeneralKind::Integer)},
                                                          {2, general(GeneralKind::RankDeficient)},
                                                          {2, general(GeneralKind::ZeroColumn)},
                                                          {2, general(GeneralKind::ZeroRow)}});
    const bool nonfinite = kind == kNonFinite;
    DrawnMatrix d = draw_general(t, m, n, nonfinite ? GeneralKind::Conditioned : static_cast<GeneralKind>(kind),
                                 DrawChecks{true, false});
    if (nonfinite && m * n > 0) {
      d.value.set_from_double(in_range(0, m * n), *rc::gen::element(std::nan(""), INFINITY, -INFINITY));
      d.label = "non-finite (scipy raises), " + d.label;
    }
    Case c = build_case(OpRecipe{"LU", {matrix_input(d.value)}, attrs});
    c.label = d.label + ": " + c.label;
    return c;
  });
}

// Strictly diagonally dominant (by columns: partial pivoting never swaps)
// n x n, n 8-40, with |det| beyond the output dtype's range or below it.
DrawnMatrix large_determinant(DType t) {
  const bool f32 = linalg::lapack_dtype(t) == DType::Float32;
  const bool unsig = is_unsigned_integer(t);
  for (;;) {
    const int64_t n = in_range(8, 41);
    double lo, hi;  // diagonal magnitudes
    double off;     // off-diagonal magnitudes
    if (is_float(t)) {
      const double s = f32 ? *rc::gen::element(1e3, 1e-3) : *rc::gen::element(1e9, 1e-9, 1e3, 1e-3);
      lo = s;
      hi = 2 * s;
      off = s / (4.0 * static_cast<double>(n));
    } else {
      switch (t) {
        case DType::Int8: lo = 64, hi = 127; break;
        case DType::UInt8: lo = 128, hi = 255; break;
        case DType::Int16: lo = 1024, hi = 32767; break;
        case DType::UInt16: lo = 1024, hi = 65535; break;
        case DType::Int32: lo = std::ldexp(1, 29), hi = std::ldexp(1, 31) - 1; break;
        case DType::UInt32: lo = std::ldexp(1, 30), hi = std::ldexp(1, 32) - 1; break;
        default: lo = std::ldexp(1, 40), hi = std::ldexp(1, 50); break;
      }
      off = 1;
    }
    Mat a(static_cast<size_t>(n * n));
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < n; ++j) {
        if (i == j) {
          double v = lo + (hi - lo) * in_range(0, 1001) / 1000.0;
          if (!is_float(t)) v = std::floor(v);
          a[i * n + j] = unsig || *rc::gen::arbitrary<bool>() ? v : -v;
        } else {
          a[i * n + j] =
              is_float(t) ? off * in_range(-100, 101) / 100.0 : static_cast<double>(in_range(unsig ? 0 : -1, 2));
        }
      }
    DrawnMatrix d{to_tensor(t, a, {n, n}), "", false};
    const PivotScan ps = scan_pivots(from_tensor(d.value), n, n);
    const double over = f32 ? 88.72 : 709.78, under = f32 ? -103.97 : -745.13, sub = f32 ? -87.34 : -708.40;
    const double l = ps.logabsdet;
    // Not within reach of the overflow threshold or the subnormal range.
    if ((l > over - 8 && l < over + 8) || (l > under - 8 && l < sub + 8)) continue;
    d.label = "large n=" + std::to_string(n) + " logabsdet " + std::to_string(static_cast<int>(l)) +
              (l > over    ? " (det overflows)"
               : l < under ? " (det underflows)"
                           : "");
    return d;
  }
}

rc::Gen<Case> det_case(DType t, const std::string& op) {
  return rc::gen::exec([t, op] {
    const int64_t n = draw_n();
    const bool fl = is_float(t);
    const int kind = fl ? *rc::gen::weightedElement<int>({{6, general(GeneralKind::Conditioned)},
                                                          {4, general(GeneralKind::KappaMax)},
                                                          {2, general(GeneralKind::NearSingular)},
                                                          {6, general(GeneralKind::Tie)},
                                                          {4, general(GeneralKind::Integer)},
                                                          {2, general(GeneralKind::RankDeficient)},
                                                          {2, general(GeneralKind::ZeroColumn)},
                                                          {2, general(GeneralKind::ZeroRow)},
                                                          {2, kLarge}})
                        : *rc::gen::weightedElement<int>({{6, general(GeneralKind::Tie)},
                                                          {6, general(GeneralKind::Integer)},
                                                          {2, general(GeneralKind::RankDeficient)},
                                                          {2, general(GeneralKind::ZeroColumn)},
                                                          {2, general(GeneralKind::ZeroRow)},
                                                          {t == DType::Bool ? 0u : 2u, kLarge}});
    const DrawnMatrix d = kind == kLarge
                              ? large_determinant(t)
                              : draw_general(t, n, n, static_cast<GeneralKind>(kind), DrawChecks{false, true});
    Case c = build_case(OpRecipe{op, {matrix_input(d.value)}, {}});
    c.label = d.label + ": " + c.label;
    return c;
  });
}

VarRef lu_grow(const std::vector<VarRef>& pool) {
  const auto r = unit_lu_01(pool);
  if (!r) return nullptr;
  const int variant = *rc::gen::element(0, 1, 2);
  return *rc::gen::elementOf(pt::lu(in_drawn_dtype(r->a, "LU", false), variant == 1, variant == 2));
}

VarRef det_grow(const std::vector<VarRef>& pool) {
  const auto r = unit_lu_01(pool);
  return r ? pt::det(in_drawn_dtype(r->a, "Det", false)) : nullptr;
}

VarRef slogdet_grow(const std::vector<VarRef>& pool) {
  const auto r = unit_lu_01(pool);
  if (!r) return nullptr;
  const auto [sign, logabsdet] = pt::slogdet(in_drawn_dtype(r->a, "SLogDet", false));
  return *rc::gen::arbitrary<bool>() ? sign : logabsdet;
}

const char* const kKappaNotes =
    "condition numbers up to 1e6 (float64 work), 1e3 (float32), 10 (float16 inputs); exactly singular matrices only "
    "where the zero pivot is exact in every elimination order (a zero row or column, or an exact dyadic elimination); "
    "integer and bool inputs get integer matrices";

SampleSpec lu_spec() {
  SampleSpec s;
  s.op = "LU";
  s.dtypes = all_dtypes();
  s.gen = lu_case;
  s.grow = lu_grow;
  s.domain_notes = std::string(kKappaNotes) +
                   "; pivot ties only where the elimination is exact (small dyadic values, power-of-two pivots), "
                   "otherwise the two largest pivot candidates differ by >= 1e-3 relative at every step, so P "
                   "does not depend on rounding; a NaN/inf element only rarely (scipy raises: out of domain)";
  return s;
}

SampleSpec det_spec(const std::string& op) {
  SampleSpec s;
  s.op = op;
  for (DType t : all_dtypes())
    if (t != DType::Float16) s.dtypes.push_back(t);
  s.gen = [op](DType t) { return det_case(t, op); };
  s.grow = op == "Det" ? det_grow : slogdet_grow;
  s.domain_notes = std::string(kKappaNotes) +
                   "; no float16 (numpy.linalg refuses half: PyTensor raises); no inf/NaN (getrf's result then "
                   "depends on its order); large-determinant matrices keep log|det| away from the output dtype's "
                   "overflow threshold and subnormal range";
  return s;
}

const SampleSpecRegistrar kLU(lu_spec());
const SampleSpecRegistrar kDet(det_spec("Det"));
const SampleSpecRegistrar kSLogDet(det_spec("SLogDet"));

}  // namespace
}  // namespace ptonnx::gen
