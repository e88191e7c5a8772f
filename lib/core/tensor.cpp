#include "core/tensor.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace ptonnx {

int64_t shape_numel(const Shape& shape) {
  // The product of the non-zero dims must fit in int64 even when a 0 dim
  // makes the shape empty: kernels compute strides and partial products of
  // any shape they are given ([0, 2^40, 2^40] would overflow them).
  int64_t n = 1;
  bool empty = false;
  for (int64_t d : shape) {
    if (d < 0) throw LimitError("negative dimension " + std::to_string(d) + " in shape " + shape_to_string(shape));
    if (d == 0) {
      empty = true;
      continue;
    }
    if (n > std::numeric_limits<int64_t>::max() / d)
      throw LimitError("element count of shape " + shape_to_string(shape) + " overflows int64");
    n *= d;
  }
  return empty ? 0 : n;
}

std::string shape_to_string(const Shape& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ",";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

Tensor::Tensor(DType dtype, Shape shape, Uninitialized) : dtype_(dtype), shape_(std::move(shape)), bytes_() {
  numel_ = shape_numel(shape_);
  const auto elem = static_cast<int64_t>(dtype_size(dtype_));
  if (numel_ > std::numeric_limits<int64_t>::max() / elem)
    throw LimitError("tensor " + describe() + " is too large");
  // At least one byte reserved: raw() of an empty tensor must not be null
  // (memcpy(dst, src, 0) with a null dst is undefined; UBSan stops there).
  bytes_.reserve(std::max<size_t>(static_cast<size_t>(numel_ * elem), 1));
  bytes_.resize(static_cast<size_t>(numel_ * elem));  // default-initialised: no fill
}

Tensor::Tensor(DType dtype, Shape shape) : Tensor(dtype, std::move(shape), Uninitialized{}) {
  if (!bytes_.empty()) std::memset(bytes_.data(), 0, bytes_.size());
}

void Tensor::check_storage(size_t elem_size) const {
  if (elem_size != dtype_size(dtype_))
    throw TypeError("Tensor::data: element size " + std::to_string(elem_size) + " does not match dtype " +
                    std::string(dtype_name(dtype_)));
}

double Tensor::get_as_double(int64_t i) const {
  return visit_dtype(dtype_, [&](auto tag) -> double {
    using S = storage_t<decltype(tag)::value>;
    S v;
    std::memcpy(&v, bytes_.data() + i * sizeof(S), sizeof(S));
    if constexpr (decltype(tag)::value == DType::Float16) return half_to_float(v);
    else return static_cast<double>(v);
  });
}

int64_t Tensor::get_as_int64(int64_t i) const {
  return visit_dtype(dtype_, [&](auto tag) -> int64_t {
    using S = storage_t<decltype(tag)::value>;
    S v;
    std::memcpy(&v, bytes_.data() + i * sizeof(S), sizeof(S));
    if constexpr (std::is_integral_v<S> && decltype(tag)::value != DType::Float16) return static_cast<int64_t>(v);
    else return static_cast<int64_t>(get_as_double(i));
  });
}

uint64_t Tensor::get_as_uint64(int64_t i) const {
  if (dtype_ == DType::UInt64) return data<uint64_t>()[i];
  return static_cast<uint64_t>(get_as_int64(i));
}

void Tensor::set_from_double(int64_t i, double v) {
  visit_dtype(dtype_, [&](auto tag) {
    using S = storage_t<decltype(tag)::value>;
    S s;
    if constexpr (decltype(tag)::value == DType::Float16) s = double_to_half(v);
    else if constexpr (decltype(tag)::value == DType::Bool) s = (v != 0.0) ? 1 : 0;
    else if constexpr (std::is_floating_point_v<S>) s = static_cast<S>(v);
    else {
      // Out-of-range float -> int casts are UB in C++; refuse them.
      if (!(v >= static_cast<double>(std::numeric_limits<S>::lowest()) &&
            v <= static_cast<double>(std::numeric_limits<S>::max())))
        throw ValidationError("set_from_double: " + std::to_string(v) + " does not fit " +
                              std::string(dtype_name(dtype_)));
      s = static_cast<S>(v);
    }
    std::memcpy(bytes_.data() + i * sizeof(S), &s, sizeof(S));
  });
}

bool Tensor::bit_equal(const Tensor& o) const {
  return dtype_ == o.dtype_ && shape_ == o.shape_ && bytes_ == o.bytes_;
}

Tensor Tensor::reshaped(Shape new_shape) const {
  if (shape_numel(new_shape) != numel_)
    throw ValidationError("cannot reshape " + describe() + " to " + shape_to_string(new_shape));
  Tensor t = *this;
  t.shape_ = std::move(new_shape);
  return t;
}

std::string Tensor::describe() const { return std::string(dtype_name(dtype_)) + shape_to_string(shape_); }

std::string Tensor::values_to_string(int64_t max_elems) const {
  std::ostringstream os;
  os.precision(17);
  os << "[";
  for (int64_t i = 0; i < numel_ && i < max_elems; ++i) {
    if (i) os << ", ";
    if (dtype_ == DType::Int64) os << get_as_int64(i);
    else if (dtype_ == DType::UInt64) os << get_as_uint64(i);
    else os << get_as_double(i);
  }
  if (numel_ > max_elems) os << ", ...";
  os << "]";
  return os.str();
}

Tensor Tensor::scalar(DType dtype, double value) {
  Tensor t(dtype, {});
  t.set_from_double(0, value);
  return t;
}

}  // namespace ptonnx
