// Converters of the allocation ops of pytensor/tensor/basic.py: Alloc,
// AllocEmpty, MakeVector, ARange, Eye, TensorFromScalar, ScalarFromTensor.
// One form for opsets 13-18: Unsqueeze takes its axes as an input from 13
// on, and none of the other operators used changed up to 18.
//
// Shapes arrive as 0-d integer inputs (constants or runtime values); ONNX
// wants one int64 vector, so each entry is Cast to int64 and Unsqueezed,
// and the entries are Concatenated (Concat rejects 0-d inputs). A shape of
// constants only becomes one initializer.
#include <onnx/onnx_pb.h>

#include <algorithm>

#include "convert/ops/arith.h"
#include "convert/ops/zeros.h"
#include "convert/portable.h"
#include "convert/registry.h"
#include "core/tensor_proto.h"

namespace ptonnx {
namespace {

// `v` (0-d) as a 1-element vector.
std::string unsqueeze0(ConversionContext& c, const std::string& v, const std::string& hint) {
  const std::string out = c.temp(hint);
  c.emit("Unsqueeze", {v, c.initializer(Tensor::from_vector<int64_t>(DType::Int64, {1}, {0}), "axes0")}, {out});
  return out;
}

std::string as_int64(ConversionContext& c, size_t i) { return c.cast(c.in(i), c.in_dtype(i), DType::Int64); }

// `v` (of dtype `from`) written into the node's output as its dtype
// (ctx.cast returns v itself when the dtypes agree).
void cast_to_out(ConversionContext& c, const std::string& v, DType from) {
  if (from == c.out_dtype()) c.emit("Identity", {v}, {c.out()});
  else c.cast(v, from, c.out_dtype(), c.out());
}

// The int64 shape vector of inputs [first, first + count).
std::string shape_vector(ConversionContext& c, size_t first, size_t count) {
  const Node& n = c.node();
  bool all_constant = true;
  for (size_t i = first; i < first + count; ++i) all_constant &= n.inputs[i]->value.has_value();
  if (all_constant) {
    Tensor dims(DType::Int64, {static_cast<int64_t>(count)});
    for (size_t i = 0; i < count; ++i) {
      const Tensor& v = *n.inputs[first + i]->value;
      dims.data<int64_t>()[i] = is_unsigned_integer(v.dtype()) ? static_cast<int64_t>(v.get_as_uint64(0))
                                                                : v.get_as_int64(0);
    }
    return c.initializer(dims, "shape");
  }
  std::vector<std::string> parts;
  for (size_t i = first; i < first + count; ++i) parts.push_back(unsqueeze0(c, as_int64(c, i), "dim"));
  if (parts.size() == 1) return parts[0];
  const std::string out = c.temp("shape");
  set_attr(c.emit("Concat", parts, {out}), "axis", int64_t{0});
  return out;
}

// Alloc: Expand of the value to the shape. For every shape PyTensor
// accepts, Expand's bidirectional broadcast gives exactly Alloc's result.
// Where PyTensor raises (a value dim that is 1 at run time but not
// statically, facing a larger target; a value dim > 1 facing a target of
// 1), Expand does not: see docs/runtime-errors.md.
void convert_alloc(ConversionContext& c, const Node&) {
  if (c.num_inputs() == 1) {
    c.emit("Identity", {c.in(0)}, {c.out()});
    return;
  }
  c.emit("Expand", {c.in(0), shape_vector(c, 1, c.num_inputs() - 1)}, {c.out()});
}

// AllocEmpty: contents are undefined, so zeros are as good as anything:
// ConstantOfShape with a zero of the dtype (the comparison checks only the
// dtype and shape of such outputs, docs/comparison.md).
void convert_alloc_empty(ConversionContext& c, const Node&) {
  const std::string shape = c.num_inputs() == 0
                                ? c.initializer(Tensor(DType::Int64, {0}), "shape")
                                : shape_vector(c, 0, c.num_inputs());
  zeros_of_shape(c, shape, c.out_dtype(), c.out());
}

// MakeVector: each scalar Cast to the output dtype (an upcast, as the
// Elemwise Cast PyTensor inserts: never float -> int), Unsqueezed to [1]
// and Concatenated. No inputs: an empty initializer.
void convert_make_vector(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  if (c.num_inputs() == 0) {
    c.emit("Identity", {c.initializer(Tensor(t, {0}), "empty")}, {c.out()});
    return;
  }
  std::vector<std::string> parts;
  for (size_t i = 0; i < c.num_inputs(); ++i) parts.push_back(unsqueeze0(c, c.cast(c.in(i), c.in_dtype(i), t), "item"));
  set_attr(c.emit("Concat", parts, {c.out()}), "axis", int64_t{0});
}

// ARange's length as NumPy's _calc_length computes it (numpy/_core/src/
// multiarray/ctors.c): q = (stop - start) / step in Python arithmetic
// (exact integers and one correctly rounded division, or doubles; float32
// bounds arrive as exact doubles through .item()), length ceil(q), at
// least 0; but a q that underflowed to zero gives 1 element when it is +0
// and stop != start (np.arange(0, 5, inf) is [0.]). ONNX Range computes the
// length in its own type (float32 for float32 bounds), which differs from
// NumPy's double count, so Range only enumerates int64 indices here.
std::string arange_count(ConversionContext& c, bool integer_bounds) {
  const DType f64 = DType::Float64;
  const std::string diff = c.temp("span");
  if (integer_bounds) c.emit("Sub", {as_int64(c, 1), as_int64(c, 0)}, {diff});
  else c.emit("Sub", {c.cast(c.in(1), c.in_dtype(1), f64), c.cast(c.in(0), c.in_dtype(0), f64)}, {diff});
  const std::string span = integer_bounds ? c.cast(diff, DType::Int64, f64) : diff;
  const std::string q = c.temp("quotient"), up = c.temp("ceil"), recip = c.temp("reciprocal");
  c.emit("Div", {span, c.cast(c.in(2), c.in_dtype(2), f64)}, {q});
  c.emit("Ceil", {q}, {up});
  // 1/q > 0 exactly when q is positive or +0.
  c.emit("Reciprocal", {q}, {recip});
  const std::string positive = c.temp("positive"), still = c.temp("empty_span"), moving = c.temp("moving");
  c.emit("Greater", {recip, c.scalar(f64, 0)}, {positive});
  c.emit("Equal", {span, c.scalar(f64, 0)}, {still});
  c.emit("Not", {still}, {moving});
  const std::string one_at_least = c.temp("one_at_least"), count = c.temp("count");
  c.emit("And", {positive, moving}, {one_at_least});
  c.emit("Max", {up, c.cast(one_at_least, DType::Bool, f64)}, {count});
  // Where NumPy raises (a zero step, or a NaN or infinite quotient) the
  // model gives an empty result instead (docs/runtime-errors.md): the Cast
  // of a non-finite double to int64 would be undefined.
  const std::string nan = c.temp("q_isnan"), inf = c.temp("q_isinf"), bad = c.temp("no_length");
  c.emit("IsNaN", {q}, {nan});
  c.emit("IsInf", {q}, {inf});
  c.emit("Or", {nan, inf}, {bad});
  const std::string guarded = c.temp("count_guarded");
  c.emit("Where", {bad, c.scalar(f64, 0), count}, {guarded});
  return c.cast(guarded, f64, DType::Int64);
}

// Integer aranges: NumPy stores start and start + step, then fills
// start + i * (next - start) in the dtype's arithmetic, which wraps; in
// int64 the same values come out of start + i * step, wrapped to the dtype.
void arange_integers(ConversionContext& c, const std::string& index, DType t) {
  const std::string scaled = c.temp("scaled"), values = c.temp("values");
  c.emit("Mul", {index, as_int64(c, 2)}, {scaled});
  c.emit("Add", {as_int64(c, 0), scaled}, {values});
  if (t == DType::Int64 || t == DType::UInt64) cast_to_out(c, values, DType::Int64);
  else arith::wrap_from_int64(c, values, t, c.out());
}

// Float aranges, as NumPy fills them (arraytypes.c.src FLOAT_fill,
// DOUBLE_fill, HALF_fill): element 0 is start and element 1 is start + step
// (Python arithmetic), each rounded once into the dtype; element i >= 2 is
// start + i * delta with delta = element 1 - element 0, computed in the
// dtype (float32 for float16, rounded to half at the end). Elements 0 and 1
// are selected explicitly: start + 1 * delta need not round to element 1.
void arange_floats(ConversionContext& c, const std::string& index, DType t, bool integer_bounds) {
  const DType f64 = DType::Float64, w = t == DType::Float16 ? DType::Float32 : t;
  const std::string first = c.cast(c.cast(c.in(0), c.in_dtype(0), f64), f64, t);
  const std::string sum = c.temp("start_plus_step");
  if (integer_bounds) c.emit("Add", {as_int64(c, 0), as_int64(c, 2)}, {sum});
  else c.emit("Add", {c.cast(c.in(0), c.in_dtype(0), f64), c.cast(c.in(2), c.in_dtype(2), f64)}, {sum});
  const std::string second = c.cast(c.cast(sum, integer_bounds ? DType::Int64 : f64, f64), f64, t);
  const std::string first_w = c.cast(first, t, w);
  const std::string delta = c.temp("delta"), scaled = c.temp("scaled"), general = c.temp("general");
  c.emit("Sub", {c.cast(second, t, w), first_w}, {delta});
  c.emit("Mul", {c.cast(index, DType::Int64, w), delta}, {scaled});
  c.emit("Add", {first_w, scaled}, {general});
  const std::string is0 = c.temp("is_first"), is1 = c.temp("is_second"), rest = c.temp("rest");
  c.emit("Equal", {index, c.scalar(DType::Int64, 0)}, {is0});
  c.emit("Equal", {index, c.scalar(DType::Int64, 1)}, {is1});
  portable::where(c, is1, second, c.cast(general, w, t), t, rest);
  portable::where(c, is0, first, rest, t, c.out());
}

// ARange: Range(0, length, 1) in int64 gives the indices; the values are
// computed from them as NumPy does (see arange_count and arange_floats).
void convert_arange(ConversionContext& c, const Node&) {
  bool integer_bounds = true;
  for (size_t i = 0; i < 3; ++i) integer_bounds &= is_integer(c.in_dtype(i));
  const std::string count = arange_count(c, integer_bounds);
  const std::string index = c.temp("index");
  c.emit("Range", {c.scalar(DType::Int64, 0), count, c.scalar(DType::Int64, 1)}, {index});
  if (is_integer(c.out_dtype())) arange_integers(c, index, c.out_dtype());
  else arange_floats(c, index, c.out_dtype(), integer_bounds);
}

// Any |k| >= 2^40 puts the diagonal outside every matrix the runtime can
// hold, so k is clamped there: row + k then never overflows int64, and a
// uint64 k above INT64_MAX does not wrap to a negative diagonal.
constexpr int64_t kFarDiagonal = int64_t{1} << 40;

int64_t constant_k(const Tensor& v) {
  if (is_unsigned_integer(v.dtype())) return static_cast<int64_t>(std::min<uint64_t>(v.get_as_uint64(0), kFarDiagonal));
  return std::clamp<int64_t>(v.get_as_int64(0), -kFarDiagonal, kFarDiagonal);
}

std::string runtime_k(ConversionContext& c) {
  const DType t = c.in_dtype(2);
  if (dtype_bits(t) < 64) return as_int64(c, 2);
  const std::string clamped = c.temp("k_clamped");
  if (t == DType::UInt64) c.emit("Min", {c.in(2), c.scalar(t, static_cast<double>(kFarDiagonal))}, {clamped});
  else c.emit("Clip", {c.in(2), c.scalar(t, -static_cast<double>(kFarDiagonal)), c.scalar(t, static_cast<double>(kFarDiagonal))}, {clamped});
  return c.cast(clamped, t, DType::Int64);
}

// Eye with a constant k: EyeLike (k is an attribute) of a zero [n, m]
// matrix from ConstantOfShape. ONNX Runtime's EyeLike takes only float,
// double, int32, int64 and uint64: other dtypes get the 0/1 matrix in the
// widened type (portable::widened), Cast exactly to the output.
void eye_constant_k(ConversionContext& c, const Node& n) {
  const DType t = c.out_dtype(), w = portable::widened("EyeLike", t).value_or(DType::Int64);
  const std::string zeros = c.temp("zeros");
  zeros_of_shape(c, shape_vector(c, 0, 2), w, zeros);
  const std::string eye = w == t ? c.out() : c.temp("eye");
  onnx::NodeProto& node = c.emit("EyeLike", {zeros}, {eye});
  set_attr(node, "k", constant_k(*n.inputs[2]->value));
  set_attr(node, "dtype", static_cast<int64_t>(dtype_to_onnx(w)));
  c.cast(eye, w, t, c.out());
}

// Eye with a runtime k (EyeLike cannot take it): element (i, j) is
// i + k == j, from Range(n) as a column and Range(m) as a row.
void eye_runtime_k(ConversionContext& c) {
  const std::string zero = c.scalar(DType::Int64, 0), one = c.scalar(DType::Int64, 1);
  const std::string rows = c.temp("rows"), cols = c.temp("cols"), column = c.temp("row_column");
  c.emit("Range", {zero, as_int64(c, 0), one}, {rows});
  c.emit("Range", {zero, as_int64(c, 1), one}, {cols});
  c.emit("Unsqueeze", {rows, c.initializer(Tensor::from_vector<int64_t>(DType::Int64, {1}, {1}), "axes1")}, {column});
  const std::string shifted = c.temp("shifted"), hit = c.temp("on_diagonal");
  c.emit("Add", {column, runtime_k(c)}, {shifted});
  c.emit("Equal", {shifted, cols}, {hit});
  cast_to_out(c, hit, DType::Bool);
}

void convert_eye(ConversionContext& c, const Node& n) {
  if (n.inputs[2]->value) eye_constant_k(c, n);
  else eye_runtime_k(c);
}

// TensorFromScalar / ScalarFromTensor: 0-d to 0-d.
void convert_scalar_identity(ConversionContext& c, const Node&) { c.emit("Identity", {c.in(0)}, {c.out()}); }

const ConverterRegistrar kAlloc("Alloc", 13, convert_alloc);
const ConverterRegistrar kAllocEmpty("AllocEmpty", 13, convert_alloc_empty);
const ConverterRegistrar kMakeVector("MakeVector", 13, convert_make_vector);
const ConverterRegistrar kARange("ARange", 13, convert_arange);
const ConverterRegistrar kEye("Eye", 13, convert_eye);
const ConverterRegistrar kTensorFromScalar("TensorFromScalar", 13, convert_scalar_identity);
const ConverterRegistrar kScalarFromTensor("ScalarFromTensor", 13, convert_scalar_identity);

}  // namespace
}  // namespace ptonnx
