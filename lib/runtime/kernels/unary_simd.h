// Vectorised float32 Exp, Sigmoid and Tanh for the unary kernels' fast
// path (AVX2 + FMA, chosen at run time). Each returns false, writing
// nothing, when the CPU lacks AVX2/FMA; the caller then runs its scalar
// loop. Inputs outside the vector range (NaN, infinities, subnormal or
// overflowing results, tiny arguments) are computed with std:: functions,
// so those results are the scalar loop's exactly; inside the range the
// error is at most 2 ulp from the correctly rounded value (measured over
// every 37th float32, docs/performance.md), within the comparison
// policy's 4 ulp.
#pragma once

#include <cstdint>

namespace ptonnx::runtime::kernels {

bool exp_f32_simd(const float* x, float* y, int64_t n);
// sigmoid(x) = 1 / (1 + exp(-x)) computed as the scalar kernel does: with
// e = exp(-|x|), 1 / (1 + e) for x >= 0 and e / (1 + e) otherwise.
bool sigmoid_f32_simd(const float* x, float* y, int64_t n);
bool tanh_f32_simd(const float* x, float* y, int64_t n);

}  // namespace ptonnx::runtime::kernels
