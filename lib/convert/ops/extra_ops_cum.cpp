// Converter of CumOp (tier 5; np.cumsum / np.cumprod in x's dtype, axis
// None ravels first). Two exact forms:
//
// - add on int8/16/32 and uint8/16/32: Cast to int64, CumSum, wrap back
//   modulo 2^w (arith::wrap_from_int64). The int64 sums cannot overflow
//   (|x| < 2^32, n < 2^31), and wrapping the exact sum equals NumPy's
//   in-dtype wraparound. CumSum has no 8/16-bit types, and ONNX Runtime's
//   has int32, int64, float, double only; int32 CumSum itself would
//   overflow, which ONNX leaves open.
// - everything else (add on bool, int64, uint64 and floats; every mul) is a
//   sequential Loop: acc = x[0]; for k in 1..n-1: acc = acc op x[k]; the
//   result grows by Concat. One op per step in the dtype reproduces
//   NumPy's accumulate bit for bit: float16 rounds per step (CumSum-14's
//   float16, and our runtime's CumSum, which accumulates floats in double,
//   would round once); float32 sums in float32 order; integer Add/Mul wrap
//   (8/16-bit at opset 13 through int64, arith::binary); bool is Or / And.
//   No CumProd before opset 26, and Exp(CumSum(Log(x))) is wrong for zeros,
//   negatives and integers. A carried result (not Loop scan outputs) makes
//   n = 0 and n = 1 plain zero-trip Loops: ONNX leaves the shape of scan
//   outputs after zero iterations open.
#include "convert/ops/arith.h"
#include "convert/ops/axes.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

using linalg_loops::LoopBuilder;

bool cumsum_via_int64(DType t) {
  return t == DType::Int8 || t == DType::Int16 || t == DType::Int32 || t == DType::UInt8 || t == DType::UInt16 ||
         t == DType::UInt32;
}

// One step acc op v in dtype t inside the body.
std::string combine(ConversionContext& b, bool mul, const std::string& acc, const std::string& v, DType t) {
  if (t == DType::Bool) return Emit{b}.op(mul ? "And" : "Or", {acc, v}, "acc_out");
  return arith::binary(b, mul ? "Mul" : "Add", acc, v, t);
}

std::string sequential(ConversionContext& c, const std::string& x, int64_t axis, int64_t rank, DType t, bool mul) {
  Emit e{c};
  const std::string axes = axes::int64_vector(c, {axis}, "axis");
  const std::string n = e.op("Gather", {e.op("Shape", {x}, "shape"), axes::int64_vector(c, {axis}, "axis")}, "n", 0);
  const std::string first = axes::pin_rank(
      c,
      e.op("Slice", {x, axes::int64_vector(c, {0}, "zero"), axes::int64_vector(c, {1}, "one"), axes}, "first"), rank);
  const std::string steps =
      e.op("Max", {e.op("Sub", {n, c.scalar(DType::Int64, 1)}, "n_minus_1"), c.scalar(DType::Int64, 0)}, "steps");

  StaticShape dims(static_cast<size_t>(rank), std::nullopt);
  LoopBuilder loop(c, "cumulate_body");
  ConversionContext& b = loop.body();
  Emit be{b};
  const std::string acc = loop.carry("acc", TensorType{t, dims}, first);
  const std::string result = loop.carry("result", TensorType{t, dims}, first);
  const std::string k = be.op("Add", {loop.iteration(), c.scalar(DType::Int64, 1)}, "k");
  const std::string k1 = be.op("Add", {k, c.scalar(DType::Int64, 1)}, "k_end");
  const std::string shape1 = axes::int64_vector(c, {1}, "shape1");
  const std::string starts = be.op("Reshape", {k, shape1}, "starts");
  const std::string ends = be.op("Reshape", {k1, shape1}, "ends");
  const std::string xk = axes::pin_rank(b, be.op("Slice", {x, starts, ends, axes}, "x_k"), rank);
  const std::string next = combine(b, mul, acc, xk, t);
  loop.update(0, next);
  loop.update(1, be.op("Concat", {result, next}, "result_out", axis));
  return loop.emit(steps)[1];
}

void convert_cumop(ConversionContext& c, const Node& node) {
  const DType t = c.in_dtype(0);
  const bool mul = attr_string(node.attrs, "mode") == "mul";
  std::string x = c.in(0);
  int64_t rank = node.inputs[0]->type.ndim(), axis = 0;
  if (has_attr(node.attrs, "axis")) {
    axis = axes::normalize(attr_int(node.attrs, "axis"), rank);
  } else {
    x = Emit{c}.op("Reshape", {x, axes::int64_vector(c, {-1}, "flat")}, "raveled");
    rank = 1;
  }
  if (!mul && cumsum_via_int64(t)) {
    const std::string wide = c.cast(x, t, DType::Int64);
    const std::string sums = Emit{c}.op("CumSum", {wide, c.scalar(DType::Int64, static_cast<double>(axis))}, "sums");
    arith::wrap_from_int64(c, sums, t, c.out());
    return;
  }
  c.emit("Identity", {sequential(c, x, axis, rank, t, mul)}, {c.out()});
}

const ConverterRegistrar kCumOp("CumOp", 13, convert_cumop);

}  // namespace
}  // namespace ptonnx
