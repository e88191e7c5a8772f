// Oracle kernels of Log2, Log10, Exp2 (pytensor rel-3.3.0 scalar/basic.py:
// nfunc_spec np.log2 / np.log10 / np.exp2, so Elemwise.perform calls the
// NumPy ufunc, in the output dtype: prepare_node's `sig` for discrete
// inputs, e.g. int8 -> float32 as the impls' own `dtype=np.float32`).
// NumPy's float16 loops compute in float (npy_log2f, ...) and round the
// result to half once; float32 and float64 call the float/double functions.
// glibc's log2/log10/exp2 (correctly rounded or within 1 ulp) stand for
// NumPy's, whose AVX512 (SVML) loops differ from them by at most 2 ulps
// (log2, log10) and 3 ulps (exp2 float32) on this machine
// (docs/comparison.md); both are exact at powers of two (log2(8) = 3,
// exp2(10) = 1024) and log10 at exact powers of ten.
#include <cmath>

#include "oracles/elemwise.h"

namespace ptonnx::oracle {
namespace {

template <typename F>
Kernel float_ufunc(F f) {
  return ufunc1([f](auto, auto v) { return float_only(v, f); });
}

const KernelRegistrar kLog2("Log2", float_ufunc([](auto x) { return std::log2(x); }));
const KernelRegistrar kLog10("Log10", float_ufunc([](auto x) { return std::log10(x); }));
const KernelRegistrar kExp2("Exp2", float_ufunc([](auto x) { return std::exp2(x); }));

}  // namespace
}  // namespace ptonnx::oracle
