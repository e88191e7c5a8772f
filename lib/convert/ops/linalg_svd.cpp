// SVD as standard-domain ONNX, M and N dynamic (semantics:
// oracles/linalg_svd.cpp), by one-sided Jacobi (linalg_jacobi.h):
//   scale A by a power of two 2^-e, e = floor(log2 max|A|) (clamped to
//   the dtype's normal range): exact, and the squared column norms can
//   neither overflow nor lose digits to underflow; s is scaled back.
//   X (L x L, L = max(M, N) rounded up to even): A zero-padded to square,
//   transposed when M < N, so that the columns Jacobi orthogonalises are
//   the longer side's (N > M columns in an M-dimensional space cannot all
//   become orthogonal: the surplus would only decay, sweep after sweep).
//   G, V = jacobi_columns(X): G = X V with orthogonal columns; the pad
//   columns are exactly zero and never rotate.
//   sigma = column norms of G, descending (TopK: ties keep the lower index
//   first, so exactly zero real columns precede the pad's); s = sigma[:K].
//   U_X = G / sigma for sigma > L u max(sigma) (the numerical rank r; the
//   columns Jacobi leaves alone as negligible), 0 elsewhere; its first r
//   columns are orthonormal, and the rest are completed
//   by the eigenvectors of the projector D - U_X U_X^T (D = I on the first
//   max(M, N) coordinates) with eigenvalue 1: an orthonormal basis of the
//   complement, found by the same Jacobi (gap 1: accurate to rounding).
//   M >= N: U = U_X[:M, :cols], Vt = V[:N, :cols]^T; M < N (the SVD of
//   A^T): U = V[:M, :cols], Vt = U_X[:N, :cols]^T; cols is M or N with
//   full_matrices, K otherwise.
// Signs and bases of repeated singular values are Jacobi's, not gesdd's:
// the comparison checks U s Vt = A and orthogonality as LAPACK's own SVD
// tests do (lib/check/linalg_invariants_svd.cpp).
#include <cmath>

#include "convert/ops/axes.h"
#include "convert/ops/linalg_jacobi.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"
#include "graph/ops/linalg.h"

namespace ptonnx {
namespace {

using linalg_loops::dim;

// data[:rows, :cols] (0-d int64 ends), rank-pinned.
std::string block(ConversionContext& c, const std::string& data, const std::string& rows, const std::string& cols) {
  Emit e{c};
  const std::string ends =
      e.op("Concat", {linalg_loops::unsqueeze(c, rows, 0, "rows1"), linalg_loops::unsqueeze(c, cols, 0, "cols1")},
           "ends", 0);
  return axes::pin_rank(
      c,
      e.op("Slice", {data, axes::int64_vector(c, {0, 0}, "starts"), ends, axes::int64_vector(c, {0, 1}, "axes")},
           "block"),
      2);
}

// TopK of the whole vector v, descending: {values, indices}.
std::pair<std::string, std::string> descending(ConversionContext& c, const std::string& v, const std::string& count) {
  const std::string values = c.temp("sorted"), order = c.temp("order");
  auto& topk = c.emit("TopK", {v, linalg_loops::unsqueeze(c, count, 0, "k")}, {values, order});
  set_attr(topk, "axis", int64_t{0});
  set_attr(topk, "largest", int64_t{1});
  set_attr(topk, "sorted", int64_t{1});
  return {values, order};
}

// The power-of-two exponent e with 2^-e max|A| in [1, 2) (0 for a zero or
// empty A), clamped so that 2^e and 2^-e stay normal.
std::string scale_exponent(ConversionContext& c, const std::string& A, DType t) {
  Emit e{c};
  const std::string flat = e.op("Reshape", {e.op("Abs", {A}, "abs"), axes::int64_vector(c, {-1}, "flat")}, "flat");
  const std::string with_zero =
      e.op("Concat", {flat, linalg_loops::unsqueeze(c, c.scalar(t, 0), 0, "zero1")}, "with_zero", 0);
  const std::string largest = c.temp("largest");
  set_attr(c.emit("ReduceMax", {with_zero}, {largest}), "keepdims", int64_t{0});
  const std::string positive = e.op("Greater", {largest, c.scalar(t, 0)}, "positive");
  const std::string safe = e.op("Where", {positive, largest, c.scalar(t, 1)}, "safe_largest");
  const std::string log2 = e.op("Div", {e.op("Log", {safe}, "ln_largest"), c.scalar(t, std::log(2.0))}, "log2");
  const double limit = t == DType::Float32 ? 120 : 1000;
  return e.op("Clip", {e.op("Floor", {log2}, "floor_log2"), c.scalar(t, -limit), c.scalar(t, limit)}, "exponent");
}

}  // namespace

namespace linalg_loops {

SVD svd(ConversionContext& c, const std::string& A, DType t, const SVDOptions& o) {
  const bool full = o.full_matrices;
  Emit e{c};
  const std::string shape = e.op("Shape", {A}, "shape");
  const std::string m = dim(c, shape, 0, "m"), cols = dim(c, shape, 1, "n");
  const std::string k = e.op("Min", {m, cols}, "k"), longest = e.op("Max", {m, cols}, "longest");
  const std::string side = e.op("Add", {longest, e.op("Mod", {longest, c.scalar(DType::Int64, 2)}, "odd")}, "side");
  const std::string tall = e.op("GreaterOrEqual", {m, cols}, "tall");

  const std::string exponent = scale_exponent(c, A, t);
  const std::string two = c.scalar(t, 2);
  const std::string scaled =
      e.op("Mul", {A, e.op("Pow", {two, e.op("Neg", {exponent}, "neg_exponent")}, "down")}, "scaled");
  const std::string pads = e.op("Concat",
                                {axes::int64_vector(c, {0, 0}, "no_pad"),
                                 linalg_loops::unsqueeze(c, e.op("Sub", {side, m}, "pad_rows"), 0, "pad_rows1"),
                                 linalg_loops::unsqueeze(c, e.op("Sub", {side, cols}, "pad_cols"), 0, "pad_cols1")},
                                "pads", 0);
  const std::string square = axes::pin_rank(c, e.op("Pad", {scaled, pads}, "square"), 2);
  const std::string X = e.op("Where", {tall, square, linalg_loops::transpose(c, square)}, "X");
  const auto jac = linalg_loops::jacobi_columns(c, X, t);

  const std::string norms_sq = c.temp("norms_sq");
  set_attr(c.emit("ReduceSum", {e.op("Mul", {jac.G, jac.G}, "g_sq"), axes::int64_vector(c, {0}, "axes")}, {norms_sq}),
           "keepdims", int64_t{0});
  const auto [sigma, order] = descending(c, e.op("Sqrt", {norms_sq}, "sigma_all"), side);
  const std::string s_sliced = e.op("Slice",
                                    {sigma, axes::int64_vector(c, {0}, "start"), linalg_loops::unsqueeze(c, k, 0, "k1"),
                                     axes::int64_vector(c, {0}, "axis0")},
                                    "s_sliced");
  SVD out;
  out.s = axes::pin_rank(c, e.op("Mul", {s_sliced, e.op("Pow", {two, exponent}, "up")}, "s"), 1);
  if (!o.uv) return out;

  const std::string Gs = e.op("Gather", {jac.G, order}, "G_sorted", 1);
  const std::string Vs = e.op("Gather", {jac.V, order}, "V_sorted", 1);
  const std::string sigma_row = linalg_loops::unsqueeze(c, sigma, 0, "sigma_row");
  // Columns past the numerical rank (sigma <= L u sigma_max, what Jacobi
  // leaves alone) are noise: completed like exact zeros.
  const double u = std::ldexp(1.0, t == DType::Float32 ? -24 : -53);
  const std::string sigma_max = c.temp("sigma_max");
  set_attr(c.emit("ReduceMax",
                  {e.op("Concat", {sigma, linalg_loops::unsqueeze(c, c.scalar(t, 0), 0, "zero1")}, "sigma0", 0)},
                  {sigma_max}),
           "keepdims", int64_t{0});
  const std::string rank_tol = e.op("Mul", {c.scalar(t, u), c.cast(side, DType::Int64, t)}, "rank_tol");
  const std::string cutoff = e.op("Mul", {sigma_max, rank_tol}, "cutoff");
  const std::string nonzero = e.op("Greater", {sigma_row, cutoff}, "nonzero");
  const std::string U_X =
      e.op("Where",
           {nonzero, e.op("Div", {Gs, e.op("Where", {nonzero, sigma_row, c.scalar(t, 1)}, "safe_sigma")}, "normalised"),
            c.scalar(t, 0)},
           "U_X");
  const std::string rank = c.temp("rank");
  set_attr(c.emit("ReduceSum", {c.cast(nonzero, DType::Bool, DType::Int64)}, {rank}), "keepdims", int64_t{0});

  std::string U_full = U_X;
  if (o.complete) {
    // The complement of U_X's first `rank` columns within the first
    // `longest` coordinates.
    const std::string index = linalg_loops::range(c, side, "index");
    const std::string inside = c.cast(e.op("Less", {index, longest}, "inside"), DType::Bool, t);
    const std::string D =
        e.op("Mul", {e.op("EyeLike", {U_X}, "eye"), linalg_loops::unsqueeze(c, inside, 0, "inside_row")}, "D");
    const std::string projector =
        e.op("Sub", {D, e.op("MatMul", {U_X, linalg_loops::transpose(c, U_X)}, "U_Ut")}, "projector");
    // Entries at rounding level (|p| <= L u) are zeroed: for a full-rank
    // U_X the projector is all noise, which Jacobi would rotate sweep after
    // sweep; moving P by L u moves the complement (eigenvalue gap 1) by as
    // little.
    const std::string clean =
        e.op("Where",
             {e.op("Greater", {e.op("Abs", {projector}, "abs_projector"), rank_tol}, "significant"), projector,
              c.scalar(t, 0)},
             "clean_projector");
    const auto eig = linalg_loops::jacobi_eigen(c, clean, t);
    const auto [ones_first, complement_order] = descending(c, eig.w, side);
    const std::string basis = e.op("Gather", {eig.V, complement_order}, "basis", 1);
    const std::string col = linalg_loops::unsqueeze(c, index, 0, "col");
    const std::string shifted =
        e.op("Max", {e.op("Sub", {col, rank}, "col_minus_rank"), c.scalar(DType::Int64, 0)}, "shifted");
    const std::string completion = e.op(
        "Gather", {basis, e.op("Squeeze", {shifted, axes::int64_vector(c, {0}, "axes")}, "shifted1")}, "completion", 1);
    U_full = e.op("Where", {e.op("Less", {col, rank}, "kept"), U_X, completion}, "U_full");
  }

  const std::string left = e.op("Where", {tall, U_full, Vs}, "left");
  const std::string right = e.op("Where", {tall, Vs, U_full}, "right");
  out.U = block(c, left, m, full ? m : k);
  out.Vt = linalg_loops::transpose(c, block(c, right, cols, full ? cols : k));
  return out;
}

}  // namespace linalg_loops

namespace {

void convert_svd(ConversionContext& c, const Node& n) {
  linalg_loops::SVDOptions o;
  o.full_matrices = linalg::attr_flag(n.attrs, "full_matrices", true);
  o.uv = linalg::attr_flag(n.attrs, "compute_uv", true);
  const size_t s_out = o.uv ? 1 : 0;
  const DType t = c.out_dtype(s_out);
  const auto r = linalg_loops::svd(c, c.cast(c.in(0), c.in_dtype(0), t), t, o);
  c.emit("Identity", {r.s}, {c.out(s_out)});
  if (!o.uv) return;
  c.emit("Identity", {r.U}, {c.out(0)});
  axes::pin_rank(c, r.Vt, 2, c.out(2));
}

const ConverterRegistrar kSVD("SVD", 13, convert_svd);

}  // namespace
}  // namespace ptonnx
