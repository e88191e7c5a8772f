#include "core/tensor_proto.h"

#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

namespace ptonnx {
namespace {

// Which typed repeated field carries each dtype (ONNX onnx.proto comments).
enum class Field { Float, Int32, Int64, UInt64, Double };

Field typed_field(DType t) {
  switch (t) {
    case DType::Float32: return Field::Float;
    case DType::Int64: return Field::Int64;
    case DType::UInt32:
    case DType::UInt64: return Field::UInt64;
    case DType::Float64: return Field::Double;
    default: return Field::Int32;  // bool, int8/16/32, uint8/16, float16 bits
  }
}

int64_t typed_count(const onnx::TensorProto& p, Field f) {
  switch (f) {
    case Field::Float: return p.float_data_size();
    case Field::Int32: return p.int32_data_size();
    case Field::Int64: return p.int64_data_size();
    case Field::UInt64: return p.uint64_data_size();
    case Field::Double: return p.double_data_size();
  }
  return 0;
}

}  // namespace

onnx::TensorProto to_tensor_proto(const Tensor& t, ProtoEncoding encoding, const std::string& name) {
  onnx::TensorProto p;
  if (!name.empty()) p.set_name(name);
  p.set_data_type(dtype_to_onnx(t.dtype()));
  for (int64_t d : t.shape()) p.add_dims(d);
  if (encoding == ProtoEncoding::Raw) {
    p.set_raw_data(reinterpret_cast<const char*>(t.raw()), t.nbytes());
    return p;
  }
  visit_dtype(t.dtype(), [&](auto tag) {
    using S = storage_t<decltype(tag)::value>;
    auto v = t.data<S>();
    switch (typed_field(t.dtype())) {
      case Field::Float:
        for (auto x : v) p.add_float_data(static_cast<float>(x));
        break;
      case Field::Int32:
        for (auto x : v) p.add_int32_data(static_cast<int32_t>(x));
        break;
      case Field::Int64:
        for (auto x : v) p.add_int64_data(static_cast<int64_t>(x));
        break;
      case Field::UInt64:
        for (auto x : v) p.add_uint64_data(static_cast<uint64_t>(x));
        break;
      case Field::Double:
        for (auto x : v) p.add_double_data(static_cast<double>(x));
        break;
    }
  });
  return p;
}

Tensor from_tensor_proto(const onnx::TensorProto& p, int64_t max_elements) {
  const std::string what = p.name().empty() ? std::string("tensor") : "tensor '" + p.name() + "'";
  auto dtype = dtype_from_onnx(p.data_type());
  if (!dtype)
    throw ValidationError(what + ": unsupported ONNX data_type " + std::to_string(p.data_type()) +
                          " (supported: bool, int8..int64, uint8..uint64, float16, float32, float64)");
  if (p.data_location() == onnx::TensorProto::EXTERNAL)
    throw ValidationError(what + ": external data is not supported");
  Shape shape(p.dims().begin(), p.dims().end());
  for (int64_t d : shape)
    if (d < 0) throw ValidationError(what + ": negative dimension in " + shape_to_string(shape));
  const int64_t n = shape_numel(shape);  // LimitError on overflow
  if (n > max_elements)
    throw LimitError(what + ": " + std::to_string(n) + " elements exceed the limit of " + std::to_string(max_elements));
  // The payload actually present is compared with the claimed size BEFORE
  // the tensor is allocated: a few bytes of protobuf may claim 2^31
  // elements, and zero-filling them first would take gigabytes.
  const auto elem = static_cast<int64_t>(dtype_size(*dtype));
  const std::string claimed = std::string(dtype_name(*dtype)) + " " + shape_to_string(shape);
  const Field f = typed_field(*dtype);
  if (p.has_raw_data()) {
    const auto have = static_cast<int64_t>(p.raw_data().size());
    if (have % elem != 0 || have / elem != n)
      throw ValidationError(
          what + ": raw_data has " + std::to_string(have) + " bytes, expected " +
          (n > std::numeric_limits<int64_t>::max() / elem ? std::string("more") : std::to_string(n * elem)) + " for " +
          claimed);
  } else if (typed_count(p, f) != n) {
    throw ValidationError(what + ": typed field holds " + std::to_string(typed_count(p, f)) + " values, expected " +
                          std::to_string(n) + " for " + claimed);
  }
  if (p.has_raw_data()) {
    Tensor t(*dtype, shape);
    std::memcpy(t.raw(), p.raw_data().data(), t.nbytes());
    if (*dtype == DType::Bool)
      for (auto& b : t.data<uint8_t>()) b = b ? 1 : 0;
    return t;
  }
  Tensor t(*dtype, shape);
  visit_dtype(*dtype, [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    using S = storage_t<D>;
    auto out = t.data<S>();
    for (int64_t i = 0; i < n; ++i) {
      switch (f) {
        case Field::Float: out[i] = static_cast<S>(p.float_data(static_cast<int>(i))); break;
        case Field::Int32:
          if constexpr (D == DType::Bool)
            out[i] = p.int32_data(static_cast<int>(i)) ? 1 : 0;
          else
            out[i] = static_cast<S>(p.int32_data(static_cast<int>(i)));
          break;
        case Field::Int64: out[i] = static_cast<S>(p.int64_data(static_cast<int>(i))); break;
        case Field::UInt64: out[i] = static_cast<S>(p.uint64_data(static_cast<int>(i))); break;
        case Field::Double: out[i] = static_cast<S>(p.double_data(static_cast<int>(i))); break;
      }
    }
  });
  return t;
}

Tensor read_tensor_proto_file(const std::string& path, int64_t max_elements) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ValidationError("cannot open tensor file '" + path + "'");
  onnx::TensorProto p;
  if (!p.ParseFromIstream(&in)) throw ValidationError("'" + path + "' is not a valid TensorProto");
  return from_tensor_proto(p, max_elements);
}

void write_tensor_proto_file(const Tensor& t, const std::string& path, const std::string& name) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw ValidationError("cannot write tensor file '" + path + "'");
  if (!to_tensor_proto(t, ProtoEncoding::Raw, name).SerializeToOstream(&out))
    throw ValidationError("failed to write '" + path + "'");
}

}  // namespace ptonnx
