// Compress: the slices of the input along an axis (or of the flattened
// input) whose condition element is true.
#include <cstring>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

std::vector<Tensor> compress_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Tensor& cond = ctx.input(1);
  require_dtype(cond.dtype() == DType::Bool, cond, "condition", "bool");
  if (cond.rank() != 1) throw ValidationError("condition must be 1-D, got " + cond.describe());
  const bool has_axis = ctx.attrs().has("axis");
  // Without an axis the spec compresses the flattened input.
  const Tensor flat = has_axis ? Tensor() : x.reshaped({x.numel()});
  const Tensor& in = has_axis ? x : flat;
  const int64_t axis = has_axis ? normalize_axis(ctx.attrs().get_int("axis"), x.rank()) : 0;
  const int64_t dim = in.shape()[static_cast<size_t>(axis)];
  // The spec allows a condition shorter than the axis (the missing entries
  // are false); a longer one names slices that do not exist.
  if (cond.numel() > dim)
    throw ValidationError("condition has " + std::to_string(cond.numel()) + " elements, more than the " +
                          std::to_string(dim) + " along axis " + std::to_string(axis));
  std::vector<int64_t> keep;
  const auto c = cond.data<uint8_t>();
  for (int64_t i = 0; i < cond.numel(); ++i)
    if (c[static_cast<size_t>(i)]) keep.push_back(i);
  Shape out_shape = in.shape();
  out_shape[static_cast<size_t>(axis)] = static_cast<int64_t>(keep.size());
  Tensor y = ctx.alloc(x.dtype(), out_shape);
  const int64_t outer = dims_product(in.shape(), 0, axis);
  const int64_t inner_bytes =
      dims_product(in.shape(), axis + 1, in.rank()) * static_cast<int64_t>(dtype_size(x.dtype()));
  const std::byte* src = in.raw();
  std::byte* dst = y.raw();
  if (y.numel() == 0) return one_output(std::move(y));  // src may have no storage
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t k : keep) {
      std::memcpy(dst, src + (o * dim + k) * inner_bytes, static_cast<size_t>(inner_bytes));
      dst += inner_bytes;
    }
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    // Compress-11 allowed a negative axis; the kernel accepts it at 9 too,
    // where such a model is invalid anyway.
    {"Compress", 9, compress_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
