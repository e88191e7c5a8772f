// LU, Det and SLogDet as standard-domain ONNX, from one getrf Loop
// (linalg_loops::lu: partial pivoting with LAPACK's first-largest pivot,
// multipliers scaled by the reciprocal as dscal does), sizes dynamic.
// Semantics: oracles/linalg_lu.cpp.
//
// LU (scipy.linalg.lu, any M x N, K = min(M, N)):
//   L = Where(row > col, packed[:, :K], Where(row == col, 1, 0))    (M x K)
//   U = Where(row <= col, packed[:K, :], 0)                          (K x N)
//   P[i, k] = perm[k] == i; p_indices p = inverse of perm (ScatterElements);
//   permute_l: P L = Gather(L, p) (exact, no 0 * inf from a MatMul);
//   scipy's empty result has P of shape (0, 0) even for M > 0: P and p are
//   sliced to M * min(K, 1).
// Det and SLogDet (numpy.linalg, umath_linalg's slogdet_single_element):
//   sign = (-1)^(row exchanges + negative U[i, i]), logabsdet = sum log|U[i, i]|,
//   an exactly zero pivot gives (0, -inf); det = sign * exp(logabsdet), as
//   NumPy computes it (not the product of the diagonal: that over- and
//   underflows where NumPy's does not, and rounds differently).
#include <limits>

#include "convert/ops/axes.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"
#include "graph/ops/linalg.h"

namespace ptonnx {
namespace {

using linalg_loops::dim;

std::string index_range(ConversionContext& c, const std::string& n, int64_t unsqueeze_axis, const char* hint) {
  return linalg_loops::unsqueeze(c, linalg_loops::range(c, n, "range"), unsqueeze_axis, hint);
}

// data[:end] along `axis` (end a 0-d int64).
std::string slice_to(ConversionContext& c, const std::string& data, const std::string& end, int64_t axis) {
  Emit e{c};
  const std::string ends = e.op("Unsqueeze", {end, axes::int64_vector(c, {0}, "axes")}, "end");
  return e.op("Slice", {data, axes::int64_vector(c, {0}, "starts"), ends, axes::int64_vector(c, {axis}, "axes")},
              "sliced");
}

void convert_lu(ConversionContext& c, const Node& n) {
  const bool permute_l = linalg::attr_flag(n.attrs, "permute_l", false);
  const bool p_indices = linalg::attr_flag(n.attrs, "p_indices", false);
  const DType t = c.out_dtype(permute_l ? 0 : 1);
  Emit e{c};
  const std::string A = c.cast(c.in(0), c.in_dtype(0), t);
  const auto f = linalg_loops::lu(c, A, t);
  const std::string shape = e.op("Shape", {A}, "shape");
  const std::string m = dim(c, shape, 0, "m"), cols = dim(c, shape, 1, "n");
  const std::string k = e.op("Min", {m, cols}, "k");
  const std::string zero = c.scalar(t, 0), one = c.scalar(t, 1);

  const std::string rows_m = index_range(c, m, 1, "rows_m"), cols_k = index_range(c, k, 0, "cols_k");
  // ONNX 1.12's inference loses the rank through Slice with computed ends:
  // every output is rank-pinned.
  const std::string L_out =
      axes::pin_rank(c,
                     e.op("Where",
                          {e.op("Greater", {rows_m, cols_k}, "below"), slice_to(c, f.packed, k, 1),
                           e.op("Where", {e.op("Equal", {rows_m, cols_k}, "diagonal"), one, zero}, "unit_diagonal")},
                          "L"),
                     2, permute_l ? c.temp("L") : c.out(1));
  const std::string rows_k = index_range(c, k, 1, "rows_k"), cols_n = index_range(c, cols, 0, "cols_n");
  axes::pin_rank(
      c, e.op("Where", {e.op("LessOrEqual", {rows_k, cols_n}, "upper"), slice_to(c, f.packed, k, 0), zero}, "U"), 2,
      c.out(permute_l ? 1 : 2));

  // p[perm[k]] = k: the row of L U that each row of A is.
  const std::string all_rows = linalg_loops::range(c, m, "all_rows");
  const std::string inverse = c.temp("inverse_perm");
  set_attr(c.emit("ScatterElements", {all_rows, f.perm, all_rows}, {inverse}), "axis", int64_t{0});
  if (permute_l) {
    set_attr(c.emit("Gather", {L_out, inverse}, {c.out(0)}), "axis", int64_t{0});
    return;
  }
  const std::string p_len = e.op("Mul", {m, e.op("Min", {k, c.scalar(DType::Int64, 1)}, "nonempty")}, "p_len");
  if (p_indices) {
    axes::pin_rank(c, c.cast(slice_to(c, inverse, p_len, 0), DType::Int64, DType::Int32), 1, c.out(0));
    return;
  }
  const std::string perm_row =
      e.op("Unsqueeze", {slice_to(c, f.perm, p_len, 0), axes::int64_vector(c, {0}, "axes")}, "perm_row");
  const std::string P = e.op("Equal", {slice_to(c, rows_m, p_len, 0), perm_row}, "P_bool");
  axes::pin_rank(c, c.cast(P, DType::Bool, t), 2, c.out(0));
}

// (sign, logabsdet) as NumPy's slogdet_single_element computes them.
std::pair<std::string, std::string> slogdet_of(ConversionContext& c, const Node& n, DType t) {
  Emit e{c};
  const std::string A = c.cast(c.in(0), n.inputs.at(0)->type.dtype, t);
  const auto f = linalg_loops::lu(c, A, t);
  const std::string rows = dim(c, e.op("Shape", {A}, "shape"), 0, "n");
  const std::string diag = e.op("GatherElements", {f.packed, index_range(c, rows, 1, "diag_index")}, "u_diag", 1);
  const auto reduce_all = [&](const std::string& v, const char* hint) {
    const std::string out = c.temp(hint);
    set_attr(c.emit("ReduceSum", {v}, {out}), "keepdims", int64_t{0});
    return out;
  };
  const std::string negatives =
      reduce_all(c.cast(e.op("Less", {diag, c.scalar(t, 0)}, "negative"), DType::Bool, DType::Int64), "negatives");
  const std::string odd = e.op("Mod", {e.op("Add", {negatives, f.swaps}, "flips"), c.scalar(DType::Int64, 2)}, "odd");
  const std::string sign =
      e.op("Sub", {c.scalar(t, 1), e.op("Mul", {c.scalar(t, 2), c.cast(odd, DType::Int64, t)}, "twice_odd")}, "sign");
  const std::string logdet = reduce_all(e.op("Log", {e.op("Abs", {diag}, "abs_diag")}, "log_diag"), "logabsdet");
  return {e.op("Where", {f.singular, c.scalar(t, 0), sign}, "sign_or_zero"),
          e.op("Where", {f.singular, c.scalar(t, -std::numeric_limits<double>::infinity()), logdet}, "logdet_or_ninf")};
}

void convert_det(ConversionContext& c, const Node& n) {
  const DType t = c.out_dtype();
  const auto [sign, logdet] = slogdet_of(c, n, t);
  c.emit("Mul", {sign, Emit{c}.op("Exp", {logdet}, "magnitude")}, {c.out()});
}

void convert_slogdet(ConversionContext& c, const Node& n) {
  const auto [sign, logdet] = slogdet_of(c, n, c.out_dtype(0));
  c.emit("Identity", {sign}, {c.out(0)});
  c.emit("Identity", {logdet}, {c.out(1)});
}

const ConverterRegistrar kLU("LU", 13, convert_lu);
const ConverterRegistrar kDet("Det", 13, convert_det);
const ConverterRegistrar kSLogDet("SLogDet", 13, convert_slogdet);

}  // namespace
}  // namespace ptonnx
