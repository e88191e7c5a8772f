// AVX2 + FMA float32 Exp, Sigmoid and Tanh (unary_simd.h). Compiled with
// function-level target attributes and chosen at run time, so the library
// runs on any x86-64; intrinsics only, no inline library code compiled for
// two instruction sets under one name.
//
// exp: x = n ln2 + r with n = round(x log2 e) and |r| <= ln2 / 2 (ln2 split
// in two for an exact reduction), exp(r) by Cephes' expf polynomial
// (1 + r + r^2 P(r)), times 2^n built in the exponent bits. Vector range
// [-87, 88]: exp stays normal and finite there (2^n with n in [-126, 127]).
// tanh: Cephes' tanhf: an odd polynomial below 0.625, 1 - 2 / (exp(2|x|) + 1)
// above; vector range 2^-12 <= |x| <= 9 (below, tanh(x) rounds to x; above,
// to +-1 within an ulp: std::tanh gives exactly what the scalar kernel does).
#include "runtime/kernels/unary_simd.h"

#include <cmath>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define PTONNX_UNARY_AVX2 1
#endif

namespace ptonnx::runtime::kernels {

namespace {

// The scalar kernels' own formulas (unary.cpp), for the elements outside
// the vector range.
float exp_scalar(float x) { return std::exp(x); }
float sigmoid_scalar(float x) {
  if (x >= 0) return 1.0f / (1.0f + std::exp(-x));
  const float e = std::exp(x);
  return e / (1.0f + e);
}
float tanh_scalar(float x) { return std::tanh(x); }

#ifdef PTONNX_UNARY_AVX2

bool cpu_ok() {
  static const bool ok = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return ok;
}

#define PTONNX_TARGET __attribute__((target("avx2,fma")))

PTONNX_TARGET inline __m256 exp_core(__m256 x) {
  const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                                   _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
  __m256 p = _mm256_set1_ps(1.9875691500e-4f);
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
  p = _mm256_fmadd_ps(p, _mm256_mul_ps(r, r), r);
  p = _mm256_add_ps(p, _mm256_set1_ps(1.0f));
  const __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
  return _mm256_mul_ps(p, _mm256_castsi256_ps(e));
}

PTONNX_TARGET inline __m256 abs_ps(__m256 v) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), v); }

// Runs F::vec over blocks of 8 (lanes F::range leaves out are zeroed
// first) and F::scalar over those lanes and the tail.
template <typename F>
PTONNX_TARGET void apply(const float* x, float* y, int64_t n) {
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 v = _mm256_loadu_ps(x + i);
    const __m256 ok = F::range(v);
    _mm256_storeu_ps(y + i, F::vec(_mm256_and_ps(v, ok)));
    const int bad = _mm256_movemask_ps(ok) ^ 0xff;
    if (bad)
      for (int l = 0; l < 8; ++l)
        if (bad & (1 << l)) y[i + l] = F::scalar(x[i + l]);
  }
  for (; i < n; ++i) y[i] = F::scalar(x[i]);
}

struct Exp {
  PTONNX_TARGET static __m256 range(__m256 v) {
    return _mm256_and_ps(_mm256_cmp_ps(v, _mm256_set1_ps(-87.0f), _CMP_GE_OQ),
                         _mm256_cmp_ps(v, _mm256_set1_ps(88.0f), _CMP_LE_OQ));
  }
  PTONNX_TARGET static __m256 vec(__m256 v) { return exp_core(v); }
  static float scalar(float x) { return exp_scalar(x); }
};

struct Sigmoid {
  PTONNX_TARGET static __m256 range(__m256 v) {
    return _mm256_cmp_ps(abs_ps(v), _mm256_set1_ps(87.0f), _CMP_LE_OQ);
  }
  PTONNX_TARGET static __m256 vec(__m256 v) {
    const __m256 one = _mm256_set1_ps(1.0f);
    const __m256 e = exp_core(_mm256_sub_ps(_mm256_setzero_ps(), abs_ps(v)));
    const __m256 d = _mm256_add_ps(one, e);
    const __m256 nonneg = _mm256_cmp_ps(v, _mm256_setzero_ps(), _CMP_GE_OQ);
    return _mm256_blendv_ps(_mm256_div_ps(e, d), _mm256_div_ps(one, d), nonneg);
  }
  static float scalar(float x) { return sigmoid_scalar(x); }
};

struct Tanh {
  PTONNX_TARGET static __m256 range(__m256 v) {
    const __m256 a = abs_ps(v);
    return _mm256_and_ps(_mm256_cmp_ps(a, _mm256_set1_ps(0x1p-12f), _CMP_GE_OQ),
                         _mm256_cmp_ps(a, _mm256_set1_ps(9.0f), _CMP_LE_OQ));
  }
  PTONNX_TARGET static __m256 vec(__m256 v) {
    const __m256 a = abs_ps(v);
    const __m256 z = _mm256_mul_ps(a, a);
    __m256 p = _mm256_set1_ps(-5.70498872745e-3f);
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(2.06390887954e-2f));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(-5.37397155531e-2f));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(1.33314422036e-1f));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(-3.33332819422e-1f));
    const __m256 small = _mm256_fmadd_ps(_mm256_mul_ps(p, z), a, a);
    const __m256 one = _mm256_set1_ps(1.0f);
    const __m256 e = exp_core(_mm256_add_ps(a, a));
    const __m256 large = _mm256_sub_ps(one, _mm256_div_ps(_mm256_set1_ps(2.0f), _mm256_add_ps(e, one)));
    const __m256 t = _mm256_blendv_ps(large, small, _mm256_cmp_ps(a, _mm256_set1_ps(0.625f), _CMP_LT_OQ));
    return _mm256_or_ps(t, _mm256_and_ps(v, _mm256_set1_ps(-0.0f)));  // the sign of x
  }
  static float scalar(float x) { return tanh_scalar(x); }
};

#endif

}  // namespace

bool exp_f32_simd([[maybe_unused]] const float* x, [[maybe_unused]] float* y, [[maybe_unused]] int64_t n) {
#ifdef PTONNX_UNARY_AVX2
  if (cpu_ok()) {
    apply<Exp>(x, y, n);
    return true;
  }
#endif
  return false;
}

bool sigmoid_f32_simd([[maybe_unused]] const float* x, [[maybe_unused]] float* y, [[maybe_unused]] int64_t n) {
#ifdef PTONNX_UNARY_AVX2
  if (cpu_ok()) {
    apply<Sigmoid>(x, y, n);
    return true;
  }
#endif
  return false;
}

bool tanh_f32_simd([[maybe_unused]] const float* x, [[maybe_unused]] float* y, [[maybe_unused]] int64_t n) {
#ifdef PTONNX_UNARY_AVX2
  if (cpu_ok()) {
    apply<Tanh>(x, y, n);
    return true;
  }
#endif
  return false;
}

}  // namespace ptonnx::runtime::kernels
