// Helpers for runtime unit tests: build a model from ONNX text format and
// run it.
#pragma once

#include <gtest/gtest.h>
#include <onnx/defs/parser.h>

#include <string>

#include "../common/error_of.h"
#include "runtime/model.h"

namespace ptonnx::runtime::test {

inline onnx::ModelProto parse_text(const std::string& text) {
  onnx::ModelProto m;
  const auto status = onnx::OnnxParser::Parse(m, text.c_str());
  if (!status.IsOK()) throw std::runtime_error("bad test model text: " + status.ErrorMessage());
  return m;
}

inline Model model_from_text(const std::string& text, RuntimeOptions options = {}) {
  return Model(parse_text(text), options);
}

using ptonnx::test::error_of;

// Runs a one-output model and returns that output.
inline Tensor run1(const std::string& text, const NamedTensors& inputs) {
  const auto out = model_from_text(text).run(inputs);
  return out.begin()->second;
}

// Written directly (not through Tensor::from_vector) so that NaN can be used.
inline Tensor f32(Shape shape, const std::vector<double>& v) {
  Tensor t(DType::Float32, std::move(shape));
  for (size_t i = 0; i < v.size(); ++i) t.data<float>()[i] = static_cast<float>(v[i]);
  return t;
}
inline Tensor i64(Shape shape, const std::vector<double>& v) { return Tensor::from_vector(DType::Int64, shape, v); }
inline Tensor i32(Shape shape, const std::vector<double>& v) { return Tensor::from_vector(DType::Int32, shape, v); }

inline std::vector<double> values(const Tensor& t) {
  std::vector<double> out;
  for (int64_t i = 0; i < t.numel(); ++i) out.push_back(t.get_as_double(i));
  return out;
}

}  // namespace ptonnx::runtime::test
