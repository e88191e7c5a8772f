// Eigh as standard-domain ONNX, n dynamic (semantics: oracles/linalg_eigh.cpp):
//   S = Where(row >= col, A, A^T)   (lower; row <= col for upper): the
//       symmetric matrix of the triangle scipy reads, in the output dtype
//   padded by one zero row and column when n is odd (the round-robin
//   ordering pairs an even number of indices; the pad's a_pq are exact
//   zeros, never rotated, so it stays an isolated 0 with eigenvector e_n
//   and is sliced off)
//   (w, V) = linalg_loops::jacobi_eigen(S)
//   ascending: TopK(w, n, largest=0, sorted=1) and V's columns gathered in
//   that order. Ties keep the lower index first (TopK's tie rule), which
//   is one valid order: equal eigenvalues' eigenvectors are interchangeable.
// Jacobi instead of LAPACK's tridiagonal reduction + MRRR (syevr): no
// Householder panel, no shift strategy, every step a whole-matrix ONNX op,
// and it is accurate (backward error a few n u ||A|| per sweep, eigenvalues
// of graded matrices to high relative accuracy); docs/converter.md.
#include "convert/ops/axes.h"
#include "convert/ops/linalg_jacobi.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"
#include "graph/ops/linalg.h"

namespace ptonnx {
namespace {

using linalg_loops::dim;

// data[:end] along each of `axes_list` (end a 0-d int64); data has one
// dim per listed axis.
std::string leading(ConversionContext& c, const std::string& data, const std::string& end,
                    const std::vector<int64_t>& axes_list) {
  Emit e{c};
  const std::string end1 = linalg_loops::unsqueeze(c, end, 0, "end");
  std::vector<std::string> ends(axes_list.size(), end1);
  const std::string ends_v = ends.size() == 1 ? end1 : e.op("Concat", ends, "ends", 0);
  // ONNX 1.12's inference loses the rank through Slice with computed ends.
  return axes::pin_rank(c,
                        e.op("Slice",
                             {data, axes::int64_vector(c, std::vector<int64_t>(axes_list.size(), 0), "starts"), ends_v,
                              axes::int64_vector(c, axes_list, "axes")},
                             "leading"),
                        static_cast<int64_t>(axes_list.size()));
}

void convert_eigh(ConversionContext& c, const Node& n) {
  const bool lower = linalg::attr_flag(n.attrs, "lower", true);
  const DType t = c.out_dtype(0);
  Emit e{c};
  const std::string A = c.cast(c.in(0), c.in_dtype(0), t);
  const std::string size = dim(c, e.op("Shape", {A}, "shape"), 0, "n");
  const std::string index = linalg_loops::range(c, size, "index");
  const std::string rows = linalg_loops::unsqueeze(c, index, 1, "rows");
  const std::string cols = linalg_loops::unsqueeze(c, index, 0, "cols");
  const std::string S = e.op(
      "Where", {e.op(lower ? "GreaterOrEqual" : "LessOrEqual", {rows, cols}, "read"), A, linalg_loops::transpose(c, A)},
      "symmetric");
  const std::string odd = linalg_loops::unsqueeze(c, e.op("Mod", {size, c.scalar(DType::Int64, 2)}, "odd"), 0, "odd1");
  const std::string none = axes::int64_vector(c, {0, 0}, "no_pad");
  const std::string pads = e.op("Concat", {none, odd, odd}, "pads", 0);
  const std::string padded = axes::pin_rank(c, e.op("Pad", {S, pads}, "padded"), 2);
  const auto eig = linalg_loops::jacobi_eigen(c, padded, t);
  const std::string w = leading(c, eig.w, size, {0});
  const std::string V = leading(c, eig.V, size, {0, 1});
  const std::string order = c.temp("order");
  auto& topk = c.emit("TopK", {w, linalg_loops::unsqueeze(c, size, 0, "k")}, {c.out(0), order});
  set_attr(topk, "axis", int64_t{0});
  set_attr(topk, "largest", int64_t{0});
  set_attr(topk, "sorted", int64_t{1});
  set_attr(c.emit("Gather", {V, order}, {c.out(1)}), "axis", int64_t{1});
}

const ConverterRegistrar kEigh("Eigh", 13, convert_eigh);

}  // namespace
}  // namespace ptonnx
