// Oracle kernel of RoundHalfAwayFromZero (pytensor rel-3.3.0
// scalar/basic.py). The op has no nfunc_spec, so Elemwise.perform runs
// np.frompyfunc(impl): each element reaches impl as a Python float (a
// double, whatever the array's float dtype), round_half_away_from_zero_vec
// takes the float64 branch for it, and round_half_away_from_zero_(a) =
// np.floor(a + 0.5) if a > 0 else np.ceil(a - 0.5) is computed in double
// precision; np.asarray(result, dtype=output) rounds it to the output
// dtype. Only float inputs reach it (same_out_float_only).
#include <cmath>

#include "oracles/elemwise.h"

namespace ptonnx::oracle {
namespace {

double round_half_away_from_zero_impl(double a) { return a > 0 ? std::floor(a + 0.5) : std::ceil(a - 0.5); }

const KernelRegistrar kRoundHalfAwayFromZero("RoundHalfAwayFromZero",
                                             python_float_impl("RoundHalfAwayFromZero",
                                                               round_half_away_from_zero_impl));

}  // namespace
}  // namespace ptonnx::oracle
