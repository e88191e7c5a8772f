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
//   inside half an ulp of k (|k| >= 1), so k is libm's rounded answer. For
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
  if (t == DType::Float16) c.cast(c.cast(r, F64, DType::Float32), DType::Float32, t, c.out());
  else if (t == F64) c.emit("Identity", {r}, {c.out()});
  else c.cast(r, F64, t, c.out());
}

// Log(x) * (1 / ln b), replaced by k = Round(.) where x == b^k exactly
// (and, for b = 10, k > min_k: see the file comment).
std::string log_base(ConversionContext& c, const std::string& x, double base, double min_k) {
  const std::string l = node(c, "Mul", {node(c, "Log", {x}, "ln"), c.scalar(F64, 1 / std::log(base))}, "log_b");
  const std::string k = node(c, "Round", {l}, "k");
  std::string exact = node(c, "Equal", {x, node(c, "Pow", {c.scalar(F64, base), k}, "power")}, "is_power");
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
