// Converter of BatchNormalization (inference; batch_normalization_test ->
// AbstractBatchNormInference.perform):
//   out = (x - mean) * (gamma / sqrt(var + epsilon)) + beta
// in the common dtype T, each NumPy operation rounding to T. epsilon is a
// 0-d float64 array there, which NumPy 1.x's value-based casting converts
// to T (var + eps stays T): it is rounded once, from the double, to T.
//
// Emitted as that exact sequence (Sub, Add, Sqrt, Div, Mul, Add, each
// correctly rounded in T) rather than ONNX BatchNormalization, whose
// formula (X - mean) / sqrt(var + epsilon) * scale + B rounds in another
// order (and takes epsilon as a float32 attribute): the decomposition
// reproduces PyTensor bit for bit. Parameters are Unsqueezed to (C, 1, ...)
// so they broadcast against axis 1.
#include "convert/ops/axes.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

void convert_batch_norm(ConversionContext& c, const Node& node) {
  const DType t = c.out_dtype();
  const int64_t rank = node.inputs[0]->type.ndim();
  std::vector<int64_t> trailing;
  for (int64_t a = 1; a < rank - 1; ++a) trailing.push_back(a);
  const std::string axes = trailing.empty() ? "" : axes::int64_vector(c, trailing, "channel_trailing_axes");
  // A (C,) parameter as T, shaped (C, 1, ..., 1) to broadcast over NC...
  const auto param = [&](size_t i, std::string_view hint) {
    std::string v = c.cast(c.in(i), c.in_dtype(i), t);
    if (axes.empty()) return v;
    const std::string u = c.temp(hint);
    c.emit("Unsqueeze", {v, axes}, {u});
    return u;
  };
  const auto op = [&](const char* type, std::vector<std::string> in, std::string_view hint) {
    const std::string r = c.temp(hint);
    c.emit(type, std::move(in), {r});
    return r;
  };
  const std::string x = c.cast(c.in(0), c.in_dtype(0), t);
  const std::string gamma = param(1, "gamma"), beta = param(2, "beta"), mean = param(3, "mean"), var = param(4, "var");
  const double eps = has_attr(node.attrs, "epsilon") ? attr_float(node.attrs, "epsilon") : 1e-4;
  const std::string std_dev = op("Sqrt", {op("Add", {var, c.scalar(t, eps)}, "var_eps")}, "std");
  const std::string factor = op("Div", {gamma, std_dev}, "factor");
  const std::string scaled = op("Mul", {op("Sub", {x, mean}, "centered"), factor}, "scaled");
  c.emit("Add", {scaled, beta}, {c.out()});
}

const ConverterRegistrar kBatchNormalization("BatchNormalization", 13, convert_batch_norm);

}  // namespace
}  // namespace ptonnx
