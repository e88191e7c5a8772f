// Oracle kernels of CumOp, Repeat and FillDiagonal (tier 5; pytensor
// rel-3.3.0 tensor/extra_ops.py), written from NumPy's definitions:
//
// CumOp: np.cumsum / np.cumprod along the axis (axis None: ravel first), in
//   x's dtype (CumOp.make_node: x.type()). NumPy's add/multiply.accumulate
//   runs sequentially, out[k] = out[k-1] op x[k], each step rounded to the
//   dtype: float16 computed in float and rounded to half per step (HALF
//   loops), float32 in float, float64 in double. Integers wrap modulo 2^w
//   (perform's int64 np.cumsum cast to the declared dtype gives the same
//   bits, see lib/graph/ops/extra_ops.cpp); bool is a running OR (add) or
//   AND (mul).
// Repeat: np.repeat(x, repeats, axis) (axis None: flatten first). repeats
//   0-d applies to every element; 1-d must have the axis length or length 1
//   (NumPy broadcasts it); a negative repeat raises.
// FillDiagonal: a copy with val (cast to a's dtype, always exact: the IR
//   requires upcast(a, val) == a) at a[i, i, ..., i]. 2-D: perform writes
//   a.flat[:n*n:n+1] (n = a.shape[1]), i.e. i < min(rows, cols); N-d:
//   np.fill_diagonal, which raises unless every dim is equal.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/float16.h"
#include "graph/attributes.h"
#include "oracles/kernel.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

template <DType D> using DTag = std::integral_constant<DType, D>;

// One accumulation step of np.add / np.multiply in dtype D.
template <DType D> storage_t<D> step(storage_t<D> acc, storage_t<D> v, bool mul) {
  using S = storage_t<D>;
  if constexpr (D == DType::Bool) {
    return mul ? static_cast<S>(acc && v) : static_cast<S>(acc || v);
  } else if constexpr (D == DType::Float16) {
    const float a = half_to_float(acc), b = half_to_float(v);
    return float_to_half(mul ? a * b : a + b);
  } else if constexpr (std::is_floating_point_v<S>) {
    return mul ? acc * v : acc + v;
  } else {
    // Modulo 2^64, then truncated to the width: NumPy's wraparound without
    // C++'s signed-overflow UB (the conversion back is modular in C++20).
    const uint64_t a = static_cast<uint64_t>(acc), b = static_cast<uint64_t>(v);
    return static_cast<S>(mul ? a * b : a + b);
  }
}

int64_t axis_attr(const Node& node, int64_t rank) {
  const int64_t a = attr_int(node.attrs, "axis");
  return a < 0 ? a + rank : a;
}

std::vector<Tensor> cumop_kernel(const Node& node, const std::vector<Tensor>& in) {
  Tensor x = in[0];
  int64_t axis = 0;
  if (has_attr(node.attrs, "axis"))
    axis = axis_attr(node, x.rank());
  else
    x = x.reshaped({x.numel()});
  const bool mul = attr_string(node.attrs, "mode") == "mul";
  const Shape& s = x.shape();
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d) outer *= s[static_cast<size_t>(d)];
  for (int64_t d = axis + 1; d < x.rank(); ++d) inner *= s[static_cast<size_t>(d)];
  const int64_t n = s[static_cast<size_t>(axis)];
  Tensor out(x.dtype(), s);
  visit_dtype(x.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    auto src = x.data<storage_t<D>>();
    auto dst = out.data<storage_t<D>>();
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i)
        for (int64_t k = 0; k < n; ++k) {
          const size_t at = static_cast<size_t>((o * n + k) * inner + i);
          dst[at] = k == 0 ? src[at] : step<D>(dst[at - static_cast<size_t>(inner)], src[at], mul);
        }
  });
  return {out};
}

// Copies `count` elements of `esize` bytes.
void copy_elems(std::byte* dst, const std::byte* src, int64_t count, size_t esize) {
  std::memcpy(dst, src, static_cast<size_t>(count) * esize);
}

std::vector<Tensor> repeat_kernel(const Node& node, const std::vector<Tensor>& in) {
  Tensor x = in[0];
  const Tensor& r = in[1];
  int64_t axis = 0;
  if (has_attr(node.attrs, "axis"))
    axis = axis_attr(node, x.rank());
  else
    x = x.reshaped({x.numel()});
  const Shape& s = x.shape();
  const int64_t n = s[static_cast<size_t>(axis)];
  std::vector<int64_t> reps(static_cast<size_t>(n));
  if (r.rank() == 0 || r.numel() == 1) {
    std::fill(reps.begin(), reps.end(), r.get_as_int64(0));
    if (r.get_as_int64(0) < 0) throw PyTensorRaises("np.repeat: negative dimensions are not allowed");
  } else {
    if (r.numel() != n)
      throw PyTensorRaises("np.repeat: operands could not be broadcast together with shape (" + std::to_string(n) +
                           ",) (" + std::to_string(r.numel()) + ",)");
    for (int64_t i = 0; i < n; ++i) reps[static_cast<size_t>(i)] = r.get_as_int64(i);
  }
  int64_t total = 0;
  for (int64_t v : reps) {
    if (v < 0) throw PyTensorRaises("np.repeat: repeats may not contain negative values");
    total += v;
  }
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d) outer *= s[static_cast<size_t>(d)];
  for (int64_t d = axis + 1; d < x.rank(); ++d) inner *= s[static_cast<size_t>(d)];
  Shape os = s;
  os[static_cast<size_t>(axis)] = total;
  Tensor out(x.dtype(), os);
  const size_t es = dtype_size(x.dtype());
  std::byte* dst = out.raw();
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t k = 0; k < n; ++k)
      for (int64_t t = 0; t < reps[static_cast<size_t>(k)]; ++t) {
        copy_elems(dst, x.raw() + static_cast<size_t>((o * n + k) * inner) * es, inner, es);
        dst += static_cast<size_t>(inner) * es;
      }
  return {out};
}

// val as a 0-d tensor of dtype t: the value-preserving cast (NumPy's safe
// cast; the IR requires upcast(a, val) == a).
Tensor val_as(DType t, const Tensor& val) {
  Tensor out(t, {});
  visit_dtype(t, [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    using S = storage_t<D>;
    S v{};
    if constexpr (D == DType::Float16) {
      v = double_to_half(val.get_as_double(0));
    } else if constexpr (D == DType::Int64) {
      v = val.get_as_int64(0);
    } else if constexpr (D == DType::UInt64) {
      v = val.get_as_uint64(0);
    } else if constexpr (D == DType::Bool) {
      v = val.get_as_double(0) != 0 ? 1 : 0;
    } else {
      v = static_cast<S>(val.get_as_double(0));
    }
    out.data<S>()[0] = v;
  });
  return out;
}

std::vector<Tensor> fill_diagonal_kernel(const Node&, const std::vector<Tensor>& in) {
  Tensor a = in[0];
  const Shape& s = a.shape();
  int64_t count = std::min(s[0], s[1]);
  if (a.rank() > 2) {
    for (int64_t d : s)
      if (d != s[0]) throw PyTensorRaises("np.fill_diagonal: All dimensions of input must be of equal length");
    count = s[0];
  }
  // Flat index of a[i, ..., i] = i * (sum of the strides).
  int64_t step = 0, stride = 1;
  for (size_t d = s.size(); d-- > 0;) {
    step += stride;
    stride *= s[d];
  }
  const Tensor v = val_as(a.dtype(), in[1]);
  const size_t es = dtype_size(a.dtype());
  for (int64_t i = 0; i < count; ++i) std::memcpy(a.raw() + static_cast<size_t>(i * step) * es, v.raw(), es);
  return {a};
}

// FillDiagonalOffset.perform: a.flat[start:start + (w+1) num:w+1] with
// start = offset (offset >= 0, num = min(w, h, w - offset)) or -offset * w
// (num = min(w, h, h + offset)); a num <= 0 writes nothing. Written here as
// that slice, element by element.
std::vector<Tensor> fill_diagonal_offset_kernel(const Node&, const std::vector<Tensor>& in) {
  Tensor a = in[0];
  const int64_t h = a.shape()[0], w = a.shape()[1];
  const Tensor& off = in[2];
  // uint64 offsets beyond int64 are >= every width: nothing to fill.
  if (off.dtype() == DType::UInt64 && off.get_as_uint64(0) > static_cast<uint64_t>(w)) return {a};
  const int64_t offset = off.get_as_int64(0);
  int64_t start = 0, num = 0;
  if (offset >= 0) {
    num = std::min(std::min(w, h), w - offset);
    if (num > 0) start = offset;
  } else {
    num = std::min(std::min(w, h), h + offset);
    if (num > 0) start = -offset * w;  // -offset < h here: no overflow
  }
  const int64_t step = w + 1;
  const Tensor val_only = val_as(a.dtype(), in[1]);
  const size_t es = dtype_size(a.dtype());
  for (int64_t k = 0; k < num; ++k) {
    const int64_t at = start + k * step;
    if (at >= a.numel()) break;  // Python slicing stops at the end
    std::memcpy(a.raw() + static_cast<size_t>(at) * es, val_only.raw(), es);
  }
  return {a};
}

const KernelRegistrar kCumOp("CumOp", cumop_kernel);
const KernelRegistrar kRepeat("Repeat", repeat_kernel);
const KernelRegistrar kFillDiagonal("FillDiagonal", fill_diagonal_kernel);
const KernelRegistrar kFillDiagonalOffset("FillDiagonalOffset", fill_diagonal_offset_kernel);

}  // namespace
}  // namespace ptonnx::oracle
