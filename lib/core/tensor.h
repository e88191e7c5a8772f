// Tensor: an owning, contiguous, row-major n-d array with a dtype and shape.
// It is the plain container shared by the runtime, the oracle and the
// checker; it holds no op semantics. float16 is stored as raw bits
// (uint16_t); bool as one byte per element (0 or 1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/dtype.h"
#include "core/error.h"
#include "core/float16.h"

namespace ptonnx {

using Shape = std::vector<int64_t>;

// std::allocator that default-initialises (leaves bytes as they are)
// instead of value-initialising: resize() then costs no memset, which is
// as much memory traffic as an elementwise kernel's own work.
template <typename T>
struct DefaultInitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() = default;
  template <typename U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}
  template <typename U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// Product of dims; throws LimitError on overflow or a negative dim.
int64_t shape_numel(const Shape& shape);
std::string shape_to_string(const Shape& shape);

// The C++ storage type of each dtype.
template <DType T> struct StorageOf;
template <> struct StorageOf<DType::Bool> { using type = uint8_t; };
template <> struct StorageOf<DType::Int8> { using type = int8_t; };
template <> struct StorageOf<DType::Int16> { using type = int16_t; };
template <> struct StorageOf<DType::Int32> { using type = int32_t; };
template <> struct StorageOf<DType::Int64> { using type = int64_t; };
template <> struct StorageOf<DType::UInt8> { using type = uint8_t; };
template <> struct StorageOf<DType::UInt16> { using type = uint16_t; };
template <> struct StorageOf<DType::UInt32> { using type = uint32_t; };
template <> struct StorageOf<DType::UInt64> { using type = uint64_t; };
template <> struct StorageOf<DType::Float16> { using type = uint16_t; };
template <> struct StorageOf<DType::Float32> { using type = float; };
template <> struct StorageOf<DType::Float64> { using type = double; };
template <DType T> using storage_t = typename StorageOf<T>::type;

// Calls f(std::integral_constant<DType, T>{}) for the runtime dtype t, so
// generic code can be written once per storage type.
template <typename F>
decltype(auto) visit_dtype(DType t, F&& f) {
  switch (t) {
    case DType::Bool: return f(std::integral_constant<DType, DType::Bool>{});
    case DType::Int8: return f(std::integral_constant<DType, DType::Int8>{});
    case DType::Int16: return f(std::integral_constant<DType, DType::Int16>{});
    case DType::Int32: return f(std::integral_constant<DType, DType::Int32>{});
    case DType::Int64: return f(std::integral_constant<DType, DType::Int64>{});
    case DType::UInt8: return f(std::integral_constant<DType, DType::UInt8>{});
    case DType::UInt16: return f(std::integral_constant<DType, DType::UInt16>{});
    case DType::UInt32: return f(std::integral_constant<DType, DType::UInt32>{});
    case DType::UInt64: return f(std::integral_constant<DType, DType::UInt64>{});
    case DType::Float16: return f(std::integral_constant<DType, DType::Float16>{});
    case DType::Float32: return f(std::integral_constant<DType, DType::Float32>{});
    case DType::Float64: return f(std::integral_constant<DType, DType::Float64>{});
  }
  throw TypeError("visit_dtype: invalid dtype");
}

class Tensor {
 public:
  Tensor() = default;
  // Zero-filled tensor.
  Tensor(DType dtype, Shape shape);
  // Tensor whose bytes are unspecified, for a producer that writes every
  // element (a kernel's output): no zero fill.
  struct Uninitialized {};
  Tensor(DType dtype, Shape shape, Uninitialized);

  DType dtype() const { return dtype_; }
  const Shape& shape() const { return shape_; }
  int64_t rank() const { return static_cast<int64_t>(shape_.size()); }
  int64_t numel() const { return numel_; }
  size_t nbytes() const { return bytes_.size(); }

  std::byte* raw() { return bytes_.data(); }
  const std::byte* raw() const { return bytes_.data(); }

  // Typed views; T must be the storage type of dtype() (checked).
  template <typename T> std::span<T> data() {
    check_storage(sizeof(T));
    return {reinterpret_cast<T*>(bytes_.data()), static_cast<size_t>(numel_)};
  }
  template <typename T> std::span<const T> data() const {
    check_storage(sizeof(T));
    return {reinterpret_cast<const T*>(bytes_.data()), static_cast<size_t>(numel_)};
  }

  // Element i (flat, C order) as a double: exact for every dtype except
  // 64-bit integers beyond 2^53. For display and tolerance checks only.
  double get_as_double(int64_t i) const;
  // Element i converted with C++ static_cast semantics (float16 rounds to
  // nearest even). For building test data, not for op semantics.
  void set_from_double(int64_t i, double v);
  // Exact element access for 64-bit integers.
  int64_t get_as_int64(int64_t i) const;
  uint64_t get_as_uint64(int64_t i) const;

  // Same dtype, shape and bytes (NaN payloads included).
  bool bit_equal(const Tensor& other) const;
  // Same data, new shape with the same element count.
  Tensor reshaped(Shape new_shape) const;

  std::string describe() const;  // "float32[2,3]"
  // Up to max_elems values, for messages.
  std::string values_to_string(int64_t max_elems = 16) const;

  // Scalars and vectors for tests and builders.
  template <typename T> static Tensor from_vector(DType dtype, Shape shape, const std::vector<T>& values) {
    Tensor t(dtype, std::move(shape));
    if (static_cast<int64_t>(values.size()) != t.numel())
      throw ValidationError("Tensor::from_vector: " + std::to_string(values.size()) +
                            " values for shape " + shape_to_string(t.shape()));
    for (int64_t i = 0; i < t.numel(); ++i) t.set_from_double(i, static_cast<double>(values[i]));
    return t;
  }
  static Tensor scalar(DType dtype, double value);

 private:
  void check_storage(size_t elem_size) const;

  DType dtype_ = DType::Float32;
  Shape shape_;
  int64_t numel_ = 1;
  std::vector<std::byte, DefaultInitAllocator<std::byte>> bytes_ =
      std::vector<std::byte, DefaultInitAllocator<std::byte>>(4, std::byte{0});
};

}  // namespace ptonnx
