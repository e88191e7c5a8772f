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
// Types ONNX Runtime has no Resize kernel for take np.repeat's own form
// (nearest: Gather of the source rows, repeat_by_gather).
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

// The value types ONNX Runtime 1.30's CPU Resize takes (it refuses the
// model at load otherwise).
bool ort_resizes(DType t) {
  return t == DType::Float32 || t == DType::Float16 || t == DType::Int32 || t == DType::Int8 || t == DType::UInt8;
}

// Nearest upsampling as np.repeat itself: Gather along H and W with the
// indices Range(0, n * s) // s (int64 Div of non-negatives floors). Exact
// for every dtype, for the types ONNX Runtime has no Resize kernel for
// (bool, int16, uint16, int64, uint32, uint64, float64).
void repeat_by_gather(ConversionContext& c, const std::vector<int64_t>& scale) {
  std::string v = c.in(0);
  const std::string shape = c.temp("shape");
  c.emit("Shape", {c.in(0)}, {shape});
  for (size_t k = 0; k < scale.size(); ++k) {
    const int64_t axis = 2 + static_cast<int64_t>(k);
    const bool last = k + 1 == scale.size();
    if (scale[k] == 1) {
      if (last) c.emit("Identity", {v}, {c.out()});
      continue;
    }
    const std::string s = c.scalar(DType::Int64, static_cast<double>(scale[k]));
    const std::string n = c.temp("n"), len = c.temp("length"), range = c.temp("positions"), idx = c.temp("source");
    c.emit("Gather", {shape, c.scalar(DType::Int64, static_cast<double>(axis))}, {n});
    c.emit("Mul", {n, s}, {len});
    c.emit("Range", {c.scalar(DType::Int64, 0), len, c.scalar(DType::Int64, 1)}, {range});
    c.emit("Div", {range, s}, {idx});
    const std::string out = last ? c.out() : c.temp("repeated");
    set_attr(c.emit("Gather", {v, idx}, {out}), "axis", axis);
    v = out;
  }
}

// Bilinear (align_corners) in float64, for which ONNX Runtime has no Resize
// kernel: per axis, source coordinate x = o * (n - 1) / max(m - 1, 1) for
// output o < m = n * s (x = 0 when m = 1), i0 = floor(x), i1 = min(i0 + 1,
// n - 1), w = x - i0, out = x[i0] * (1 - w) + x[i1] * w, H then W. The same
// coordinates as ONNX's align_corners; like any runtime's, its rounding
// differs from scipy's one-pass 2-D weights within the op's tolerance.
void bilinear_float64(ConversionContext& c, const std::vector<int64_t>& scale) {
  Emit e{c};
  const DType f = DType::Float64;
  const std::string shape = e.op("Shape", {c.in(0)}, "shape");
  std::string v = c.in(0);
  for (size_t k = 0; k < scale.size(); ++k) {
    const int64_t axis = 2 + static_cast<int64_t>(k);
    const std::string one = c.scalar(DType::Int64, 1);
    const std::string n = e.op("Gather", {shape, c.scalar(DType::Int64, static_cast<double>(axis))}, "n");
    const std::string m = e.op("Mul", {n, c.scalar(DType::Int64, static_cast<double>(scale[k]))}, "m");
    const std::string o = e.op("Range", {c.scalar(DType::Int64, 0), m, one}, "o");
    const std::string last_in = e.op("Sub", {n, one}, "n_minus_1");
    const std::string span = e.op("Max", {e.op("Sub", {m, one}, "m_minus_1"), one}, "span");
    const std::string x = e.op("Div",
                               {e.op("Mul", {c.cast(o, DType::Int64, f), c.cast(last_in, DType::Int64, f)}, "scaled"),
                                c.cast(span, DType::Int64, f)},
                               "coordinate");
    const std::string x0 = e.op("Floor", {x}, "floor");
    const std::string w = e.op("Sub", {x, x0}, "weight");
    const std::string i0 = c.cast(x0, f, DType::Int64);
    const std::string i1 = e.op("Min", {e.op("Add", {i0, one}, "next"), last_in}, "i1");
    // w along `axis` of NCHW: [m, 1] for H, [m] for W.
    std::string wb = w, wb1 = e.op("Sub", {c.scalar(f, 1), w}, "one_minus_w");
    if (axis == 2) {
      const std::string col = c.initializer(Tensor::from_vector(DType::Int64, {1}, std::vector<int64_t>{1}), "axis1");
      wb = e.op("Unsqueeze", {wb, col}, "w_col");
      wb1 = e.op("Unsqueeze", {wb1, col}, "w1_col");
    }
    const std::string a = e.op("Gather", {v, i0}, "lower", axis), b = e.op("Gather", {v, i1}, "upper", axis);
    const std::string sum =
        e.op("Add", {e.op("Mul", {a, wb1}, "lower_part"), e.op("Mul", {b, wb}, "upper_part")}, "interpolated");
    v = sum;
  }
  c.emit("Identity", {v}, {c.out()});
}

void convert_resize(ConversionContext& c, const Node& node) {
  const auto& scale = attr_ints(node.attrs, "scale");
  const bool nearest = attr_string(node.attrs, "mode") == "nearest";
  if (!ort_resizes(c.in_dtype(0))) {
    if (nearest)
      repeat_by_gather(c, scale);
    else
      bilinear_float64(c, scale);  // the IR takes float32/float64 only
    return;
  }
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
