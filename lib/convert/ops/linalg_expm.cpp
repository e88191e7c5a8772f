// Expm (scipy.linalg.expm 1.18.1; semantics: oracles/linalg_expm.cpp) as
// standard-domain ONNX, sizes dynamic, computed in scipy's working dtype W
// (float32 for float16/float32 input, float64 otherwise) and cast to the
// declared dtype at the end. The node count is kept low on purpose: every
// node costs export validation and planning on each run.
//
// One If on "no nonzero off the diagonal" (NaN counts as nonzero; true for
// n <= 1, whose result is elementwise too):
// - then: exp of the diagonal, zeros elsewhere; a 1 x 1 is np.exp in NumPy's
//   loop dtype (float16 for bool/int8/uint8/float16, float32 for
//   int16/uint16), a separate Exp picked by Where(n == 1);
// - else: Al-Mohy & Higham's scaling and squaring as scipy runs it.
//   1. Degree and squarings (pick_pade_structure), vectorised: the stack
//      S = (A^10, A^8, A^6, A^4, A^2, I) gives all 1-norms at once
//      (ReduceMax of ReduceSum(Abs) over the rows, with scipy's NaN-skipping
//      max: Where(v > 0, v, 0)), d = Pow(norms, 1/k); ell()'s
//      || |A|^k ||_1 for k = 7, 11, 15, 19 is one MatMul of |A|'s column
//      sums with (B^6 | B^10 | B^14 | B^18), B = |A| (the same sums of
//      positive terms as scipy's matrix-vector "spins", in another order).
//      For m < 13 only "ell == 0" matters: !(1 < y < inf),
//      y = t / ||A||_1 / coeff (log2(y) > 0 iff y > 1); the accepted degrees
//      (eta < theta and ell == 0) are a bool vector whose first true entry
//      ArgMax finds (none: 13). For 13, s = ceil(log2(eta_4 / 4.25)) and
//      ell = ceil(log2(y_27) / 26) with log2 = Log / ln 2, both clamped at 0
//      and taken as 0 where C's (int) of a non-finite value would be
//      INT_MIN (x86-64); y_27 from the 19-fold spins scaled by 2^(-19 s)
//      and B^8 by 2^(-8 s) (in float32 the former underflows from s = 8 on:
//      0 * inf is NaN, which the NaN-skipping max drops, as in scipy).
//   2. U, V: degrees 3-9 share one form over (A^8, A^6, A^4, A^2, I),
//      U = (sum c_k A^2k) A and V = sum e_k A^2k, the two coefficient rows
//      Gathered by degree (0 for absent powers: A^8 is finite whenever
//      m <= 9 is chosen) and summed by one MatMul; degree 13's N, Q, R, W
//      rows over (A^6, A^4, A^2, I) likewise, with the coefficients of A^k
//      scaled by 2^(-k s) (the same products as scaling the powers, as
//      powers of 2 commute with rounding): V = Q A_s^6 + R,
//      U = (W A_s^6 + N) A_s + A_s^6 (scipy's extra A^6, oracles/
//      linalg_expm.cpp). Where(m == 13) picks.
//   3. r = I + 2 X, X Q = U, Q = V - U: Gaussian elimination with partial
//      pivoting on [Q^T | U^T] in one Loop, then back substitution by rows
//      in another, in place. LAPACK's getrf pivots on Q's rows
//      instead (scipy: getrf(Q) + getrs('T')); both are LU solves of the
//      same system, and the tolerance rule bounds either.
//   4. A Loop of s squarings carrying X and 2^-i; for triangular input each
//      step then sets the diagonal to exp(a_jj 2^-i) and the first
//      super/subdiagonal to scipy's divided difference of exp times
//      a_{j,j+1} 2^-i (Code Fragment 2.1), by Where on masks built once.
#include <cmath>
#include <limits>

#include "convert/graph_emit.h"
#include "convert/ops/axes.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/reduction.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

// Pade coefficients b_0 .. b_m (b_m = 1), scipy's.
const std::vector<std::vector<double>> kSmallPade = {
    {120, 60, 12, 1},
    {30240, 15120, 3360, 420, 30, 1},
    {17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1},
    {17643225600.0, 8821612800.0, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1}};
const double kPade13[14] = {64764752532480000.0,
                            32382376266240000.0,
                            7771770303897600.0,
                            1187353796428800.0,
                            129060195264000.0,
                            10559470521600.0,
                            670442572800.0,
                            33522128640.0,
                            1323241920.0,
                            40840800.0,
                            960960.0,
                            16380.0,
                            182.0,
                            1.0};
// scipy's theta_m (double's, used for float32 too) and ell's u * c_m.
const std::vector<double> kTheta = {1.495585217958292e-002, 2.539398330063230e-001, 9.504178996162932e-001,
                                    2.097847961257068e+000};
const double kTheta13 = 4.25;
const std::vector<double> kCoeff64 = {1.1191048088221578e-11, 1.1167770708198077e-06, 4.9826124310493469e-01,
                                      6.5662862500000000e+05, 1.2573361865339437e+19};
const std::vector<double> kCoeff32 = {6.0081481933593750e-03, 5.9956512451171875e+02, 2.6750196800000000e+08,
                                      3.5252480874905600e+14, 6.7502722515508048e+27};

// Emission helpers in the working dtype t.
struct G {
  ConversionContext& c;
  DType t;

  std::string k(double v) { return c.scalar(t, v); }
  std::string op(const char* type, std::vector<std::string> in, const char* hint = "v", int64_t axis = Emit::kNoAxis) {
    return Emit{c}.op(type, std::move(in), hint, axis);
  }
  std::string mm(const std::string& a, const std::string& b) { return op("MatMul", {a, b}, "product"); }
  std::string i64(std::vector<int64_t> v, Shape shape, const char* hint) {
    Tensor x(DType::Int64, std::move(shape));
    for (size_t i = 0; i < v.size(); ++i) x.data<int64_t>()[i] = v[i];
    return c.initializer(x, hint);
  }
  std::string vec(const std::vector<double>& v, Shape shape, const char* hint) {
    Tensor x(t, std::move(shape));
    for (size_t i = 0; i < v.size(); ++i) x.set_from_double(static_cast<int64_t>(i), v[i]);
    return c.initializer(x, hint);
  }
  std::string concat(std::vector<std::string> parts, int64_t axis, const char* hint) {
    const std::string out = c.temp(hint);
    set_attr(c.emit("Concat", std::move(parts), {out}), "axis", axis);
    return out;
  }
  // scipy's `if (v > best) best = v` from best = 0, over `axes`.
  std::string max_from_zero(const std::string& v, std::vector<int64_t> axes) {
    const std::string kept = op("Where", {op("Greater", {v, k(0)}, "positive"), v, k(0)}, "kept");
    if (axes.empty()) {
      const std::string out = c.temp("max");
      set_attr(c.emit("ReduceMax", {kept}, {out}), "keepdims", int64_t{0});
      return out;
    }
    return reduce::emit(c, "ReduceMax", kept, axes, false);
  }
  // max(0, (int)ceil(x)) as scipy computes it in C on x86-64: 0 where x is
  // NaN, infinite or beyond int (INT_MIN there, then clamped).
  std::string clamped_ceil(const std::string& x) {
    const std::string finite = op("Less", {op("Abs", {x}, "abs"), k(2147483648.0)}, "finite");
    return op("Where", {finite, op("Max", {op("Ceil", {x}, "ceil"), k(0)}, "clamped"), k(0)}, "count");
  }
  // log2(v) / divisor as Log / (divisor ln 2).
  std::string log2_over(const std::string& v, double divisor) {
    return op("Div", {op("Log", {v}, "ln"), k(divisor * std::log(2.0))}, "log2");
  }
};

struct Decision {
  std::string m13;          // bool: degree 13
  std::string small_index;  // int64: 0..3 for degrees 3, 5, 7, 9
  std::string s13;          // degree 13's squarings, in t
  std::string s;            // int64 squarings (0 unless m13)
};

// pick_pade_structure (oracles/linalg_expm.cpp has it step by step).
// `norms` are the 1-norms of (A^10, A^8, A^6, A^4).
Decision pick(G& g, const std::string& abs_a, const std::string& norms) {
  const std::string d = g.op("Pow", {norms, g.vec({0.1, 0.125, 1.0 / 6.0, 0.25}, {4}, "inverse_powers")}, "d");
  // (eta_0, eta_2, eta_3) = max over the pairs (d4, d6), (d6, d8), (d8, d10).
  const std::string pairs = g.op("Gather", {d, g.i64({3, 2, 2, 1, 1, 0}, {3, 2}, "eta_pairs")}, "pairs", 0);
  const std::string etas = reduce::emit(g.c, "ReduceMax", pairs, {1}, false);
  const std::string eta_test = g.op("Gather", {etas, g.i64({0, 0, 1, 1}, {4}, "eta_of_degree")}, "eta_test", 0);
  const std::string eta4 =
      reduce::emit(g.c, "ReduceMin", g.op("Gather", {etas, g.i64({1, 2}, {2}, "eta23")}, "eta23", 0), {0}, false);
  // || |A|^k ||_1 for k = 7, 11, 15, 19: |A|'s column sums times B^(k-1).
  const std::string b2 = g.mm(abs_a, abs_a), b4 = g.mm(b2, b2), b8 = g.mm(b4, b4);
  const std::string b6 = g.mm(b2, b4), b10 = g.mm(b6, b4), b14 = g.mm(b10, b4), b18 = g.mm(b14, b4);
  const std::string v1 = reduce::emit(g.c, "ReduceSum", abs_a, {0}, false);
  const std::string spins = g.op(
      "Reshape", {g.mm(v1, g.concat({b6, b10, b14, b18}, 1, "b_powers")), g.i64({4, -1}, {2}, "four_rows")}, "spins");
  const std::string norm_a = g.max_from_zero(v1, {});
  const std::vector<double>& coeff = g.t == DType::Float32 ? kCoeff32 : kCoeff64;
  const std::string y = g.op("Div",
                             {g.op("Div", {g.max_from_zero(spins, {1}), norm_a}, "ratio"),
                              g.vec({coeff[0], coeff[1], coeff[2], coeff[3]}, {4}, "ell_coeff")},
                             "y");
  const std::string ell_positive =
      g.op("And", {g.op("Greater", {y, g.k(1)}, "over"), g.op("Less", {y, g.k(INFINITY)}, "finite")}, "ell");
  const std::string accept = g.op(
      "And", {g.op("Less", {eta_test, g.vec(kTheta, {4}, "theta")}, "small"), g.op("Not", {ell_positive}, "no_ell")},
      "accept");
  const std::string accepted = g.c.cast(accept, DType::Bool, DType::Int64);
  Decision out;
  out.small_index = g.c.temp("degree");
  auto& argmax = g.c.emit("ArgMax", {accepted}, {out.small_index});
  set_attr(argmax, "axis", int64_t{0});
  set_attr(argmax, "keepdims", int64_t{0});
  out.m13 = g.op("Equal", {reduce::emit(g.c, "ReduceSum", accepted, {0}, false), g.c.scalar(DType::Int64, 0)}, "m13");
  // Degree 13: s from eta_4, then ell on |A| 2^-s.
  const std::string s_eta = g.clamped_ceil(g.log2_over(g.op("Div", {eta4, g.k(kTheta13)}, "eta_ratio"), 1));
  const std::string half = g.op("Pow", {g.k(0.5), s_eta}, "two_pow_minus_s");
  const std::string v19 = g.op("Gather", {spins, g.c.scalar(DType::Int64, 3)}, "v19", 0);
  const std::string v19s = g.op("Mul", {v19, g.op("Pow", {half, g.k(19)}, "pow19")}, "v19s");
  const std::string b8s = g.op("Mul", {b8, g.op("Pow", {half, g.k(8)}, "pow8")}, "b8s");
  const std::string y27 =
      g.op("Div",
           {g.op("Div", {g.max_from_zero(g.mm(v19s, b8s), {}), g.op("Mul", {norm_a, half}, "norm_s")}, "ratio27"),
            g.k(coeff[4])},
           "y27");
  out.s13 = g.op("Add", {s_eta, g.clamped_ceil(g.log2_over(y27, 26))}, "s13");
  out.s = g.c.cast(g.op("Where", {out.m13, out.s13, g.k(0)}, "s_float"), g.t, DType::Int64);
  return out;
}

// sum_j coef[r, j] stack[j] for each row r of coef (rows x j): (rows, n, n),
// as a MatMul over the flattened powers, reshaped back with allowzero=1:
// ONNX Runtime folds Shape of a static 0 x 0 input into a target
// [rows, 0, 0], and without allowzero its load-time inference refuses the
// last 0 ("copy the input's dim 2", past the product's rank), although
// this branch never runs for n < 2. Opset 13 has no allowzero: one Einsum
// there (its sums are as open as MatMul's, but round once per element,
// which moves float32 results by a few ulp from the MatMul form's).
std::string combine(G& g, const std::string& coef, const std::string& stack, const std::string& shape, int64_t rows) {
  if (g.c.opset() < 14) {
    const std::string out = g.c.temp("combined");
    auto& node = g.c.emit("Einsum", {coef, stack}, {out});
    auto* eq = node.add_attribute();
    eq->set_name("equation");
    eq->set_type(onnx::AttributeProto::STRING);
    eq->set_s("rj,jab->rab");
    return out;
  }
  const std::string flat = g.op("Reshape", {stack, g.i64({0, -1}, {2}, "flat")}, "flat");
  const std::string out_shape = g.concat({g.i64({rows}, {1}, "rows"), shape}, 0, "shape");
  const std::string out = g.c.temp("combined");
  set_attr(g.c.emit("Reshape", {g.mm(coef, flat), out_shape}, {out}), "allowzero", int64_t{1});
  return out;
}

std::string row(G& g, const std::string& v, int64_t i) {
  return g.op("Gather", {v, g.c.scalar(DType::Int64, static_cast<double>(i))}, "row", 0);
}

// U and V picked by degree; `stack` is (A^10, A^8, A^6, A^4, A^2, I).
std::pair<std::string, std::string> pade_uv(G& g, const std::string& a, const std::string& stack, const Decision& d,
                                            const std::string& shape) {
  const auto from = [&](int64_t first) {
    return g.op("Slice", {stack, g.i64({first}, {1}, "start"), g.i64({6}, {1}, "stop")}, "powers");
  };
  // Degrees 3-9: rows (U', V) over (A^8, A^6, A^4, A^2, I).
  std::vector<double> small;
  for (const auto& b : kSmallPade)
    for (int parity = 1; parity >= 0; --parity)
      for (int j = 4; j >= 0; --j) {
        const size_t idx = static_cast<size_t>(2 * j + parity);
        small.push_back(idx < b.size() ? b[idx] : 0.0);
      }
  const std::string coef = g.op("Gather", {g.vec(small, {4, 2, 5}, "pade_small"), d.small_index}, "coef", 0);
  const std::string uv = combine(g, coef, from(1), shape, 2);
  const std::string u_small = g.mm(row(g, uv, 0), a), v_small = row(g, uv, 1);
  // Degree 13: rows N, Q, R, W over (A^6, A^4, A^2, I), column k scaled by
  // 2^(-k s).
  const double* b = kPade13;
  const std::string table = g.vec(
      {b[7], b[5], b[3], b[1], b[12], b[10], b[8], 0, b[6], b[4], b[2], b[0], 1, b[11], b[9], 0}, {4, 4}, "pade13");
  const std::string scales =
      g.op("Pow", {g.k(0.5), g.op("Mul", {d.s13, g.vec({6, 4, 2, 0}, {4}, "power_of_column")}, "exponents")}, "scales");
  const std::string nqrw = combine(g, g.op("Mul", {table, scales}, "coef13"), from(2), shape, 4);
  const std::string a6s = g.op("Mul", {row(g, stack, 2), row(g, scales, 0)}, "a6_scaled");
  const std::string as = g.op("Mul", {a, g.op("Pow", {g.k(0.5), d.s13}, "half_s")}, "a_scaled");
  const std::string v13 = g.op("Add", {g.mm(row(g, nqrw, 1), a6s), row(g, nqrw, 2)}, "v13");
  const std::string u13 =
      g.op("Add", {g.mm(g.op("Add", {g.mm(row(g, nqrw, 3), a6s), row(g, nqrw, 0)}, "inner"), as), a6s}, "u13");
  return {g.op("Where", {d.m13, u13, u_small}, "U"), g.op("Where", {d.m13, v13, v_small}, "V")};
}

// Forward elimination with partial pivoting (the first largest |pivot|) on
// the n x k matrix m: n steps; rows below the pivot get m - l p, l the
// column scaled by 1 / pivot (LAPACK's dscal by the reciprocal). Only the
// upper triangle of the first n columns and the other columns are read
// afterwards.
std::string eliminate(G& g, const std::string& m, const std::string& n, const std::string& index,
                      const std::string& rows) {
  linalg_loops::LoopBuilder loop(g.c, "elimination_body");
  G b{loop.body(), g.t};
  const std::string& j = loop.iteration();
  const std::string x = loop.carry("M", TensorType{g.t, {std::nullopt, std::nullopt}}, m);
  const std::string candidates =
      b.op("Where", {b.op("Less", {index, j}, "done"), b.k(-1), b.op("Abs", {b.op("Gather", {x, j}, "col", 1)}, "mag")},
           "candidates");
  const std::string p = b.c.temp("p");
  auto& argmax = b.c.emit("ArgMax", {candidates}, {p});
  set_attr(argmax, "axis", int64_t{0});
  set_attr(argmax, "keepdims", int64_t{0});
  const std::string exchange = b.op(
      "Where",
      {b.op("Equal", {index, j}, "at_j"), p, b.op("Where", {b.op("Equal", {index, p}, "at_p"), j, index}, "p_to_j")},
      "exchange");
  const std::string swapped = b.op("Gather", {x, exchange}, "swapped", 0);
  const std::string pivot_row = b.op("Gather", {swapped, j}, "pivot_row", 0);
  const std::string reciprocal = b.op("Div", {b.k(1), b.op("Gather", {pivot_row, j}, "pivot", 0)}, "reciprocal");
  const std::string l = b.op("Mul", {b.op("Gather", {swapped, j}, "col_j", 1), reciprocal}, "l");
  const std::string updated =
      b.op("Sub", {swapped, b.op("Mul", {linalg_loops::unsqueeze(b.c, l, 1, "l_col"), pivot_row}, "outer")}, "schur");
  loop.update(0, b.op("Where", {b.op("Greater", {rows, j}, "below"), updated, swapped}, "M_out"));
  return loop.emit(n)[0];
}

// Back substitution in place on the eliminated [R | Y] (n x 2n), one row
// per step from the last: row i's right half becomes
// (y_i - sum_{i < c < n} R[i, c] x_c) / R[i, i], the solved rows x_c read
// from the right half (coefficients masked by Where, never multiplied by
// 0 outside the triangle).
std::string substitute(G& g, const std::string& m, const std::string& n, const std::string& index,
                       const std::string& rows) {
  const std::string n1 = linalg_loops::unsqueeze(g.c, n, 0, "n1");
  const std::string last = g.op("Sub", {n, g.c.scalar(DType::Int64, 1)}, "last");
  linalg_loops::LoopBuilder loop(g.c, "substitution_body");
  G b{loop.body(), g.t};
  const std::string y = loop.carry("Y", TensorType{g.t, {std::nullopt, std::nullopt}}, m);
  const std::string i = b.op("Sub", {last, loop.iteration()}, "i");
  const std::string row_i = b.op("Gather", {y, i}, "row_i", 0);
  const std::string r_row = b.op("Slice", {row_i, b.i64({0}, {1}, "zero"), n1}, "r_row");
  const std::string coeff = b.op("Where", {b.op("Greater", {index, i}, "after"), r_row, b.k(0)}, "coeff");
  const std::string solved =
      b.op("Div", {b.op("Sub", {row_i, b.mm(coeff, y)}, "rest"), b.op("Gather", {row_i, i}, "pivot", 0)}, "solved");
  loop.update(0, b.op("Where", {b.op("Equal", {rows, i}, "is_row"), linalg_loops::unsqueeze(b.c, solved, 0, "row"), y},
                      "Y_out"));
  return loop.emit(n)[0];
}

// I + 2 X, X Q = U: Q^T X^T = U^T by elimination and back substitution on
// [Q^T | U^T]; X^T is the right half.
std::string pade_solve(G& g, const std::string& u, const std::string& v, const std::string& eye, const std::string& n,
                       const std::string& index, const std::string& rows) {
  ConversionContext& c = g.c;
  const std::string q = g.op("Sub", {v, u}, "Q");
  const std::string augmented =
      g.concat({linalg_loops::transpose(c, q), linalg_loops::transpose(c, u)}, 1, "augmented");
  const std::string solved = substitute(g, eliminate(g, augmented, n, index, rows), n, index, rows);
  const std::string xt = g.op("Slice",
                              {solved, linalg_loops::unsqueeze(c, n, 0, "n1"),
                               g.i64({std::numeric_limits<int64_t>::max()}, {1}, "end"), g.i64({1}, {1}, "axis1")},
                              "x_t");
  return g.op("Add", {g.op("Mul", {linalg_loops::transpose(c, xt), g.k(2)}, "twice"), eye}, "r");
}

// Masks and vectors of Code Fragment 2.1, built once outside the Loop.
struct Fragment {
  std::string fix_diag, fix_off;  // n x n bool: entries recomputed (triangular input only)
  std::string a_diag, sd, other;  // a_jj; a_{j,j+-1} of row j's fixed entry; j's neighbour index
};

Fragment fragment(G& g, const std::string& a, const std::string& n, const std::string& index, const std::string& rows,
                  const std::string& cols, const std::string& eye, const std::string& lower_zero,
                  const std::string& upper_zero) {
  const std::string one = g.c.scalar(DType::Int64, 1);
  const std::string super = g.op("Equal", {cols, g.op("Add", {rows, one}, "next_row")}, "super");
  const std::string sub = g.op("Equal", {rows, g.op("Add", {cols, one}, "next_col")}, "sub");
  Fragment f;
  f.fix_diag = g.op("And", {eye, g.op("Or", {lower_zero, upper_zero}, "triangular")}, "fix_diag");
  // Upper (no nonzero below): row j's entry is (j, j+1); lower: (j, j-1).
  f.fix_off =
      g.op("Or", {g.op("And", {super, lower_zero}, "fix_super"), g.op("And", {sub, upper_zero}, "fix_sub")}, "fix_off");
  const std::string zero = g.k(0);
  f.a_diag = reduce::emit(g.c, "ReduceSum", g.op("Where", {eye, a, zero}, "diag_only"), {1}, false);
  f.sd = reduce::emit(g.c, "ReduceSum", g.op("Where", {f.fix_off, a, zero}, "off_only"), {1}, false);
  const std::string last = g.op("Sub", {n, one}, "last");
  f.other = g.op("Where",
                 {lower_zero, g.op("Min", {g.op("Add", {index, one}, "next"), last}, "up"),
                  g.op("Max", {g.op("Sub", {index, one}, "previous"), g.c.scalar(DType::Int64, 0)}, "down")},
                 "other");
  return f;
}

// The Loop of s squarings, with Code Fragment 2.1 for triangular input:
// the divided difference (e_other - e_j) / (d_other - d_j) is scipy's
// (exp(d_{i+1}) - exp(d_i)) / (d_{i+1} - d_i) with both signs flipped for
// the lower case (exact), exp(d_j) where the two are equal.
std::string square(G& g, const std::string& r, const Fragment& f, const std::string& s, const std::string& s13) {
  const std::string first_scale = g.op("Pow", {g.k(2), g.op("Sub", {g.k(1), s13}, "one_minus_s")}, "first_scale");
  linalg_loops::LoopBuilder loop(g.c, "squaring_body");
  G b{loop.body(), g.t};
  const std::string x = loop.carry("X", TensorType{g.t, {std::nullopt, std::nullopt}}, r);
  const std::string scale = loop.carry("scale", TensorType{g.t, {}}, first_scale);
  const std::string ds = b.op("Mul", {f.a_diag, scale}, "d_scaled");
  const std::string ex = b.op("Exp", {ds}, "exp_d");
  const std::string diff = b.op("Sub", {b.op("Gather", {ds, f.other}, "d_other", 0), ds}, "diff");
  const std::string divided =
      b.op("Div", {b.op("Sub", {b.op("Gather", {ex, f.other}, "e_other", 0), ex}, "exp_diff"), diff}, "divided");
  const std::string sinch = b.op("Where", {b.op("Equal", {diff, b.k(0)}, "same"), ex, divided}, "exp_sinch");
  const std::string off = b.op("Mul", {b.op("Mul", {sinch, f.sd}, "times_sd"), scale}, "off");
  const auto column = [&](const std::string& v, const char* hint) { return linalg_loops::unsqueeze(b.c, v, 1, hint); };
  const std::string fixed = b.op(
      "Where",
      {f.fix_diag, column(ex, "exp_col"), b.op("Where", {f.fix_off, column(off, "off_col"), b.mm(x, x)}, "off_fixed")},
      "X_out");
  loop.update(0, fixed);
  loop.update(1, b.op("Mul", {scale, b.k(2)}, "scale_out"));
  return loop.emit(s)[0];
}

// The general path in t (n >= 2, not diagonal).
std::string expm_general(G& g, const std::string& a, const std::string& n, const std::string& index,
                         const std::string& rows, const std::string& cols, const std::string& eye_mask,
                         const std::string& lower_zero, const std::string& upper_zero) {
  const std::string shape = g.op("Shape", {a}, "shape");
  const std::string a2 = g.mm(a, a), a4 = g.mm(a2, a2), a6 = g.mm(a4, a2), a8 = g.mm(a4, a4), a10 = g.mm(a6, a4);
  const std::string eye = g.op("EyeLike", {a}, "eye");
  // Stacked along a new axis 0 (Unsqueeze, Concat): a Reshape to [6, n, n]
  // would meet the same 0 x 0 folding as combine().
  std::vector<std::string> layers;
  for (const auto& p : {a10, a8, a6, a4, a2, eye})
    layers.push_back(g.op("Unsqueeze", {p, g.i64({0}, {1}, "axis0")}, "layer"));
  const std::string stack = g.concat(layers, 0, "powers");
  // 1-norms of A^10, A^8, A^6, A^4 (and of A^2, I, unused).
  const std::string norms6 =
      g.max_from_zero(reduce::emit(g.c, "ReduceSum", g.op("Abs", {stack}, "abs_powers"), {1}, false), {1});
  const std::string norms = g.op("Slice", {norms6, g.i64({0}, {1}, "zero"), g.i64({4}, {1}, "four")}, "norms");
  const Decision d = pick(g, g.op("Abs", {a}, "abs_a"), norms);
  const auto [u, v] = pade_uv(g, a, stack, d, shape);
  const std::string r = pade_solve(g, u, v, eye, n, index, rows);
  return square(g, r, fragment(g, a, n, index, rows, cols, eye_mask, lower_zero, upper_zero), d.s, d.s13);
}

// A subgraph of the If with one output of `type`.
template <typename Body>
onnx::GraphProto branch(ConversionContext& c, const char* hint, const TensorType& type, Body body) {
  onnx::GraphProto g;
  g.set_name(c.temp(hint));
  ConversionContext ctx(c, g);
  ctx.begin_glue(g.name());
  const std::string out = body(ctx);
  set_value_info(*g.add_output(), out, type);
  return g;
}

// NumPy's loop dtype of np.exp for a 1 x 1 of dtype `in`.
DType scalar_exp_dtype(DType in) {
  switch (in) {
    case DType::Bool:
    case DType::Int8:
    case DType::UInt8:
    case DType::Float16: return DType::Float16;
    case DType::Int16:
    case DType::UInt16:
    case DType::Float32: return DType::Float32;
    default: return DType::Float64;
  }
}

void convert_expm(ConversionContext& c, const Node&) {
  const DType in = c.in_dtype(0), out = c.out_dtype();
  const DType t = in == DType::Float16 || in == DType::Float32 ? DType::Float32 : DType::Float64;
  G g{c, t};
  const std::string a = c.cast(c.in(0), in, t);
  const std::string n = linalg_loops::dim(c, g.op("Shape", {a}, "shape"), 0, "n");
  const std::string index = linalg_loops::range(c, n, "index");
  const std::string rows = linalg_loops::unsqueeze(c, index, 1, "rows"),
                    cols = linalg_loops::unsqueeze(c, index, 0, "cols");
  const std::string eye = g.op("Equal", {rows, cols}, "eye_mask");
  const std::string nonzero = g.op("Not", {g.op("Equal", {a, g.k(0)}, "is_zero")}, "nonzero");  // NaN too
  const auto none = [&](const char* side, const char* hint) {
    const std::string hits = g.op("And", {nonzero, g.op(side, {rows, cols}, "side")}, "hits");
    const std::string count = c.temp("count");
    set_attr(c.emit("ReduceSum", {c.cast(hits, DType::Bool, DType::Int64)}, {count}), "keepdims", int64_t{0});
    return g.op("Equal", {count, c.scalar(DType::Int64, 0)}, hint);
  };
  const std::string lower_zero = none("Greater", "lower_zero"), upper_zero = none("Less", "upper_zero");
  const TensorType type{out, {std::nullopt, std::nullopt}};
  onnx::GraphProto then_g = branch(c, "expm_diagonal", type, [&](ConversionContext& b) {
    Emit be{b};
    std::string result =
        b.cast(be.op("Where", {eye, be.op("Exp", {a}, "exp"), b.scalar(t, 0)}, "exp_diag"), t, out, b.temp("result"));
    const DType scalar_t = scalar_exp_dtype(in);
    if (scalar_t != t) {
      // np.exp of a 1 x 1: float16 computed in float and rounded to half.
      const DType compute = scalar_t == DType::Float16 ? DType::Float32 : scalar_t;
      const std::string x = be.op("Exp", {b.cast(c.in(0), in, compute)}, "exp_scalar");
      const std::string rounded = b.cast(b.cast(x, compute, scalar_t), scalar_t, out);
      result = be.op("Where", {be.op("Equal", {n, b.scalar(DType::Int64, 1)}, "is_scalar"), rounded, result}, "exp");
    }
    return result;
  });
  onnx::GraphProto else_g = branch(c, "expm_pade", type, [&](ConversionContext& b) {
    G bg{b, t};
    const std::string x = expm_general(bg, a, n, index, rows, cols, eye, lower_zero, upper_zero);
    return b.cast(x, t, out, b.temp("result"));
  });
  const std::string result = c.temp("expm");
  auto& node = c.emit("If", {g.op("And", {lower_zero, upper_zero}, "diagonal")}, {result});
  set_graph_attr(node, "then_branch", std::move(then_g));
  set_graph_attr(node, "else_branch", std::move(else_g));
  axes::pin_rank(c, result, 2, c.out());
}

const ConverterRegistrar kExpm("Expm", 13, convert_expm);

}  // namespace
}  // namespace ptonnx
