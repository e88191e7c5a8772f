// Row reductions for the Reduce* fast path (row_simd.h). The AVX2 and
// AVX-512 variants are compiled with a function-level target attribute and chosen at run
// time (__builtin_cpu_supports), so the library still runs on any x86-64;
// they use intrinsics only (no Eigen or other inline library code, which
// would be compiled for two instruction sets under one name).
#include "runtime/kernels/row_simd.h"

#include <limits>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define PTONNX_ROW_AVX2 1
#endif

namespace ptonnx::runtime::kernels {

namespace {

// 32 partial sums: four AVX2 registers' worth of independent add chains
// (an add's latency is 3-4 cycles), so the loop is bound by loads and
// conversions rather than by one chain.
constexpr int kLanes = 32;

// Pairwise combination of the lanes, then the tail in order: the same in
// every variant.
double combine(double* lanes, const float* x, int64_t r, int64_t len) {
  for (int w = kLanes / 2; w >= 1; w /= 2)
    for (int i = 0; i < w; ++i) lanes[i] += lanes[i + w];
  double s = lanes[0];
  for (; r < len; ++r) s += static_cast<double>(x[r]);
  return s;
}

double sum_portable(const float* x, int64_t len) {
  double lanes[kLanes] = {};
  int64_t r = 0;
  for (; r + kLanes <= len; r += kLanes)
    for (int l = 0; l < kLanes; ++l) lanes[l] += static_cast<double>(x[r + l]);
  return combine(lanes, x, r, len);
}

float extreme_portable(const float* x, int64_t len, bool is_max, bool& has_nan, bool& has_number) {
  float m = is_max ? -std::numeric_limits<float>::infinity() : std::numeric_limits<float>::infinity();
  bool nan = false, number = false;
  for (int64_t r = 0; r < len; ++r) {
    const float v = x[r];
    if (v != v) {
      nan = true;
    } else {
      number = true;
      if (is_max ? v > m : v < m) m = v;
    }
  }
  has_nan = nan;
  has_number = number;
  return m;
}

#ifdef PTONNX_ROW_AVX2

bool cpu_has_avx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}

// The accumulators are named variables, not arrays: GCC keeps an array of
// vectors in memory, a load and a store per update.
__attribute__((target("avx2"))) double sum_avx2(const float* x, int64_t len) {
  __m256d a0 = _mm256_setzero_pd(), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
  int64_t r = 0;
  // Register k holds lanes 4k .. 4k+3.
  for (; r + kLanes <= len; r += kLanes) {
    const float* p = x + r;
    a0 = _mm256_add_pd(a0, _mm256_cvtps_pd(_mm_loadu_ps(p)));
    a1 = _mm256_add_pd(a1, _mm256_cvtps_pd(_mm_loadu_ps(p + 4)));
    a2 = _mm256_add_pd(a2, _mm256_cvtps_pd(_mm_loadu_ps(p + 8)));
    a3 = _mm256_add_pd(a3, _mm256_cvtps_pd(_mm_loadu_ps(p + 12)));
    a4 = _mm256_add_pd(a4, _mm256_cvtps_pd(_mm_loadu_ps(p + 16)));
    a5 = _mm256_add_pd(a5, _mm256_cvtps_pd(_mm_loadu_ps(p + 20)));
    a6 = _mm256_add_pd(a6, _mm256_cvtps_pd(_mm_loadu_ps(p + 24)));
    a7 = _mm256_add_pd(a7, _mm256_cvtps_pd(_mm_loadu_ps(p + 28)));
  }
  double lanes[kLanes];
  _mm256_storeu_pd(lanes, a0);
  _mm256_storeu_pd(lanes + 4, a1);
  _mm256_storeu_pd(lanes + 8, a2);
  _mm256_storeu_pd(lanes + 12, a3);
  _mm256_storeu_pd(lanes + 16, a4);
  _mm256_storeu_pd(lanes + 20, a5);
  _mm256_storeu_pd(lanes + 24, a6);
  _mm256_storeu_pd(lanes + 28, a7);
  return combine(lanes, x, r, len);
}

// The same 32 lanes in four AVX-512 registers (register k holds lanes
// 8k .. 8k+7): twice the conversions per instruction, which bound the AVX2
// loop. (maskz_cvtps_pd with all lanes set: GCC 12 warns that plain
// cvtps_pd's internal undefined vector may be used uninitialised.)
__attribute__((target("avx512f"))) double sum_avx512(const float* x, int64_t len) {
  __m512d a0 = _mm512_setzero_pd(), a1 = a0, a2 = a0, a3 = a0;
  int64_t r = 0;
  for (; r + kLanes <= len; r += kLanes) {
    const float* p = x + r;
    a0 = _mm512_add_pd(a0, _mm512_maskz_cvtps_pd(0xff, _mm256_loadu_ps(p)));
    a1 = _mm512_add_pd(a1, _mm512_maskz_cvtps_pd(0xff, _mm256_loadu_ps(p + 8)));
    a2 = _mm512_add_pd(a2, _mm512_maskz_cvtps_pd(0xff, _mm256_loadu_ps(p + 16)));
    a3 = _mm512_add_pd(a3, _mm512_maskz_cvtps_pd(0xff, _mm256_loadu_ps(p + 24)));
  }
  double lanes[kLanes];
  _mm512_storeu_pd(lanes, a0);
  _mm512_storeu_pd(lanes + 8, a1);
  _mm512_storeu_pd(lanes + 16, a2);
  _mm512_storeu_pd(lanes + 24, a3);
  return combine(lanes, x, r, len);
}

bool cpu_has_avx512f() {
  static const bool has = __builtin_cpu_supports("avx512f");
  return has;
}

// max_ps(v, m) is `v > m ? v : m` (the second operand when either is NaN),
// exactly the serial update; NaN and non-NaN are noted by unordered and
// ordered self-comparisons. The maximum of non-NaN values does not depend
// on the order, so the lanes need no fixed layout here.
template <bool IsMax>
__attribute__((target("avx2"))) __m256 extreme_step(__m256 v, __m256 m) {
  return IsMax ? _mm256_max_ps(v, m) : _mm256_min_ps(v, m);
}

template <bool IsMax>
__attribute__((target("avx2"))) float extreme_avx2(const float* x, int64_t len, bool& has_nan, bool& has_number) {
  const float init = IsMax ? -std::numeric_limits<float>::infinity() : std::numeric_limits<float>::infinity();
  __m256 m0 = _mm256_set1_ps(init), m1 = m0, m2 = m0, m3 = m0;
  __m256 nan = _mm256_setzero_ps(), num = nan;
  int64_t r = 0;
  for (; r + 32 <= len; r += 32) {
    const __m256 v0 = _mm256_loadu_ps(x + r), v1 = _mm256_loadu_ps(x + r + 8);
    const __m256 v2 = _mm256_loadu_ps(x + r + 16), v3 = _mm256_loadu_ps(x + r + 24);
    m0 = extreme_step<IsMax>(v0, m0);
    m1 = extreme_step<IsMax>(v1, m1);
    m2 = extreme_step<IsMax>(v2, m2);
    m3 = extreme_step<IsMax>(v3, m3);
    // NaN anywhere in the four makes one of these unordered.
    const __m256 u = _mm256_or_ps(_mm256_cmp_ps(v0, v1, _CMP_UNORD_Q), _mm256_cmp_ps(v2, v3, _CMP_UNORD_Q));
    nan = _mm256_or_ps(nan, u);
    const __m256 o = _mm256_or_ps(_mm256_or_ps(_mm256_cmp_ps(v0, v0, _CMP_ORD_Q), _mm256_cmp_ps(v1, v1, _CMP_ORD_Q)),
                                  _mm256_or_ps(_mm256_cmp_ps(v2, v2, _CMP_ORD_Q), _mm256_cmp_ps(v3, v3, _CMP_ORD_Q)));
    num = _mm256_or_ps(num, o);
  }
  alignas(32) float mv[32];
  _mm256_store_ps(mv, m0);
  _mm256_store_ps(mv + 8, m1);
  _mm256_store_ps(mv + 16, m2);
  _mm256_store_ps(mv + 24, m3);
  float best = init;
  for (float v : mv)
    if (IsMax ? v > best : v < best) best = v;
  bool tail_nan = false, tail_num = false;
  const float t = extreme_portable(x + r, len - r, IsMax, tail_nan, tail_num);
  if (IsMax ? t > best : t < best) best = t;
  has_nan = _mm256_movemask_ps(nan) != 0 || tail_nan;
  has_number = _mm256_movemask_ps(num) != 0 || tail_num;
  return best;
}

#endif

}  // namespace

double row_sum_f32(const float* x, int64_t len) {
#ifdef PTONNX_ROW_AVX2
  if (cpu_has_avx512f()) return sum_avx512(x, len);
  if (cpu_has_avx2()) return sum_avx2(x, len);
#endif
  return sum_portable(x, len);
}

float row_extreme_f32(const float* x, int64_t len, bool is_max, bool& has_nan, bool& has_number) {
#ifdef PTONNX_ROW_AVX2
  if (cpu_has_avx2())
    return is_max ? extreme_avx2<true>(x, len, has_nan, has_number) : extreme_avx2<false>(x, len, has_nan, has_number);
#endif
  return extreme_portable(x, len, is_max, has_nan, has_number);
}

}  // namespace ptonnx::runtime::kernels
