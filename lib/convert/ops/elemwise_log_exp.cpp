// Converters of Log2, Log10 and Exp2 (pytensor scalar/basic.py; np.log2,
// np.log10, np.exp2). ONNX (opsets 13-18) has none of the three, so each is
// composed from standard operators, in float64 whatever the output dtype,
// and rounded once at the end (a float16 result through float32, as
// NumPy's half loops compute log2f/log10f/exp2f and round to half):
// - log2(x) = Log(x) * (1/ln 2), log10(x) = Log(x) * (1/ln 10), with the
//   rounded reciprocal constants. glibc's log is within 0.52 ulp, so the
//   product is within 1 ulp (log2) and 2 ulps (log10) of libm's log2/log10
//   in float64 (docs/comparison.md: measured over the sweep and the
//   property corpus), and a float32/float16 result is the correctly
//   rounded one but for double-rounding ties. What the product does not
//   give is exactness at powers of the base: log(8) * (1/ln 2) is
//   2.9999999999999996 and log(1000) * (1/ln 10) 2.9999999999999996, where
//   np.log2(8.0) and np.log10(1000.0) are 3.0 (364 of the 2098 float64
//   powers of two are off by an ulp). So k = Round(product) is tried as an
//   exact answer: Where(x == Pow(b, k), k, product). Pow of an integer
//   exponent is exact when the power is representable (every power of two
//   down to 2^-1074; 10^k for k <= 22) and within 0.52 ulp otherwise, and
//   for a normal x == fl(b^k) the exact log_b(x) is within 5e-17 of k, far
//   inside half an ulp of k (|k| >= 1), so k is libm's rounded answer.
//   Past 10^22 the nearest double and Pow's may differ by an ulp (10^23 is
//   a tie: 1e23 parses to the lower neighbour, glibc's pow returns the
//   upper), so for |k| >= 2 an x within x 2^-52 of Pow(10, k) also gives k
//   (see log_base). For
//   log10 the fallback is restricted to k > -307.5: below the normal range
//   fl(10^k) is coarse (log10(1e-320) = -320.0000048, not -320). log_b(1)
//   = +0 (Log(1) * c = +0, Round(+0) = +0), x = 0 -> -inf, x < 0 and NaN ->
//   NaN, inf -> inf all follow from IEEE arithmetic (checked by the specs).
// - exp2(x) = Pow(2, x) in float64: glibc's pow and exp2 are both within
//   about half an ulp (measured: at most 1 ulp apart) and exact where
//   2^x is representable (integer x down to -1074); overflow past 1024
//   gives inf and underflow 0 or a subnormal, as exp2 does.
#include <cmath>

#include "convert/context.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

constexpr DType F64 = DType::Float64;

std::string node(ConversionContext& c, const char* type, std::vector<std::string> in, std::string_view hint) {
  std::string t = c.temp(hint);
  c.emit(type, std::move(in), {t});
  return t;
}

// The float64 result rounded to the output dtype: float16 through float32.
void finish(ConversionContext& c, const std::string& r) {
  const DType t = c.out_dtype();
  if (t == DType::Float16)
    c.cast(c.cast(r, F64, DType::Float32), DType::Float32, t, c.out());
  else if (t == F64)
    c.emit("Identity", {r}, {c.out()});
  else
    c.cast(r, F64, t, c.out());
}

// Log(x) * (1 / ln b), replaced by k = Round(.) where x == b^k exactly
// (and, for b = 10, k > min_k: see the file comment).
// 1/ln 2 and 1/ln 10 correctly rounded (1 / std::log(10.0) is an ulp
// low, 0.43429448190325176, which costs log10 up to 3 ulps near 1e-256).
constexpr double kInvLn2 = 0x1.71547652b82fep+0, kInvLn10 = 0x1.bcb7b1526e50ep-2;

std::string log_base(ConversionContext& c, const std::string& x, double base, double min_k) {
  const double inv_ln = base == 2 ? kInvLn2 : kInvLn10;
  const std::string l = node(c, "Mul", {node(c, "Log", {x}, "ln"), c.scalar(F64, inv_ln)}, "log_b");
  const std::string k = node(c, "Round", {l}, "k");
  const std::string p = node(c, "Pow", {c.scalar(F64, base), k}, "power");
  std::string exact = node(c, "Equal", {x, p}, "is_power");
  if (base != 2) {
    // fl(10^k) past 10^22 is not exact, and a runtime's pow may return the
    // other neighbour (glibc's pow(10, 23) is 1 ulp above the literal 1e23,
    // 10^23 being a tie): accept k within x 2^-52 (one or two ulps) of
    // Pow(10, k) when |k| >= 2, where log10 of such an x is within 2.5e-16
    // of k, at most an ulp of k from libm's answer.
    const std::string diff = node(c, "Abs", {node(c, "Sub", {x, p}, "residual")}, "abs_residual");
    const std::string near =
        node(c, "LessOrEqual", {diff, node(c, "Mul", {x, c.scalar(F64, std::ldexp(1.0, -52))}, "two_ulps")}, "near");
    const std::string big = node(c, "Greater", {node(c, "Abs", {k}, "abs_k"), c.scalar(F64, 1.5)}, "big_k");
    exact = node(c, "Or", {exact, node(c, "And", {near, big}, "near_power")}, "is_power");
  }
  if (std::isfinite(min_k))
    exact = node(c, "And", {exact, node(c, "Greater", {k, c.scalar(F64, min_k)}, "normal")}, "is_normal_power");
  return node(c, "Where", {exact, k, l}, "log_base");
}

void convert_log2(ConversionContext& c, const Node&) {
  finish(c, log_base(c, c.cast(c.in(0), c.in_dtype(0), F64), 2.0, -INFINITY));
}

void convert_log10(ConversionContext& c, const Node&) {
  finish(c, log_base(c, c.cast(c.in(0), c.in_dtype(0), F64), 10.0, -307.5));
}

void convert_exp2(ConversionContext& c, const Node&) {
  finish(c, node(c, "Pow", {c.scalar(F64, 2.0), c.cast(c.in(0), c.in_dtype(0), F64)}, "exp2"));
}

const ConverterRegistrar kLog2("Log2", 13, convert_log2);
const ConverterRegistrar kLog10("Log10", 13, convert_log10);
const ConverterRegistrar kExp2("Exp2", 13, convert_exp2);

}  // namespace
}  // namespace ptonnx
