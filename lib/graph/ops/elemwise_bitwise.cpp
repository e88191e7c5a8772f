// Type inference of the bitwise Elemwise ops (tier 5; pytensor rel-3.3.0
// scalar/basic.py BinaryBitOp: AND, OR, XOR; UnaryBitOp: Invert).
// - AND, OR, XOR: two bools give bool; otherwise both inputs must be
//   integers ("input to a BitOp must have type (u)int8, (u)int16, (u)int32
//   or (u)int64 or be all bools"): bool with an integer is refused, as are
//   floats. The output is upcast_out of the two (int8 & uint8 -> int16).
// - Invert: one bool or integer input (discrete_types), same dtype out.
// One pair PyTensor accepts is refused here: a signed integer with uint64.
// upcast gives float64 for it, and then np.bitwise_and (Elemwise.perform)
// raises "ufunc 'bitwise_and' not supported for the input types" while the
// C backend computes `(double)((uint64)x & y)`: no bitwise result to
// reproduce, so the graph is rejected at build time with that reason.
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

const char* kIntegersOnly = "input to a BitOp must have type (u)int8, (u)int16, (u)int32 or (u)int64";

std::vector<TensorType> binary_bit_out(const InferContext& c) {
  const DType a = c.dtype(0), b = c.dtype(1);
  const StaticShape shape = infer::broadcast_inputs(c);
  if (a == DType::Bool && b == DType::Bool) return infer::one(DType::Bool, shape);
  for (DType t : {a, b})
    if (!is_integer(t))
      c.fail(std::string(kIntegersOnly) + " or be all bools, not " + std::string(dtype_name(t)) + " (inputs " +
             std::string(dtype_name(a)) + ", " + std::string(dtype_name(b)) + ")");
  const DType out = infer::upcast_inputs(c);
  if (is_float(out))
    c.fail("a signed integer with uint64 (" + std::string(dtype_name(a)) + ", " + std::string(dtype_name(b)) +
           ") upcasts to " + std::string(dtype_name(out)) +
           ", where np.bitwise_and/or/xor raise ('not supported for the input types'): cast one input first");
  return infer::one(out, shape);
}

std::vector<TensorType> invert_out(const InferContext& c) {
  const DType t = c.dtype(0);
  if (t != DType::Bool && !is_integer(t))
    c.fail(std::string(kIntegersOnly) + " or bool, not " + std::string(dtype_name(t)));
  return infer::one(t, c.type(0).shape);
}

OpSchema binary_bit(const std::string& name, const std::string& numpy) {
  return OpSchema{name, 2, 2, {}, binary_bit_out,
                  "np." + numpy + "(x, y) in upcast(x, y): bitwise on integers, logical on two bools"};
}

const OpSchemaRegistrar kAND(binary_bit("AND", "bitwise_and"));
const OpSchemaRegistrar kOR(binary_bit("OR", "bitwise_or"));
const OpSchemaRegistrar kXOR(binary_bit("XOR", "bitwise_xor"));
const OpSchemaRegistrar kInvert(OpSchema{"Invert", 1, 1, {}, invert_out, "np.invert(x): ~x on integers, not x on bool"});

}  // namespace
}  // namespace ptonnx
