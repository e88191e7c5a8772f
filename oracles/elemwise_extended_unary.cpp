// Oracle kernels of the extended group's unary Elemwise ops (pytensor
// rel-3.3.0 scalar/basic.py; each has an nfunc_spec, so Elemwise.perform
// calls the NumPy ufunc, in the output dtype when that is a float and the
// input discrete: prepare_node's `sig`). NumPy 1.24.2's loops:
// - np.sign: x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : x, so NaN -> NaN and
//   -0.0 -> +0.0; unsigned 0/1 (bool is refused by the IR);
// - np.reciprocal on the float output (1/0 = inf, 1/-0 = -inf; reciprocal
//   of int8 3 is float32(1/3), never integer division);
// - np.square: x * x, integers wrap, bool (int8 loop cast back) is x;
// - np.isnan / np.isinf: bool; False for integers and bool;
// - np.trunc on the float output (-0.5 -> -0.0, NaN and inf unchanged).
// float16 computes in float and rounds once (the HALF loops).
#include <cmath>

#include "oracles/elemwise.h"

namespace ptonnx::oracle {
namespace {

const KernelRegistrar kSign("Sign", ufunc1([](auto tag, auto x) {
                              using V = decltype(x);
                              if constexpr (is_bool_tag<decltype(tag)>) {
                                throw Error("oracle: Sign of bool (PyTensor refuses it)");
                                return x;
                              } else if constexpr (std::is_unsigned_v<V>) {
                                return static_cast<V>(x > 0 ? 1 : 0);
                              } else {
                                return x > 0 ? V(1) : (x < 0 ? V(-1) : (x == 0 ? V(0) : x));
                              }
                            }));

const KernelRegistrar kReciprocal("Reciprocal",
                                  ufunc1([](auto, auto v) { return float_only(v, [](auto x) { return 1 / x; }); }));

const KernelRegistrar kSqr("Sqr", ufunc1([](auto tag, auto x) {
                             using V = decltype(x);
                             if constexpr (is_bool_tag<decltype(tag)>)
                               return x;
                             else if constexpr (is_float_v<V>)
                               return x * x;
                             else
                               return wrap_mul(x, x);
                           }));

const KernelRegistrar kTrunc("Trunc",
                             ufunc1([](auto, auto v) { return float_only(v, [](auto x) { return std::trunc(x); }); }));

// A bool output from any input dtype: not a ufunc in the output dtype.
template <typename P>
Kernel float_predicate(P pred) {
  return [pred](const Node&, const std::vector<Tensor>& in) -> std::vector<Tensor> {
    const Tensor& x = in.at(0);
    Tensor out(DType::Bool, x.shape());
    auto o = out.data<uint8_t>();
    const bool floats = is_float_dtype(x.dtype());
    for (int64_t i = 0; i < x.numel(); ++i) o[static_cast<size_t>(i)] = floats && pred(x.get_as_double(i)) ? 1 : 0;
    return {out};
  };
}

const KernelRegistrar kIsNan("IsNan", float_predicate([](double v) { return std::isnan(v); }));
const KernelRegistrar kIsInf("IsInf", float_predicate([](double v) { return std::isinf(v); }));

}  // namespace
}  // namespace ptonnx::oracle
