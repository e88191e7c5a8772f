// Tier-4 linear algebra: every exported model of every tier-4 sample spec
// uses the default ONNX domain only and passes the checker and strict shape
// inference at opsets 13-17 (a combination the spec declares unsupported,
// Eig's, is refused with UnsupportedError instead); the ONNX forms per dtype; PyTensor's corner
// cases (b == 0 ignores z, integer wraparound, bool products, empty dims)
// end to end; and the failure decisions of docs/runtime-errors.md.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>

#include "catalog/catalog.h"
#include "check/driver.h"
#include "convert/export.h"
#include "core/error.h"
#include "generators/sample_spec.h"
#include "graph/builder.h"
#include "oracles/oracle.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::mat;
using test::vec;

onnx::ModelProto export_at(const FunctionGraph& g, int opset) {
  ExportOptions o;
  o.opset = opset;
  return export_onnx(g, o);
}

void collect_ops(const onnx::GraphProto& g, std::multiset<std::string>& ops, std::set<std::string>& domains) {
  for (const auto& n : g.node()) {
    ops.insert(n.op_type());
    domains.insert(n.domain());
    for (const auto& a : n.attribute()) {
      if (a.has_g()) collect_ops(a.g(), ops, domains);
      for (const auto& sub : a.graphs()) collect_ops(sub, ops, domains);
    }
  }
}

std::multiset<std::string> ops_of(const onnx::ModelProto& m) {
  std::multiset<std::string> ops;
  std::set<std::string> domains;
  collect_ops(m.graph(), ops, domains);
  return ops;
}

std::vector<std::string> tier4_ops_with_specs() {
  std::vector<std::string> out;
  for (const auto& e : catalog::all_ops())
    if (catalog::group_tier(e.group) == 4 && gen::find_spec(std::string(e.name))) out.emplace_back(e.name);
  return out;
}

// Every generated case of every tier-4 spec, each dtype, opsets 13-17
// (export validates: checker, strict shape inference, IR type cross-check):
// default domain only, in the opset imports and on every node at any depth.
TEST(Tier4Models, DefaultDomainOnlyAndValidAtOpsets13To17) {
  const auto ops = tier4_ops_with_specs();
  ASSERT_FALSE(ops.empty());
  int models = 0, refused = 0;
  for (const auto& op : ops) {
    const gen::SampleSpec* spec = gen::find_spec(op);
    for (DType t : spec->dtypes)
      for (int i = 0; i < 6; ++i) {
        const rc::Random rnd(static_cast<uint64_t>(1000 * i + static_cast<int>(t)) ^ std::hash<std::string>{}(op));
        gen::Case c;
        try {
          c = spec->gen(t)(rnd, 20 * i).value();
        } catch (const std::exception&) {
          continue;  // a discarded draw
        }
        for (int opset = 13; opset <= 17; ++opset) {
          SCOPED_TRACE(op + " " + std::string(dtype_name(t)) + " opset " + std::to_string(opset) + ": " + c.label);
          if (spec->find_unsupported(t, opset)) {
            // A declared unsupported combination (Eig): the converter must
            // refuse it with UnsupportedError, not export a model.
            EXPECT_THROW(export_at(*c.graph, opset), UnsupportedError);
            ++refused;
            continue;
          }
          onnx::ModelProto m;
          ASSERT_NO_THROW(m = export_at(*c.graph, opset));
          for (const auto& imp : m.opset_import()) EXPECT_TRUE(imp.domain().empty() || imp.domain() == "ai.onnx");
          std::multiset<std::string> node_ops;
          std::set<std::string> domains;
          collect_ops(m.graph(), node_ops, domains);
          for (const auto& d : domains) EXPECT_TRUE(d.empty() || d == "ai.onnx") << "domain " << d;
          ++models;
        }
      }
  }
  EXPECT_GT(models, 100);
  EXPECT_GT(refused, 0);  // Eig's cases reach the refusal
}

check::CaseResult run(const std::vector<VarRef>& ins, const VarRef& out, const std::vector<Tensor>& values,
                      int opset = 17) {
  FunctionGraph g(ins, {out});
  check::DriverOptions o;
  o.opset = opset;
  return check::run_case(g, values, o);
}

Tensor filled(DType t, Shape s, std::vector<double> v) {
  Tensor x(t, std::move(s));
  for (int64_t i = 0; i < x.numel(); ++i) x.set_from_double(i, v[static_cast<size_t>(i) % v.size()]);
  return x;
}

TEST(Products, IntegerDotWrapsWithoutMatMul) {
  auto x = pt::matrix("x", "int8"), y = pt::matrix("y", "int8");
  auto z = pt::dot(x, y);
  FunctionGraph g({x, y}, {z});
  const auto ops = ops_of(export_at(g, 13));
  EXPECT_EQ(ops.count("MatMul"), 0u);
  EXPECT_EQ(ops.count("ReduceSum"), 1u);
  // 127*127 + 127*127 = 32258 = 2 mod 256 (each product alone wraps to 1).
  const auto r = run({x, y}, z, {filled(DType::Int8, {1, 2}, {127}), filled(DType::Int8, {2, 1}, {127})});
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).get_as_int64(0), 2);
}

TEST(Products, Int64AndUInt64DotWrapModulo2To64) {
  for (const char* t : {"int64", "uint64"}) {
    auto x = pt::matrix("x", t), y = pt::matrix("y", t);
    const double big = std::ldexp(1.0, 62);
    const auto r =
        run({x, y}, pt::dot(x, y), {filled(parse_dtype(t), {1, 3}, {big}), filled(parse_dtype(t), {3, 1}, {3})});
    EXPECT_EQ(r.outcome, check::Outcome::Pass) << t << ": " << r.message;
  }
}

TEST(Products, BoolDotIsAnyOfAnd) {
  auto x = pt::matrix("x", "bool"), y = pt::matrix("y", "bool");
  const auto r = run({x, y}, pt::dot(x, y),
                     {filled(DType::Bool, {2, 2}, {1, 0, 0, 0}), filled(DType::Bool, {2, 2}, {0, 1, 1, 1})});
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).dtype(), DType::Bool);
  EXPECT_EQ(r.actual.at(0).get_as_int64(1), 1);
  EXPECT_EQ(r.actual.at(0).get_as_int64(2), 0);
}

TEST(Products, Float16DotAccumulatesInFloat32) {
  auto x = pt::matrix("x", "float16"), y = pt::matrix("y", "float16");
  FunctionGraph g({x, y}, {pt::dot(x, y)});
  const auto ops = ops_of(export_at(g, 17));
  EXPECT_EQ(ops.count("MatMul"), 1u);
  EXPECT_EQ(ops.count("Cast"), 3u);  // both operands to float32, the sum back to half
  // 2048 + 1 - 2048 in half-precision steps would be 0; accumulated in float it is 1.
  const auto r = run({x, y}, g.outputs()[0],
                     {filled(DType::Float16, {1, 3}, {2048, 1, -2048}), filled(DType::Float16, {3, 1}, {1})});
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).get_as_double(0), 1.0);
}

TEST(Products, EmptySharedDimGivesZeros) {
  auto x = pt::matrix("x", "float32"), y = pt::matrix("y", "float32");
  const auto r = run({x, y}, pt::dot(x, y), {Tensor(DType::Float32, {2, 0}), Tensor(DType::Float32, {0, 3})});
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).shape(), (Shape{2, 3}));
}

TEST(Products, GemmWithBZeroIgnoresNaNAndInfInZ) {
  for (const char* t : {"float16", "float32", "float64"}) {
    auto z = pt::matrix("z", t), x = pt::matrix("x", t), y = pt::matrix("y", t);
    auto a = pt::scalar("a", t), b = pt::scalar("b", t);
    auto out = pt::gemm(z, a, x, y, b);
    const double nan = std::nan("");
    const auto r = run({z, a, x, y, b}, out,
                       {filled(parse_dtype(t), {2, 2}, {nan, INFINITY, -INFINITY, 1}),
                        Tensor::scalar(parse_dtype(t), 2), filled(parse_dtype(t), {2, 3}, {1, 2, 3}),
                        filled(parse_dtype(t), {3, 2}, {1, -1}), Tensor::scalar(parse_dtype(t), 0)});
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << t << ": " << r.message;
    for (int64_t i = 0; i < 4; ++i) EXPECT_TRUE(std::isfinite(r.actual.at(0).get_as_double(i))) << t;
    FunctionGraph g({z, a, x, y, b}, {out});
    EXPECT_EQ(ops_of(export_at(g, 13)).count("Where"), 1u);
  }
}

TEST(Products, GemmBroadcastsARowOfZ) {
  auto z = pt::tensor("z", "float64", {1, std::nullopt}), x = pt::matrix("x"), y = pt::matrix("y");
  auto a = pt::scalar("a"), b = pt::scalar("b");
  const auto r = run({z, a, x, y, b}, pt::gemm(z, a, x, y, b),
                     {filled(DType::Float64, {1, 2}, {1, 2}), Tensor::scalar(DType::Float64, 1),
                      filled(DType::Float64, {3, 2}, {1, 2}), filled(DType::Float64, {2, 2}, {3, 4}),
                      Tensor::scalar(DType::Float64, 0.5)});
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).shape(), (Shape{3, 2}));
}

TEST(Products, GemvBetaZeroIgnoresYAndAlphaZeroSkipsAForBlasDtypes) {
  for (const char* t : {"float32", "float64"}) {
    const DType d = parse_dtype(t);
    auto y = pt::vector("y", t), A = pt::matrix("A", t), x = pt::vector("x", t);
    auto alpha = pt::scalar("alpha", t), beta = pt::scalar("beta", t);
    auto out = pt::gemv(y, alpha, A, x, beta);
    // beta == 0: y's NaN ignored.
    auto r = run({y, alpha, A, x, beta}, out,
                 {filled(d, {2}, {std::nan("")}), Tensor::scalar(d, 1), filled(d, {2, 2}, {1, 2}), filled(d, {2}, {1}),
                  Tensor::scalar(d, 0)});
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    EXPECT_EQ(r.actual.at(0).get_as_double(0), 3.0);
    // alpha == 0: BLAS never reads A, so its inf does not make NaN.
    r = run({y, alpha, A, x, beta}, out,
            {filled(d, {2}, {1}), Tensor::scalar(d, 0), filled(d, {2, 2}, {INFINITY}), filled(d, {2}, {1}),
             Tensor::scalar(d, 2)});
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    EXPECT_EQ(r.actual.at(0).get_as_double(0), 2.0);
  }
  // float16 takes NumPy's path: 0 * inf is NaN there.
  auto y = pt::vector("y", "float16"), A = pt::matrix("A", "float16"), x = pt::vector("x", "float16");
  auto alpha = pt::scalar("alpha", "float16"), beta = pt::scalar("beta", "float16");
  const auto r = run(
      {y, alpha, A, x, beta}, pt::gemv(y, alpha, A, x, beta),
      {filled(DType::Float16, {2}, {1}), Tensor::scalar(DType::Float16, 0), filled(DType::Float16, {2, 2}, {INFINITY}),
       filled(DType::Float16, {2}, {1}), Tensor::scalar(DType::Float16, 2)});
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_TRUE(std::isnan(r.actual.at(0).get_as_double(0)));
}

TEST(Products, GemvOfIntegersWraps) {
  auto y = pt::vector("y", "uint8"), A = pt::matrix("A", "uint8"), x = pt::vector("x", "uint8");
  auto alpha = pt::scalar("alpha", "uint8"), beta = pt::scalar("beta", "uint8");
  const auto r =
      run({y, alpha, A, x, beta}, pt::gemv(y, alpha, A, x, beta),
          {filled(DType::UInt8, {1}, {200}), Tensor::scalar(DType::UInt8, 3), filled(DType::UInt8, {1, 2}, {100}),
           filled(DType::UInt8, {2}, {1}), Tensor::scalar(DType::UInt8, 2)});
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).get_as_int64(0), (3 * 200 + 2 * 200) % 256);
}

TEST(Products, BatchedDotDoesNotBroadcastTheBatch) {
  auto x = pt::tensor3("x"), y = pt::tensor3("y");
  const auto r =
      run({x, y}, pt::batched_dot(x, y), {Tensor(DType::Float64, {2, 1, 1}), Tensor(DType::Float64, {1, 1, 1})});
  EXPECT_EQ(r.outcome, check::Outcome::OutOfDomain) << r.message;
  EXPECT_THROW(pt::batched_dot(pt::tensor("a", "float64", {2, 1, 1}), pt::tensor("b", "float64", {3, 1, 1})),
               TypeError);
}

TEST(Products, IRTypeRules) {
  EXPECT_EQ(pt::dot(pt::matrix("a", "int8"), pt::matrix("b", "float32"))->type.dtype, DType::Float32);
  EXPECT_THROW(pt::dot22(pt::matrix("a", "int32"), pt::matrix("b", "int32")), TypeError);
  EXPECT_THROW(pt::dot22(pt::matrix("a", "float32"), pt::matrix("b", "float64")), TypeError);
  EXPECT_THROW(pt::dot(pt::vector("a"), pt::matrix("b")), TypeError);
  EXPECT_THROW(pt::gemm(pt::matrix("z", "int32"), pt::scalar("a", "int32"), pt::matrix("x", "int32"),
                        pt::matrix("y", "int32"), pt::scalar("b", "int32")),
               TypeError);
}

}  // namespace
}  // namespace ptonnx

namespace ptonnx {
namespace {

TEST(ExtractDiag, InfOffTheDiagonalStaysOut) {
  auto x = pt::matrix("x", "float32");
  auto d = pt::extract_diag(x, 1);
  Tensor v(DType::Float32, {2, 3});
  for (int64_t i = 0; i < 6; ++i) v.set_from_double(i, INFINITY);
  v.set_from_double(1, 5);
  v.set_from_double(5, 7);
  FunctionGraph g({x}, {d});
  const auto r = check::run_case(g, {v});
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).get_as_double(0), 5.0);
  EXPECT_EQ(r.actual.at(0).get_as_double(1), 7.0);
}

TEST(ExtractDiag, SwappedAxesNegateTheOffsetAndTheDiagonalGoesLast) {
  auto x = pt::tensor("x", "int16", {2, 3, 4});
  auto d = pt::extract_diag(x, 1, 2, 0);  // = offset -1 over axes (0, 2)
  EXPECT_EQ(d->type.shape, (StaticShape{3, 1}));
  Tensor v(DType::Int16, {2, 3, 4});
  for (int64_t i = 0; i < v.numel(); ++i) v.set_from_double(i, static_cast<double>(i));
  FunctionGraph g({x}, {d});
  for (int opset = 13; opset <= 18; ++opset) {
    check::DriverOptions o;
    o.opset = opset;
    const auto r = check::run_case(g, {v}, o);
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    // x[1, j, 0] = 12 + 4 j.
    EXPECT_EQ(r.actual.at(0).get_as_int64(0), 12);
    EXPECT_EQ(r.actual.at(0).get_as_int64(2), 20);
  }
}

TEST(ExtractDiag, OffsetBeyondTheMatrixAndEmptyDims) {
  for (int64_t off : {-9, -3, 3, 9}) {
    auto x = pt::matrix("x", "bool");
    FunctionGraph g({x}, {pt::extract_diag(x, off)});
    const auto r = check::run_case(g, {Tensor(DType::Bool, {3, 3})});
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    EXPECT_EQ(r.actual.at(0).shape(), (Shape{0}));
  }
  auto x = pt::tensor3("x");
  FunctionGraph g({x}, {pt::extract_diag(x, 0, 1, 2)});
  const auto r = check::run_case(g, {Tensor(DType::Float64, {0, 2, 2})});
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).shape(), (Shape{0, 2}));
}

TEST(ExtractDiag, IRRefusals) {
  EXPECT_THROW(pt::extract_diag(pt::vector("v")), TypeError);
  EXPECT_THROW(pt::extract_diag(pt::matrix("m"), 0, 1, 1), TypeError);
  EXPECT_THROW(pt::extract_diag(pt::matrix("m"), 0, -1, 0), TypeError);
  EXPECT_THROW(pt::extract_diag(pt::matrix("m"), 0, 0, 2), TypeError);
}

}  // namespace
}  // namespace ptonnx

namespace ptonnx {
namespace {

check::CaseResult chol(const Tensor& v, bool lower, int opset = 17) {
  auto x = pt::tensor("x", std::string(dtype_name(v.dtype())), {std::nullopt, std::nullopt});
  FunctionGraph g({x}, {pt::cholesky(x, lower)});
  check::DriverOptions o;
  o.opset = opset;
  return check::run_case(g, {v}, o);
}

TEST(Cholesky, FactorsAndReadsOneTriangle) {
  // [[4, 2], [2, 5]] = L L^T with L = [[2, 0], [1, 2]]; 99 sits in the
  // triangle potrf does not read.
  for (int opset = 13; opset <= 18; ++opset) {
    auto r = chol(mat(DType::Float64, 2, {4, 99, 2, 5}), true, opset);
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    EXPECT_EQ(r.actual.at(0).get_as_double(2), 1.0);
    EXPECT_EQ(r.actual.at(0).get_as_double(1), 0.0);
    r = chol(mat(DType::Float32, 2, {4, 2, 99, 5}), false, opset);
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    EXPECT_EQ(r.actual.at(0).get_as_double(1), 1.0);  // U = L^T
    EXPECT_EQ(r.actual.at(0).get_as_double(2), 0.0);
  }
}

TEST(Cholesky, NotPositiveDefiniteIsAllNaN) {
  const double nan = std::nan("");
  for (const auto& v : {mat(DType::Float64, 2, {1, 0, 2, 1}),    // indefinite
                        mat(DType::Float64, 2, {1, 0, 1, 1}),    // exactly singular: pivot 0
                        mat(DType::Float64, 2, {nan, 0, 0, 1}),  // NaN
                        mat(DType::Float64, 1, {-1})}) {
    const auto r = chol(v, true);
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    for (int64_t i = 0; i < r.actual.at(0).numel(); ++i) EXPECT_TRUE(std::isnan(r.actual.at(0).get_as_double(i)));
  }
}

TEST(Cholesky, EmptyAndIntegerInputs) {
  auto r = chol(Tensor(DType::Float32, {0, 3}), true);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).shape(), (Shape{0, 3}));
  r = chol(mat(DType::Int8, 1, {9}), true);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).dtype(), DType::Float32);
  EXPECT_EQ(r.actual.at(0).get_as_double(0), 3.0);
  r = chol(mat(DType::Int32, 1, {9}), true);
  EXPECT_EQ(r.actual.at(0).dtype(), DType::Float64);
  // Non-square and non-empty: PyTensor raises, out of domain.
  auto x = pt::matrix("x");
  FunctionGraph g({x}, {pt::cholesky(x)});
  EXPECT_EQ(check::run_case(g, {Tensor(DType::Float64, {2, 3})}).outcome, check::Outcome::OutOfDomain);
}

TEST(Cholesky, ExportIsALoopWithDynamicSize) {
  auto x = pt::matrix("x");
  FunctionGraph g({x}, {pt::cholesky(x)});
  const auto m = export_at(g, 13);
  EXPECT_EQ(ops_of(m).count("Loop"), 1u);
  // A 40 x 40 SPD matrix through the same model.
  Tensor a(DType::Float64, {40, 40});
  for (int64_t i = 0; i < 40; ++i)
    for (int64_t j = 0; j < 40; ++j) a.set_from_double(i * 40 + j, (i == j ? 40.0 : 0.0) + 1.0 / (1 + i + j));
  const auto r = check::run_case(g, {a});
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << r.message;
}

}  // namespace
}  // namespace ptonnx

namespace ptonnx {
namespace {

check::CaseResult solve_tri(const Tensor& a, const Tensor& b, int trans, bool lower, bool unit, int opset = 17) {
  auto A = pt::tensor("A", std::string(dtype_name(a.dtype())), {std::nullopt, std::nullopt});
  auto B =
      pt::tensor("b", std::string(dtype_name(b.dtype())), StaticShape(static_cast<size_t>(b.rank()), std::nullopt));
  FunctionGraph g({A, B}, {pt::solve_triangular(A, B, trans, lower, unit)});
  check::DriverOptions o;
  o.opset = opset;
  return check::run_case(g, {a, b}, o);
}

TEST(SolveTriangular, LowerUpperTransAndTheUnreadTriangle) {
  const double inf = INFINITY;
  // Lower [[2, inf], [1, 4]] (inf unread): x = [1, 1] for b = [2, 5].
  for (int opset = 13; opset <= 18; ++opset) {
    auto r = solve_tri(mat(DType::Float64, 2, {2, inf, 1, 4}), vec(DType::Float64, {2, 5}), 0, true, false, opset);
    ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
    EXPECT_EQ(r.actual.at(0).get_as_double(0), 1.0);
    EXPECT_EQ(r.actual.at(0).get_as_double(1), 1.0);
  }
  // trans=1 with lower=False solves A^T x = b with A's upper triangle:
  // A = [[2, 1], [nan, 4]] -> A^T = [[2, 0], [1, 4]].
  auto r = solve_tri(mat(DType::Float32, 2, {2, 1, std::nan(""), 4}), vec(DType::Float32, {2, 5}), 1, false, false);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).get_as_double(1), 1.0);
}

TEST(SolveTriangular, ZeroDiagonalIsAllNaNUnlessUnit) {
  const Tensor a = mat(DType::Float64, 2, {0, 0, 1, 1});
  auto r = solve_tri(a, Tensor(DType::Float64, {2, 2}), 0, true, false);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  for (int64_t i = 0; i < 4; ++i) EXPECT_TRUE(std::isnan(r.actual.at(0).get_as_double(i)));
  // unit_diagonal: the diagonal (even NaN) is never read.
  r = solve_tri(mat(DType::Float64, 2, {std::nan(""), 0, 1, 0}), vec(DType::Float64, {1, 1}), 0, true, true);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).get_as_double(1), 0.0);
}

TEST(SolveTriangular, EmptyBAndIntegerUpcast) {
  auto r = solve_tri(mat(DType::Float64, 2, {0, 0, 0, 0}), Tensor(DType::Float64, {2, 0}), 0, true, false);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).shape(), (Shape{2, 0}));
  r = solve_tri(mat(DType::Int8, 1, {2}), vec(DType::Float32, {3}), 0, false, false);
  ASSERT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  EXPECT_EQ(r.actual.at(0).dtype(), DType::Float32);
  r = solve_tri(mat(DType::Int8, 1, {2}), vec(DType::Int32, {3}), 0, false, false);
  EXPECT_EQ(r.actual.at(0).dtype(), DType::Float64);
  r = solve_tri(mat(DType::Float64, 2, {1, 0, 0, 1}), vec(DType::Float64, {1, 2, 3}), 0, false, false);
  EXPECT_EQ(r.outcome, check::Outcome::OutOfDomain);
}

}  // namespace
}  // namespace ptonnx
