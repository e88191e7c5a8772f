// Type inference of the pooling ops of the CNN group.
//
// MaxPool / AveragePool model PyTensor's Pool(ignore_border, ndim=2, mode)
// (pytensor/tensor/signal/pool.py, removed in December 2022; read at
// 19e1a982): pool_2d(x, ws, ignore_border, stride, pad, mode) over the last
// two dims of an input of ndim >= 2. Attributes:
//   ws             ints (2), the window, >= 1;
//   stride         ints (2), optional: absent = ws (Pool.make_node);
//   pad            ints (2), optional: absent = (0, 0); zeros added on both
//                  sides; make_node raises unless 0 <= pad < ws and, when
//                  any pad is non-zero, ignore_border=True;
//   ignore_border  int 0/1, required (pool_2d's None default is a
//                  deprecated False; the IR makes the caller say it);
//   mode           AveragePool only: average_inc_pad | average_exc_pad
//                  ('sum' is not modelled).
// The output keeps x's dtype (make_node: TensorType(x.dtype, ...)); its
// pooled dims follow Pool.out_shape (pool_geometry.h) when the input dims
// are known. AveragePool takes floats only: perform's np.average of an
// integer window is a float64 written back truncated into the integer
// output, which no ONNX pooling op does (not built).
//
// GlobalAveragePool / GlobalMaxPool have no PyTensor op: they are the
// patterns x.mean(axis=(2, 3), keepdims=True) and x.max(axis=(2, 3),
// keepdims=True) on NCHW (ndim 4) inputs, with those ops' dtype rules:
// mean of an integer or bool is float64 (Sum's int64/uint64 accumulator
// divided by the float64 count), of float16 float16 (summed in float32),
// otherwise the float dtype; max keeps the dtype (bool is refused: not
// modelled) and raises on an empty spatial extent (numpy's maximum has no
// identity), so a static 0 there is refused here.
#include <algorithm>

#include "core/error.h"
#include "graph/ops/infer_helpers.h"
#include "graph/ops/pool_geometry.h"

namespace ptonnx {
namespace {

std::vector<int64_t> pair_attr(const InferContext& c, const std::string& name, std::vector<int64_t> dflt) {
  if (!has_attr(c.attrs, name)) return dflt;
  const auto& v = attr_ints(c.attrs, name);
  if (v.size() != 2) c.fail(name + " must have 2 values (pool_2d), got " + std::to_string(v.size()));
  return v;
}

std::vector<TensorType> pool_out(const InferContext& c, bool average) {
  const TensorType& x = c.type(0);
  if (x.ndim() < 2) c.fail("pool_2d requires a dimension >= 2, got ndim " + std::to_string(x.ndim()));
  if (average && !is_float(x.dtype))
    c.fail("AveragePool takes float16/float32/float64; " + std::string(dtype_name(x.dtype)) +
           " would be averaged in float64 and truncated back by perform, which is not modelled");
  if (x.dtype == DType::Bool) c.fail("MaxPool of bool is not modelled");
  const auto ws = pair_attr(c, "ws", {});
  if (ws.empty()) c.fail("ws is required");
  const auto stride = pair_attr(c, "stride", ws);
  const auto pad = pair_attr(c, "pad", {0, 0});
  const bool ignore_border = attr_int(c.attrs, "ignore_border") != 0;
  for (size_t i = 0; i < 2; ++i) {
    if (ws[i] < 1 || stride[i] < 1) c.fail("ws and stride must be >= 1");
    if (pad[i] < 0) c.fail("pad must be >= 0");
    if (pad[i] >= ws[i]) c.fail("padding must be smaller than strides (Pool.make_node: pad < ws)");
    if (pad[i] != 0 && !ignore_border) c.fail("padding works only with ignore_border=True");
  }
  StaticShape s = x.shape;
  for (size_t i = 0; i < 2; ++i) {
    StaticDim& d = s[s.size() - 2 + i];
    if (!d) continue;
    const int64_t o = pool_geometry::out_size(*d, ws[i], stride[i], pad[i], ignore_border);
    // perform asserts every pooled dim > 0 when ignore_border is False.
    if (!ignore_border && o <= 0) c.fail("ignore_border=False needs a non-empty pooled dim (perform asserts it)");
    d = o;
  }
  return infer::one(x.dtype, s);
}

// The spatial dims of an NCHW input, as x.mean/x.max(axis=(2, 3)).
StaticShape global_shape(const InferContext& c) {
  if (c.type(0).ndim() != 4) c.fail("takes an NCHW input (ndim 4), got ndim " + std::to_string(c.type(0).ndim()));
  StaticShape s = c.type(0).shape;
  s[2] = 1;
  s[3] = 1;
  return s;
}

std::vector<TensorType> global_average_out(const InferContext& c) {
  const DType t = c.dtype(0);
  return infer::one(is_float(t) ? t : DType::Float64, global_shape(c));
}

std::vector<TensorType> global_max_out(const InferContext& c) {
  if (c.dtype(0) == DType::Bool) c.fail("max of bool is not modelled");
  StaticShape out = global_shape(c);  // checks the rank before in[2], in[3] are read
  const StaticShape& in = c.type(0).shape;
  if ((in[2] && *in[2] == 0) || (in[3] && *in[3] == 0))
    c.fail("zero-size array to reduction operation maximum which has no identity");
  return infer::one(c.dtype(0), std::move(out));
}

const std::vector<AttrSpec> kPoolAttrs{{"ws", AttrKind::Ints, true},
                                       {"stride", AttrKind::Ints},
                                       {"pad", AttrKind::Ints},
                                       {"ignore_border", AttrKind::Int, true}};

std::vector<AttrSpec> average_attrs() {
  auto a = kPoolAttrs;
  a.push_back({"mode", AttrKind::String, true, {"average_inc_pad", "average_exc_pad"}});
  return a;
}

const OpSchemaRegistrar kMaxPool(OpSchema{"MaxPool", 1, 1, kPoolAttrs,
                                          [](const InferContext& c) { return pool_out(c, false); },
                                          "pool_2d(x, ws, ignore_border, stride, pad, mode='max')"});
const OpSchemaRegistrar kAveragePool(OpSchema{
    "AveragePool", 1, 1, average_attrs(), [](const InferContext& c) { return pool_out(c, true); },
    "pool_2d(x, ws, ignore_border, stride, pad, mode='average_inc_pad'|'average_exc_pad')"});
const OpSchemaRegistrar kGlobalAveragePool(OpSchema{
    "GlobalAveragePool", 1, 1, {}, global_average_out, "x.mean(axis=(2, 3), keepdims=True) of an NCHW x"});
const OpSchemaRegistrar kGlobalMaxPool(OpSchema{
    "GlobalMaxPool", 1, 1, {}, global_max_out, "x.max(axis=(2, 3), keepdims=True) of an NCHW x"});

}  // namespace
}  // namespace ptonnx
