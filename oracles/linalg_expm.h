// The oracle's Expm, exposed for tests and benchmarks that need to know
// which Pade degree m and how many squarings s scipy's algorithm takes for
// a matrix (the kernel itself registers from linalg_expm.cpp).
#pragma once

#include <string>

#include "core/tensor.h"

namespace ptonnx::oracle {

struct ExpmChoice {
  std::string path;  // "empty", "scalar", "diagonal", "triangular", "general"
  int m = 0;         // Pade degree (general and triangular paths)
  int s = 0;         // squarings
};

// The path, degree and squarings scipy.linalg.expm (1.18.1) takes for the
// square matrix `a` (any dtype; computed in scipy's working dtype).
ExpmChoice expm_choice(const Tensor& a);

}  // namespace ptonnx::oracle
