// The exact NumPy sort order in ONNX, shared by the converters of SortOp,
// ArgSortOp and Unique (docs/converter.md, "Sorting").
#pragma once

#include <string>

#include "convert/context.h"
#include "graph/type.h"

namespace ptonnx::sorting {

// The total order TopK is given: `key` (float32, float64 or int64, with no
// NaN and no -0.0) and, when present, `flag` (int64 0/1) as the primary key
// (floats: IsNaN; uint64: the top bit). Two elements are equal in NumPy's
// sort order exactly when both key and flag are equal (NaNs all equal).
struct SortKey {
  std::string key, flag;
  DType key_dtype = DType::Int64;
};
SortKey sort_key(ConversionContext& c, const std::string& x, DType t);

// The int64 indices that sort `x` (dtype t, static shape s, rank >= 1)
// stably along `axis` (normalised) in NumPy's order: NaN after +inf, -0.0
// equal to +0.0, ties in index order. Built from TopK(largest=0, sorted=1),
// whose only guarantee used is "the element with the lower index appears
// first" on equal values: TopK never sees a NaN or a -0.0.
std::string stable_argsort(ConversionContext& c, const std::string& x, DType t, const StaticShape& s, int64_t axis);
// The same from a key sort_key made (of a value of static shape s).
std::string stable_argsort(ConversionContext& c, const SortKey& sk, const StaticShape& s, int64_t axis);

}  // namespace ptonnx::sorting
