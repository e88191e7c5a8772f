// Cast and CastLike between every numeric and bool dtype (strings, bfloat16
// and float8 are not runtime dtypes, so those casts are unsupported).
#include <cmath>
#include <limits>
#include <utility>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

// Float -> integer outside the target range (or NaN) is undefined in the
// spec; this follows what NumPy's astype gives on x86-64, which is what the
// reference outputs were produced with: 32/64-bit targets get the
// "integer indefinite" value (the minimum); narrower targets wrap the int32
// result; uint32 wraps the int64 result.
template <typename To>
To float_to_int(double x) {
  if constexpr (std::is_same_v<To, int64_t> || std::is_same_v<To, uint64_t>) {
    if (std::isnan(x) || x >= 9223372036854775808.0 || x < -9223372036854775808.0) {
      if constexpr (std::is_same_v<To, uint64_t>) {
        if (x >= 0 && x < 18446744073709551616.0) return static_cast<uint64_t>(x);
      }
      return static_cast<To>(std::numeric_limits<int64_t>::min());
    }
    return static_cast<To>(static_cast<int64_t>(x));
  } else if constexpr (std::is_same_v<To, uint32_t>) {
    return static_cast<To>(float_to_int<int64_t>(x));
  } else {
    if (std::isnan(x) || x >= 2147483648.0 || x < -2147483648.0)
      return static_cast<To>(std::numeric_limits<int32_t>::min());
    return static_cast<To>(static_cast<int32_t>(x));
  }
}

template <DType From, DType To>
storage_t<To> convert(storage_t<From> v) {
  if constexpr (From == To) {
    return v;
  } else if constexpr (To == DType::Bool) {
    return load<From>(v) != 0 ? 1 : 0;  // NaN is true, as in NumPy
  } else if constexpr (To == DType::Float16) {
    if constexpr (From == DType::Float32) return float_to_half(v);
    else return double_to_half(static_cast<double>(load<From>(v)));
  } else if constexpr (To == DType::Float32 || To == DType::Float64) {
    return static_cast<storage_t<To>>(load<From>(v));
  } else if constexpr (From == DType::Float16 || From == DType::Float32 || From == DType::Float64) {
    return float_to_int<storage_t<To>>(static_cast<double>(load<From>(v)));
  } else {
    return static_cast<storage_t<To>>(v);  // integer to integer wraps (defined in C++20)
  }
}

// The spec-adversarial conversions (RuntimeOptions::adversarial). Cast-6/13
// (opsets 6..18) says only: "Conversion from a numerical type to any
// numerical type is always allowed. User must be aware of precision loss and
// value change caused by range difference between two types." So the
// rounding of float -> int and the result of any out-of-range value are
// open: here a float rounds to the nearest integer, ties to even (what x86's
// cvtsd2si does under the default rounding mode), NaN gives 0, and an
// out-of-range value saturates to the target's bounds (as Rust's `as` and
// many accelerators do) instead of wrapping. Cast-19 later specifies
// "fixed point: when OOR, discard higher bits and reinterpret", so integer
// narrowing saturates only below opset 19. float -> bool is left as is:
// Cast-13's example ("converting an integer 36 to Boolean may produce 1")
// and Cast-19 ("+/- 0.0 to False; all else to True") both say nonzero is true.
template <typename To>
To saturate_float(double x) {
  if (std::isnan(x)) return To{0};
  const double r = std::nearbyint(x);
  if (r <= static_cast<double>(std::numeric_limits<To>::lowest())) return std::numeric_limits<To>::lowest();
  if (r >= static_cast<double>(std::numeric_limits<To>::max())) return std::numeric_limits<To>::max();
  return static_cast<To>(r);
}

template <DType From, DType To>
storage_t<To> convert_adversarial(storage_t<From> v, bool saturate_ints) {
  constexpr bool from_float = From == DType::Float16 || From == DType::Float32 || From == DType::Float64;
  constexpr bool to_int = To != DType::Bool && To != DType::Float16 && To != DType::Float32 && To != DType::Float64;
  if constexpr (From == To || !to_int) {
    return convert<From, To>(v);
  } else if constexpr (from_float) {
    return saturate_float<storage_t<To>>(static_cast<double>(load<From>(v)));
  } else {
    using T = storage_t<To>;
    if (saturate_ints && std::cmp_less(v, std::numeric_limits<T>::lowest())) return std::numeric_limits<T>::lowest();
    if (saturate_ints && std::cmp_greater(v, std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
    return convert<From, To>(v);
  }
}

std::vector<Tensor> cast_kernel(KernelContext& ctx) {
  const int64_t to_code = ctx.attrs().get_int("to");
  auto to = dtype_from_onnx(static_cast<int32_t>(to_code));
  if (!to) throw UnsupportedError("Cast to ONNX element type " + std::to_string(to_code) + " is not supported");
  return one_output(cast_tensor(ctx, ctx.input(0), *to));
}

std::vector<Tensor> cast_like_kernel(KernelContext& ctx) {
  return one_output(cast_tensor(ctx, ctx.input(0), ctx.input(1).dtype()));
}

const KernelRegistrar reg_cast{"Cast", 6, cast_kernel};
const KernelRegistrar reg_cast_like{"CastLike", 15, cast_like_kernel};

}  // namespace

Tensor cast_tensor(const KernelContext& ctx, const Tensor& t, DType to) {
  Tensor out = ctx.alloc(to, t.shape());
  visit_dtype(t.dtype(), [&](auto from_tag) {
    constexpr DType From = decltype(from_tag)::value;
    visit_dtype(to, [&](auto to_tag) {
      constexpr DType To = decltype(to_tag)::value;
      auto src = t.data<storage_t<From>>();
      auto dst = out.data<storage_t<To>>();
      if (ctx.adversarial()) {
        const bool saturate_ints = ctx.opset() < 19;
        for (size_t i = 0; i < src.size(); ++i) dst[i] = convert_adversarial<From, To>(src[i], saturate_ints);
        return;
      }
      for (size_t i = 0; i < src.size(); ++i) dst[i] = convert<From, To>(src[i]);
    });
  });
  return out;
}

}  // namespace ptonnx::runtime::kernels

namespace ptonnx::runtime::kernels {

void set_element(Tensor& t, int64_t i, double v) {
  visit_dtype(t.dtype(), [&](auto tag) {
    constexpr DType To = decltype(tag)::value;
    t.data<storage_t<To>>()[i] = convert<DType::Float64, To>(v);
  });
}

}  // namespace ptonnx::runtime::kernels
