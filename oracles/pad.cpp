// Oracle kernel of Pad (tier 5; pytensor rel-3.3.0 tensor/pad.py), written
// from PyTensor's inner graphs, one axis at a time in axis order:
//
// - wrap / symmetric / reflect (_gather_pad): take(x, idx, axis) with the
//   periodic index map of _gather_indices over o = j - before:
//   wrap o mod n; symmetric f = o mod 2n, f < n ? f : 2n-1-f; reflect
//   p = max(2n-2, 1), f = o mod p, f < n ? f : p-f. x's dtype.
// - the other modes start from zeros(new_shape) in floatX with x assigned
//   into the middle (_symbolic_pad), so x is cast to floatX first, then per
//   axis the left/right pad slices (spanning every other axis, earlier
//   axes' pads included: later axes win at corners) are set to:
//   constant: constant_values broadcast to (ndim, 2), cast to floatX;
//   edge: the first / last row of the original area;
//   maximum / minimum / mean: the statistic of the first / last
//   min(stat_length, n) rows of the original area (all n without
//   stat_length). max/min of an empty chunk raise (also when the pad width
//   is 0: _get_stats always computes them); a mean of nothing is NaN.
//   mean: PyTensor's mean sums with the accumulator (float64 for float32)
//   and divides in the output dtype.
// NumPy's np.pad refuses to extend an empty axis in every mode but
// constant; PyTensor's graphs then gather out of bounds (wrap, reflect,
// symmetric) or read the zero fill (edge): such inputs raise here. Negative
// widths raise as np.pad does.
// linear_ramp: linspace(end, edge, width, endpoint=False) per side, the
// right one reversed (see below).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/float16.h"
#include "graph/attributes.h"
#include "oracles/dtype_rules.h"
#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

// np.broadcast_to(v, (ndim, 2))[d][k] as an exact int64 / a double.
int64_t table_int(const Tensor& v, int64_t d, int64_t k) {
  const Shape& s = v.shape();
  int64_t i = 0;
  if (s.size() == 1) i = s[0] == 1 ? 0 : k;
  if (s.size() == 2) i = (s[0] == 1 ? 0 : d) * s[1] + (s[1] == 1 ? 0 : k);
  return v.get_as_int64(i);
}
int64_t table_index(const Tensor& v, int64_t d, int64_t k) {
  const Shape& s = v.shape();
  if (s.size() == 1) return s[0] == 1 ? 0 : k;
  if (s.size() == 2) return (s[0] == 1 ? 0 : d) * s[1] + (s[1] == 1 ? 0 : k);
  return 0;
}

int64_t floor_mod(int64_t a, int64_t m) {
  const int64_t r = a % m;
  return r < 0 ? r + m : r;
}

// The source position of output position j along an axis of length n.
int64_t gather_index(const std::string& mode, int64_t j, int64_t before, int64_t n) {
  const int64_t o = j - before;
  if (mode == "wrap") return floor_mod(o, n);
  if (mode == "symmetric") {
    const int64_t f = floor_mod(o, 2 * n);
    return f < n ? f : 2 * n - 1 - f;
  }
  const int64_t p = std::max<int64_t>(2 * n - 2, 1);
  const int64_t f = floor_mod(o, p);
  return f < n ? f : p - f;
}

struct Lines {
  int64_t outer = 1, inner = 1;
};
Lines lines_of(const Shape& s, int64_t axis) {
  Lines l;
  for (int64_t d = 0; d < axis; ++d) l.outer *= s[static_cast<size_t>(d)];
  for (int64_t d = axis + 1; d < static_cast<int64_t>(s.size()); ++d) l.inner *= s[static_cast<size_t>(d)];
  return l;
}

// Padded along `axis`: out line position j reads source position src(j)
// of the same line (bytes, any dtype).
template <typename F>
Tensor gather_axis(const Tensor& x, int64_t axis, int64_t out_len, F src) {
  Shape os = x.shape();
  const int64_t n = os[static_cast<size_t>(axis)];
  os[static_cast<size_t>(axis)] = out_len;
  Tensor out(x.dtype(), os);
  const Lines l = lines_of(x.shape(), axis);
  const size_t es = dtype_size(x.dtype());
  for (int64_t o = 0; o < l.outer; ++o)
    for (int64_t j = 0; j < out_len; ++j)
      std::memcpy(out.raw() + static_cast<size_t>((o * out_len + j) * l.inner) * es,
                  x.raw() + static_cast<size_t>((o * n + src(j)) * l.inner) * es, static_cast<size_t>(l.inner) * es);
  return out;
}

double round_to(DType f, double d) {
  if (f == DType::Float16) return half_to_float(double_to_half(d));
  if (f == DType::Float32) return static_cast<double>(double_to_float(d));
  return d;
}

// One statistic per line over positions [lo, hi) of the original axis.
double stat(const std::string& mode, DType f, const std::vector<double>& line) {
  if (mode == "mean") {
    double s = 0;
    for (double v : line) s += v;
    // The accumulator (float64 for float32/64, float32 for float16) rounded
    // to f, then divided in f.
    if (f == DType::Float16) s = static_cast<double>(static_cast<float>(s));
    return round_to(f, round_to(f, s) / static_cast<double>(line.size()));
  }
  if (line.empty()) throw PyTensorRaises("zero-size array to reduction operation " + mode + " which has no identity");
  double r = line[0];
  for (double v : line) {
    if (std::isnan(v) || std::isnan(r)) {
      r = std::numeric_limits<double>::quiet_NaN();
      break;
    }
    r = mode == "maximum" ? std::max(r, v) : std::min(r, v);
  }
  return r;
}

std::vector<Tensor> pad_kernel(const Node& node, const std::vector<Tensor>& in) {
  const std::string& mode = attr_string(node.attrs, "mode");
  const Tensor& pw = in[1];
  Tensor x = in[0];
  const int64_t ndim = x.rank();
  for (int64_t d = 0; d < ndim; ++d)
    for (int64_t k = 0; k < 2; ++k)
      if (table_int(pw, d, k) < 0) throw PyTensorRaises("np.pad: index can't contain negative values");
  if (in.size() == 3 && mode != "constant" && mode != "linear_ramp")
    for (int64_t d = 0; d < ndim; ++d)
      for (int64_t k = 0; k < 2; ++k)
        if (table_int(in[2], d, k) < 0) throw PyTensorRaises("np.pad: stat_length can't contain negative values");
  const bool gather = mode == "wrap" || mode == "symmetric" || mode == "reflect";
  if (mode != "constant")
    for (int64_t d = 0; d < ndim; ++d)
      if (x.shape()[static_cast<size_t>(d)] == 0 && (table_int(pw, d, 0) > 0 || table_int(pw, d, 1) > 0))
        throw PyTensorRaises("can't extend empty axis " + std::to_string(d) + " using modes other than 'constant'");
  if (!gather) x = to_loop_dtype(x, out_dtype(node));
  const DType f = x.dtype();
  for (int64_t d = 0; d < ndim; ++d) {
    const int64_t before = table_int(pw, d, 0), after = table_int(pw, d, 1);
    const int64_t n = x.shape()[static_cast<size_t>(d)];
    const int64_t len = before + n + after;
    if (gather) {
      x = gather_axis(x, d, len, [&](int64_t j) { return gather_index(mode, j, before, n); });
      continue;
    }
    if (mode == "edge") {
      x = gather_axis(x, d, len, [&](int64_t j) { return std::clamp<int64_t>(j - before, 0, n - 1); });
      continue;
    }
    // Pad positions first hold a copy of the line's first element (or any
    // element: they are all overwritten below); an empty axis reads none.
    Tensor padded = n == 0 ? Tensor(f, [&] {
      Shape s = x.shape();
      s[static_cast<size_t>(d)] = len;
      return s;
    }())
                           : gather_axis(x, d, len, [&](int64_t j) { return std::clamp<int64_t>(j - before, 0, n - 1); });
    const Lines l = lines_of(x.shape(), d);
    double left = 0, right = 0;
    if (mode == "constant" && in.size() == 3) {  // absent: constant_values=0
      const Tensor cv = to_loop_dtype(in[2], f);
      left = cv.get_as_double(table_index(in[2], d, 0));
      right = cv.get_as_double(table_index(in[2], d, 1));
    }
    for (int64_t o = 0; o < l.outer; ++o)
      for (int64_t i = 0; i < l.inner; ++i) {
        auto at = [&](int64_t j) { return (o * n + j) * l.inner + i; };
        auto out_at = [&](int64_t j) { return (o * len + j) * l.inner + i; };
        if (mode == "linear_ramp") {
          // linspace(end, edge, w, endpoint=False): (i * delta) / w + end in
          // float64 (int64 arange times a float), delta = edge - end in
          // upcast(floatX, end's dtype); the right ramp reversed.
          const DType ed = in.size() == 3 ? in[2].dtype() : DType::Int8;
          const DType dt = dtypes::numpy_promote(f, ed);
          auto end_of = [&](int64_t k) { return in.size() == 3 ? in[2].get_as_double(table_index(in[2], d, k)) : 0.0; };
          auto side = [&](int64_t k, double edge, int64_t w, auto&& put) {
            const double e = end_of(k);
            const double delta = round_to(dt, round_to(dt, edge) - round_to(dt, e));
            for (int64_t i = 0; i < w; ++i) put(i, round_to(f, static_cast<double>(i) * delta / static_cast<double>(w) + e));
          };
          if (n > 0) {
            side(0, x.get_as_double(at(0)), before, [&](int64_t i, double v) { padded.set_from_double(out_at(i), v); });
            side(1, x.get_as_double(at(n - 1)), after,
                 [&](int64_t i, double v) { padded.set_from_double(out_at(len - 1 - i), v); });
          }
          continue;
        }
        if (mode != "constant") {
          int64_t ll = n, rl = n;
          if (in.size() == 3) {
            ll = std::min(table_int(in[2], d, 0), n);
            rl = std::min(table_int(in[2], d, 1), n);
          }
          std::vector<double> lv, rv;
          for (int64_t j = 0; j < ll; ++j) lv.push_back(x.get_as_double(at(j)));
          for (int64_t j = n - rl; j < n; ++j) rv.push_back(x.get_as_double(at(j)));
          left = stat(mode, f, lv);
          right = stat(mode, f, rv);
        }
        for (int64_t j = 0; j < before; ++j) padded.set_from_double(out_at(j), left);
        for (int64_t j = before + n; j < len; ++j) padded.set_from_double(out_at(j), right);
      }
    x = std::move(padded);
  }
  return {x};
}

const KernelRegistrar kPad("Pad", pad_kernel);

}  // namespace
}  // namespace ptonnx::oracle
