// ReverseSequence (opset 10): reverses the first sequence_lens[b] steps
// along the time axis of each batch entry b; later steps are copied.
#include <cstring>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

std::vector<Tensor> reverse_sequence(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Tensor& lens_t = ctx.input(1);
  require_dtype(lens_t.dtype() == DType::Int64, lens_t, "sequence_lens", "int64");
  if (x.rank() < 2) throw ValidationError("input must have rank >= 2, got " + x.describe());
  const int64_t batch_axis = ctx.attrs().get_int("batch_axis", 1), time_axis = ctx.attrs().get_int("time_axis", 0);
  if (!((batch_axis == 0 && time_axis == 1) || (batch_axis == 1 && time_axis == 0)))
    throw ValidationError("batch_axis and time_axis must be 0 and 1 in either order, got " +
                          std::to_string(batch_axis) + " and " + std::to_string(time_axis));
  const int64_t batch = x.shape()[static_cast<size_t>(batch_axis)], steps = x.shape()[static_cast<size_t>(time_axis)];
  if (lens_t.rank() != 1 || lens_t.numel() != batch)
    throw ValidationError("sequence_lens must be 1-D with batch size " + std::to_string(batch) + " elements, got " +
                          lens_t.describe());
  const auto lens = lens_t.data<int64_t>();
  for (int64_t l : lens)
    if (l < 0 || l > steps)
      throw ValidationError("sequence length " + std::to_string(l) + " is outside [0, " + std::to_string(steps) + "]");
  Tensor y = x;
  const int64_t inner_bytes = dims_product(x.shape(), 2, x.rank()) * static_cast<int64_t>(dtype_size(x.dtype()));
  if (inner_bytes == 0) return one_output(std::move(y));
  // Offset of the (batch b, time t) slice in elements of `inner_bytes`.
  auto slice = [&](int64_t b, int64_t t) { return batch_axis == 0 ? b * steps + t : t * batch + b; };
  for (int64_t b = 0; b < batch; ++b) {
    const int64_t len = lens[static_cast<size_t>(b)];
    for (int64_t t = 0; t < len; ++t)
      std::memcpy(y.raw() + slice(b, t) * inner_bytes, x.raw() + slice(b, len - 1 - t) * inner_bytes,
                  static_cast<size_t>(inner_bytes));
  }
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    {"ReverseSequence", 10, reverse_sequence},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
