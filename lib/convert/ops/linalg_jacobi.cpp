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

#include <cmath>

#include "convert/ops/axes.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/subgraph_emit.h"

namespace ptonnx::linalg_loops {
namespace {

constexpr int64_t kMaxSweeps = 60;

double unit_roundoff(DType t) { return std::ldexp(1.0, t == DType::Float32 ? -24 : -53); }

// `v` (k x 1) as a row (1 x k).
std::string as_row(ConversionContext& c, const std::string& v) { return transpose(c, v); }

// The 2 x 2 rotation of row (axis 0) or column (axis 1) pairs (p, q) of X:
// new p = c X_p - s X_q, new q = s X_p + c X_q, put back in place.
std::string rotate(ConversionContext& b, const std::string& X, const std::string& p, const std::string& q,
                   const std::string& cos, const std::string& sin, const std::string& inverse_perm, int64_t axis) {
  Emit e{b};
  const std::string xp = e.op("Gather", {X, p}, "x_p", axis), xq = e.op("Gather", {X, q}, "x_q", axis);
  const std::string new_p = e.op("Sub", {e.op("Mul", {xp, cos}, "c_xp"), e.op("Mul", {xq, sin}, "s_xq")}, "new_p");
  const std::string new_q = e.op("Add", {e.op("Mul", {xp, sin}, "s_xp"), e.op("Mul", {xq, cos}, "c_xq")}, "new_q");
  return e.op("Gather", {e.op("Concat", {new_p, new_q}, "paired", axis), inverse_perm}, "rotated", axis);
}

}  // namespace

JacobiEigen jacobi_eigen(ConversionContext& c, const std::string& S, DType t) {
  Emit e{c};
  const TensorType matrix{t, {std::nullopt, std::nullopt}};
  const std::string i64_one = c.scalar(DType::Int64, 1);
  const std::string m = dim(c, e.op("Shape", {S}, "shape"), 0, "m");
  const std::string cycle = e.op("Sub", {m, i64_one}, "cycle");  // m - 1
  const std::string rounds = e.op("Max", {cycle, c.scalar(DType::Int64, 0)}, "rounds");
  const std::string half = e.op("Div", {m, c.scalar(DType::Int64, 2)}, "half");
  const std::string k = range(c, half, "k");
  const std::string all = range(c, m, "all");
  const std::string zero = c.scalar(t, 0), one = c.scalar(t, 1);
  const std::string u = c.scalar(t, unit_roundoff(t));

  LoopBuilder sweep(c, "jacobi_sweep");
  ConversionContext& sb = sweep.body();
  Emit se{sb};
  const std::string A0 = sweep.carry("A", matrix, S);
  const std::string V0 = sweep.carry("V", matrix, e.op("EyeLike", {S}, "identity"));
  const std::string count = sweep.carry("sweeps", TensorType{DType::Int64, {}}, c.scalar(DType::Int64, 0));

  LoopBuilder round(sb, "jacobi_round");
  ConversionContext& b = round.body();
  Emit be{b};
  const std::string A = round.carry("A", matrix, A0);
  const std::string V = round.carry("V", matrix, V0);
  const std::string rotated = round.carry("rotated", TensorType{DType::Bool, {}}, c.scalar(DType::Bool, 0));
  const std::string& r = round.iteration();
  // The pairs of round r (r - k + m - 1 > 0: no Mod of a negative).
  const std::string up =
      be.op("Add", {i64_one, be.op("Mod", {be.op("Add", {r, k}, "r_plus_k"), cycle}, "up_mod")}, "up");
  const std::string down = be.op(
      "Add",
      {i64_one, be.op("Mod", {be.op("Add", {be.op("Sub", {r, k}, "r_minus_k"), cycle}, "shifted"), cycle}, "down_mod")},
      "down");
  const std::string first = be.op(
      "Where", {be.op("Equal", {k, c.scalar(DType::Int64, 0)}, "is_first"), c.scalar(DType::Int64, 0), up}, "first");
  const std::string p = be.op("Min", {first, down}, "p"), q = be.op("Max", {first, down}, "q");
  const std::string perm = be.op("Concat", {p, q}, "perm", 0);
  const std::string inverse = b.temp("inverse_perm");
  set_attr(b.emit("ScatterElements", {all, perm, all}, {inverse}), "axis", int64_t{0});

  // a_pp, a_qq, a_pq as half x 1 columns.
  const std::string p_col = unsqueeze(b, p, 1, "p_col"), q_col = unsqueeze(b, q, 1, "q_col");
  const std::string rows_p = be.op("Gather", {A, p}, "rows_p", 0), rows_q = be.op("Gather", {A, q}, "rows_q", 0);
  const std::string app = be.op("GatherElements", {rows_p, p_col}, "a_pp", 1);
  const std::string aqq = be.op("GatherElements", {rows_q, q_col}, "a_qq", 1);
  const std::string apq = be.op("GatherElements", {rows_p, q_col}, "a_pq", 1);
  const std::string threshold = be.op("Mul",
                                      {u, be.op("Mul",
                                                {be.op("Sqrt", {be.op("Abs", {app}, "abs_pp")}, "root_pp"),
                                                 be.op("Sqrt", {be.op("Abs", {aqq}, "abs_qq")}, "root_qq")},
                                                "root_product")},
                                      "threshold");
  const std::string active = be.op("Greater", {be.op("Abs", {apq}, "abs_pq"), threshold}, "active");
  const std::string safe_pq = be.op("Where", {active, apq, one}, "safe_pq");
  const std::string tau =
      be.op("Div", {be.op("Sub", {aqq, app}, "diag_gap"), be.op("Mul", {c.scalar(t, 2), safe_pq}, "twice_pq")}, "tau");
  const std::string sign =
      be.op("Where", {be.op("GreaterOrEqual", {tau, zero}, "tau_nonneg"), one, c.scalar(t, -1)}, "tau_sign");
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
  const std::string cos = be.op("Where", {active, cos_raw, one}, "cos");
  const std::string sin = be.op("Where", {active, be.op("Mul", {tan, cos_raw}, "sin_raw"), zero}, "sin");
  const std::string cos_row = as_row(b, cos), sin_row = as_row(b, sin);

  const std::string rows_done = rotate(b, A, p, q, cos, sin, inverse, 0);
  const std::string both = rotate(b, rows_done, p, q, cos_row, sin_row, inverse, 1);
  // a_pq = a_qp = 0 for the rotated pairs; the others keep their value.
  const std::string pq = be.op("Concat", {p_col, q_col}, "pq", 1), qp = be.op("Concat", {q_col, p_col}, "qp", 1);
  const std::string at = be.op("Concat", {pq, qp}, "off_pairs", 0);
  const std::string active_flat = be.op("Concat", {active, active}, "active2", 0);
  const std::string kept = be.op("GatherND", {both, at}, "kept");
  const std::string cleared =
      be.op("Where", {be.op("Squeeze", {active_flat, axes::int64_vector(c, {1}, "axes")}, "active_flat"), zero, kept},
            "cleared");
  round.update(0, be.op("ScatterND", {both, at, cleared}, "A_out"));
  round.update(1, rotate(b, V, p, q, cos_row, sin_row, inverse, 1));
  const std::string any_active = b.temp("any_active");
  set_attr(b.emit("ReduceMax", {b.cast(active, DType::Bool, DType::Int64)}, {any_active}), "keepdims", int64_t{0});
  const std::string any = b.cast(any_active, DType::Int64, DType::Bool);
  round.update(2, be.op("Or", {rotated, any}, "rotated_out"));
  const auto after = round.emit(rounds);

  sweep.update(0, after[0]);
  sweep.update(1, after[1]);
  sweep.update(2, se.op("Add", {count, i64_one}, "sweeps_out"));
  sweep.stop_unless(after[2]);
  const auto out = sweep.emit(c.scalar(DType::Int64, kMaxSweeps));

  const std::string diag_index = unsqueeze(c, all, 1, "diag_index");
  const std::string w = e.op("GatherElements", {out[0], diag_index}, "diag", 1);
  return {e.op("Squeeze", {w, axes::int64_vector(c, {1}, "axes")}, "w"), out[1], out[2]};
}

}  // namespace ptonnx::linalg_loops
