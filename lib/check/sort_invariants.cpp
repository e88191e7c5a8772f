// ArgSortOp's output is unique only for a stable kind. np.argsort with
// kind quicksort (the default) or heapsort orders equal elements as its
// algorithm happens to (introsort, AVX-512 networks), so an export may
// order ties differently and still be right: such an output is judged as
// a valid answer (docs/comparison.md, "Sorting"): along the axis, every
// lane of the runtime's indices is a permutation of 0..n-1, and the input
// taken in that order equals the input taken in the oracle's order under
// NumPy's sort equality (NaN equals NaN, -0.0 equals +0.0), which makes it
// sorted since the oracle's is. kind stable/mergesort: compared exactly.
#include <string>
#include <vector>

#include "check/invariant_checks.h"

namespace ptonnx::check {
namespace {

// Equal under NumPy's sort order: neither sorts before the other.
bool sort_equal(const Tensor& x, int64_t a, int64_t b) {
  const DType t = x.dtype();
  if (t == DType::Float16 || t == DType::Float32 || t == DType::Float64) {
    const double u = x.get_as_double(a), v = x.get_as_double(b);
    return (u != u && v != v) || u == v;
  }
  if (t == DType::UInt64) return x.get_as_uint64(a) == x.get_as_uint64(b);
  return x.get_as_int64(a) == x.get_as_int64(b);
}

TensorMismatch check_argsort(const NodeValues& v, size_t, const Tolerance& tol) {
  const Tensor& expected = *v.expected[0];
  const Tensor& actual = *v.actual[0];
  const std::string kind = has_attr(v.node.attrs, "kind") ? attr_string(v.node.attrs, "kind") : "quicksort";
  if (kind == "stable" || kind == "mergesort") return compare_tensors(expected, actual, tol);
  const Tensor& x = *v.inputs.at(0);
  const int64_t r = x.rank();
  int64_t axis = v.inputs.at(1)->get_as_int64(0);
  if (axis < 0) axis += r;
  const Shape& s = x.shape();
  int64_t inner = 1;
  for (int64_t d = axis + 1; d < r; ++d) inner *= s[d];
  const int64_t n = s[axis], lanes = n == 0 ? 0 : x.numel() / n;
  auto e = expected.data<int64_t>();
  auto a = actual.data<int64_t>();
  std::vector<char> seen(static_cast<size_t>(n));
  for (int64_t lane = 0; lane < lanes; ++lane) {
    const int64_t o = lane / inner, i = lane % inner;
    std::fill(seen.begin(), seen.end(), 0);
    for (int64_t j = 0; j < n; ++j) {
      const int64_t f = (o * n + j) * inner + i;
      const int64_t got = a[static_cast<size_t>(f)], want = e[static_cast<size_t>(f)];
      const std::string at = "at flat index " + std::to_string(f) + " (lane " + std::to_string(lane) +
                             ", position " + std::to_string(j) + " of axis " + std::to_string(axis) + ")";
      if (got < 0 || got >= n) return invariant_failed(expected, "index " + std::to_string(got) + " out of range " + at);
      if (seen[static_cast<size_t>(got)]++)
        return invariant_failed(expected, "index " + std::to_string(got) + " repeated " + at + ": not a permutation");
      if (!sort_equal(x, (o * n + got) * inner + i, (o * n + want) * inner + i))
        return invariant_failed(expected, "x[" + std::to_string(got) + "] is not equal to x[" + std::to_string(want) +
                                              "] (kind " + kind + ": any order of equal elements is valid) " + at);
    }
  }
  TensorMismatch m;
  m.expected_type = expected.describe();
  m.elements = expected.numel();
  return m;
}

const InvariantCheckRegistrar kArgSortOp("ArgSortOp", check_argsort);

}  // namespace
}  // namespace ptonnx::check
