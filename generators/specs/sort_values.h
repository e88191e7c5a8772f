// Values for the sorting specs (SortOp, ArgSortOp, SearchsortedOp, Unique):
// tensors full of ties and of the values sorting exports get wrong, and a
// NumPy-order sort of a vector for the inputs np.searchsorted wants sorted.
#pragma once

#include <rapidcheck.h>

#include <vector>

#include "core/tensor.h"

namespace ptonnx::gen {

// One of: the trap set (NaN of both signs, -0.0 beside 0.0, +-inf, the
// integer extremes, uint64 at and above 2^63, int64 min and max), small
// whole numbers in [-2, 2] (many ties), or gen::tensor's edge-case domain.
rc::Gen<Tensor> sort_values(DType t, const Shape& shape);

// The stable permutation that sorts vector x in NumPy's order (NaN last,
// -0.0 == +0.0), and x taken in that order.
std::vector<int64_t> numpy_sort_order(const Tensor& x);
Tensor take(const Tensor& x, const std::vector<int64_t>& order);

}  // namespace ptonnx::gen
