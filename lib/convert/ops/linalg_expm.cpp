// Expm (scipy.linalg.expm 1.18.1; semantics: oracles/linalg_expm.cpp) as
// standard-domain ONNX, sizes dynamic, computed in scipy's working dtype W
// (float32 for float16/float32 input, float64 otherwise) and cast to the
// declared dtype at the end.
//
// One If on "no nonzero off the diagonal" (NaN counts as nonzero; true for
// n <= 1, whose result is elementwise too):
// - then: exp of the diagonal, zeros elsewhere; a 1 x 1 is np.exp in NumPy's
//   loop dtype (float16 for bool/int8/uint8/float16, float32 for
//   int16/uint16), a separate Exp selected by Where(n == 1);
// - else: Al-Mohy & Higham's scaling and squaring as scipy runs it:
//   1. the degree m and squarings s (pick_pade_structure): 1-norms as
//      ReduceMax(ReduceSum(Abs, axis 0)) with scipy's NaN-skipping max
//      (Where(v > 0, v, 0)); d_k = Pow(||A^k||_1, 1/k) from A^2, A^4, A^6,
//      A^8, A^10; ell()'s || |A|^(2m+1) ||_1 from the row vector of |A|'s
//      column sums times powers of |A| (B^2, B^4, B^8: the same sums of
//      positive terms as scipy's 27 matrix-vector "spins", in another
//      order). For m < 13 only "ell == 0" matters, which is
//      !(1 < y < inf), y = t / ||A||_1 / coeff (log2(y) > 0 iff y > 1);
//      for m = 13, ell = ceil(log2(y) / 26) with log2 = Log / ln 2. C's
//      (int) of a non-finite ceil (INT_MIN on x86-64, then clamped to 0) is
//      a Where on the finite range.
//   2. U, V: degrees 3-9 share one form, U = (sum c_k A^2k) A and
//      V = sum e_k A^2k over A^8, A^6, A^4, A^2, I, with the coefficient
//      rows Gathered by degree (zero rows for the absent powers: A^8 is
//      finite whenever m <= 9 is chosen, so 0 * A^8 is 0) and the sums as
//      one MatMul of coefficients and stacked powers; degree 13 on A, A^2,
//      A^4, A^6 scaled by 2^-s, 4^-s, 16^-s, 64^-s: V = Q A^6 + R,
//      U = (W A^6 + N) A + A^6 (scipy's extra A^6, oracles/linalg_expm.cpp);
//      Where(m == 13) picks.
//   3. r = I + 2 U (V - U)^-1 as scipy's getrf(Q) + getrs('T', U^T): the
//      LU Loop on Q (linalg_loops::lu), then R^T W1 = U^T and L^T W2 = W1
//      by substitution Loops on the transposed packed factors, rows put
//      back by the inverse permutation (Gather), transposed.
//   4. a Loop of s squarings carrying X and 2^-i; for triangular input each
//      step then sets the diagonal to exp(a_jj 2^-i) and the first
//      super/subdiagonal to scipy's divided difference of exp (Code
//      Fragment 2.1), by Where on masks built once outside the Loop.
#include <cmath>
#include <limits>

#include "convert/graph_emit.h"
#include "convert/ops/axes.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

using linalg_loops::dim;

// Pade coefficients b_0 .. b_m (b_m = 1).
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
const double kTheta[5] = {1.495585217958292e-002, 2.539398330063230e-001, 9.504178996162932e-001,
                          2.097847961257068e+000, 4.250000000000000e+000};
const double kCoeff64[5] = {1.1191048088221578e-11, 1.1167770708198077e-06, 4.9826124310493469e-01,
                            6.5662862500000000e+05, 1.2573361865339437e+19};
const double kCoeff32[5] = {6.0081481933593750e-03, 5.9956512451171875e+02, 2.6750196800000000e+08,
                            3.5252480874905600e+14, 6.7502722515508048e+27};

// The builder of one expm graph (the If's else branch) in working dtype t.
class ExpmGraph {
 public:
  ExpmGraph(ConversionContext& c, DType t) : c_(c), e_{c}, t_(t) {}

  std::string k(double v) { return c_.scalar(t_, v); }
  std::string op(const char* type, std::vector<std::string> in, const char* hint = "v") {
    return e_.op(type, std::move(in), hint);
  }
  std::string mm(const std::string& a, const std::string& b) { return op("MatMul", {a, b}, "product"); }
  std::string reduce(const char* type, const std::string& v, std::vector<int64_t> axes, const char* hint) {
    const std::string out = c_.temp(hint);
    std::vector<std::string> in{v};
    if (!axes.empty()) in.push_back(axes::int64_vector(c_, axes, "axes"));
    set_attr(c_.emit(type, std::move(in), {out}), "keepdims", int64_t{0});
    return out;
  }
  // scipy's `if (v > best) best = v` from best = 0 over a vector.
  std::string max_from_zero(const std::string& v) {
    return reduce("ReduceMax", op("Where", {op("Greater", {v, k(0)}, "positive"), v, k(0)}, "kept"), {}, "max");
  }
  std::string col_sums(const std::string& m) { return reduce("ReduceSum", m, {0}, "col_sums"); }
  std::string norm1(const std::string& m) { return max_from_zero(col_sums(op("Abs", {m}, "abs"))); }
  // log2 as Log / ln 2.
  std::string log2(const std::string& v) { return op("Div", {op("Log", {v}, "ln"), k(std::log(2.0))}, "log2"); }
  // C's max(0, (int)ceil(x)) with x86-64's INT_MIN for a non-finite or
  // out-of-range x, in t.
  std::string clamped_ceil(const std::string& x) {
    const std::string in_range =
        op("And", {op("Greater", {x, k(-2147483648.0)}, "above"), op("Less", {x, k(2147483648.0)}, "below")}, "finite");
    return op("Where", {in_range, op("Max", {op("Ceil", {x}, "ceil"), k(0)}, "clamped"), k(0)}, "lm");
  }
  // ell(m) > 0, i.e. 1 < t / ||A||_1 / coeff < inf.
  std::string ell_positive(const std::string& t, const std::string& norm_a, int i) {
    const std::string y = op("Div", {op("Div", {t, norm_a}, "ratio"), k(coeff(i))}, "y");
    return op("And", {op("Greater", {y, k(1)}, "over"), op("Less", {y, k(INFINITY)}, "finite")}, "ell_positive");
  }
  double coeff(int i) const { return t_ == DType::Float32 ? kCoeff32[i] : kCoeff64[i]; }
  // `m == degree` chosen: eta < theta and ell == 0.
  std::string accept(const std::string& eta, int theta, const std::string& t, const std::string& norm_a, int i) {
    return op("And", {op("Less", {eta, k(kTheta[theta])}, "small"), op("Not", {ell_positive(t, norm_a, i)}, "no_ell")},
              "accept");
  }
  std::string unsqueeze0(const std::string& v) { return linalg_loops::unsqueeze(c_, v, 0, "stacked"); }
  std::string concat0(std::vector<std::string> parts) {
    const std::string out = c_.temp("stack");
    set_attr(c_.emit("Concat", std::move(parts), {out}), "axis", int64_t{0});
    return out;
  }
  std::string table(const std::vector<double>& values, Shape shape, const char* hint) {
    Tensor t(t_, std::move(shape));
    for (size_t i = 0; i < values.size(); ++i) {
      if (t_ == DType::Float32)
        t.data<float>()[i] = static_cast<float>(values[i]);
      else
        t.data<double>()[i] = values[i];
    }
    return c_.initializer(t, hint);
  }
  // sum_j coef[r, j] stack[j] for each row r of coef (rows x j), as
  // (rows, n, n): one MatMul over the flattened stack.
  std::string combine(const std::string& coef, const std::string& stack, const std::string& shape, int64_t rows) {
    const std::string flat = op("Reshape", {stack, axes::int64_vector(c_, {0, -1}, "flat")}, "flat");
    const std::string out_shape = concat0({axes::int64_vector(c_, {rows}, "rows"), shape});
    return op("Reshape", {mm(coef, flat), out_shape}, "combined");
  }
  std::string row(const std::string& v, int64_t i) {
    return e_.op("Gather", {v, c_.scalar(DType::Int64, i)}, "row", 0);
  }

  ConversionContext& c_;
  Emit e_;
  DType t_;
};

struct Decision {
  std::string m13;          // bool: degree 13
  std::string small_index;  // int64: 0..3 for degrees 3, 5, 7, 9
  std::string s;            // int64 squarings (0 unless m13)
  std::string s_float;      // the same in t
};

struct Powers {
  std::string a, a2, a4, a6, a8, abs_a;
};

// pick_pade_structure (oracles/linalg_expm.cpp has it step by step).
Decision pick(ExpmGraph& g, const Powers& p) {
  const std::string b2 = g.mm(p.abs_a, p.abs_a), b4 = g.mm(b2, b2), b8 = g.mm(b4, b4);
  const std::string v1 = g.col_sums(p.abs_a);  // |A|^T 1
  const std::string norm_a = g.max_from_zero(v1);
  const std::string v7 = g.mm(g.mm(v1, b2), b4), v11 = g.mm(v7, b4), v15 = g.mm(v11, b4), v19 = g.mm(v15, b4);
  const std::string d4 = g.op("Pow", {g.norm1(p.a4), g.k(0.25)}, "d4");
  const std::string d6 = g.op("Pow", {g.norm1(p.a6), g.k(1.0 / 6.0)}, "d6");
  const std::string d8 = g.op("Pow", {g.norm1(p.a8), g.k(0.125)}, "d8");
  const std::string d10 = g.op("Pow", {g.norm1(g.mm(p.a6, p.a4)), g.k(0.1)}, "d10");
  // The d_k are >= 0 and never NaN (max_from_zero), so Max/Min are fmax/fmin.
  const std::string eta0 = g.op("Max", {d4, d6}, "eta0"), eta2 = g.op("Max", {d6, d8}, "eta2");
  const std::string eta4 = g.op("Min", {eta2, g.op("Max", {d8, d10}, "eta3")}, "eta4");
  const std::string m3 = g.accept(eta0, 0, g.max_from_zero(v7), norm_a, 0);
  const std::string m5 = g.accept(eta0, 1, g.max_from_zero(v11), norm_a, 1);
  const std::string m7 = g.accept(eta2, 2, g.max_from_zero(v15), norm_a, 2);
  const std::string m9 = g.accept(eta2, 3, g.max_from_zero(v19), norm_a, 3);
  Decision d;
  const auto pick_index = [&](const std::string& cond, int64_t i, const std::string& rest) {
    return g.op("Where", {cond, g.c_.scalar(DType::Int64, static_cast<double>(i)), rest}, "degree");
  };
  d.small_index = pick_index(m3, 0, pick_index(m5, 1, pick_index(m7, 2, g.c_.scalar(DType::Int64, 3))));
  d.m13 = g.op("Not", {g.op("Or", {g.op("Or", {m3, m5}, "m35"), g.op("Or", {m7, m9}, "m79")}, "small_m")}, "m13");
  // m = 13: s from eta, then ell on |A| 2^-s with the 19 spins so far
  // scaled by 2^(-19 s) (in float32 that factor underflows to 0 from s = 8
  // on: 0 * inf is NaN, which the NaN-skipping max drops, as in scipy).
  const std::string s_eta = g.clamped_ceil(g.log2(g.op("Div", {eta4, g.k(kTheta[4])}, "eta_ratio")));
  const std::string minus_s = g.op("Neg", {s_eta}, "minus_s");
  const std::string half_s = g.op("Pow", {g.k(2), minus_s}, "two_pow_minus_s");
  const std::string v19s = g.op("Mul", {v19, g.op("Pow", {g.k(2), g.op("Mul", {minus_s, g.k(19)}, "m19s")})}, "v19s");
  const std::string b8s = g.op("Mul", {b8, g.op("Pow", {half_s, g.k(8)}, "pow8")}, "b8s");
  const std::string t27 = g.max_from_zero(g.mm(v19s, b8s));
  const std::string y =
      g.op("Div", {g.op("Div", {t27, g.op("Mul", {norm_a, half_s}, "norm_s")}, "ratio"), g.k(g.coeff(4))}, "y27");
  const std::string lm = g.clamped_ceil(g.op("Div", {g.log2(y), g.k(26)}, "x27"));
  d.s_float = g.op("Where", {d.m13, g.op("Add", {s_eta, lm}, "s13"), g.k(0)}, "s_float");
  d.s = g.c_.cast(d.s_float, g.t_, DType::Int64);
  return d;
}

// U and V (selected by degree) from the powers.
std::pair<std::string, std::string> pade_uv(ExpmGraph& g, const Powers& p, const Decision& d, const std::string& eye,
                                            const std::string& shape) {
  // Degrees 3-9: rows (U', V) per degree over (A^8, A^6, A^4, A^2, I).
  std::vector<double> small;
  for (const auto& b : kSmallPade) {
    for (int parity = 1; parity >= 0; --parity)
      for (int j = 4; j >= 0; --j) {
        const size_t idx = static_cast<size_t>(2 * j + parity);
        small.push_back(idx < b.size() ? b[idx] : 0.0);
      }
  }
  const std::string coef = g.e_.op("Gather", {g.table(small, {4, 2, 5}, "pade_small"), d.small_index}, "coef", 0);
  const std::string stack5 =
      g.concat0({g.unsqueeze0(p.a8), g.unsqueeze0(p.a6), g.unsqueeze0(p.a4), g.unsqueeze0(p.a2), g.unsqueeze0(eye)});
  const std::string uv = g.combine(coef, stack5, shape, 2);
  const std::string u_small = g.mm(g.row(uv, 0), p.a), v_small = g.row(uv, 1);
  // Degree 13 on the scaled powers: rows N, Q, R, W over (A^6, A^4, A^2, I).
  const double* b = kPade13;
  const std::vector<double> rows13 = {b[7], b[5], b[3], b[1], b[12], b[10], b[8], 0,
                                      b[6], b[4], b[2], b[0], 1,     b[11], b[9], 0};
  const std::string s = d.s_float;
  const auto scaled = [&](const std::string& m, double base) {
    return g.op("Mul", {m, g.op("Pow", {g.k(base), g.op("Neg", {s}, "minus_s")}, "scale")}, "scaled");
  };
  const std::string as = scaled(p.a, 2), a2s = scaled(p.a2, 4), a4s = scaled(p.a4, 16), a6s = scaled(p.a6, 64);
  const std::string stack4 = g.concat0({g.unsqueeze0(a6s), g.unsqueeze0(a4s), g.unsqueeze0(a2s), g.unsqueeze0(eye)});
  const std::string nqrw = g.combine(g.table(rows13, {4, 4}, "pade13"), stack4, shape, 4);
  const std::string v13 = g.op("Add", {g.mm(g.row(nqrw, 1), a6s), g.row(nqrw, 2)}, "v13");
  const std::string u13 =
      g.op("Add", {g.mm(g.op("Add", {g.mm(g.row(nqrw, 3), a6s), g.row(nqrw, 0)}, "inner"), as), a6s}, "u13");
  return {g.op("Where", {d.m13, u13, u_small}, "U"), g.op("Where", {d.m13, v13, v_small}, "V")};
}

// I + 2 U Q^-1 through getrf(Q) and getrs('T', U^T).
std::string pade_solve(ExpmGraph& g, const std::string& u, const std::string& v, const std::string& eye,
                       const std::string& n) {
  ConversionContext& c = g.c_;
  const auto f = linalg_loops::lu(c, g.op("Sub", {v, u}, "Q"), g.t_);
  const std::string packed_t = linalg_loops::transpose(c, f.packed);
  const std::string w1 =
      linalg_loops::triangular_solve(c, packed_t, linalg_loops::transpose(c, u), g.t_, true, false).value;
  const std::string w2 = linalg_loops::triangular_solve(c, packed_t, w1, g.t_, false, true).value;
  // Q^T Y = U^T with P Q = L R: Y[perm[k]] = W2[k].
  const std::string rows = linalg_loops::range(c, n, "rows");
  const std::string inverse = c.temp("inverse_perm");
  set_attr(c.emit("ScatterElements", {rows, f.perm, rows}, {inverse}), "axis", int64_t{0});
  const std::string y = g.e_.op("Gather", {w2, inverse}, "Y", 0);
  return g.op("Add", {g.op("Mul", {linalg_loops::transpose(c, y), g.k(2)}, "twice"), eye}, "r");
}

// The Loop of s squarings with Code Fragment 2.1 for triangular input.
std::string square(ExpmGraph& g, const std::string& r, const std::string& a, const Decision& d,
                   const std::string& lower_zero, const std::string& upper_zero, const std::string& n) {
  ConversionContext& c = g.c_;
  const std::string index = linalg_loops::range(c, n, "index");
  const std::string rows = linalg_loops::unsqueeze(c, index, 1, "rows"),
                    cols = linalg_loops::unsqueeze(c, index, 0, "cols");
  const std::string one = c.scalar(DType::Int64, 1);
  const std::string diag = g.op("Equal", {rows, cols}, "diag");
  const std::string super = g.op("Equal", {cols, g.op("Add", {rows, one}, "next_row")}, "super");
  const std::string sub = g.op("Equal", {rows, g.op("Add", {cols, one}, "next_col")}, "sub");
  const std::string triangular = g.op("Or", {lower_zero, upper_zero}, "triangular");
  const std::string fix_diag = g.op("And", {diag, triangular}, "fix_diag");
  const std::string fix_off =
      g.op("Or", {g.op("And", {super, lower_zero}, "fix_super"), g.op("And", {sub, upper_zero}, "fix_sub")}, "fix_off");
  const std::string zero = g.k(0);
  // Where + ReduceSum picks one element per row/column (no 0 * x).
  const std::string a_diag = g.reduce("ReduceSum", g.op("Where", {diag, a, zero}, "diag_only"), {1}, "a_diag");
  const std::string a_super = g.reduce("ReduceSum", g.op("Where", {super, a, zero}, "super_only"), {1}, "a_super");
  const std::string a_sub = g.reduce("ReduceSum", g.op("Where", {sub, a, zero}, "sub_only"), {0}, "a_sub");
  const std::string sd = g.op("Where", {lower_zero, a_super, a_sub}, "sd");
  const std::string first_scale = g.op("Pow", {g.k(2), g.op("Sub", {g.k(1), d.s_float}, "one_minus_s")}, "first_scale");

  linalg_loops::LoopBuilder loop(c, "squaring_body");
  ExpmGraph b(loop.body(), g.t_);
  const std::string x = loop.carry("X", TensorType{g.t_, {std::nullopt, std::nullopt}}, r);
  const std::string scale = loop.carry("scale", TensorType{g.t_, {}}, first_scale);
  const std::string squared = b.mm(x, x);
  const std::string ds = b.op("Mul", {a_diag, scale}, "d_scaled");
  const std::string ex = b.op("Exp", {ds}, "exp_d");
  const auto shift = [&](const std::string& v) {  // v[1:] with v[-1] repeated: length n
    const std::string start = axes::int64_vector(b.c_, {1}, "one"), last = axes::int64_vector(b.c_, {-1}, "last");
    const std::string end = axes::int64_vector(b.c_, {std::numeric_limits<int64_t>::max()}, "end");
    return b.concat0({b.op("Slice", {v, start, end}, "tail"), b.op("Slice", {v, last, end}, "last")});
  };
  const std::string diff = b.op("Sub", {shift(ds), ds}, "diff");
  const std::string divided = b.op("Div", {b.op("Sub", {shift(ex), ex}, "exp_diff"), diff}, "divided");
  const std::string sinch = b.op("Where", {b.op("Equal", {diff, zero}, "same"), ex, divided}, "exp_sinch");
  const std::string off = b.op("Mul", {b.op("Mul", {sinch, sd}, "times_sd"), scale}, "off");
  // Upper: X[i, i+1] = off[i] (a column); lower: X[i+1, i] = off[i] (a row).
  const std::string off_m = b.op(
      "Where",
      {lower_zero, linalg_loops::unsqueeze(b.c_, off, 1, "off_col"), linalg_loops::unsqueeze(b.c_, off, 0, "off_row")},
      "off_m");
  const std::string fixed = b.op("Where",
                                 {fix_diag, linalg_loops::unsqueeze(b.c_, ex, 1, "exp_col"),
                                  b.op("Where", {fix_off, off_m, squared}, "off_fixed")},
                                 "X_out");
  loop.update(0, fixed);
  loop.update(1, b.op("Mul", {scale, b.k(2)}, "scale_out"));
  return loop.emit(d.s)[0];
}

// The general path in t (n >= 2, not diagonal).
std::string expm_general(ConversionContext& c, const std::string& a, DType t, const std::string& lower_zero,
                         const std::string& upper_zero) {
  ExpmGraph g(c, t);
  const std::string shape = g.op("Shape", {a}, "shape");
  const std::string n = dim(c, shape, 0, "n");
  Powers p;
  p.a = a;
  p.abs_a = g.op("Abs", {a}, "abs_a");
  p.a2 = g.mm(a, a);
  p.a4 = g.mm(p.a2, p.a2);
  p.a6 = g.mm(p.a4, p.a2);
  p.a8 = g.mm(p.a4, p.a4);
  const Decision d = pick(g, p);
  const std::string eye = g.op("EyeLike", {a}, "eye");
  const auto [u, v] = pade_uv(g, p, d, eye, shape);
  const std::string r = pade_solve(g, u, v, eye, n);
  return square(g, r, a, d, lower_zero, upper_zero, n);
}

// A subgraph of the If with one output named `out` of `type`.
template <typename Body>
onnx::GraphProto branch(ConversionContext& c, const char* hint, const TensorType& type, Body body) {
  onnx::GraphProto g;
  g.set_name(c.temp(hint));
  ConversionContext ctx(c, g);
  ctx.begin_glue(g.name());
  const std::string out = body(ctx);
  const std::string named = ctx.temp("result");
  ctx.emit("Identity", {out}, {named});
  set_value_info(*g.add_output(), named, type);
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
  Emit e{c};
  const std::string a = c.cast(c.in(0), in, t);
  const std::string n = dim(c, e.op("Shape", {a}, "shape"), 0, "n");
  const std::string index = linalg_loops::range(c, n, "index");
  const std::string rows = linalg_loops::unsqueeze(c, index, 1, "rows"),
                    cols = linalg_loops::unsqueeze(c, index, 0, "cols");
  const std::string nonzero = e.op("Not", {e.op("Equal", {a, c.scalar(t, 0)}, "is_zero")}, "nonzero");  // NaN too
  const auto none = [&](const char* side, const char* hint) {
    const std::string hits =
        c.cast(e.op("And", {nonzero, e.op(side, {rows, cols}, "side")}, "hits"), DType::Bool, DType::Int64);
    const std::string count = c.temp("count");
    set_attr(c.emit("ReduceSum", {hits}, {count}), "keepdims", int64_t{0});
    return e.op("Equal", {count, c.scalar(DType::Int64, 0)}, hint);
  };
  const std::string lower_zero = none("Greater", "lower_zero"), upper_zero = none("Less", "upper_zero");
  const std::string diagonal = e.op("And", {lower_zero, upper_zero}, "diagonal");
  const TensorType type{out, {std::nullopt, std::nullopt}};
  onnx::GraphProto then_g = branch(c, "expm_diagonal", type, [&](ConversionContext& b) {
    Emit be{b};
    const std::string d =
        be.op("Where", {be.op("Equal", {rows, cols}, "diag"), be.op("Exp", {a}, "exp"), b.scalar(t, 0)}, "exp_diag");
    std::string result = b.cast(d, t, out);
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
    return b.cast(expm_general(b, a, t, lower_zero, upper_zero), t, out);
  });
  const std::string result = c.temp("expm");
  auto& node = c.emit("If", {diagonal}, {result});
  set_graph_attr(node, "then_branch", std::move(then_g));
  set_graph_attr(node, "else_branch", std::move(else_g));
  axes::pin_rank(c, result, 2, c.out());
}

const ConverterRegistrar kExpm("Expm", 13, convert_expm);

}  // namespace
}  // namespace ptonnx
