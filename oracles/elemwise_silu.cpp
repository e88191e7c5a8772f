// Oracle kernel of SiLU, the graph x * pt.sigmoid(x) (PyTensor has no SiLU
// op): two Elemwise ops in the output dtype T = upgrade_to_float(x).
// Sigmoid is scipy.special.expit in its loop type, 1 / (1 + exp(-x))
// (float16 takes the float loop, rounded back to float16 by PyTensor's
// cast); then np.multiply(x, s) in T (x cast to T first: int8 -> float32,
// int64 -> float64 by NumPy's correctly rounded conversion).
#include <cmath>

#include "oracles/elemwise.h"

namespace ptonnx::oracle {
namespace {

const KernelRegistrar kSiLU("SiLU", ufunc1([](auto tag, auto x) {
                              constexpr DType T = decltype(tag)::value;
                              return float_only(x, [](auto v) {
                                using V = decltype(v);
                                const V s = Lane<T>::load(Lane<T>::store(V(1) / (V(1) + std::exp(-v))));
                                return v * s;  // ufunc1 stores the product into T: one rounding
                              });
                            }));

}  // namespace
}  // namespace ptonnx::oracle
