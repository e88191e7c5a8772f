// Oracle kernel of Unique (pytensor/tensor/extra_ops.py): perform is
// old_np_unique (pytensor/npy_2_compat.py), np.unique with the inverse
// raveled (axis=None) or reshaped to (x.shape[axis],), as NumPy < 2.0.
//
// NumPy 1.24 numpy/lib/arraysetops.py, transcribed:
// - axis=None, _unique1d(x.flatten(), equal_nan=True): perm =
//   argsort(kind='mergesort' if return_index else 'quicksort') (only when
//   an index or inverse is asked; else a plain sort), aux = x[perm],
//   mask[0] = True, mask[1:] = aux[1:] != aux[:-1]; if aux[-1] is NaN (float
//   kinds only) every NaN collapses into one: from aux_firstnan =
//   searchsorted(aux, aux[-1], 'left') on, mask is True once, then False.
//   values = aux[mask], index = perm[mask], inverse[perm] = cumsum(mask) -
//   1, counts = diff(nonzero(mask) + [size]). -0.0 == +0.0: the zero kept
//   is the first in sorted order (with return_index the first in x).
// - axis given: moveaxis(x, axis, 0) reshaped to (n, m) rows viewed as a
//   structured dtype of m fields, then _unique1d on the rows: sorted
//   lexicographically by each field's compare (FLOAT_compare: NaN last,
//   numpy/core/src/multiarray/arraytypes.c.src), equal when every field
//   is == (so a row holding NaN equals no other row: equal_nan applies to
//   kinds "cfmM" only, a structured dtype is 'V'); rows reshaped back and
//   the axis moved home.
// The sort is a stable sort (the quicksort's tie order is unspecified and
// shows only in which of -0.0/+0.0 is kept when no index is asked).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

bool flag(const Attributes& a, const char* name) { return has_attr(a, name) && attr_int(a, name) != 0; }

// Element access of any dtype as comparable values.
struct Elements {
  const Tensor& t;
  bool fp() const { return is_float(t.dtype()); }
  // FLOAT_LT / plain <.
  bool less(int64_t i, int64_t j) const {
    if (fp()) {
      const double a = t.get_as_double(i), b = t.get_as_double(j);
      return a < b || (std::isnan(b) && !std::isnan(a));
    }
    if (t.dtype() == DType::UInt64) return t.get_as_uint64(i) < t.get_as_uint64(j);
    return t.get_as_int64(i) < t.get_as_int64(j);
  }
  // ==, NaN != NaN.
  bool equal(int64_t i, int64_t j) const {
    if (fp()) return t.get_as_double(i) == t.get_as_double(j);
    if (t.dtype() == DType::UInt64) return t.get_as_uint64(i) == t.get_as_uint64(j);
    return t.get_as_int64(i) == t.get_as_int64(j);
  }
  bool isnan(int64_t i) const { return fp() && std::isnan(t.get_as_double(i)); }
};

std::vector<Tensor> unique_kernel(const Node& node, const std::vector<Tensor>& in) {
  const Tensor& x = in.at(0);
  const bool ret_index = flag(node.attrs, "return_index"), ret_inverse = flag(node.attrs, "return_inverse"),
             ret_counts = flag(node.attrs, "return_counts");
  const bool has_axis = has_attr(node.attrs, "axis");
  const int64_t axis = has_axis ? attr_int(node.attrs, "axis") : 0;
  // Rows (n, m) of the flattened (axis=None: m = 1) or axis-first array;
  // row r field f is x's element src(r, f).
  const Shape& s = x.shape();
  int64_t n = x.numel(), m = 1, inner = 1;
  if (has_axis) {
    n = s[axis];
    m = n == 0 ? 0 : x.numel() / n;
    for (int64_t d = axis + 1; d < x.rank(); ++d) inner *= s[d];
  }
  auto src = [&](int64_t r, int64_t f) {
    if (!has_axis) return r;
    // field f runs over (outer, inner) in C order of the moved array.
    const int64_t o = f / inner, i = f % inner;
    return (o * n + r) * inner + i;
  };
  const Elements e{x};
  auto row_less = [&](int64_t a, int64_t b) {
    for (int64_t f = 0; f < m; ++f) {
      if (e.less(src(a, f), src(b, f))) return true;
      if (e.less(src(b, f), src(a, f))) return false;
    }
    return false;
  };
  auto row_equal = [&](int64_t a, int64_t b) {
    for (int64_t f = 0; f < m; ++f)
      if (!e.equal(src(a, f), src(b, f))) return false;
    return true;
  };
  std::vector<int64_t> perm(static_cast<size_t>(n));
  std::iota(perm.begin(), perm.end(), int64_t{0});
  std::stable_sort(perm.begin(), perm.end(), row_less);
  std::vector<char> mask(static_cast<size_t>(n), 0);
  if (n > 0) mask[0] = 1;
  const bool collapse_nan = !has_axis && n > 0 && e.isnan(perm.back());
  int64_t first_nan = n;
  if (collapse_nan) {  // searchsorted(aux, NaN, 'left'): the count of numbers
    first_nan = 0;
    while (!e.isnan(perm[static_cast<size_t>(first_nan)])) ++first_nan;
  }
  for (int64_t i = 1; i < n; ++i) {
    if (collapse_nan && i >= first_nan) mask[static_cast<size_t>(i)] = i == first_nan;
    else mask[static_cast<size_t>(i)] = !row_equal(perm[static_cast<size_t>(i)], perm[static_cast<size_t>(i - 1)]);
  }
  if (collapse_nan) mask[static_cast<size_t>(first_nan)] = 1;
  std::vector<int64_t> kept;  // positions in sorted order
  for (int64_t i = 0; i < n; ++i)
    if (mask[static_cast<size_t>(i)]) kept.push_back(i);
  const auto u = static_cast<int64_t>(kept.size());

  Shape vs{u};
  if (has_axis) {
    vs = s;
    vs[axis] = u;
  }
  Tensor values(x.dtype(), vs);
  const size_t es = dtype_size(x.dtype());
  for (int64_t k = 0; k < u; ++k)
    for (int64_t f = 0; f < m; ++f) {
      const int64_t from = src(perm[static_cast<size_t>(kept[static_cast<size_t>(k)])], f);
      // The same (field, row) layout with u rows.
      const int64_t to = has_axis ? ((f / inner) * u + k) * inner + f % inner : k;
      std::copy_n(x.raw() + from * static_cast<int64_t>(es), es, values.raw() + to * static_cast<int64_t>(es));
    }
  std::vector<Tensor> out{values};
  if (ret_index) {
    Tensor idx(DType::Int64, {u});
    for (int64_t k = 0; k < u; ++k) idx.data<int64_t>()[k] = perm[static_cast<size_t>(kept[static_cast<size_t>(k)])];
    out.push_back(idx);
  }
  if (ret_inverse) {
    Tensor inv(DType::Int64, {n});
    int64_t group = -1;
    for (int64_t i = 0; i < n; ++i) {
      group += mask[static_cast<size_t>(i)];
      inv.data<int64_t>()[perm[static_cast<size_t>(i)]] = group;
    }
    out.push_back(inv);
  }
  if (ret_counts) {
    Tensor counts(DType::Int64, {u});
    for (int64_t k = 0; k < u; ++k)
      counts.data<int64_t>()[k] = (k + 1 < u ? kept[static_cast<size_t>(k + 1)] : n) - kept[static_cast<size_t>(k)];
    out.push_back(counts);
  }
  return out;
}

const KernelRegistrar kUnique("Unique", unique_kernel);

}  // namespace
}  // namespace ptonnx::oracle
