// Indexing ops: Gather, GatherElements, GatherND, ScatterElements (and its
// old name Scatter), ScatterND. Every index is bounds-checked (negative
// indices count from the end) before it is used.
#include <type_traits>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

int64_t checked_index(int64_t i, int64_t dim, const std::string& what) {
  if (i < -dim || i >= dim)
    throw ValidationError(what + " index " + std::to_string(i) + " is out of range for a dim of " + std::to_string(dim));
  return i < 0 ? i + dim : i;
}

std::vector<Tensor> gather_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const auto idx = to_int64_list(ctx.input(1), "indices");
  const Shape& ishape = ctx.input(1).shape();
  const int64_t axis = normalize_axis(ctx.attrs().get_int("axis", 0), x.rank());
  const int64_t dim = x.shape()[axis];
  Shape out_shape(x.shape().begin(), x.shape().begin() + axis);
  out_shape.insert(out_shape.end(), ishape.begin(), ishape.end());
  out_shape.insert(out_shape.end(), x.shape().begin() + axis + 1, x.shape().end());
  Tensor y = ctx.alloc(x.dtype(), out_shape);
  const int64_t outer = dims_product(x.shape(), 0, axis);
  const size_t chunk = static_cast<size_t>(dims_product(x.shape(), axis + 1, x.rank())) * dtype_size(x.dtype());
  std::vector<int64_t> fixed(idx.size());
  for (size_t k = 0; k < idx.size(); ++k) fixed[k] = checked_index(idx[k], dim, "Gather");
  std::byte* dst = y.raw();
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t k : fixed) {
      if (chunk == 0) break;  // zero-size rows: no buffer to copy from (memcpy(null) is UB)
      std::memcpy(dst, x.raw() + (o * dim + k) * chunk, chunk);
      dst += chunk;
    }
  return one_output(std::move(y));
}

// Calls f(out_flat, data_flat) for each element of an index tensor of shape
// `ishape`, where data_flat is the element of `dshape` at the same
// coordinates except along `axis`, where the index value is used.
template <typename F>
void for_each_axis_index(const Shape& dshape, const Shape& ishape, const std::vector<int64_t>& idx, int64_t axis,
                         F&& f) {
  const auto dstrides = row_major_strides(dshape);
  const int64_t rank = static_cast<int64_t>(ishape.size());
  std::vector<int64_t> coord(static_cast<size_t>(rank), 0);
  for (size_t i = 0; i < idx.size(); ++i) {
    int64_t off = 0;
    for (int64_t d = 0; d < rank; ++d)
      off += (d == axis ? checked_index(idx[i], dshape[d], "element") : coord[d]) * dstrides[d];
    f(static_cast<int64_t>(i), off);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++coord[d] < ishape[d]) break;
      coord[d] = 0;
    }
  }
}

void check_same_rank(const Tensor& data, const Shape& ishape) {
  if (static_cast<int64_t>(ishape.size()) != data.rank())
    throw ValidationError("indices rank " + std::to_string(ishape.size()) + " differs from data rank " +
                          std::to_string(data.rank()));
}

std::vector<Tensor> gather_elements_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Shape& ishape = ctx.input(1).shape();
  const auto idx = to_int64_list(ctx.input(1), "indices");
  check_same_rank(x, ishape);
  const int64_t axis = normalize_axis(ctx.attrs().get_int("axis", 0), x.rank());
  for (int64_t d = 0; d < x.rank(); ++d)
    if (d != axis && ishape[d] > x.shape()[d]) throw ValidationError("indices dim exceeds the data dim off the axis");
  Tensor y = ctx.alloc(x.dtype(), ishape);
  const size_t es = dtype_size(x.dtype());
  for_each_axis_index(x.shape(), ishape, idx, axis, [&](int64_t o, int64_t s) {
    std::memcpy(y.raw() + o * es, x.raw() + s * es, es);
  });
  return one_output(std::move(y));
}

template <typename T, DType D>
T combine(T old, T upd, const std::string& reduction) {
  if constexpr (std::is_integral_v<T> && D != DType::Bool && D != DType::Float16) {
    // Integer add/mul wrap, computed in unsigned arithmetic (signed
    // overflow is UB in C++), like every other integer kernel here.
    using U = std::make_unsigned_t<T>;
    if (reduction == "add") return static_cast<T>(static_cast<U>(static_cast<U>(old) + static_cast<U>(upd)));
    if (reduction == "mul") return static_cast<T>(static_cast<U>(static_cast<U>(old) * static_cast<U>(upd)));
  } else {
    if (reduction == "add") return store<D>(static_cast<compute_t<D>>(load<D>(old) + load<D>(upd)));
    if (reduction == "mul") return store<D>(static_cast<compute_t<D>>(load<D>(old) * load<D>(upd)));
  }
  if (reduction == "max") return load<D>(upd) > load<D>(old) ? upd : old;
  if (reduction == "min") return load<D>(upd) < load<D>(old) ? upd : old;
  return upd;
}

std::string reduction_attr(KernelContext& ctx) {
  const std::string r = ctx.attrs().get_string("reduction", "none");
  if (r != "none" && r != "add" && r != "mul" && !(ctx.opset() >= 18 && (r == "max" || r == "min")))
    throw ValidationError("reduction '" + r + "' is not valid at opset " + std::to_string(ctx.opset()));
  return r;
}

std::vector<Tensor> scatter_elements_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Shape& ishape = ctx.input(1).shape();
  const auto idx = to_int64_list(ctx.input(1), "indices");
  const Tensor& upd = ctx.input(2);
  check_same_rank(x, ishape);
  if (upd.shape() != ishape) throw ValidationError("updates shape differs from indices shape");
  if (upd.dtype() != x.dtype()) throw TypeError("updates dtype differs from data dtype");
  const int64_t axis = normalize_axis(ctx.attrs().get_int("axis", 0), x.rank());
  for (int64_t d = 0; d < x.rank(); ++d)
    if (d != axis && ishape[d] > x.shape()[d]) throw ValidationError("indices dim exceeds the data dim off the axis");
  const std::string reduction = reduction_attr(ctx);
  Tensor y = x;
  visit_dtype(x.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    using S = storage_t<D>;
    auto out = y.data<S>();
    auto u = upd.data<S>();
    for_each_axis_index(x.shape(), ishape, idx, axis, [&](int64_t o, int64_t s) {
      if constexpr (D == DType::Bool) out[s] = u[o];
      else out[s] = combine<S, D>(out[s], u[o], reduction);
    });
  });
  return one_output(std::move(y));
}

// Index tuples of the last indices dim address slices of data (GatherND /
// ScatterND); returns the flat offset of each slice and the slice size.
std::vector<int64_t> nd_offsets(const Tensor& data, const Tensor& indices, int64_t batch_dims, int64_t& slice) {
  const auto idx = to_int64_list(indices, "indices");
  const Shape& ishape = indices.shape();
  if (ishape.empty()) throw ValidationError("indices must have rank >= 1");
  const int64_t k = ishape.back();
  if (k + batch_dims > data.rank()) throw ValidationError("indices last dim exceeds the data rank");
  const auto strides = row_major_strides(data.shape());
  slice = dims_product(data.shape(), batch_dims + k, data.rank());
  const int64_t batch = dims_product(data.shape(), 0, batch_dims);
  const int64_t batch_stride = dims_product(data.shape(), batch_dims, data.rank());
  const int64_t tuples = static_cast<int64_t>(idx.size()) / std::max<int64_t>(k, 1);
  const int64_t n = k == 0 ? dims_product(ishape, 0, static_cast<int64_t>(ishape.size()) - 1) : tuples;
  const int64_t per_batch = batch > 0 ? n / batch : 0;
  std::vector<int64_t> out;
  for (int64_t t = 0; t < n; ++t) {
    int64_t off = per_batch > 0 ? (t / per_batch) * batch_stride : 0;
    for (int64_t j = 0; j < k; ++j)
      off += checked_index(idx[t * k + j], data.shape()[batch_dims + j], "ND") * strides[batch_dims + j];
    out.push_back(off);
  }
  return out;
}

std::vector<Tensor> gather_nd_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Tensor& indices = ctx.input(1);
  const int64_t b = ctx.attrs().get_int("batch_dims", 0);
  if (b < 0 || b >= std::min(x.rank(), indices.rank())) throw ValidationError("batch_dims out of range");
  int64_t slice = 0;
  const auto offs = nd_offsets(x, indices, b, slice);
  Shape out_shape(indices.shape().begin(), indices.shape().end() - 1);
  out_shape.insert(out_shape.end(), x.shape().begin() + b + indices.shape().back(), x.shape().end());
  Tensor y = ctx.alloc(x.dtype(), out_shape);
  const size_t es = dtype_size(x.dtype());
  for (size_t t = 0; t < offs.size(); ++t)
    std::memcpy(y.raw() + t * slice * es, x.raw() + offs[t] * static_cast<int64_t>(es), static_cast<size_t>(slice) * es);
  return one_output(std::move(y));
}

std::vector<Tensor> scatter_nd_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Tensor& upd = ctx.input(2);
  if (upd.dtype() != x.dtype()) throw TypeError("updates dtype differs from data dtype");
  int64_t slice = 0;
  const auto offs = nd_offsets(x, ctx.input(1), 0, slice);
  if (static_cast<int64_t>(offs.size()) * slice != upd.numel()) throw ValidationError("updates shape does not match");
  const std::string reduction = reduction_attr(ctx);
  Tensor y = x;
  visit_dtype(x.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    using S = storage_t<D>;
    auto out = y.data<S>();
    auto u = upd.data<S>();
    for (size_t t = 0; t < offs.size(); ++t)
      for (int64_t j = 0; j < slice; ++j) {
        S& o = out[offs[t] + j];
        const S v = u[t * slice + j];
        if constexpr (D == DType::Bool) o = v;
        else o = combine<S, D>(o, v, reduction);
      }
  });
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    {"Gather", 1, gather_kernel},
    {"GatherElements", 11, gather_elements_kernel},
    {"GatherND", 11, gather_nd_kernel},
    // Scatter (deprecated at 11) is ScatterElements without reduction.
    {"", "Scatter", 9, 10, scatter_elements_kernel},
    {"ScatterElements", 11, scatter_elements_kernel},
    {"ScatterND", 11, scatter_nd_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
