#include "generators/values.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace ptonnx::gen {
namespace {

struct Range {
  double lo, hi;
};

Range dtype_range(DType t) {
  return visit_dtype(t, [](auto tag) -> Range {
    constexpr DType D = decltype(tag)::value;
    if constexpr (D == DType::Bool) return {0, 1};
    else if constexpr (D == DType::Float16) return {-65504.0, 65504.0};
    else {
      using S = storage_t<D>;
      return {static_cast<double>(std::numeric_limits<S>::lowest()), static_cast<double>(std::numeric_limits<S>::max())};
    }
  });
}

bool admissible(double v, DType t, const ValueDomain& d) {
  if (std::isnan(v)) return d.allow_nan && is_float(t);
  if (std::isinf(v)) return d.allow_inf && is_float(t);
  if (d.min && v < *d.min) return false;
  if (d.max && v > *d.max) return false;
  if (d.integral_only && v != std::trunc(v)) return false;
  if (d.nonzero && v == 0) return false;
  const Range r = dtype_range(t);
  if (!is_float(t) && (v < r.lo || v > r.hi || v != std::trunc(v))) return false;
  // A float must round into the dtype's finite range unless inf is allowed.
  if (is_float(t) && (v < r.lo || v > r.hi)) return d.allow_inf;
  return true;
}

// Stands for 2^53 + 1 among the edge values of 64-bit integer dtypes.
constexpr double kTwo53 = 9007199254740992.0;

// Edge values for a dtype; inadmissible ones are filtered per domain.
std::vector<double> edge_values(DType t) {
  std::vector<double> e{0.0, 1.0, -1.0, 2.0};
  const Range r = dtype_range(t);
  if (is_float(t)) {
    const double inf = std::numeric_limits<double>::infinity();
    e.insert(e.end(), {-0.0, inf, -inf, std::nan(""), 0.5, -0.5, 1.5, 2.5, -2.5, 3.5, -1.5, 0.49999999999999994,
                       1e-30, -1e-30, 1e30, -1e30, r.hi, r.lo});
    // The largest value below 0.5 of each float format (0.49999999999999994
    // itself becomes 0.5 in float32 and float16): half-away-from-zero
    // rounding done in the input's precision turns it into 1.
    if (t == DType::Float16)
      e.insert(e.end(), {std::ldexp(1.0, -24), -std::ldexp(1.0, -20), 6.1e-5, 1024.5, 0.499755859375, -0.499755859375});
    if (t == DType::Float32)
      e.insert(e.end(), {static_cast<double>(std::numeric_limits<float>::denorm_min()), 1e-40, 8388608.5, 1.17e-38,
                         0.4999999701976776, -0.4999999701976776});
    if (t == DType::Float64)
      e.insert(e.end(), {std::numeric_limits<double>::denorm_min(), 1e-310, 4503599627370495.5, 1e300});
  } else if (t != DType::Bool) {
    e.insert(e.end(), {r.hi, r.lo, r.hi - 1, r.lo + 1, 7.0, -7.0, 127.0, 128.0, -128.0, 255.0, 256.0});
    // The first integers a float32 / float64 cannot hold (2^24 + 1, and
    // for 64-bit dtypes 2^53 + 1, written exactly by write_element): a
    // conversion through the narrower float rounds them (review section 0).
    e.insert(e.end(), {16777217.0, -16777217.0, kTwo53, -kTwo53});
  }
  return e;
}

// 64-bit integer bounds are not representable as doubles (2^63 rounds up),
// so the edge values at the bounds are written exactly here.
void write_element(Tensor& t, int64_t i, double v) {
  if (is_integer(t.dtype()) && std::fabs(v) == kTwo53) {
    // 2^53 + 1 is not a double: the edge value kTwo53 stands for it.
    if (t.dtype() == DType::Int64) t.data<int64_t>()[i] = (v > 0 ? 1 : -1) * ((int64_t{1} << 53) + 1);
    if (t.dtype() == DType::UInt64) t.data<uint64_t>()[i] = (uint64_t{1} << 53) + 1;
  } else if (t.dtype() == DType::Int64 && std::fabs(v) >= 9.2e18) {
    t.data<int64_t>()[i] = v > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
  } else if (t.dtype() == DType::UInt64 && v >= 1.8e19) {
    t.data<uint64_t>()[i] = std::numeric_limits<uint64_t>::max();
  } else {
    t.set_from_double(i, v);
  }
}

// The k-th of the indices 0..n in order of distance from z (above first on
// ties; past the nearer end, the rest of the other side in order). A
// bijection, so a uniform k gives a uniform index. (It once also made
// rapidcheck's shrinking of k move the value towards z; shrinking is now
// shrinking_to_simple's, but the draws, and so every seed's cases, stay.)
int outward(int k, int z, int n) {
  const int below = z, above = n - z;
  const int paired = 2 * std::min(below, above);
  if (k <= paired) return k % 2 ? z + (k + 1) / 2 : z - k / 2;
  const int rest = k - paired;
  return below < above ? z + below + rest : z - above - rest;
}

// Shrinking order of element values. A counterexample should read 0.5, not
// 38.5, when both fail the same way: values that are whole, halves or
// quarters come first (class 0), then other finite values (1e-30,
// 0.49999999999999994, subnormals), then the infinities, then NaN; within
// a class smaller magnitudes first, positive before negative (so +0 before
// -0). Every shrink step strictly lowers this order, so shrinking ends.
struct Simplicity {
  int cls;
  double magnitude;
  bool negative;
  auto operator<=>(const Simplicity&) const = default;
};

bool is_quarter(double v) { return std::isfinite(v) && std::floor(v * 4.0) == v * 4.0; }

// x truncated to a multiple of 1/4; from 2^52 on every double is whole (and
// x * 4 could overflow near the largest double).
double to_quarter(double x) { return std::fabs(x) >= 0x1p52 ? x : std::trunc(x * 4.0) / 4.0; }

Simplicity simplicity(double v) {
  if (std::isnan(v)) return {3, 0.0, false};
  if (std::isinf(v)) return {2, 0.0, v < 0};
  return {is_quarter(v) ? 0 : 1, std::fabs(v), std::signbit(v)};
}

// Tried first from any value, in this order: the readable values a failure
// most often also shows on.
constexpr double kSimplest[] = {0, 1, -1, 0.5, -0.5, 2, -2, 0.25, -0.25, 3, -3, 1.5, -1.5, 4, -4,
                                0.75, -0.75, 2.5, -2.5, 5, -5, 6, -6, 7, -7, 8, -8};

// The candidates a value shrinks to, simplest first: the list above, then
// the value with its fraction dropped or rounded to a quarter, then steps
// towards zero halving the distance each time (rapidcheck's
// shrink::towards, on quarters), then its absolute value. Only
// candidates the dtype and domain admit and that are strictly simpler.
std::vector<double> simpler_values(double v, DType t, const ValueDomain& d) {
  std::vector<double> c(std::begin(kSimplest), std::end(kSimplest));
  if (std::isfinite(v)) {
    c.push_back(std::trunc(v));
    if (std::fabs(v) < 0x1p52) c.push_back(std::round(v * 4.0) / 4.0);
    if (!is_quarter(v)) c.push_back(v / 2);  // e.g. a subnormal that must stay one
    for (double diff = to_quarter(v / 2); std::fabs(diff) >= 0.25; diff = to_quarter(diff / 2)) c.push_back(v - diff);
    c.push_back(std::fabs(v));
  } else if (std::isinf(v)) {
    c.push_back(std::fabs(v));
  }
  const Simplicity now = simplicity(v);
  std::vector<double> out;
  for (double x : c) {
    if (!(simplicity(x) < now) || !admissible(x, t, d)) continue;
    if (std::find_if(out.begin(), out.end(), [&](double y) { return simplicity(y) == simplicity(x); }) == out.end())
      out.push_back(x);
  }
  return out;
}

// The values `g` generates (same draws, so seeds keep their cases), with
// shrinking towards simple values instead of g's own.
rc::Gen<double> shrinking_to_simple(rc::Gen<double> g, DType t, ValueDomain d) {
  return rc::Gen<double>([=](const rc::Random& random, int size) {
    return rc::shrinkable::shrinkRecur(g(random, size).value(),
                                       [=](double v) { return rc::seq::fromContainer(simpler_values(v, t, d)); });
  });
}

}  // namespace

ValueDomain domain_of_dtype(DType to) {
  ValueDomain d;
  const Range r = dtype_range(to);
  if (!is_float(to)) {
    // Stay a little inside the target's range: the source dtype may round a
    // value near the bound up past it (float32(2147483647) == 2^31).
    d.min = r.lo * 0.999;
    d.max = r.hi * 0.999;
    d.allow_nan = false;
    d.allow_inf = false;
  } else if (to == DType::Float16) {
    // Casting a wider float beyond float16's range gives inf in NumPy and
    // ONNX alike; keep it, it is a real edge case.
  }
  return d;
}

rc::Gen<double> element(DType t, const ValueDomain& domain) {
  if (t == DType::Bool) return rc::gen::map(rc::gen::arbitrary<bool>(), [](bool b) { return b ? 1.0 : 0.0; });
  std::vector<double> edges;
  for (double v : edge_values(t))
    if (admissible(v, t, domain)) edges.push_back(v);
  // Ordinary values: small whole numbers and quarters (which include the
  // x.5 ties that rounding modes disagree on), clamped into the domain.
  const double lo = std::max(domain.min.value_or(-64.0), is_unsigned_integer(t) ? 0.0 : -64.0);
  const double hi = std::min(domain.max.value_or(64.0), 64.0);
  const bool whole = !is_float(t) || domain.integral_only;
  // The position in [lo, hi] is drawn at rapidcheck's nominal size: inRange
  // scales its range with the size, so under the suites' sizes it would
  // only ever reach the lower part of [lo, hi] (at size 50: [-64, 0], no
  // positive ordinary value at all). Shrinking is not theirs: see
  // shrinking_to_simple.
  auto position = rc::gen::resize(rc::kNominalSize, rc::gen::inRange<int>(0, 1025));
  const double span = hi - lo;
  const int zero_at = span > 0 ? static_cast<int>(std::clamp(std::round(-lo / span * 1024.0), 0.0, 1024.0)) : 0;
  auto ordinary = rc::gen::map(position, [=](int k) {
    double v = lo + span * (outward(k, zero_at, 1024) / 1024.0);
    v = whole ? std::round(v) : std::round(v * 4.0) / 4.0;
    if (domain.nonzero && v == 0) v = hi >= 1 ? 1.0 : lo;
    return std::clamp(v, lo, hi);
  });
  if (edges.empty()) return shrinking_to_simple(ordinary, t, domain);
  return shrinking_to_simple(rc::gen::weightedOneOf<double>({{5, ordinary}, {2, rc::gen::elementOf(edges)}}), t,
                             domain);
}

rc::Gen<Tensor> tensor(DType dtype, const Shape& shape, const ValueDomain& domain) {
  const int64_t n = shape_numel(shape);
  return rc::gen::map(rc::gen::container<std::vector<double>>(static_cast<size_t>(n), element(dtype, domain)),
                      [dtype, shape](const std::vector<double>& values) {
                        Tensor t(dtype, shape);
                        for (size_t i = 0; i < values.size(); ++i) write_element(t, static_cast<int64_t>(i), values[i]);
                        return t;
                      });
}

}  // namespace ptonnx::gen
