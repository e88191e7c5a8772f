// Det (opset 11): the determinant of each square matrix in the trailing two
// dims, by LU decomposition with partial pivoting in double.
#include <cmath>
#include <utility>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

double determinant(std::vector<double>& a, int64_t m) {
  double det = 1;
  for (int64_t col = 0; col < m; ++col) {
    int64_t pivot = col;
    for (int64_t r = col + 1; r < m; ++r)
      if (std::abs(a[static_cast<size_t>(r * m + col)]) > std::abs(a[static_cast<size_t>(pivot * m + col)])) pivot = r;
    const double p = a[static_cast<size_t>(pivot * m + col)];
    // A zero pivot column makes the matrix singular; NaN pivots propagate.
    if (p == 0) return 0;
    if (pivot != col) {
      for (int64_t c = 0; c < m; ++c)
        std::swap(a[static_cast<size_t>(col * m + c)], a[static_cast<size_t>(pivot * m + c)]);
      det = -det;
    }
    det *= p;
    for (int64_t r = col + 1; r < m; ++r) {
      const double f = a[static_cast<size_t>(r * m + col)] / p;
      for (int64_t c = col + 1; c < m; ++c)
        a[static_cast<size_t>(r * m + c)] -= f * a[static_cast<size_t>(col * m + c)];
    }
  }
  return det;
}

std::vector<Tensor> det_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  require_dtype(is_float(x.dtype()), x, "X", "float16, float32, float64");
  if (x.rank() < 2 || x.shape()[x.rank() - 1] != x.shape()[x.rank() - 2])
    throw ValidationError("X must have shape [*, M, M], got " + x.describe());
  const int64_t m = x.shape()[x.rank() - 1];
  const Shape out_shape(x.shape().begin(), x.shape().end() - 2);
  Tensor y = ctx.alloc(x.dtype(), out_shape);
  ctx.charge_scratch(m * m * static_cast<int64_t>(sizeof(double)), "Det's LU copy");
  std::vector<double> a(static_cast<size_t>(m * m));
  for (int64_t b = 0; b < y.numel(); ++b) {
    for (int64_t i = 0; i < m * m; ++i) a[static_cast<size_t>(i)] = x.get_as_double(b * m * m + i);
    set_element(y, b, determinant(a, m));  // the empty (0x0) matrix has determinant 1
  }
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    {"Det", 11, det_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
