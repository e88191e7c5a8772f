// Oracle kernel of Expm (pytensor rel-3.3.0: tensor/linalg/products.py
// Expm.perform = scipy.linalg.expm(A)), written from scipy 1.18.1
// (scipy/linalg/_matfuncs.py expm, scipy/linalg/src/_matfuncs_expm.c
// matrix_exponential_{s,d}, pick_pade_structure_{s,d}, pade_UV_calc_{s,d}).
//
// Python side: a non-square matrix raises LinAlgError (before the empty
// check: (0, 3) raises); an empty one returns np.empty of its shape; a 1 x 1
// one returns np.exp(a), in NumPy's loop dtype for exp (float16 for bool,
// int8, uint8 and float16 -- computed in float and rounded to half --,
// float32 for int16, uint16, float32, float64 otherwise). Otherwise the
// working dtype W is float64 for integer and bool input, float32 for
// float16 and float32, float64 for float64, and the C code runs in W:
//
// - diagonal input (no nonzero off the diagonal; NaN counts as nonzero):
//   exp of each diagonal element, zeros elsewhere (the result is calloc'd);
// - else the Pade degree m and squarings s of Al-Mohy & Higham (2009),
//   Algorithm 5.1, with exact 1-norms (n < 400): d_k = ||A^k||_1^(1/k) from
//   A^2, A^4, A^6 (and A^8, A^10), eta_0 = max(d4, d6), eta_2 = max(d6, d8),
//   and the ell() correction from the exact 1-norm of |A|^(2m+1) (the
//   powers of |A|^T applied to ones, "spins"): m = 3, 5, 7, 9 when
//   eta < theta_m and ell = 0, else m = 13 with
//   s = max(0, ceil(log2(min(eta_2, max(d8, d10)) / 4.25))) + ell; A, A^2,
//   A^4, A^6 are scaled by 2^-s, 4^-s, 16^-s, 64^-s. All of it in W, with
//   W's unit roundoff in the ell coefficients but double precision's theta
//   for both dtypes, as scipy has it. C's (int) of a non-finite or
//   out-of-range ceil() is undefined; x86-64 (scipy's wheels) gives INT_MIN,
//   which the clamp to 0 turns into "no correction": c_int() below.
// - U, V by scipy's evaluation scheme, including its m = 13 quirk: the last
//   gemm of U = (A^6 W + N) A runs with beta = 1 on the buffer that still
//   holds A^6, so U gets an extra + A^6 (about 1e-14 relative in U; a
//   scipy bug since the C rewrite in 1.15, kept: it is what perform
//   returns).
// - r = I + 2 U (V - U)^-1: getrf of Q = V - U (column-major, row
//   pivoting), getrs('T') with U^T, i.e. X^T = Q^-T U^T, doubled, plus I.
// - s squarings; for a triangular input (lower or upper bandwidth 0) after
//   each squaring i = s-1 .. 0 the diagonal is set to exp(a_jj 2^-i) and
//   the first sub/superdiagonal to the divided difference
//   (exp(d_{j+1}) - exp(d_j)) / (d_{j+1} - d_j) (exp(d_j) when equal) times
//   a_{j,j+1} 2^-i (Al-Mohy & Higham's Code Fragment 2.1).
//
// PyTensor's perform stores scipy's array without a cast, so it returns
// float64 for 8/16-bit integer and bool input (and float16 for a 1 x 1 of
// those) where its own output type says float32; the oracle returns the
// declared dtype with scipy's values rounded to it (as for Solve's NaN
// fill: a documented deviation, docs/comparison.md).
#include "oracles/linalg_expm.h"

#include <lapacke.h>

#include <Eigen/Dense>
#include <climits>
#include <cmath>
#include <vector>

#include "core/float16.h"
#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

template <typename T>
using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename T>
using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;

// C's (int) of a floating value as x86-64 converts it (cvttsd2si):
// truncation toward zero, and INT_MIN for NaN, infinities and values out of
// int's range, where the C standard leaves the conversion undefined.
int c_int(double x) {
  if (!(x > -2147483649.0 && x < 2147483648.0)) return INT_MIN;
  return static_cast<int>(x);
}

// scipy's `if (v > best) best = v` scans from 0: NaN entries are skipped.
template <typename T>
T max_from_zero(const Vec<T>& v) {
  T best = 0;
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (v(i) > best) best = v(i);
  return best;
}

// ||a||_1: the largest column sum of |a| (each column summed top down).
template <typename T>
T norm1(const Mat<T>& a) {
  Vec<T> sums(a.cols());
  for (Eigen::Index j = 0; j < a.cols(); ++j) {
    T s = 0;
    for (Eigen::Index i = 0; i < a.rows(); ++i) s += std::fabs(a(i, j));
    sums(j) = s;
  }
  return max_from_zero(sums);
}

// One "spin" of the ell() power iteration: |A|^T v (gemv 'T'), summed in
// row order.
template <typename T>
Vec<T> spin(const Mat<T>& abs_a, const Vec<T>& v) {
  Vec<T> w(abs_a.cols());
  for (Eigen::Index j = 0; j < abs_a.cols(); ++j) {
    T s = 0;
    for (Eigen::Index i = 0; i < abs_a.rows(); ++i) s += abs_a(i, j) * v(i);
    w(j) = s;
  }
  return w;
}

// The constants of pick_pade_structure in W: theta_m (double's, for both
// dtypes) and ell's coefficients u * c_m with W's unit roundoff, as scipy
// stores them.
template <typename T>
struct PadeConstants;
template <>
struct PadeConstants<double> {
  static constexpr double theta[5] = {1.495585217958292e-002, 2.539398330063230e-001, 9.504178996162932e-001,
                                      2.097847961257068e+000, 4.250000000000000e+000};
  static constexpr double coeff[5] = {1.1191048088221578e-11, 1.1167770708198077e-06, 4.9826124310493469e-01,
                                      6.5662862500000000e+05, 1.2573361865339437e+19};
};
template <>
struct PadeConstants<float> {
  static constexpr float theta[5] = {1.495585217958292e-002f, 2.539398330063230e-001f, 9.504178996162932e-001f,
                                     2.097847961257068e+000f, 4.250000000000000e+000f};
  static constexpr float coeff[5] = {6.0081481933593750e-03f, 5.9956512451171875e+02f, 2.6750196800000000e+08f,
                                     3.5252480874905600e+14f, 6.7502722515508048e+27f};
};

// scipy's lm = (int)ceil(log2(temp / normA / coeff) / divisor), clamped at
// 0. The float variant divides a float log2f by an int (float) for m < 13
// and by 26.0 (double, converted back to float for ceilf) for m = 13;
// both are the same rounding of the quotient to float.
template <typename T>
int ell(T temp, T norm_a, T coeff, int divisor) {
  const T x = static_cast<T>(std::log2(temp / norm_a / coeff) / static_cast<T>(divisor));
  const int lm = c_int(static_cast<double>(std::ceil(x)));
  return lm < 0 ? 0 : lm;
}

// A and its powers, in W (row-major; scipy keeps them column-major, the
// same matrices).
template <typename T>
struct Powers {
  Mat<T> a, a2, a4, a6, a8;  // a8 holds A^8 (m = 9) or A^10 (m = 13, unused)
};

// pick_pade_structure: the degree m, squarings s, and (m = 13) the scaling
// of A, A^2, A^4, A^6.
template <typename T>
ExpmChoice pick_pade_structure(Powers<T>& p) {
  using C = PadeConstants<T>;
  const Eigen::Index n = p.a.rows();
  ExpmChoice out;
  Mat<T> abs_a = p.a.cwiseAbs();
  Vec<T> v = spin<T>(abs_a, Vec<T>::Ones(n));
  T norm_a = max_from_zero(v);
  p.a2 = p.a * p.a;
  p.a4 = p.a2 * p.a2;
  p.a6 = p.a4 * p.a2;
  const T d4 = std::pow(norm1(p.a4), T(0.25)), d6 = std::pow(norm1(p.a6), static_cast<T>(1.0 / 6.0));
  const T eta0 = std::fmax(d4, d6), eta1 = eta0;
  // spins: after spin_to(k), v = (|A|^T)^k 1 and max(v) = || |A|^k ||_1.
  int spun = 1;
  auto spin_to = [&](int k) {
    for (; spun < k; ++spun) v = spin(abs_a, v);
    return max_from_zero(v);
  };
  if (eta0 < C::theta[0] && ell(spin_to(7), norm_a, C::coeff[0], 6) == 0) return {"general", 3, 0};
  if (eta1 < C::theta[1] && ell(spin_to(11), norm_a, C::coeff[1], 10) == 0) return {"general", 5, 0};
  spin_to(11);
  p.a8 = p.a4 * p.a4;
  const T d8 = std::pow(norm1(p.a8), T(0.125));
  const T eta2 = std::fmax(d6, d8);
  if (eta2 < C::theta[2] && ell(spin_to(15), norm_a, C::coeff[2], 14) == 0) return {"general", 7, 0};
  spin_to(15);
  if (eta2 < C::theta[3] && ell(spin_to(19), norm_a, C::coeff[3], 18) == 0) return {"general", 9, 0};
  spin_to(19);
  const Mat<T> a10 = p.a6 * p.a4;
  const T d10 = std::pow(norm1(a10), static_cast<T>(0.1));
  const T eta3 = std::fmax(d8, d10), eta4 = std::fmin(eta2, eta3);
  int s = c_int(static_cast<double>(std::ceil(std::log2(eta4 / C::theta[4]))));
  s = s < 0 ? 0 : s;
  if (s != 0) {
    abs_a *= std::pow(T(2), static_cast<T>(-s));
    // The spins so far (19) scaled as if they had used |A| 2^-s. In float
    // 2^(-19 s) underflows to 0 from s = 8 on (0 * inf is NaN: scipy's
    // max then skips it and ell gives 0).
    v *= std::pow(T(2), static_cast<T>(-19.0 * s));
    norm_a *= std::pow(T(2), static_cast<T>(-s));
  }
  for (int i = 0; i < 8; ++i) v = spin(abs_a, v);
  // The m = 13 quotient is divided by 26.0 (a double) in both variants.
  const T x = static_cast<T>(static_cast<double>(std::log2(max_from_zero(v) / norm_a / C::coeff[4])) / 26.0);
  const int lm = c_int(static_cast<double>(std::ceil(x)));
  s += lm < 0 ? 0 : lm;
  if (s != 0) {
    p.a *= std::pow(T(2), static_cast<T>(-s));
    p.a2 *= std::pow(T(4), static_cast<T>(-s));
    p.a4 *= std::pow(T(16), static_cast<T>(-s));
    p.a6 *= std::pow(T(64), static_cast<T>(-s));
  }
  return {"general", 13, s};
}

// b_0 I + c, the diagonal added last as scipy does.
template <typename T>
Mat<T> plus_diagonal(Mat<T> c, double b0) {
  for (Eigen::Index i = 0; i < c.rows(); ++i) c(i, i) += static_cast<T>(b0);
  return c;
}

// pade_UV_calc: U and V of the degree-m Pade approximant, in scipy's
// evaluation order (elementwise sums left to right, the identity term last).
template <typename T>
std::pair<Mat<T>, Mat<T>> pade_uv(const Powers<T>& p, int m) {
  const auto k = [](double v) { return static_cast<T>(v); };
  const Mat<T>&a = p.a, &a2 = p.a2, &a4 = p.a4, &a6 = p.a6, &a8 = p.a8;
  switch (m) {
    case 3: return {(k(60) * a + a2 * a).eval(), plus_diagonal<T>(k(12) * a2, 120)};
    case 5: return {plus_diagonal<T>(a4 + k(420) * a2, 15120) * a, plus_diagonal<T>(k(30) * a4 + k(3360) * a2, 30240)};
    case 7:
      return {plus_diagonal<T>(a6 + k(1512) * a4 + k(277200) * a2, 8648640) * a,
              plus_diagonal<T>(k(56) * a6 + k(25200) * a4 + k(1995840) * a2, 17297280)};
    case 9:
      return {plus_diagonal<T>(a8 + k(3960) * a6 + k(2162160) * a4 + k(302702400) * a2, 8821612800.0) * a,
              plus_diagonal<T>(k(90) * a8 + k(110880) * a6 + k(30270240) * a4 + k(2075673600) * a2, 17643225600.0)};
    default: {
      const Mat<T> n_ = plus_diagonal<T>(k(33522128640.0) * a6 + k(10559470521600.0) * a4 + k(1187353796428800.0) * a2,
                                         32382376266240000.0);
      const Mat<T> q = k(182) * a6 + k(960960) * a4 + k(1323241920) * a2;
      const Mat<T> r = plus_diagonal<T>(k(670442572800.0) * a6 + k(129060195264000.0) * a4 + k(7771770303897600.0) * a2,
                                        64764752532480000.0);
      const Mat<T> w = a6 + k(16380) * a4 + k(40840800) * a2;
      Mat<T> v = q * a6 + r;
      // scipy's beta = 1 on the buffer holding A^6 (see the file comment).
      Mat<T> u = (w * a6 + n_) * a + a6;
      return {std::move(u), std::move(v)};
    }
  }
}

template <typename T>
lapack_int getrf_col(int n, T* a, lapack_int* ipiv) {
  if constexpr (std::is_same_v<T, float>)
    return LAPACKE_sgetrf_work(LAPACK_COL_MAJOR, n, n, a, n, ipiv);
  else
    return LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, n, n, a, n, ipiv);
}

// getrs('T') one right-hand side at a time: the same solve per column,
// but OpenBLAS runs a many-column getrs on its thread pool, whose workers
// then busy-wait on the other core for every tiny case of a property.
template <typename T>
lapack_int getrs_col_t(int n, const T* a, const lapack_int* ipiv, T* b) {
  for (int j = 0; j < n; ++j) {
    T* col = b + static_cast<size_t>(j) * static_cast<size_t>(n);
    lapack_int info;
    if constexpr (std::is_same_v<T, float>)
      info = LAPACKE_sgetrs_work(LAPACK_COL_MAJOR, 'T', n, 1, a, n, ipiv, col, n);
    else
      info = LAPACKE_dgetrs_work(LAPACK_COL_MAJOR, 'T', n, 1, a, n, ipiv, col, n);
    if (info < 0) return info;
  }
  return 0;
}

// r = I + 2 U Q^-1, Q = V - U: getrf(Q) and getrs('T', U^T) as scipy. A
// singular Q (getrf info > 0) is not an error there: getrs divides by the
// zero pivot.
template <typename T>
Mat<T> pade_solve(const Mat<T>& u, const Mat<T>& v) {
  const int n = static_cast<int>(u.rows());
  const Mat<T> q = v - u;
  std::vector<T> qc(static_cast<size_t>(n) * n), b(static_cast<size_t>(n) * n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      qc[static_cast<size_t>(i + j * n)] = q(i, j);  // column-major Q
      b[static_cast<size_t>(i * n + j)] = u(i, j);   // column-major U^T
    }
  std::vector<lapack_int> ipiv(static_cast<size_t>(n));
  if (getrf_col<T>(n, qc.data(), ipiv.data()) < 0 || getrs_col_t<T>(n, qc.data(), ipiv.data(), b.data()) < 0)
    throw Error("oracle: Expm: illegal argument to getrf/getrs");
  // b now holds X^T column-major, i.e. X = U Q^-1 row-major.
  Mat<T> r(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) r(i, j) = T(2) * b[static_cast<size_t>(i * n + j)] + (i == j ? T(1) : T(0));
  return r;
}

// Code Fragment 2.1 after a squaring (scale = 2^-i): the exact diagonal and
// first sub/superdiagonal of exp(A 2^-i) for triangular A.
template <typename T>
void fix_triangular(Mat<T>& x, const Mat<T>& a, bool lower, T scale) {
  const Eigen::Index n = a.rows();
  for (Eigen::Index i = 0; i + 1 < n; ++i) {
    const T d_i = a(i, i) * scale, d_ip1 = a(i + 1, i + 1) * scale;
    const T diff = d_ip1 - d_i;
    const T exp_sinch = diff == T(0) ? std::exp(d_i) : (std::exp(d_ip1) - std::exp(d_i)) / diff;
    const T sd = lower ? a(i + 1, i) : a(i, i + 1);
    (lower ? x(i + 1, i) : x(i, i + 1)) = exp_sinch * sd * scale;
    x(i, i) = std::exp(d_i);
  }
  x(n - 1, n - 1) = std::exp(a(n - 1, n - 1) * scale);
}

struct Bands {
  bool lower_zero = true, upper_zero = true;  // scipy's lband == 0, uband == 0
};

template <typename T>
Bands bands(const Mat<T>& a) {
  Bands b;
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j)
      if (a(i, j) != T(0)) {  // NaN counts as nonzero
        if (i > j) b.lower_zero = false;
        if (i < j) b.upper_zero = false;
      }
  return b;
}

template <typename T>
Mat<T> as_matrix(const Tensor& w) {
  const Eigen::Index n = w.shape()[0];
  Mat<T> a(n, n);
  std::copy(w.data<T>().begin(), w.data<T>().end(), a.data());
  return a;
}

// matrix_exponential_{s,d} for one n x n matrix in W (n >= 2).
template <typename T>
Mat<T> matrix_exponential(const Mat<T>& a0, ExpmChoice* choice) {
  const Eigen::Index n = a0.rows();
  const Bands b = bands(a0);
  if (b.lower_zero && b.upper_zero) {
    Mat<T> out = Mat<T>::Zero(n, n);
    for (Eigen::Index i = 0; i < n; ++i) out(i, i) = std::exp(a0(i, i));
    if (choice) *choice = {"diagonal", 0, 0};
    return out;
  }
  const bool triangular = b.lower_zero || b.upper_zero, lower = b.upper_zero;
  Powers<T> p;
  p.a = a0;
  const ExpmChoice c = pick_pade_structure(p);
  const auto [u, v] = pade_uv(p, c.m);
  Mat<T> x = pade_solve<T>(u, v);
  for (int i = c.s - 1; i >= 0; --i) {
    x = (x * x).eval();
    if (triangular) fix_triangular(x, a0, lower, static_cast<T>(std::exp2(-static_cast<double>(i))));
  }
  if (choice) *choice = {triangular ? "triangular" : "general", c.m, c.s};
  return x;
}

// scipy's working dtype for n >= 2.
DType working_dtype(DType in) { return in == DType::Float16 || in == DType::Float32 ? DType::Float32 : DType::Float64; }

void require_square(const Tensor& a) {
  if (a.rank() != 2 || a.shape()[0] != a.shape()[1])
    throw PyTensorRaises("Last 2 dimensions of the array must be square (got " + a.describe() + ")");
}

// np.exp of a 1 x 1 array in NumPy's loop dtype for exp, then the declared dtype.
Tensor exp_scalar(const Tensor& a, DType out) {
  Tensor r(out, {1, 1});
  const DType in = a.dtype();
  const double x = a.get_as_double(0);
  double y;
  if (in == DType::Bool || in == DType::Int8 || in == DType::UInt8 || in == DType::Float16)
    y = half_to_float(float_to_half(std::exp(static_cast<float>(x))));
  else if (in == DType::Int16 || in == DType::UInt16 || in == DType::Float32)
    y = std::exp(static_cast<float>(x));
  else
    y = std::exp(to_loop_dtype(a, DType::Float64).data<double>()[0]);
  if (out == DType::Float32)
    r.data<float>()[0] = static_cast<float>(y);
  else
    r.data<double>()[0] = y;
  return r;
}

template <typename T>
Tensor general_in(const Tensor& w, DType out, ExpmChoice* choice) {
  const Mat<T> x = matrix_exponential(as_matrix<T>(w), choice);
  Tensor r(out, w.shape());
  for (int64_t i = 0; i < r.numel(); ++i) {
    const T v = x.data()[i];
    if (out == DType::Float32)
      r.data<float>()[i] = static_cast<float>(v);
    else
      r.data<double>()[i] = static_cast<double>(v);
  }
  return r;
}

Tensor expm(const Tensor& a, DType out, ExpmChoice* choice) {
  require_square(a);
  const int64_t n = a.shape()[0];
  if (choice) *choice = {n == 0 ? "empty" : "scalar", 0, 0};
  if (n == 0) return Tensor(out, {0, 0});
  if (n == 1) return exp_scalar(a, out);
  const DType w = working_dtype(a.dtype());
  const Tensor aw = to_loop_dtype(a, w);
  return w == DType::Float32 ? general_in<float>(aw, out, choice) : general_in<double>(aw, out, choice);
}

std::vector<Tensor> expm_kernel(const Node& node, const std::vector<Tensor>& in) {
  return {expm(in[0], out_dtype(node), nullptr)};
}

const KernelRegistrar kExpm("Expm", expm_kernel);

}  // namespace

ExpmChoice expm_choice(const Tensor& a) {
  ExpmChoice c;
  expm(a, DType::Float64, &c);
  return c;
}

}  // namespace ptonnx::oracle
