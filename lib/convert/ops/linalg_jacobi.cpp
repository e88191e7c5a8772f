// Two-sided Jacobi with the round-robin ("chess tournament") ordering:
// m even, m - 1 rounds per sweep, each round m / 2 disjoint pairs (p, q)
// rotated at once, so one round is a handful of whole-matrix ONNX ops
// instead of m / 2 sequential steps. Round r of the circle method: index 0
// meets 1 + r, and for k = 1 .. m/2 - 1, 1 + (r + k) mod (m - 1) meets
// 1 + (r - k) mod (m - 1); over a sweep every pair meets once.
//
// Per pair (Golub & Van Loan, Matrix Computations, 4th ed., Alg. 8.5.1
// sym.schur2, Rutishauser's choice of the smaller angle):
//   rotate when |a_pq| > u sqrt|a_pp| sqrt|a_qq|   (the threshold under
//     which a_pq no longer moves the eigenvalues beyond rounding: Demmel &
//     Veselic's relative criterion; an a_pq with a zero diagonal always
//     rotates, and only an exact 0 is left alone)
//   tau = (a_qq - a_pp) / (2 a_pq), t = sign(tau) / (|tau| + sqrt(1 + tau^2))
//   (sign(0) = 1; tau^2 overflowing gives t = 0: a_pq is then below
//   2^-64 |a_qq - a_pp|, far under the rounding of the diagonal)
//   c = 1 / sqrt(1 + t^2), s = t c
// then A = J^T A J and V = V J with J the m x m rotation of all pairs, and
// a_pq = a_qp = 0 exactly for the rotated pairs (what the rotation makes
// them in exact arithmetic; the rounded residue would keep a pair above the
// threshold forever when |a_pp| and |a_qq| differ by orders of magnitude).
// Rows and columns of a round are applied with Gather: rows p of all pairs
// at once, rows q, combined, and put back by the inverse of the pair
// permutation (O(m^2) per round, not the O(m^3) of multiplying by J).
// Sweeps repeat until a sweep rotates nothing, at most kMaxSweeps (Jacobi
// converges quadratically: 5-10 sweeps for the sizes of the tests).
#include "convert/ops/linalg_jacobi.h"

#include <array>
#include <cmath>

#include "convert/ops/axes.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/subgraph_emit.h"

namespace ptonnx::linalg_loops {
namespace {

constexpr int64_t kMaxSweeps = 60;

double unit_roundoff(DType t) { return std::ldexp(1.0, t == DType::Float32 ? -24 : -53); }

// The outer values every round reads: k = Range(m / 2), the cycle length
// m - 1, Range(m).
struct Schedule {
  std::string k, cycle, all, rounds;
};

Schedule schedule(ConversionContext& c, const std::string& m) {
  Emit e{c};
  const std::string cycle = e.op("Sub", {m, c.scalar(DType::Int64, 1)}, "cycle");
  return {range(c, e.op("Div", {m, c.scalar(DType::Int64, 2)}, "half"), "k"), cycle, range(c, m, "all"),
          e.op("Max", {cycle, c.scalar(DType::Int64, 0)}, "rounds")};
}

// The pairs of round r: p < q (m / 2 each) and the inverse of the
// permutation Concat(p, q), which puts rotated rows or columns back.
struct Pairs {
  std::string p, q, inverse;
};

Pairs round_pairs(ConversionContext& b, const std::string& r, const Schedule& s) {
  Emit be{b};
  const std::string one = b.scalar(DType::Int64, 1);
  // r - k + m - 1 > 0: no Mod of a negative.
  const std::string up =
      be.op("Add", {one, be.op("Mod", {be.op("Add", {r, s.k}, "r_plus_k"), s.cycle}, "up_mod")}, "up");
  const std::string down = be.op(
      "Add",
      {one,
       be.op("Mod", {be.op("Add", {be.op("Sub", {r, s.k}, "r_minus_k"), s.cycle}, "shifted"), s.cycle}, "down_mod")},
      "down");
  const std::string first = be.op(
      "Where", {be.op("Equal", {s.k, b.scalar(DType::Int64, 0)}, "is_first"), b.scalar(DType::Int64, 0), up}, "first");
  Pairs pr{be.op("Min", {first, down}, "p"), be.op("Max", {first, down}, "q"), b.temp("inverse_perm")};
  set_attr(b.emit("ScatterElements", {s.all, be.op("Concat", {pr.p, pr.q}, "perm", 0), s.all}, {pr.inverse}), "axis",
           int64_t{0});
  return pr;
}

// The rotation of one pair from (a_pp, a_qq, a_pq) (any equal shapes):
// active where |a_pq| > tol sqrt|a_pp| sqrt|a_qq| (and `allowed`, when
// given); cos = 1, sin = 0 elsewhere.
struct Rotation {
  std::string cos, sin, active;
};

Rotation rotation(ConversionContext& b, const std::string& app, const std::string& aqq, const std::string& apq,
                  const std::string& tol, DType t, const std::string& allowed = "") {
  Emit be{b};
  const std::string zero = b.scalar(t, 0), one = b.scalar(t, 1);
  const std::string threshold = be.op("Mul",
                                      {tol, be.op("Mul",
                                                  {be.op("Sqrt", {be.op("Abs", {app}, "abs_pp")}, "root_pp"),
                                                   be.op("Sqrt", {be.op("Abs", {aqq}, "abs_qq")}, "root_qq")},
                                                  "root_product")},
                                      "threshold");
  std::string active = be.op("Greater", {be.op("Abs", {apq}, "abs_pq"), threshold}, "active");
  if (!allowed.empty()) active = be.op("And", {active, allowed}, "active_allowed");
  const std::string safe_pq = be.op("Where", {active, apq, one}, "safe_pq");
  const std::string tau =
      be.op("Div", {be.op("Sub", {aqq, app}, "diag_gap"), be.op("Mul", {b.scalar(t, 2), safe_pq}, "twice_pq")}, "tau");
  const std::string sign =
      be.op("Where", {be.op("GreaterOrEqual", {tau, zero}, "tau_nonneg"), one, b.scalar(t, -1)}, "tau_sign");
  const std::string tan = be.op(
      "Div",
      {sign, be.op("Add",
                   {be.op("Abs", {tau}, "abs_tau"),
                    be.op("Sqrt", {be.op("Add", {one, be.op("Mul", {tau, tau}, "tau_sq")}, "one_tau_sq")}, "hyp")},
                   "denominator")},
      "tan");
  const std::string cos_raw =
      be.op("Div", {one, be.op("Sqrt", {be.op("Add", {one, be.op("Mul", {tan, tan}, "tan_sq")}, "sec_sq")}, "sec")},
            "cos_raw");
  return {be.op("Where", {active, cos_raw, one}, "cos"),
          be.op("Where", {active, be.op("Mul", {tan, cos_raw}, "sin_raw"), zero}, "sin"), active};
}

// The 2 x 2 rotation of row (axis 0) or column (axis 1) pairs (p, q) of X:
// new p = c X_p - s X_q, new q = s X_p + c X_q, put back in place.
std::string rotate(ConversionContext& b, const std::string& X, const Pairs& pr, const Rotation& rot, int64_t axis) {
  Emit e{b};
  const std::string xp = e.op("Gather", {X, pr.p}, "x_p", axis), xq = e.op("Gather", {X, pr.q}, "x_q", axis);
  const std::string new_p =
      e.op("Sub", {e.op("Mul", {xp, rot.cos}, "c_xp"), e.op("Mul", {xq, rot.sin}, "s_xq")}, "new_p");
  const std::string new_q =
      e.op("Add", {e.op("Mul", {xp, rot.sin}, "s_xp"), e.op("Mul", {xq, rot.cos}, "c_xq")}, "new_q");
  return e.op("Gather", {e.op("Concat", {new_p, new_q}, "paired", axis), pr.inverse}, "rotated", axis);
}

// Whether any pair of the round rotated, or-ed into `rotated`.
std::string any_rotated(ConversionContext& b, const std::string& rotated, const std::string& active) {
  const std::string any_active = b.temp("any_active");
  set_attr(b.emit("ReduceMax", {b.cast(active, DType::Bool, DType::Int64)}, {any_active}), "keepdims", int64_t{0});
  return Emit{b}.op("Or", {rotated, b.cast(any_active, DType::Int64, DType::Bool)}, "rotated_out");
}

// The sweep Loop around a round Loop: carries X and V (m x m) and the
// sweep count; `round_body` fills the round Loop's body (carrying X, V and
// "rotated") and returns the updated X and V. Returns the final X, V and
// the sweeps run.
template <typename RoundBody>
std::vector<std::string> sweeps(ConversionContext& c, const std::string& X, const std::string& V, DType t,
                                const Schedule& s, RoundBody round_body) {
  const TensorType matrix{t, {std::nullopt, std::nullopt}};
  LoopBuilder sweep(c, "jacobi_sweep");
  ConversionContext& sb = sweep.body();
  const std::string X0 = sweep.carry("X", matrix, X);
  const std::string V0 = sweep.carry("V", matrix, V);
  const std::string count = sweep.carry("sweeps", TensorType{DType::Int64, {}}, c.scalar(DType::Int64, 0));
  LoopBuilder round(sb, "jacobi_round");
  ConversionContext& b = round.body();
  const std::string Xr = round.carry("X", matrix, X0);
  const std::string Vr = round.carry("V", matrix, V0);
  const std::string rotated = round.carry("rotated", TensorType{DType::Bool, {}}, c.scalar(DType::Bool, 0));
  const Pairs pr = round_pairs(b, round.iteration(), s);
  const auto [X_out, V_out, active] = round_body(b, Xr, Vr, pr);
  round.update(0, X_out);
  round.update(1, V_out);
  round.update(2, any_rotated(b, rotated, active));
  const auto after = round.emit(s.rounds);
  sweep.update(0, after[0]);
  sweep.update(1, after[1]);
  sweep.update(2, Emit{sb}.op("Add", {count, c.scalar(DType::Int64, 1)}, "sweeps_out"));
  sweep.stop_unless(after[2]);
  return sweep.emit(c.scalar(DType::Int64, kMaxSweeps));
}

}  // namespace

JacobiEigen jacobi_eigen(ConversionContext& c, const std::string& S, DType t) {
  Emit e{c};
  const std::string m = dim(c, e.op("Shape", {S}, "shape"), 0, "m");
  const Schedule s = schedule(c, m);
  const std::string u = c.scalar(t, unit_roundoff(t)), zero = c.scalar(t, 0);
  const auto out = sweeps(
      c, S, e.op("EyeLike", {S}, "identity"), t, s,
      [&](ConversionContext& b, const std::string& A, const std::string& V, const Pairs& pr) {
        Emit be{b};
        // a_pp, a_qq, a_pq as half x 1 columns.
        const std::string p_col = unsqueeze(b, pr.p, 1, "p_col");
        const std::string q_col = unsqueeze(b, pr.q, 1, "q_col");
        const std::string rows_p = be.op("Gather", {A, pr.p}, "rows_p", 0);
        const std::string rows_q = be.op("Gather", {A, pr.q}, "rows_q", 0);
        const Rotation rot = rotation(b, be.op("GatherElements", {rows_p, p_col}, "a_pp", 1),
                                      be.op("GatherElements", {rows_q, q_col}, "a_qq", 1),
                                      be.op("GatherElements", {rows_p, q_col}, "a_pq", 1), u, t);
        const Rotation by_column{transpose(b, rot.cos), transpose(b, rot.sin), rot.active};
        const std::string both = rotate(b, rotate(b, A, pr, rot, 0), pr, by_column, 1);
        // a_pq = a_qp = 0 for the rotated pairs; the others keep their value.
        const std::string at =
            be.op("Concat", {be.op("Concat", {p_col, q_col}, "pq", 1), be.op("Concat", {q_col, p_col}, "qp", 1)},
                  "off_pairs", 0);
        const std::string active_flat = be.op(
            "Squeeze", {be.op("Concat", {rot.active, rot.active}, "active2", 0), axes::int64_vector(c, {1}, "axes")},
            "active_flat");
        const std::string cleared =
            be.op("Where", {active_flat, zero, be.op("GatherND", {both, at}, "kept")}, "cleared");
        return std::array<std::string, 3>{be.op("ScatterND", {both, at, cleared}, "A_out"),
                                          rotate(b, V, pr, by_column, 1), rot.active};
      });
  const std::string diag_index = unsqueeze(c, s.all, 1, "diag_index");
  const std::string w = e.op("GatherElements", {out[0], diag_index}, "diag", 1);
  return {e.op("Squeeze", {w, axes::int64_vector(c, {1}, "axes")}, "w"), out[1], out[2]};
}

// One-sided (Hestenes) Jacobi: the two-sided rotation of G^T G's entries
// (alpha = ||g_p||^2, beta = ||g_q||^2, gamma = g_p . g_q, formed from the
// columns each round) applied to G's columns, until every pair is
// orthogonal to m u relative to the columns' norms (the rotated pair is
// orthogonal only up to its dot product's rounding, about m u: a tighter
// threshold could rotate forever); columns whose norm is within m u of the
// longest column's are negligible and never rotate.
JacobiColumns jacobi_columns(ConversionContext& c, const std::string& X, DType t) {
  Emit e{c};
  const std::string m = dim(c, e.op("Shape", {X}, "shape"), 1, "m");
  const Schedule s = schedule(c, m);
  const std::string tol = e.op("Mul", {c.scalar(t, unit_roundoff(t)), c.cast(m, DType::Int64, t)}, "tol");
  const std::string axis0 = axes::int64_vector(c, {0}, "axes");
  const auto out =
      sweeps(c, X, e.op("EyeLike", {X}, "identity"), t, s,
             [&](ConversionContext& b, const std::string& G, const std::string& V, const Pairs& pr) {
               Emit be{b};
               const std::string gp = be.op("Gather", {G, pr.p}, "g_p", 1);
               const std::string gq = be.op("Gather", {G, pr.q}, "g_q", 1);
               const auto column_dot = [&](const std::string& x, const std::string& y, const char* hint) {
                 return be.op("ReduceSum", {be.op("Mul", {x, y}, "products"), axis0}, hint);
               };
               const std::string alpha = column_dot(gp, gp, "alpha"), beta = column_dot(gq, gq, "beta");
               // A pair whose shorter column is negligible (norm <= tol times the longest
               // column's) is left alone: rotating it moves the longer one by less than
               // rounding, and its own direction is noise (its squared norm may even
               // underflow) that no rotation makes orthogonal. SVD completes such columns.
               const std::string longest = b.temp("longest");
               set_attr(b.emit("ReduceMax", {be.op("Concat", {alpha, beta}, "norms_sq", 1)}, {longest}), "keepdims",
                        int64_t{0});
               const std::string floor = be.op("Mul", {be.op("Mul", {tol, tol}, "tol_sq"), longest}, "floor");
               const std::string allowed = be.op("Greater", {be.op("Min", {alpha, beta}, "shorter"), floor}, "allowed");
               const Rotation rot = rotation(b, alpha, beta, column_dot(gp, gq, "gamma"), tol, t, allowed);
               return std::array<std::string, 3>{rotate(b, G, pr, rot, 1), rotate(b, V, pr, rot, 1), rot.active};
             });
  return {out[0], out[1], out[2]};
}

}  // namespace ptonnx::linalg_loops
