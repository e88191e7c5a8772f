// NumPy-style multidirectional broadcasting, written once for every
// elementwise kernel: same-shape and scalar operands take flat fast paths;
// the general case walks the output with per-operand strides (0 on
// broadcast dimensions) and a contiguous-ish inner loop.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/tensor.h"

namespace ptonnx::runtime {

// The broadcast shape of a and b; TypeError when they are incompatible.
Shape broadcast_shapes(const Shape& a, const Shape& b);
Shape broadcast_shapes(const std::vector<Shape>& shapes);

// TypeError unless `in` broadcasts unidirectionally to `out` (rank at most
// out's, each trailing dim 1 or equal).
void check_broadcasts_to(const Shape& in, const Shape& out);

// Strides (in elements) of `in` viewed in the output's rank, 0 where `in`
// is broadcast. TypeError (check_broadcasts_to) when `in` does not
// broadcast to `out`.
std::vector<int64_t> broadcast_strides(const Shape& in, const Shape& out);

// Calls row(out_index, count, offsets, steps) for each run of `count`
// output elements along the innermost dimension: element j of the run
// reads operand k at offsets[k] + j * steps[k] (steps are 0 where operand k
// broadcasts along that dimension, else its stride). Kernels that can copy
// or fill whole runs use this directly.
template <size_t N, typename F>
void for_each_broadcast_row(const Shape& out, const std::array<const Shape*, N>& ins, F&& row) {
  const int64_t total = shape_numel(out);
  if (total == 0) return;
  const size_t rank = out.size();
  std::array<std::vector<int64_t>, N> strides;
  for (size_t k = 0; k < N; ++k) strides[k] = broadcast_strides(*ins[k], out);
  std::vector<int64_t> idx(rank, 0);
  std::array<int64_t, N> off{};
  const int64_t inner = rank ? out[rank - 1] : 1;
  std::array<int64_t, N> inner_stride{};
  for (size_t k = 0; k < N; ++k) inner_stride[k] = rank ? strides[k][rank - 1] : 0;
  for (int64_t o = 0; o < total; o += inner) {
    row(o, inner, off, inner_stride);
    // Advance the odometer over the outer dimensions.
    for (int64_t d = static_cast<int64_t>(rank) - 2; d >= 0; --d) {
      if (++idx[d] < out[d]) {
        for (size_t k = 0; k < N; ++k) off[k] += strides[k][d];
        break;
      }
      for (size_t k = 0; k < N; ++k) off[k] -= strides[k][d] * (out[d] - 1);
      idx[d] = 0;
    }
  }
}

// Calls f(out_index, offsets) for each output element, where offsets[k] is
// the flat element offset into operand k.
template <size_t N, typename F>
void for_each_broadcast(const Shape& out, const std::array<const Shape*, N>& ins, F&& f) {
  for_each_broadcast_row<N>(
      out, ins, [&](int64_t o, int64_t count, std::array<int64_t, N> cur, const std::array<int64_t, N>& step) {
        for (int64_t j = 0; j < count; ++j) {
          f(o + j, cur);
          for (size_t k = 0; k < N; ++k) cur[k] += step[k];
        }
      });
}

// out[i] = f(a[ia], b[ib]) over the broadcast of the two shapes; `out` must
// already have the broadcast shape.
template <typename A, typename B, typename O, typename F>
void broadcast_binary(const A* a, const Shape& sa, const B* b, const Shape& sb, O* out, const Shape& so, F&& f) {
  const int64_t n = shape_numel(so);
  const int64_t na = shape_numel(sa), nb = shape_numel(sb);
  // The fast paths below index by element count alone; they are only right
  // when both operands really broadcast to `so`.
  check_broadcasts_to(sa, so);
  check_broadcasts_to(sb, so);
  if (na == n && nb == n) {
    for (int64_t i = 0; i < n; ++i) out[i] = f(a[i], b[i]);
  } else if (na == 1 && nb == n) {
    const A x = a[0];
    for (int64_t i = 0; i < n; ++i) out[i] = f(x, b[i]);
  } else if (nb == 1 && na == n) {
    const B y = b[0];
    for (int64_t i = 0; i < n; ++i) out[i] = f(a[i], y);
  } else {
    for_each_broadcast<2>(so, {&sa, &sb},
                          [&](int64_t i, const std::array<int64_t, 2>& o) { out[i] = f(a[o[0]], b[o[1]]); });
  }
}

}  // namespace ptonnx::runtime
