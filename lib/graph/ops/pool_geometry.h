// The window geometry of PyTensor's Pool (pytensor/tensor/signal/pool.py,
// removed in December 2022; read at 19e1a982), shared by the IR's type
// inference and the converter (both in lib/; the oracle has its own copy
// written from the same source, as the rules require).
//
// Pool.out_shape, per pooled dim, with v = n + 2 * pad:
//   ignore_border:  ws == stride ? v // stride : max(0, (v - ws) // stride + 1)
//   otherwise:      stride >= ws ? (v - 1) // stride + 1
//                                : max(0, (v - 1 - ws + stride) // stride) + 1
// with Python's floor division. Pool.make_node refuses pad with
// ignore_border=False and pad >= ws.
#pragma once

#include <cstdint>

namespace ptonnx::pool_geometry {

// Python's a // b for b > 0.
inline int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

inline int64_t out_size(int64_t n, int64_t ws, int64_t stride, int64_t pad, bool ignore_border) {
  const int64_t v = n + 2 * pad;
  if (ignore_border) {
    if (ws == stride) return floor_div(v, stride);
    const int64_t o = floor_div(v - ws, stride) + 1;
    return o > 0 ? o : 0;
  }
  if (stride >= ws) return floor_div(v - 1, stride) + 1;
  const int64_t o = floor_div(v - 1 - ws + stride, stride);
  return (o > 0 ? o : 0) + 1;
}

}  // namespace ptonnx::pool_geometry
