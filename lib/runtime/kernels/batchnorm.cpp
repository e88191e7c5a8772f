// ONNX BatchNormalization, opsets 6-7 (spatial=1 only: per-activation
// statistics of spatial=0 are refused), 9 (spatial dropped), 14 (training_mode,
// 3 outputs) and 15 (scale/B may differ in type from X; only same-type is
// accepted here). X (N, C, D...), scale, B, input_mean, input_var of shape
// (C). Inference:
//   Y = (X - input_mean) / sqrt(input_var + epsilon) * scale + B
// in that order, computed in double and rounded once to X's dtype.
// training_mode=1 normalises with the batch statistics (mean and population
// variance over every axis but 1) and also returns
//   running_mean = input_mean * momentum + current_mean * (1 - momentum)
//   running_var  = input_var * momentum + current_var * (1 - momentum).
#include <cmath>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {
namespace {

std::vector<Tensor> batch_norm(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  require_dtype(is_float(x.dtype()), x, "X", "float16, float, double");
  if (x.rank() < 2) throw ValidationError("X must have rank >= 2 (N, C, ...), got " + shape_to_string(x.shape()));
  const int64_t n = x.shape()[0], c = x.shape()[1], inner = dims_product(x.shape(), 2, x.rank());
  static const char* const kNames[] = {"X", "scale", "B", "input_mean", "input_var"};
  for (size_t i = 1; i < 5; ++i) {
    const Tensor& t = ctx.input(i);
    if (t.dtype() != x.dtype()) throw TypeError(std::string(kNames[i]) + " must have X's dtype");
    if (t.shape() != Shape{c})
      throw ValidationError(std::string(kNames[i]) + " must have shape (" + std::to_string(c) + "), got " +
                            shape_to_string(t.shape()));
  }
  if (ctx.opset() < 9 && ctx.attrs().get_int("spatial", 1) == 0)
    throw ValidationError("spatial=0 (per-activation statistics) is not supported; supported: spatial=1");
  const double eps = ctx.attrs().get_float("epsilon", 1e-5f);
  const double momentum = ctx.attrs().get_float("momentum", 0.9f);
  const bool training = ctx.opset() >= 14 && ctx.attrs().get_int("training_mode", 0) != 0;
  std::vector<double> mean(static_cast<size_t>(c)), var(static_cast<size_t>(c));
  for (int64_t ch = 0; ch < c; ++ch) {
    mean[ch] = ctx.input(3).get_as_double(ch);
    var[ch] = ctx.input(4).get_as_double(ch);
  }
  std::vector<double> batch_mean, batch_var;
  if (training) {
    batch_mean.assign(static_cast<size_t>(c), 0.0);
    batch_var.assign(static_cast<size_t>(c), 0.0);
    const double count = static_cast<double>(n * inner);
    for (int64_t ch = 0; ch < c; ++ch) {
      double s = 0, ss = 0;
      for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < inner; ++i) s += x.get_as_double((b * c + ch) * inner + i);
      const double mu = count > 0 ? s / count : 0.0;
      for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < inner; ++i) {
          const double d = x.get_as_double((b * c + ch) * inner + i) - mu;
          ss += d * d;
        }
      batch_mean[ch] = mu;
      batch_var[ch] = count > 0 ? ss / count : 0.0;
    }
  }
  const std::vector<double>& use_mean = training ? batch_mean : mean;
  const std::vector<double>& use_var = training ? batch_var : var;
  Tensor y = ctx.alloc(x.dtype(), x.shape());
  for (int64_t ch = 0; ch < c; ++ch) {
    const double scale = ctx.input(1).get_as_double(ch), bias = ctx.input(2).get_as_double(ch);
    const double denom = std::sqrt(use_var[ch] + eps);
    for (int64_t b = 0; b < n; ++b)
      for (int64_t i = 0; i < inner; ++i) {
        const int64_t k = (b * c + ch) * inner + i;
        set_element(y, k, (x.get_as_double(k) - use_mean[ch]) / denom * scale + bias);
      }
  }
  std::vector<Tensor> out;
  out.push_back(std::move(y));
  if (training && ctx.num_outputs() > 1) {
    Tensor rm = ctx.alloc(x.dtype(), Shape{c}), rv = ctx.alloc(x.dtype(), Shape{c});
    for (int64_t ch = 0; ch < c; ++ch) {
      set_element(rm, ch, mean[ch] * momentum + batch_mean[ch] * (1 - momentum));
      set_element(rv, ch, var[ch] * momentum + batch_var[ch] * (1 - momentum));
    }
    out.push_back(std::move(rm));
    out.push_back(std::move(rv));
  } else if (!training && ctx.num_outputs() > 1 && ctx.opset() >= 14) {
    throw ValidationError("outputs running_mean and running_var need training_mode=1");
  }
  return out;
}

const KernelRegistrar kBatchNormalization("BatchNormalization", 6, batch_norm);

}  // namespace
}  // namespace ptonnx::runtime::kernels
