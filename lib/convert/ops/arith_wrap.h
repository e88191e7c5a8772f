// Integer sums and products modulo 2^64 built only from operations whose
// results stay in range. ONNX does not say what integer overflow gives
// (ONNX Runtime's ReduceSum saturates), so a NumPy-style wrapping int64 sum
// or product is composed from 32-bit halves whose partial results provably
// fit in int64: exact by the spec alone.
//
// Every value here is an int64 holding a 64-bit pattern (a uint64 goes
// through arith::cast_mod_2_64 first). Bounds assume fewer than 2^31
// elements per reduction (an int64 tensor that large is 16 GiB).
#pragma once

#include <string>
#include <vector>

#include "convert/context.h"

namespace ptonnx::arith {

// Sum of int64 x over `axes` (non-empty, normalised) modulo 2^64, as int64.
std::string sum_mod_2_64(ConversionContext& c, const std::string& x, const std::vector<int64_t>& axes,
                         bool keepdims);

// a * b modulo 2^64 elementwise (a, b int64, broadcastable), as int64.
std::string mul_mod_2_64(ConversionContext& c, const std::string& a, const std::string& b);

// The exact sum of integers (values[i] of dtypes[i], any integer or bool
// type, broadcastable) rounded once to float64, into `out`: Python's sum()
// of ints then float(), which PyTensor's n-ary Add computes. Each term is
// split into 32-bit halves whose sums stay exact in int64.
std::string exact_integer_sum_as_float64(ConversionContext& c, const std::vector<std::string>& values,
                                        const std::vector<DType>& dtypes, const std::string& out);

// Product of int64 x (rank `rank`) over `axes` (non-empty, normalised)
// modulo 2^64, as int64: one Loop per reduced axis multiplying its slices
// into an accumulator with mul_mod_2_64 (no ONNX reduction multiplies
// modulo 2^64; an empty axis gives the identity 1).
std::string prod_mod_2_64(ConversionContext& c, const std::string& x, int64_t rank, const std::vector<int64_t>& axes,
                          bool keepdims);

}  // namespace ptonnx::arith
