// Oracle kernel of ArcTan2 (pytensor rel-3.3.0 scalar/basic.py: nfunc_spec
// np.arctan2, so Elemwise.perform calls np.arctan2(y, x)), computed the way
// NumPy 1.24 computes it:
// - the loop dtype: when y is discrete (bool or an integer) prepare_node
//   passes sig="ff->f" in the output dtype; otherwise NumPy promotes the
//   two array dtypes itself. That is the output dtype
//   (upcast(upgrade_to_float(y), upgrade_to_float(x))) for every pair but a
//   float16 y with a bool, int8 or uint8 x: NumPy gives float16 (the ints
//   fit in half), PyTensor's output is float32. The impl's own int8 branch
//   (np.arctan2(y, x, dtype=np.float32)) is never reached: the nfunc is.
// - float16 loops compute atan2f in float and round to half once; then
//   np.asarray(result, dtype=output) widens the half to float32 exactly.
// C's atan2 (glibc) stands for NumPy's (npy_atan2 -> atan2; AVX512 SVML
// for float32/float64 on this machine, within 3 ulps of glibc); it defines
// the IEEE special cases: atan2(+-0, +0) = +-0, atan2(+-0, -0) = +-pi,
// atan2(+-y, 0) = +-pi/2, atan2(+-inf, +inf) = +-pi/4, (+-inf, -inf) =
// +-3pi/4, atan2(+-y, -inf) = +-pi, NaN in either -> NaN.
#include <cmath>

#include "oracles/broadcast.h"
#include "oracles/elemwise.h"

namespace ptonnx::oracle {
namespace {

DType numpy_loop_dtype(DType y, DType x, DType out) {
  if (y != DType::Float16) return out;
  switch (x) {
    case DType::Bool:
    case DType::Int8:
    case DType::UInt8:
    case DType::Float16: return DType::Float16;
    default: return out;
  }
}

std::vector<Tensor> arctan2_kernel(const Node& node, const std::vector<Tensor>& in) {
  const DType out = out_dtype(node);
  if (!is_float_dtype(out)) throw Error("oracle: ArcTan2 with a non-float output dtype");
  const DType loop = numpy_loop_dtype(in.at(0).dtype(), in.at(1).dtype(), out);
  const Broadcast b = broadcast(node, in);
  const Tensor y = to_loop_dtype(in.at(0), loop);
  const Tensor x = to_loop_dtype(in.at(1), loop);
  const Tensor r = visit_dtype(loop, [&](auto tag) -> Tensor {
    constexpr DType T = decltype(tag)::value;
    if constexpr (is_float_dtype(T)) {
      return map_binary<T>(b, y, x, [](auto p, auto q) { return std::atan2(p, q); });
    } else {
      throw Error("oracle: ArcTan2 loop dtype is not a float");
    }
  });
  return {to_loop_dtype(r, out)};
}

const KernelRegistrar kArcTan2("ArcTan2", arctan2_kernel);

}  // namespace
}  // namespace ptonnx::oracle
