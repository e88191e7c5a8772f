// Unique (opset 11): the distinct elements of the flattened input, or the
// distinct slices along an axis, sorted ascending (sorted=1, as np.unique)
// or in order of first occurrence, with the index of each one's first
// occurrence, the inverse mapping and the counts.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

// Three-way comparison of two items (slices of `len` elements laid out as
// `outer` runs of `inner` elements, `dim * inner` apart). NaN equals NaN and
// orders after every number, so NaNs group together and sort last, as
// np.unique does with its default equal_nan=True.
template <DType D>
int compare_items(const Tensor& x, int64_t a, int64_t b, int64_t outer, int64_t dim, int64_t inner) {
  const auto v = x.data<storage_t<D>>();
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) {
      const auto p = load<D>(v[static_cast<size_t>((o * dim + a) * inner + i)]);
      const auto q = load<D>(v[static_cast<size_t>((o * dim + b) * inner + i)]);
      if constexpr (std::is_floating_point_v<decltype(p)>) {
        const bool pn = std::isnan(p), qn = std::isnan(q);
        if (pn || qn) {
          if (pn != qn) return pn ? 1 : -1;
          continue;
        }
      }
      if (p < q) return -1;
      if (q < p) return 1;
    }
  return 0;
}

std::vector<Tensor> unique_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const bool has_axis = ctx.attrs().has("axis");
  const bool sorted = ctx.attrs().get_int("sorted", 1) != 0;
  const Tensor flat = has_axis ? Tensor() : x.reshaped({x.numel()});
  const Tensor& in = has_axis ? x : flat;
  const int64_t axis = has_axis ? normalize_axis(ctx.attrs().get_int("axis"), x.rank()) : 0;
  const int64_t dim = in.shape()[static_cast<size_t>(axis)];
  const int64_t outer = dims_product(in.shape(), 0, axis), inner = dims_product(in.shape(), axis + 1, in.rank());
  ctx.charge_scratch(dim * static_cast<int64_t>(3 * sizeof(int64_t)), "Unique's item order");

  // Items sorted stably, so the first of each run of equal items is its
  // first occurrence.
  std::vector<int64_t> order(static_cast<size_t>(dim));
  std::iota(order.begin(), order.end(), 0);
  auto cmp = [&](int64_t a, int64_t b) {
    return visit_dtype(x.dtype(),
                       [&](auto tag) { return compare_items<decltype(tag)::value>(in, a, b, outer, dim, inner); });
  };
  std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return cmp(a, b) < 0; });
  std::vector<int64_t> first, counts;                    // per unique item, in sorted order
  std::vector<int64_t> group(static_cast<size_t>(dim));  // item -> its unique item
  for (size_t k = 0; k < order.size(); ++k) {
    if (k == 0 || cmp(order[k - 1], order[k]) != 0) {
      first.push_back(order[k]);
      counts.push_back(0);
    }
    group[static_cast<size_t>(order[k])] = static_cast<int64_t>(first.size()) - 1;
    ++counts.back();
  }
  const auto u = static_cast<int64_t>(first.size());
  // rank[g]: position of unique item g in the output.
  std::vector<int64_t> out_order(static_cast<size_t>(u));
  std::iota(out_order.begin(), out_order.end(), 0);
  if (!sorted)
    std::sort(out_order.begin(), out_order.end(),
              [&](int64_t a, int64_t b) { return first[static_cast<size_t>(a)] < first[static_cast<size_t>(b)]; });
  std::vector<int64_t> rank(static_cast<size_t>(u));
  for (int64_t k = 0; k < u; ++k) rank[static_cast<size_t>(out_order[static_cast<size_t>(k)])] = k;

  Shape y_shape = in.shape();
  y_shape[static_cast<size_t>(axis)] = u;
  Tensor y = ctx.alloc(x.dtype(), y_shape);
  Tensor indices = ctx.alloc(DType::Int64, {u});
  Tensor inverse = ctx.alloc(DType::Int64, {dim});
  Tensor count = ctx.alloc(DType::Int64, {u});
  const auto es = static_cast<int64_t>(dtype_size(x.dtype()));
  for (int64_t k = 0; k < u; ++k) {
    const auto g = static_cast<size_t>(out_order[static_cast<size_t>(k)]);
    indices.data<int64_t>()[static_cast<size_t>(k)] = first[g];
    count.data<int64_t>()[static_cast<size_t>(k)] = counts[g];
    for (int64_t o = 0; o < outer && inner > 0; ++o)
      std::memcpy(y.raw() + ((o * u + k) * inner) * es, in.raw() + ((o * dim + first[g]) * inner) * es,
                  static_cast<size_t>(inner * es));
  }
  for (int64_t i = 0; i < dim; ++i)
    inverse.data<int64_t>()[static_cast<size_t>(i)] = rank[static_cast<size_t>(group[static_cast<size_t>(i)])];
  std::vector<Tensor> res;
  res.push_back(std::move(y));
  res.push_back(std::move(indices));
  res.push_back(std::move(inverse));
  res.push_back(std::move(count));
  res.resize(std::min(res.size(), ctx.num_outputs()));
  return res;
}

const KernelRegistrar regs[] = {
    {"Unique", 11, unique_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
