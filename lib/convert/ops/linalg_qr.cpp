// QR (pivoting=False) as standard-domain ONNX with dynamic M, N: geqrf as
// the dgeqr2 Loop of linalg_householder (min(M, N) reflectors, LAPACK's
// sign and tau = 0 conventions), Q by the dorg2r Loop, so that Q, R, the
// packed matrix and tau match LAPACK's elementwise where the factorisation
// is unique. Semantics: oracles/linalg_qr.cpp. K = min(M, N):
//   R (full, r)        = Where(row <= col, packed, 0)              (M x N)
//   R (economic, raw)  = the same on packed[:K]                    (K x N)
//   Q (full)           = dorg2r with M columns;  (economic) K columns
//   raw                = (packed, tau, R)
// M = 0 < N, where PyTensor raises, gives empty outputs (out of domain).
// Every output is rank-pinned (ONNX 1.12's inference loses the rank
// through Slice with computed ends and through Loop).
#include "convert/ops/axes.h"
#include "convert/ops/linalg_householder.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

using linalg_loops::dim;

// Where(row <= col, x[:rows], 0): the upper triangle of x's first rows.
std::string upper(ConversionContext& c, const std::string& x, const std::string& rows, const std::string& n, DType t) {
  Emit e{c};
  const std::string ends = linalg_loops::unsqueeze(c, rows, 0, "rows_end");
  const std::string top =
      e.op("Slice", {x, axes::int64_vector(c, {0}, "starts"), ends, axes::int64_vector(c, {0}, "axes")}, "top");
  const std::string row_col = linalg_loops::unsqueeze(c, linalg_loops::range(c, rows, "r_rows"), 1, "r_row_col");
  const std::string col_row = linalg_loops::unsqueeze(c, linalg_loops::range(c, n, "r_cols"), 0, "r_col_row");
  return e.op("Where", {e.op("LessOrEqual", {row_col, col_row}, "upper"), top, c.scalar(t, 0)}, "R");
}

void convert_qr(ConversionContext& c, const Node& n) {
  const std::string mode = has_attr(n.attrs, "mode") ? attr_string(n.attrs, "mode") : "full";
  const DType t = c.out_dtype(0);
  Emit e{c};
  const std::string A = c.cast(c.in(0), c.in_dtype(0), t);
  const std::string shape = e.op("Shape", {A}, "shape");
  const std::string m = dim(c, shape, 0, "m"), cols = dim(c, shape, 1, "n");
  const std::string k = e.op("Min", {m, cols}, "k");
  const auto f = linalg_loops::householder_qr(c, A, t);
  const bool thin = mode == "economic" || mode == "raw";
  const std::string R = upper(c, f.packed, thin ? k : m, cols, t);
  if (mode == "r") {
    axes::pin_rank(c, R, 2, c.out(0));
    return;
  }
  if (mode == "raw") {
    c.emit("Identity", {f.packed}, {c.out(0)});
    c.emit("Identity", {f.tau}, {c.out(1)});
    axes::pin_rank(c, R, 2, c.out(2));
    return;
  }
  axes::pin_rank(c, linalg_loops::householder_q(c, f.packed, f.tau, mode == "economic" ? k : m, t), 2, c.out(0));
  axes::pin_rank(c, R, 2, c.out(1));
}

const ConverterRegistrar kQR("QR", 13, convert_qr);

}  // namespace
}  // namespace ptonnx
