// Converters of Softmax and LogSoftmax (tier 5; pytensor rel-3.3.0
// tensor/special.py), composed node for node from PyTensor's inner graph
// rather than mapped to ONNX Softmax/LogSoftmax:
//   xs = Sub(x, ReduceMax(x, axes, keepdims=1))     in x's dtype
//   e  = Exp(Cast(xs, f))                           f = upgrade_to_float
//   s  = Cast(ReduceSum(Cast(e, acc), axes, keepdims=1), f)
//   Softmax: Div(e, s)      LogSoftmax: Sub(Cast(xs, f), Log(s))
// Why not Softmax-13: it takes one axis, and PyTensor's axis is a tuple
// (None = every axis), which would need a Transpose and a Reshape with
// shapes computed at run time; and ONNX leaves its intermediate precision
// open (float16 may be exponentiated and summed in half), where PyTensor
// rounds after each step and sums float16 in a float32 accumulator
// (float32 in float64). The composition needs no shapes (Reduce* with
// keepdims broadcasts back), works for dynamic and zero-size dims, and
// rounds where PyTensor rounds.
// - Integers: the max and x - max are computed in the integer dtype with
//   NumPy's wraparound (int8 [-128, 127] gives xs [1, 0]; the max through
//   reduce::integer_extremum, in forms ONNX Runtime has kernels for; Sub
//   lacks 8/16-bit integers before opset 14: arith::binary), then Cast to f.
// - NaN: no IsNaN guard on ReduceMax (the ONNX spec is silent on NaN):
//   whether it returns NaN or the max of the rest, the NaN reaches the sum
//   of its group, so the whole group is NaN, as in NumPy. A group of -inf
//   gives NaN (-inf - -inf), one holding +inf NaN too (inf - inf).
// - axis=() (or a 0-d input): max and sum over no axes are x and e; no
//   Reduce* is emitted (an empty axes input would mean every axis).
// - A reduced axis of length 0: PyTensor raises (max of a zero-size array).
#include "convert/context.h"
#include "convert/onnx_types.h"
#include "convert/ops/arith.h"
#include "convert/ops/reduction.h"
#include "convert/registry.h"
#include "graph/ops/reduction.h"

namespace ptonnx {
namespace {

template <bool Log>
void convert_softmax(ConversionContext& c, const Node& n) {
  const DType t = c.in_dtype(0), f = c.out_dtype();
  const std::vector<int64_t> axes = reduction::reduced_axes(n.attrs, n.inputs.at(0)->type.ndim());
  const std::string& x = c.in(0);
  std::string m = x;
  if (!axes.empty()) {
    if (is_float(t)) {
      m = reduce::emit(c, "ReduceMax", x, axes, true);
    } else {  // ONNX Runtime lacks the unsigned and 16-bit ReduceMax kernels
      m = reduce::integer_extremum(c, "ReduceMax", x, t, axes, true);
    }
  }
  const std::string xs = c.cast(arith::binary(c, "Sub", x, m, t), t, f);
  const std::string e = c.temp("exp");
  c.emit("Exp", {xs}, {e});
  std::string s = e;
  if (!axes.empty()) {
    const DType acc = f == DType::Float16 ? DType::Float32 : DType::Float64;
    s = c.cast(reduce::emit(c, "ReduceSum", c.cast(e, f, acc), axes, true), acc, f);
  }
  if constexpr (Log) {
    const std::string l = c.temp("log_sum");
    c.emit("Log", {s}, {l});
    c.emit("Sub", {xs, l}, {c.out()});
  } else {
    c.emit("Div", {e, s}, {c.out()});
  }
}

const ConverterRegistrar kSoftmax("Softmax", 13, convert_softmax<false>);
const ConverterRegistrar kLogSoftmax("LogSoftmax", 13, convert_softmax<true>);

}  // namespace
}  // namespace ptonnx
