// Converters of the CNN group's pooling ops (IR: lib/graph/ops/pool.cpp).
//
// MaxPool / AveragePool (PyTensor's Pool over the last two dims). The
// pooled dims must be static: the window count of ignore_border=False
// depends on them, and ONNX's pads are attributes. Per dim the converter
// computes PyTensor's count o (pool_geometry.h) and emits floor-mode
// pooling (ceil_mode=0) over an input padded so that exactly o windows fit:
// head pad = pad, tail pad = pad + extra, extra = max(0, (o - 1) * stride +
// ws - (n + 2 * pad)) (non-zero only for ignore_border=False, where pad is
// 0; extra < ws since the last window starts inside the input). ceil_mode=1
// is not used: for stride >= ws its count can exceed PyTensor's by a window
// that starts past the input, which only later ONNX texts drop.
// - max: the padding goes in with an explicit Pad of -inf (the dtype's
//   lowest for integers), so the model does not rely on how MaxPool treats
//   pads (the opset 13-18 text does not say). NaN: np.max propagates it,
//   the ONNX text is silent (ONNX Runtime skips it), so a second MaxPool
//   over IsNaN(x) marks the windows holding one and Where writes NaN there;
//   likewise a window of -inf only is forced to -inf (ONNX Runtime 1.30
//   returns -FLT_MAX: its MaxPool starts from the lowest finite value).
//   MaxPool takes floats and int8/uint8: float16 runs in float32 and
//   int16/uint16/int32/uint32 in float64 (exact both ways: a max picks an
//   input value); int64/uint64 have no exact carrier (refused).
// - average: AveragePool with pads and count_include_pad (1 for
//   average_inc_pad, whose windows then lie inside the padded image, so the
//   divisor is ws_h * ws_w as perform's; 0 for average_exc_pad and for
//   every ignore_border=False window, whose divisor perform clips to the
//   image). float16 averages in float32 (np.mean's float16 intermediate).
//   float64 is written out (average_by_taps): ONNX Runtime has no double
//   AveragePool.
// - an input of ndim != 4 is reshaped to (-1, 1, H, W) and back; a pooled
//   count of 0 (ignore_border=True, window larger than the padded input)
//   is a ConstantOfShape of the empty output shape.
//
// GlobalAveragePool: x.mean(axis=(2, 3)) sums float32 in float64 and ints in
// int64: float16/float32 as a float64 ReduceSum rounded to float32 and
// divided there by H * W (pt.mean's float32 sum dtype); ints and float64
// through a float64 ReduceMean over (2, 3) (exact sums of ints up to 2^53;
// ONNX Runtime has no float64 GlobalAveragePool), cast to the output dtype. int64/uint64 are refused:
// PyTensor's int64 sum wraps, a float64 one rounds.
// GlobalMaxPool: float16/float32 use GlobalMaxPool in float32, float64
// ReduceMax, with the IsNaN and -inf guards; integers through
// reduce::integer_extremum over (2, 3) (ONNX Runtime's ReduceMax lacks
// 16-bit and unsigned types and its int64 one is wrong).
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "convert/onnx_types.h"
#include "convert/ops/axes.h"
#include "convert/ops/reduction.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/ops/zeros.h"
#include "convert/registry.h"
#include "core/tensor_proto.h"
#include "graph/ops/pool_geometry.h"

namespace ptonnx {
namespace {

struct PoolDim {
  int64_t n, ws, stride, pad, out, extra;
};

std::vector<int64_t> ints_or(const Node& node, const char* name, std::vector<int64_t> dflt) {
  return has_attr(node.attrs, name) ? attr_ints(node.attrs, name) : dflt;
}

std::vector<PoolDim> pool_dims(ConversionContext& c, const Node& node) {
  const auto ws = attr_ints(node.attrs, "ws");
  const auto stride = ints_or(node, "stride", ws);
  const auto pad = ints_or(node, "pad", {0, 0});
  const bool ignore_border = attr_int(node.attrs, "ignore_border") != 0;
  const StaticShape& s = node.inputs[0]->type.shape;
  std::vector<PoolDim> dims;
  for (size_t i = 0; i < 2; ++i) {
    const StaticDim n = s[s.size() - 2 + i];
    if (!n)
      c.unsupported(
          "the pooled dims (the last two) must be static: the window count and ONNX's pads attribute "
          "depend on them; got " +
          node.inputs[0]->describe());
    PoolDim d{*n, ws[i], stride[i], pad[i], pool_geometry::out_size(*n, ws[i], stride[i], pad[i], ignore_border), 0};
    d.extra = std::max<int64_t>(0, (d.out - 1) * d.stride + d.ws - (d.n + 2 * d.pad));
    dims.push_back(d);
  }
  return dims;
}

// Shape(x)[:r-2] ++ tail, as an int64 vector.
std::string leading_shape_with(ConversionContext& c, const std::string& x, int64_t r,
                               const std::vector<int64_t>& tail) {
  Emit e{c};
  const std::string shape = e.op("Shape", {x}, "shape");
  const std::string lead =
      e.op("Slice", {shape, axes::int64_vector(c, {0}, "zero"), axes::int64_vector(c, {r - 2}, "lead_end")}, "lead");
  return e.op("Concat", {lead, axes::int64_vector(c, tail, "pooled_dims")}, "out_shape", 0);
}

// True (and the output written) when a pooled count is 0.
bool empty_output(ConversionContext& c, const Node& node, const std::vector<PoolDim>& d) {
  if (d[0].out > 0 && d[1].out > 0) return false;
  const int64_t r = node.inputs[0]->type.ndim();
  // ONNX infers no rank from a computed shape: pinned.
  const std::string empty = c.temp("empty");
  zeros_of_shape(c, leading_shape_with(c, c.in(0), r, {d[0].out, d[1].out}), c.out_dtype(), empty);
  axes::pin_rank(c, empty, r, c.out());
  return true;
}

// x (rank r) as (-1, 1, H, W); x itself when r == 4.
std::string as_nchw(ConversionContext& c, const std::string& x, int64_t r, const std::vector<PoolDim>& d) {
  if (r == 4) return x;
  return Emit{c}.op("Reshape", {x, axes::int64_vector(c, {-1, 1, d[0].n, d[1].n}, "nchw")}, "nchw");
}

// y (NCHW) back to x's leading dims, into `out`.
void from_nchw(ConversionContext& c, const std::string& y, const std::string& x, int64_t r,
               const std::vector<PoolDim>& d, const std::string& out) {
  if (r == 4) {
    c.emit("Identity", {y}, {out});
    return;
  }
  const std::string shaped = Emit{c}.op("Reshape", {y, leading_shape_with(c, x, r, {d[0].out, d[1].out})}, "unflat");
  axes::pin_rank(c, shaped, r, out);
}

void set_pool_attrs(onnx::NodeProto& n, const std::vector<PoolDim>& d, bool with_pads) {
  set_attr(n, "kernel_shape", std::vector<int64_t>{d[0].ws, d[1].ws});
  set_attr(n, "strides", std::vector<int64_t>{d[0].stride, d[1].stride});
  if (with_pads)
    set_attr(n, "pads", std::vector<int64_t>{d[0].pad, d[1].pad, d[0].pad + d[0].extra, d[1].pad + d[1].extra});
}

// IsInf(x, detect_positive=0): x == -inf.
std::string neg_inf_mask(ConversionContext& c, const std::string& x) {
  const std::string out = c.temp("is_minus_inf");
  set_attr(c.emit("IsInf", {x}, {out}), "detect_positive", int64_t{0});
  return out;
}

// The float max `pooled` of x made exact where the spec leaves runtimes
// room: a window holding a NaN is NaN (np.max propagates it; the ONNX text
// is silent and ONNX Runtime skips it), and a window whose elements are all
// -inf is -inf (ONNX Runtime 1.30's MaxPool and GlobalMaxPool start from
// the dtype's lowest finite value and return -FLT_MAX there, a bug).
// `pool_marks` pools a 0/1 mask of x (in dtype `work`) the same way.
template <typename PoolMarks>
std::string guard_float_max(ConversionContext& c, const std::string& x, const std::string& pooled, DType work,
                            PoolMarks pool_marks) {
  Emit e{c};
  const std::string not_minus_inf = e.op("Not", {neg_inf_mask(c, x)}, "not_minus_inf");
  const std::string any_above = pool_marks(c.cast(not_minus_inf, DType::Bool, work), "above_minus_inf");
  const std::string all_minus_inf = e.op("Equal", {any_above, c.scalar(work, 0)}, "all_minus_inf");
  const std::string fixed =
      e.op("Where", {all_minus_inf, c.scalar(work, -std::numeric_limits<double>::infinity()), pooled}, "max_inf");
  const std::string nan_windows = pool_marks(c.cast(e.op("IsNaN", {x}, "isnan"), DType::Bool, work), "nan_windows");
  const std::string has_nan = e.op("Greater", {nan_windows, c.scalar(work, 0)}, "has_nan");
  return e.op("Where", {has_nan, c.scalar(work, std::numeric_limits<double>::quiet_NaN()), fixed}, "max_nan");
}

// The dtype MaxPool computes a t in (exactly), or nullopt.
std::optional<DType> maxpool_dtype(DType t) {
  if (t == DType::Float16) return DType::Float32;
  if (t == DType::Float32 || t == DType::Float64 || t == DType::Int8 || t == DType::UInt8) return t;
  if (t == DType::Int16 || t == DType::UInt16 || t == DType::Int32 || t == DType::UInt32) return DType::Float64;
  return std::nullopt;
}

void convert_maxpool(ConversionContext& c, const Node& node) {
  const DType t = c.in_dtype(0);
  const auto work = maxpool_dtype(t);
  if (!work)
    c.unsupported("MaxPool of " + std::string(dtype_name(t)) + ": ONNX MaxPool takes floats and int8/uint8, and " +
                  "no wider type holds every " + std::string(dtype_name(t)) +
                  " exactly; supported: float16/32/64, "
                  "int8..int32, uint8..uint32");
  const auto d = pool_dims(c, node);
  if (empty_output(c, node, d)) return;
  const int64_t r = node.inputs[0]->type.ndim();
  Emit e{c};
  std::string x = c.cast(as_nchw(c, c.in(0), r, d), t, *work);
  if (d[0].pad + d[0].extra > 0 || d[1].pad + d[1].extra > 0) {
    const double low = is_float(*work) ? -std::numeric_limits<double>::infinity() : *work == DType::Int8 ? -128.0 : 0.0;
    x = e.op("Pad",
             {x,
              axes::int64_vector(c, {0, 0, d[0].pad, d[1].pad, 0, 0, d[0].pad + d[0].extra, d[1].pad + d[1].extra},
                                 "pool_pads"),
              c.scalar(*work, low)},
             "padded");
  }
  const std::string pooled = c.temp("maxpool");
  set_pool_attrs(c.emit("MaxPool", {x}, {pooled}), d, false);
  std::string y = pooled;
  if (is_float(*work)) {
    y = guard_float_max(c, x, pooled, *work, [&](const std::string& marks, const char* hint) {
      const std::string out = c.temp(hint);
      set_pool_attrs(c.emit("MaxPool", {marks}, {out}), d, false);
      return out;
    });
  }
  from_nchw(c, c.cast(y, *work, t), c.in(0), r, d, c.out());
}

// AveragePool in float64, written out for ONNX Runtime (no double
// AveragePool kernel): x padded with zeros as AveragePool's pads would
// be, the window sum as the Sum of one strided Slice per window tap (every
// size static: the pooled dims are), divided by each window's count: ws_h *
// ws_w with count_include_pad, else the window's elements inside the image,
// a constant worked out here. Its sums are as open as AveragePool's.
std::string average_by_taps(ConversionContext& c, const std::string& x, const std::vector<PoolDim>& d,
                            bool include_pad) {
  Emit e{c};
  const std::string xp =
      e.op("Pad",
           {x,
            axes::int64_vector(c, {0, 0, d[0].pad, d[1].pad, 0, 0, d[0].pad + d[0].extra, d[1].pad + d[1].extra},
                               "pool_pads"),
            c.scalar(DType::Float64, 0)},
           "padded");
  std::vector<std::string> taps;
  for (int64_t i = 0; i < d[0].ws; ++i)
    for (int64_t j = 0; j < d[1].ws; ++j)
      taps.push_back(e.op(
          "Slice",
          {xp, axes::int64_vector(c, {i, j}, "tap_starts"),
           axes::int64_vector(c, {i + (d[0].out - 1) * d[0].stride + 1, j + (d[1].out - 1) * d[1].stride + 1},
                              "tap_ends"),
           axes::int64_vector(c, {2, 3}, "tap_axes"), axes::int64_vector(c, {d[0].stride, d[1].stride}, "tap_steps")},
          "tap"));
  const std::string sum = taps.size() == 1 ? taps[0] : e.op("Sum", taps, "window_sum");
  // Elements of window o along one dim that lie in the image [0, n).
  const auto inside = [](const PoolDim& p, int64_t o) {
    const int64_t first = o * p.stride - p.pad;
    return std::max<int64_t>(0, std::min(first + p.ws, p.n) - std::max<int64_t>(first, 0));
  };
  Tensor counts(DType::Float64, {d[0].out, d[1].out});
  for (int64_t a = 0; a < d[0].out; ++a)
    for (int64_t b = 0; b < d[1].out; ++b)
      counts.data<double>()[a * d[1].out + b] =
          include_pad ? static_cast<double>(d[0].ws * d[1].ws) : static_cast<double>(inside(d[0], a) * inside(d[1], b));
  return e.op("Div", {sum, c.initializer(counts, "window_counts")}, "average");
}

void convert_averagepool(ConversionContext& c, const Node& node) {
  const DType t = c.in_dtype(0);
  const auto d = pool_dims(c, node);
  if (empty_output(c, node, d)) return;
  const int64_t r = node.inputs[0]->type.ndim();
  const DType work = t == DType::Float16 ? DType::Float32 : t;
  const bool ignore_border = attr_int(node.attrs, "ignore_border") != 0;
  const bool inc_pad = attr_string(node.attrs, "mode") == "average_inc_pad";
  const std::string x = c.cast(as_nchw(c, c.in(0), r, d), t, work);
  if (work == DType::Float64) {
    from_nchw(c, average_by_taps(c, x, d, ignore_border && inc_pad), c.in(0), r, d, c.out());
    return;
  }
  const std::string pooled = c.temp("avgpool");
  auto& n = c.emit("AveragePool", {x}, {pooled});
  set_pool_attrs(n, d, true);
  set_attr(n, "count_include_pad", int64_t{ignore_border && inc_pad ? 1 : 0});
  from_nchw(c, c.cast(pooled, work, t), c.in(0), r, d, c.out());
}

// H * W of NCHW x as a float32 scalar: a constant when both are static.
std::string spatial_count_float32(ConversionContext& c, const Node& node) {
  const auto& shape = node.inputs[0]->type.shape;
  if (shape[2] && shape[3]) return c.scalar(DType::Float32, static_cast<double>(*shape[2] * *shape[3]));
  Emit e{c};
  const std::string dims = e.op("Shape", {c.in(0)}, "shape");
  const std::string hw = e.op("Mul",
                              {e.op("Gather", {dims, c.scalar(DType::Int64, 2)}, "h", 0),
                               e.op("Gather", {dims, c.scalar(DType::Int64, 3)}, "w", 0)},
                              "hw");
  return c.cast(hw, DType::Int64, DType::Float32);
}

void convert_global_average(ConversionContext& c, const Node& node) {
  const DType t = c.in_dtype(0);
  if (t == DType::Int64 || t == DType::UInt64)
    c.unsupported("GlobalAveragePool (x.mean(axis=(2, 3))) of " + std::string(dtype_name(t)) +
                  ": PyTensor's sum wraps in int64 and a float64 mean rounds; supported: floats, bool, int8..int32, "
                  "uint8..uint32");
  if (t == DType::Float16 || t == DType::Float32) {
    // pt.mean's Sum accumulates in float64 but its dtype is float32, so the
    // sum is rounded to float32 before the one division, in float32. A
    // float64 ReduceMean skips that rounding: 1 ulp off when the float32 sum
    // is inexact ([4194305, 0.25, 0, 0, 0, 0]: 699050.8125 in PyTensor,
    // 699050.875 from the mean), which a downstream Tan magnified to 0.1
    // (tier-5 graph, opset 13, seed 6952187517895582965).
    const std::string sum = reduce::emit(c, "ReduceSum", c.cast(c.in(0), t, DType::Float64), {2, 3}, true);
    const std::string mean = Emit{c}.op("Div", {c.cast(sum, DType::Float64, DType::Float32), spatial_count_float32(c, node)}, "mean");
    c.cast(mean, DType::Float32, c.out_dtype(), c.out());
    if (c.out_dtype() == DType::Float32) c.emit("Identity", {mean}, {c.out()});
    return;
  }
  // ReduceMean in float64 rather than GlobalAveragePool: ONNX Runtime 1.30
  // has no float64 GlobalAveragePool kernel; an integer sum is exact in it
  // (up to 2^53) and divided once, as PyTensor's float64 mean.
  const std::string mean = reduce::emit(c, "ReduceMean", c.cast(c.in(0), t, DType::Float64), {2, 3}, true);
  c.cast(mean, DType::Float64, c.out_dtype(), c.out());
  if (c.out_dtype() == DType::Float64) c.emit("Identity", {mean}, {c.out()});
}

void convert_global_max(ConversionContext& c, const Node&) {
  const DType t = c.in_dtype(0);
  if (!is_float(t)) {
    // Integer ReduceMax in forms ONNX Runtime has kernels for and computes
    // right (it lacks int16, uint16, uint32 and uint64, and its int64 one
    // compares low words as signed: reduce::integer_extremum).
    reduce::integer_extremum(c, "ReduceMax", c.in(0), t, {2, 3}, true, c.out());
    return;
  }
  const DType work = t == DType::Float16 ? DType::Float32 : t;
  const std::string x = c.cast(c.in(0), t, work);
  // float64 through ReduceMax: ONNX Runtime 1.30 has no float64 GlobalMaxPool.
  auto global_max = [&](const std::string& v, const char* hint) {
    if (work == DType::Float32) return Emit{c}.op("GlobalMaxPool", {v}, hint);
    return reduce::emit(c, "ReduceMax", v, {2, 3}, true);
  };
  const std::string y = guard_float_max(c, x, global_max(x, "max"), work, global_max);
  c.cast(y, work, t, c.out());
  if (work == t) c.emit("Identity", {y}, {c.out()});
}

const ConverterRegistrar kMaxPool("MaxPool", 13, convert_maxpool);
const ConverterRegistrar kAveragePool("AveragePool", 13, convert_averagepool);
const ConverterRegistrar kGlobalAveragePool("GlobalAveragePool", 13, convert_global_average);
const ConverterRegistrar kGlobalMaxPool("GlobalMaxPool", 13, convert_global_max);

}  // namespace
}  // namespace ptonnx
