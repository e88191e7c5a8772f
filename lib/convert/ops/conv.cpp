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
//   rounding per weight, also inside that bound. ONNX Runtime's x86 CPU
//   provider has a float Conv only, so float64 outputs cannot run there.
#include <limits>

#include "convert/ops/axes.h"
#include "convert/registry.h"
#include "graph/conv_params.h"

namespace ptonnx {
namespace {

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
  onnx::NodeProto& n = c.emit("Conv", {x, w}, {y});
  set_attr(n, "pads", std::vector<int64_t>{p.pads[0], p.pads[2], p.pads[1], p.pads[3]});
  set_attr(n, "strides", std::vector<int64_t>{p.subsample[0], p.subsample[1]});
  set_attr(n, "dilations", std::vector<int64_t>{p.dilation[0], p.dilation[1]});
  set_attr(n, "group", p.groups);
  const std::string ranked = pin ? axes::pin_rank(c, y, 4, same ? c.out() : "") : y;
  if (!same) c.cast(ranked, t, c.out_dtype(), c.out());
}

const ConverterRegistrar kConv2D("Conv2D", 13, convert_conv2d);

}  // namespace
}  // namespace ptonnx
