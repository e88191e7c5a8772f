// DepthToSpace and SpaceToDepth: rearrange blocks of a 4-D NCHW tensor
// between the channel and the spatial dims. Both are pure permutations, so
// they move elements bytewise and accept every dtype.
#include <cstring>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

int64_t blocksize_of(const KernelContext& ctx) {
  const int64_t b = ctx.attrs().get_int("blocksize");
  if (b < 1) throw ValidationError("blocksize must be >= 1, got " + std::to_string(b));
  return b;
}

void require_4d(const Tensor& x) {
  if (x.rank() != 4) throw ValidationError("input must be 4-D (N, C, H, W), got " + x.describe());
}

// The spec defines DCR as reshape [N, b, b, C/b^2, H, W] + transpose
// [0, 3, 4, 1, 5, 2] and CRD as reshape [N, C/b^2, b, b, H, W] + transpose
// [0, 1, 4, 2, 5, 3]; output (n, c, h*b+i, w*b+j) therefore reads input
// channel (i*b+j)*C' + c (DCR) or c*b*b + i*b + j (CRD).
std::vector<Tensor> depth_to_space(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  require_4d(x);
  const int64_t b = blocksize_of(ctx);
  const std::string mode = ctx.opset() >= 11 ? ctx.attrs().get_string("mode", "DCR") : "DCR";
  if (mode != "DCR" && mode != "CRD") throw ValidationError("mode must be DCR or CRD, got '" + mode + "'");
  const bool dcr = mode == "DCR";
  const int64_t n = x.shape()[0], c = x.shape()[1], h = x.shape()[2], w = x.shape()[3];
  if (c % (b * b) != 0)
    throw ValidationError("channels (" + std::to_string(c) + ") must be divisible by blocksize^2 (" +
                          std::to_string(b * b) + ")");
  const int64_t oc = c / (b * b);
  Tensor y = ctx.alloc(x.dtype(), {n, oc, h * b, w * b});
  const auto es = static_cast<int64_t>(dtype_size(x.dtype()));
  const std::byte* src = x.raw();
  std::byte* dst = y.raw();
  int64_t at = 0;
  for (int64_t in = 0; in < n; ++in)
    for (int64_t ic = 0; ic < oc; ++ic)
      for (int64_t oh = 0; oh < h * b; ++oh)
        for (int64_t ow = 0; ow < w * b; ++ow, ++at) {
          const int64_t i = oh % b, j = ow % b;
          const int64_t ch = dcr ? (i * b + j) * oc + ic : ic * b * b + i * b + j;
          const int64_t from = ((in * c + ch) * h + oh / b) * w + ow / b;
          std::memcpy(dst + at * es, src + from * es, static_cast<size_t>(es));
        }
  return one_output(std::move(y));
}

// Inverse of DCR DepthToSpace: reshape [N, C, H/b, b, W/b, b] + transpose
// [0, 3, 5, 1, 2, 4]; output channel (i*b+j)*C + c at (h, w) reads input
// (c, h*b+i, w*b+j).
std::vector<Tensor> space_to_depth(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  require_4d(x);
  const int64_t b = blocksize_of(ctx);
  const int64_t n = x.shape()[0], c = x.shape()[1], h = x.shape()[2], w = x.shape()[3];
  if (h % b != 0 || w % b != 0)
    throw ValidationError("height and width must be divisible by blocksize " + std::to_string(b) + ", got " +
                          x.describe());
  const int64_t oh = h / b, ow = w / b;
  Tensor y = ctx.alloc(x.dtype(), {n, c * b * b, oh, ow});
  const auto es = static_cast<int64_t>(dtype_size(x.dtype()));
  const std::byte* src = x.raw();
  std::byte* dst = y.raw();
  int64_t at = 0;
  for (int64_t in = 0; in < n; ++in)
    for (int64_t och = 0; och < c * b * b; ++och)
      for (int64_t r = 0; r < oh; ++r)
        for (int64_t s = 0; s < ow; ++s, ++at) {
          const int64_t blk = och / c, ic = och % c, i = blk / b, j = blk % b;
          const int64_t from = ((in * c + ic) * h + r * b + i) * w + s * b + j;
          std::memcpy(dst + at * es, src + from * es, static_cast<size_t>(es));
        }
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    // DepthToSpace-11 added the mode attribute (CRD); 13 only widened types.
    {"DepthToSpace", 1, depth_to_space},
    {"SpaceToDepth", 1, space_to_depth},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
