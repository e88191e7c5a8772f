// Ops that produce tensors from attributes or shapes: Constant,
// ConstantOfShape, Identity, Shape, Size, Range, EyeLike.
#include <cmath>
#include <limits>
#include <type_traits>

#include "core/tensor_proto.h"
#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

std::vector<Tensor> constant_kernel(KernelContext& ctx) {
  const auto& node = ctx.node();
  if (node.attribute_size() != 1)
    throw ValidationError("Constant needs exactly one value attribute, got " + std::to_string(node.attribute_size()));
  const auto& a = node.attribute(0);
  const std::string& name = a.name();
  if (name == "value") {
    const auto& proto = a.t();
    // Check the declared size against the limits before decoding anything.
    const int64_t numel = shape_numel(Shape(proto.dims().begin(), proto.dims().end()));
    auto dt = dtype_from_onnx(proto.data_type());
    if (!dt) throw UnsupportedError("Constant of ONNX element type " + std::to_string(proto.data_type()));
    ctx.check_elements(numel, *dt);
    return one_output(from_tensor_proto(proto, numel));
  }
  if (name == "value_float") {
    Tensor t(DType::Float32, {});
    t.data<float>()[0] = a.f();
    return one_output(std::move(t));
  }
  if (name == "value_int") {
    Tensor t(DType::Int64, {});
    t.data<int64_t>()[0] = a.i();
    return one_output(std::move(t));
  }
  if (name == "value_floats") {
    Tensor t = ctx.alloc(DType::Float32, {a.floats_size()});
    for (int i = 0; i < a.floats_size(); ++i) t.data<float>()[i] = a.floats(i);
    return one_output(std::move(t));
  }
  if (name == "value_ints") {
    Tensor t = ctx.alloc(DType::Int64, {a.ints_size()});
    for (int i = 0; i < a.ints_size(); ++i) t.data<int64_t>()[i] = a.ints(i);
    return one_output(std::move(t));
  }
  throw UnsupportedError("Constant attribute '" + name + "' is not supported (strings and sparse tensors)");
}

// Identity also passes a sequence or optional on (opset 14 and 16 allow
// them): the shared, immutable value itself, no copy.
std::vector<Tensor> identity_kernel(KernelContext& ctx) {
  if (const ContainerPtr& c = ctx.container_ptr(0)) {
    ctx.set_output_container(0, c);
    return std::vector<Tensor>(1);
  }
  return one_output(ctx.input(0));
}

std::vector<Tensor> constant_of_shape_kernel(KernelContext& ctx) {
  const auto dims = to_int64_list(ctx.input(0), "shape input");
  for (int64_t d : dims)
    if (d < 0) throw ValidationError("shape input has negative dim " + std::to_string(d));
  Tensor value = ctx.attrs().has("value") ? from_tensor_proto(ctx.attrs().get_tensor("value"), 1)
                                          : Tensor::scalar(DType::Float32, 0.0);
  if (value.numel() != 1) throw ValidationError("ConstantOfShape value must hold exactly one element");
  Tensor out = ctx.alloc(value.dtype(), dims);
  const size_t es = dtype_size(value.dtype());
  for (int64_t i = 0; i < out.numel(); ++i) std::memcpy(out.raw() + i * es, value.raw(), es);
  return one_output(std::move(out));
}

std::vector<Tensor> shape_kernel(KernelContext& ctx) {
  const Shape& s = ctx.input(0).shape();
  const int64_t rank = static_cast<int64_t>(s.size());
  int64_t start = ctx.attrs().get_int("start", 0);
  int64_t end = ctx.attrs().get_int("end", rank);
  // Shape-15 clamps start/end to [0, rank] after adding rank to negatives.
  if (start < 0) start += rank;
  if (end < 0) end += rank;
  start = std::clamp<int64_t>(start, 0, rank);
  end = std::clamp<int64_t>(end, 0, rank);
  const int64_t n = std::max<int64_t>(0, end - start);
  Tensor out = ctx.alloc(DType::Int64, {n});
  for (int64_t i = 0; i < n; ++i) out.data<int64_t>()[i] = s[start + i];
  return one_output(std::move(out));
}

std::vector<Tensor> size_kernel(KernelContext& ctx) {
  Tensor out(DType::Int64, {});
  out.data<int64_t>()[0] = ctx.input(0).numel();
  return one_output(std::move(out));
}

std::vector<Tensor> range_kernel(KernelContext& ctx) {
  const Tensor& st = ctx.input(0);
  const DType dt = st.dtype();
  if (ctx.input(1).dtype() != dt || ctx.input(2).dtype() != dt)
    throw TypeError("Range start, limit and delta must have the same dtype");
  Tensor out;
  visit_numeric(dt, [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    if constexpr (D == DType::Float16 || D == DType::UInt8 || D == DType::UInt16 || D == DType::UInt32 ||
                  D == DType::UInt64 || D == DType::Int8) {
      throw TypeError("Range does not accept dtype " + std::string(dtype_name(D)));
    } else {
      using T = storage_t<D>;
      // Scalars per the spec; an empty tensor would be read out of bounds.
      for (size_t k = 0; k < 3; ++k)
        if (ctx.input(k).numel() != 1)
          throw ValidationError(std::string(k == 0   ? "start"
                                            : k == 1 ? "limit"
                                                     : "delta") +
                                " must hold one value, got shape " + shape_to_string(ctx.input(k).shape()));
      const T start = st.data<T>()[0], limit = ctx.input(1).data<T>()[0], delta = ctx.input(2).data<T>()[0];
      if (delta == 0) throw ValidationError("Range delta is zero");
      // Element count max(ceil((limit - start) / delta), 0), computed in
      // double so that it cannot overflow before the limit check.
      const double count =
          std::ceil((static_cast<double>(limit) - static_cast<double>(start)) / static_cast<double>(delta));
      if (!(count <= 9.0e18)) throw LimitError("Range would produce too many elements");
      const int64_t n = count > 0 ? static_cast<int64_t>(count) : 0;
      out = ctx.alloc(D, {n});
      auto d = out.data<T>();
      if constexpr (std::is_integral_v<T>) {
        // i * delta may overflow T even though start + i * delta is in
        // range (start = INT64_MIN, delta = 2^62): wrap-around arithmetic
        // in uint64 gives the exact in-range value without signed overflow.
        for (int64_t i = 0; i < n; ++i)
          d[i] = static_cast<T>(static_cast<uint64_t>(start) +
                                static_cast<uint64_t>(i) * static_cast<uint64_t>(static_cast<int64_t>(delta)));
      } else {
        for (int64_t i = 0; i < n; ++i) d[i] = static_cast<T>(start + static_cast<T>(i) * delta);
      }
    }
  });
  return one_output(std::move(out));
}

std::vector<Tensor> eye_like_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  if (x.rank() != 2) throw ValidationError("EyeLike input must be 2-D, got " + x.describe());
  DType dt = x.dtype();
  if (ctx.attrs().has("dtype")) {
    auto d = dtype_from_onnx(static_cast<int32_t>(ctx.attrs().get_int("dtype")));
    if (!d) throw UnsupportedError("EyeLike dtype " + std::to_string(ctx.attrs().get_int("dtype")));
    dt = *d;
  }
  const int64_t k = ctx.attrs().get_int("k", 0);
  Tensor out = ctx.alloc(dt, x.shape());
  const int64_t rows = x.shape()[0], cols = x.shape()[1];
  // An empty output has nothing to set, but its other dim may be huge
  // ([2^40, 0] allocates nothing): looping over its rows was a fuzzer
  // timeout. Non-empty, both dims are bounded by the element limit.
  if (out.numel() == 0) return one_output(std::move(out));
  for (int64_t i = 0; i < rows; ++i) {
    const int64_t j = i + k;
    if (j >= 0 && j < cols) set_element(out, i * cols + j, 1.0);
  }
  return one_output(std::move(out));
}

const KernelRegistrar reg_constant{"Constant", 1, constant_kernel};
const KernelRegistrar reg_identity{"Identity", 1, identity_kernel, TakesContainers{}};
const KernelRegistrar reg_constant_of_shape{"ConstantOfShape", 9, constant_of_shape_kernel};
const KernelRegistrar reg_shape{"Shape", 1, shape_kernel};
const KernelRegistrar reg_size{"Size", 1, size_kernel};
const KernelRegistrar reg_range{"Range", 11, range_kernel};
const KernelRegistrar reg_eye_like{"EyeLike", 9, eye_like_kernel};

}  // namespace

}  // namespace ptonnx::runtime::kernels
