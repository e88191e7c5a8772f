// Oracle kernels of the CNN group's pooling ops, written as direct loops
// from PyTensor's definitions (no code shared with lib/):
//
// MaxPool / AveragePool: Pool.perform (pytensor/tensor/signal/pool.py,
//   removed in December 2022; read at 19e1a982). Per pooled dim, with the
//   padded extent v = n + 2 * pad, out_shape gives the window count
//   (ignore_border: ws == stride ? v // stride : max(0, (v - ws) // stride
//   + 1); else stride >= ws ? (v - 1) // stride + 1 : max(0, (v - 1 - ws +
//   stride) // stride) + 1), and window j covers padded positions
//   [j * stride, min(j * stride + ws, v)), clipped to the unpadded part
//   [pad, v - pad) unless mode is average_inc_pad (whose padding cells are
//   zeros and count). The window value is np.max (NaN propagates) or
//   np.average = np.mean: float16 summed in float32 and divided there,
//   then rounded to half once; float32 summed and divided in float32;
//   float64 in double. The sum runs in C order over the window.
// GlobalAveragePool: x.mean(axis=(2, 3), keepdims=True): Sum with its
//   accumulator (float16 -> float32 sum dtype, accumulated in double as
//   Sum's acc_dtype float64; float32 accumulated in double and rounded;
//   ints in int64 / uint64, wrapping) divided by the element count (float32
//   for float16/float32 sums, else float64; one division, as pt::mean);
//   float16 rounds back to half; ints and bool give float64.
// GlobalMaxPool: x.max(axis=(2, 3), keepdims=True): np.maximum's reduce
//   ((a >= b || isnan(a)) ? a : b), dtype kept.
#include <algorithm>
#include <cmath>
#include <optional>

#include "graph/attributes.h"
#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

int64_t py_floordiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

struct Dim {
  int64_t n, ws, stride, pad;
};

// Pool.out_shape for one dim.
int64_t windows(const Dim& d, bool ignore_border) {
  const int64_t v = d.n + 2 * d.pad;
  if (ignore_border) {
    if (d.ws == d.stride) return py_floordiv(v, d.stride);
    return std::max<int64_t>(0, py_floordiv(v - d.ws, d.stride) + 1);
  }
  if (d.stride >= d.ws) return py_floordiv(v - 1, d.stride) + 1;
  return std::max<int64_t>(0, py_floordiv(v - 1 - d.ws + d.stride, d.stride)) + 1;
}

// region_slices of perform: [start, end) in padded coordinates.
std::pair<int64_t, int64_t> region(const Dim& d, int64_t j, bool inc_pad) {
  const int64_t v = d.n + 2 * d.pad;
  int64_t start = j * d.stride;
  int64_t end = std::min(start + d.ws, v);
  if (!inc_pad) {
    start = std::max(start, d.pad);
    end = std::min(end, v - d.pad);
  }
  return {start, end};
}

std::vector<int64_t> ints_or(const Node& node, const std::string& name, std::vector<int64_t> dflt) {
  return has_attr(node.attrs, name) ? attr_ints(node.attrs, name) : dflt;
}

std::vector<Tensor> pool_kernel(const Node& node, const std::vector<Tensor>& in) {
  const Tensor& x = in.at(0);
  const bool max = node.op == "MaxPool";
  const std::string mode = max ? "max" : attr_string(node.attrs, "mode");
  const bool inc_pad = mode == "average_inc_pad";
  const bool ignore_border = attr_int(node.attrs, "ignore_border") != 0;
  const auto ws = attr_ints(node.attrs, "ws");
  const auto stride = ints_or(node, "stride", ws);
  const auto pad = ints_or(node, "pad", {0, 0});
  const int64_t r = x.rank();
  const Dim dh{x.shape()[r - 2], ws[0], stride[0], pad[0]}, dw{x.shape()[r - 1], ws[1], stride[1], pad[1]};
  const int64_t oh = windows(dh, ignore_border), ow = windows(dw, ignore_border);
  if (!ignore_border && (oh <= 0 || ow <= 0)) throw PyTensorRaises("perform asserts z > 0 with ignore_border=False");
  Shape out_shape = x.shape();
  out_shape[r - 2] = oh;
  out_shape[r - 1] = ow;
  Tensor out(x.dtype(), out_shape);
  int64_t lead = 1;
  for (int64_t i = 0; i < r - 2; ++i) lead *= x.shape()[i];
  visit_dtype(x.dtype(), [&](auto tag) {
    constexpr DType T = decltype(tag)::value;
    using S = storage_t<T>;
    auto xs = x.data<S>();
    auto o = out.data<S>();
    // The padded image y of perform: zeros outside [pad, n + pad).
    auto y = [&](int64_t k, int64_t ph, int64_t pw) -> double {
      const int64_t h = ph - dh.pad, w = pw - dw.pad;
      if (h < 0 || h >= dh.n || w < 0 || w >= dw.n) return 0.0;
      return static_cast<double>(Lane<T>::load(xs[static_cast<size_t>((k * dh.n + h) * dw.n + w)]));
    };
    for (int64_t k = 0; k < lead; ++k)
      for (int64_t i = 0; i < oh; ++i)
        for (int64_t j = 0; j < ow; ++j) {
          const auto [h0, h1] = region(dh, i, inc_pad);
          const auto [w0, w1] = region(dw, j, inc_pad);
          S& dst = o[static_cast<size_t>((k * oh + i) * ow + j)];
          if constexpr (std::is_integral_v<S> && T != DType::Float16) {
            if (!max) throw Error("oracle: integer average pooling is not modelled");
            std::optional<S> m;
            for (int64_t a = h0; a < h1; ++a)
              for (int64_t b = w0; b < w1; ++b) {
                const S v = xs[static_cast<size_t>((k * dh.n + a - dh.pad) * dw.n + b - dw.pad)];
                if (!m || v > *m) m = v;
              }
            if (!m) throw PyTensorRaises("zero-size array to reduction operation maximum which has no identity");
            dst = *m;
          } else {
            const int64_t count = std::max<int64_t>(0, h1 - h0) * std::max<int64_t>(0, w1 - w0);
            if (max) {
              if (count == 0)
                throw PyTensorRaises("zero-size array to reduction operation maximum which has no identity");
              double m = y(k, h0, w0);
              for (int64_t a = h0; a < h1; ++a)
                for (int64_t b = w0; b < w1; ++b) {
                  const double v = y(k, a, b);
                  m = (m >= v || std::isnan(m)) ? m : v;
                }
              dst = store_double<T>(m);
            } else if constexpr (T == DType::Float64) {
              double s = 0;
              for (int64_t a = h0; a < h1; ++a)
                for (int64_t b = w0; b < w1; ++b) s += y(k, a, b);
              dst = s / static_cast<double>(count);
            } else {
              // np.mean of float16 and float32: a float32 sum and quotient.
              float s = 0;
              for (int64_t a = h0; a < h1; ++a)
                for (int64_t b = w0; b < w1; ++b) s += static_cast<float>(y(k, a, b));
              dst = store_double<T>(static_cast<double>(s / static_cast<float>(count)));
            }
          }
        }
  });
  return {out};
}

std::vector<Tensor> global_average_kernel(const Node& node, const std::vector<Tensor>& in) {
  const Tensor& x = in.at(0);
  const DType out_t = out_dtype(node);
  const int64_t nc = x.shape()[0] * x.shape()[1], hw = x.shape()[2] * x.shape()[3];
  Tensor out(out_t, {x.shape()[0], x.shape()[1], 1, 1});
  visit_dtype(x.dtype(), [&](auto tag) {
    constexpr DType T = decltype(tag)::value;
    using S = storage_t<T>;
    auto xs = x.data<S>();
    for (int64_t k = 0; k < nc; ++k) {
      double mean;
      if constexpr (T == DType::Float16 || T == DType::Float32) {
        double acc = 0;  // Sum's acc_dtype float64, rounded to the float32 sum dtype
        for (int64_t i = 0; i < hw; ++i) acc += static_cast<double>(Lane<T>::load(xs[static_cast<size_t>(k * hw + i)]));
        mean = static_cast<double>(double_to_float(acc) / static_cast<float>(hw));
      } else if constexpr (T == DType::Float64) {
        double acc = 0;
        for (int64_t i = 0; i < hw; ++i) acc += xs[static_cast<size_t>(k * hw + i)];
        mean = acc / static_cast<double>(hw);
      } else if constexpr (T == DType::UInt8 || T == DType::UInt16 || T == DType::UInt32 || T == DType::UInt64) {
        uint64_t acc = 0;
        for (int64_t i = 0; i < hw; ++i) acc += static_cast<uint64_t>(xs[static_cast<size_t>(k * hw + i)]);
        mean = static_cast<double>(acc) / static_cast<double>(hw);
      } else {
        int64_t acc = 0;
        for (int64_t i = 0; i < hw; ++i)
          acc = wrap_add<int64_t>(acc, static_cast<int64_t>(xs[static_cast<size_t>(k * hw + i)]));
        mean = static_cast<double>(acc) / static_cast<double>(hw);
      }
      visit_dtype(out_t, [&](auto otag) {
        constexpr DType O = decltype(otag)::value;
        if constexpr (is_float_dtype(O)) out.data<storage_t<O>>()[static_cast<size_t>(k)] = store_double<O>(mean);
      });
    }
  });
  return {out};
}

std::vector<Tensor> global_max_kernel(const Node&, const std::vector<Tensor>& in) {
  const Tensor& x = in.at(0);
  const int64_t nc = x.shape()[0] * x.shape()[1], hw = x.shape()[2] * x.shape()[3];
  if (hw == 0) throw PyTensorRaises("zero-size array to reduction operation maximum which has no identity");
  Tensor out(x.dtype(), {x.shape()[0], x.shape()[1], 1, 1});
  visit_dtype(x.dtype(), [&](auto tag) {
    constexpr DType T = decltype(tag)::value;
    using S = storage_t<T>;
    auto xs = x.data<S>();
    auto o = out.data<S>();
    for (int64_t k = 0; k < nc; ++k) {
      auto m = Lane<T>::load(xs[static_cast<size_t>(k * hw)]);
      for (int64_t i = 1; i < hw; ++i) {
        const auto v = Lane<T>::load(xs[static_cast<size_t>(k * hw + i)]);
        if constexpr (std::is_floating_point_v<decltype(m)>)
          m = (m >= v || std::isnan(m)) ? m : v;
        else
          m = m >= v ? m : v;
      }
      o[static_cast<size_t>(k)] = Lane<T>::store(m);
    }
  });
  return {out};
}

const KernelRegistrar kMaxPool("MaxPool", pool_kernel);
const KernelRegistrar kAveragePool("AveragePool", pool_kernel);
const KernelRegistrar kGlobalAveragePool("GlobalAveragePool", global_average_kernel);
const KernelRegistrar kGlobalMaxPool("GlobalMaxPool", global_max_kernel);

}  // namespace
}  // namespace ptonnx::oracle
