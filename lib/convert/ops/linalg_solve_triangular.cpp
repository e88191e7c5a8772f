// SolveTriangular as a standard-domain ONNX Loop over the rows (forward
// substitution for lower, backward for upper), with dynamic sizes (scipy
// trtrs semantics, see oracles/linalg_solve_triangular.cpp):
//
//   A = Cast(a, t), B = Cast(b, t) as (n, k) (a vector b gets an axis)
//   X, failed = linalg_loops::triangular_solve(A, B, lower, unit_diagonal)
//   out = Where(failed, NaN, X)          (trtrs' info > 0: PyTensor all NaN)
//
// The unread triangle and, with unit_diagonal, the diagonal are masked by
// Where, never multiplied. An empty b runs the loop over no columns and
// gives b's shape, as np.empty_like.
#include <limits>

#include "convert/ops/axes.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"
#include "graph/ops/linalg.h"

namespace ptonnx {
namespace {

void convert_solve_triangular(ConversionContext& c, const Node& n) {
  const DType t = c.out_dtype();
  const bool lower = linalg::attr_flag(n.attrs, "lower", false);
  const bool unit = linalg::attr_flag(n.attrs, "unit_diagonal", false);
  const bool vector = n.inputs.at(1)->type.ndim() == 1;
  Emit e{c};
  const std::string A = c.cast(c.in(0), c.in_dtype(0), t);
  std::string B = c.cast(c.in(1), c.in_dtype(1), t);
  if (vector) B = e.op("Unsqueeze", {B, axes::int64_vector(c, {1}, "axes")}, "b_col");
  const auto [X, failed] = linalg_loops::triangular_solve(c, A, B, t, lower, unit);
  const std::string nan = c.scalar(t, std::numeric_limits<double>::quiet_NaN());
  if (!vector) {
    c.emit("Where", {failed, nan, X}, {c.out()});
    return;
  }
  c.emit("Squeeze", {e.op("Where", {failed, nan, X}, "solution"), axes::int64_vector(c, {1}, "axes")}, {c.out()});
}

const ConverterRegistrar kSolveTriangular("SolveTriangular", 13, convert_solve_triangular);

}  // namespace
}  // namespace ptonnx
