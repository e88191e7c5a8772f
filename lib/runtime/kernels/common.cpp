#include "runtime/kernels/common.h"

#include <cstdio>

namespace ptonnx::runtime::kernels {

namespace {

std::string three_digits(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", v);
  return text;
}

}  // namespace

void check_operations(const KernelContext& ctx, double operations, const std::string& what) {
  const int64_t limit = ctx.options().max_operations_per_node;
  if (operations > static_cast<double>(limit))
    throw LimitError(what + " needs " + three_digits(operations) + " multiply-adds, over the per-node limit of " +
                     std::to_string(limit) + " (RuntimeOptions::max_operations_per_node)");
}

void require_dtype(bool ok, const Tensor& t, const std::string& what, const std::string& allowed) {
  if (!ok)
    throw TypeError(what + " has dtype " + std::string(dtype_name(t.dtype())) + "; the op accepts " + allowed);
}

int64_t normalize_axis(int64_t axis, int64_t rank, const std::string& what, int64_t extra) {
  if (axis < -rank || axis >= rank + extra)
    throw ValidationError(what + " " + std::to_string(axis) + " is out of range for rank " + std::to_string(rank));
  return axis < 0 ? axis + rank : axis;
}

std::vector<int64_t> normalize_axes(const std::vector<int64_t>& axes, int64_t rank, const std::string& what) {
  std::vector<int64_t> out;
  std::vector<bool> seen(static_cast<size_t>(rank), false);
  for (int64_t a : axes) {
    const int64_t n = normalize_axis(a, rank, what);
    if (seen[n]) throw ValidationError(what + " lists axis " + std::to_string(a) + " twice");
    seen[n] = true;
    out.push_back(n);
  }
  return out;
}

std::vector<int64_t> to_int64_list(const Tensor& t, const std::string& what) {
  std::vector<int64_t> out(static_cast<size_t>(t.numel()));
  if (t.dtype() == DType::Int64) {
    auto d = t.data<int64_t>();
    out.assign(d.begin(), d.end());
  } else if (t.dtype() == DType::Int32) {
    auto d = t.data<int32_t>();
    out.assign(d.begin(), d.end());
  } else {
    throw TypeError(what + " must be int64 (or int32), got " + std::string(dtype_name(t.dtype())));
  }
  return out;
}

double scalar_as_double(const Tensor& t, const std::string& what) {
  if (t.numel() != 1) throw ValidationError(what + " must hold one value, got shape " + shape_to_string(t.shape()));
  return t.get_as_double(0);
}

int64_t scalar_as_int64(const Tensor& t, const std::string& what) {
  if (t.numel() != 1) throw ValidationError(what + " must hold one value, got shape " + shape_to_string(t.shape()));
  if (is_float(t.dtype())) {
    const double v = t.get_as_double(0);
    if (!(v >= -9.2e18 && v <= 9.2e18)) throw ValidationError(what + " is not a finite integer value");
    return static_cast<int64_t>(v);
  }
  return t.get_as_int64(0);
}

std::vector<int64_t> row_major_strides(const Shape& shape) {
  std::vector<int64_t> s(shape.size(), 1);
  for (int64_t i = static_cast<int64_t>(shape.size()) - 2; i >= 0; --i) s[i] = s[i + 1] * shape[i + 1];
  return s;
}

int64_t dims_product(const Shape& shape, int64_t begin, int64_t end) {
  int64_t p = 1;
  for (int64_t i = begin; i < end; ++i) p *= shape[i];
  return p;
}

}  // namespace ptonnx::runtime::kernels

namespace ptonnx::runtime::kernels {

namespace {

template <typename T>
void copy_strided_typed(const T* src, int64_t offset, const std::vector<int64_t>& strides, const Shape& shape, T* dst) {
  const size_t rank = shape.size();
  const int64_t total = shape_numel(shape);
  if (total == 0) return;
  if (rank == 0) {
    dst[0] = src[offset];
    return;
  }
  const int64_t inner = shape[rank - 1];
  const int64_t inner_stride = strides[rank - 1];
  std::vector<int64_t> idx(rank, 0);
  int64_t off = offset;
  for (int64_t o = 0; o < total; o += inner) {
    if (inner_stride == 1) {
      std::memcpy(dst + o, src + off, static_cast<size_t>(inner) * sizeof(T));
    } else {
      for (int64_t j = 0; j < inner; ++j) dst[o + j] = src[off + j * inner_stride];
    }
    for (int64_t d = static_cast<int64_t>(rank) - 2; d >= 0; --d) {
      if (++idx[d] < shape[d]) {
        off += strides[d];
        break;
      }
      off -= strides[d] * (shape[d] - 1);
      idx[d] = 0;
    }
  }
}

}  // namespace

void copy_strided(const std::byte* src, int64_t src_offset, const std::vector<int64_t>& src_strides,
                  const Shape& out_shape, std::byte* dst, size_t elem_size) {
  switch (elem_size) {
    case 1:
      return copy_strided_typed(reinterpret_cast<const uint8_t*>(src), src_offset, src_strides, out_shape,
                                reinterpret_cast<uint8_t*>(dst));
    case 2:
      return copy_strided_typed(reinterpret_cast<const uint16_t*>(src), src_offset, src_strides, out_shape,
                                reinterpret_cast<uint16_t*>(dst));
    case 4:
      return copy_strided_typed(reinterpret_cast<const uint32_t*>(src), src_offset, src_strides, out_shape,
                                reinterpret_cast<uint32_t*>(dst));
    default:
      return copy_strided_typed(reinterpret_cast<const uint64_t*>(src), src_offset, src_strides, out_shape,
                                reinterpret_cast<uint64_t*>(dst));
  }
}

}  // namespace ptonnx::runtime::kernels
