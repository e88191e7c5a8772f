// Oracle kernel of Resize (CNN group; seed 004's pytensor/tensor/resize.py),
// direct loops from its definitions:
//   nearest:  np.repeat(np.repeat(x, sh, axis=2), sw, axis=3), so
//             out[n, c, i, j] = x[n, c, i // sh, j // sw] (exact, any dtype);
//   bilinear: scipy.ndimage.zoom(x, (1, 1, sh, sw), order=1) with its
//             defaults (grid_mode=False, mode='constant'): an output of
//             round(n * s) = n * s samples whose index o maps to the input
//             coordinate o * (n - 1) / (n * s - 1) (0 when the output has one
//             sample), and the order-1 spline there, i.e. the tensor-product
//             linear interpolation of the two neighbours on H and W,
//             computed in double and rounded once to x's dtype. The mapping
//             never leaves [0, n - 1], where mode='constant' is not reached.
#include <algorithm>
#include <cmath>

#include "graph/attributes.h"
#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

// zoom's source coordinate of output sample o: the lower neighbour and the
// weight of the upper one.
struct Tap {
  int64_t lo, hi;
  double w;
};

Tap tap(int64_t o, int64_t n, int64_t out) {
  const double zoom = out > 1 ? static_cast<double>(n - 1) / static_cast<double>(out - 1) : 0.0;
  double c = static_cast<double>(o) * zoom;
  if (c > static_cast<double>(n - 1)) c = static_cast<double>(n - 1);
  const auto lo = static_cast<int64_t>(std::floor(c));
  return {lo, std::min(lo + 1, n - 1), c - static_cast<double>(lo)};
}

std::vector<Tensor> resize_kernel(const Node& node, const std::vector<Tensor>& in) {
  const Tensor& x = in.at(0);
  const auto& scale = attr_ints(node.attrs, "scale");
  const bool nearest = attr_string(node.attrs, "mode") == "nearest";
  const int64_t h = x.shape()[2], w = x.shape()[3], oh = h * scale[0], ow = w * scale[1];
  const int64_t nc = x.shape()[0] * x.shape()[1];
  Tensor out(x.dtype(), {x.shape()[0], x.shape()[1], oh, ow});
  visit_dtype(x.dtype(), [&](auto tag) {
    constexpr DType T = decltype(tag)::value;
    using S = storage_t<T>;
    auto xs = x.data<S>();
    auto o = out.data<S>();
    auto at = [&](int64_t k, int64_t i, int64_t j) { return xs[static_cast<size_t>((k * h + i) * w + j)]; };
    for (int64_t k = 0; k < nc; ++k)
      for (int64_t i = 0; i < oh; ++i)
        for (int64_t j = 0; j < ow; ++j) {
          S& dst = o[static_cast<size_t>((k * oh + i) * ow + j)];
          if (nearest) {
            dst = at(k, i / scale[0], j / scale[1]);
            continue;
          }
          if constexpr (T == DType::Float32 || T == DType::Float64) {
            const Tap a = tap(i, h, oh), b = tap(j, w, ow);
            auto v = [&](int64_t p, int64_t q) { return static_cast<double>(at(k, p, q)); };
            const double r = (1 - a.w) * ((1 - b.w) * v(a.lo, b.lo) + b.w * v(a.lo, b.hi)) +
                             a.w * ((1 - b.w) * v(a.hi, b.lo) + b.w * v(a.hi, b.hi));
            dst = store_double<T>(r);
          } else {
            throw Error("oracle: bilinear resize of " + std::string(dtype_name(T)) + " is not modelled");
          }
        }
  });
  return {out};
}

const KernelRegistrar kResize("Resize", resize_kernel);

}  // namespace
}  // namespace ptonnx::oracle
