// Solve and MatrixInverse as standard-domain ONNX Loops, sizes dynamic
// (semantics: oracles/linalg_solve.cpp).
//
// Solve(assume_a, lower):
//   gen: getrf Loop (linalg_loops::lu), then L y = b[perm] (unit lower) and
//        U x = y by substitution Loops reading the packed factors: scipy's
//        gesv (getrf + getrs). Failure: an exactly zero pivot.
//   sym, her: the symmetric matrix the read triangle defines, solved as gen.
//        LAPACK's sysv pivots differently (Bunch-Kaufman); both solve the
//        same system, and both fail on an exactly zero pivot when a row and
//        column vanish (docs/converter.md says where they can part).
//   pos: Cholesky Loop of the read triangle (potrf), then L y = b and
//        L^T x = y: scipy's posv. Failure: not positive definite.
//   Failure gives all NaN (PyTensor catches LinAlgError and fills NaN).
//   A vector b is reshaped to (max(n, 1), -1): a column, or for n == 1 the
//   1 x m system scipy solves when a 1 x 1 a meets a b of any length.
// MatrixInverse (numpy.linalg.inv = gesv(A, I)): the gen path with
//   b = EyeLike(A); singular input is out of PyTensor's domain (it raises).
#include <limits>

#include "convert/ops/axes.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"
#include "graph/ops/linalg.h"

namespace ptonnx {
namespace {

using linalg_loops::Factor;

// x = A^-1 B through getrf and two substitutions.
Factor lu_solve(ConversionContext& c, const std::string& A, const std::string& B, DType t) {
  const auto f = linalg_loops::lu(c, A, t);
  const std::string permuted = Emit{c}.op("Gather", {B, f.perm}, "b_permuted", 0);
  const std::string y = linalg_loops::triangular_solve(c, f.packed, permuted, t, true, true).value;
  return {linalg_loops::triangular_solve(c, f.packed, y, t, false, false).value, f.singular};
}

// The symmetric matrix whose `lower` (else upper) triangle is A's.
std::string symmetric_from(ConversionContext& c, const std::string& A, bool lower) {
  Emit e{c};
  const std::string shape = e.op("Shape", {A}, "shape");
  const std::string index = linalg_loops::range(c, linalg_loops::dim(c, shape, 0, "n"), "index");
  const std::string rows = linalg_loops::unsqueeze(c, index, 1, "rows"),
                    cols = linalg_loops::unsqueeze(c, index, 0, "cols");
  const std::string read = e.op(lower ? "GreaterOrEqual" : "LessOrEqual", {rows, cols}, "read");
  return e.op("Where", {read, A, linalg_loops::transpose(c, A)}, "symmetric");
}

Factor cholesky_solve(ConversionContext& c, const std::string& A, const std::string& B, DType t, bool lower) {
  const auto [L, failed] = linalg_loops::cholesky_lower(c, lower ? A : linalg_loops::transpose(c, A), t);
  const std::string y = linalg_loops::triangular_solve(c, L, B, t, true, false).value;
  return {linalg_loops::triangular_solve(c, linalg_loops::transpose(c, L), y, t, false, false).value, failed};
}

void convert_solve(ConversionContext& c, const Node& n) {
  const DType t = c.out_dtype();
  const std::string kind = has_attr(n.attrs, "assume_a") ? attr_string(n.attrs, "assume_a") : "gen";
  const bool lower = linalg::attr_flag(n.attrs, "lower", false);
  const bool vector = n.inputs.at(1)->type.ndim() == 1;
  Emit e{c};
  const std::string A = c.cast(c.in(0), c.in_dtype(0), t);
  std::string B = c.cast(c.in(1), c.in_dtype(1), t);
  if (vector) {
    const std::string rows = linalg_loops::dim(c, e.op("Shape", {A}, "a_shape"), 0, "n");
    const std::string lead =
        linalg_loops::unsqueeze(c, e.op("Max", {rows, c.scalar(DType::Int64, 1)}, "rows_or_1"), 0, "lead");
    const std::string target = c.temp("b_matrix_shape");
    set_attr(c.emit("Concat", {lead, axes::int64_vector(c, {-1}, "rest")}, {target}), "axis", int64_t{0});
    B = e.op("Reshape", {B, target}, "b_matrix");
  }
  Factor x;
  if (kind == "pos")
    x = cholesky_solve(c, A, B, t, lower);
  else if (kind == "gen")
    x = lu_solve(c, A, B, t);
  else if (kind == "sym" || kind == "her")
    x = lu_solve(c, symmetric_from(c, A, lower), B, t);
  else
    c.unsupported("assume_a='" + kind + "' (supported: gen, sym, her, pos)");
  const std::string nan = c.scalar(t, std::numeric_limits<double>::quiet_NaN());
  if (!vector) {
    c.emit("Where", {x.failed, nan, x.value}, {c.out()});
    return;
  }
  // Back to b's shape by flattening: Reshape to a computed Shape(b) of [0]
  // would copy the input's dim instead (allowzero 0), [-1] never does.
  c.emit("Reshape", {e.op("Where", {x.failed, nan, x.value}, "solution"), axes::int64_vector(c, {-1}, "flat")},
         {c.out()});
}

void convert_matrix_inverse(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  const std::string A = c.cast(c.in(0), c.in_dtype(0), t);
  const auto x = lu_solve(c, A, Emit{c}.op("EyeLike", {A}, "identity"), t);
  c.emit("Identity", {x.value}, {c.out()});
}

const ConverterRegistrar kSolve("Solve", 13, convert_solve);
const ConverterRegistrar kMatrixInverse("MatrixInverse", 13, convert_matrix_inverse);

}  // namespace
}  // namespace ptonnx
