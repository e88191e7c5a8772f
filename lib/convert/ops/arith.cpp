#include "convert/ops/arith.h"

#include <stdexcept>

#include "convert/onnx_types.h"

namespace ptonnx::arith {

std::vector<std::string> inputs_as(ConversionContext& c, DType t) {
  std::vector<std::string> names;
  for (size_t i = 0; i < c.num_inputs(); ++i) names.push_back(c.cast(c.in(i), c.in_dtype(i), t));
  return names;
}

std::string wrap_from_int64(ConversionContext& c, const std::string& v, DType t, std::string out) {
  const int bits = dtype_bits(t);
  if (!is_integer(t) || bits >= 64) throw std::logic_error("wrap_from_int64: needs an integer type below 64 bits");
  const double modulus = static_cast<double>(int64_t{1} << bits);
  std::string in_range;
  if (is_unsigned_integer(t)) {
    // Mod with fmod=0 takes the divisor's sign: the result is in [0, 2^bits).
    in_range = c.temp("wrapped");
    c.emit("Mod", {v, c.scalar(DType::Int64, modulus)}, {in_range});
  } else {
    // ((v + 2^(bits-1)) mod 2^bits) - 2^(bits-1) is in [-2^(bits-1), 2^(bits-1)).
    const std::string half = c.scalar(DType::Int64, modulus / 2);
    const std::string shifted = c.temp("shifted");
    c.emit("Add", {v, half}, {shifted});
    const std::string reduced = c.temp("reduced");
    c.emit("Mod", {shifted, c.scalar(DType::Int64, modulus)}, {reduced});
    in_range = c.temp("wrapped");
    c.emit("Sub", {reduced, half}, {in_range});
  }
  return c.cast(in_range, DType::Int64, t, std::move(out));
}

namespace {

// int64 -> uint64: a negative x becomes x + 2^64 = (x + 2^62 + 2^62) + 2^63,
// each step in range (the inner sums on int64 of a value already < 0).
std::string int64_to_uint64(ConversionContext& c, const std::string& x, std::string out) {
  const std::string neg = c.temp("negative");
  c.emit("Less", {x, c.scalar(DType::Int64, 0)}, {neg});
  const std::string lo = c.temp("negatives");
  c.emit("Where", {neg, x, c.scalar(DType::Int64, -1)}, {lo});
  const std::string quarter = c.scalar(DType::Int64, 4611686018427387904.0);  // 2^62
  const std::string half_up = c.temp("plus_2_62");
  c.emit("Add", {lo, quarter}, {half_up});
  const std::string shifted = c.temp("plus_2_63");
  c.emit("Add", {half_up, quarter}, {shifted});
  const std::string low = c.temp("low_63_bits");
  c.emit("Where", {neg, shifted, x}, {low});
  // 2^63 where negative, as Cast(neg) * 2^63: ONNX Runtime has no Where
  // kernel for uint64 values.
  const std::string high = c.temp("high_bit");
  c.emit("Mul", {c.cast(neg, DType::Bool, DType::UInt64), c.scalar(DType::UInt64, 9223372036854775808.0)}, {high});
  if (out.empty()) out = c.temp("as_uint64");
  c.emit("Add", {c.cast(low, DType::Int64, DType::UInt64), high}, {out});
  return out;
}

// uint64 -> int64: (x mod 2^63) - (x >= 2^63 ? 2^63 : 0), in range.
std::string uint64_to_int64(ConversionContext& c, const std::string& x, std::string out) {
  const std::string two63 = c.scalar(DType::UInt64, 9223372036854775808.0);
  const std::string big = c.temp("high_bit_set");
  c.emit("GreaterOrEqual", {x, two63}, {big});
  const std::string low = c.temp("low_63_bits");
  c.emit("Mod", {x, two63}, {low});
  const std::string high = c.temp("high_bit");
  c.emit("Where", {big, c.scalar(DType::Int64, -9223372036854775808.0), c.scalar(DType::Int64, 0)}, {high});
  if (out.empty()) out = c.temp("as_int64");
  c.emit("Add", {c.cast(low, DType::UInt64, DType::Int64), high}, {out});
  return out;
}

}  // namespace

std::string cast_mod_2_64(ConversionContext& c, const std::string& v, DType from, DType to, std::string out) {
  if (from == DType::UInt64 && to == DType::Int64) return uint64_to_int64(c, v, std::move(out));
  if (to == DType::UInt64 && is_integer(from) && !is_unsigned_integer(from))
    return int64_to_uint64(c, c.cast(v, from, DType::Int64), std::move(out));
  return c.cast(v, from, to, std::move(out));
}

std::string binary(ConversionContext& c, std::string_view op, const std::string& a, const std::string& b, DType t,
                   std::string out) {
  if (onnx_accepts(op, t, c.opset())) {
    if (out.empty()) out = c.temp(std::string(op));
    c.emit(op, {a, b}, {out});
    return out;
  }
  if (!is_integer(t) || dtype_bits(t) > 16)
    throw std::logic_error("arith::binary: ONNX " + std::string(op) + " lacks " + std::string(dtype_name(t)) +
                           " at opset " + std::to_string(c.opset()) + " and no wider form is defined");
  const std::string wide = c.temp(std::string(op) + "_int64");
  c.emit(op, {c.cast(a, t, DType::Int64), c.cast(b, t, DType::Int64)}, {wide});
  if (out.empty()) out = c.temp(std::string(op));
  return wrap_from_int64(c, wide, t, out);
}

std::string fold(ConversionContext& c, std::string_view op, const std::vector<std::string>& values, DType t,
                 const std::string& out) {
  std::string acc = values.at(0);
  for (size_t i = 1; i < values.size(); ++i) acc = binary(c, op, acc, values[i], t, i + 1 == values.size() ? out : "");
  return acc;
}

}  // namespace ptonnx::arith
