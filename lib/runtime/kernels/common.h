// Helpers shared by the kernel family files: dtype groups, the arithmetic
// type used for each storage type (float16 computes in float), axis
// normalisation, and reading shape/axes/index inputs as int64 lists.
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "core/tensor.h"
#include "runtime/kernel.h"
#include "runtime/registry.h"

namespace ptonnx::runtime::kernels {

template <DType D>
using tag_t = std::integral_constant<DType, D>;

// float16 is stored as bits and computed in float; everything else is
// computed in its storage type.
template <DType D>
using compute_t = std::conditional_t<D == DType::Float16, float, storage_t<D>>;

template <DType D>
inline compute_t<D> load(storage_t<D> v) {
  if constexpr (D == DType::Float16)
    return half_to_float(v);
  else
    return v;
}
template <DType D>
inline storage_t<D> store(compute_t<D> v) {
  if constexpr (D == DType::Float16)
    return float_to_half(v);
  else
    return v;
}

inline bool is_floating(DType t) { return is_float(t); }
inline bool is_numeric(DType t) { return t != DType::Bool; }

// Refuses (LimitError) a node whose `operations` (multiply-adds, counted in
// double so that no product overflows) exceed
// RuntimeOptions::max_operations_per_node; call before any work.
void check_operations(const KernelContext& ctx, double operations, const std::string& what);

// Throws TypeError unless `ok` holds, naming the input and the dtype.
void require_dtype(bool ok, const Tensor& t, const std::string& what, const std::string& allowed);

// Axis in [-rank, rank-1+extra] normalised to [0, rank+extra) by adding
// rank to negatives; ValidationError otherwise.
int64_t normalize_axis(int64_t axis, int64_t rank, const std::string& what = "axis", int64_t extra = 0);
std::vector<int64_t> normalize_axes(const std::vector<int64_t>& axes, int64_t rank, const std::string& what = "axes");

// The values of an integer tensor (int32/int64, any shape) as int64.
std::vector<int64_t> to_int64_list(const Tensor& t, const std::string& what);
// The single value of a 1-element tensor, as double / int64.
double scalar_as_double(const Tensor& t, const std::string& what);
int64_t scalar_as_int64(const Tensor& t, const std::string& what);

// Row-major strides of a shape, in elements.
std::vector<int64_t> row_major_strides(const Shape& shape);

// Product of dims in [begin, end).
int64_t dims_product(const Shape& shape, int64_t begin, int64_t end);

// A kernel's single result. `return {y};` would copy y: the elements of an
// initializer_list are const. Pass a local with std::move; a const
// reference (Identity's input) is copied, as it must be.
inline std::vector<Tensor> one_output(Tensor&& t) {
  std::vector<Tensor> out;
  out.push_back(std::move(t));
  return out;
}
inline std::vector<Tensor> one_output(const Tensor& t) { return one_output(Tensor(t)); }

// v converted to the integer type I without undefined behaviour: NaN gives
// 0, values outside I's range its nearest bound. For results the spec
// leaves open (an integer LogSumExp that overflows, a huge Gemm alpha).
template <typename I>
I saturate_cast(double v) {
  if (v != v) return I(0);
  if (v <= static_cast<double>(std::numeric_limits<I>::lowest())) return std::numeric_limits<I>::lowest();
  if (v >= static_cast<double>(std::numeric_limits<I>::max())) return std::numeric_limits<I>::max();
  return static_cast<I>(v);
}

// A copy of t with a new dtype, converted as Cast does.
Tensor cast_tensor(const KernelContext& ctx, const Tensor& t, DType to);

}  // namespace ptonnx::runtime::kernels

namespace ptonnx::runtime::kernels {

// Visitors over dtype groups, so a kernel instantiates only the types its op
// allows. Each calls f(tag_t<D>{}) or throws TypeError naming the group.
template <typename F>
decltype(auto) visit_float(DType t, F&& f) {
  switch (t) {
    case DType::Float16: return f(tag_t<DType::Float16>{});
    case DType::Float32: return f(tag_t<DType::Float32>{});
    case DType::Float64: return f(tag_t<DType::Float64>{});
    default: break;
  }
  throw TypeError("dtype " + std::string(dtype_name(t)) + " is not accepted; the op takes float16, float32, float64");
}

template <typename F>
decltype(auto) visit_numeric(DType t, F&& f) {
  if (t == DType::Bool) throw TypeError("dtype bool is not accepted; the op takes numeric types");
  return visit_dtype(t, std::forward<F>(f));
}

template <typename F>
decltype(auto) visit_integer(DType t, F&& f) {
  if (!is_integer(t))
    throw TypeError("dtype " + std::string(dtype_name(t)) + " is not accepted; the op takes integer types");
  return visit_dtype(t, [&](auto tag) -> decltype(auto) {
    if constexpr (std::is_integral_v<storage_t<decltype(tag)::value>> && decltype(tag)::value != DType::Float16 &&
                  decltype(tag)::value != DType::Bool)
      return f(tag);
    else
      return f(tag_t<DType::Int64>{});  // unreachable: excluded above
  });
}

}  // namespace ptonnx::runtime::kernels

namespace ptonnx::runtime::kernels {

// dst (contiguous, shape out_shape) receives the elements of src read with
// the given element strides starting at element offset src_offset. Strides
// may be 0 (broadcast) or negative (reversed). Serves Transpose, Expand,
// Slice and Tile, for any dtype (copies elem_size bytes per element).
void copy_strided(const std::byte* src, int64_t src_offset, const std::vector<int64_t>& src_strides,
                  const Shape& out_shape, std::byte* dst, size_t elem_size);

}  // namespace ptonnx::runtime::kernels

namespace ptonnx::runtime::kernels {

// Element i of t set from a double with Cast's conversion rules (NaN and
// infinities kept for floats). Used instead of Tensor::set_from_double,
// which is meant for test data and refuses NaN.
void set_element(Tensor& t, int64_t i, double v);

}  // namespace ptonnx::runtime::kernels
