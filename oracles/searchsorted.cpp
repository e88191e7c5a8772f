// Oracle kernel of SearchsortedOp (pytensor/tensor/extra_ops.py): perform
// is np.searchsorted(x, v, side=side, sorter=sorter).astype(int64).
//
// NumPy 1.24 (numpy/core/src/multiarray/item_selection.c
// PyArray_SearchSorted): x and v are converted to their common dtype
// (PyArray_DescrFromObject(v, x.dtype): promote_types, not value-based),
// sorter to intp (a uint64 sorter is refused by the IR, as PyTensor's
// int_dtypes check does); "sorter.size must equal a.size" (ValueError).
// The search is npy_binsearch / npy_argbinsearch
// (numpy/core/src/npysort/binsearch.cpp), transcribed below with its
// last-key shortcut: side left compares Tag::less(mid, key), side right
// !Tag::less(key, mid), where Tag::less is the sort order (floats:
// a < b || (b != b && a == a), NaN largest). argbinsearch raises
// "Sorter index out of range." when a visited sorter entry is outside
// [0, len(x)). For a sorted x (x[sorter] sorted) the result is the count
// of x's elements before v's in that order.
#include <cmath>

#include "oracles/dtype_rules.h"
#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

template <typename C>
bool tag_less(C a, C b) {
  if constexpr (std::is_floating_point_v<C>) return a < b || (std::isnan(b) && !std::isnan(a));
  else return a < b;
}

std::vector<Tensor> searchsorted_kernel(const Node& node, const std::vector<Tensor>& in) {
  const bool right = has_attr(node.attrs, "side") && attr_string(node.attrs, "side") == "right";
  const DType t = dtypes::numpy_promote(in.at(0).dtype(), in.at(1).dtype());
  const Tensor a = to_loop_dtype(in.at(0), t), v = to_loop_dtype(in.at(1), t);
  const int64_t n = a.numel();
  std::vector<int64_t> sorter;
  const bool with_sorter = in.size() == 3;
  if (with_sorter) {
    if (in[2].numel() != n) throw PyTensorRaises("ValueError: sorter.size must equal a.size");
    for (int64_t i = 0; i < n; ++i) sorter.push_back(in[2].get_as_int64(i));
  }
  Tensor out(DType::Int64, v.shape());
  auto o = out.data<int64_t>();
  visit_dtype(t, [&](auto tag) {
    constexpr DType T = decltype(tag)::value;
    auto arr = a.data<storage_t<T>>();
    auto key = v.data<storage_t<T>>();
    using C = compute_t<T>;
    auto cmp = [&](C x, C y) { return right ? !tag_less(y, x) : tag_less(x, y); };
    int64_t min_idx = 0, max_idx = n;
    if (key.empty()) return;
    C last = Lane<T>::load(key[0]);
    for (size_t k = 0; k < key.size(); ++k) {
      const C kv = Lane<T>::load(key[k]);
      // The shortcut of npy_binsearch: keep one bound when keys increase.
      if (cmp(last, kv)) {
        max_idx = n;
      } else {
        min_idx = 0;
        max_idx = max_idx < n ? max_idx + 1 : n;
      }
      last = kv;
      while (min_idx < max_idx) {
        const int64_t mid = min_idx + ((max_idx - min_idx) >> 1);
        int64_t at = mid;
        if (with_sorter) {
          at = sorter[static_cast<size_t>(mid)];
          if (at < 0 || at >= n) throw PyTensorRaises("ValueError: Sorter index out of range.");
        }
        if (cmp(Lane<T>::load(arr[static_cast<size_t>(at)]), kv)) min_idx = mid + 1;
        else max_idx = mid;
      }
      o[k] = min_idx;
    }
  });
  return {out};
}

const KernelRegistrar kSearchsortedOp("SearchsortedOp", searchsorted_kernel);

}  // namespace
}  // namespace ptonnx::oracle
