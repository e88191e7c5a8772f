// The limits every fuzz target runs under, shared so that the campaign, CI
// and a reproduction all use the same ones: a run's whole byte budget of
// 256 MiB (well under libFuzzer's default -rss_limit_mb=2048, so an input
// that the budget fails to stop shows up as an OOM report), tensors of at
// most 2^22 elements and Loops of at most 10,000 iterations (so a valid
// but slow model stays well under the 10 s timeout).
#pragma once

#include <cstdint>

#include "runtime/options.h"

namespace ptonnx::fuzz {

inline constexpr int64_t kMaxTotalBytes = int64_t{256} << 20;
inline constexpr int64_t kMaxElements = int64_t{1} << 22;

inline runtime::RuntimeOptions fuzz_runtime_options() {
  runtime::RuntimeOptions o;
  o.max_total_bytes = kMaxTotalBytes;
  o.max_elements_per_tensor = kMaxElements;
  o.max_loop_iterations = 10'000;
  return o;
}

}  // namespace ptonnx::fuzz
