// Integer ** integer for Pow (elemwise_math.cpp), exact modulo 2^bits as
// NumPy's repeated multiplication. ONNX Pow of int32/int64 says nothing of
// how the power is formed, and ONNX Runtime computes it through double
// (std::pow), which is wrong even in range (3**39 in int64 is
// 4052555153018976267, a double rounds it) and does not wrap. So the power
// is exponentiation by squaring in a Loop over the exponent's bits, in
// uint64:
//
//   acc = 1; b = base; e = exponent
//   repeat bits(t) times: f = b * (e mod 2) + (1 - e mod 2)   (b or 1)
//                         acc = acc * f; b = b * b; e = e / 2
//
// (f is formed by arithmetic: ONNX Runtime has no uint64 Where; b * {0,1}
// + {1,0} never overflows.) Types below 64 bits reduce acc and b modulo
// 2^bits after each product, so every product of two values < 2^32 is
// exact in uint64 and nothing relies on wraparound; 64-bit types rely on
// uint64 Mul wrapping modulo 2^64, as every integer arithmetic op of the
// converters does (docs/converter.md, "Tier-1 mappings").
//
// Exponents are non-negative in PyTensor (an integer to a negative integer
// power raises); a negative one is clamped to 0 here (power 1), an answer
// ONNX does not constrain either.
#include "convert/ops/arith.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/subgraph_emit.h"

namespace ptonnx::arith {

std::string integer_power(ConversionContext& c, const std::string& base, const std::string& exponent, DType t,
                          std::string out) {
  const DType u = DType::UInt64;
  const int bits = dtype_bits(t);
  const bool narrow = bits < 64;
  Emit e{c};
  auto reduce = [&](Emit& em, const std::string& v, const char* hint) {
    return narrow ? em.op("Mod", {v, em.c.scalar(u, static_cast<double>(int64_t{1} << bits))}, hint) : v;
  };
  // The base's two's-complement pattern; the exponent, clamped at 0.
  std::string b = reduce(e, cast_mod_2_64(c, base, t, u), "base_bits");
  std::string x = exponent;
  if (is_signed_integer(t))
    x = e.op("Max", {c.cast(exponent, t, DType::Int64), c.scalar(DType::Int64, 0)}, "exp_nonneg");
  x = c.cast(x, is_signed_integer(t) ? DType::Int64 : t, u);
  const std::string zero = c.scalar(u, 0), one = c.scalar(u, 1);
  const std::string acc0 =
      e.op("Add", {e.op("Add", {e.op("Mul", {b, zero}, "b_zeros"), e.op("Mul", {x, zero}, "e_zeros")}, "zeros"), one},
           "ones");

  const Node& node = c.node();
  const auto type_of = [&](size_t i) { return TensorType{u, node.inputs.at(i)->type.shape}; };
  linalg_loops::LoopBuilder loop(c, "pow_by_squaring");
  ConversionContext& bc = loop.body();
  Emit be{bc};
  const std::string acc = loop.carry("acc", TensorType{u, node.outputs.at(0)->type.shape}, acc0);
  const std::string bb = loop.carry("base", type_of(0), b);
  const std::string xx = loop.carry("exponent", type_of(1), x);
  const std::string two = bc.scalar(u, 2), bone = bc.scalar(u, 1);
  const std::string bit = be.op("Mod", {xx, two}, "bit");
  const std::string factor =
      be.op("Add", {be.op("Mul", {bb, bit}, "base_or_0"), be.op("Sub", {bone, bit}, "not_bit")}, "factor");
  loop.update(0, reduce(be, be.op("Mul", {acc, factor}, "product"), "acc_next"));
  loop.update(1, reduce(be, be.op("Mul", {bb, bb}, "square"), "base_next"));
  loop.update(2, be.op("Div", {xx, two}, "exponent_next"));
  const auto results = loop.emit(c.scalar(DType::Int64, bits));
  const std::string& power = results[0];
  if (t == u) {
    c.emit("Identity", {power}, {out});
    return out;
  }
  if (!narrow) return cast_mod_2_64(c, power, u, t, out);
  const std::string as_int64 = c.cast(power, u, DType::Int64);
  if (is_unsigned_integer(t)) return c.cast(as_int64, DType::Int64, t, out);
  return wrap_from_int64(c, as_int64, t, out);
}

}  // namespace ptonnx::arith
