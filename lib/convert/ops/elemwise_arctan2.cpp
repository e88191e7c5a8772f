// Converter of ArcTan2 (np.arctan2(y, x); pytensor scalar/basic.py ArcTan2).
// ONNX (opsets 13-18) has no Atan2, so it is composed from Atan in float64:
//   a = |y|, b = |x|, t = min(a, b) / max(a, b) in [0, 1] (never over- or
//   underflows to a wrong quadrant: a huge or tiny y/x is never formed),
//   r = Atan(t) in [0, pi/4], then by octant
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
    return op("Or", {op("Less", {v, k(0)}, "negative"), op("Less", {op("Div", {k(1), v}, "inverse"), k(0)}, "neg_zero")},
              "sign_bit");
  }
};

// The loop dtype NumPy computes np.arctan2(y, x) in (see the file comment).
DType loop_dtype(DType y, DType x, DType out) {
  const bool small_x = x == DType::Bool || x == DType::Int8 || x == DType::UInt8;
  return y == DType::Float16 && small_x ? DType::Float16 : out;
}

std::string atan2_64(Emit& e, const std::string& y, const std::string& x) {
  const std::string a = e.op("Abs", {y}, "abs_y"), b = e.op("Abs", {x}, "abs_x");
  const std::string steep = e.op("Greater", {a, b}, "steep");
  const std::string num = e.op("Where", {steep, b, a}, "min"), den = e.op("Where", {steep, a, b}, "max");
  const std::string same = e.op("Equal", {a, b}, "same");
  const std::string diagonal = e.op("Where", {e.op("Equal", {a, e.k(0)}, "zeros"), e.k(0), e.k(1)}, "diagonal");
  const std::string t = e.op("Where", {same, diagonal, e.op("Div", {num, den}, "ratio")}, "t");
  const std::string r = e.op("Atan", {t}, "atan");
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
