// The Loop bodies of the tier-4 factorisations and solvers. Every body
// reads the matrix it works on from the enclosing graph (ONNX subgraphs see
// outer values) and carries only what changes. Masks are applied with
// Where, never by multiplying with 0: a 0 * inf would turn a value the
// algorithm never reads into a NaN.
#include "convert/ops/linalg_loops.h"

#include <limits>

#include "convert/graph_emit.h"
#include "convert/ops/axes.h"
#include "convert/ops/subgraph_emit.h"

namespace ptonnx::linalg_loops {

LoopBuilder::LoopBuilder(ConversionContext& outer, const char* hint) : outer_(outer) {
  graph_.set_name(outer.temp(hint));
  body_ctx_.emplace(outer, graph_);
  body_ctx_->begin_glue(graph_.name());
  iteration_ = body_ctx_->unique_name(graph_.name() + "_iter");
  cond_ = body_ctx_->unique_name(graph_.name() + "_cond");
  set_value_info(*graph_.add_input(), iteration_, TensorType{DType::Int64, {}});
  set_value_info(*graph_.add_input(), cond_, TensorType{DType::Bool, {}});
}

std::string LoopBuilder::carry(const char* hint, const TensorType& type, std::string initial) {
  const std::string name = body_ctx_->unique_name(graph_.name() + "_" + hint);
  set_value_info(*graph_.add_input(), name, type);
  types_.push_back(type);
  initial_.push_back(std::move(initial));
  updated_.emplace_back();
  return name;
}

void LoopBuilder::update(size_t i, std::string value) { updated_.at(i) = std::move(value); }

std::vector<std::string> LoopBuilder::emit(const std::string& trip_count) {
  Emit e{*body_ctx_};
  set_value_info(*graph_.add_output(), e.op("Identity", {keep_going_.empty() ? cond_ : keep_going_}, "cond_out"),
                 TensorType{DType::Bool, {}});
  for (size_t i = 0; i < types_.size(); ++i) {
    // A carried value the body leaves alone is passed through.
    std::string out =
        updated_[i].empty() ? e.op("Identity", {graph_.input(static_cast<int>(i + 2)).name()}, "same") : updated_[i];
    set_value_info(*graph_.add_output(), out, types_[i]);
  }
  std::vector<std::string> inputs{trip_count, keep_going_.empty() ? "" : outer_.scalar(DType::Bool, 1)}, outputs;
  inputs.insert(inputs.end(), initial_.begin(), initial_.end());
  for (size_t i = 0; i < types_.size(); ++i) outputs.push_back(outer_.temp("carried"));
  set_graph_attr(outer_.emit("Loop", inputs, outputs), "body", std::move(graph_));
  std::vector<std::string> ranked;
  for (size_t i = 0; i < types_.size(); ++i) ranked.push_back(axes::pin_rank(outer_, outputs[i], types_[i].ndim()));
  return ranked;
}

std::string transpose(ConversionContext& c, const std::string& v, std::string out) {
  if (out.empty()) out = c.temp("transposed");
  set_attr(c.emit("Transpose", {v}, {out}), "perm", std::vector<int64_t>{1, 0});
  return out;
}

namespace {

TensorType matrix_type(DType t) { return TensorType{t, {std::nullopt, std::nullopt}}; }
const TensorType kBool{DType::Bool, {}};

}  // namespace

std::string dim(ConversionContext& c, const std::string& shape, int64_t i, const char* hint) {
  return Emit{c}.op("Gather", {shape, c.scalar(DType::Int64, static_cast<double>(i))}, hint, 0);
}

std::string range(ConversionContext& c, const std::string& n, const char* hint) {
  return Emit{c}.op("Range", {c.scalar(DType::Int64, 0), n, c.scalar(DType::Int64, 1)}, hint);
}

std::string unsqueeze(ConversionContext& c, const std::string& v, int64_t axis, const char* hint) {
  return Emit{c}.op("Unsqueeze", {v, axes::int64_vector(c, {axis}, "axes")}, hint);
}

// Cholesky: LAPACK's left-looking dpotf2 (dot product for the pivot, gemv
// for the column); only A's lower triangle (row j's diagonal, column j
// below it) is read.
//   L0 = zeros, failed0 = false; for j in 0 .. min(rows, cols) - 1:
//     r = L[j, :] (zeros from column j on); ajj = A[j, j] - r . r
//     failed |= !(ajj > 0)             (LAPACK's `ajj <= 0 or isnan`)
//     col = Where(i > j, (A[:, j] - L r) / sqrt(ajj), Where(i == j, sqrt(ajj), 0))
//     L = Where(column index == j, col, L)
Factor cholesky_lower(ConversionContext& c, const std::string& A, DType t) {
  Emit e{c};
  const std::string shape = e.op("Shape", {A}, "shape");
  const std::string rows = dim(c, shape, 0, "rows"), cols = dim(c, shape, 1, "cols");
  const std::string row_index = range(c, rows, "row_index");
  const std::string col_index = unsqueeze(c, range(c, cols, "col_range"), 0, "col_index");
  const std::string zero = c.scalar(t, 0);

  LoopBuilder loop(c, "cholesky_body");
  ConversionContext& b = loop.body();
  Emit be{b};
  const std::string& j = loop.iteration();
  const std::string L = loop.carry("L", matrix_type(t), e.op("Expand", {zero, shape}, "L0"));
  const std::string failed = loop.carry("failed", kBool, c.scalar(DType::Bool, 0));
  const std::string r = be.op("Gather", {L, j}, "row", 0);
  const std::string a_jj = be.op("Gather", {be.op("Gather", {A, j}, "a_row", 0), j}, "a_jj", 0);
  const std::string row_dot = b.temp("row_dot");
  set_attr(b.emit("ReduceSum", {be.op("Mul", {r, r}, "row_sq"), axes::int64_vector(c, {0}, "axes")}, {row_dot}),
           "keepdims", int64_t{0});
  const std::string ajj = be.op("Sub", {a_jj, row_dot}, "pivot");
  const std::string bad = be.op("Not", {be.op("Greater", {ajj, zero}, "positive")}, "not_positive");
  loop.update(1, be.op("Or", {failed, bad}, "failed_out"));
  const std::string ljj = be.op("Sqrt", {ajj}, "l_jj");
  const std::string a_col = be.op("Gather", {A, j}, "a_col", 1);
  const std::string below =
      be.op("Div", {be.op("Sub", {a_col, be.op("MatMul", {L, r}, "l_r")}, "residual"), ljj}, "below");
  const std::string diag_or_zero = be.op("Where", {be.op("Equal", {row_index, j}, "is_diag"), ljj, zero}, "diag_part");
  const std::string col = be.op("Where", {be.op("Greater", {row_index, j}, "is_below"), below, diag_or_zero}, "col");
  loop.update(0, be.op("Where", {be.op("Equal", {col_index, j}, "is_col"), unsqueeze(b, col, 1, "col2"), L}, "L_out"));
  const auto out = loop.emit(e.op("Min", {rows, cols}, "steps"));
  return {out[0], out[1]};
}

// Substitution, one row per step (forward for lower, backward for upper):
//   i = s (lower) or n-1-s (upper)
//   off = Where(solved index, A[i, :], 0)    (only the read triangle)
//   x_i = (B[i] - off . X) / A[i, i]         (no division with unit)
//   failed |= A[i, i] == 0; X = Where(row index == i, x_i, X)
// X starts as zeros, so off . X only sums the rows already solved.
Factor triangular_solve(ConversionContext& c, const std::string& A, const std::string& B, DType t, bool lower,
                        bool unit) {
  Emit e{c};
  const std::string n = dim(c, e.op("Shape", {A}, "a_shape"), 0, "n");
  const std::string last = e.op("Sub", {n, c.scalar(DType::Int64, 1)}, "last");
  const std::string index = range(c, n, "index");
  const std::string row_index = unsqueeze(c, index, 1, "row_index");
  const std::string zero = c.scalar(t, 0);

  LoopBuilder loop(c, "substitution_body");
  ConversionContext& b = loop.body();
  Emit be{b};
  const std::string X = loop.carry("X", matrix_type(t), e.op("Expand", {zero, e.op("Shape", {B}, "b_shape")}, "X0"));
  const std::string failed = loop.carry("failed", kBool, c.scalar(DType::Bool, 0));
  const std::string i = lower ? loop.iteration() : be.op("Sub", {last, loop.iteration()}, "i");
  const std::string a_row = be.op("Gather", {A, i}, "a_row", 0);
  const std::string off =
      be.op("Where", {be.op(lower ? "Less" : "Greater", {index, i}, "solved"), a_row, zero}, "off_diag");
  const std::string r = be.op("Sub", {be.op("Gather", {B, i}, "b_i", 0), be.op("MatMul", {off, X}, "known")}, "rest");
  std::string x_i = r;
  if (!unit) {
    const std::string a_ii = be.op("Gather", {a_row, i}, "a_ii", 0);
    x_i = be.op("Div", {r, a_ii}, "x_i");
    loop.update(1, be.op("Or", {failed, be.op("Equal", {a_ii, zero}, "zero_pivot")}, "failed_out"));
  }
  const std::string x_row = unsqueeze(b, x_i, 0, "x_row");
  loop.update(0, be.op("Where", {be.op("Equal", {row_index, i}, "is_row"), x_row, X}, "X_out"));
  const auto out = loop.emit(n);
  return {out[0], out[1]};
}

// getrf, right-looking (the order of dgetf2; OpenBLAS and the recursive
// dgetrf2 reach the same pivots in exact arithmetic), one column per step:
//   p = first row >= j with the largest |LU[row, j]|   (idamax: ArgMax picks
//                                                       the first maximum)
//   exchange rows j and p of LU and of perm; pivot = LU[j, j]
//   singular |= pivot == 0 (then no scaling: the column below is all zero)
//   l = LU[:, j] * (1 / pivot)      (dscal by the reciprocal, as LAPACK)
//   below j: column j = l, right of j: LU - l u_j   (dger)
LU lu(ConversionContext& c, const std::string& A, DType t) {
  Emit e{c};
  const std::string shape = e.op("Shape", {A}, "shape");
  const std::string m = dim(c, shape, 0, "rows"), n = dim(c, shape, 1, "cols");
  const std::string row_index = range(c, m, "row_index");
  const std::string row_col = unsqueeze(c, row_index, 1, "row_col");
  const std::string col_row = unsqueeze(c, range(c, n, "col_range"), 0, "col_row");
  const std::string zero = c.scalar(t, 0), one = c.scalar(t, 1);

  LoopBuilder loop(c, "lu_body");
  ConversionContext& b = loop.body();
  Emit be{b};
  const std::string& j = loop.iteration();
  const std::string LU = loop.carry("LU", matrix_type(t), A);
  const std::string perm = loop.carry("perm", TensorType{DType::Int64, {std::nullopt}}, row_index);
  const std::string swaps = loop.carry("swaps", TensorType{DType::Int64, {}}, c.scalar(DType::Int64, 0));
  const std::string singular = loop.carry("singular", kBool, c.scalar(DType::Bool, 0));

  const std::string candidates = be.op("Where",
                                       {be.op("Less", {row_index, j}, "done"), c.scalar(t, -1),
                                        be.op("Abs", {be.op("Gather", {LU, j}, "col", 1)}, "magnitude")},
                                       "candidates");
  const std::string p = b.temp("p");
  auto& argmax = b.emit("ArgMax", {candidates}, {p});
  set_attr(argmax, "axis", int64_t{0});
  set_attr(argmax, "keepdims", int64_t{0});
  // The exchange of rows j and p as one row permutation, applied by Gather
  // to LU and to perm (identity when p == j).
  const std::string exchange = be.op("Where",
                                     {be.op("Equal", {row_index, j}, "at_j"), p,
                                      be.op("Where", {be.op("Equal", {row_index, p}, "at_p"), j, row_index}, "p_to_j")},
                                     "exchange");
  const std::string swapped = be.op("Gather", {LU, exchange}, "swapped", 0);
  loop.update(1, be.op("Gather", {perm, exchange}, "perm_out", 0));
  const std::string row_p = be.op("Gather", {swapped, j}, "row_p", 0);
  const std::string exchanged =
      b.cast(be.op("Not", {be.op("Equal", {p, j}, "same_row")}, "moved"), DType::Bool, DType::Int64);
  loop.update(2, be.op("Add", {swaps, exchanged}, "swaps_out"));
  const std::string pivot = be.op("Gather", {row_p, j}, "pivot", 0);
  const std::string zero_pivot = be.op("Equal", {pivot, zero}, "zero_pivot");
  loop.update(3, be.op("Or", {singular, zero_pivot}, "singular_out"));
  const std::string reciprocal =
      be.op("Div", {one, be.op("Where", {zero_pivot, one, pivot}, "safe_pivot")}, "reciprocal");
  const std::string l =
      unsqueeze(b, be.op("Mul", {be.op("Gather", {swapped, j}, "col_j", 1), reciprocal}, "l"), 1, "l_col");
  const std::string updated = be.op("Sub", {swapped, be.op("Mul", {l, row_p}, "outer")}, "schur");
  const std::string right = be.op("Greater", {col_row, j}, "right");
  const std::string below_row =
      be.op("Where", {right, updated, be.op("Where", {be.op("Equal", {col_row, j}, "at_col"), l, swapped}, "l_set")},
            "below_row");
  loop.update(0, be.op("Where", {be.op("Greater", {row_col, j}, "below"), below_row, swapped}, "LU_out"));
  const auto out = loop.emit(e.op("Min", {m, n}, "steps"));
  return {out[0], out[1], out[2], out[3]};
}

}  // namespace ptonnx::linalg_loops
