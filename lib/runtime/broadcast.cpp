#include "runtime/broadcast.h"

#include <algorithm>

namespace ptonnx::runtime {

Shape broadcast_shapes(const Shape& a, const Shape& b) {
  const size_t rank = std::max(a.size(), b.size());
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    const int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    const int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da == db || db == 1)
      out[i] = da;
    else if (da == 1)
      out[i] = db;
    else
      throw TypeError("shapes " + shape_to_string(a) + " and " + shape_to_string(b) + " cannot be broadcast");
  }
  return out;
}

Shape broadcast_shapes(const std::vector<Shape>& shapes) {
  Shape out;
  for (const auto& s : shapes) out = broadcast_shapes(out, s);
  return out;
}

void check_broadcasts_to(const Shape& in, const Shape& out) {
  bool ok = in.size() <= out.size();
  for (size_t k = 0; ok && k < in.size(); ++k) {
    const int64_t d = in[in.size() - 1 - k];
    ok = d == 1 || d == out[out.size() - 1 - k];
  }
  if (!ok) throw TypeError("shape " + shape_to_string(in) + " does not broadcast to " + shape_to_string(out));
}

std::vector<int64_t> broadcast_strides(const Shape& in, const Shape& out) {
  // Callers compute `out` themselves (Gemm's [M, N], LayerNormalization's
  // X); a shape that does not fit would index past the strides or the
  // operand, so it is refused here rather than trusted.
  check_broadcasts_to(in, out);
  std::vector<int64_t> strides(out.size(), 0);
  int64_t s = 1;
  for (size_t k = 0; k < in.size(); ++k) {
    const size_t i = in.size() - 1 - k;
    const size_t o = out.size() - 1 - k;
    strides[o] = in[i] == 1 ? 0 : s;
    s *= in[i];
  }
  return strides;
}

}  // namespace ptonnx::runtime
