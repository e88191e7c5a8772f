// Converters of the CAReduce family: Sum, Prod, Max, Min, All, Any and the
// generic CAReduce{scalar_op} (pytensor/tensor/elemwise.py, tensor/math.py).
//
// PyTensor reduces in the accumulator dtype and casts the result to the
// output dtype (integers wrap). The converter does the same:
// - Sum/Prod/Add/Mul: floats Cast to the accumulator (float16 -> float32,
//   float32 -> float64), ReduceSum/ReduceProd, Cast back. Integers: ONNX
//   leaves integer overflow open (ONNX Runtime's ReduceSum saturates, and
//   it has no uint64 ReduceSum/ReduceProd), so the sum or product modulo
//   2^64 is built from steps that never overflow, as int64 bits (a uint64
//   input mapped modulo 2^64): inputs up to 32 bits sum exactly in int64;
//   64-bit inputs sum as 32-bit halves with an explicit carry
//   (arith::sum_mod_2_64); products multiply modulo 2^64 in a Loop per
//   reduced axis (arith::prod_mod_2_64). The low bits of a wrapping sum or
//   product do not depend on the width it was computed in, so the result
//   is then wrapped into the accumulator and output dtypes with Mod
//   (ONNX leaves out-of-range Casts undefined).
// - Max/Min: ReduceMax/ReduceMin in the input dtype (bool via uint8,
//   int16/uint16 via int32: these Reduce* lack them before opset 20;
//   uint32 via float64, exact), with an IsNaN guard: NumPy propagates NaN,
//   the ONNX spec is silent. int64 (and uint64, as an order-preserving
//   int64 key: ONNX Runtime has no uint64 kernel) as two int32 reductions
//   of its 32-bit halves: ONNX Runtime's int64 ReduceMax/ReduceMin are
//   wrong (extremum_int64).
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
#include "convert/ops/arith_wrap.h"
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

std::string uint64_key(ConversionContext& c, const std::string& x) {
  const std::string low = c.temp("low_63_bits"), top = c.temp("top_bit_set");
  const std::string two63 = c.scalar(DType::UInt64, 9223372036854775808.0);
  c.emit("Mod", {x, two63}, {low});
  c.emit("GreaterOrEqual", {x, two63}, {top});
  const std::string low64 = c.cast(low, DType::UInt64, DType::Int64);
  // low - 2^63 is in [-2^63, 0): no overflow.
  const std::string shifted = c.temp("minus_2_63");
  c.emit("Add", {low64, c.scalar(DType::Int64, -9223372036854775808.0)}, {shifted});
  const std::string key = c.temp("uint64_key");
  c.emit("Where", {top, low64, shifted}, {key});
  return key;
}

std::string from_uint64_key(ConversionContext& c, const std::string& k, std::string out) {
  // k >= 0 came from x = k + 2^63; k < 0 from x = k + 2^63 < 2^63, computed
  // as (k + 2^62) + 2^62 on the negative ones only (in range), with a
  // harmless -1 standing in for the others.
  const std::string top = c.temp("top_bit_set");
  c.emit("GreaterOrEqual", {k, c.scalar(DType::Int64, 0)}, {top});
  const std::string negatives = c.temp("negatives");
  c.emit("Where", {top, c.scalar(DType::Int64, -1), k}, {negatives});
  const std::string quarter = c.scalar(DType::Int64, 4611686018427387904.0);  // 2^62
  const std::string half_up = c.temp("plus_2_62"), up = c.temp("plus_2_63");
  c.emit("Add", {negatives, quarter}, {half_up});
  c.emit("Add", {half_up, quarter}, {up});
  const std::string low = c.temp("low_63_bits");
  c.emit("Where", {top, k, up}, {low});
  // + 2^63 where the top bit is set, as Cast(top) * 2^63 (no uint64 Where
  // in ONNX Runtime).
  const std::string high = c.temp("high_bit");
  c.emit("Mul", {c.cast(top, DType::Bool, DType::UInt64), c.scalar(DType::UInt64, 9223372036854775808.0)}, {high});
  if (out.empty()) out = c.temp("from_key");
  c.emit("Add", {c.cast(low, DType::Int64, DType::UInt64), high}, {out});
  return out;
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

// The integer result S (an int64 holding the true sum or product modulo
// 2^64) written to the node's output as PyTensor gives it: S wrapped into
// the accumulator dtype `acc`, then cast to the output dtype (NumPy's
// astype: integers wrap, bool is != 0). Every step is exact by the spec.
void write_wrapped(ConversionContext& c, const std::string& s, DType acc) {
  const DType out = c.out_dtype();
  if (is_float(out)) {
    std::string v = s;
    if (acc == DType::UInt64) v = arith::cast_mod_2_64(c, s, DType::Int64, DType::UInt64);
    else if (dtype_bits(acc) < 64) v = arith::wrap_from_int64(c, s, acc, "");
    c.cast(v, acc, out, c.out());
    return;
  }
  // The accumulator's value, again as int64 bits modulo 2^64.
  std::string e = s;
  if (dtype_bits(acc) < 64) e = c.cast(arith::wrap_from_int64(c, s, acc, ""), acc, DType::Int64);
  if (out == DType::Bool) {
    const std::string zero = c.temp("is_zero");
    c.emit("Equal", {e, c.scalar(DType::Int64, 0)}, {zero});
    c.emit("Not", {zero}, {c.out()});
  } else if (out == DType::Int64) {
    reduce::assign(c, e, c.out());
  } else if (out == DType::UInt64) {
    arith::cast_mod_2_64(c, e, DType::Int64, DType::UInt64, c.out());
  } else {
    arith::wrap_from_int64(c, e, out, c.out());
  }
}

// Integer Sum/Prod: see the file comment.
void convert_integer_sum_prod(ConversionContext& c, const Node& n, const Reduction& r, bool sum) {
  const DType in = c.in_dtype(0), acc = reduction::acc_dtype(n);
  if (!is_integer(acc))
    c.unsupported("an integer sum or product accumulated in " + std::string(dtype_name(acc)) +
                  " (supported accumulators: integer and float dtypes)");
  const std::string x = arith::cast_mod_2_64(c, c.in(0), in, DType::Int64);
  std::string s = x;
  if (!r.axes.empty() && sum) {
    // Below 64 bits every term is under 2^32 in magnitude: a plain int64
    // ReduceSum of fewer than 2^31 of them cannot overflow.
    s = dtype_bits(in) <= 32 ? reduce::emit(c, "ReduceSum", x, r.axes, r.keepdims)
                             : arith::sum_mod_2_64(c, x, r.axes, r.keepdims);
  } else if (!r.axes.empty()) {
    s = arith::prod_mod_2_64(c, x, n.inputs.at(0)->type.ndim(), r.axes, r.keepdims);
  }
  write_wrapped(c, s, acc);
}

// x with -0.0 made +0.0 (x + 0.0 in IEEE arithmetic), as Where(x == 0, +0,
// x): ONNX Runtime's optimizer rewrites Add(x, 0) to x, which keeps -0.0
// (ort/defects/add_zero_elimination.onnxtxt).
std::string plus_zero(ConversionContext& c, const std::string& x, DType t) {
  const std::string zero = c.temp("is_zero"), out = c.temp("plus_zero");
  c.emit("Equal", {x, c.scalar(t, 0)}, {zero});
  c.emit("Where", {zero, c.scalar(t, 0), x}, {out});
  return out;
}

// Sum/Prod (and CAReduce Add/Mul): see the file comment.
void convert_sum_prod(ConversionContext& c, const Node& n, const std::string& onnx_op) {
  const Reduction r = reduction_of(n);
  const DType in = c.in_dtype(0), work = reduction::acc_dtype(n);
  if (!is_float(work)) return convert_integer_sum_prod(c, n, r, onnx_op == "ReduceSum");
  const std::string x = c.cast(c.in(0), in, work);
  if (r.axes.empty()) {
    // np.add.reduce over no axes still adds each element to the identity
    // 0: -0.0 + 0 is +0.0 (a Sum(axis=()) of -0.0 is +0.0, and 1 / it is
    // +inf). np.multiply.reduce keeps -0.0 (1 * -0.0).
    return cast_out(c, onnx_op == "ReduceSum" ? plus_zero(c, x, work) : x, work);
  }
  const std::string reduced = reduce::emit(c, onnx_op, x, r.axes, r.keepdims);
  // PyTensor's sum starts from the identity +0.0, so it is never -0.0;
  // ReduceSum's sign of a zero sum is open (ONNX Runtime keeps -0.0).
  cast_out(c, onnx_op == "ReduceSum" ? plus_zero(c, reduced, work) : reduced, work);
}

// The dtype ReduceMax/ReduceMin computes a t in: t itself when accepted,
// else a wider type that holds every value exactly. Not int64 for uint32:
// ONNX Runtime's int64 ReduceMax/ReduceMin are wrong (extremum_int64).
DType extremum_dtype(DType t, int opset) {
  if (t == DType::UInt32) return DType::Float64;
  if (onnx_accepts("ReduceMax", t, opset)) return t;
  if (t == DType::Bool) return DType::UInt8;
  return DType::Int32;  // int16 and uint16 (exact; ONNX Runtime lacks uint32)
}

// ReduceMax/ReduceMin of int64 x without an int64 Reduce*: ONNX Runtime's
// vectorised int64 ReduceMax/ReduceMin compare the low 32 bits as signed
// (max of [256, 4294967295, 0, 0] is 256; ort/defects/
// reducemax_int64_low_word.onnxtxt). x = hi * 2^32 + lo orders as (hi, lo):
// reduce hi (in int32 range) as int32, then lo - 2^31 (in int32 range, same
// order as lo) as int32 over the elements whose hi is the extreme.
std::string extremum_int64(ConversionContext& c, const std::string& op, const std::string& x, const Reduction& r) {
  const bool max = op == "ReduceMax";
  const std::string two31 = c.scalar(DType::Int64, 2147483648.0), two32 = c.scalar(DType::Int64, 4294967296.0);
  const std::string lo = c.temp("lo"), hi = c.temp("hi"), below = c.temp("multiple"), lo_key = c.temp("lo_key");
  c.emit("Mod", {x, two32}, {lo});
  c.emit("Sub", {x, lo}, {below});
  c.emit("Div", {below, two32}, {hi});
  c.emit("Sub", {lo, two31}, {lo_key});
  const std::string hi32 = c.cast(hi, DType::Int64, DType::Int32), lo32 = c.cast(lo_key, DType::Int64, DType::Int32);
  const std::string hi_kept = reduce::emit(c, op, hi32, r.axes, true);
  const std::string at_extreme = c.temp("at_extreme"), candidates = c.temp("candidates");
  c.emit("Equal", {hi32, hi_kept}, {at_extreme});
  // Elements whose hi is not the extreme can never win the lo reduction.
  const double fill = max ? -2147483648.0 : 2147483647.0;
  c.emit("Where", {at_extreme, lo32, c.scalar(DType::Int32, fill)}, {candidates});
  const std::string lo_red = c.cast(reduce::emit(c, op, candidates, r.axes, r.keepdims), DType::Int32, DType::Int64);
  const std::string hi_red = c.cast(reduce::emit(c, op, hi32, r.axes, r.keepdims), DType::Int32, DType::Int64);
  // hi * 2^32 + (lo_key + 2^31): in range, hi in [-2^31, 2^31).
  const std::string hi_part = c.temp("hi_part"), lo_part = c.temp("lo_part"), out = c.temp("extremum");
  c.emit("Mul", {hi_red, two32}, {hi_part});
  c.emit("Add", {lo_red, two31}, {lo_part});
  c.emit("Add", {hi_part, lo_part}, {out});
  return out;
}

}  // namespace

std::string reduce::integer_extremum(ConversionContext& c, const std::string& op, const std::string& x, DType t,
                                     const std::vector<int64_t>& axes, bool keepdims, std::string out) {
  if (out.empty()) out = c.temp("extremum");
  const Reduction r{axes, keepdims};
  if (t == DType::Int64) {
    reduce::assign(c, extremum_int64(c, op, x, r), out);
  } else if (t == DType::UInt64) {
    // ONNX Runtime has no uint64 ReduceMax/ReduceMin: reduce the
    // order-preserving int64 key.
    reduce::from_uint64_key(c, extremum_int64(c, op, reduce::uint64_key(c, x), r), out);
  } else {
    const DType work = extremum_dtype(t, c.opset());
    const std::string reduced = reduce::emit(c, op, c.cast(x, t, work), axes, keepdims);
    if (work == t)
      reduce::assign(c, reduced, out);
    else
      c.cast(reduced, work, t, out);  // every value of t is exact in work
  }
  return out;
}

namespace {

void convert_extremum(ConversionContext& c, const Node& n, const std::string& onnx_op) {
  const Reduction r = reduction_of(n);
  const DType t = c.in_dtype(0);
  if (r.axes.empty()) return reduce::assign(c, c.in(0), c.out());
  if (!is_float(t)) {
    if (c.out_dtype() == t) reduce::integer_extremum(c, onnx_op, c.in(0), t, r.axes, r.keepdims, c.out());
    else cast_out(c, reduce::integer_extremum(c, onnx_op, c.in(0), t, r.axes, r.keepdims), t);
    return;
  }
  const DType work = extremum_dtype(t, c.opset());
  const std::string reduced = reduce::emit(c, onnx_op, c.cast(c.in(0), t, work), r.axes, r.keepdims);
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
