// Converters of the tier-5 scalar-math Elemwise ops: Sigmoid, Erf (one ONNX
// operator after a Cast to the float output dtype), Clip (Where/Less/
// Greater), and Softplus, Log1p, Expm1, Erfc composed from standard
// operators (ONNX has no Log1p, Expm1 or Erfc, and its Softplus,
// log(exp(x) + 1), overflows past x = 88.7 in float32 and loses everything
// below -37 where PyTensor returns exp(x)).
//
// The composed ops compute in float64 whatever the output dtype, and round
// once at the end (float16 through float32 as NumPy's half loops and
// scipy's float loops do, except Softplus: PyTensor casts a float64): the formulations below are a few float64 ulps
// from the exact value, far below a float32 or float16 ulp. In float64:
// - log1p(x): u = 1 + x; Where(u - 1 == 0, x, Log(u) * (x / (u - 1)))
//   (Kahan; Goldberg, "What every computer scientist should know about
//   floating-point arithmetic", theorem 4): the rounding error of 1 + x
//   cancels between Log(u) and u - 1. x = +inf gives inf/inf: Where(x ==
//   inf, x, .). x = -1 gives log(0) * 1 = -inf, x < -1 NaN, -0 -> -0.
// - expm1(x): u = Exp(x); Where(u == 1, x, Where(u - 1 == -1, -1,
//   (u - 1) * (x / Log(u)))) (Kahan), Where(u == inf, u, .) for overflow
//   (inf / inf); x / Log(u) first, as (u - 1) * x overflows near 709.
// - softplus(x): PyTensor's own piecewise form, the same thresholds and
//   branches (exp(x) below -37, log1p(exp(x)) below 18 with the log1p
//   above, x + exp(-x) below 33.3, else x), selected with Where; NaN fails
//   every comparison and falls through to x, as in the impl.
// - erfc(x): Sun's fdlibm s_erf.c algorithm (as in glibc and Go's math
//   package; its published minimax coefficients): |x| < 0.84375 through
//   erf's rational approximation (1 - (x + x R(x^2)), or 0.5 - (x R +
//   (x - 0.5)) past 1/4), |x| < 1.25 as (1 - erx) - P(s)/Q(s) with s = |x|
//   - 1, |x| < 28 as exp(-z^2 - 0.5625) exp((z - |x|)(z + |x|) + R/S) / |x|
//   with R/S in 1/x^2, where z is |x| rounded to float32 (fdlibm truncates
//   to 21 bits) so that z^2 + 0.5625 is exact and the first exponential
//   carries no argument error; 0 beyond 28 (2 for x < 0: erfc(-x) = 2 -
//   erfc(x)). No Erf node: 1 - Erf(x) cancels to 0 past x = 6 (float64),
//   and ORT has no float64 Erf kernel.
// All branches are evaluated on every element and Where selects: the NaNs
// and infinities of branches not taken are discarded, never propagated.
#include <cmath>

#include "convert/context.h"
#include "convert/portable.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

constexpr DType F64 = DType::Float64;

// Small emission helper for float64 expressions.
struct Expr {
  ConversionContext& c;
  std::string op(const char* type, std::vector<std::string> in, std::string_view hint) {
    std::string t = c.temp(hint);
    c.emit(type, std::move(in), {t});
    return t;
  }
  std::string k(double v) { return c.scalar(F64, v); }
  std::string add(const std::string& a, const std::string& b) { return op("Add", {a, b}, "add"); }
  std::string sub(const std::string& a, const std::string& b) { return op("Sub", {a, b}, "sub"); }
  std::string mul(const std::string& a, const std::string& b) { return op("Mul", {a, b}, "mul"); }
  std::string div(const std::string& a, const std::string& b) { return op("Div", {a, b}, "div"); }
  std::string where(const std::string& cond, const std::string& a, const std::string& b) {
    return op("Where", {cond, a, b}, "where");
  }
  std::string less(const std::string& a, const std::string& b) { return op("Less", {a, b}, "less"); }
  std::string equal(const std::string& a, const std::string& b) { return op("Equal", {a, b}, "equal"); }
  // c[0] + s (c[1] + s (c[2] + ...)) by Horner.
  std::string poly(const std::string& s, const std::vector<double>& coef) {
    std::string p = k(coef.back());
    for (size_t i = coef.size() - 1; i-- > 0;) p = add(mul(p, s), k(coef[i]));
    return p;
  }
};

// The input as float64, and the float64 result cast to the output dtype:
// a float16 result through float32 where NumPy or scipy compute a float16
// input in float32 (Log1p, Expm1, Erfc), directly where PyTensor casts a
// Python float (Softplus).
std::string to_f64(ConversionContext& c) { return c.cast(c.in(0), c.in_dtype(0), F64); }

void finish(ConversionContext& c, const std::string& r, bool half_via_float) {
  const DType t = c.out_dtype();
  if (t == DType::Float16 && half_via_float) {
    c.cast(c.cast(r, F64, DType::Float32), DType::Float32, t, c.out());
  } else if (t == F64) {
    c.emit("Identity", {r}, {c.out()});
  } else {
    c.cast(r, F64, t, c.out());
  }
}

std::string log1p64(Expr& e, const std::string& x) {
  const std::string u = e.add(e.k(1), x);
  const std::string d = e.sub(u, e.k(1));
  const std::string kahan = e.mul(e.op("Log", {u}, "log"), e.div(x, d));
  const std::string r = e.where(e.equal(d, e.k(0)), x, kahan);
  return e.where(e.equal(x, e.k(INFINITY)), x, r);
}

std::string expm1_64(Expr& e, const std::string& x) {
  const std::string u = e.op("Exp", {x}, "exp");
  const std::string d = e.sub(u, e.k(1));
  const std::string kahan = e.mul(d, e.div(x, e.op("Log", {u}, "log")));
  std::string r = e.where(e.equal(d, e.k(-1)), e.k(-1), kahan);
  r = e.where(e.equal(u, e.k(1)), x, r);
  return e.where(e.equal(u, e.k(INFINITY)), u, r);
}

std::string softplus64(Expr& e, const std::string& x) {
  const std::string ex = e.op("Exp", {x}, "exp");
  const std::string mid = log1p64(e, ex);
  const std::string high = e.add(x, e.op("Exp", {e.op("Neg", {x}, "neg")}, "exp_neg"));
  std::string r = e.where(e.less(x, e.k(33.3)), high, x);
  r = e.where(e.less(x, e.k(18.0)), mid, r);
  return e.where(e.less(x, e.k(-37.0)), ex, r);
}

// fdlibm s_erf.c coefficients (Sun Microsystems 1993, freely distributable).
constexpr double kErx = 8.45062911510467529297e-01;
const std::vector<double> kPP = {1.28379167095512558561e-01, -3.25042107247001499370e-01, -2.84817495755985104766e-02,
                                 -5.77027029648944159157e-03, -2.37630166566501626084e-05};
const std::vector<double> kQQ = {1.0,
                                 3.97917223959155352819e-01,
                                 6.50222499887672944485e-02,
                                 5.08130628187576562776e-03,
                                 1.32494738004321644526e-04,
                                 -3.96022827877536812320e-06};
const std::vector<double> kPA = {-2.36211856075265944077e-03, 4.14856118683748331666e-01,  -3.72207876035701323847e-01,
                                 3.18346619901161753674e-01,  -1.10894694282396677476e-01, 3.54783043256182359371e-02,
                                 -2.16637559486879084300e-03};
const std::vector<double> kQA = {1.0,
                                 1.06420880400844228286e-01,
                                 5.40397917702171048937e-01,
                                 7.18286544141962662868e-02,
                                 1.26171219808761642112e-01,
                                 1.36370839120290507362e-02,
                                 1.19844998467991074170e-02};
const std::vector<double> kRA = {-9.86494403484714822705e-03, -6.93858572707181764372e-01, -1.05586262253232909814e+01,
                                 -6.23753324503260060396e+01, -1.62396669462573470355e+02, -1.84605092906711035994e+02,
                                 -8.12874355063065934246e+01, -9.81432934416914548592e+00};
const std::vector<double> kSA = {1.0,
                                 1.96512716674392571292e+01,
                                 1.37657754143519042600e+02,
                                 4.34565877475229228821e+02,
                                 6.45387271733267880336e+02,
                                 4.29008140027567833386e+02,
                                 1.08635005541779435134e+02,
                                 6.57024977031928170135e+00,
                                 -6.04244152148580987438e-02};
const std::vector<double> kRB = {-9.86494292470009928597e-03, -7.99283237680523006574e-01, -1.77579549177547519889e+01,
                                 -1.60636384855821916062e+02, -6.37566443368389627722e+02, -1.02509513161107724954e+03,
                                 -4.83519191608651397019e+02};
const std::vector<double> kSB = {1.0,
                                 3.03380607434824582924e+01,
                                 3.25792512996573918826e+02,
                                 1.53672958608443695994e+03,
                                 3.19985821950859553908e+03,
                                 2.55305040643316442583e+03,
                                 4.74528541206955367215e+02,
                                 -2.24409524465858183362e+01};

std::string erfc64(Expr& e, const std::string& x) {
  const std::string ax = e.op("Abs", {x}, "abs");
  const std::string negative = e.less(x, e.k(0));
  // |x| < 0.84375: 1 - erf(x), erf(x) = x + x y with y = P(x^2) / Q(x^2).
  const std::string z2 = e.mul(x, x);
  const std::string xy = e.mul(x, e.div(e.poly(z2, kPP), e.poly(z2, kQQ)));
  const std::string small = e.sub(e.k(1), e.add(x, xy));
  const std::string quarter = e.sub(e.k(0.5), e.add(xy, e.sub(x, e.k(0.5))));
  const std::string near0 = e.where(e.less(ax, e.k(0.25)), small, quarter);
  // 0.84375 <= |x| < 1.25: erf(|x|) = erx + P(s) / Q(s), s = |x| - 1.
  const std::string s1 = e.sub(ax, e.k(1));
  const std::string pq = e.div(e.poly(s1, kPA), e.poly(s1, kQA));
  const std::string near1 = e.where(negative, e.add(e.k(1), e.add(e.k(kErx), pq)), e.sub(e.k(1 - kErx), pq));
  // 1.25 <= |x| < 28: exp(-z^2 - 0.5625) exp((z - |x|)(z + |x|) + R/S) / |x|.
  const std::string s = e.div(e.k(1), e.mul(ax, ax));
  const std::string rs =
      e.where(e.less(ax, e.k(1 / 0.35)), e.div(e.poly(s, kRA), e.poly(s, kSA)), e.div(e.poly(s, kRB), e.poly(s, kSB)));
  const std::string z = e.c.cast(e.c.cast(ax, F64, DType::Float32), DType::Float32, F64);
  const std::string big_arg = e.sub(e.op("Neg", {e.mul(z, z)}, "neg"), e.k(0.5625));
  const std::string small_arg = e.add(e.mul(e.sub(z, ax), e.add(z, ax)), rs);
  const std::string tail = e.div(e.mul(e.op("Exp", {big_arg}, "exp"), e.op("Exp", {small_arg}, "exp")), ax);
  const std::string far = e.where(negative, e.sub(e.k(2), tail), tail);
  // |x| >= 28 (and +-inf): 0 or 2; NaN fails both comparisons and stays.
  const std::string beyond = e.where(negative, e.k(2), e.where(e.less(e.k(0), x), e.k(0), x));
  std::string r = e.where(e.less(ax, e.k(28)), far, beyond);
  r = e.where(e.less(ax, e.k(1.25)), near1, r);
  return e.where(e.less(ax, e.k(0.84375)), near0, r);
}

template <std::string (*F)(Expr&, const std::string&), bool HalfViaFloat = true>
void convert_composed(ConversionContext& c, const Node&) {
  Expr e{c};
  finish(c, F(e, to_f64(c)), HalfViaFloat);
}

template <const char* OnnxOp>
void convert_float_unary(ConversionContext& c, const Node&) {
  c.emit(OnnxOp, {c.cast(c.in(0), c.in_dtype(0), c.out_dtype())}, {c.out()});
}

// Clip: x < lo ? lo : (x > hi ? hi : x) in the upcast dtype, bounds of any
// shape (broadcast by Less, Greater and Where). ONNX Clip is not used: its
// bounds are scalars and with min > max it returns max everywhere (PyTensor:
// min below min). Bools are compared as uint8 (Less has no bool); the
// selection is portable::where (ONNX Runtime's Where lacks narrow types).
void convert_clip(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  const DType cmp = t == DType::Bool ? DType::UInt8 : t;
  std::string v[3], w[3];
  for (size_t i = 0; i < 3; ++i) {
    v[i] = c.cast(c.in(i), c.in_dtype(i), t);
    w[i] = c.cast(v[i], t, cmp);
  }
  const std::string below = c.temp("below"), above = c.temp("above"), upper = c.temp("upper");
  c.emit("Less", {w[0], w[1]}, {below});
  c.emit("Greater", {w[0], w[2]}, {above});
  portable::where(c, above, v[2], v[0], t, upper);
  portable::where(c, below, v[1], upper, t, c.out());
}

constexpr char kSigmoidOp[] = "Sigmoid", kErfOp[] = "Erf";

const ConverterRegistrar kSigmoid("Sigmoid", 13, convert_float_unary<kSigmoidOp>);
const ConverterRegistrar kErf("Erf", 13, convert_float_unary<kErfOp>);
const ConverterRegistrar kSoftplus("Softplus", 13, convert_composed<softplus64, false>);
const ConverterRegistrar kLog1p("Log1p", 13, convert_composed<log1p64>);
const ConverterRegistrar kExpm1("Expm1", 13, convert_composed<expm1_64>);
const ConverterRegistrar kErfc("Erfc", 13, convert_composed<erfc64>);
const ConverterRegistrar kClip("Clip", 13, convert_clip);

}  // namespace
}  // namespace ptonnx
