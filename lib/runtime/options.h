// Resource limits of the runtime. Every tensor a kernel allocates is checked
// against them before the allocation, so a hostile model (Expand to 1e12
// elements, ConstantOfShape with absurd dims, a Loop that never ends) fails
// with LimitError instead of exhausting memory or time. Also the
// spec-adversarial switch.
#pragma once

#include <cstdint>

namespace ptonnx::runtime {

struct RuntimeOptions {
  // Largest element count of any single tensor (inputs, initializers,
  // intermediates, outputs).
  int64_t max_elements_per_tensor = int64_t{1} << 28;
  // Largest number of bytes held at once by the values of one run.
  int64_t max_total_bytes = int64_t{4} << 30;
  // Most iterations one Loop or Scan node may run per model run. ONNX lets a
  // Loop with neither a trip count nor a condition run forever, and a
  // hostile model can give a trip count of 2^63; this stops both.
  int64_t max_loop_iterations = int64_t{1} << 32;
  // Most multiply-adds one node may do, checked before it starts, by the
  // kernels whose work can grow far beyond their inputs and outputs: Einsum
  // (the product of every label's size: "ab,bc,cd,de->ae" over 1000-long
  // axes is 10^15 from four 10^6-element inputs) and RNN/GRU/LSTM
  // (sequence x batch x weights). 2^34 is about a minute of this runtime's
  // scalar loops.
  int64_t max_operations_per_node = int64_t{1} << 34;
  // Spec-adversarial mode: where the ONNX spec leaves a result unspecified,
  // return a different plausible answer than NumPy's (which the normal mode
  // gives), so that a converter relying on unspecified behaviour fails its
  // differential test. Each altered kernel cites the spec sentence that
  // leaves the result open (docs/runtime-errors.md, "Spec-adversarial
  // runtime"). Never used by the conformance runner.
  bool adversarial = false;
};

}  // namespace ptonnx::runtime
