// Ops that join, cut or repeat along axes: Concat, Split, Tile, Slice, Pad.
#include <algorithm>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

std::vector<Tensor> concat_kernel(KernelContext& ctx) {
  std::vector<const Tensor*> ins;
  for (size_t i = 0; i < ctx.num_inputs(); ++i) ins.push_back(&ctx.input(i));
  if (ins.empty()) throw ValidationError("Concat needs at least one input");
  const Tensor& first = *ins[0];
  const int64_t axis = normalize_axis(ctx.attrs().get_int("axis"), first.rank());
  Shape out_shape = first.shape();
  out_shape[axis] = 0;
  for (const auto* t : ins) {
    if (t->dtype() != first.dtype() || t->rank() != first.rank())
      throw TypeError("Concat inputs " + first.describe() + " and " + t->describe() + " do not match");
    for (int64_t d = 0; d < first.rank(); ++d)
      if (d != axis && t->shape()[d] != first.shape()[d])
        throw TypeError("Concat inputs " + first.describe() + " and " + t->describe() + " differ off the axis");
    out_shape[axis] += t->shape()[axis];
  }
  Tensor y = ctx.alloc(first.dtype(), out_shape);
  const size_t es = dtype_size(first.dtype());
  const int64_t outer = dims_product(out_shape, 0, axis);
  const int64_t inner = dims_product(out_shape, axis + 1, first.rank());
  std::byte* dst = y.raw();
  for (int64_t o = 0; o < outer; ++o)
    for (const auto* t : ins) {
      const size_t chunk = static_cast<size_t>(t->shape()[axis] * inner) * es;
      if (chunk == 0) continue;  // a zero-size input has no buffer: memcpy(null) is UB
      std::memcpy(dst, t->raw() + o * chunk, chunk);
      dst += chunk;
    }
  return one_output(std::move(y));
}

std::vector<Tensor> split_impl(KernelContext& ctx, std::vector<int64_t> sizes) {
  const Tensor& x = ctx.input(0);
  const int64_t axis = normalize_axis(ctx.attrs().get_int("axis", 0), x.rank());
  const int64_t dim = x.shape()[axis];
  const int64_t n = static_cast<int64_t>(ctx.num_outputs());
  if (sizes.empty()) {
    int64_t parts = n;
    if (ctx.opset() >= 18 && ctx.attrs().has("num_outputs")) parts = ctx.attrs().get_int("num_outputs");
    if (parts <= 0) throw ValidationError("Split into " + std::to_string(parts) + " parts");
    // Split-18 allows an uneven split: ceil-sized parts, the last smaller.
    const int64_t size = ctx.opset() >= 18 ? (dim + parts - 1) / parts : dim / parts;
    if (ctx.opset() < 18 && dim % parts != 0)
      throw ValidationError("dim " + std::to_string(dim) + " does not split evenly into " + std::to_string(parts));
    for (int64_t i = 0, left = dim; i < parts; ++i, left -= size)
      sizes.push_back(std::min(size, std::max<int64_t>(left, 0)));
  }
  if (static_cast<int64_t>(sizes.size()) != n)
    throw ValidationError("split has " + std::to_string(sizes.size()) + " sizes for " + std::to_string(n) + " outputs");
  int64_t total = 0;
  for (int64_t s : sizes) {
    if (s < 0) throw ValidationError("negative split size");
    total += s;
  }
  if (total != dim)
    throw ValidationError("split sizes sum to " + std::to_string(total) + ", the axis has " + std::to_string(dim));
  const size_t es = dtype_size(x.dtype());
  const int64_t outer = dims_product(x.shape(), 0, axis);
  const int64_t inner = dims_product(x.shape(), axis + 1, x.rank());
  std::vector<Tensor> outs;
  int64_t begin = 0;
  for (int64_t s : sizes) {
    Shape shape = x.shape();
    shape[axis] = s;
    Tensor y = ctx.alloc(x.dtype(), shape);
    const size_t chunk = static_cast<size_t>(s * inner) * es;
    for (int64_t o = 0; o < outer && chunk != 0; ++o)  // zero-size pieces have no buffer
      std::memcpy(y.raw() + o * chunk, x.raw() + (o * dim + begin) * inner * static_cast<int64_t>(es), chunk);
    begin += s;
    outs.push_back(std::move(y));
  }
  return outs;
}

std::vector<Tensor> split_1(KernelContext& ctx) {
  return split_impl(ctx, ctx.attrs().get_ints_opt("split").value_or(std::vector<int64_t>{}));
}
std::vector<Tensor> split_13(KernelContext& ctx) {
  return split_impl(ctx, ctx.has_input(1) ? to_int64_list(ctx.input(1), "split input") : std::vector<int64_t>{});
}

// Tile as a strided copy: view [d0, d1] repeated [r0, r1] as
// [r0, d0, r1, d1] with stride 0 on the repeat dims.
std::vector<Tensor> tile_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const auto reps = to_int64_list(ctx.input(1), "repeats input");
  if (static_cast<int64_t>(reps.size()) != x.rank()) throw ValidationError("repeats length must equal the input rank");
  Shape view, out_shape;
  std::vector<int64_t> strides;
  const auto in_strides = row_major_strides(x.shape());
  for (int64_t d = 0; d < x.rank(); ++d) {
    if (reps[d] < 0) throw ValidationError("negative repeat " + std::to_string(reps[d]));
    view.insert(view.end(), {reps[d], x.shape()[d]});
    strides.insert(strides.end(), {0, in_strides[d]});
    out_shape.push_back(0);
  }
  const int64_t numel = shape_numel(view);  // LimitError on overflow
  ctx.check_elements(numel, x.dtype());
  for (int64_t d = 0; d < x.rank(); ++d) out_shape[d] = reps[d] * x.shape()[d];
  Tensor y = ctx.alloc(x.dtype(), out_shape);
  copy_strided(x.raw(), 0, strides, view, y.raw(), dtype_size(x.dtype()));
  return one_output(std::move(y));
}

std::vector<Tensor> slice_impl(KernelContext& ctx, const std::vector<int64_t>& starts, const std::vector<int64_t>& ends,
                               std::vector<int64_t> axes, std::vector<int64_t> steps) {
  const Tensor& x = ctx.input(0);
  if (starts.size() != ends.size()) throw ValidationError("starts and ends differ in length");
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i) axes.push_back(static_cast<int64_t>(i));
  if (steps.empty()) steps.assign(starts.size(), 1);
  if (axes.size() != starts.size() || steps.size() != starts.size())
    throw ValidationError("starts, ends, axes and steps differ in length");
  axes = normalize_axes(axes, x.rank());
  Shape out_shape = x.shape();
  const auto in_strides = row_major_strides(x.shape());
  std::vector<int64_t> strides = in_strides;
  int64_t offset = 0;
  for (size_t i = 0; i < axes.size(); ++i) {
    const int64_t a = axes[i], dim = x.shape()[a], step = steps[i];
    if (step == 0) throw ValidationError("slice step is 0");
    int64_t start = starts[i], end = ends[i];
    if (start < 0) start = start < -dim ? -1 : start + dim;
    if (end < 0) end = end < -dim ? -1 : end + dim;
    // Clamp as the spec says: start and end into [0, dim] going forward;
    // backward, start into [0, dim-1] and end into [-1, dim-1]. (NumPy
    // differs there: a start below -dim is -1, an empty slice; ONNX's is
    // 0. An empty axis yields nothing either way.)
    if (step > 0) {
      start = std::clamp<int64_t>(start, 0, dim);
      end = std::clamp<int64_t>(end, 0, dim);
    } else {
      start = dim == 0 ? -1 : std::clamp<int64_t>(start, 0, dim - 1);
      end = std::clamp<int64_t>(end, -1, dim - 1);
    }
    // Counts without overflow for steps near INT64_MIN/MAX: |end - start|
    // <= dim + 1, and |step| is taken in uint64 (-INT64_MIN overflows).
    int64_t n = 0;
    const uint64_t abs_step = step > 0 ? static_cast<uint64_t>(step) : static_cast<uint64_t>(-(step + 1)) + 1;
    if (step > 0 && end > start) n = static_cast<int64_t>(static_cast<uint64_t>(end - start - 1) / abs_step) + 1;
    if (step < 0 && start > end) n = static_cast<int64_t>(static_cast<uint64_t>(start - end - 1) / abs_step) + 1;
    out_shape[a] = n;
    if (n > 0) offset += start * in_strides[a];
    // With n > 1, |step| < dim so the product is within the tensor; with
    // n <= 1 the stride is never used (and step * stride might overflow).
    strides[a] = n > 1 ? in_strides[a] * step : 0;
  }
  Tensor y = ctx.alloc(x.dtype(), out_shape);
  if (y.numel() > 0) copy_strided(x.raw(), offset, strides, out_shape, y.raw(), dtype_size(x.dtype()));
  return one_output(std::move(y));
}

std::vector<Tensor> slice_1(KernelContext& ctx) {
  return slice_impl(ctx, ctx.attrs().get_ints("starts"), ctx.attrs().get_ints("ends"),
                    ctx.attrs().get_ints_opt("axes").value_or(std::vector<int64_t>{}), {});
}
std::vector<Tensor> slice_10(KernelContext& ctx) {
  return slice_impl(ctx, to_int64_list(ctx.input(1), "starts"), to_int64_list(ctx.input(2), "ends"),
                    ctx.has_input(3) ? to_int64_list(ctx.input(3), "axes") : std::vector<int64_t>{},
                    ctx.has_input(4) ? to_int64_list(ctx.input(4), "steps") : std::vector<int64_t>{});
}

const KernelRegistrar regs[] = {
    {"Concat", 4, concat_kernel},
    // Split-13 moved `split` to an input; Split-18 added num_outputs.
    {"", "Split", 2, 12, split_1},
    {"Split", 13, split_13},
    {"Tile", 6, tile_kernel},
    // Slice-10 moved starts/ends/axes to inputs and added steps.
    {"", "Slice", 1, 9, slice_1},
    {"Slice", 10, slice_10},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
