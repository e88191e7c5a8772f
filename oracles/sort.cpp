// Oracle kernels of SortOp and ArgSortOp (pytensor/tensor/sort.py):
// perform is np.sort(a, axis, kind) and np.asarray(np.argsort(a, axis,
// kind), dtype=int64).
//
// NumPy's order (numpy/_core/src/npysort/npysort_common.h, NumPy 1.24):
// FLOAT_LT(a, b) is `a < b || (b != b && a == a)`, so NaN sorts after
// everything, +inf included, and NaNs tie with each other; -0.0 and +0.0
// are equal (plain <; npy_half_lt_nonan treats the two half zeros as equal
// too); bools and integers use plain <. Every lane here is sorted with
// std::stable_sort under that order: for kind stable/mergesort that is
// NumPy's answer exactly (timsort/radix sort/mergesort are stable); for
// quicksort/heapsort NumPy's tie order is an implementation detail
// (introsort, AVX-512 sorting networks), the stable order is one valid
// answer, and ArgSortOp's comparison accepts any permutation that sorts
// (check/sort_invariants.cpp). An axis outside [-ndim, ndim) raises
// AxisError in NumPy (PyTensorRaises).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

template <typename C>
bool numpy_lt(C a, C b) {
  if constexpr (std::is_floating_point_v<C>) return a < b || (std::isnan(b) && !std::isnan(a));
  else return a < b;
}

int64_t axis_of(const Tensor& x, const Tensor& axis) {
  const int64_t r = x.rank(), a = axis.get_as_int64(0);
  if (a < -r || a >= r)
    throw PyTensorRaises("AxisError: axis " + std::to_string(a) + " is out of bounds for array of dimension " +
                         std::to_string(r));
  return a < 0 ? a + r : a;
}

// The stable NumPy-order permutation of every lane along `axis` (indices
// into the lane), laid out like x.
Tensor argsort_lanes(const Tensor& x, int64_t axis) {
  Tensor idx(DType::Int64, x.shape());
  const Shape& s = x.shape();
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d) outer *= s[d];
  for (int64_t d = axis + 1; d < x.rank(); ++d) inner *= s[d];
  const int64_t n = s[axis];
  auto out = idx.data<int64_t>();
  visit_dtype(x.dtype(), [&](auto tag) {
    constexpr DType T = decltype(tag)::value;
    auto in = x.data<storage_t<T>>();
    std::vector<int64_t> order(static_cast<size_t>(n));
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        auto at = [&](int64_t j) { return Lane<T>::load(in[(o * n + j) * inner + i]); };
        std::iota(order.begin(), order.end(), int64_t{0});
        std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return numpy_lt(at(a), at(b)); });
        for (int64_t j = 0; j < n; ++j) out[(o * n + j) * inner + i] = order[static_cast<size_t>(j)];
      }
  });
  return idx;
}

std::vector<Tensor> argsort_kernel(const Node&, const std::vector<Tensor>& in) {
  return {argsort_lanes(in.at(0), axis_of(in.at(0), in.at(1)))};
}

std::vector<Tensor> sort_kernel(const Node&, const std::vector<Tensor>& in) {
  const Tensor& x = in.at(0);
  const int64_t axis = axis_of(x, in.at(1));
  const Tensor idx = argsort_lanes(x, axis);
  Tensor y(x.dtype(), x.shape());
  const Shape& s = x.shape();
  int64_t inner = 1;
  for (int64_t d = axis + 1; d < x.rank(); ++d) inner *= s[d];
  const int64_t n = s[axis];
  const size_t es = dtype_size(x.dtype());
  auto ix = idx.data<int64_t>();
  for (int64_t f = 0; f < x.numel(); ++f) {
    // f = (o * n + j) * inner + i takes element (o * n + idx) * inner + i.
    const int64_t i = f % inner, o = f / inner / n;
    const int64_t src = (o * n + ix[static_cast<size_t>(f)]) * inner + i;
    std::copy_n(x.raw() + src * static_cast<int64_t>(es), es, y.raw() + f * static_cast<int64_t>(es));
  }
  return {y};
}

const KernelRegistrar kSortOp("SortOp", sort_kernel);
const KernelRegistrar kArgSortOp("ArgSortOp", argsort_kernel);

}  // namespace
}  // namespace ptonnx::oracle
