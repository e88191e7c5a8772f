// Upsample (opsets 7 and 9; deprecated at 10 in favour of Resize): scales
// (the attribute at opset 7, the float32 input #1 at 9) give each axis'
// factor; output dim = floor(input dim * scale). Mode "nearest" (the
// default) reads y[i] = x[floor(i / scale)] per axis, what ONNX's reference
// and ONNX Runtime do. Mode "linear" is refused (UnsupportedError): its
// coordinate mapping was never pinned down by the deprecated op's spec.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {
namespace {

std::vector<Tensor> upsample(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const std::string mode = ctx.attrs().get_string("mode", "nearest");
  if (mode != "nearest")
    throw UnsupportedError("mode '" + mode + "' is not supported; supported: nearest (use Resize for linear)");
  std::vector<float> scales;
  if (ctx.opset() >= 9) {
    const Tensor& s = ctx.input(1);
    require_dtype(s.dtype() == DType::Float32, s, "scales", "float32");
    auto d = s.data<float>();
    scales.assign(d.begin(), d.end());
  } else {
    scales = ctx.attrs().get_floats("scales");
  }
  if (static_cast<int64_t>(scales.size()) != x.rank())
    throw ValidationError("scales has " + std::to_string(scales.size()) + " values, X " + x.describe() + " has rank " +
                          std::to_string(x.rank()));
  Shape out(x.shape().size());
  for (size_t i = 0; i < out.size(); ++i) {
    const float s = scales[i];
    if (!(s >= 1.0f) || !std::isfinite(s))
      throw ValidationError("scales must be finite and >= 1 (Upsample), got " + std::to_string(s) + " on axis " +
                            std::to_string(i));
    const double d = std::floor(static_cast<double>(x.shape()[i]) * static_cast<double>(s));
    if (d > static_cast<double>(ctx.options().max_elements_per_tensor))
      throw LimitError("output dim " + std::to_string(d) + " on axis " + std::to_string(i) + " is over the limit");
    out[i] = static_cast<int64_t>(d);
  }
  Tensor y = ctx.alloc_uninitialized(x.dtype(), out);
  if (y.numel() == 0) return one_output(std::move(y));
  // Per axis, the source index of every output index.
  std::vector<std::vector<int64_t>> src(out.size());
  for (size_t a = 0; a < out.size(); ++a) {
    src[a].resize(static_cast<size_t>(out[a]));
    for (int64_t i = 0; i < out[a]; ++i)
      src[a][static_cast<size_t>(i)] =
          std::min(x.shape()[a] - 1, static_cast<int64_t>(std::floor(static_cast<double>(i) / scales[a])));
  }
  const auto in_strides = row_major_strides(x.shape());
  const size_t elem = dtype_size(x.dtype());
  std::vector<int64_t> pos(out.size(), 0);
  for (int64_t o = 0; o < y.numel(); ++o) {
    int64_t at = 0;
    for (size_t a = 0; a < out.size(); ++a) at += src[a][static_cast<size_t>(pos[a])] * in_strides[a];
    std::memcpy(y.raw() + static_cast<size_t>(o) * elem, x.raw() + static_cast<size_t>(at) * elem, elem);
    for (size_t a = out.size(); a-- > 0;)
      if (++pos[a] < out[a])
        break;
      else
        pos[a] = 0;
  }
  return one_output(std::move(y));
}

const KernelRegistrar kUpsample("", "Upsample", 7, 9, upsample);

}  // namespace
}  // namespace ptonnx::runtime::kernels
