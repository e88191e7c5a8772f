// Oracle kernels of IntDiv (np.floor_divide) and Mod (np.remainder), the
// extended group's division ops (pytensor rel-3.3.0 scalar/basic.py: both
// have nfunc_spec and upcast_out, so Elemwise.perform calls the ufunc on
// the inputs, and NumPy's loop runs in the output dtype). Transcribed from
// NumPy 1.24.2's loops, not from the converter:
// - integers (loops_arithmetic.dispatch.c.src, loops_modulo.dispatch.c.src):
//   x // 0 = 0 and x % 0 = 0 (with a divide-by-zero warning, silenced by
//   errstate); INT_MIN // -1 = INT_MIN (overflow warning) and INT_MIN % -1
//   = 0; otherwise C's truncated quotient minus one when the remainder is
//   nonzero and the operands' signs differ, and the remainder takes the
//   divisor's sign;
// - floats (npymath npy_floor_divide / npy_remainder / npy_divmod, from
//   CPython's float divmod): b == 0 gives a / b (+-inf or NaN) and fmod(a,
//   0) = NaN; else mod = fmod(a, b), div = (a - mod) / b, corrected by one
//   where mod's sign differs from b's, snapped to the nearest integer, and
//   zero results take their sign from a / b (div) and b (mod). float16
//   computes in float and rounds once (HALF_floor_divide, HALF_remainder);
// - bool (no bool loop: NumPy computes in int8, PyTensor casts back):
//   a // b is a and b; a % b is False.
#include <cmath>
#include <limits>

#include "oracles/elemwise.h"

namespace ptonnx::oracle {
namespace {

// npy_divmod: returns the floor quotient, stores the remainder.
template <typename V>
V float_divmod(V a, V b, V& mod) {
  mod = std::fmod(a, b);
  if (b == 0) return a / b;
  V div = (a - mod) / b;
  if (mod != 0) {
    if ((b < 0) != (mod < 0)) {
      mod += b;
      div -= V(1);
    }
  } else {
    mod = std::copysign(V(0), b);
  }
  V floordiv;
  if (div != 0) {
    floordiv = std::floor(div);
    if (div - floordiv > V(0.5)) floordiv += V(1);
  } else {
    floordiv = std::copysign(V(0), a / b);
  }
  return floordiv;
}

template <typename V>
V int_floor_divide(V a, V b) {
  if (b == 0) return 0;
  if constexpr (std::is_signed_v<V>) {
    if (a == std::numeric_limits<V>::min() && b == -1) return a;
    V q = static_cast<V>(a / b);
    if (((a > 0) != (b > 0)) && static_cast<V>(a % b) != 0) q = static_cast<V>(q - 1);
    return q;
  } else {
    return static_cast<V>(a / b);
  }
}

template <typename V>
V int_remainder(V a, V b) {
  if (b == 0) return 0;
  if constexpr (std::is_signed_v<V>) {
    if (b == -1) return 0;  // INT_MIN % -1 would trap in C
    V r = static_cast<V>(a % b);
    if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<V>(r + b);
    return r;
  } else {
    return static_cast<V>(a % b);
  }
}

const KernelRegistrar kIntDiv("IntDiv", ufunc2([](auto tag, auto a, auto b) {
                                using V = decltype(a);
                                if constexpr (is_bool_tag<decltype(tag)>)
                                  return static_cast<V>(a && b);
                                else if constexpr (is_float_v<V>) {
                                  if (b == 0) return a / b;  // npy_floor_divide's b == 0 branch
                                  V mod;
                                  return float_divmod(a, b, mod);
                                } else
                                  return int_floor_divide(a, b);
                              }));

const KernelRegistrar kMod("Mod", ufunc2([](auto tag, auto a, auto b) {
                             using V = decltype(a);
                             if constexpr (is_bool_tag<decltype(tag)>)
                               return static_cast<V>(0);
                             else if constexpr (is_float_v<V>) {
                               if (b == 0) return std::fmod(a, b);  // npy_remainder's b == 0 branch: NaN
                               V mod;
                               float_divmod(a, b, mod);
                               return mod;
                             } else
                               return int_remainder(a, b);
                           }));

}  // namespace
}  // namespace ptonnx::oracle
