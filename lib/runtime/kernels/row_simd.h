// Vectorised reductions of one contiguous float32 row, for the Reduce*
// kernels' row fast path. Every variant (AVX2 when the CPU has it, SSE2,
// portable C++) computes exactly the same result: the element order of
// each of 8 lanes (lane l takes elements r with r % 8 == l) and the way
// lanes are combined are fixed, so results do not depend on the machine.
#pragma once

#include <cstdint>

namespace ptonnx::runtime::kernels {

// The row's sum in double, as 8 interleaved partial sums combined as
// ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)), then the tail added in
// order.
double row_sum_f32(const float* x, int64_t len);

// The row's largest (is_max) or smallest element by `>` / `<`, NaN
// skipped, starting from -inf / +inf, so the value of the serial loop
// except the sign of a zero result (the caller picks the first zero);
// has_nan / has_number tell whether NaN and non-NaN elements occur.
float row_extreme_f32(const float* x, int64_t len, bool is_max, bool& has_nan, bool& has_number);

}  // namespace ptonnx::runtime::kernels
