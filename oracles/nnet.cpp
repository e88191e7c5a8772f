// Oracle kernel of BatchNormalization (inference), from
// AbstractBatchNormInference.perform (pytensor/tensor/nnet/batchnorm.py at
// 02974b9d6^):
//
//   out = (x - estimated_mean) * (scale / np.sqrt(estimated_variance + epsilon)) + bias
//
// with make_node's as_common_dtype: the five tensors in one dtype T (the
// output's; float upcasts are exact). Each NumPy operation rounds to T.
// epsilon is a 0-d float64 array (np.cast[floatX], floatX float64); NumPy
// 1.x's value-based casting keeps var + eps in T, converting eps to T
// first. The parameters are per channel (axes 'spatial': the helper
// dimshuffles them to (x, 0, x, ...)).
#include <cmath>

#include "core/float16.h"
#include "oracles/kernel.h"
#include "oracles/numeric.h"

namespace ptonnx::oracle {
namespace {

double rounded(DType t, double v) {
  if (t == DType::Float16) return half_to_float(double_to_half(v));
  if (t == DType::Float32) return static_cast<double>(double_to_float(v));
  return v;
}

std::vector<Tensor> batch_norm_kernel(const Node& node, const std::vector<Tensor>& in) {
  const DType t = out_dtype(node);
  const Tensor& x = in.at(0);
  const double eps = rounded(t, has_attr(node.attrs, "epsilon") ? attr_float(node.attrs, "epsilon") : 1e-4);
  const int64_t n = x.shape()[0], c = x.shape()[1];
  int64_t inner = 1;
  for (size_t i = 2; i < x.shape().size(); ++i) inner *= x.shape()[i];
  Tensor out(t, x.shape());
  for (int64_t ch = 0; ch < c; ++ch) {
    const double gamma = in[1].get_as_double(ch), beta = in[2].get_as_double(ch);
    const double mean = in[3].get_as_double(ch), var = in[4].get_as_double(ch);
    const double factor = rounded(t, gamma / rounded(t, std::sqrt(rounded(t, var + eps))));
    for (int64_t b = 0; b < n; ++b)
      for (int64_t i = 0; i < inner; ++i) {
        const int64_t k = (b * c + ch) * inner + i;
        const double centered = rounded(t, x.get_as_double(k) - mean);
        out.set_from_double(k, rounded(t, rounded(t, centered * factor) + beta));
      }
  }
  return {out};
}

const KernelRegistrar kBatchNormalization("BatchNormalization", batch_norm_kernel);

}  // namespace
}  // namespace ptonnx::oracle
