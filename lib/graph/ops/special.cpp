// Type inference of Softmax and LogSoftmax (tier 5; pytensor rel-3.3.0
// tensor/special.py). Both are TensorSymbolicOps whose meaning is their
// inner graph, with `axis` a tuple (softmax(x, axis=None) normalises None to
// every axis, normalize_reduce_axis(..., normalize_none=True)):
//   Softmax:    xs = x - x.max(axis, keepdims=True); e = exp(xs);
//               e / e.sum(axis, keepdims=True)
//   LogSoftmax: xs - log(exp(xs).sum(axis, keepdims=True))
// Attribute: axis ints, optional (absent = None = all axes; [] = no axes;
// negative axes count from the end; out of range or repeated: TypeError).
// Dtypes: float inputs keep theirs; integers go through exp's
// upgrade_to_float (8/16-bit -> float32, 32/64-bit -> float64; xs is
// computed, wrapping, in the integer dtype first); bool is refused, since
// x - max is Sub, whose upcast_out_nobool rejects a bool output. The shape
// is the input's.
#include "core/error.h"
#include "graph/ops/infer_helpers.h"
#include "graph/ops/reduction.h"

namespace ptonnx {
namespace {

std::vector<TensorType> softmax_out(const InferContext& c) {
  if (c.dtype(0) == DType::Bool) c.fail("bool input: x - x.max() is Sub, which refuses a bool output");
  try {
    reduction::reduced_axes(c.attrs, c.type(0).ndim());
  } catch (const TypeError& e) {
    c.fail(e.what());
  }
  return infer::one(upgrade_to_float(c.dtype(0)), c.type(0).shape);
}

const AttrSpec kAxis{"axis", AttrKind::Ints};

const OpSchemaRegistrar kSoftmax(OpSchema{
    "Softmax", 1, 1, {kAxis}, softmax_out, "pt.special.softmax: e = exp(x - max); e / sum(e) over axis (None: all)"});
const OpSchemaRegistrar kLogSoftmax(OpSchema{
    "LogSoftmax", 1, 1, {kAxis}, softmax_out, "pt.special.log_softmax: xs - log(sum(exp(xs))), xs = x - max"});

}  // namespace
}  // namespace ptonnx
