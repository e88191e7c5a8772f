// Oracle kernels of the comparison Elemwise ops (tier 5): LT, GT, LE, GE,
// EQ, NEQ (pytensor rel-3.3.0 scalar/basic.py: nfunc_spec less, greater,
// less_equal, greater_equal, equal, not_equal; Elemwise calls the ufunc on
// the inputs as they are, the output being bool). NumPy 1.25+'s loops, written
// here without any dtype promotion table:
// - two integers (bool counts as 0/1) are compared exactly, signed against
//   unsigned included ("ENH: Make signed/unsigned integer comparisons
//   exact", numpy PR #23713, NumPy 1.25): as 128-bit integers here;
// - otherwise the loop is the promoted float dtype. Every integer of at
//   most 32 bits and every float is exact in that loop; a 64-bit integer is
//   rounded to float64 (np.int64(2**53 + 1) == 2.0**53 + 2 is True). So
//   each value becomes a double (64-bit integers with C's rounding cast,
//   which is NumPy's) and the doubles are compared: NaN is unordered
//   (false, NEQ true), -0 == +0.
#include <cmath>

#include "oracles/broadcast.h"
#include "oracles/kernel.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

bool is_integral(DType t) { return t != DType::Float16 && t != DType::Float32 && t != DType::Float64; }

__int128 exact_integer(const Tensor& x, int64_t i) {
  if (x.dtype() == DType::UInt64) return static_cast<__int128>(x.get_as_uint64(i));
  return static_cast<__int128>(x.get_as_int64(i));
}

double as_loop_double(const Tensor& x, int64_t i) {
  if (x.dtype() == DType::UInt64) return static_cast<double>(x.get_as_uint64(i));
  if (x.dtype() == DType::Int64) return static_cast<double>(x.get_as_int64(i));
  return x.get_as_double(i);  // exact for every other dtype
}

template <typename Cmp>
Kernel comparison(Cmp cmp) {
  return [cmp](const Node& node, const std::vector<Tensor>& in) -> std::vector<Tensor> {
    const Broadcast b = broadcast(node, in);
    const Tensor &x = in.at(0), &y = in.at(1);
    Tensor out(DType::Bool, b.out_shape);
    auto o = out.data<uint8_t>();
    const bool integers = is_integral(x.dtype()) && is_integral(y.dtype());
    for_each_broadcast(b, [&](int64_t i, const std::vector<int64_t>& off) {
      const bool r = integers ? cmp(exact_integer(x, off[0]), exact_integer(y, off[1]))
                              : cmp(as_loop_double(x, off[0]), as_loop_double(y, off[1]));
      o[i] = r ? 1 : 0;
    });
    return {out};
  };
}

const KernelRegistrar kLT("LT", comparison([](auto a, auto b) { return a < b; }));
const KernelRegistrar kGT("GT", comparison([](auto a, auto b) { return a > b; }));
const KernelRegistrar kLE("LE", comparison([](auto a, auto b) { return a <= b; }));
const KernelRegistrar kGE("GE", comparison([](auto a, auto b) { return a >= b; }));
const KernelRegistrar kEQ("EQ", comparison([](auto a, auto b) { return a == b; }));
const KernelRegistrar kNEQ("NEQ", comparison([](auto a, auto b) { return a != b; }));

}  // namespace
}  // namespace ptonnx::oracle
