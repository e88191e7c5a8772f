// Sample specs of Solve and MatrixInverse (the core ops: a matrix, Solve's
// b a vector or a matrix; built through pt::solve, so `transposed` is
// PyTensor's graph: a transposed before the op, lower flipped).
//
// Solve, n = 0..5, assume_a gen/sym/her/pos (also PyTensor's long names),
// lower and transposed both ways, b a vector or n x 0..3 of values in
// [-16, 16], sometimes of another dtype than a:
// - gen: the general kinds of generators/linalg_matrices.h (kappa 1-10,
//   kappa max: 1e6 float64 work, 1e3 float32, 10 float16 inputs; near
//   singular; exact dyadic eliminations with pivot ties; small integers;
//   a zero row or column: all NaN for a float a);
// - sym/her (sysv reads one triangle): SPD and indefinite Q diag(lambda)
//   Q^T, integer Gram and integer symmetric matrices, a zero row+column
//   (all NaN);
// - pos (posv): SPD (kappa up to max), integer Gram L L^T, indefinite (an
//   eigenvalue of -scale: all NaN), an exactly zero Cholesky pivot (L L^T
//   with a 0 on L's diagonal, or a zero row+column: all NaN); bool: 0/1
//   symmetric matrices whose leading pivots are not 0;
// - sym/her/pos: the triangle not read holds unrelated values, inf and NaN
//   included; gen reads everything, so it never holds inf/NaN;
// - rarely: n == 1 with a b vector of length 2-3 (scipy's 1 x m quirk).
// Integer and bool a (upcast) get the integer kinds; an exactly singular
// integer a is rare (PyTensor's np.full(nan) raises: out of domain).
// Integer and exact kinds are kept to cond_1 <= 1e3 (float32 work) / 1e6.
//
// MatrixInverse, n = 0..5 (not float16: NumPy refuses half): the general
// kinds; rarely a zero row or column (singular: PyTensor raises).
// Grow: the unit lower x unit upper 0/1 product of linalg_matrices.h (gen,
// inverse) or L L^T (pos): integer arithmetic, exact in any order.
#include <cmath>
#include <map>

#include "generators/linalg_matrices.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"
#include "graph/builder_linalg.h"
#include "graph/builder_shape.h"

namespace ptonnx::gen {
namespace {

int64_t draw_n() { return *rc::gen::weightedElement<int64_t>({{1, 0}, {2, 1}, {3, 2}, {3, 3}, {3, 4}, {2, 5}}); }

int general(GeneralKind k) { return static_cast<int>(k); }

InputRecipe as_input(const Tensor& x) {
  return InputRecipe{x, *static_view(x.shape()), *rc::gen::weightedElement<bool>({{6, false}, {1, true}})};
}

// The smallest |pivot| of elimination without pivoting (Cholesky's and
// LDL^T's leading pivots) relative to max |a|, and whether all are > 0.
struct LeadingPivots {
  double min_abs = std::numeric_limits<double>::infinity();
  bool positive = true;
};
LeadingPivots leading_pivots(Mat a, int64_t n) {
  LeadingPivots r;
  double maxabs = 0;
  for (double v : a) maxabs = std::max(maxabs, std::fabs(v));
  for (int64_t k = 0; k < n; ++k) {
    const double p = a[k * n + k];
    r.min_abs = std::min(r.min_abs, std::fabs(p) / maxabs);
    if (p <= 0) r.positive = false;
    if (p == 0) return r;
    for (int64_t i = k + 1; i < n; ++i)
      for (int64_t j = k + 1; j < n; ++j) a[i * n + j] -= a[i * n + k] * a[k * n + j] / p;
  }
  return r;
}

enum class SymKind { Spd, SpdKappaMax, Indefinite, NotPd, IntegerGram, IntegerSym, ZeroPivotGram, ZeroRowCol };

// Small symmetric integers; bool: a unit diagonal and (sparse for pos,
// where a dense 0/1 matrix is rarely positive definite) 0/1 elsewhere.
Mat integer_symmetric(DType t, int64_t n, bool pos) {
  Mat a(static_cast<size_t>(n * n));
  const bool nonneg = t == DType::Bool || is_unsigned_integer(t);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j <= i; ++j) {
      const double v =
          t == DType::Bool ? (i == j || in_range(0, pos ? 4 : 2) == 0 ? 1 : 0) : in_range(nonneg ? 0 : -3, 4);
      a[i * n + j] = a[j * n + i] = v;
    }
  return a;
}

// A symmetric n x n matrix of `kind` (as the op sees it, both triangles).
struct SymDraw {
  Mat a;
  std::string label;
};
SymDraw draw_symmetric(DType t, int64_t n, SymKind kind, bool pos) {
  const bool fl = is_float(t);
  for (int attempt = 0; attempt < 10; ++attempt) {
    SymKind base = kind == SymKind::ZeroRowCol ? (fl ? *rc::gen::element(SymKind::Spd, SymKind::Indefinite)
                                                     : (pos ? SymKind::IntegerGram : SymKind::IntegerSym))
                                               : kind;
    if (t == DType::Bool && (base == SymKind::IntegerGram || base == SymKind::ZeroPivotGram))
      base = SymKind::IntegerSym;
    SymDraw d;
    switch (base) {
      case SymKind::Spd:
      case SymKind::SpdKappaMax:
      case SymKind::Indefinite:
      case SymKind::NotPd: {
        const double kappa =
            base == SymKind::SpdKappaMax ? max_kappa(t) : std::min(*rc::gen::element(1.0, 2.0, 10.0), max_kappa(t));
        const double scale = *rc::gen::element(1.0, 4.0, 0.25);
        auto lambda = geometric(n, kappa, scale);
        d.label = "SPD kappa " + kappa_name(kappa);
        if (base == SymKind::Indefinite && n > 0) {
          for (auto& l : lambda)
            if (*rc::gen::arbitrary<bool>()) l = -l;
          lambda[in_range(0, n)] *= -1;  // usually both signs
          d.label = "symmetric (maybe indefinite) kappa " + kappa_name(kappa);
        } else if (base == SymKind::NotPd && n > 0) {
          lambda[in_range(0, n)] = -scale;
          d.label = "indefinite (eigenvalue -scale)";
        }
        d.a = spectral(n, lambda);
        break;
      }
      case SymKind::IntegerGram:
      case SymKind::ZeroPivotGram:
        d.a = integer_gram(n, base == SymKind::ZeroPivotGram && n > 0, t == DType::Bool || is_unsigned_integer(t));
        d.label = base == SymKind::ZeroPivotGram ? "not PD: exact zero Cholesky pivot" : "integer SPD L L^T";
        break;
      default:
        d.a = integer_symmetric(t, n, pos);
        d.label = "integer symmetric";
        break;
    }
    bool structural_zero = false;
    if (kind == SymKind::ZeroRowCol && n > 0) {
      const int64_t z = in_range(0, n);
      for (int64_t j = 0; j < n; ++j) d.a[z * n + j] = d.a[j * n + z] = 0;
      d.label = "singular zero row+column, " + d.label;
      structural_zero = true;
    }
    d.a = from_tensor(to_tensor(t, d.a, {n, n}));
    const bool spectral_kind =
        base == SymKind::Spd || base == SymKind::SpdKappaMax || base == SymKind::Indefinite || base == SymKind::NotPd;
    if (spectral_kind || structural_zero || base == SymKind::ZeroPivotGram) return d;  // bounded by construction
    // Integer kinds: an exactly zero leading pivot (pos) or a singular
    // matrix (sym) would be a rounding residue somewhere; bound cond_1.
    const ExactScan es = exact_scan(d.a, n, n);
    if (!es.representable || es.zero_pivot) continue;
    if (pos) {
      const LeadingPivots lp = leading_pivots(d.a, n);
      if (lp.min_abs < 1e-6) continue;
      // Not PD: all NaN, or PyTensor raises for an integer a: keep a third.
      if (!lp.positive && *rc::gen::element(0, 1, 2) != 0) continue;
      if (!lp.positive) d.label += " (not PD)";
    }
    if (cond1(d.a, n) <= work_kappa(t)) return d;
  }
  // A diagonal of 1s and 4s (bool: the identity).
  SymDraw d{Mat(static_cast<size_t>(n * n), 0.0), "fallback diagonal"};
  for (int64_t i = 0; i < n; ++i) d.a[i * n + i] = t == DType::Bool ? 1.0 : *rc::gen::element(1.0, 4.0);
  return d;
}

const std::map<std::string, std::string> kLongName = {
    {"gen", "general"}, {"sym", "symmetric"}, {"her", "hermitian"}, {"pos", "positive definite"}};

rc::Gen<Case> solve_case(DType t) {
  return rc::gen::exec([t] {
    const std::string assume = *rc::gen::weightedElement<std::string>({{4, "gen"}, {2, "sym"}, {1, "her"}, {3, "pos"}});
    const std::string name = *rc::gen::weightedElement<bool>({{3, false}, {1, true}}) ? kLongName.at(assume) : assume;
    const bool lower = *rc::gen::arbitrary<bool>(),
               transposed = *rc::gen::weightedElement<bool>({{3, false}, {1, true}});
    const bool fl = is_float(t), quirk = *rc::gen::weightedElement<bool>({{39, false}, {1, true}});
    int64_t n = quirk ? 1 : draw_n();
    Mat m;
    std::string label;
    if (quirk) {
      const double v = t == DType::Bool ? 1.0 : (fl ? *rc::gen::element(0.5, 2.0, 3.0) : 2.0);
      m = {assume == "pos" || t == DType::Bool || is_unsigned_integer(t) || *rc::gen::arbitrary<bool>() ? v : -v};
      label = "n == 1, b of length m (scipy's 1 x m quirk)";
    } else if (assume == "gen") {
      const int kind = fl ? *rc::gen::weightedElement<int>({{6, general(GeneralKind::Conditioned)},
                                                            {4, general(GeneralKind::KappaMax)},
                                                            {2, general(GeneralKind::NearSingular)},
                                                            {4, general(GeneralKind::Tie)},
                                                            {4, general(GeneralKind::Integer)},
                                                            {1, general(GeneralKind::ZeroColumn)},
                                                            {1, general(GeneralKind::ZeroRow)}})
                          : *rc::gen::weightedElement<int>({{10, general(GeneralKind::Tie)},
                                                            {10, general(GeneralKind::Integer)},
                                                            {1, general(GeneralKind::ZeroColumn)},
                                                            {1, general(GeneralKind::ZeroRow)}});
      const DrawnMatrix d = draw_general(t, n, n, static_cast<GeneralKind>(kind), DrawChecks{false, true});
      m = from_tensor(d.value);
      label = d.label;
    } else {
      const bool pos = assume == "pos";
      SymKind kind;
      if (t == DType::Bool)
        kind = *rc::gen::weightedElement<SymKind>({{24, SymKind::IntegerSym}, {1, SymKind::ZeroRowCol}});
      else if (pos)
        kind = fl ? *rc::gen::weightedElement<SymKind>({{3, SymKind::Spd},
                                                        {2, SymKind::SpdKappaMax},
                                                        {2, SymKind::IntegerGram},
                                                        {2, SymKind::NotPd},
                                                        {1, SymKind::ZeroPivotGram},
                                                        {1, SymKind::ZeroRowCol}})
                  : *rc::gen::weightedElement<SymKind>({{10, SymKind::IntegerGram}, {1, SymKind::ZeroPivotGram}});
      else
        kind = fl ? *rc::gen::weightedElement<SymKind>({{2, SymKind::Spd},
                                                        {1, SymKind::SpdKappaMax},
                                                        {3, SymKind::Indefinite},
                                                        {1, SymKind::IntegerGram},
                                                        {2, SymKind::IntegerSym},
                                                        {1, SymKind::ZeroRowCol}})
                  : *rc::gen::weightedElement<SymKind>(
                        {{6, SymKind::IntegerGram}, {6, SymKind::IntegerSym}, {1, SymKind::ZeroRowCol}});
      const SymDraw d = draw_symmetric(t, n, kind, pos);
      m = d.a;
      label = d.label;
      // The triangle the op does not read: unrelated values.
      for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j)
          if ((lower ? j > i : j < i) && *rc::gen::weightedElement<bool>({{1, false}, {2, true}}))
            m[i * n + j] = fl ? *rc::gen::element(0.0, 3.0, -0.5, 100.0, INFINITY, -INFINITY, std::nan(""))
                              : (t == DType::Bool ? 1.0 : in_range(0, 4));
    }
    // The op reads `lower` of m; with transposed, the graph input is m^T
    // and pt::solve flips lower back.
    const Tensor a = to_tensor(t, transposed ? transpose(m, n, n) : m, {n, n});
    const bool vec = quirk || *rc::gen::arbitrary<bool>();
    const Shape bs = quirk ? Shape{in_range(2, 4)} : vec ? Shape{n} : Shape{n, in_range(0, 4)};
    const DType tb = *rc::gen::weightedElement<bool>({{3, true}, {1, false}}) ? t : *rc::gen::elementOf(all_dtypes());
    ValueDomain dom;
    dom.allow_inf = dom.allow_nan = false;
    dom.min = -16;
    dom.max = 16;
    const Tensor b = *tensor(tb, bs, dom);
    const bool lower_arg = transposed ? !lower : lower;
    label += " assume_a=" + name + " lower=" + std::to_string(lower) + " transposed=" + std::to_string(transposed);
    return build_graph(
        {as_input(a), as_input(b)},
        [&](const std::vector<VarRef>& x) {
          return std::vector<VarRef>{pt::solve(x[0], x[1], name, lower_arg, transposed)};
        },
        label);
  });
}

rc::Gen<Case> inverse_case(DType t) {
  return rc::gen::exec([t] {
    const int64_t n = draw_n();
    const int kind = is_float(t) ? *rc::gen::weightedElement<int>({{9, general(GeneralKind::Conditioned)},
                                                                   {6, general(GeneralKind::KappaMax)},
                                                                   {3, general(GeneralKind::NearSingular)},
                                                                   {6, general(GeneralKind::Tie)},
                                                                   {6, general(GeneralKind::Integer)},
                                                                   {1, general(GeneralKind::ZeroColumn)}})
                                 : *rc::gen::weightedElement<int>({{15, general(GeneralKind::Tie)},
                                                                   {15, general(GeneralKind::Integer)},
                                                                   {1, general(GeneralKind::ZeroRow)}});
    const DrawnMatrix d = draw_general(t, n, n, static_cast<GeneralKind>(kind), DrawChecks{false, true});
    Case c = build_case(OpRecipe{"MatrixInverse", {as_input(d.value)}, {}});
    c.label = d.label + ": " + c.label;
    return c;
  });
}

VarRef solve_grow(const std::vector<VarRef>& pool) {
  const auto r = unit_lu_01(pool);
  if (!r) return nullptr;
  const bool lower = *rc::gen::arbitrary<bool>(), transposed = *rc::gen::arbitrary<bool>();
  const VarRef b = in_drawn_dtype(r->b, "Solve", true);
  if (*rc::gen::arbitrary<bool>()) return pt::solve(in_drawn_dtype(r->a, "Solve", false), b, "gen", lower, transposed);
  // L L^T: Cholesky's pivots are exactly 1, its factor L.
  return pt::solve(in_drawn_dtype(pt::dot(r->l, pt::dimshuffle(r->l, {1, 0})), "Solve", false), b, "pos", lower,
                   transposed);
}

VarRef inverse_grow(const std::vector<VarRef>& pool) {
  const auto r = unit_lu_01(pool);
  return r ? pt::matrix_inverse(in_drawn_dtype(r->a, "MatrixInverse", false)) : nullptr;
}

SampleSpec solve_spec() {
  SampleSpec s;
  s.op = "Solve";
  s.dtypes = all_dtypes();
  s.gen = solve_case;
  s.grow = solve_grow;
  s.domain_notes =
      "condition numbers up to 1e6 (float64 work), 1e3 (float32), 10 (float16 inputs; integer and exact matrices: "
      "cond_1 <= 1e3/1e6 by the working dtype), so LAPACK and the export agree on success and positive "
      "definiteness; singular or not-PD matrices only with an exactly zero pivot in every order (zero row/column, "
      "integer L L^T with a 0 on L's diagonal) or clearly indefinite (an eigenvalue of -scale); no inf/NaN in b or "
      "in what the solver reads (the result then depends on its order), anything in the triangle sym/her/pos do not "
      "read; singular integer a rarely (PyTensor raises)";
  return s;
}

SampleSpec inverse_spec() {
  SampleSpec s;
  s.op = "MatrixInverse";
  for (DType t : all_dtypes())
    if (t != DType::Float16) s.dtypes.push_back(t);
  s.gen = inverse_case;
  s.grow = inverse_grow;
  s.domain_notes =
      "no float16 (numpy.linalg refuses half: PyTensor raises); condition numbers up to 1e6 (float64 work), 1e3 "
      "(float32); singular matrices (a zero row or column) only rarely, PyTensor raises on them; no inf/NaN (getrf's "
      "result then depends on its order)";
  return s;
}

const SampleSpecRegistrar kSolve(solve_spec());
const SampleSpecRegistrar kMatrixInverse(inverse_spec());

}  // namespace
}  // namespace ptonnx::gen
