// Ops that rearrange or re-view data: Reshape, Flatten, Squeeze, Unsqueeze,
// Expand, Transpose. Opset differences (axes as attribute vs input) are
// handled by separate registrations.
#include <algorithm>
#include <numeric>

#include "runtime/broadcast.h"
#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

std::vector<Tensor> reshape_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const auto spec = to_int64_list(ctx.input(1), "shape input");
  const bool allowzero = ctx.attrs().get_int("allowzero", 0) != 0;
  Shape out(spec.size());
  int64_t infer = -1;
  for (size_t i = 0; i < spec.size(); ++i) {
    int64_t d = spec[i];
    if (d == 0 && !allowzero) {
      // 0 copies the input dim at the same index.
      if (i >= x.shape().size())
        throw ValidationError("shape has 0 at index " + std::to_string(i) + " beyond the input rank");
      d = x.shape()[i];
    }
    if (d == -1) {
      if (infer >= 0) throw ValidationError("shape has more than one -1");
      infer = static_cast<int64_t>(i);
      d = 1;
    } else if (d < 0) {
      throw ValidationError("shape has invalid dim " + std::to_string(d));
    }
    out[i] = d;
  }
  const int64_t known = shape_numel(out);  // LimitError on overflow
  if (infer >= 0) {
    if (known == 0 || x.numel() % known != 0)
      throw ValidationError("cannot infer the -1 dim reshaping " + x.describe() + " to " + shape_to_string(spec));
    out[infer] = x.numel() / known;
  }
  if (shape_numel(out) != x.numel())
    throw ValidationError("cannot reshape " + x.describe() + " to " + shape_to_string(out));
  return one_output(x.reshaped(out));
}

std::vector<Tensor> flatten_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const int64_t axis = normalize_axis(ctx.attrs().get_int("axis", 1), x.rank(), "axis", 1);
  return {x.reshaped({dims_product(x.shape(), 0, axis), dims_product(x.shape(), axis, x.rank())})};
}

Tensor squeeze(const Tensor& x, const std::optional<std::vector<int64_t>>& axes_in) {
  Shape out;
  if (!axes_in || axes_in->empty()) {
    for (int64_t d : x.shape())
      if (d != 1) out.push_back(d);
    return x.reshaped(out);
  }
  const auto axes = normalize_axes(*axes_in, x.rank());
  for (int64_t i = 0; i < x.rank(); ++i) {
    if (std::find(axes.begin(), axes.end(), i) != axes.end()) {
      if (x.shape()[i] != 1) throw ValidationError("cannot squeeze axis " + std::to_string(i) + " of size " + std::to_string(x.shape()[i]));
      continue;
    }
    out.push_back(x.shape()[i]);
  }
  return x.reshaped(out);
}

Tensor unsqueeze(const Tensor& x, const std::vector<int64_t>& axes_in) {
  const int64_t rank = x.rank() + static_cast<int64_t>(axes_in.size());
  const auto axes = normalize_axes(axes_in, rank);
  Shape out;
  size_t j = 0;
  for (int64_t i = 0; i < rank; ++i) {
    if (std::find(axes.begin(), axes.end(), i) != axes.end()) out.push_back(1);
    else out.push_back(x.shape()[j++]);
  }
  return x.reshaped(out);
}

std::vector<Tensor> squeeze_1(KernelContext& ctx) {
  return one_output(squeeze(ctx.input(0), ctx.attrs().get_ints_opt("axes")));
}
std::vector<Tensor> squeeze_13(KernelContext& ctx) {
  std::optional<std::vector<int64_t>> axes;
  if (ctx.has_input(1)) axes = to_int64_list(ctx.input(1), "axes input");
  return one_output(squeeze(ctx.input(0), axes));
}
std::vector<Tensor> unsqueeze_1(KernelContext& ctx) {
  return one_output(unsqueeze(ctx.input(0), ctx.attrs().get_ints("axes")));
}
std::vector<Tensor> unsqueeze_13(KernelContext& ctx) {
  return one_output(unsqueeze(ctx.input(0), to_int64_list(ctx.input(1), "axes input")));
}

std::vector<Tensor> expand_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const auto dims = to_int64_list(ctx.input(1), "shape input");
  for (int64_t d : dims)
    if (d < 0) throw ValidationError("Expand shape has negative dim " + std::to_string(d));
  const Shape out_shape = broadcast_shapes(x.shape(), Shape(dims.begin(), dims.end()));
  Tensor y = ctx.alloc(x.dtype(), out_shape);  // refuses absurd sizes before allocating
  copy_strided(x.raw(), 0, broadcast_strides(x.shape(), out_shape), out_shape, y.raw(), dtype_size(x.dtype()));
  return one_output(std::move(y));
}

std::vector<Tensor> transpose_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  std::vector<int64_t> perm(static_cast<size_t>(x.rank()));
  if (ctx.attrs().has("perm")) {
    perm = ctx.attrs().get_ints("perm");
    if (static_cast<int64_t>(perm.size()) != x.rank()) throw ValidationError("perm has the wrong length for " + x.describe());
    perm = normalize_axes(perm, x.rank(), "perm");
  } else {
    std::iota(perm.rbegin(), perm.rend(), 0);  // reverse the dims
  }
  const auto in_strides = row_major_strides(x.shape());
  Shape out_shape;
  std::vector<int64_t> strides;
  for (int64_t p : perm) {
    out_shape.push_back(x.shape()[p]);
    strides.push_back(in_strides[p]);
  }
  Tensor y = ctx.alloc(x.dtype(), out_shape);
  copy_strided(x.raw(), 0, strides, out_shape, y.raw(), dtype_size(x.dtype()));
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    {"Reshape", 5, reshape_kernel},
    {"Flatten", 1, flatten_kernel},
    // Squeeze-13 / Unsqueeze-13 moved axes from an attribute to an input.
    {"", "Squeeze", 1, 12, squeeze_1},
    {"Squeeze", 13, squeeze_13},
    {"", "Unsqueeze", 1, 12, unsqueeze_1},
    {"Unsqueeze", 13, unsqueeze_13},
    {"Expand", 8, expand_kernel},
    {"Transpose", 1, transpose_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
