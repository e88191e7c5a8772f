// Shared attribute readings of the tier-4 linear algebra ops.
#pragma once

#include "graph/graph.h"

namespace ptonnx::linalg {

// ExtractDiag's axes as PyTensor's __init__ leaves them: axis1 < axis2,
// the offset negated when the given axes were swapped. Throws TypeError for
// negative or equal axes.
struct DiagAxes {
  int64_t offset = 0, axis1 = 0, axis2 = 1;
};
DiagAxes diag_axes(const Attributes& attrs);

}  // namespace ptonnx::linalg
