// Converters of the bitwise Elemwise ops (tier 5): AND, OR, XOR (np.bitwise_*
// in the upcast of two integers, logical on two bools) and Invert (~x; not x
// on bool).
//
// - bool: And, Or, Xor, Not (opset 7 / 1: every opset).
// - integers at opset 18: both inputs Cast to the output dtype (the upcast
//   holds both ranges, so the Casts are exact), then BitwiseAnd, BitwiseOr,
//   BitwiseXor, BitwiseNot (new in opset 18).
// - integers at opsets 13-17, which have no bitwise operator on integers:
//   * Invert: ~x == -1 - x for signed types (never overflows) and
//     MAX - x for unsigned ones (never below 0): one Sub.
//   * AND, OR, XOR on bit planes. Each operand becomes its two's-complement
//     bit pattern in w = bits(output) bits, as a uint64 p in [0, 2^w)
//     (unsigned: a Cast; signed narrower than 64 bits: Mod(x, 2^w) in int64,
//     whose result takes the divisor's sign (Mod-13, fmod=0); int64:
//     arith::cast_mod_2_64), Unsqueezed to (..., 1) and split into w planes
//     Mod(BitShift(p, [0..w-1], RIGHT), 2) of shape (..., w). The planes are
//     combined per bit (AND Mul, OR Max, XOR Mod(Add, 2): 0/1 values, no
//     overflow) and reassembled as the sum of BitShift(planes, [0..w-1],
//     LEFT) over the last axis: distinct powers of two below 2^w, summed in
//     int64 (modulo 2^64 for w = 64, bit 63 included; see reassemble).
//     The pattern goes back to the output dtype without out-of-range Casts
//     (wrap_from_int64, cast_mod_2_64).
//   No step relies on integer overflow or on an out-of-range Cast: Cast-13
//   leaves those open ("value change caused by range difference"), and the
//   spec-adversarial runtime saturates them.
#include <stdexcept>

#include "convert/context.h"
#include "convert/ops/arith.h"
#include "convert/ops/arith_wrap.h"
#include "convert/ops/reduction.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

enum class Bit { And, Or, Xor };

const char* bool_op(Bit k) { return k == Bit::And ? "And" : k == Bit::Or ? "Or" : "Xor"; }
const char* bitwise_op(Bit k) { return k == Bit::And ? "BitwiseAnd" : k == Bit::Or ? "BitwiseOr" : "BitwiseXor"; }

void require_discrete(DType t) {
  // The IR refuses floats (BitOp); reaching here with one is an IR bug.
  if (t != DType::Bool && !is_integer(t))
    throw std::logic_error("bitwise converter: " + std::string(dtype_name(t)) + " output passed type inference");
}

// The vector [0, 1, ..., w-1] as uint64: shift amounts for BitShift.
std::string shift_amounts(ConversionContext& c, int w) {
  Tensor s(DType::UInt64, {w});
  for (int k = 0; k < w; ++k) s.data<uint64_t>()[k] = static_cast<uint64_t>(k);
  return c.initializer(s, "bit_positions");
}

onnx::NodeProto& bit_shift(ConversionContext& c, const std::string& x, const std::string& by, const char* direction,
                           const std::string& out) {
  auto& n = c.emit("BitShift", {x, by}, {out});
  auto* a = n.add_attribute();
  a->set_name("direction");
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(direction);
  return n;
}

// The w-bit two's-complement pattern of integer x (dtype `from`, whose range
// the w-bit output dtype holds) as a uint64 in [0, 2^w).
std::string pattern(ConversionContext& c, const std::string& x, DType from, int w) {
  if (is_unsigned_integer(from)) return c.cast(x, from, DType::UInt64);  // x < 2^bits(from) <= 2^w
  if (w == 64) return arith::cast_mod_2_64(c, x, from, DType::UInt64);
  const std::string wrapped = c.temp("mod_2_" + std::to_string(w));
  c.emit("Mod", {c.cast(x, from, DType::Int64), c.scalar(DType::Int64, static_cast<double>(int64_t{1} << w))},
         {wrapped});
  return c.cast(wrapped, DType::Int64, DType::UInt64);
}

// The planes (..., w) of a pattern p of rank `rank`: bit k of p at [..., k].
std::string planes(ConversionContext& c, const std::string& p, int64_t rank, const std::string& shifts) {
  Tensor axis(DType::Int64, {1});
  axis.data<int64_t>()[0] = rank;
  const std::string column = c.temp("column");
  c.emit("Unsqueeze", {p, c.initializer(axis, "axes")}, {column});
  const std::string shifted = c.temp("shifted");
  bit_shift(c, column, shifts, "RIGHT", shifted);
  const std::string bits = c.temp("bits");
  c.emit("Mod", {shifted, c.scalar(DType::UInt64, 2)}, {bits});
  return bits;
}

std::string combine(ConversionContext& c, Bit k, const std::string& a, const std::string& b) {
  const std::string out = c.temp("combined");
  if (k == Bit::And) {
    c.emit("Mul", {a, b}, {out});
  } else if (k == Bit::Or) {
    c.emit("Max", {a, b}, {out});
  } else {
    const std::string sum = c.temp("sum");
    c.emit("Add", {a, b}, {sum});
    c.emit("Mod", {sum, c.scalar(DType::UInt64, 2)}, {out});
  }
  return out;
}

// Reassembles planes (..., w) into the output dtype t, into c.out(). The
// sum is taken in int64, which every runtime reduces (ONNX Runtime has no
// uint64 ReduceSum): below 64 bits the weighted planes and their sum stay
// under 2^w <= 2^32, exact in a plain ReduceSum; 64-bit patterns (bit 63
// is 2^63, past int64) are summed modulo 2^64 by arith::sum_mod_2_64,
// exact as bits because the powers of two are distinct.
void reassemble(ConversionContext& c, const std::string& bits, int64_t rank, const std::string& shifts, DType t) {
  const std::string weighted = c.temp("weighted");
  bit_shift(c, bits, shifts, "LEFT", weighted);
  const std::string as_int64 = arith::cast_mod_2_64(c, weighted, DType::UInt64, DType::Int64);
  const std::string p = dtype_bits(t) == 64 ? arith::sum_mod_2_64(c, as_int64, {rank}, false)
                                            : reduce::emit(c, "ReduceSum", as_int64, {rank}, false);
  if (t == DType::Int64) {
    c.emit("Identity", {p}, {c.out()});
  } else if (t == DType::UInt64) {
    arith::cast_mod_2_64(c, p, DType::Int64, DType::UInt64, c.out());
  } else if (is_unsigned_integer(t)) {
    c.cast(p, DType::Int64, t, c.out());  // in [0, 2^w): exact
  } else {
    arith::wrap_from_int64(c, p, t, c.out());
  }
}

template <Bit K>
void convert_binary_bit(ConversionContext& c, const Node& node) {
  const DType t = c.out_dtype();
  require_discrete(t);
  if (t == DType::Bool) {
    c.emit(bool_op(K), {c.in(0), c.in(1)}, {c.out()});
    return;
  }
  if (c.opset() >= 18) {
    c.emit(bitwise_op(K), {c.cast(c.in(0), c.in_dtype(0), t), c.cast(c.in(1), c.in_dtype(1), t)}, {c.out()});
    return;
  }
  const int w = dtype_bits(t);
  const std::string shifts = shift_amounts(c, w);
  const std::string a = planes(c, pattern(c, c.in(0), c.in_dtype(0), w), node.inputs[0]->type.ndim(), shifts);
  const std::string b = planes(c, pattern(c, c.in(1), c.in_dtype(1), w), node.inputs[1]->type.ndim(), shifts);
  const int64_t rank = node.outputs[0]->type.ndim();
  reassemble(c, combine(c, K, a, b), rank, shifts, t);
}

// The largest value of unsigned t, exactly (UINT64_MAX is no double).
std::string unsigned_max(ConversionContext& c, DType t) {
  if (t != DType::UInt64) return c.scalar(t, static_cast<double>((uint64_t{1} << dtype_bits(t)) - 1));
  Tensor m(DType::UInt64, {});
  m.data<uint64_t>()[0] = ~uint64_t{0};
  return c.initializer(m, "uint64_max");
}

void convert_invert(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  require_discrete(t);
  if (t == DType::Bool) {
    c.emit("Not", {c.in(0)}, {c.out()});
  } else if (c.opset() >= 18) {
    c.emit("BitwiseNot", {c.in(0)}, {c.out()});
  } else {
    // ~x: -1 - x (signed, in range for every x) or MAX - x (unsigned);
    // arith::binary computes narrow types through int64 where Sub-13 lacks them.
    const std::string all_ones = is_unsigned_integer(t) ? unsigned_max(c, t) : c.scalar(t, -1);
    arith::binary(c, "Sub", all_ones, c.in(0), t, c.out());
  }
}

const ConverterRegistrar kAND("AND", 13, convert_binary_bit<Bit::And>);
const ConverterRegistrar kOR("OR", 13, convert_binary_bit<Bit::Or>);
const ConverterRegistrar kXOR("XOR", 13, convert_binary_bit<Bit::Xor>);
const ConverterRegistrar kInvert("Invert", 13, convert_invert);

}  // namespace
}  // namespace ptonnx
