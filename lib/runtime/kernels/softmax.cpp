// Softmax, LogSoftmax and Hardmax. Before opset 13 the input is coerced to
// 2-D at `axis` (default 1) and the op runs over the flattened trailing
// dims; from 13 it runs over the single `axis` (default -1).
#include <cmath>
#include <limits>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

enum class Kind { Softmax, LogSoftmax, Hardmax };

// Runs over groups of `dim` elements spaced `inner` apart.
template <typename T>
void softmax_group(const T* in, T* out, int64_t dim, int64_t inner, Kind kind) {
  if (dim == 0) return;
  double mx = -std::numeric_limits<double>::infinity();
  int64_t arg = 0;
  for (int64_t k = 0; k < dim; ++k) {
    const double v = static_cast<double>(in[k * inner]);
    if (v > mx) {
      mx = v;
      arg = k;
    }
  }
  if (kind == Kind::Hardmax) {
    for (int64_t k = 0; k < dim; ++k) out[k * inner] = static_cast<T>(k == arg ? 1 : 0);
    return;
  }
  double sum = 0;
  for (int64_t k = 0; k < dim; ++k) sum += std::exp(static_cast<double>(in[k * inner]) - mx);
  for (int64_t k = 0; k < dim; ++k) {
    const double shifted = static_cast<double>(in[k * inner]) - mx;
    out[k * inner] = static_cast<T>(kind == Kind::Softmax ? std::exp(shifted) / sum : shifted - std::log(sum));
  }
}

std::vector<Tensor> softmax_impl(KernelContext& ctx, Kind kind, bool coerce_2d) {
  const Tensor& x = ctx.input(0);
  const int64_t axis = normalize_axis(ctx.attrs().get_int("axis", coerce_2d ? 1 : -1), x.rank(), "axis",
                                      coerce_2d ? 1 : 0);
  // Coerced: [outer, prod(dims[axis:])] with inner stride 1.
  const int64_t outer = dims_product(x.shape(), 0, axis);
  const int64_t dim = coerce_2d ? dims_product(x.shape(), axis, x.rank()) : x.shape()[axis];
  const int64_t inner = coerce_2d ? 1 : dims_product(x.shape(), axis + 1, x.rank());
  Tensor y = ctx.alloc(x.dtype(), x.shape());
  visit_float(x.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    ctx.charge_scratch(2 * x.numel() * static_cast<int64_t>(sizeof(compute_t<D>)), "softmax");
    std::vector<compute_t<D>> in(static_cast<size_t>(x.numel())), out(in.size());
    // An empty axis with non-empty outer/inner dims: no groups to compute,
    // and offsets into the empty buffers would be arithmetic on null.
    if (in.empty()) return;
    auto xd = x.data<storage_t<D>>();
    for (size_t i = 0; i < in.size(); ++i) in[i] = load<D>(xd[i]);
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i)
        softmax_group(in.data() + o * dim * inner + i, out.data() + o * dim * inner + i, dim, inner, kind);
    auto yd = y.data<storage_t<D>>();
    for (size_t i = 0; i < out.size(); ++i) yd[i] = store<D>(out[i]);
  });
  return one_output(std::move(y));
}

KernelFn make(Kind kind, bool coerce_2d) {
  return [kind, coerce_2d](KernelContext& ctx) { return softmax_impl(ctx, kind, coerce_2d); };
}

const KernelRegistrar regs[] = {
    {"", "Softmax", 1, 12, make(Kind::Softmax, true)},
    {"Softmax", 13, make(Kind::Softmax, false)},
    {"", "LogSoftmax", 1, 12, make(Kind::LogSoftmax, true)},
    {"LogSoftmax", 13, make(Kind::LogSoftmax, false)},
    {"", "Hardmax", 1, 12, make(Kind::Hardmax, true)},
    {"Hardmax", 13, make(Kind::Hardmax, false)},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
