// MaxUnpool (opsets 9, 11): scatters the values of X to the flat positions
// I (MaxPool's Indices: over the whole output tensor) of a zero output
// whose shape is output_shape or the one MaxPool's attributes imply.
#include <cstring>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

std::vector<Tensor> max_unpool(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Tensor& idx = ctx.input(1);
  require_dtype(is_float(x.dtype()), x, "X", "float16, float32, float64");
  require_dtype(idx.dtype() == DType::Int64, idx, "I", "int64");
  if (x.rank() < 3) throw ValidationError("X must be (N, C, D1, ...), got " + x.describe());
  if (idx.shape() != x.shape()) throw ValidationError("I " + idx.describe() + " must have X's shape " + x.describe());
  const auto spatial = static_cast<size_t>(x.rank() - 2);
  const std::vector<int64_t> kernel = ctx.attrs().get_ints("kernel_shape");
  const std::vector<int64_t> strides = ctx.attrs().get_ints_opt("strides").value_or(std::vector<int64_t>(spatial, 1));
  const std::vector<int64_t> pads = ctx.attrs().get_ints_opt("pads").value_or(std::vector<int64_t>(2 * spatial, 0));
  if (kernel.size() != spatial || strides.size() != spatial || pads.size() != 2 * spatial)
    throw ValidationError("kernel_shape and strides need one entry per spatial dim (" + std::to_string(spatial) +
                          "), pads two");
  // The inverse of MaxPool's output size: the shape MaxPool's input had,
  // in which the indices are flat positions.
  Shape pooled_shape{x.shape()[0], x.shape()[1]};
  for (size_t d = 0; d < spatial; ++d)
    pooled_shape.push_back((x.shape()[d + 2] - 1) * strides[d] + kernel[d] - pads[d] - pads[d + spatial]);
  Shape out_shape = pooled_shape;
  if (ctx.has_input(2)) {
    const std::vector<int64_t> s = to_int64_list(ctx.input(2), "output_shape");
    if (s.size() != x.shape().size() || s[0] != x.shape()[0] || s[1] != x.shape()[1])
      throw ValidationError("output_shape must have X's rank and keep N and C");
    out_shape = s;
  }
  for (size_t d = 0; d < out_shape.size(); ++d)
    if (pooled_shape[d] < 0 || out_shape[d] < pooled_shape[d])
      throw ValidationError("output shape " + shape_to_string(out_shape) + " is smaller than the pooled input's " +
                            shape_to_string(pooled_shape));
  ctx.check_elements(shape_numel(out_shape), x.dtype());
  Tensor y = ctx.alloc(x.dtype(), out_shape);
  const auto es = static_cast<int64_t>(dtype_size(x.dtype()));
  const auto ix = idx.data<int64_t>();
  const int64_t pooled_n = shape_numel(pooled_shape);
  const auto pooled_strides = row_major_strides(pooled_shape), out_strides = row_major_strides(out_shape);
  // A larger output_shape keeps each index's coordinates (as the spec's
  // reference and ONNX Runtime do): the extra rows and columns stay 0. The
  // spec does not say which value wins when indices repeat: the last.
  for (int64_t i = 0; i < x.numel(); ++i) {
    const int64_t at = ix[static_cast<size_t>(i)];
    if (at < 0 || at >= pooled_n)
      throw ValidationError("index " + std::to_string(at) + " is outside the pooled input's " +
                            std::to_string(pooled_n) + " elements");
    int64_t to = 0;
    for (size_t d = 0; d < out_shape.size(); ++d) to += (at / pooled_strides[d]) % pooled_shape[d] * out_strides[d];
    std::memcpy(y.raw() + to * es, x.raw() + i * es, static_cast<size_t>(es));
  }
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    {"MaxUnpool", 9, max_unpool},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
