// Elementwise binary arithmetic with multidirectional broadcasting: Add,
// Sub, Mul, Div, Pow, Mod, BitShift, PRelu. Integer arithmetic wraps (done
// in the unsigned type, so overflow is defined) as NumPy's does.
#include <Eigen/Core>
#include <cmath>
#include <limits>
#include <type_traits>

#include "runtime/broadcast.h"
#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

// The four IEEE operations, which have a vectorised fast path below.
enum class Arith { Other, Add, Sub, Mul, Div };

// float32/float64 operands of the output's element count or of one
// element: Eigen's vectorised arrays. Each element is the same single IEEE
// operation as in the scalar loop (SSE addps and addss round alike), so
// results, NaNs and signed zeros are unchanged. Operands that broadcast to
// the output with its element count have its flat layout (broadcasting only
// adds size-1 dims). False when the shapes need the strided path.
template <typename T>
bool arith_fast_path(Arith kind, const Tensor& a, const Tensor& b, Tensor& y) {
  const int64_t n = y.numel(), na = a.numel(), nb = b.numel();
  if (kind == Arith::Other || n == 0 || !((na == n || na == 1) && (nb == n || nb == 1))) return false;
  using Array = Eigen::Array<T, Eigen::Dynamic, 1>;
  const T* pa = a.data<T>().data();
  const T* pb = b.data<T>().data();
  Eigen::Map<Array> out(y.data<T>().data(), n);
  const auto apply = [&](const auto& x, const auto& z) {
    switch (kind) {
      case Arith::Add: out = x + z; break;
      case Arith::Sub: out = x - z; break;
      case Arith::Mul: out = x * z; break;
      case Arith::Div: out = x / z; break;
      case Arith::Other: break;
    }
  };
  if (na == n && nb == n)
    apply(Eigen::Map<const Array>(pa, n), Eigen::Map<const Array>(pb, n));
  else if (nb == 1)
    apply(Eigen::Map<const Array>(pa, n), Array::Constant(n, pb[0]));
  else
    apply(Array::Constant(n, pa[0]), Eigen::Map<const Array>(pb, n));
  return true;
}

// Runs op(a, b) over the broadcast of inputs 0 and 1, same dtype in and out.
// `kind` names op when it is one of the IEEE four, for the float fast path.
template <typename Visit, typename Make>
KernelFn same_type_binary(Visit visit, Make make, Arith kind = Arith::Other) {
  return [visit, make, kind](KernelContext& ctx) -> std::vector<Tensor> {
    const Tensor& a = ctx.input(0);
    const Tensor& b = ctx.input(1);
    if (a.dtype() != b.dtype())
      throw TypeError("inputs have different dtypes " + std::string(dtype_name(a.dtype())) + " and " +
                      std::string(dtype_name(b.dtype())));
    // Every path below writes every output element.
    Tensor y = ctx.alloc_uninitialized(a.dtype(), broadcast_shapes(a.shape(), b.shape()));
    if (a.dtype() == DType::Float32 && arith_fast_path<float>(kind, a, b, y)) return one_output(std::move(y));
    if (a.dtype() == DType::Float64 && arith_fast_path<double>(kind, a, b, y)) return one_output(std::move(y));
    auto op = make(ctx);
    visit(a.dtype(), [&](auto tag) {
      constexpr DType D = decltype(tag)::value;
      using S = storage_t<D>;
      using C = compute_t<D>;
      broadcast_binary(a.data<S>().data(), a.shape(), b.data<S>().data(), b.shape(), y.data<S>().data(), y.shape(),
                       [&](S x, S z) { return store<D>(static_cast<C>(op(load<D>(x), load<D>(z)))); });
    });
    return one_output(std::move(y));
  };
}

struct VisitNumeric {
  template <typename F>
  void operator()(DType t, F&& f) const {
    visit_numeric(t, std::forward<F>(f));
  }
};
struct VisitUnsigned {
  template <typename F>
  void operator()(DType t, F&& f) const {
    if (!is_unsigned_integer(t))
      throw TypeError("dtype " + std::string(dtype_name(t)) + " is not accepted; the op takes unsigned integers");
    visit_integer(t, std::forward<F>(f));
  }
};

template <typename T>
using wide_unsigned_t = std::make_unsigned_t<T>;

template <typename T>
T wrap_add(T a, T b) {
  if constexpr (std::is_integral_v<T>)
    return static_cast<T>(static_cast<wide_unsigned_t<T>>(a) + static_cast<wide_unsigned_t<T>>(b));
  else
    return a + b;
}
template <typename T>
T wrap_sub(T a, T b) {
  if constexpr (std::is_integral_v<T>)
    return static_cast<T>(static_cast<wide_unsigned_t<T>>(a) - static_cast<wide_unsigned_t<T>>(b));
  else
    return a - b;
}
template <typename T>
T wrap_mul(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    // Promote to at least unsigned int so that uint16*uint16 cannot overflow a signed int.
    using U = std::common_type_t<wide_unsigned_t<T>, unsigned>;
    return static_cast<T>(static_cast<U>(static_cast<wide_unsigned_t<T>>(a)) *
                          static_cast<U>(static_cast<wide_unsigned_t<T>>(b)));
  } else {
    return a * b;
  }
}

template <typename T>
T int_div(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    if (b == 0) throw ValidationError("integer division by zero");
    // C++ truncates toward zero, which is what ONNX integer Div does.
    if constexpr (std::is_signed_v<T>)
      if (b == -1) return static_cast<T>(T(0) - static_cast<wide_unsigned_t<T>>(a));
    return static_cast<T>(a / b);
  } else {
    return a / b;
  }
}

// Integer division by zero is open in the spec: Div says nothing, Mod says
// "In case of dividend being zero, the results will be platform dependent"
// (the divisor is meant). The normal mode raises; the adversarial mode gives
// what RISC-V's DIV/REM give, a quotient of all ones (-1) and the dividend
// as remainder, which differ from NumPy's 0 and 0.
//
// Signed INT_MIN / -1 overflows: Div says nothing about it, C leaves it
// undefined (x86's IDIV traps), and a saturating divider gives INT_MAX
// where NumPy and the normal mode wrap to INT_MIN. (The remainder of
// INT_MIN by -1 is 0 whatever the divider does, so Mod is left alone.)
template <typename T>
T adversarial_div(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    if (b == 0) return static_cast<T>(~T(0));
    if constexpr (std::is_signed_v<T>)
      if (a == std::numeric_limits<T>::min() && b == -1) return std::numeric_limits<T>::max();
  }
  return int_div(a, b);
}
template <typename T, typename Mod>
T adversarial_mod(T a, T b, Mod mod) {
  if constexpr (std::is_integral_v<T>)
    if (b == 0) return a;
  return mod(a, b);
}

template <typename T>
T mod_floor(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    if (b == 0) throw ValidationError("integer modulo by zero");
    if constexpr (std::is_signed_v<T>) {
      if (b == -1) return 0;
      T r = static_cast<T>(a % b);
      // The result takes the sign of the divisor (Python/NumPy %).
      if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<T>(r + b);
      return r;
    } else {
      return static_cast<T>(a % b);
    }
  } else {
    T r = std::fmod(a, b);
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
  }
}

template <typename T>
T mod_c(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    if (b == 0) throw ValidationError("integer modulo by zero");
    if constexpr (std::is_signed_v<T>)
      if (b == -1) return 0;
    return static_cast<T>(a % b);  // the sign of the dividend, like C fmod
  } else {
    return std::fmod(a, b);
  }
}

template <typename T>
T prelu(T x, T slope) {
  return x < T(0) ? static_cast<T>(slope * x) : x;
}

std::vector<Tensor> mod_kernel(KernelContext& ctx) {
  const bool fmod = ctx.attrs().get_int("fmod", 0) != 0;
  if (!fmod && is_float(ctx.input(0).dtype()))
    throw ValidationError("Mod with fmod=0 is not defined for floating-point inputs (set fmod=1)");
  static const KernelFn floor_kernel =
      same_type_binary(VisitNumeric{}, [](KernelContext&) { return [](auto a, auto b) { return mod_floor(a, b); }; });
  static const KernelFn c_kernel =
      same_type_binary(VisitNumeric{}, [](KernelContext&) { return [](auto a, auto b) { return mod_c(a, b); }; });
  static const KernelFn floor_adv = same_type_binary(VisitNumeric{}, [](KernelContext&) {
    return [](auto a, auto b) { return adversarial_mod(a, b, [](auto x, auto y) { return mod_floor(x, y); }); };
  });
  static const KernelFn c_adv = same_type_binary(VisitNumeric{}, [](KernelContext&) {
    return [](auto a, auto b) { return adversarial_mod(a, b, [](auto x, auto y) { return mod_c(x, y); }); };
  });
  if (ctx.adversarial()) return fmod ? c_adv(ctx) : floor_adv(ctx);
  return fmod ? c_kernel(ctx) : floor_kernel(ctx);
}

// Integer ** integer, exact: exponentiation by squaring in unsigned
// arithmetic, so the result wraps as NumPy's (and ONNX's reference
// implementation, np.power) does. A negative exponent gives the truncated
// real result: 1 for base 1, +-1 for base -1, 0 otherwise.
template <typename SA, typename SB>
SA int_pow(SA base, SB exponent) {
  if constexpr (std::is_signed_v<SB>) {
    if (exponent < 0) {
      if (base == SA(1)) return SA(1);
      if constexpr (std::is_signed_v<SA>)
        if (base == SA(-1)) return (exponent % 2 == 0) ? SA(1) : SA(-1);
      return SA(0);
    }
  }
  // At least unsigned int: uint16 * uint16 promotes to (signed) int and
  // overflows it (found by the fuzzer: 59201 * 59201).
  using U = std::common_type_t<std::make_unsigned_t<SA>, unsigned>;
  U result = 1, b = static_cast<std::make_unsigned_t<SA>>(base);
  for (auto e = static_cast<uint64_t>(exponent); e; e >>= 1) {
    if (e & 1) result = static_cast<U>(result * b);
    b = static_cast<U>(b * b);
  }
  return static_cast<SA>(result);
}

// Pow of one element: the exponent may have another numeric type than the
// base; the result has the base's type. Integer ** integer is exact
// (int_pow); with a float on either side it is computed in double (as
// NumPy's mixed-type power is) and converted back, truncating for integer
// bases.
template <DType DA, DType DB>
storage_t<DA> pow_element(storage_t<DA> x, storage_t<DB> e) {
  using SA = storage_t<DA>;
  constexpr bool a_float = DA == DType::Float16 || DA == DType::Float32 || DA == DType::Float64;
  constexpr bool b_float = DB == DType::Float16 || DB == DType::Float32 || DB == DType::Float64;
  if constexpr (!a_float && !b_float) {
    return int_pow<SA, storage_t<DB>>(x, e);
  } else if constexpr (DA == DType::Float32 && (DB == DType::Float32 || DB == DType::Float16)) {
    return std::pow(x, static_cast<float>(load<DB>(e)));
  } else if constexpr (a_float) {
    const double r = std::pow(static_cast<double>(load<DA>(x)), static_cast<double>(load<DB>(e)));
    return store<DA>(static_cast<compute_t<DA>>(r));
  } else {
    const double r = std::pow(static_cast<double>(load<DA>(x)), static_cast<double>(load<DB>(e)));
    return std::isfinite(r) && std::abs(r) < 9.2e18 ? static_cast<SA>(static_cast<int64_t>(r)) : SA(0);
  }
}

std::vector<Tensor> pow_kernel(KernelContext& ctx) {
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  Tensor y = ctx.alloc_uninitialized(a.dtype(), broadcast_shapes(a.shape(), b.shape()));
  visit_numeric(a.dtype(), [&](auto ta) {
    using TagA = decltype(ta);
    visit_numeric(b.dtype(), [&](auto tb) {
      using TagB = decltype(tb);
      using SA = storage_t<TagA::value>;
      using SB = storage_t<TagB::value>;
      broadcast_binary(a.data<SA>().data(), a.shape(), b.data<SB>().data(), b.shape(), y.data<SA>().data(), y.shape(),
                       [](SA x, SB e) { return pow_element<TagA::value, TagB::value>(x, e); });
    });
  });
  return one_output(std::move(y));
}

std::vector<Tensor> bitshift_kernel(KernelContext& ctx) {
  const std::string dir = ctx.attrs().get_string("direction", "");
  if (dir != "LEFT" && dir != "RIGHT")
    throw ValidationError("BitShift direction must be LEFT or RIGHT, got '" + dir + "'");
  const bool left = dir == "LEFT";
  static const KernelFn shift_left = same_type_binary(VisitUnsigned{}, [](KernelContext&) {
    return [](auto a, auto b) -> decltype(a) {
      // Shifting by the width or more is UB in C++; the bits are all gone.
      return static_cast<uint64_t>(b) >= sizeof(a) * 8 ? 0 : static_cast<decltype(a)>(static_cast<uint64_t>(a) << b);
    };
  });
  static const KernelFn shift_right = same_type_binary(VisitUnsigned{}, [](KernelContext&) {
    return [](auto a, auto b) -> decltype(a) {
      return static_cast<uint64_t>(b) >= sizeof(a) * 8 ? 0 : static_cast<decltype(a)>(a >> b);
    };
  });
  return left ? shift_left(ctx) : shift_right(ctx);
}

template <typename F>
auto plain(F f) {
  return [f](KernelContext&) { return f; };
}

// Opset < 7 binary ops broadcast only with broadcast=1: B's shape matches a
// contiguous run of A's dims starting at `axis` (default: A's trailing
// dims). Reshaping B to A's rank with 1s around that run turns it into the
// NumPy broadcast of the newer versions.
KernelFn legacy_broadcast(KernelFn inner) {
  return [inner](KernelContext& ctx) -> std::vector<Tensor> {
    const Tensor& a = ctx.input(0);
    const Tensor& b = ctx.input(1);
    if (ctx.attrs().get_int("broadcast", 0) == 0) {
      if (a.shape() != b.shape())
        throw TypeError("shapes differ and broadcast=0: " + a.describe() + ", " + b.describe());
      return inner(ctx);
    }
    const int64_t axis = ctx.attrs().get_int("axis", a.rank() - b.rank());
    if (axis < 0 || axis + b.rank() > a.rank()) throw ValidationError("legacy broadcast axis out of range");
    Shape s(static_cast<size_t>(axis), 1);
    s.insert(s.end(), b.shape().begin(), b.shape().end());
    s.resize(static_cast<size_t>(a.rank()), 1);
    const Tensor b2 = b.reshaped(s);
    KernelContext sub = ctx.with_inputs({&a, &b2});
    return inner(sub);
  };
}

const KernelFn prelu_fn = same_type_binary(VisitNumeric{}, plain([](auto a, auto b) { return prelu(a, b); }));

std::vector<Tensor> prelu_6(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Tensor& slope = ctx.input(1);
  if (slope.rank() != 1 || x.rank() < 2 || slope.numel() == 1 || slope.numel() != x.shape()[1]) return prelu_fn(ctx);
  Shape s(static_cast<size_t>(x.rank() - 1), 1);
  s[0] = slope.numel();
  const Tensor per_channel = slope.reshaped(s);
  KernelContext sub = ctx.with_inputs({&x, &per_channel});
  return prelu_fn(sub);
}

const KernelFn add_fn =
    same_type_binary(VisitNumeric{}, plain([](auto a, auto b) { return wrap_add(a, b); }), Arith::Add);
const KernelFn sub_fn =
    same_type_binary(VisitNumeric{}, plain([](auto a, auto b) { return wrap_sub(a, b); }), Arith::Sub);
const KernelFn mul_fn =
    same_type_binary(VisitNumeric{}, plain([](auto a, auto b) { return wrap_mul(a, b); }), Arith::Mul);
const KernelFn div_numpy =
    same_type_binary(VisitNumeric{}, plain([](auto a, auto b) { return int_div(a, b); }), Arith::Div);
// The adversarial variants differ from NumPy's only for integers, so float
// Div keeps the fast path.
const KernelFn div_adv =
    same_type_binary(VisitNumeric{}, plain([](auto a, auto b) { return adversarial_div(a, b); }), Arith::Div);
const KernelFn div_fn = [](KernelContext& ctx) { return ctx.adversarial() ? div_adv(ctx) : div_numpy(ctx); };

const KernelRegistrar regs[] = {
    // Opset 7 replaced the broadcast/axis attributes with NumPy broadcasting.
    {"", "Add", 6, 6, legacy_broadcast(add_fn)},
    {"Add", 7, add_fn},
    {"", "Sub", 6, 6, legacy_broadcast(sub_fn)},
    {"Sub", 7, sub_fn},
    {"", "Mul", 6, 6, legacy_broadcast(mul_fn)},
    {"Mul", 7, mul_fn},
    {"", "Div", 6, 6, legacy_broadcast(div_fn)},
    {"Div", 7, div_fn},
    // PRelu-7 broadcasts the slope NumPy-style; PRelu-6 applies a 1-D slope
    // of size C per channel (axis 1).
    {"", "PRelu", 6, 6, prelu_6},
    {"PRelu", 7, prelu_fn},
    {"Mod", 10, mod_kernel},
    // Pow-1 broadcasts the legacy way, like Add-6 (there is no Pow-6).
    {"", "Pow", 1, 6, legacy_broadcast(pow_kernel)},
    {"Pow", 7, pow_kernel},
    {"BitShift", 11, bitshift_kernel},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
