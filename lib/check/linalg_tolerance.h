// Internal helpers of the linear-algebra tolerance rules
// (linalg_tolerance.cpp, linalg_tolerance_lu.cpp); docs/comparison.md,
// "Linear algebra".
#pragma once

#include <cmath>
#include <cstdint>

#include "core/dtype.h"

namespace ptonnx::check {

// The unit roundoff u of a float dtype: 2^-11, 2^-24, 2^-53.
inline double unit_roundoff(DType t) {
  switch (t) {
    case DType::Float16: return std::ldexp(1.0, -11);
    case DType::Float32: return std::ldexp(1.0, -24);
    default: return std::ldexp(1.0, -53);
  }
}

// gamma_k = k u / (1 - k u) (Higham, Accuracy and Stability, 2nd ed.,
// Lemma 3.1); 1 once k u reaches 1/2, where the bound says nothing anyway.
inline double gamma(int64_t k, double u) {
  const double ku = static_cast<double>(k) * u;
  return ku < 0.5 ? ku / (1 - ku) : 1.0;
}

}  // namespace ptonnx::check
