// Elementwise unary math: one generic loop per dtype group, each op a
// lambda. Float ops run float16 in float (the spec computes float16 ops at
// higher precision and rounds once).
#include <cmath>
#include <limits>

#include "runtime/kernels/common.h"
#include "runtime/kernels/unary_simd.h"

namespace ptonnx::runtime::kernels {

namespace {

// A vectorised version of an op for some dtypes, within the comparison
// policy's 4 ulp of the scalar loop (docs/performance.md); false when it
// does not handle the dtype or the CPU.
using FastUnary = bool (*)(const Tensor& x, Tensor& y);

// Wraps an op factory make(ctx) -> op(x) into a kernel over the dtypes
// `visit` dispatches to (float only, or every numeric dtype).
template <typename Visit, typename Make>
KernelFn unary_over(Visit visit, Make make, FastUnary fast = nullptr) {
  return [visit, make, fast](KernelContext& ctx) -> std::vector<Tensor> {
    const Tensor& x = ctx.input(0);
    Tensor y = ctx.alloc_uninitialized(x.dtype(), x.shape());  // every element written below
    if (fast && fast(x, y)) return one_output(std::move(y));
    auto op = make(ctx);
    visit(x.dtype(), [&](auto tag) {
      constexpr DType D = decltype(tag)::value;
      using C = compute_t<D>;
      auto in = x.data<storage_t<D>>();
      auto out = y.data<storage_t<D>>();
      for (size_t i = 0; i < in.size(); ++i) out[i] = store<D>(static_cast<C>(op(load<D>(in[i]))));
    });
    return one_output(std::move(y));
  };
}

template <typename Make>
KernelFn float_unary(Make make, FastUnary fast = nullptr) {
  return unary_over([](DType t, auto&& f) { visit_float(t, f); }, make, fast);
}

// Same over every numeric dtype (signed and unsigned integers included).
template <typename Make>
KernelFn numeric_unary(Make make) {
  return unary_over([](DType t, auto&& f) { visit_numeric(t, f); }, make);
}

// An op without attributes.
template <typename F>
auto plain(F f) {
  return [f](KernelContext&) { return f; };
}

template <typename T> T sigmoid(T x) {
  // Two forms so that exp never overflows.
  if (x >= 0) return T(1) / (T(1) + std::exp(-x));
  const T e = std::exp(x);
  return e / (T(1) + e);
}

// float32 Exp, Sigmoid and Tanh through unary_simd.h (AVX2 + FMA, within
// 2 ulp; false without AVX2, and the scalar loop runs).
template <bool (*F)(const float*, float*, int64_t)>
bool f32_simd(const Tensor& x, Tensor& y) {
  return x.dtype() == DType::Float32 && F(x.data<float>().data(), y.data<float>().data(), x.numel());
}

template <typename T> T softplus(T x) {
  return x > T(0) ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

template <typename T> T neg_wrap(T x) {
  // Negating the most negative integer wraps (as NumPy does) instead of UB.
  if constexpr (std::is_integral_v<T> && std::is_signed_v<T>)
    return static_cast<T>(T(0) - static_cast<std::make_unsigned_t<T>>(x));
  else
    return static_cast<T>(-x);
}

// Sign-9/13: "If input > 0, output 1. if input < 0, output -1. if input
// == 0, output 0." NaN meets none of the three, and for -0.0 (== 0) the
// sign of the 0 is not given. The normal mode keeps NaN and gives +0 for
// either zero, as np.sign; the spec-adversarial mode gives 0 for NaN (a
// kernel written as the three comparisons) and returns a zero input
// unchanged, so -0.0 -> -0.0.
const KernelFn sign_numpy = numeric_unary(plain([](auto x) {
  using T = decltype(x);
  if (x != x) return x;  // NaN stays NaN
  return x > T(0) ? T(1) : (x < T(0) ? static_cast<T>(-1) : T(0));
}));
const KernelFn sign_adversarial = numeric_unary(plain([](auto x) {
  using T = decltype(x);
  return x > T(0) ? T(1) : (x < T(0) ? static_cast<T>(-1) : (x == T(0) ? x : T(0)));
}));
const KernelFn sign_kernel = [](KernelContext& ctx) { return ctx.adversarial() ? sign_adversarial(ctx) : sign_numpy(ctx); };

const KernelRegistrar regs[] = {
    // Exp stays on std::exp (correctly rounded in practice): the vector
    // kernel's 1 ulp is amplified by every Exp that follows (a relative
    // error d in y is |y| d in exp(y)): tier4_graphs' Exp(Exp(x)) came out
    // 55 ulp from the oracle's per-op-rounded chain.
    {"Exp", 6, float_unary(plain([](auto x) { return std::exp(x); }))},
    {"Log", 6, float_unary(plain([](auto x) { return std::log(x); }))},
    {"Sqrt", 6, float_unary(plain([](auto x) { return std::sqrt(x); }))},
    {"Floor", 6, float_unary(plain([](auto x) { return std::floor(x); }))},
    {"Ceil", 6, float_unary(plain([](auto x) { return std::ceil(x); }))},
    // nearbyint in the default rounding mode rounds half to even.
    {"Round", 11, float_unary(plain([](auto x) { return std::nearbyint(x); }))},
    {"Reciprocal", 6, float_unary(plain([](auto x) { return decltype(x)(1) / x; }))},
    {"Sin", 7, float_unary(plain([](auto x) { return std::sin(x); }))},
    {"Cos", 7, float_unary(plain([](auto x) { return std::cos(x); }))},
    {"Tan", 7, float_unary(plain([](auto x) { return std::tan(x); }))},
    {"Asin", 7, float_unary(plain([](auto x) { return std::asin(x); }))},
    {"Acos", 7, float_unary(plain([](auto x) { return std::acos(x); }))},
    {"Atan", 7, float_unary(plain([](auto x) { return std::atan(x); }))},
    {"Sinh", 9, float_unary(plain([](auto x) { return std::sinh(x); }))},
    {"Cosh", 9, float_unary(plain([](auto x) { return std::cosh(x); }))},
    {"Tanh", 6, float_unary(plain([](auto x) { return std::tanh(x); }), f32_simd<tanh_f32_simd>)},
    {"Asinh", 9, float_unary(plain([](auto x) { return std::asinh(x); }))},
    {"Acosh", 9, float_unary(plain([](auto x) { return std::acosh(x); }))},
    {"Atanh", 9, float_unary(plain([](auto x) { return std::atanh(x); }))},
    {"Sigmoid", 6, float_unary(plain([](auto x) { return sigmoid(x); }), f32_simd<sigmoid_f32_simd>)},
    {"Softplus", 1, float_unary(plain([](auto x) { return softplus(x); }))},
    {"Softsign", 1, float_unary(plain([](auto x) { return x / (decltype(x)(1) + std::abs(x)); }))},
    {"Erf", 9, float_unary(plain([](auto x) { return std::erf(x); }))},
    {"HardSwish", 14, float_unary(plain([](auto x) {
       using T = decltype(x);
       return x * std::max(T(0), std::min(T(1), x / T(6) + T(0.5)));
     }))},
    {"Neg", 6, numeric_unary(plain([](auto x) { return neg_wrap(x); }))},
    {"Abs", 6, numeric_unary(plain([](auto x) {
       using T = decltype(x);
       if constexpr (std::is_unsigned_v<T>) return x;
       else if constexpr (std::is_floating_point_v<T>) return std::fabs(x);  // |-0.0| = +0.0, as IEEE abs
       else return x < 0 ? neg_wrap(x) : x;
     }))},
    {"Sign", 9, sign_kernel},
    {"Relu", 6, numeric_unary(plain([](auto x) { return x > decltype(x)(0) ? x : decltype(x)(0); }))},
    {"LeakyRelu", 6, float_unary([](KernelContext& c) {
       const float alpha = c.attrs().get_float("alpha", 0.01f);
       return [alpha](auto x) { return x >= 0 ? x : decltype(x)(alpha) * x; };
     })},
    {"Elu", 6, float_unary([](KernelContext& c) {
       const float alpha = c.attrs().get_float("alpha", 1.0f);
       return [alpha](auto x) { return x >= 0 ? x : decltype(x)(alpha) * (std::exp(x) - 1); };
     })},
    {"Celu", 12, float_unary([](KernelContext& c) {
       const float alpha = c.attrs().get_float("alpha", 1.0f);
       return [alpha](auto x) {
         using T = decltype(x);
         return std::max(T(0), x) + std::min(T(0), T(alpha) * (std::exp(x / T(alpha)) - 1));
       };
     })},
    {"Selu", 6, float_unary([](KernelContext& c) {
       const float alpha = c.attrs().get_float("alpha", 1.67326319217681884765625f);
       const float gamma = c.attrs().get_float("gamma", 1.05070102214813232421875f);
       return [alpha, gamma](auto x) {
         using T = decltype(x);
         return x > 0 ? T(gamma) * x : T(gamma) * (T(alpha) * std::exp(x) - T(alpha));
       };
     })},
    {"HardSigmoid", 6, float_unary([](KernelContext& c) {
       const float alpha = c.attrs().get_float("alpha", 0.2f);
       const float beta = c.attrs().get_float("beta", 0.5f);
       return [alpha, beta](auto x) {
         using T = decltype(x);
         return std::max(T(0), std::min(T(1), T(alpha) * x + T(beta)));
       };
     })},
    {"ThresholdedRelu", 10, float_unary([](KernelContext& c) {
       const float alpha = c.attrs().get_float("alpha", 1.0f);
       return [alpha](auto x) { return x > decltype(x)(alpha) ? x : decltype(x)(0); };
     })},
    {"Shrink", 9, numeric_unary([](KernelContext& c) {
       const float lambd = c.attrs().get_float("lambd", 0.5f);
       const float bias = c.attrs().get_float("bias", 0.0f);
       return [lambd, bias](auto x) {
         const double v = static_cast<double>(x);
         const double r = v < -lambd ? v + bias : (v > lambd ? v - bias : 0.0);
         return static_cast<decltype(x)>(r);
       };
     })},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
