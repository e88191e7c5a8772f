// Type inference of the tier-5 extra ops (pytensor rel-3.3.0
// tensor/extra_ops.py): CumOp, Repeat, FillDiagonal.
//
// CumOp models the helpers pt.cumsum / pt.cumprod: `axis` absent is None
// (x.ravel(), then axis 0), a negative axis counts from the end
// (normalize_axis_index). CumOp.make_node returns x.type(): the output keeps
// x's dtype, although perform's np.cumsum upcasts small ints to int64; the
// declared dtype is the contract, and since wrapping modulo 2^w is a ring
// homomorphism the int64 sums cast back equal the C code's in-dtype
// accumulation (bool: cumsum cast to bool is a running OR, cumprod a
// running AND).
//
// Repeat models pt.repeat(x, repeats, axis): axis None flattens; repeats 0-d
// (or statically of shape (1,), which pt.repeat squeezes) take the scalar
// path (expand_dims + broadcast_to + reshape), which refuses a uint64 x;
// 1-d repeats take Repeat.make_node (integer dtype, not uint64). Output
// length on the axis: known when x's dim is known and repeats is a constant
// whose elements are all equal (get_underlying_scalar_constant_value).
//
// FillDiagonal(a, val): a.ndim >= 2, val 0-d; val is cast to
// upcast(a.dtype, val.dtype), which must be a's dtype (so the cast is
// always value-preserving). Output a.type(). FillDiagonalOffset(a, val,
// offset) (extended group): a exactly 2-D, offset 0-d of an integer dtype.
#include <algorithm>

#include "core/error.h"
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

// normalize_axis_index: -ndim <= axis < ndim.
int64_t normalized_axis(const InferContext& c, int64_t axis, int64_t ndim) {
  if (axis < -ndim || axis >= ndim)
    c.fail("axis " + std::to_string(axis) + " is out of bounds for array of dimension " + std::to_string(ndim));
  return axis < 0 ? axis + ndim : axis;
}

// x.ravel()'s static shape.
StaticShape raveled(const StaticShape& s) {
  int64_t n = 1;
  for (const StaticDim& d : s) {
    if (!d) return {std::nullopt};
    n *= *d;
  }
  return {n};
}

std::vector<TensorType> cumop_out(const InferContext& c) {
  const std::string& mode = attr_string(c.attrs, "mode");
  if (mode != "add" && mode != "mul") c.fail("mode must be 'add' or 'mul', got '" + mode + "'");
  if (!has_attr(c.attrs, "axis")) return infer::one(c.dtype(0), raveled(c.type(0).shape));
  normalized_axis(c, attr_int(c.attrs, "axis"), c.type(0).ndim());
  return {c.type(0)};
}

// The scalar path of pt.repeat: repeats 0-d, or 1-d statically (1,).
bool scalar_repeats(const TensorType& r) { return r.ndim() == 0 || (r.ndim() == 1 && r.shape[0] == 1); }

std::vector<TensorType> repeat_out(const InferContext& c) {
  const TensorType& r = c.type(1);
  if (r.ndim() > 1) c.fail("The dimension of repeats should not exceed 1.");
  if (!is_integer(r.dtype) || r.dtype == DType::UInt64)
    c.fail("repeats dtype must be an integer other than uint64 (numpy.repeat's intp), got " +
           std::string(dtype_name(r.dtype)));
  const bool scalar = scalar_repeats(r);
  if (scalar && c.dtype(0) == DType::UInt64) c.fail("repeat doesn't support dtype uint64");
  StaticShape s = c.type(0).shape;
  int64_t axis = 0;
  if (has_attr(c.attrs, "axis"))
    axis = normalized_axis(c, attr_int(c.attrs, "axis"), c.type(0).ndim());
  else
    s = raveled(s);
  const StaticDim dim = s[static_cast<size_t>(axis)];
  StaticDim out;
  const auto& rv = c.inputs[1]->value;
  if (dim && rv && rv->numel() > 0) {
    const int64_t first = rv->get_as_int64(0);
    bool equal = true;
    for (int64_t i = 1; i < rv->numel(); ++i) equal &= rv->get_as_int64(i) == first;
    if (first < 0) c.fail("repeats may not contain negative values");
    if (equal) out = first * *dim;
  }
  s[static_cast<size_t>(axis)] = out;
  return infer::one(c.dtype(0), s);
}

std::vector<TensorType> fill_diagonal_out(const InferContext& c) {
  if (c.type(0).ndim() < 2) c.fail("first parameter must have at least two dimensions");
  if (c.type(1).ndim() != 0) c.fail("second parameter must be a scalar");
  if (promote(c.dtype(0), c.dtype(1)) != c.dtype(0))
    c.fail("type of second parameter must be the same as the first's: upcast(" + std::string(dtype_name(c.dtype(0))) +
           ", " + std::string(dtype_name(c.dtype(1))) + ") is " +
           std::string(dtype_name(promote(c.dtype(0), c.dtype(1)))));
  const StaticShape& s = c.type(0).shape;
  if (s.size() > 2) {
    // np.fill_diagonal: "All dimensions of input must be of equal length".
    std::optional<int64_t> n;
    for (const StaticDim& d : s)
      if (d) {
        if (n && *n != *d) c.fail("all dimensions of an input of more than 2 dims must be of equal length");
        n = d;
      }
  }
  return {c.type(0)};
}

// FillDiagonalOffset.make_node: a 2-D, val and offset 0-d, val as in
// FillDiagonal, offset of an integer dtype.
std::vector<TensorType> fill_diagonal_offset_out(const InferContext& c) {
  if (c.type(0).ndim() != 2) c.fail("first parameter must have exactly two dimensions");
  if (c.type(1).ndim() != 0) c.fail("second parameter must be a scalar");
  if (c.type(2).ndim() != 0) c.fail("third parameter must be a scalar");
  if (promote(c.dtype(0), c.dtype(1)) != c.dtype(0))
    c.fail("type of second parameter must be the same as the first's: upcast(" + std::string(dtype_name(c.dtype(0))) +
           ", " + std::string(dtype_name(c.dtype(1))) + ") is " +
           std::string(dtype_name(promote(c.dtype(0), c.dtype(1)))));
  if (!is_integer(c.dtype(2))) c.fail("type of third parameter must be an integer, got " + c.type(2).to_string());
  return {c.type(0)};
}

const OpSchemaRegistrar kCumOp(OpSchema{"CumOp",
                                        1,
                                        1,
                                        {{"axis", AttrKind::Int}, {"mode", AttrKind::String, true, {"add", "mul"}}},
                                        cumop_out,
                                        "pt.cumsum / pt.cumprod: np.cumsum / np.cumprod in x's dtype (axis None ravels)"});
const OpSchemaRegistrar kRepeat(OpSchema{"Repeat",
                                         2,
                                         2,
                                         {{"axis", AttrKind::Int}},
                                         repeat_out,
                                         "pt.repeat(x, repeats, axis): np.repeat (axis None flattens)"});
const OpSchemaRegistrar kFillDiagonal(OpSchema{"FillDiagonal",
                                               2,
                                               2,
                                               {},
                                               fill_diagonal_out,
                                               "pt.fill_diagonal(a, val): a copy with a[i, i, ..., i] = val"});

const OpSchemaRegistrar kFillDiagonalOffset(OpSchema{"FillDiagonalOffset",
                                                     3,
                                                     3,
                                                     {},
                                                     fill_diagonal_offset_out,
                                                     "pt.fill_diagonal_offset(a, val, offset): a copy with "
                                                     "a[i, i + offset] = val"});

}  // namespace
}  // namespace ptonnx
