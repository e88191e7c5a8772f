// Ties for the order ops in random graphs (issue 17 item 2, review M11).
// Graph inputs come from values.cpp, whose random elements rarely repeat,
// so Argmax, Sort, Unique and Max/Min inside a graph almost never saw the
// ties their conversions must break the NumPy way (first index, stable
// order, NaN groups); the op property generators draw {-2..2} for that.
#pragma once

#include "graph/graph.h"

namespace ptonnx::gen {

// One time in three: x squeezed onto a few values, so ties are common
// (floats: Round, then clamped to [-2, 2] with Maximum/Minimum, which keep
// NaN and the sign of zero; integers: clamped). Otherwise x itself. Bool x
// is returned as it is: two values tie anyway. Uses only tier-1 ops, so a
// graph of any tier may hold it.
VarRef tie_prone(VarRef x);

}  // namespace ptonnx::gen
