// Converters of the shape ops (pytensor/tensor/shape.py and the
// DimShuffle family). Squeeze/Unsqueeze take axes as an int64 input from
// opset 13, so one registration per op covers opsets 13-18; Reshape gains
// `allowzero` at 14 and registers a second form there.
#include <algorithm>
#include <limits>
#include <numeric>

#include "convert/ops/axes.h"
#include "convert/ops/zeros.h"
#include "convert/registry.h"
#include "core/tensor_proto.h"

namespace ptonnx {
namespace {

void convert_shape(ConversionContext& c, const Node&) { c.emit("Shape", {c.in(0)}, {c.out()}); }

// Shape_i: Gather with a 0-d index gives the 0-d result x.shape[i]; a
// negative i counts from the end in both.
void convert_shape_i(ConversionContext& c, const Node& n) {
  const std::string s = c.temp("shape");
  c.emit("Shape", {c.in(0)}, {s});
  c.emit("Gather", {s, c.scalar(DType::Int64, static_cast<double>(attr_int(n.attrs, "i")))}, {c.out()});
}

// SpecifyShape: ONNX has no assert, so the check is a computation that
// fails exactly when a specified dim differs: Gather from a 1-element
// vector at |dim - want| is in bounds only for 0 (Gather raises out of
// bounds per the spec). Its zeros are added to Shape(x) and x is Expanded
// to that (unchanged) shape, so the output depends on the check. Dims the
// input's static type already proves are not checked; with none left the
// op is an Identity. See docs/runtime-errors.md.
void convert_specify_shape(ConversionContext& c, const Node& n) {
  const auto& spec = attr_ints(n.attrs, "shape");
  const StaticShape& known = n.inputs[0]->type.shape;
  std::vector<int64_t> dims, want;
  for (size_t i = 0; i < spec.size(); ++i)
    if (spec[i] >= 0 && known[i] != spec[i]) {
      dims.push_back(static_cast<int64_t>(i));
      want.push_back(spec[i]);
    }
  if (dims.empty()) {
    c.emit("Identity", {c.in(0)}, {c.out()});
    return;
  }
  const std::string shape = c.temp("shape"), got = c.temp("dims"), diff = c.temp("diff"), adiff = c.temp("absdiff");
  const std::string zeros = c.temp("check"), zero = c.temp("zero"), target = c.temp("target");
  c.emit("Shape", {c.in(0)}, {shape});
  c.emit("Gather", {shape, axes::int64_vector(c, dims, "checked_dims")}, {got});
  c.emit("Sub", {got, axes::int64_vector(c, want, "specified")}, {diff});
  c.emit("Abs", {diff}, {adiff});
  c.emit("Gather", {axes::int64_vector(c, {0}, "zero_vec"), adiff}, {zeros});
  set_attr(c.emit("ReduceSum", {zeros}, {zero}), "keepdims", int64_t{0});
  c.emit("Add", {shape, zero}, {target});
  // Expand to x's own shape is x, and ONNX infers its rank from x's and
  // the target's (no rank pin). A Reshape to the target, rank-pinned by a
  // second Reshape, was the form before: ONNX Runtime's optimizer fuses
  // the two when it knows the full output shape and throws at load.
  c.emit("Expand", {c.in(0), target}, {c.out()});
}

bool is_constant(const Variable& v) { return v.kind == VarKind::Constant && v.value; }

bool constant_without_zero(const Variable& v) {
  if (!is_constant(v)) return false;
  for (int64_t i = 0; i < v.value->numel(); ++i)
    if (v.value->get_as_int64(i) == 0) return false;
  return true;
}

// The target shape as an int64 ONNX value. NumPy takes ANY negative entry
// as the unknown dim (shape.c _fix_unknown_dimension; np.reshape(a, (3,
// -999)) is (3, 4)), ONNX only -1 (other negatives are invalid), so every
// negative becomes -1: at export for a constant (an int64 initializer,
// which also lets ONNX infer the shape), else Where(s < 0, -1, s).
std::string reshape_target(ConversionContext& c, const Node& n) {
  const Variable& v = *n.inputs[1];
  if (is_constant(v)) {
    std::vector<int64_t> dims;
    for (int64_t i = 0; i < v.value->numel(); ++i) dims.push_back(std::max<int64_t>(v.value->get_as_int64(i), -1));
    return axes::int64_vector(c, dims, "target_shape");
  }
  const std::string s = c.cast(c.in(1), c.in_dtype(1), DType::Int64);
  const std::string neg = c.temp("negative"), target = c.temp("target");
  const std::string m1 = c.scalar(DType::Int64, -1);
  c.emit("Less", {s, c.scalar(DType::Int64, 0)}, {neg});
  c.emit("Where", {neg, m1, s}, {target});
  return target;
}

// Reshape to `target` into the node's output; ONNX 1.12 infers no rank
// when the target is not an initializer, so the result is then pinned.
onnx::NodeProto& reshape_to(ConversionContext& c, const Node& n, const std::string& x, const std::string& target) {
  if (is_constant(*n.inputs[1])) return c.emit("Reshape", {x, target}, {c.out()});
  const std::string r = c.temp("reshaped");
  auto& node = c.emit("Reshape", {x, target}, {r});
  axes::pin_rank(c, r, n.outputs[0]->type.ndim(), c.out());
  return node;
}

// Reshape-13 reads a 0 as "copy the input dim", PyTensor as a literal
// zero-size dim, and a runtime shape cannot be rewritten at export. Exact
// form: m = shape with 0 -> 1 (no copy left); when the shape has a 0, the
// flattened x (then empty, if the reshape is valid) is padded with prod(m)
// zeros so Reshape(., m) succeeds, and a Slice to [0, 0) on the zero dims
// gives the zero-size result. Without a 0 the pad is empty and the Slice
// whole, so it is a plain Reshape (and fails where np.reshape raises: a 0
// beside a -1 makes prod(m) negative and ConstantOfShape fails).
void reshape_literal_zeros(ConversionContext& c, const std::string& s, int64_t ndim) {
  const std::string flat = c.temp("flat"), is0 = c.temp("is_zero"), m = c.temp("no_zero");
  const std::string cnt = c.temp("zero_count"), prod = c.temp("prod"), any = c.temp("any_zero");
  const std::string pad = c.temp("pad"), fill = c.temp("fill"), buf = c.temp("buf"), r = c.temp("padded");
  const std::string ends = c.temp("ends");
  const std::string one = c.scalar(DType::Int64, 1), zero = c.scalar(DType::Int64, 0);
  Tensor big(DType::Int64, {});
  big.data<int64_t>()[0] = std::numeric_limits<int64_t>::max();
  c.emit("Reshape", {c.in(0), axes::int64_vector(c, {-1}, "flat_shape")}, {flat});
  c.emit("Equal", {s, zero}, {is0});
  c.emit("Where", {is0, one, s}, {m});
  set_attr(c.emit("ReduceSum", {c.cast(is0, DType::Bool, DType::Int64)}, {cnt}), "keepdims", int64_t{1});
  set_attr(c.emit("ReduceProd", {m}, {prod}), "keepdims", int64_t{1});
  c.emit("Min", {cnt, one}, {any});
  c.emit("Mul", {any, prod}, {pad});
  zeros_of_shape(c, pad, c.in_dtype(0), fill);
  set_attr(c.emit("Concat", {flat, fill}, {buf}), "axis", int64_t{0});
  c.emit("Reshape", {buf, m}, {r});
  c.emit("Where", {is0, zero, c.initializer(big, "int64_max")}, {ends});
  std::vector<int64_t> all(static_cast<size_t>(ndim));
  std::iota(all.begin(), all.end(), 0);
  // Every step is computed, even for a constant target: pin the rank.
  const std::string sliced = c.temp("sliced");
  c.emit("Slice", {r, axes::int64_vector(c, std::vector<int64_t>(all.size(), 0), "starts"), ends,
                   axes::int64_vector(c, all, "axes")},
         {sliced});
  axes::pin_rank(c, sliced, ndim, c.out());
}

// A 0-d result has an empty target whatever its value: Reshape to a
// constant [] (numel must be 1, as np.reshape requires). A computed target
// would need the rank pin, and ONNX Runtime's optimizer throws at load on
// Reshape(x, computed) -> Reshape(., []) (axes::pin_rank).
bool reshape_to_scalar(ConversionContext& c, const Node& n) {
  if (n.outputs[0]->type.ndim() != 0) return false;
  c.emit("Reshape", {c.in(0), axes::int64_vector(c, {}, "scalar_shape")}, {c.out()});
  return true;
}

void convert_reshape_13(ConversionContext& c, const Node& n) {
  if (reshape_to_scalar(c, n)) return;
  const std::string s = reshape_target(c, n);
  const int64_t ndim = attr_int(n.attrs, "ndim");
  if (ndim == 0 || constant_without_zero(*n.inputs[1])) {
    reshape_to(c, n, c.in(0), s);
    return;
  }
  reshape_literal_zeros(c, s, ndim);
}

// From opset 14, allowzero=1 makes a 0 a literal zero-size dim, as NumPy.
void convert_reshape_14(ConversionContext& c, const Node& n) {
  if (reshape_to_scalar(c, n)) return;
  set_attr(reshape_to(c, n, c.in(0), reshape_target(c, n)), "allowzero", int64_t{1});
}

// Emits a chain of steps; the last one writes the node's output.
class Chain {
 public:
  Chain(ConversionContext& c, int steps) : c_(c), left_(steps), cur_(c.in(0)) {}
  onnx::NodeProto& step(std::string_view op, std::vector<std::string> extra) {
    const std::string out = --left_ == 0 ? c_.out() : c_.temp(op);
    extra.insert(extra.begin(), cur_);
    auto& node = c_.emit(op, std::move(extra), {out});
    cur_ = out;
    return node;
  }

 private:
  ConversionContext& c_;
  int left_;
  std::string cur_;
};

// DimShuffle: Squeeze the dropped (length-1) axes, Transpose the kept ones
// (renumbered after the squeeze), Unsqueeze at the 'x' positions; steps
// that would do nothing are left out, and a no-op is an Identity.
void convert_dimshuffle(ConversionContext& c, const Node& n) {
  const auto& order = attr_ints(n.attrs, "new_order");
  const int64_t in_ndim = n.inputs[0]->type.ndim();
  std::vector<int64_t> drop, perm, xs;
  for (int64_t d = 0; d < in_ndim; ++d)
    if (std::find(order.begin(), order.end(), d) == order.end()) drop.push_back(d);
  for (size_t i = 0; i < order.size(); ++i) {
    if (order[i] < 0) {
      xs.push_back(static_cast<int64_t>(i));
      continue;
    }
    const auto below = std::count_if(drop.begin(), drop.end(), [&](int64_t d) { return d < order[i]; });
    perm.push_back(order[i] - below);
  }
  bool shuffled = false;
  for (size_t i = 0; i < perm.size(); ++i) shuffled = shuffled || perm[i] != static_cast<int64_t>(i);
  const int steps = !drop.empty() + shuffled + !xs.empty();
  if (steps == 0) {
    c.emit("Identity", {c.in(0)}, {c.out()});
    return;
  }
  Chain chain(c, steps);
  if (!drop.empty()) chain.step("Squeeze", {axes::int64_vector(c, drop, "drop")});
  if (shuffled) set_attr(chain.step("Transpose", {}), "perm", perm);
  if (!xs.empty()) chain.step("Unsqueeze", {axes::int64_vector(c, xs, "augment")});
}

// Squeeze always gets explicit axes: ONNX without axes would drop every
// runtime-1 dim, PyTensor only the ones asked for (or statically 1).
void convert_squeeze(ConversionContext& c, const Node& n) {
  const int64_t ndim = n.inputs[0]->type.ndim();
  std::vector<int64_t> ax;
  for (int64_t a : attr_ints(n.attrs, "axis")) ax.push_back(axes::normalize(a, ndim));
  if (ndim == 0 || ax.empty()) {
    c.emit("Identity", {c.in(0)}, {c.out()});
    return;
  }
  c.emit("Squeeze", {c.in(0), axes::int64_vector(c, ax, "axes")}, {c.out()});
}

// ExpandDims: Unsqueeze, axes as an input from opset 13 (normalised against
// the output rank, as both define them).
void convert_expand_dims(ConversionContext& c, const Node& n) {
  const int64_t out_ndim = n.outputs[0]->type.ndim();
  std::vector<int64_t> ax;
  for (int64_t a : attr_ints(n.attrs, "axis")) ax.push_back(axes::normalize(a, out_ndim));
  if (ax.empty()) {
    c.emit("Identity", {c.in(0)}, {c.out()});
    return;
  }
  c.emit("Unsqueeze", {c.in(0), axes::int64_vector(c, ax, "axes")}, {c.out()});
}

const ConverterRegistrar kShape("Shape", 13, convert_shape);
const ConverterRegistrar kShapeI("Shape_i", 13, convert_shape_i);
const ConverterRegistrar kSpecifyShape("SpecifyShape", 13, convert_specify_shape);
const ConverterRegistrar kReshape13("Reshape", 13, convert_reshape_13);
// Reshape-14 added allowzero.
const ConverterRegistrar kReshape14("Reshape", 14, convert_reshape_14);
const ConverterRegistrar kDimShuffle("DimShuffle", 13, convert_dimshuffle);
const ConverterRegistrar kSqueeze("Squeeze", 13, convert_squeeze);
const ConverterRegistrar kExpandDims("ExpandDims", 13, convert_expand_dims);

}  // namespace
}  // namespace ptonnx
