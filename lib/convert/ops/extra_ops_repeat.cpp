// Converter of Repeat (tier 5; pt.repeat = np.repeat, axis None flattens).
// np.repeat is not np.tile: element k of the axis appears repeats[k] times
// in place ([1, 2] x 2 -> [1, 1, 2, 2], Tile gives [1, 2, 1, 2]).
//
// One exact form for scalar and per-element repeats, at every opset:
//   r    = Expand(Cast(repeats, int64), [n])   (0-d and length-1 broadcast)
//   ends = CumSum(r)                            (end of each element's run)
//   j    = Range(0, ReduceSum(r))               (output positions)
//   idx  = ReduceSum(Cast(ends <= j[:, None]), axis 1)   (# runs ended by j)
//   out  = Gather(x, idx, axis)
// Zero repeats give empty runs that idx skips; n = 0 or a total of 0 give
// an empty index and an empty axis. PyTensor's scalar path (expand_dims,
// broadcast_to, reshape) is not copied: a Reshape to a computed shape
// holding a 0 would copy the input's dim (allowzero 0). O(n * total)
// comparisons, fine for the axis lengths graphs repeat. Every op has
// int64 kernels in ONNX Runtime.
#include "convert/ops/axes.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

void convert_repeat(ConversionContext& c, const Node& node) {
  Emit e{c};
  std::string x = c.in(0);
  int64_t axis = 0;
  if (has_attr(node.attrs, "axis"))
    axis = axes::normalize(attr_int(node.attrs, "axis"), node.inputs[0]->type.ndim());
  else
    x = e.op("Reshape", {x, axes::int64_vector(c, {-1}, "flat")}, "flattened");
  // [n] as a 1-D shape for Expand (a 1-D index keeps Gather's output 1-D).
  const std::string n = e.op("Gather", {e.op("Shape", {x}, "shape"), axes::int64_vector(c, {axis}, "axis")}, "n", 0);
  const std::string r64 = c.cast(c.in(1), c.in_dtype(1), DType::Int64);
  const std::string r = e.op("Expand", {r64, n}, "repeats");
  const std::string ends = e.op("CumSum", {r, c.scalar(DType::Int64, 0)}, "ends");
  const std::string total = c.temp("total");
  set_attr(c.emit("ReduceSum", {r, axes::int64_vector(c, {0}, "axis0")}, {total}), "keepdims", int64_t{0});
  const std::string j = e.op("Range", {c.scalar(DType::Int64, 0), total, c.scalar(DType::Int64, 1)}, "positions");
  const std::string column = e.op("Unsqueeze", {j, axes::int64_vector(c, {1}, "axis1")}, "positions_col");
  const std::string ended = c.cast(e.op("LessOrEqual", {ends, column}, "ended"), DType::Bool, DType::Int64);
  const std::string idx = c.temp("indices");
  set_attr(c.emit("ReduceSum", {ended, axes::int64_vector(c, {1}, "axis1")}, {idx}), "keepdims", int64_t{0});
  set_attr(c.emit("Gather", {x, idx}, {c.out()}), "axis", axis);
}

const ConverterRegistrar kRepeat("Repeat", 13, convert_repeat);

}  // namespace
}  // namespace ptonnx
