// Small helpers of the shape-manipulating converters: int64 vector
// constants (axes, shapes, indices are int64 inputs from opset 13) and axis
// normalisation against a rank known at export time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "convert/context.h"

namespace ptonnx::axes {

// An int64 vector initializer (deduplicated by content).
inline std::string int64_vector(ConversionContext& c, const std::vector<int64_t>& values, std::string_view hint) {
  Tensor t(DType::Int64, {static_cast<int64_t>(values.size())});
  for (size_t i = 0; i < values.size(); ++i) t.data<int64_t>()[i] = values[i];
  return c.initializer(t, hint);
}

// Gives ONNX shape inference the rank of `value` when it cannot infer it
// (ONNX 1.12 infers nothing for a Reshape whose target is not an
// initializer, and without data propagation a computed shape is not one):
// a Reshape to a constant of `ndim` zeros (allowzero left at 0, so each 0
// copies the input dim) is an identity at run time, since the value has
// rank `ndim` there, and tells inference the rank. Writes `out` (a fresh
// temp when empty) and returns its name.
// Not after a Reshape to a computed shape when ONNX Runtime can know the
// result's full shape (a 0-d result, or all dims static): its optimizer
// fuses the two Reshapes and throws at load (graph_utils.cc
// GetIndexFromName, ONNX Runtime 1.30); shape.cpp avoids that pair.
inline std::string pin_rank(ConversionContext& c, const std::string& value, int64_t ndim, std::string out = "") {
  if (out.empty()) out = c.temp("ranked");
  c.emit("Reshape", {value, int64_vector(c, std::vector<int64_t>(static_cast<size_t>(ndim), 0), "rank_pin")}, {out});
  return out;
}

// The IR has already checked the range; negative axes count from the end.
inline int64_t normalize(int64_t axis, int64_t ndim) { return axis < 0 ? axis + ndim : axis; }

}  // namespace ptonnx::axes
