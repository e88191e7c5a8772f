// HannWindow, HammingWindow and BlackmanWindow (opset 17): generalized
// cosine windows of a given length, periodic (the default, for spectral
// analysis) or symmetric (for filter design).
#include <cmath>
#include <numbers>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

// w[n] = a0 - a1 cos(2 pi n / N1) + a2 cos(4 pi n / N1), N1 = size when
// periodic, size - 1 when symmetric.
struct CosineTerms {
  double a0, a1, a2;
};

KernelFn window(CosineTerms a) {
  return [a](KernelContext& ctx) -> std::vector<Tensor> {
    const Tensor& size_t_ = ctx.input(0);
    require_dtype(size_t_.dtype() == DType::Int32 || size_t_.dtype() == DType::Int64, size_t_, "size", "int32, int64");
    const int64_t size = scalar_as_int64(size_t_, "size");
    if (size < 0) throw ValidationError("size must be >= 0, got " + std::to_string(size));
    const int64_t code = ctx.attrs().get_int("output_datatype", 1);
    const auto out = dtype_from_onnx(static_cast<int32_t>(code));
    if (!out || *out == DType::Bool)
      throw UnsupportedError("output_datatype " + std::to_string(code) +
                             " is not supported; the runtime's numeric types are");
    const bool periodic = ctx.attrs().get_int("periodic", 1) != 0;
    ctx.check_elements(size, *out);
    Tensor y = ctx.alloc(*out, {size});
    const double n1 = static_cast<double>(periodic ? size : size - 1);
    for (int64_t n = 0; n < size; ++n) {
      // A symmetric window of length 1 divides 0 by 0 in the spec's formula;
      // the spec leaves it open: 1 here, as scipy.signal.get_window does.
      if (n1 == 0) {
        set_element(y, n, 1.0);
        continue;
      }
      const double t = 2 * std::numbers::pi * static_cast<double>(n) / n1;
      set_element(y, n, a.a0 - a.a1 * std::cos(t) + a.a2 * std::cos(2 * t));
    }
    return one_output(std::move(y));
  };
}

const KernelRegistrar regs[] = {
    {"HannWindow", 17, window({0.5, 0.5, 0})},
    {"HammingWindow", 17, window({25.0 / 46.0, 21.0 / 46.0, 0})},
    {"BlackmanWindow", 17, window({0.42, 0.5, 0.08})},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
