// Cholesky as a standard-domain ONNX Loop over the columns, with the size
// known only at run time (scipy potrf(clean=True) semantics, see
// oracles/linalg_cholesky.cpp):
//
//   A  = Cast(x, t)            (Transpose first for lower=False: potrf's
//                               upper factor of A is the transposed lower
//                               factor of A^T, and only that triangle is read)
//   L0 = Expand(0, Shape(A)), failed0 = false
//   Loop j = 0 .. min(rows, cols) - 1, carrying (L, failed):
//     r     = L[j, :]                      (zeros from column j on)
//     ajj   = A[j, j] - ReduceSum(r * r)
//     failed |= !(ajj > 0)                 (LAPACK's `ajj <= 0 or isnan`)
//     ljj   = Sqrt(ajj)
//     col   = Where(i > j, (A[:, j] - L r) / ljj, Where(i == j, ljj, 0))
//     L     = Where(column index == j, col, L)
//   out = Where(failed, NaN, L)            (PyTensor: all NaN on failure)
//
// This is LAPACK's left-looking dpotf2 (dot product for the pivot, gemv for
// the column); only A's lower triangle (row j's diagonal, column j below
// it) is read. No com.microsoft ops, no ONNX functions: Gather, MatMul,
// ReduceSum, Where, Sqrt, Div and friends at opsets 13-18. An empty input
// runs no iteration and gives zeros of its own shape, as np.empty_like.
#include <limits>

#include "convert/graph_emit.h"
#include "convert/ops/axes.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"
#include "graph/ops/linalg.h"

namespace ptonnx {
namespace {

std::string transpose(ConversionContext& c, const std::string& v, std::string out = "") {
  if (out.empty()) out = c.temp("transposed");
  set_attr(c.emit("Transpose", {v}, {out}), "perm", std::vector<int64_t>{1, 0});
  return out;
}

void convert_cholesky(ConversionContext& c, const Node& n) {
  const DType t = c.out_dtype();
  const bool lower = linalg::cholesky_lower(n.attrs);
  Emit e{c};
  std::string A = c.cast(c.in(0), c.in_dtype(0), t);
  if (!lower) A = transpose(c, A);
  const std::string shape = e.op("Shape", {A}, "shape");
  const std::string rows = e.op("Gather", {shape, c.scalar(DType::Int64, 0)}, "rows", 0);
  const std::string cols = e.op("Gather", {shape, c.scalar(DType::Int64, 1)}, "cols", 0);
  const std::string steps = e.op("Min", {rows, cols}, "steps");
  const std::string zero_i = c.scalar(DType::Int64, 0), one_i = c.scalar(DType::Int64, 1);
  const std::string row_index = e.op("Range", {zero_i, rows, one_i}, "row_index");
  const std::string col_index =
      e.op("Unsqueeze", {e.op("Range", {zero_i, cols, one_i}, "col_range"), axes::int64_vector(c, {0}, "axes")},
           "col_index");
  const std::string zero = c.scalar(t, 0);
  const std::string L0 = e.op("Expand", {zero, shape}, "L0");

  onnx::GraphProto body;
  body.set_name(c.temp("body"));
  ConversionContext b(c, body);
  b.begin_glue(body.name());
  Emit be{b};
  const std::string j = b.unique_name(body.name() + "_j"), cond = b.unique_name(body.name() + "_cond");
  const std::string L = b.unique_name(body.name() + "_L"), failed = b.unique_name(body.name() + "_failed");
  set_value_info(*body.add_input(), j, TensorType{DType::Int64, {}});
  set_value_info(*body.add_input(), cond, TensorType{DType::Bool, {}});
  set_value_info(*body.add_input(), L, TensorType{t, {std::nullopt, std::nullopt}});
  set_value_info(*body.add_input(), failed, TensorType{DType::Bool, {}});
  const std::string r = be.op("Gather", {L, j}, "row", 0);
  const std::string a_row = be.op("Gather", {A, j}, "a_row", 0);
  const std::string a_jj = be.op("Gather", {a_row, j}, "a_jj", 0);
  const std::string rr = be.op("Mul", {r, r}, "row_sq");
  const std::string row_dot = b.temp("row_dot");
  set_attr(b.emit("ReduceSum", {rr, axes::int64_vector(c, {0}, "axes")}, {row_dot}), "keepdims", int64_t{0});
  const std::string ajj = be.op("Sub", {a_jj, row_dot}, "pivot");
  const std::string bad = be.op("Not", {be.op("Greater", {ajj, zero}, "positive")}, "not_positive");
  const std::string failed_out = be.op("Or", {failed, bad}, "failed_out");
  const std::string ljj = be.op("Sqrt", {ajj}, "l_jj");
  const std::string a_col = be.op("Gather", {A, j}, "a_col", 1);
  const std::string below =
      be.op("Div", {be.op("Sub", {a_col, be.op("MatMul", {L, r}, "l_r")}, "residual"), ljj}, "below");
  const std::string diag_or_zero = be.op("Where", {be.op("Equal", {row_index, j}, "is_diag"), ljj, zero}, "diag_part");
  const std::string col = be.op("Where", {be.op("Greater", {row_index, j}, "is_below"), below, diag_or_zero}, "col");
  const std::string col2 = be.op("Unsqueeze", {col, axes::int64_vector(c, {1}, "axes")}, "col2");
  const std::string L_out = be.op("Where", {be.op("Equal", {col_index, j}, "is_col"), col2, L}, "L_out");
  const std::string cond_out = be.op("Identity", {cond}, "cond_out");
  set_value_info(*body.add_output(), cond_out, TensorType{DType::Bool, {}});
  set_value_info(*body.add_output(), L_out, TensorType{t, {std::nullopt, std::nullopt}});
  set_value_info(*body.add_output(), failed_out, TensorType{DType::Bool, {}});

  const std::string Lf = c.temp("L");
  std::string failed_f = c.temp("failed");
  set_graph_attr(c.emit("Loop", {steps, "", L0, c.scalar(DType::Bool, 0)}, {Lf, failed_f}), "body", std::move(body));
  // ONNX 1.12's inference leaves the Loop's carried outputs without a rank
  // here: pinned (docs/converter.md, rank pins).
  const std::string L_ranked = axes::pin_rank(c, Lf, 2);
  failed_f = axes::pin_rank(c, failed_f, 0);
  const std::string nan = c.scalar(t, std::numeric_limits<double>::quiet_NaN());
  if (lower) {
    c.emit("Where", {failed_f, nan, L_ranked}, {c.out()});
  } else {
    transpose(c, e.op("Where", {failed_f, nan, L_ranked}, "factor"), c.out());
  }
}

const ConverterRegistrar kCholesky("Cholesky", 13, convert_cholesky);

}  // namespace
}  // namespace ptonnx
