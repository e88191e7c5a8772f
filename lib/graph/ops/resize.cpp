// Type inference of Resize (CNN group). PyTensor has no resize op of its
// own: seed 004 (../shared/seeds/) adds pytensor/tensor/resize.py with
// resize(input, scale_factor, mode), whose nearest mode upsamples the last
// two dims of an NCHW tensor by integer factors as np.repeat along H and W,
// and whose bilinear mode calls scipy.ndimage.zoom(x, (1, 1, sh, sw),
// order=1). The IR models the integer-factor form:
//   scale  ints (2): (sh, sw) >= 1, the factors along H and W;
//   mode   nearest | bilinear.
// Output: (N, C, H * sh, W * sw), x's dtype (np.repeat keeps it; zoom's
// output array is x's dtype). bilinear takes float32/float64 only
// (scipy.ndimage refuses float16; integer zoom rounds, not modelled).
#include "core/error.h"
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

std::vector<TensorType> resize_out(const InferContext& c) {
  const TensorType& x = c.type(0);
  if (x.ndim() != 4) c.fail("takes an NCHW input (ndim 4), got ndim " + std::to_string(x.ndim()));
  const auto& scale = attr_ints(c.attrs, "scale");
  if (scale.size() != 2) c.fail("scale must have 2 values (H, W), got " + std::to_string(scale.size()));
  for (int64_t f : scale)
    if (f < 1) c.fail("scale factors must be integers >= 1 (upsampling), got " + std::to_string(f));
  const std::string& mode = attr_string(c.attrs, "mode");
  if (mode == "bilinear" && x.dtype != DType::Float32 && x.dtype != DType::Float64)
    c.fail("bilinear takes float32/float64 (scipy.ndimage.zoom), got " + std::string(dtype_name(x.dtype)));
  StaticShape s = x.shape;
  for (size_t i = 0; i < 2; ++i)
    if (s[2 + i]) s[2 + i] = *s[2 + i] * scale[i];
  return infer::one(x.dtype, s);
}

const OpSchemaRegistrar kResize(OpSchema{
    "Resize",
    1,
    1,
    {{"scale", AttrKind::Ints, true}, {"mode", AttrKind::String, true, {"nearest", "bilinear"}}},
    resize_out,
    "seed 004's resize(x, scale_factor, mode): nearest = np.repeat along H "
    "and W; bilinear = scipy.ndimage.zoom(order=1)"});

}  // namespace
}  // namespace ptonnx
