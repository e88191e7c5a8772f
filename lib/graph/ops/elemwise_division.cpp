// Type inference of the floor division and remainder Elemwise ops
// (extended group; pytensor rel-3.3.0 scalar/basic.py): IntDiv
// (`int_div = IntDiv(upcast_out)`, pt.int_div / pt.floor_div / `//`,
// np.floor_divide) and Mod (`mod = Mod(upcast_out)`, pt.mod / `%`,
// np.remainder). Both are upcast_out: the NumPy promotion of the two
// inputs, bool // bool included (bool: NumPy computes it in int8 and
// PyTensor casts back), int64 with uint64 is float64 (a float floor
// division). Complex inputs, which PyTensor refuses, do not exist here.
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

std::vector<TensorType> upcast_out(const InferContext& c) {
  return infer::one(infer::upcast_inputs(c), infer::broadcast_inputs(c));
}

const OpSchemaRegistrar kIntDiv(OpSchema{"IntDiv", 2, 2, {}, upcast_out, "np.floor_divide(x, y) in upcast(x, y)"});
const OpSchemaRegistrar kMod(OpSchema{"Mod", 2, 2, {}, upcast_out, "np.remainder(x, y) in upcast(x, y)"});

}  // namespace
}  // namespace ptonnx
