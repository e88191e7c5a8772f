// Cholesky as a standard-domain ONNX Loop over the columns, with the size
// known only at run time (scipy potrf(clean=True) semantics, see
// oracles/linalg_cholesky.cpp):
//
//   A = Cast(x, t)            (Transpose first for lower=False: potrf's
//                              upper factor of A is the transposed lower
//                              factor of A^T, and only that triangle is read)
//   L, failed = linalg_loops::cholesky_lower(A)   (left-looking dpotf2)
//   out = Where(failed, NaN, L)                   (PyTensor: all NaN on failure)
//
// No com.microsoft ops, no ONNX functions: Gather, MatMul, ReduceSum,
// Where, Sqrt, Div and friends at opsets 13-18. An empty input runs no
// iteration and gives zeros of its own shape, as np.empty_like.
#include <limits>

#include "convert/ops/linalg_loops.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"
#include "graph/ops/linalg.h"

namespace ptonnx {
namespace {

void convert_cholesky(ConversionContext& c, const Node& n) {
  const DType t = c.out_dtype();
  const bool lower = linalg::cholesky_lower(n.attrs);
  std::string A = c.cast(c.in(0), c.in_dtype(0), t);
  if (!lower) A = linalg_loops::transpose(c, A);
  const auto [L, failed] = linalg_loops::cholesky_lower(c, A, t);
  const std::string nan = c.scalar(t, std::numeric_limits<double>::quiet_NaN());
  if (lower) {
    c.emit("Where", {failed, nan, L}, {c.out()});
  } else {
    linalg_loops::transpose(c, Emit{c}.op("Where", {failed, nan, L}, "factor"), c.out());
  }
}

const ConverterRegistrar kCholesky("Cholesky", 13, convert_cholesky);

}  // namespace
}  // namespace ptonnx
