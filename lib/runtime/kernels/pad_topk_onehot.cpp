// Pad (constant/reflect/edge), TopK, OneHot and Dropout in inference mode.
#include <algorithm>
#include <cmath>
#include <type_traits>
#include <numeric>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

// `value_tensor`, when given (Pad-11's constant_value input), is copied
// bit for bit: through a double, int64/uint64 pad values beyond 2^53 (an
// INT64_MAX sentinel) would change.
Tensor pad(const KernelContext& ctx, const Tensor& x, std::vector<int64_t> pads, const std::string& mode, double value,
           std::vector<int64_t> axes, const Tensor* value_tensor = nullptr) {
  const int64_t r = x.rank();
  if (axes.empty())
    for (int64_t d = 0; d < r; ++d) axes.push_back(d);
  axes = normalize_axes(axes, r);
  const int64_t na = static_cast<int64_t>(axes.size());
  if (static_cast<int64_t>(pads.size()) != 2 * na)
    throw ValidationError("pads has " + std::to_string(pads.size()) + " values, expected " + std::to_string(2 * na));
  std::vector<int64_t> before(r, 0), after(r, 0);
  for (int64_t i = 0; i < na; ++i) {
    before[axes[i]] = pads[i];
    after[axes[i]] = pads[i + na];
  }
  Shape out_shape(r);
  for (int64_t d = 0; d < r; ++d) {
    // A negative pad removes at most the whole dim; with that bound the sum
    // below and the coordinates (coord - before) cannot overflow int64.
    const int64_t n = x.shape()[d];
    if (before[d] < -n || after[d] < -n)
      throw ValidationError("pads " + std::to_string(before[d]) + ", " + std::to_string(after[d]) +
                            " remove more than dim " + std::to_string(d) + " of " + shape_to_string(x.shape()));
    if (__builtin_add_overflow(n, before[d], &out_shape[d]) ||
        __builtin_add_overflow(out_shape[d], after[d], &out_shape[d]))
      throw LimitError("pads make dim " + std::to_string(d) + " overflow int64");
    if (out_shape[d] < 0) throw ValidationError("pads make a negative dim");
    if (mode != "constant" && x.shape()[d] == 0 && out_shape[d] > 0)
      throw ValidationError(mode + " padding of an empty dim");
  }
  if (mode != "constant" && mode != "reflect" && mode != "edge") throw UnsupportedError("Pad mode '" + mode + "'");
  Tensor y = ctx.alloc(x.dtype(), out_shape);
  Tensor fill = Tensor(x.dtype(), {});
  if (value_tensor && value_tensor->dtype() == x.dtype() && value_tensor->numel() == 1)
    std::memcpy(fill.raw(), value_tensor->raw(), dtype_size(x.dtype()));
  else set_element(fill, 0, value);
  const size_t es = dtype_size(x.dtype());
  const auto in_strides = row_major_strides(x.shape());
  std::vector<int64_t> coord(r, 0);
  for (int64_t o = 0; o < y.numel(); ++o) {
    int64_t off = 0;
    bool outside = false;
    for (int64_t d = 0; d < r; ++d) {
      int64_t c = coord[d] - before[d];
      const int64_t n = x.shape()[d];
      if (c < 0 || c >= n) {
        if (mode == "constant") {
          outside = true;
          break;
        }
        if (mode == "edge") {
          c = std::clamp<int64_t>(c, 0, n - 1);
        } else {  // reflect without repeating the edge
          const int64_t period = n > 1 ? 2 * (n - 1) : 1;
          c = ((c % period) + period) % period;
          if (c >= n) c = period - c;
        }
      }
      off += c * in_strides[d];
    }
    std::memcpy(y.raw() + o * static_cast<int64_t>(es), outside ? fill.raw() : x.raw() + off * static_cast<int64_t>(es),
                es);
    for (int64_t d = r - 1; d >= 0; --d) {
      if (++coord[d] < out_shape[d]) break;
      coord[d] = 0;
    }
  }
  return y;
}

std::vector<Tensor> pad_2(KernelContext& ctx) {
  return {pad(ctx, ctx.input(0), ctx.attrs().get_ints("pads"), ctx.attrs().get_string("mode", "constant"),
              ctx.attrs().get_float("value", 0.0f), {})};
}
std::vector<Tensor> pad_11(KernelContext& ctx) {
  const double value = ctx.has_input(2) ? scalar_as_double(ctx.input(2), "constant_value") : 0.0;
  std::vector<int64_t> axes;
  if (ctx.has_input(3)) axes = to_int64_list(ctx.input(3), "axes");
  return {pad(ctx, ctx.input(0), to_int64_list(ctx.input(1), "pads"), ctx.attrs().get_string("mode", "constant"), value,
              axes, ctx.has_input(2) ? &ctx.input(2) : nullptr)};
}

std::vector<Tensor> topk_impl(KernelContext& ctx, int64_t k) {
  const Tensor& x = ctx.input(0);
  const int64_t axis = normalize_axis(ctx.attrs().get_int("axis", -1), x.rank());
  const bool largest = ctx.attrs().get_int("largest", 1) != 0;
  const int64_t dim = x.shape()[axis];
  if (k < 0 || k > dim)
    throw ValidationError("k = " + std::to_string(k) + " is out of range for axis size " + std::to_string(dim));
  Shape out_shape = x.shape();
  out_shape[axis] = k;
  Tensor vals = ctx.alloc(x.dtype(), out_shape), idx = ctx.alloc(DType::Int64, out_shape);
  const int64_t outer = dims_product(x.shape(), 0, axis), inner = dims_product(x.shape(), axis + 1, x.rank());
  visit_numeric(x.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    auto in = x.data<storage_t<D>>();
    auto vo = vals.data<storage_t<D>>();
    auto io = idx.data<int64_t>();
    std::vector<int64_t> order(static_cast<size_t>(dim));
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        auto at = [&](int64_t j) { return load<D>(in[(o * dim + j) * inner + i]); };
        // TopK-11 says nothing of NaN or of -0.0 against +0.0. The normal
        // mode puts NaN above +inf and keeps the zeros equal (NumPy's sort
        // order, and a strict weak order for std::stable_sort); the
        // spec-adversarial mode puts NaN below -inf and -0.0 below +0.0.
        auto less = [&](auto a, auto b) {
          if constexpr (std::is_floating_point_v<decltype(a)>) {
            const bool na = std::isnan(a), nb = std::isnan(b);
            if (na || nb) return na != nb && (ctx.adversarial() ? na : nb);
            if (ctx.adversarial() && a == 0 && b == 0) return std::signbit(a) && !std::signbit(b);
          }
          return a < b;
        };
        std::iota(order.begin(), order.end(), 0);
        // Ties keep the lower index first, as the spec requires.
        std::stable_sort(order.begin(), order.end(),
                         [&](int64_t a, int64_t b) { return largest ? less(at(b), at(a)) : less(at(a), at(b)); });
        for (int64_t j = 0; j < k; ++j) {
          vo[(o * k + j) * inner + i] = in[(o * dim + order[j]) * inner + i];
          io[(o * k + j) * inner + i] = order[j];
        }
      }
  });
  return {vals, idx};
}

std::vector<Tensor> onehot_kernel(KernelContext& ctx) {
  const Tensor& indices = ctx.input(0);
  const int64_t depth = scalar_as_int64(ctx.input(1), "depth");
  const Tensor& values = ctx.input(2);
  if (values.numel() != 2) throw ValidationError("OneHot values must hold [off, on]");
  if (depth < 0) throw ValidationError("OneHot depth is negative");
  const int64_t r = indices.rank() + 1;
  const int64_t axis = normalize_axis(ctx.attrs().get_int("axis", -1), r);
  Shape out_shape = indices.shape();
  out_shape.insert(out_shape.begin() + axis, depth);
  Tensor y = ctx.alloc(values.dtype(), out_shape);
  const size_t es = dtype_size(values.dtype());
  const int64_t outer = dims_product(indices.shape(), 0, axis);
  const int64_t inner = dims_product(indices.shape(), axis, indices.rank());
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t d = 0; d < depth; ++d)
      for (int64_t i = 0; i < inner; ++i) {
        double v = indices.get_as_double(o * inner + i);
        if (v < 0) v += static_cast<double>(depth);
        // v < depth first: casting a NaN or out-of-range double is UB.
        const bool on = v >= 0 && v < static_cast<double>(depth) && static_cast<int64_t>(v) == d;
        std::memcpy(y.raw() + ((o * depth + d) * inner + i) * static_cast<int64_t>(es), values.raw() + (on ? es : 0),
                    es);
      }
  return one_output(std::move(y));
}

// Inference only: training mode with a non-zero ratio is random and refused.
std::vector<Tensor> dropout_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const bool training = ctx.has_input(2) && scalar_as_double(ctx.input(2), "training_mode") != 0;
  const double ratio = ctx.has_input(1) ? scalar_as_double(ctx.input(1), "ratio") : 0.5;
  if (training && ratio != 0) throw UnsupportedError("Dropout in training mode (random) is not supported");
  Tensor mask = ctx.alloc(DType::Bool, x.shape());
  for (auto& m : mask.data<uint8_t>()) m = 1;
  return {x, mask};
}

// Dropout-7 to 11 take the ratio as an attribute and have no training
// input: inference, so the output is the input and the mask all true (of
// x's dtype before 10, bool from 10).
std::vector<Tensor> dropout_7(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  Tensor mask = ctx.alloc(ctx.opset() >= 10 ? DType::Bool : x.dtype(), x.shape());
  for (int64_t i = 0; i < mask.numel(); ++i) set_element(mask, i, 1.0);
  return {x, mask};
}

const KernelRegistrar regs[] = {
    // Pad-11 moved pads/value to inputs; Pad-18 added the axes input.
    {"", "Pad", 2, 10, pad_2},
    {"Pad", 11, pad_11},
    // TopK-10 moved k to an input; TopK-11 added largest/sorted.
    {"", "TopK", 1, 9, [](KernelContext& c) { return topk_impl(c, c.attrs().get_int("k")); }},
    {"TopK", 10, [](KernelContext& c) { return topk_impl(c, scalar_as_int64(c.input(1), "k")); }},
    {"OneHot", 9, onehot_kernel},
    {"", "Dropout", 7, 11, dropout_7},
    {"Dropout", 12, dropout_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
