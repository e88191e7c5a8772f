#include "oracles/python_number.h"

#include <cmath>
#include <limits>

#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {

std::string PyNumber::to_string() const {
  if (is_float) return std::to_string(f);
  __int128 v = i;
  const bool neg = v < 0;
  unsigned __int128 u = neg ? static_cast<unsigned __int128>(0) - static_cast<unsigned __int128>(v)
                            : static_cast<unsigned __int128>(v);
  std::string s;
  do {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  } while (u);
  return neg ? "-" + s : s;
}

PyNumber py_element(const Tensor& t, int64_t k) {
  return visit_dtype(t.dtype(), [&](auto tag) -> PyNumber {
    constexpr DType T = decltype(tag)::value;
    const auto v = Lane<T>::load(t.data<storage_t<T>>()[k]);
    if constexpr (std::is_floating_point_v<decltype(v)>) return PyNumber::of_float(static_cast<double>(v));
    else return PyNumber::of_int(static_cast<__int128>(v));
  });
}

PyNumber py_sum(const std::vector<PyNumber>& args) {
  PyNumber acc = PyNumber::of_int(0);
  size_t k = 0;
  for (; k < args.size() && !acc.is_float; ++k)
    acc = args[k].is_float ? PyNumber::of_float(acc.as_double() + args[k].f) : PyNumber::of_int(acc.i + args[k].i);
  // Float phase: Neumaier's improved Kahan-Babuska summation; the
  // compensation is added at the end only when it is non-zero and finite.
  double f = acc.as_double(), c = 0.0;
  for (; k < args.size(); ++k) {
    const double x = args[k].as_double();
    const double t = f + x;
    c += std::fabs(f) >= std::fabs(x) ? (f - t) + x : (x - t) + f;
    f = t;
  }
  if (!acc.is_float) return acc;
  return PyNumber::of_float(c != 0.0 && std::isfinite(c) ? f + c : f);
}

PyNumber py_prod(const std::vector<PyNumber>& args) {
  bool any_float = false;
  for (const auto& a : args) any_float = any_float || a.is_float;
  if (any_float) {
    double p = 1.0;
    for (const auto& a : args) p *= a.as_double();
    return PyNumber::of_float(p);
  }
  // NumPy discovers each Python int on its own: int64 when it fits, else
  // uint64 (an element of a uint64 array at or above 2^63); then the
  // array's dtype is their promotion, and int64 with uint64 is float64
  // (numpy issues #14883, #16287: np.array([0, 2**63]) is float64).
  const __int128 int64_max = std::numeric_limits<int64_t>::max();
  size_t uint_only = 0;
  for (const auto& a : args) uint_only += a.i > int64_max;
  if (uint_only > 0 && uint_only < args.size()) {
    double p = 1.0;
    for (const auto& a : args) p *= a.as_double();
    return PyNumber::of_float(p);
  }
  // An int64 (or uint64) array: the product wraps modulo 2^64 (computed
  // unsigned, no UB), and is that dtype's scalar.
  uint64_t p = 1;
  for (const auto& a : args) p *= static_cast<uint64_t>(a.i);
  PyNumber r = uint_only ? PyNumber::of_int(static_cast<__int128>(p)) : PyNumber::of_int(static_cast<int64_t>(p));
  r.numpy_scalar = true;
  return r;
}

namespace {

template <typename S>
S checked_int(__int128 v, DType t) {
  if (v < static_cast<__int128>(std::numeric_limits<S>::min()) || v > static_cast<__int128>(std::numeric_limits<S>::max()))
    throw PyTensorRaises("OverflowError: Python integer " + PyNumber::of_int(v).to_string() + " out of bounds for " +
                         std::string(dtype_name(t)));
  return static_cast<S>(v);
}

// PyNumber_Long(float): truncation toward zero; NaN and inf raise.
__int128 py_float_to_int(double d) {
  if (std::isnan(d)) throw PyTensorRaises("ValueError: cannot convert float NaN to integer");
  if (std::isinf(d)) throw PyTensorRaises("OverflowError: cannot convert float infinity to integer");
  const double t = std::trunc(d);
  if (std::fabs(t) >= std::ldexp(1.0, 100))  // far outside every dtype: report without converting
    throw PyTensorRaises("OverflowError: Python integer " + std::to_string(t) + " out of bounds");
  return static_cast<__int128>(t);
}

}  // namespace

void store_py_number(Tensor& out, int64_t k, const PyNumber& v) {
  visit_dtype(out.dtype(), [&](auto tag) {
    constexpr DType T = decltype(tag)::value;
    using S = storage_t<T>;
    S s;
    if constexpr (T == DType::Bool) s = v.is_float ? (v.f != 0.0 || std::isnan(v.f)) : (v.i != 0);
    else if constexpr (is_float_dtype(T)) s = store_double<T>(v.as_double());
    else if (v.numpy_scalar && !v.is_float) s = static_cast<S>(static_cast<uint64_t>(v.i));
    else s = checked_int<S>(v.is_float ? py_float_to_int(v.f) : v.i, T);
    out.data<S>()[k] = s;
  });
}

}  // namespace ptonnx::oracle
