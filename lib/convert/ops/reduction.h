// Helpers shared by the reduction converters (reduction.cpp,
// reduction_arg.cpp): emitting a Reduce* node in the form the opset wants.
#pragma once

#include <string>
#include <vector>

#include "convert/context.h"

namespace ptonnx::reduce {

// `op` (ReduceSum, ReduceMax, ...) of x over `axes` (non-empty, normalised)
// into `out` (a fresh temp if empty). Axes are an input for ReduceSum from
// opset 13 and for the other Reduce* from 18, an attribute before; keepdims
// is always explicit.
std::string emit(ConversionContext& c, const std::string& op, const std::string& x, const std::vector<int64_t>& axes,
                 bool keepdims, std::string out = "");

// Writes `v` into `out` with an Identity (when a result is already a value
// under another name).
void assign(ConversionContext& c, const std::string& v, const std::string& out);

// ReduceMax/ReduceMin (`op`) of integer or bool x (dtype t) over `axes`,
// in t, into `out` (a fresh temp if empty), in forms ONNX Runtime 1.30 has
// kernels for and computes right: int64 and uint64 (as its order-preserving
// key) through int32 reductions of their 32-bit halves, uint32 through
// float64, 16-bit through int32, bool through uint8; each exact.
std::string integer_extremum(ConversionContext& c, const std::string& op, const std::string& x, DType t,
                             const std::vector<int64_t>& axes, bool keepdims, std::string out = "");

// The number of true elements of bool `mask` over `axes`, as int64.
std::string count_true(ConversionContext& c, const std::string& mask, const std::vector<int64_t>& axes, bool keepdims);

// An order-preserving map of uint64 x onto int64 (x - 2^63, i.e. the top
// bit flipped), for ONNX Runtime's ArgMax/ReduceMax/ReduceMin, which lack
// uint64: x mod 2^63 (in int64 range) minus 2^63 unless the top bit is set.
// Equal values stay equal, so first/last-index ties are kept.
std::string uint64_key(ConversionContext& c, const std::string& x);
// The inverse of uint64_key: int64 k back to the uint64 k + 2^63.
std::string from_uint64_key(ConversionContext& c, const std::string& k, std::string out);

}  // namespace ptonnx::reduce
