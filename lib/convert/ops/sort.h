// The exact NumPy sort order in ONNX, shared by the converters of SortOp,
// ArgSortOp and Unique (docs/converter.md, "Sorting").
#pragma once

#include <string>

#include "convert/context.h"
#include "graph/type.h"

namespace ptonnx::sorting {

// The int64 indices that sort `x` (dtype t, static shape s, rank >= 1)
// stably along `axis` (normalised) in NumPy's order: NaN after +inf, -0.0
// equal to +0.0, ties in index order. Built from TopK(largest=0, sorted=1),
// whose only guarantee used is "the element with the lower index appears
// first" on equal values: TopK never sees a NaN or a -0.0.
std::string stable_argsort(ConversionContext& c, const std::string& x, DType t, const StaticShape& s, int64_t axis);

}  // namespace ptonnx::sorting
