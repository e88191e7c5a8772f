// NonZero (opset 9, 13): the coordinates of the nonzero elements, an int64
// [rank, count] tensor in row-major order of the elements ("similar to
// numpy.nonzero"). A 0-d input counts as shape [] with one element: output
// [0, count]. NaN and -0.0 follow C: NaN is nonzero, -0.0 is zero.
#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {
namespace {

std::vector<Tensor> nonzero_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  std::vector<int64_t> hits;
  visit_dtype(x.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    auto in = x.data<storage_t<D>>();
    for (size_t i = 0; i < in.size(); ++i)
      if (load<D>(in[i]) != compute_t<D>{}) hits.push_back(static_cast<int64_t>(i));
  });
  const int64_t r = x.rank(), count = static_cast<int64_t>(hits.size());
  Tensor y = ctx.alloc(DType::Int64, {r, count});
  auto o = y.data<int64_t>();
  const auto strides = row_major_strides(x.shape());
  for (int64_t k = 0; k < count; ++k)
    for (int64_t d = 0; d < r; ++d) o[d * count + k] = hits[static_cast<size_t>(k)] / strides[d] % x.shape()[d];
  return {y};
}

const KernelRegistrar regs[] = {
    {"NonZero", 9, nonzero_kernel},
};

}  // namespace
}  // namespace ptonnx::runtime::kernels
