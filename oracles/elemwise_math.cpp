// Oracle kernels of the tier-1 float math Elemwise ops: Exp, Log, Sqrt,
// Floor, Ceil, Round. Their outputs are floats (upgrade_to_float, or float
// inputs only for Round); integer inputs are first converted to the output
// dtype, since Elemwise.prepare_node gives the ufunc a `sig` in the output
// dtype when the input is discrete (pytensor/tensor/elemwise.py): exp(int8)
// is computed in float32, not in NumPy's own float16. float16 computes in
// float and rounds back per op, like NumPy's half loops.
#include "oracles/elemwise.h"

namespace ptonnx::oracle {
namespace {

// np.exp / np.log / np.sqrt (SB Exp, Log, Sqrt: nfunc_spec "exp", "log",
// "sqrt"). log(0) = -inf, log(<0) = NaN, sqrt(<0) = NaN, no error.
const KernelRegistrar kExp("Exp", ufunc1([](auto, auto v) { return float_only(v, [](auto x) { return std::exp(x); }); }));
const KernelRegistrar kLog("Log", ufunc1([](auto, auto v) { return float_only(v, [](auto x) { return std::log(x); }); }));
const KernelRegistrar kSqrt("Sqrt",
                            ufunc1([](auto, auto v) { return float_only(v, [](auto x) { return std::sqrt(x); }); }));
// np.floor / np.ceil (SB Floor, Ceil; upgrade_to_float_no_complex output).
const KernelRegistrar kFloor("Floor",
                             ufunc1([](auto, auto v) { return float_only(v, [](auto x) { return std::floor(x); }); }));
const KernelRegistrar kCeil("Ceil",
                            ufunc1([](auto, auto v) { return float_only(v, [](auto x) { return std::ceil(x); }); }));

// SB RoundHalfToEven: nfunc_spec ("around", 1, 1), np.around with
// decimals=0, which is rint: ties to even (2.5 -> 2, -2.5 -> -2, 0.5 -> 0,
// -0.5 -> -0). nearbyint in the default rounding mode is the same, exactly.
const Kernel kHalfToEven = ufunc1([](auto, auto v) { return float_only(v, [](auto x) { return std::nearbyint(x); }); });

// SB RoundHalfAwayFromZero has no nfunc_spec, so perform runs its impl
// through frompyfunc on Python floats: round_half_away_from_zero_ is
// `np.floor(a + 0.5) if a > 0 else np.ceil(a - 0.5)` in float64, then the
// result is cast to the output dtype. Consequences: 0.0 -> ceil(-0.5) = -0.0;
// 0.49999999999999994 -> floor(1.0) = 1.0 (a + 0.5 rounds up in double); a
// float32 0.49999997 -> 0.0 (exact in double, unlike float32 arithmetic).
double round_half_away_from_zero(double a) { return a > 0 ? std::floor(a + 0.5) : std::ceil(a - 0.5); }

const Kernel kHalfAwayFromZero = python_float_impl("Round", round_half_away_from_zero);

std::vector<Tensor> round_kernel(const Node& node, const std::vector<Tensor>& in) {
  const std::string mode = has_attr(node.attrs, "mode") ? attr_string(node.attrs, "mode") : "half_to_even";
  if (mode == "half_to_even") return kHalfToEven(node, in);
  if (mode == "half_away_from_zero") return kHalfAwayFromZero(node, in);
  throw UnsupportedError("oracle: Round mode '" + mode + "' (" + node.describe() + ")");
}
const KernelRegistrar kRound("Round", round_kernel);

}  // namespace
}  // namespace ptonnx::oracle
