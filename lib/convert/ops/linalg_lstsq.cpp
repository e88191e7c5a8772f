// Lstsq as standard-domain ONNX, M, N and K dynamic (semantics:
// oracles/linalg_lstsq.cpp): numpy.linalg.lstsq(a, b, rcond) is LAPACK's
// gelsd, reproduced on the SVD of linalg_loops::svd (one-sided Jacobi,
// linalg_svd.cpp) with full_matrices=False and no completion of U, all in
// float64 (the declared output dtypes, whatever the inputs):
//   rcnd = eps (2^-53, dlamch 'E') when rcond <= 0 or rcond >= 1, else
//   rcond (dlalsd); tol = rcnd max(s), and 0 when min(M, N) == 1 (dlalsd's
//   1 x 1 bidiagonal branch keeps its value unless it is exactly 0; the
//   same as s > rcnd s except where rcnd s rounds up to s, a subnormal s:
//   np.linalg.lstsq([[1e-323], [0]], [[1e-323], [1]], rcond=0.9) has rank 1);
//   zero_i = s_i <= tol (dlalsd's test: a NaN tol keeps everything);
//   rank = count of the others (int32);
//   x = Vt^T ((U^T b) / s[:, None] where kept, else 0);
//   residuals = column sums of (b - U (U^T b))^2, sliced to length K when
//   rank == N and M > N, to 0 otherwise (NumPy's rule; a data-dependent
//   shape, hence Slice with a computed end). Projecting b off U's range
//   errs by ~eps ||b||; b - A x would add cond(A) eps ||b||.
// U's columns past the SVD's numerical rank (sigma <= L u max(sigma)) are
// zero, so a singular value between eps max(s) and L u max(s) counts in
// the rank but adds nothing to x where gelsd inverts it: the spec keeps
// singular values clear of both (generators/specs/linalg_lstsq.cpp).
// M == 0 or N == 0: s and U^T b are empty, x is zeros (NumPy zeroes x for
// M == 0), rank 0, and with N == 0 < M the residuals are the column sums
// of b^2, as NumPy returns them.
#include <cmath>

#include "convert/ops/axes.h"
#include "convert/ops/linalg_jacobi.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

void convert_lstsq(ConversionContext& c, const Node& n) {
  // The IR refuses other ranks (lib/graph/ops/linalg_lstsq.cpp); a graph
  // built around it must not reach the SVD with them.
  if (n.inputs.size() != 3 || n.inputs[0]->type.ndim() != 2 || n.inputs[1]->type.ndim() != 2 ||
      n.inputs[2]->type.ndim() != 0)
    c.unsupported("Lstsq needs a matrix x, a matrix y and a 0-d rcond");
  const DType t = DType::Float64;
  Emit e{c};
  const std::string A = c.cast(c.in(0), c.in_dtype(0), t);
  const std::string B = c.cast(c.in(1), c.in_dtype(1), t);
  const std::string rcond = c.cast(c.in(2), c.in_dtype(2), t);
  linalg_loops::SVDOptions o;
  o.full_matrices = false;
  o.complete = false;
  const auto r = linalg_loops::svd(c, A, t, o);

  const std::string shape = e.op("Shape", {A}, "shape");
  const std::string m = linalg_loops::dim(c, shape, 0, "m"), cols = linalg_loops::dim(c, shape, 1, "n");
  const std::string k = e.op("Min", {m, cols}, "k");
  const std::string s_max = c.temp("s_max");
  set_attr(c.emit("ReduceMax", {e.op("Concat", {r.s, linalg_loops::unsqueeze(c, c.scalar(t, 0), 0, "zero1")}, "s0", 0)},
                  {s_max}),
           "keepdims", int64_t{0});
  const std::string outside = e.op("Or",
                                   {e.op("LessOrEqual", {rcond, c.scalar(t, 0)}, "rcond_nonpositive"),
                                    e.op("GreaterOrEqual", {rcond, c.scalar(t, 1)}, "rcond_at_least_one")},
                                   "rcond_outside");
  const std::string rcnd = e.op("Where", {outside, c.scalar(t, std::ldexp(1.0, -53)), rcond}, "rcnd");
  const std::string tol = e.op(
      "Where",
      {e.op("Equal", {k, c.scalar(DType::Int64, 1)}, "single"), c.scalar(t, 0), e.op("Mul", {rcnd, s_max}, "cutoff")},
      "tol");
  const std::string kept = e.op("Not", {e.op("LessOrEqual", {r.s, tol}, "negligible")}, "kept");
  const std::string rank = c.temp("rank");
  set_attr(c.emit("ReduceSum", {c.cast(kept, DType::Bool, DType::Int64)}, {rank}), "keepdims", int64_t{0});
  c.cast(rank, DType::Int64, DType::Int32, c.out(2));

  // (U^T b) / s rather than (1 / s) (U^T b): one rounding, and no
  // overflow of 1 / s for a subnormal s (gelsd divides too, by dlascl).
  const std::string Utb = e.op("MatMul", {linalg_loops::transpose(c, r.U), B}, "Utb");
  const std::string safe_s = e.op("Where", {kept, r.s, c.scalar(t, 1)}, "safe_s");
  const std::string scaled =
      e.op("Where",
           {linalg_loops::unsqueeze(c, kept, 1, "kept_col"),
            e.op("Div", {Utb, linalg_loops::unsqueeze(c, safe_s, 1, "s_col")}, "divided"), c.scalar(t, 0)},
           "scaled");
  c.emit("MatMul", {linalg_loops::transpose(c, r.Vt), scaled}, {c.out(0)});

  const std::string off_range = e.op("Sub", {B, e.op("MatMul", {r.U, Utb}, "projection")}, "off_range");
  const std::string sums = c.temp("residual_sums");
  set_attr(c.emit("ReduceSum", {e.op("Mul", {off_range, off_range}, "squares"), axes::int64_vector(c, {0}, "axis0")},
                  {sums}),
           "keepdims", int64_t{0});
  const std::string present =
      e.op("And", {e.op("Equal", {rank, cols}, "full_rank"), e.op("Greater", {m, cols}, "overdetermined")}, "present");
  const std::string rhs = linalg_loops::dim(c, e.op("Shape", {B}, "b_shape"), 1, "rhs");
  const std::string length = e.op("Where", {present, rhs, c.scalar(DType::Int64, 0)}, "length");
  axes::pin_rank(c,
                 e.op("Slice",
                      {sums, axes::int64_vector(c, {0}, "start"), linalg_loops::unsqueeze(c, length, 0, "length1"),
                       axes::int64_vector(c, {0}, "axis")},
                      "residuals"),
                 1, c.out(1));
  c.emit("Identity", {r.s}, {c.out(3)});
}

const ConverterRegistrar kLstsq("Lstsq", 13, convert_lstsq);

}  // namespace
}  // namespace ptonnx
