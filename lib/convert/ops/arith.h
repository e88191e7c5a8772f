// Helpers shared by the elementwise converters: computing an ONNX
// arithmetic op in a dtype the target opset may lack, with exact integer
// wraparound.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "convert/context.h"

namespace ptonnx::arith {

// Every input of the current node cast to dtype t (PyTensor computes an
// Elemwise in its output dtype; ONNX binary ops need equal input types).
std::vector<std::string> inputs_as(ConversionContext& c, DType t);

// `op(a, b)` with a and b of dtype t, into `out` (a fresh temp if empty).
// When ONNX's `op` lacks t at this opset (8/16-bit ints before opset 14),
// computes in int64, where the exact result of Add/Sub/Mul of such values
// always fits, and wraps back to t with wrap_from_int64.
std::string binary(ConversionContext& c, std::string_view op, const std::string& a, const std::string& b, DType t,
                   std::string out = "");

// An int64 value reduced modulo 2^bits(t) into t's range, then Cast to t:
// NumPy's wraparound, made explicit because ONNX leaves out-of-range
// integer Casts unspecified ("value change caused by range difference").
// t must be an integer type narrower than 64 bits.
std::string wrap_from_int64(ConversionContext& c, const std::string& v, DType t, std::string out);

// An integer `v` of dtype `from` as int64 or uint64 (`to`), modulo 2^64
// (two's complement, NumPy's astype), without an out-of-range Cast: ONNX
// Cast-13 leaves those open, and uint64 <-> int64 of values >= 2^63 (or a
// negative value to uint64) are out of range. Other `to`: a plain Cast.
std::string cast_mod_2_64(ConversionContext& c, const std::string& v, DType from, DType to, std::string out = "");

// base ** exponent for integer dtype t (both of dtype t), exact modulo
// 2^bits(t) (elemwise_int_pow.cpp): exponentiation by squaring in a Loop,
// not ONNX Pow, which ONNX Runtime computes through double. Writes `out`.
std::string integer_power(ConversionContext& c, const std::string& base, const std::string& exponent, DType t,
                          std::string out);

// Left fold of `op` over values (all of dtype t); the last step writes `out`.
std::string fold(ConversionContext& c, std::string_view op, const std::vector<std::string>& values, DType t,
                 const std::string& out);

}  // namespace ptonnx::arith
