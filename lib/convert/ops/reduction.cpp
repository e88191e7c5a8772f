// Converters of the CAReduce family: Sum, Prod, Max, Min, All, Any and the
// generic CAReduce{scalar_op} (pytensor/tensor/elemwise.py, tensor/math.py).
//
// PyTensor reduces in the accumulator dtype and casts the result to the
// output dtype (integers wrap). The converter does the same:
// - Sum/Prod/Add/Mul: floats Cast to the accumulator (float16 -> float32,
//   float32 -> float64), ReduceSum/ReduceProd, Cast back. Integers reduce in
//   int64 (uint64 when the output is uint64): the low bits of a wrapping
//   sum or product do not depend on the width it was computed in, and
//   ReduceSum/ReduceProd lack 8/16-bit integers; a narrower output is
//   wrapped back with Mod (ONNX leaves out-of-range Casts undefined).
// - Max/Min: ReduceMax/ReduceMin in the input dtype (bool via uint8,
//   int16/uint16 via int32/uint32: these Reduce* lack them before opset
//   20), with an IsNaN guard: NumPy propagates NaN, the ONNX spec is silent.
// - All/Any/AND/OR/XOR: count the true (or false) elements with ReduceSum
//   in int64, which is defined for empty inputs at every opset (ReduceMin/
//   ReduceMax of an empty set is defined only from opset 18).
// - axis=() (or a 0-d input) reduces nothing: the result is the input in
//   the output dtype. No Reduce* is emitted then: an empty axes input means
//   "all axes" in ONNX.
#include "convert/ops/reduction.h"

#include <cmath>
#include <limits>

#include "convert/onnx_types.h"
#include "convert/ops/arith.h"
#include "convert/registry.h"
#include "graph/ops/reduction.h"

namespace ptonnx {

namespace reduce {

std::string emit(ConversionContext& c, const std::string& op, const std::string& x, const std::vector<int64_t>& axes,
                 bool keepdims, std::string out) {
  if (out.empty()) out = c.temp(op);
  const bool axes_input = op == "ReduceSum" || c.opset() >= 18;
  std::vector<std::string> inputs{x};
  if (axes_input) {
    Tensor a(DType::Int64, {static_cast<int64_t>(axes.size())});
    for (size_t i = 0; i < axes.size(); ++i) a.data<int64_t>()[i] = axes[i];
    inputs.push_back(c.initializer(a, "axes"));
  }
  auto& n = c.emit(op, std::move(inputs), {out});
  if (!axes_input) set_attr(n, "axes", axes);
  set_attr(n, "keepdims", int64_t{keepdims ? 1 : 0});
  return out;
}

void assign(ConversionContext& c, const std::string& v, const std::string& out) { c.emit("Identity", {v}, {out}); }

std::string count_true(ConversionContext& c, const std::string& mask, const std::vector<int64_t>& axes, bool keepdims) {
  return emit(c, "ReduceSum", c.cast(mask, DType::Bool, DType::Int64), axes, keepdims);
}

}  // namespace reduce

namespace {

struct Reduction {
  std::vector<int64_t> axes;
  bool keepdims;
};

Reduction reduction_of(const Node& n) {
  return {reduction::reduced_axes(n.attrs, n.inputs.at(0)->type.ndim()), reduction::keepdims(n.attrs)};
}

// `v` of dtype `from` written to the node's output as NumPy's unsafe cast
// to the output dtype: wrap for narrower integers, x != 0 for bool.
void cast_out(ConversionContext& c, const std::string& v, DType from) {
  const DType to = c.out_dtype();
  if (from == to) return reduce::assign(c, v, c.out());
  if (to == DType::Bool) {
    const std::string zero = c.temp("is_zero");
    c.emit("Equal", {v, c.scalar(from, 0)}, {zero});
    c.emit("Not", {zero}, {c.out()});
  } else if (is_integer(to) && dtype_bits(to) < 64 && from == DType::Int64) {
    arith::wrap_from_int64(c, v, to, c.out());
  } else if (is_float(from) && !is_float(to)) {
    c.unsupported("a float accumulator cast to integer output " + std::string(dtype_name(to)) +
                  " (truncation of NaN/inf is undefined in both)");
  } else {
    c.cast(v, from, to, c.out());
  }
}

// Sum/Prod (and CAReduce Add/Mul): see the file comment.
void convert_sum_prod(ConversionContext& c, const Node& n, const std::string& onnx_op) {
  const Reduction r = reduction_of(n);
  const DType in = c.in_dtype(0), acc = reduction::acc_dtype(n), out = c.out_dtype();
  // An integer result that is cast to a float or bool needs its exact
  // value (uint64 stays uint64); one that is wrapped needs only its bits.
  DType work = acc;
  if (!is_float(acc) && (is_float(out) || out == DType::Bool)) work = acc == DType::UInt64 ? acc : DType::Int64;
  else if (!is_float(acc)) work = out == DType::UInt64 ? DType::UInt64 : DType::Int64;
  const std::string x = arith::cast_mod_2_64(c, c.in(0), in, work);
  if (r.axes.empty()) {
    // np.add.reduce over no axes still adds each element to the identity
    // 0: -0.0 + 0 is +0.0 (a Sum(axis=()) of -0.0 is +0.0, and 1 / it is
    // +inf). np.multiply.reduce keeps -0.0 (1 * -0.0).
    if (onnx_op == "ReduceSum" && is_float(work)) {
      const std::string plus_zero = c.temp("plus_zero");
      c.emit("Add", {x, c.scalar(work, 0)}, {plus_zero});
      return cast_out(c, plus_zero, work);
    }
    return cast_out(c, x, work);
  }
  cast_out(c, reduce::emit(c, onnx_op, x, r.axes, r.keepdims), work);
}

// The dtype ReduceMax/ReduceMin computes a t in: t itself when accepted,
// else a wider type of the same kind that holds every value exactly.
DType extremum_dtype(DType t, int opset) {
  if (onnx_accepts("ReduceMax", t, opset)) return t;
  if (t == DType::Bool) return DType::UInt8;
  return is_unsigned_integer(t) ? DType::UInt32 : DType::Int32;
}

void convert_extremum(ConversionContext& c, const Node& n, const std::string& onnx_op) {
  const Reduction r = reduction_of(n);
  const DType t = c.in_dtype(0);
  if (r.axes.empty()) return reduce::assign(c, c.in(0), c.out());
  const DType work = extremum_dtype(t, c.opset());
  const std::string reduced = reduce::emit(c, onnx_op, c.cast(c.in(0), t, work), r.axes, r.keepdims);
  if (!is_float(t)) {
    cast_out(c, reduced, work);
    return;
  }
  // NaN anywhere in the reduced elements makes the result NaN.
  const std::string isnan = c.temp("isnan");
  c.emit("IsNaN", {c.in(0)}, {isnan});
  const std::string has_nan = c.temp("has_nan");
  c.emit("Greater", {reduce::count_true(c, isnan, r.axes, r.keepdims), c.scalar(DType::Int64, 0)}, {has_nan});
  c.emit("Where", {has_nan, c.scalar(t, std::numeric_limits<double>::quiet_NaN()), reduced}, {c.out()});
}

// x != 0 as bool (x itself when it is bool); NaN != 0.
std::string nonzero(ConversionContext& c) {
  if (c.in_dtype(0) == DType::Bool) return c.in(0);
  const std::string zero = c.temp("is_zero"), nz = c.temp("nonzero");
  c.emit("Equal", {c.in(0), c.scalar(c.in_dtype(0), 0)}, {zero});
  c.emit("Not", {zero}, {nz});
  return nz;
}

enum class Logical { All, Any, Parity };

void convert_logical(ConversionContext& c, const Node& n, Logical kind) {
  const Reduction r = reduction_of(n);
  const std::string b = nonzero(c);
  if (r.axes.empty()) return reduce::assign(c, b, c.out());
  if (kind == Logical::Any) {
    c.emit("Greater", {reduce::count_true(c, b, r.axes, r.keepdims), c.scalar(DType::Int64, 0)}, {c.out()});
  } else if (kind == Logical::All) {
    const std::string falses = c.temp("not");
    c.emit("Not", {b}, {falses});
    c.emit("Equal", {reduce::count_true(c, falses, r.axes, r.keepdims), c.scalar(DType::Int64, 0)}, {c.out()});
  } else {
    const std::string odd = c.temp("parity");
    c.emit("Mod", {reduce::count_true(c, b, r.axes, r.keepdims), c.scalar(DType::Int64, 2)}, {odd});
    c.emit("Equal", {odd, c.scalar(DType::Int64, 1)}, {c.out()});
  }
}

void convert_sum(ConversionContext& c, const Node& n) { convert_sum_prod(c, n, "ReduceSum"); }
void convert_prod(ConversionContext& c, const Node& n) { convert_sum_prod(c, n, "ReduceProd"); }
void convert_max(ConversionContext& c, const Node& n) { convert_extremum(c, n, "ReduceMax"); }
void convert_min(ConversionContext& c, const Node& n) { convert_extremum(c, n, "ReduceMin"); }
void convert_all(ConversionContext& c, const Node& n) { convert_logical(c, n, Logical::All); }
void convert_any(ConversionContext& c, const Node& n) { convert_logical(c, n, Logical::Any); }

// CAReduce{scalar_op}: the output keeps the input dtype. Bitwise AND/OR/XOR
// of integers have no ONNX reduction (it would take one ReduceMin/ReduceMax
// per bit plane): refused; on bools they are All/Any/parity.
void convert_careduce(ConversionContext& c, const Node& n) {
  const std::string& op = attr_string(n.attrs, "scalar_op");
  if (op == "Add") return convert_sum_prod(c, n, "ReduceSum");
  if (op == "Mul") return convert_sum_prod(c, n, "ReduceProd");
  if (op == "Maximum") return convert_extremum(c, n, "ReduceMax");
  if (op == "Minimum") return convert_extremum(c, n, "ReduceMin");
  if (c.in_dtype(0) != DType::Bool)
    c.unsupported("CAReduce{" + op + "} of " + std::string(dtype_name(c.in_dtype(0))) +
                  ": bitwise reductions of integers have no ONNX operator (supported: bool inputs)");
  convert_logical(c, n, op == "AND" ? Logical::All : op == "OR" ? Logical::Any : Logical::Parity);
}

const ConverterRegistrar kSum("Sum", 13, convert_sum);
const ConverterRegistrar kProd("Prod", 13, convert_prod);
const ConverterRegistrar kMax("Max", 13, convert_max);
const ConverterRegistrar kMin("Min", 13, convert_min);
const ConverterRegistrar kAll("All", 13, convert_all);
const ConverterRegistrar kAny("Any", 13, convert_any);
const ConverterRegistrar kCAReduce("CAReduce", 13, convert_careduce);

}  // namespace
}  // namespace ptonnx
