// Converter of Conv2D (PyTensor's conv2d, AbstractConv2d) to ONNX Conv.
//
// - Flip: PyTensor convolves (filter_flip=True: scipy's convolve2d flips
//   the kernel), ONNX Conv cross-correlates; so the kernel's last two axes
//   are reversed first with Slice(starts -1, ends INT64_MIN, steps -1),
//   which reverses whatever the kernel's size (a constant kernel is folded
//   by any optimizer). filter_flip=False needs no Slice.
// - Pads from border_mode (graph/conv_params.h): full = dilated kernel - 1
//   each side, half = dilated kernel // 2, ints as given; ONNX orders them
//   (top, left, bottom, right). subsample -> strides (ONNX's output size
//   floor((in + pads - dilated) / stride) + 1 is get_conv_shape_1axis),
//   filter_dilation -> dilations, num_groups -> group.
// - Dtypes: ONNX Conv takes one T for X and W. PyTensor computes each
//   channel's convolution in the promotion of the two dtypes and casts into
//   the input's dtype (the output's). The Conv runs in float64 when the
//   output is float64, else in float32 (Cast both, Conv, Cast back): for a
//   float16 output a float32 sum rounded once is within the accumulation
//   bound of PyTensor's sums (lib/check/conv_tolerance.cpp), and for a
//   float32 output a float64 kernel rounded to float32 adds one float32
//   rounding per weight, also inside that bound.
// - float64 with a static kernel shape: ONNX Runtime 1.30's CPU provider has
//   a float Conv only, so the convolution is written out (conv_by_matmul):
//   the input padded, one strided Slice per kernel tap (im2col), and a
//   grouped double MatMul. Its sums are as open as Conv's.
#include <limits>

#include "convert/ops/axes.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"
#include "graph/conv_params.h"

namespace ptonnx {
namespace {

// y = conv(x, w) in float64 from ops ONNX Runtime has double kernels for:
// x padded; tap (i, j) is Slice(xp, [i*dh, j*dw], ends, steps [sh, sw]),
// whose end Hp - dh*(KH-1) + i*dh (as an offset from the end) makes every
// tap [N, C, OH, OW] with OH = floor((Hp - dh*(KH-1) - 1) / sh) + 1, as
// Conv's; taps stacked as [N, OH, OW, C, K] (K = KH*KW, i-major, as w's
// flattening), grouped [N, OH, OW, G, 1, Cg*K] times w as [G, Cg*K, Mg]
// -> [N, OH, OW, G, 1, Mg] -> [N, OH, OW, M] -> [N, M, OH, OW]. The
// Reshapes copy leading dims with 0 (existing dims, zero-size included)
// and state the static rest: no -1, no run-time targets.
void conv_by_matmul(ConversionContext& c, const std::string& x, const std::string& w, const conv::Params& p,
                    const StaticShape& ks, const std::string& out) {
  Emit e{c};
  const int64_t m = *ks[0], cg = *ks[1], kh = *ks[2], kw = *ks[3], g = p.groups, k = kh * kw;
  const int64_t dh = p.dilation[0], dw = p.dilation[1];
  std::string xp = x;
  if (p.pads[0] || p.pads[1] || p.pads[2] || p.pads[3])
    xp = e.op("Pad",
              {x, axes::int64_vector(c, {0, 0, p.pads[0], p.pads[2], 0, 0, p.pads[1], p.pads[3]}, "conv_pads"),
               c.scalar(DType::Float64, 0)},
              "padded");
  const auto end_of = [](int64_t tap, int64_t taps, int64_t dilation) {
    const int64_t back = dilation * (taps - 1 - tap);
    return back == 0 ? std::numeric_limits<int64_t>::max() : -back;
  };
  const std::string tap_axis = axes::int64_vector(c, {4}, "tap_axis");
  std::vector<std::string> taps;
  for (int64_t i = 0; i < kh; ++i)
    for (int64_t j = 0; j < kw; ++j) {
      const std::string tap = e.op("Slice",
                                   {xp, axes::int64_vector(c, {i * dh, j * dw}, "tap_starts"),
                                    axes::int64_vector(c, {end_of(i, kh, dh), end_of(j, kw, dw)}, "tap_ends"),
                                    axes::int64_vector(c, {2, 3}, "tap_axes"),
                                    axes::int64_vector(c, {p.subsample[0], p.subsample[1]}, "tap_steps")},
                                   "tap");
      taps.push_back(e.op("Unsqueeze", {tap, tap_axis}, "tap_column"));  // [N, C, OH, OW, 1]
    }
  const std::string stacked = e.op("Concat", taps, "taps", 4);  // [N, C, OH, OW, K]
  std::string cols = c.temp("columns");
  set_attr(c.emit("Transpose", {stacked}, {cols}), "perm", std::vector<int64_t>{0, 2, 3, 1, 4});
  cols = e.op("Reshape", {cols, axes::int64_vector(c, {0, 0, 0, g, 1, cg * k}, "grouped_columns")}, "grouped");
  std::string wt = e.op("Reshape", {w, axes::int64_vector(c, {g, m / g, cg * k}, "grouped_kernel")}, "kernel_rows");
  const std::string wcols = c.temp("kernel_columns");
  set_attr(c.emit("Transpose", {wt}, {wcols}), "perm", std::vector<int64_t>{0, 2, 1});  // [G, Cg*K, Mg]
  const std::string prod = e.op("MatMul", {cols, wcols}, "products");                   // [N, OH, OW, G, 1, Mg]
  const std::string nhwc = e.op("Reshape", {prod, axes::int64_vector(c, {0, 0, 0, m}, "channels_last")}, "nhwc");
  set_attr(c.emit("Transpose", {nhwc}, {out}), "perm", std::vector<int64_t>{0, 3, 1, 2});
}

void convert_conv2d(ConversionContext& c, const Node& node) {
  const StaticShape& ks = node.inputs[1]->type.shape;
  if (!ks[2] || !ks[3]) {
    conv::Params probe;
    conv::read(node.attrs, 1, 1, probe);
    if (probe.border_mode == "full" || probe.border_mode == "half")
      c.unsupported("border_mode '" + probe.border_mode +
                    "' needs the kernel's spatial dims at export time (ONNX Conv's pads are attributes); supported: "
                    "a kernel with static spatial dims, or border_mode valid / explicit pads");
  }
  conv::Params p;
  if (std::string e = conv::read(node.attrs, ks[2].value_or(1), ks[3].value_or(1), p); !e.empty()) c.unsupported(e);
  // float32 unless the output is float64 (see the header comment).
  const DType t = c.out_dtype() == DType::Float64 ? DType::Float64 : DType::Float32;
  const std::string x = c.cast(c.in(0), c.in_dtype(0), t);
  std::string w = c.cast(c.in(1), c.in_dtype(1), t);
  if (p.flip) {
    const int64_t lo = std::numeric_limits<int64_t>::min();
    const std::string flipped = c.temp("kernel_flipped");
    c.emit("Slice",
           {w, axes::int64_vector(c, {-1, -1}, "flip_starts"), axes::int64_vector(c, {lo, lo}, "flip_ends"),
            axes::int64_vector(c, {2, 3}, "flip_axes"), axes::int64_vector(c, {-1, -1}, "flip_steps")},
           {flipped});
    w = flipped;
  }
  const bool same = t == c.out_dtype();
  // ONNX's Conv shape inference gives up (no rank) when W's spatial dims
  // are unknown, and a graph output needs a rank: then the result goes
  // through pin_rank (a Reshape to zeros, an identity at run time).
  const bool pin = !ks[2] || !ks[3];
  const std::string y = same && !pin ? c.out() : c.temp("conv");
  if (t == DType::Float64 && ks[0] && ks[1] && ks[2] && ks[3]) {
    conv_by_matmul(c, x, w, p, ks, y);
  } else {
    onnx::NodeProto& n = c.emit("Conv", {x, w}, {y});
    set_attr(n, "pads", std::vector<int64_t>{p.pads[0], p.pads[2], p.pads[1], p.pads[3]});
    set_attr(n, "strides", std::vector<int64_t>{p.subsample[0], p.subsample[1]});
    set_attr(n, "dilations", std::vector<int64_t>{p.dilation[0], p.dilation[1]});
    set_attr(n, "group", p.groups);
  }
  const std::string ranked = pin ? axes::pin_rank(c, y, 4, same ? c.out() : "") : y;
  if (!same) c.cast(ranked, t, c.out_dtype(), c.out());
}

const ConverterRegistrar kConv2D("Conv2D", 13, convert_conv2d);

}  // namespace
}  // namespace ptonnx
