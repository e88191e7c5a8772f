// Converter of Resize (seed 004's integer-factor upsampling; IR:
// lib/graph/ops/resize.cpp) to ONNX Resize.
//
// nearest = np.repeat along H and W: out[i] = x[i // s]. ONNX Resize with
// mode=nearest, coordinate_transformation_mode=asymmetric (x_original =
// x_resized / scale) and nearest_mode=floor gives floor(i / s) = i // s; the
// output length is floor(n * s) = n * s. The scale is a float32 holding the
// integer exactly and i / s rounds once, so floor is exact while
// n * s < 2^22 (the spacing of float32 there stays below 1 / s).
//
// bilinear = scipy.ndimage.zoom(order=1), grid_mode=False: output sample o
// maps to o * (n - 1) / (n * s - 1), which is ONNX's align_corners
// (x_original = x_resized * (length_original - 1) / (length_resized - 1)),
// and order 1 is linear interpolation: mode=linear reproduces it; the
// inputs never leave [0, n - 1], so zoom's mode='constant' is not reached.
// ONNX pins the coordinate formula, not the arithmetic: a runtime computing
// it in float32 differs from scipy's double by rounding.
//
// Opsets 13-17: inputs (X, roi = "" (optional since 13), scales = [1, 1,
// sh, sw]). Opset 18+: axes = [2, 3] and scales = [sh, sw] (the form that
// states only the resized axes); antialias stays 0.
#include "convert/ops/axes.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

onnx::NodeProto& set_string(onnx::NodeProto& n, const char* name, const std::string& v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(v);
  return n;
}

void convert_resize(ConversionContext& c, const Node& node) {
  const auto& scale = attr_ints(node.attrs, "scale");
  const bool nearest = attr_string(node.attrs, "mode") == "nearest";
  const bool axes_form = c.opset() >= 18;
  std::vector<float> factors;
  if (!axes_form) factors = {1.0f, 1.0f};
  for (int64_t f : scale) factors.push_back(static_cast<float>(f));
  Tensor scales(DType::Float32, {static_cast<int64_t>(factors.size())});
  for (size_t i = 0; i < factors.size(); ++i) scales.data<float>()[i] = factors[i];
  auto& n = c.emit("Resize", {c.in(0), "", c.initializer(scales, "resize_scales")}, {c.out()});
  if (axes_form) set_attr(n, "axes", std::vector<int64_t>{2, 3});
  if (nearest) {
    set_string(n, "mode", "nearest");
    set_string(n, "coordinate_transformation_mode", "asymmetric");
    set_string(n, "nearest_mode", "floor");
  } else {
    set_string(n, "mode", "linear");
    set_string(n, "coordinate_transformation_mode", "align_corners");
  }
}

const ConverterRegistrar kResize("Resize", 13, convert_resize);

}  // namespace
}  // namespace ptonnx
