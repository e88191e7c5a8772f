// Type inference of BatchNormalization (inference): PyTensor's
// batch_normalization_test(inputs, gamma, beta, mean, var, axes='spatial',
// epsilon) -> AbstractBatchNormInference (pytensor/tensor/nnet/batchnorm.py,
// removed in 02974b9d6; read at its parent).
//
// - axes 'spatial': normalised over (0, 2, 3, ...), one parameter per
//   channel (axis 1), so x is NC or NCHW (rank >= 2) and gamma, beta, mean,
//   var are 1-D of length C (dimshuffled to (x, 0, x, x) by the helper).
// - make_node: `as_common_dtype(x, scale, bias, mean, var)`: all five
//   upcast to one dtype, the output's; epsilon keeps its own dtype.
// - epsilon: `np.cast[floatX](epsilon)` (floatX float64) and must be at
//   least 1e-5 (cuDNN's limit), else ValueError.
// Float only: the formula's sqrt and division make no sense for the
// integer dtypes as_common_dtype would keep.
#include "core/error.h"
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

std::vector<TensorType> batch_norm_out(const InferContext& c) {
  const TensorType& x = c.type(0);
  if (x.ndim() < 2) c.fail("x must have rank >= 2 (NC or NCHW), got " + x.to_string());
  for (size_t i = 0; i < 5; ++i)
    if (!is_float(c.dtype(i)))
      c.fail("BatchNormalization takes float16, float32 or float64 inputs, got " + std::string(dtype_name(c.dtype(i))) +
             " for input " + std::to_string(i));
  const StaticDim ch = x.shape[1];
  static const char* const kNames[] = {"x", "gamma", "beta", "mean", "var"};
  for (size_t i = 1; i < 5; ++i) {
    const TensorType& t = c.type(i);
    if (t.ndim() != 1) c.fail(std::string(kNames[i]) + " must be 1-D (one value per channel), got " + t.to_string());
    if (ch && t.shape[0] && *t.shape[0] != *ch)
      c.fail(std::string(kNames[i]) + " has " + std::to_string(*t.shape[0]) + " values for " + std::to_string(*ch) +
             " channels");
  }
  const double eps = has_attr(c.attrs, "epsilon") ? attr_float(c.attrs, "epsilon") : 1e-4;
  if (!(eps >= 1e-5)) c.fail("epsilon must be at least 1e-5, got " + std::to_string(eps));
  StaticShape s = x.shape;
  for (size_t i = 1; i < 5 && !s[1]; ++i) s[1] = c.type(i).shape[0];  // the channel count from any parameter
  return infer::one(infer::upcast_inputs(c), s);
}

const OpSchemaRegistrar kBatchNormalization(OpSchema{
    "BatchNormalization",
    5,
    5,
    {{"epsilon", AttrKind::Float}},
    batch_norm_out,
    "batch_normalization_test(x, gamma, beta, mean, var, 'spatial', epsilon): (x - mean) * (gamma / sqrt(var + "
    "epsilon)) + beta, per channel (axis 1)"});

}  // namespace
}  // namespace ptonnx
