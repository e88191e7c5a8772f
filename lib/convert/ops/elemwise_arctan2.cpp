// Converter of ArcTan2 (np.arctan2(y, x); pytensor scalar/basic.py ArcTan2).
// ONNX (opsets 13-18) has no Atan2, so it is composed in float64:
//   a = |y|, b = |x|, t = min(a, b) / max(a, b) in [0, 1] (never over- or
//   underflows to a wrong quadrant: a huge or tiny y/x is never formed),
//   r = atan(t) in [0, pi/4] (fdlibm's atan, see atan01), then by octant
//     a <= b, x >= +0:  r
//     a >  b, x >= +0:  pi/2 - r      = pi2_hi - (r - pi2_lo)
//     a >  b, x <= -0:  pi/2 + r      = pi2_hi + (r + pi2_lo)
//     a <= b, x <= -0:  pi - r        = pi_hi - (r - pi_lo)
//   and the sign of y copied onto the result (y = -0 included).
// pi and pi/2 are split into hi + lo (fdlibm's pi_lo) so the constants add
// no rounding of their own; measured within 1 ulp of glibc's atan2 in
// float64 (docs/comparison.md), and a float32/float16 result is rounded
// once from it. C's atan2 special cases, each a named test
// (suites/extended/elemwise_arctan2_test.cpp):
//   - a == b: t = 1 (inf/inf would be NaN: atan2(+-inf, +-inf) = +-pi/4,
//     +-3pi/4), and t = 0 when both are zero (0/0): atan2(+-0, +0) = +-0,
//     atan2(+-0, -0) = +-pi;
//   - the sign of x is its sign bit (x < 0 or 1/x < 0), since -0 selects
//     the pi branch; the sign of y likewise;
//   - y = +-inf with finite x: t = 0, a > b: +-pi/2; x = -inf with finite
//     y: t = 0, pi - 0 = pi; NaN in either: t = NaN (Where picks NaN for
//     the min and max when a comparison with NaN fails), result NaN.
// Dtypes: the output is upcast(upgrade_to_float(y), upgrade_to_float(x));
// NumPy computes in that dtype (prepare_node passes sig="ff->f" when y is
// discrete) except for a float16 y with a bool, int8 or uint8 x, which
// NumPy promotes to float16: that loop computes in float16 (atan2f rounded
// to half), and Elemwise casts the half result to the float32 output. So
// the float64 result is rounded to the loop dtype (float16 through
// float32), then Cast to the output dtype.
#include <cmath>

#include "convert/context.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

constexpr DType F64 = DType::Float64;
constexpr double kPi2Hi = 1.57079632679489655800e+00, kPi2Lo = 6.12323399573676603587e-17;
constexpr double kPiHi = 3.14159265358979311600e+00, kPiLo = 1.22464679914735317720e-16;

struct Emit {
  ConversionContext& c;
  std::string op(const char* type, std::vector<std::string> in, std::string_view hint) {
    std::string t = c.temp(hint);
    c.emit(type, std::move(in), {t});
    return t;
  }
  std::string k(double v) { return c.scalar(F64, v); }
  // The sign bit of v: v < 0, or v = -0 (1 / -0 = -inf).
  std::string sign_bit(const std::string& v) {
    return op("Or",
              {op("Less", {v, k(0)}, "negative"), op("Less", {op("Div", {k(1), v}, "inverse"), k(0)}, "neg_zero")},
              "sign_bit");
  }
};

// The loop dtype NumPy computes np.arctan2(y, x) in (see the file comment).
DType loop_dtype(DType y, DType x, DType out) {
  const bool small_x = x == DType::Bool || x == DType::Int8 || x == DType::UInt8;
  return y == DType::Float16 && small_x ? DType::Float16 : out;
}

// fdlibm s_atan.c (Sun Microsystems 1993, freely distributable; as in
// glibc's old atan, musl, Go): atan(t) for t in [0, 1] (and NaN), by its
// published reduction and coefficients. ONNX Atan is not used: ONNX Runtime
// has no float64 Atan kernel (docs/converter.md), and this keeps the whole
// export in float64 Mul/Add/Sub/Div/Where. t < 7/16: t - t (s1 + s2);
// t < 11/16: atan(1/2) + atan((2t - 1) / (2 + t)); else (up to 1, and NaN,
// which fails every comparison): atan(1) + atan((t - 1) / (t + 1)), each
// atan(c) as hi + lo; under 1 ulp (fdlibm's bound).
constexpr double kAtanHi[] = {4.63647609000806093515e-01, 7.85398163397448278999e-01};
constexpr double kAtanLo[] = {2.26987774529616870924e-17, 3.06161699786838301793e-17};
constexpr double kAT[] = {3.33333333333329318027e-01,  -1.99999999998764832476e-01, 1.42857142725034663711e-01,
                          -1.11111104054623557880e-01, 9.09088713343650656196e-02,  -7.69187620504482999495e-02,
                          6.66107313738753120669e-02,  -5.83357013379057348645e-02, 4.97687799461593236017e-02,
                          -3.65315727442169155270e-02, 1.62858201153657823623e-02};

std::string atan01(Emit& e, const std::string& t) {
  const std::string small = e.op("Less", {t, e.k(0.4375)}, "small");
  const std::string half = e.op("Less", {t, e.k(0.6875)}, "near_half");
  const std::string red0 =
      e.op("Div", {e.op("Sub", {e.op("Mul", {e.k(2), t}, "two_t"), e.k(1)}, "num0"), e.op("Add", {e.k(2), t}, "den0")},
           "red0");
  const std::string red1 = e.op("Div", {e.op("Sub", {t, e.k(1)}, "num1"), e.op("Add", {t, e.k(1)}, "den1")}, "red1");
  const std::string xr = e.op("Where", {small, t, e.op("Where", {half, red0, red1}, "reduced")}, "xr");
  const std::string hi = e.op("Where", {half, e.k(kAtanHi[0]), e.k(kAtanHi[1])}, "atan_hi");
  const std::string lo = e.op("Where", {half, e.k(kAtanLo[0]), e.k(kAtanLo[1])}, "atan_lo");
  const std::string z = e.op("Mul", {xr, xr}, "z"), w = e.op("Mul", {z, z}, "w");
  auto horner = [&](std::initializer_list<int> idx) {
    std::vector<int> k(idx);
    std::string p = e.k(kAT[k.back()]);
    for (size_t i = k.size() - 1; i-- > 0;) p = e.op("Add", {e.op("Mul", {p, w}, "pw"), e.k(kAT[k[i]])}, "horner");
    return p;
  };
  const std::string s1 = e.op("Mul", {z, horner({0, 2, 4, 6, 8, 10})}, "s1");
  const std::string s2 = e.op("Mul", {w, horner({1, 3, 5, 7, 9})}, "s2");
  const std::string xs = e.op("Mul", {xr, e.op("Add", {s1, s2}, "s")}, "xs");
  const std::string direct = e.op("Sub", {xr, xs}, "direct");
  const std::string shifted =
      e.op("Sub", {hi, e.op("Sub", {e.op("Sub", {xs, lo}, "xs_lo"), xr}, "correction")}, "shifted");
  return e.op("Where", {small, direct, shifted}, "atan");
}

std::string atan2_64(Emit& e, const std::string& y, const std::string& x) {
  const std::string a = e.op("Abs", {y}, "abs_y"), b = e.op("Abs", {x}, "abs_x");
  const std::string steep = e.op("Greater", {a, b}, "steep");
  const std::string num = e.op("Where", {steep, b, a}, "min"), den = e.op("Where", {steep, a, b}, "max");
  const std::string same = e.op("Equal", {a, b}, "same");
  const std::string diagonal = e.op("Where", {e.op("Equal", {a, e.k(0)}, "zeros"), e.k(0), e.k(1)}, "diagonal");
  const std::string t = e.op("Where", {same, diagonal, e.op("Div", {num, den}, "ratio")}, "t");
  const std::string r = atan01(e, t);
  const std::string right_flat = r;
  const std::string right_steep = e.op("Sub", {e.k(kPi2Hi), e.op("Sub", {r, e.k(kPi2Lo)}, "r_lo")}, "half_pi_minus");
  const std::string left_steep = e.op("Add", {e.k(kPi2Hi), e.op("Add", {r, e.k(kPi2Lo)}, "r_lo")}, "half_pi_plus");
  const std::string left_flat = e.op("Sub", {e.k(kPiHi), e.op("Sub", {r, e.k(kPiLo)}, "r_lo")}, "pi_minus");
  const std::string right = e.op("Where", {steep, right_steep, right_flat}, "right");
  const std::string left = e.op("Where", {steep, left_steep, left_flat}, "left");
  const std::string q = e.op("Where", {e.sign_bit(x), left, right}, "quadrant");
  return e.op("Where", {e.sign_bit(y), e.op("Neg", {q}, "neg"), q}, "atan2");
}

void convert_arctan2(ConversionContext& c, const Node&) {
  Emit e{c};
  const DType out = c.out_dtype();
  const DType loop = loop_dtype(c.in_dtype(0), c.in_dtype(1), out);
  const std::string r = atan2_64(e, c.cast(c.in(0), c.in_dtype(0), F64), c.cast(c.in(1), c.in_dtype(1), F64));
  if (loop == F64) {
    c.emit("Identity", {r}, {c.out()});
    return;
  }
  // ConversionContext::cast returns its input unchanged when the dtypes
  // are equal, so the last Cast into the output is emitted explicitly.
  const std::string to_float = loop == out ? c.out() : c.temp("loop");
  if (loop == DType::Float32) {
    c.cast(r, F64, DType::Float32, to_float);
    if (loop != out) c.cast(to_float, loop, out, c.out());
    return;
  }
  const std::string half = c.cast(c.cast(r, F64, DType::Float32), DType::Float32, DType::Float16, to_float);
  if (loop != out) c.cast(half, loop, out, c.out());
}

const ConverterRegistrar kArcTan2("ArcTan2", 13, convert_arctan2);

}  // namespace
}  // namespace ptonnx
