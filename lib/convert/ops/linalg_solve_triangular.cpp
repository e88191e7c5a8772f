// SolveTriangular as a standard-domain ONNX Loop over the rows (forward
// substitution for lower, backward for upper), with dynamic sizes (scipy
// trtrs semantics, see oracles/linalg_solve_triangular.cpp):
//
//   A = Cast(a, t), B = Cast(b, t) as (n, k) (a vector b gets an axis)
//   Loop s = 0 .. n-1, i = s (lower) or n-1-s (upper), carrying (X, failed):
//     off  = Where(strictly below/above i, A[i, :], 0)   (only that triangle
//                                                          is read; the
//                                                          diagonal too
//                                                          unless unit)
//     x_i  = (B[i] - off . X) / A[i, i]                  (no division with
//                                                          unit_diagonal)
//     failed |= A[i, i] == 0                             (trtrs' info > 0)
//     X    = Where(row index == i, x_i, X)
//   out = Where(failed, NaN, X)                          (PyTensor: all NaN)
//
// X starts as zeros, so off . X only sums the rows already solved. An
// empty b runs the loop over no columns and gives b's shape, as
// np.empty_like.
#include <limits>

#include "convert/graph_emit.h"
#include "convert/ops/axes.h"
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
  const std::string zero_i = c.scalar(DType::Int64, 0), one_i = c.scalar(DType::Int64, 1);
  const std::string n_rows = e.op("Gather", {e.op("Shape", {A}, "a_shape"), zero_i}, "n", 0);
  const std::string last = e.op("Sub", {n_rows, one_i}, "last");
  const std::string index = e.op("Range", {zero_i, n_rows, one_i}, "index");
  const std::string row_index = e.op("Unsqueeze", {index, axes::int64_vector(c, {1}, "axes")}, "row_index");
  const std::string zero = c.scalar(t, 0);
  const std::string X0 = e.op("Expand", {zero, e.op("Shape", {B}, "b_shape")}, "X0");

  onnx::GraphProto body;
  body.set_name(c.temp("body"));
  ConversionContext b(c, body);
  b.begin_glue(body.name());
  Emit be{b};
  const std::string s = b.unique_name(body.name() + "_s"), cond = b.unique_name(body.name() + "_cond");
  const std::string X = b.unique_name(body.name() + "_X"), failed = b.unique_name(body.name() + "_failed");
  set_value_info(*body.add_input(), s, TensorType{DType::Int64, {}});
  set_value_info(*body.add_input(), cond, TensorType{DType::Bool, {}});
  set_value_info(*body.add_input(), X, TensorType{t, {std::nullopt, std::nullopt}});
  set_value_info(*body.add_input(), failed, TensorType{DType::Bool, {}});
  const std::string i = lower ? s : be.op("Sub", {last, s}, "i");
  const std::string a_row = be.op("Gather", {A, i}, "a_row", 0);
  const std::string off =
      be.op("Where", {be.op(lower ? "Less" : "Greater", {index, i}, "solved"), a_row, zero}, "off_diag");
  const std::string r = be.op("Sub", {be.op("Gather", {B, i}, "b_i", 0), be.op("MatMul", {off, X}, "known")}, "rest");
  std::string x_i = r, failed_out = failed;
  if (!unit) {
    const std::string a_ii = be.op("Gather", {a_row, i}, "a_ii", 0);
    x_i = be.op("Div", {r, a_ii}, "x_i");
    failed_out = be.op("Or", {failed, be.op("Equal", {a_ii, zero}, "zero_pivot")}, "failed_out");
  } else {
    failed_out = be.op("Identity", {failed}, "failed_out");
  }
  const std::string x_row = be.op("Unsqueeze", {x_i, axes::int64_vector(c, {0}, "axes")}, "x_row");
  const std::string X_out = be.op("Where", {be.op("Equal", {row_index, i}, "is_row"), x_row, X}, "X_out");
  const std::string cond_out = be.op("Identity", {cond}, "cond_out");
  set_value_info(*body.add_output(), cond_out, TensorType{DType::Bool, {}});
  set_value_info(*body.add_output(), X_out, TensorType{t, {std::nullopt, std::nullopt}});
  set_value_info(*body.add_output(), failed_out, TensorType{DType::Bool, {}});

  const std::string Xf = c.temp("X"), failed_f = c.temp("failed");
  set_graph_attr(c.emit("Loop", {n_rows, "", X0, c.scalar(DType::Bool, 0)}, {Xf, failed_f}), "body", std::move(body));
  // ONNX 1.12's inference gives the Loop's carried outputs no rank: pinned.
  const std::string X_ranked = axes::pin_rank(c, Xf, 2), failed_ranked = axes::pin_rank(c, failed_f, 0);
  const std::string nan = c.scalar(t, std::numeric_limits<double>::quiet_NaN());
  if (!vector) {
    c.emit("Where", {failed_ranked, nan, X_ranked}, {c.out()});
    return;
  }
  c.emit("Squeeze", {e.op("Where", {failed_ranked, nan, X_ranked}, "solution"), axes::int64_vector(c, {1}, "axes")},
         {c.out()});
}

const ConverterRegistrar kSolveTriangular("SolveTriangular", 13, convert_solve_triangular);

}  // namespace
}  // namespace ptonnx
