// Type inference of Conv2D: pytensor.tensor.conv.abstract_conv's
// AbstractConv2d (conv2d(input, filters, border_mode, subsample,
// filter_flip, filter_dilation, num_groups); read at a0ee9a440^, the
// module's last version). NCHW input, OIHW kernel (I = C / num_groups).
//
// make_node keeps the kernel's own dtype (`img.type.clone(dtype=kern.dtype)`)
// and declares the output as `img.type.clone(...)`: the output dtype is the
// input's, whatever the kernel's. perform convolves with scipy, which has
// float and integer loops; the catalog restricts the op to float16/32/64
// (ONNX Conv is float only). The static shape: batch from the input,
// channels from the kernel, spatial dims from get_conv_shape_1axis (what
// infer_shape returns; make_node itself only keeps broadcastable flags).
#include "core/error.h"
#include "graph/conv_params.h"
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

std::vector<TensorType> conv2d_out(const InferContext& c) {
  const TensorType &x = c.type(0), &k = c.type(1);
  if (x.ndim() != 4) c.fail("img must be 4D tensor (NCHW), got " + x.to_string());
  if (k.ndim() != 4) c.fail("kern must be 4D tensor (OIHW), got " + k.to_string());
  for (size_t i = 0; i < 2; ++i)
    if (!is_float(c.dtype(i)))
      c.fail("Conv2D takes float16, float32 or float64 inputs, got " + std::string(dtype_name(c.dtype(i))));
  const StaticDim kh = k.shape[2], kw = k.shape[3];
  conv::Params p;
  if (std::string e = conv::read(c.attrs, kh.value_or(1), kw.value_or(1), p); !e.empty()) c.fail(e);
  const StaticDim ch = x.shape[1], kc = k.shape[1], o = k.shape[0];
  if (ch && *ch % p.groups != 0) c.fail("number of input channels must be divisible by num_groups");
  if (o && *o % p.groups != 0) c.fail("number of filters must be divisible by num_groups");
  if (ch && kc && *ch / p.groups != *kc)
    c.fail("the number of input channels in the kernel (" + std::to_string(*kc) +
           ") should specify the number of channels of 1 group (" + std::to_string(*ch / p.groups) + ")");
  if ((kh && *kh < 1) || (kw && *kw < 1)) c.fail("kernel spatial dims must be >= 1");
  StaticShape out{x.shape[0], o, std::nullopt, std::nullopt};
  for (size_t i = 0; i < 2; ++i) {
    const StaticDim in = x.shape[2 + i], kd = k.shape[2 + i];
    if (!in || !kd) continue;
    const conv::Params& q = p;  // full/half pads are exact here: the kernel dim is known
    const int64_t d = conv::out_dim(*in, *kd, q.pads[2 * i], q.pads[2 * i + 1], q.subsample[i], q.dilation[i]);
    if (d < 1)
      c.fail("the dilated kernel (" + std::to_string(conv::dilated(*kd, q.dilation[i])) +
             ") is larger than the padded input (" + std::to_string(*in + q.pads[2 * i] + q.pads[2 * i + 1]) +
             ") on spatial axis " + std::to_string(i));
    out[2 + i] = d;
  }
  return infer::one(c.dtype(0), out);
}

const OpSchemaRegistrar kConv2D(OpSchema{"Conv2D",
                                         2,
                                         2,
                                         {{"border_mode", AttrKind::String, false, {"valid", "full", "half", "pads"}},
                                          {"pads", AttrKind::Ints},
                                          {"subsample", AttrKind::Ints},
                                          {"filter_dilation", AttrKind::Ints},
                                          {"num_groups", AttrKind::Int},
                                          {"filter_flip", AttrKind::Int}},
                                         conv2d_out,
                                         "pytensor conv2d (AbstractConv2d): NCHW x OIHW, a true convolution "
                                         "(kernel flipped) in the input's dtype"});

}  // namespace
}  // namespace ptonnx
