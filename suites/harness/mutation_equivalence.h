// Telling a mutant from the original model: both run on the built-in
// runtime on the same inputs, outputs compared bit for bit (dtype, shape,
// bytes; NaN payloads included). Used by suites/harness/mutation.cpp to
// separate equivalent mutants from survivors.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

#include "core/tensor.h"

namespace ptonnx::harness::mutate {

struct Distinction {
  bool found = false;  // some input gave different outputs (or only one model ran)
  std::string what;    // the first such input and the two results
  int compared = 0;    // inputs on which both models ran (and agreed, unless found)
  // The original ran and the mutant did not (it does not load, or refuses
  // these inputs): `error` says why.
  bool mutant_failed = false;
  std::string error;
};

// Outputs flagged in `shape_only` have undefined contents (check::
// shape_only_outputs: AllocEmpty and what flows from it): only their dtype
// and shape can tell the models apart, as only those are compared.
// One input set (in the order of the models' fed inputs).
Distinction distinguish(const onnx::ModelProto& original, const onnx::ModelProto& mutant,
                        const std::vector<Tensor>& inputs, const std::vector<bool>& shape_only);

// A deterministic set of special inputs with the dtypes and shapes of
// `like` (a property case's inputs): every element one special value
// (0, -0, +-1, +-0.5, halves, infinities, NaN, the dtype's extremes...),
// the special values rotated through the elements with a different offset
// per input, and fixed pseudo-random draws from them. Stops at the first
// input that tells the models apart.
Distinction distinguish_on_special_inputs(const onnx::ModelProto& original, const onnx::ModelProto& mutant,
                                          const std::vector<Tensor>& like, const std::vector<bool>& shape_only);

}  // namespace ptonnx::harness::mutate
