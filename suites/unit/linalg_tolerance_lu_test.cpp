// The tolerance rules of LU, Det, SLogDet, Solve and MatrixInverse
// (lib/check/linalg_tolerance_lu.cpp): the oracle's float32 result must
// match its float64 result (a second implementation, far more accurate)
// within the float32 tolerance the rule derives; the rule widens only the
// outputs it bounds and keeps the default where no bound can be formed.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "check/compare.h"
#include "check/tolerance_rules.h"
#include "graph/builder.h"
#include "graph/builder_linalg.h"
#include "oracles/oracle.h"

using namespace ptonnx;
using check::Tolerance;

namespace {

// An n x m matrix of multiples of 1/16 in [-4, 4] (exact in float32), diagonally shifted by `shift`.
std::vector<double> random_matrix(int64_t n, int64_t m, unsigned seed, double shift = 0) {
  std::mt19937 gen(seed);
  std::uniform_int_distribution<int> d(-64, 64);
  std::vector<double> v(static_cast<size_t>(n * m));
  for (auto& x : v) x = d(gen) / 16.0;
  for (int64_t i = 0; i < std::min(n, m); ++i) v[i * m + i] += shift;
  return v;
}

Tensor make(DType t, Shape shape, const std::vector<double>& values) {
  Tensor out(t, std::move(shape));
  for (int64_t i = 0; i < out.numel(); ++i) out.set_from_double(i, values[static_cast<size_t>(i)]);
  return out;
}

struct Evaluated {
  FunctionGraph g;
  std::vector<Tensor> inputs, outputs;
};

// The graph `build` makes from matrix (and vector/matrix b) inputs of dtype t, evaluated by the oracle.
template <typename Build>
Evaluated run(DType t, const std::vector<Tensor>& values, Build build) {
  std::vector<VarRef> ins;
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string name = "x" + std::to_string(i);
    ins.push_back(values[i].rank() == 1 ? pt::vector(name, std::string(dtype_name(t)))
                                        : pt::matrix(name, std::string(dtype_name(t))));
  }
  FunctionGraph g(ins, build(ins));
  std::vector<Tensor> typed;
  for (const auto& v : values) typed.push_back(make(t, v.shape(), std::vector<double>(v.numel(), 0)));
  for (size_t i = 0; i < values.size(); ++i)
    for (int64_t j = 0; j < values[i].numel(); ++j) typed[i].set_from_double(j, values[i].get_as_double(j));
  auto out = oracle::evaluate(g, typed);
  return {std::move(g), std::move(typed), std::move(out)};
}

Tolerance rule_tol(const Evaluated& r, size_t i) {
  return check::apply_tolerance_rule(r.g, r.inputs, i, r.outputs[i], Tolerance::for_dtype(r.outputs[i].dtype()));
}

// The float64 result rounded to float32 matches the float32 result within the rule's tolerance; returns that
// tolerance.
template <typename Build>
std::vector<Tolerance> check_against_float64(const std::vector<Tensor>& values, Build build) {
  const Evaluated r32 = run(DType::Float32, values, build), r64 = run(DType::Float64, values, build);
  std::vector<Tolerance> tols;
  for (size_t i = 0; i < r32.outputs.size(); ++i) {
    const Tolerance tol = rule_tol(r32, i);
    Tensor as32(r32.outputs[i].dtype(), r64.outputs[i].shape());
    for (int64_t j = 0; j < as32.numel(); ++j) {
      if (is_float(as32.dtype()))
        as32.data<float>()[j] = static_cast<float>(r64.outputs[i].get_as_double(j));
      else
        as32.set_from_double(j, r64.outputs[i].get_as_double(j));
    }
    const auto m = check::compare_tensors(r32.outputs[i], as32, tol);
    EXPECT_TRUE(m.ok) << "output " << i << ": " << check::describe(m, "") << " (atol " << tol.atol << ", rtol "
                      << tol.rtol << ")";
    tols.push_back(tol);
  }
  return tols;
}

const Tolerance kBase32 = Tolerance::for_dtype(DType::Float32);

}  // namespace

TEST(LinalgToleranceLU, FactorsWithinTheBoundPermutationExact) {
  for (auto [m, n] : {std::pair<int64_t, int64_t>{8, 8}, {9, 5}, {4, 7}}) {
    const Tensor A = make(DType::Float64, {m, n}, random_matrix(m, n, 7 + static_cast<unsigned>(m)));
    const auto t = check_against_float64({A}, [](auto& in) { return pt::lu(in[0]); });
    EXPECT_EQ(t[0].atol, kBase32.atol);  // P
    for (size_t i : {1u, 2u}) {
      EXPECT_GT(t[i].atol, kBase32.atol) << m << "x" << n << " output " << i;
      EXPECT_LT(t[i].atol, 1e-2) << m << "x" << n << " output " << i;
    }
    const auto pl = check_against_float64({A}, [](auto& in) { return pt::lu(in[0], true); });
    EXPECT_GT(pl[0].atol, kBase32.atol);
    const auto pi = check_against_float64({A}, [](auto& in) { return pt::lu(in[0], false, true); });
    EXPECT_EQ(pi[0].atol, 0.0);  // int32 indices: exact
  }
}

TEST(LinalgToleranceLU, NearTieKeepsTheDefaultAndAZeroPivotIsBounded) {
  // Step 1 compares 0.75 (row 1) with 0.75 - 2^-52 (row 2), a gap rounding can close: no bound.
  const Tensor tie = make(DType::Float64, {3, 3}, {4, 1, 1, 1, 1, 0, 2, 1.25 - std::ldexp(1.0, -52), 3});
  const Evaluated r = run(DType::Float64, {tie}, [](auto& in) { return pt::lu(in[0]); });
  EXPECT_EQ(rule_tol(r, 1).atol, Tolerance::for_dtype(DType::Float64).atol);
  // A gap of 2^-50 is beyond rounding (2 gamma_1 (|L||U|) ~ 5e-16); at step 0 any gap is exact.
  const Tensor apart = make(DType::Float64, {3, 3}, {4, 1, 1, 1, 1, 0, 2, 1.25 - std::ldexp(1.0, -50), 3});
  const Evaluated a = run(DType::Float64, {apart}, [](auto& in) { return pt::lu(in[0]); });
  EXPECT_GT(rule_tol(a, 1).atol, Tolerance::for_dtype(DType::Float64).atol);
  const Tensor first = make(DType::Float64, {2, 2}, {1, 2, -(1 - std::ldexp(1.0, -52)), 3});
  const Evaluated f = run(DType::Float64, {first}, [](auto& in) { return pt::lu(in[0]); });
  EXPECT_GT(rule_tol(f, 1).atol, Tolerance::for_dtype(DType::Float64).atol);
  // An exactly zero pivot (2 - 0.5 * 4) scales nothing: the bound of the
  // same factors with that pivot set to 1 holds, and stays finite.
  const Tensor sing = make(DType::Float64, {2, 2}, {1, 2, 2, 4});
  const Evaluated s = run(DType::Float64, {sing}, [](auto& in) { return pt::lu(in[0]); });
  EXPECT_GT(rule_tol(s, 2).atol, Tolerance::for_dtype(DType::Float64).atol);
  EXPECT_LT(rule_tol(s, 2).atol, 1e-13);
}

TEST(LinalgToleranceDet, LogabsdetAtolDetRtolSignExact) {
  const Tensor A = make(DType::Float64, {10, 10}, random_matrix(10, 10, 3, 2.0));
  const auto d = check_against_float64({A}, [](auto& in) { return std::vector<VarRef>{pt::det(in[0])}; });
  EXPECT_GT(d[0].rtol, 0.0);
  EXPECT_LT(d[0].rtol, 1e-3);
  const auto s = check_against_float64({A}, [](auto& in) {
    auto [sign, logdet] = pt::slogdet(in[0]);
    return std::vector<VarRef>{sign, logdet};
  });
  EXPECT_EQ(s[0].atol, kBase32.atol);
  EXPECT_EQ(s[0].rtol, 0.0);
  EXPECT_GT(s[1].atol, kBase32.atol);
  // Singular: det 0, logabsdet -inf: the default.
  const Evaluated r = run(DType::Float64, {make(DType::Float64, {2, 2}, {1, 2, 2, 4})},
                          [](auto& in) { return std::vector<VarRef>{pt::det(in[0])}; });
  EXPECT_EQ(rule_tol(r, 0).rtol, 0.0);
}

TEST(LinalgToleranceSolve, EveryStructureAndTheInverse) {
  const int64_t n = 8;
  const Tensor A = make(DType::Float64, {n, n}, random_matrix(n, n, 11, 1.0));
  const Tensor b = make(DType::Float64, {n, 3}, random_matrix(n, 3, 12));
  // A symmetric positive definite matrix: G G^T + n I.
  const auto g = random_matrix(n, n, 13);
  std::vector<double> spd(static_cast<size_t>(n * n));
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double s = i == j ? static_cast<double>(n) : 0.0;
      for (int64_t k = 0; k < n; ++k) s += g[i * n + k] * g[j * n + k];
      spd[i * n + j] = std::round(s * 16) / 16;
    }
  const Tensor S = make(DType::Float64, {n, n}, spd);
  for (const char* kind : {"gen", "sym", "her", "pos"})
    for (bool lower : {false, true}) {
      const Tensor& a = std::string(kind) == "gen" ? A : S;
      const auto t = check_against_float64(
          {a, b}, [&](auto& in) { return std::vector<VarRef>{pt::solve(in[0], in[1], kind, lower)}; });
      EXPECT_GT(t[0].atol, kBase32.atol) << kind;
      EXPECT_LT(t[0].atol, 1e-2) << kind;
    }
  const auto bv = make(DType::Float64, {n}, random_matrix(n, 1, 14));
  check_against_float64({A, bv}, [](auto& in) { return std::vector<VarRef>{pt::solve(in[0], in[1])}; });
  const auto inv = check_against_float64({A}, [](auto& in) { return std::vector<VarRef>{pt::matrix_inverse(in[0])}; });
  EXPECT_GT(inv[0].atol, kBase32.atol);
  // pos on an indefinite matrix: all NaN, the default.
  const Evaluated r =
      run(DType::Float64, {make(DType::Float64, {2, 2}, {1, 2, 2, 1}), make(DType::Float64, {2}, {1, 1})},
          [](auto& in) { return std::vector<VarRef>{pt::solve(in[0], in[1], "pos")}; });
  EXPECT_EQ(rule_tol(r, 0).atol, Tolerance::for_dtype(DType::Float64).atol);
}
