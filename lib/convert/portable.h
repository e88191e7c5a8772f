// Portable element types: the forms the converters emit must load on ONNX
// Runtime (ORT), the runtime users deploy to, and not only be valid by the
// ONNX spec. ORT 1.30's CPU provider registers kernels for fewer element
// types than the operator schemas allow, and a model with a node of a type
// it lacks fails to load ("Could not find an implementation"). This table
// says, per ONNX op the converters emit with a caller-chosen dtype, which
// types ORT's CPU kernels take (microsoft/onnxruntime v1.30
// docs/OperatorKernels.md, CPUExecutionProvider, opsets 13-18, and the
// load failures issue 18 measured; portable.cpp cites each row), and
// picks the type to compute in instead: the narrowest supported type that
// holds every value of the original exactly, so Cast in, op, Cast back is
// exact for value-preserving ops (selection, padding, max/min, identity
// matrices). The spec alone guarantees these in-range Casts.
// (Issue 18 also lists Pad on int16/uint16; no converter emits a Pad of a
// caller's dtype today: sort.cpp pads float32/float64/int64 keys only.)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convert/context.h"

namespace ptonnx::portable {

// True if ORT's CPU provider has a kernel for `op` on values of dtype t.
// Ops not in the table are assumed to have one (the table lists only the
// ops whose gaps the converters meet).
bool ort_has_kernel(std::string_view op, DType t);

// The dtype to compute a value-preserving `op` in: t itself when ORT has
// the kernel, else the narrowest type with a kernel that holds all of t's
// values exactly (bool -> uint8 or int32, int8/int16/uint16 -> int32,
// uint32 -> int64, float16 -> float32). nullopt when no such type exists
// (uint64 values beyond 2^63 fit no other ONNX type): the caller needs a
// form of its own.
std::optional<DType> widened(std::string_view op, DType t);

// Where(cond, a, b) with a and b of dtype t, written to `out` (a fresh temp
// when empty): a Where in the widened type between in-range Casts, or for
// uint64 (no kernel, no wider type) the arithmetic a*m + b*(1-m) with m =
// Cast(cond, uint64) in {0, 1}: each product is the value or 0 and the sum
// adds a 0, so nothing can overflow (exact by the spec, no wraparound).
std::string where(ConversionContext& c, const std::string& cond, const std::string& a, const std::string& b, DType t,
                  std::string out = "");

// `op` (a value-preserving op with a kernel gap in the table: Max, Min) on
// inputs of dtype t, computed in widened(op, t) and Cast back into `out`.
std::string elementwise(ConversionContext& c, std::string_view op, const std::vector<std::string>& inputs, DType t,
                        std::string out = "");

}  // namespace ptonnx::portable
