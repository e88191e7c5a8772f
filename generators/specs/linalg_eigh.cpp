// Sample spec of Eigh (one matrix, lower or upper triangle read).
//
// Symmetric matrices (generators/linalg_matrices.h), n = 0..5, now and then
// 6..16 (several Jacobi sweeps), with the triangle scipy does not read
// filled with unrelated values two times in three (a converter reading the
// wrong triangle, or symmetrising both, then fails):
// - Q diag(lambda) Q^T with a Householder product Q and lambda: distinct,
//   repeated (one value two or three times: eigenvectors not unique),
//   clustered (gaps of 1e-7 relative in float64, 1e-3 in float32), with
//   zeros (rank deficient), geometric over a condition number up to 1e12,
//   scaled by 1e-30 .. 1e30 (float64) or 1e-10 .. 1e10 (float32 work);
// - diagonal (Jacobi rotates nothing), with repeated and negative values;
// - graded: D S D, S well conditioned, D = diag(10^k) (entries differing
//   by many orders of magnitude);
// - zero and identity;
// - small random integers (0/1 for bool, non-negative for unsigned);
// - rarely a NaN or inf element in the read triangle (scipy's check_finite
//   raises: out of domain).
// Grow: the eigenvalues of a diagonal matrix with distinct integer
// eigenvalues (2 i + 0/1) and 0/1 values in the unread triangle: no
// rotation, exact on both sides.
#include <cmath>

#include "generators/linalg_matrices.h"
#include "generators/sample_spec.h"
#include "generators/shapes.h"
#include "generators/values.h"
#include "graph/builder.h"
#include "graph/builder_alloc.h"
#include "graph/builder_linalg.h"
#include "graph/builder_shape.h"
#include "graph/ops/linalg.h"

namespace ptonnx::gen {
namespace {

enum Kind {
  Distinct,
  Repeated,
  Clustered,
  Zeros,
  Geometric,
  Diagonal,
  Graded,
  ZeroMatrix,
  Identity,
  Integer,
  NonFinite
};

double unit_uniform() { return static_cast<double>(in_range(-1000, 1001)) / 1000.0; }

std::vector<double> eigenvalues(Kind kind, int64_t n, bool f64) {
  std::vector<double> l(static_cast<size_t>(n));
  for (auto& x : l) x = unit_uniform();
  switch (kind) {
    case Repeated:
      if (n >= 2) {
        const double v = l[0];
        for (int64_t i = 1; i < std::min<int64_t>(n, in_range(2, 4)); ++i) l[static_cast<size_t>(i)] = v;
      }
      break;
    case Clustered:
      for (int64_t i = 1; i < n; ++i)
        l[static_cast<size_t>(i)] = l[0] * (1 + (f64 ? 1e-7 : 1e-3) * static_cast<double>(i));
      break;
    case Zeros:
      for (int64_t i = 0; i < n; i += 2) l[static_cast<size_t>(i)] = 0;
      break;
    case Geometric: {
      const double kappa = f64 ? *rc::gen::element(1e6, 1e12) : *rc::gen::element(1e3, 1e6);
      l = geometric(n, kappa, 1.0);
      for (auto& x : l)
        if (*rc::gen::arbitrary<bool>()) x = -x;
      break;
    }
    default: break;
  }
  return l;
}

Mat graded(int64_t n) {
  Mat s = spectral(n, geometric(n, 10, 1.0));
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) s[i * n + j] *= std::pow(10.0, static_cast<double>(2 * (i + j) - 2 * (n - 1)));
  return s;
}

rc::Gen<Case> eigh_case(DType t) {
  return rc::gen::exec([t] {
    const bool big = in_range(0, 8) == 0;
    const int64_t n = big ? in_range(6, 17) : in_range(0, 6);
    const bool lower = *rc::gen::arbitrary<bool>();
    const bool f64 = linalg::lapack_dtype(t) == DType::Float64;
    const Kind kind = is_float(t) ? *rc::gen::weightedElement<Kind>({{6, Distinct},
                                                                     {3, Repeated},
                                                                     {2, Clustered},
                                                                     {2, Zeros},
                                                                     {2, Geometric},
                                                                     {2, Diagonal},
                                                                     {1, Graded},
                                                                     {1, ZeroMatrix},
                                                                     {1, Identity},
                                                                     {2, Integer},
                                                                     {1, NonFinite}})
                                  : *rc::gen::weightedElement<Kind>({{6, Integer}, {1, Diagonal}, {1, ZeroMatrix}});
    const bool unsig = is_unsigned_integer(t) || t == DType::Bool;
    const auto small_int = [&] {
      return t == DType::Bool ? static_cast<double>(in_range(0, 2)) : static_cast<double>(in_range(unsig ? 0 : -4, 5));
    };
    Mat a(static_cast<size_t>(n * n), 0.0);
    std::string label;
    switch (kind) {
      case Diagonal:
        for (int64_t i = 0; i < n; ++i) a[i * n + i] = is_float(t) ? std::round(unit_uniform() * 4) / 2 : small_int();
        label = "diagonal";
        break;
      case Graded: a = graded(n), label = "graded"; break;
      case ZeroMatrix: label = "zero"; break;
      case Identity:
        for (int64_t i = 0; i < n; ++i) a[i * n + i] = 1;
        label = "identity";
        break;
      case Integer:
      case NonFinite:
        for (int64_t i = 0; i < n; ++i)
          for (int64_t j = 0; j <= i; ++j) a[i * n + j] = a[j * n + i] = small_int();
        label = "integer";
        break;
      default: {
        a = spectral(n, eigenvalues(kind, n, f64));
        static const char* const kNames[] = {"distinct", "repeated", "clustered", "zero eigenvalues", "geometric"};
        label = std::string(kNames[kind]) + " spectrum";
        const double scale = f64 ? *rc::gen::element(1.0, 1.0, 1e-30, 1e30) : *rc::gen::element(1.0, 1.0, 1e-10, 1e10);
        for (auto& x : a) x *= scale;
        if (scale != 1.0) label += " x" + std::to_string(scale);
      }
    }
    // The unread triangle: unrelated values two times in three.
    if (n > 1 && in_range(0, 3) != 0) {
      for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j)
          if (lower ? j > i : j < i) a[i * n + j] = is_float(t) ? unit_uniform() * 8 : small_int();
      label += ", junk in the unread triangle";
    }
    if (kind == NonFinite && n > 0) {
      const int64_t i = in_range(0, n), j = in_range(0, i + 1);
      a[lower ? i * n + j : j * n + i] = *rc::gen::element(std::nan(""), INFINITY, -INFINITY);
      label = "non-finite (scipy raises), " + label;
    }
    const Tensor x = to_tensor(t, a, {n, n});
    Case c = build_case(
        OpRecipe{"Eigh",
                 {InputRecipe{x, *static_view(x.shape()), *rc::gen::weightedElement<bool>({{6, false}, {1, true}})}},
                 {{"lower", int64_t{lower}}}});
    c.label = label + (lower ? " (lower)" : " (upper)") + ": " + c.label;
    return c;
  });
}

// diag(2 i + s_ii) in the upper triangle (lower = false reads it) with s's
// 0/1 values below: distinct integer eigenvalues, already ascending.
VarRef eigh_grow(const std::vector<VarRef>& pool) {
  std::vector<VarRef> fits;
  for (const auto& v : pool)
    if (v->type.ndim() == 2) fits.push_back(v);
  if (fits.empty()) return nullptr;
  const VarRef b = zero_one(*rc::gen::elementOf(fits));
  const VarRef s = zero_one(pt::dot(b, pt::dimshuffle(b, {1, 0})));
  const VarRef i = pt::arange(pt::literal_int(0), pt::shape_i(s, 0), pt::literal_int(1), "int64");
  const VarRef d = pt::expand_dims(i, {1}) - pt::expand_dims(i, {0});  // row - column
  const VarRef below = pt::cast(pt::minimum(pt::maximum(d, pt::literal_int(0)), pt::literal_int(1)), "float32");
  const VarRef on_diag = pt::cast(pt::literal_int(1) - pt::minimum(pt::abs(d), pt::literal_int(1)), "float32");
  const VarRef twice_i = pt::cast(pt::expand_dims(i, {1}) * pt::literal_int(2), "float32");
  const VarRef a = s * below + on_diag * (twice_i + s);
  // Only w: syevr returns the unit vectors of a diagonal matrix with
  // LAPACK-dependent signs (-e_0 for diag(1, 2)), which only the invariant
  // check, not an elementwise comparison inside a graph, can accept.
  return pt::eigh(in_drawn_dtype(a, "Eigh", false), false).first;
}

SampleSpec eigh_spec() {
  SampleSpec s;
  s.op = "Eigh";
  s.dtypes = all_dtypes();
  s.gen = eigh_case;
  s.grow = eigh_grow;
  s.domain_notes =
      "eigenvectors compared by LAPACK's own eigensolver tests (residual and orthogonality), eigenvalues elementwise "
      "within the bound those tests imply; a NaN/inf element only rarely (scipy raises: out of domain); no "
      "generalized problem (a second matrix b)";
  return s;
}

const SampleSpecRegistrar kEigh(eigh_spec());

}  // namespace
}  // namespace ptonnx::gen
