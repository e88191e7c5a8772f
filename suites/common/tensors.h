// Small tensors for named tests: mat(t, rows, cols, values) and its square
// form mat(t, n, values), vec(t, values), each value set with
// Tensor::set_from_double (C++ conversion; float16 rounds to nearest even).
// Shared by the tier-4 and tier-5 test programs.
#pragma once

#include <vector>

#include "core/tensor.h"

namespace ptonnx::test {

inline Tensor mat(DType t, int64_t rows, int64_t cols, const std::vector<double>& v) {
  Tensor x(t, {rows, cols});
  for (int64_t i = 0; i < rows * cols; ++i) x.set_from_double(i, v[static_cast<size_t>(i)]);
  return x;
}

inline Tensor mat(DType t, int64_t n, const std::vector<double>& v) { return mat(t, n, n, v); }

inline Tensor vec(DType t, const std::vector<double>& v) {
  Tensor x(t, {static_cast<int64_t>(v.size())});
  for (size_t i = 0; i < v.size(); ++i) x.set_from_double(static_cast<int64_t>(i), v[i]);
  return x;
}

}  // namespace ptonnx::test
