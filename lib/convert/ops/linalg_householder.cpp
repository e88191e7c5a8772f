// Householder reflections (dlarfg, dlarf, dgeqr2, dorg2r) as ONNX. Every
// choice below is LAPACK's, because QR's factors are compared with LAPACK's
// elementwise: the sign of beta (so R's diagonal has the sign of -alpha),
// tau = 0 without a reflection when the tail is exactly zero (a reflection
// with tau = 2 would flip the row's sign: valid, but not LAPACK's factors),
// v scaled by the reciprocal of alpha - beta (a subtraction of numbers of
// opposite signs: no cancellation), and Q built backwards from the identity.
// Unselected branches may hold inf or NaN (0 / 0 where tau = 0): they are
// dropped by Where, never multiplied by a 0 mask.
#include "convert/ops/linalg_householder.h"

#include "convert/ops/axes.h"
#include "convert/ops/linalg_loops.h"
#include "convert/ops/subgraph_emit.h"

namespace ptonnx::linalg_loops {
namespace {

// A reduction over every axis to a 0-d value (no axes input or attribute:
// the same node at every opset).
std::string reduce_all(ConversionContext& c, const char* op, const std::string& v, const char* hint) {
  const std::string out = c.temp(hint);
  set_attr(c.emit(op, {v}, {out}), "keepdims", int64_t{0});
  return out;
}

}  // namespace

Reflector householder(ConversionContext& b, const std::string& x, const std::string& j, const std::string& index,
                      DType t) {
  Emit e{b};
  const std::string zero = b.scalar(t, 0), one = b.scalar(t, 1);
  const std::string below = e.op("Greater", {index, j}, "below");
  const std::string at = e.op("Equal", {index, j}, "at");
  const std::string alpha = e.op("Gather", {x, j}, "alpha", 0);
  const std::string tail = e.op("Where", {below, x, zero}, "tail");
  // dnrm2 of the tail, scaled by its largest magnitude s: (x / s)^2 <= 1
  // neither overflows nor loses everything to underflow. s == 0 exactly
  // when the tail is zero: the identity case, whatever alpha is.
  const std::string s = reduce_all(b, "ReduceMax", e.op("Abs", {tail}, "abs_tail"), "tail_max");
  Reflector h;
  h.identity = e.op("Equal", {s, zero}, "identity");
  const std::string safe_s = e.op("Where", {h.identity, one, s}, "safe_scale");
  const std::string xnorm = e.op(
      "Mul",
      {s, e.op("Sqrt", {reduce_all(b, "ReduceSumSquare", e.op("Div", {tail, safe_s}, "scaled"), "sum_sq")}, "root")},
      "xnorm");
  // dlapy2(alpha, xnorm) = w sqrt(1 + (z / w)^2), w the larger magnitude
  // (> 0 whenever it is used: xnorm > 0 outside the identity case).
  const std::string abs_alpha = e.op("Abs", {alpha}, "abs_alpha");
  const std::string w = e.op("Max", {abs_alpha, xnorm}, "w");
  const std::string z =
      e.op("Div", {e.op("Min", {abs_alpha, xnorm}, "z"), e.op("Where", {h.identity, one, w}, "safe_w")}, "z_over_w");
  const std::string norm =
      e.op("Mul", {w, e.op("Sqrt", {e.op("Add", {one, e.op("Mul", {z, z}, "z2")}, "one_plus")}, "root2")}, "norm");
  // beta = -SIGN(norm, alpha): gfortran's SIGN copies the sign bit, so
  // alpha = -0.0 gives beta = +norm (1 / -0 = -inf tells -0 from +0).
  const std::string negative = e.op(
      "Or",
      {e.op("Less", {alpha, zero}, "alpha_neg"), e.op("Less", {e.op("Reciprocal", {alpha}, "inv"), zero}, "sign_bit")},
      "negative");
  const std::string beta = e.op("Where", {negative, norm, e.op("Neg", {norm}, "minus_norm")}, "beta");
  h.tau =
      e.op("Where", {h.identity, zero, e.op("Div", {e.op("Sub", {beta, alpha}, "b_minus_a"), beta}, "tau_raw")}, "tau");
  const std::string reciprocal = e.op("Div", {one, e.op("Sub", {alpha, beta}, "a_minus_b")}, "reciprocal");
  const std::string v_tail = e.op("Mul", {tail, reciprocal}, "v_tail");
  h.v =
      e.op("Where",
           {below, e.op("Where", {h.identity, zero, v_tail}, "v_below"), e.op("Where", {at, one, zero}, "unit")}, "v");
  h.stored = e.op("Where",
                  {below, e.op("Where", {h.identity, x, v_tail}, "kept_tail"),
                   e.op("Where", {at, e.op("Where", {h.identity, alpha, beta}, "diag"), x}, "head")},
                  "stored");
  return h;
}

std::string reflect_left(ConversionContext& b, const std::string& A, const Reflector& h, const std::string& j,
                         const std::string& row_col, DType t) {
  Emit e{b};
  const std::string active = e.op("GreaterOrEqual", {row_col, j}, "active_rows");
  const std::string w = e.op("MatMul", {h.v, e.op("Where", {active, A, b.scalar(t, 0)}, "read")}, "w");
  const std::string outer = e.op(
      "Mul", {unsqueeze(b, h.v, 1, "v_col"), unsqueeze(b, e.op("Mul", {h.tau, w}, "tau_w"), 0, "tau_w_row")}, "outer");
  const std::string keep = e.op("Or", {e.op("Not", {active}, "inactive"), h.identity}, "keep");
  return e.op("Where", {keep, A, e.op("Sub", {A, outer}, "reflected")}, "HA");
}

// dgeqr2, one column per step j:
//   h = dlarfg(QR[:, j] from row j)
//   QR[:, j] = h.stored; columns right of j: H QR (rows from j on)
//   tau[j] = h.tau
HouseholderQR householder_qr(ConversionContext& c, const std::string& A, DType t) {
  Emit e{c};
  const std::string shape = e.op("Shape", {A}, "shape");
  const std::string m = dim(c, shape, 0, "rows"), n = dim(c, shape, 1, "cols");
  const std::string k = e.op("Min", {m, n}, "steps");
  const std::string row_index = range(c, m, "row_index");
  const std::string row_col = unsqueeze(c, row_index, 1, "row_col");
  const std::string col_row = unsqueeze(c, range(c, n, "col_range"), 0, "col_row");
  const std::string tau_index = range(c, k, "tau_index");

  LoopBuilder loop(c, "geqr2_body");
  ConversionContext& b = loop.body();
  Emit be{b};
  const std::string& j = loop.iteration();
  const std::string QR = loop.carry("QR", TensorType{t, {std::nullopt, std::nullopt}}, A);
  const std::string tau = loop.carry("tau", TensorType{t, {std::nullopt}},
                                     e.op("Expand", {c.scalar(t, 0), unsqueeze(c, k, 0, "k_shape")}, "tau0"));
  const Reflector h = householder(b, be.op("Gather", {QR, j}, "col_j", 1), j, row_index, t);
  const std::string right = reflect_left(b, QR, h, j, row_col, t);
  const std::string rest = be.op("Where", {be.op("Greater", {col_row, j}, "right_of_j"), right, QR}, "rest");
  loop.update(0, be.op("Where", {be.op("Equal", {col_row, j}, "is_col"), unsqueeze(b, h.stored, 1, "stored_col"), rest},
                       "QR_out"));
  loop.update(1, be.op("Where", {be.op("Equal", {tau_index, j}, "is_tau"), h.tau, tau}, "tau_out"));
  const auto out = loop.emit(k);
  return {out[0], out[1]};
}

// dorg2r, backwards: for i = k-1 .. 0, Q = H_i Q, Q starting as the first
// `cols` columns of I_m. H_i leaves every column c < i alone (Q[:, c] =
// e_c has no entries from row i on) and turns e_i into (0, .., 1 - tau,
// -tau v[i+1:]), so updating all columns computes dorg2r's values.
std::string householder_q(ConversionContext& c, const std::string& packed, const std::string& tau,
                          const std::string& cols, DType t) {
  Emit e{c};
  const std::string shape = e.op("Shape", {packed}, "shape");
  const std::string m = dim(c, shape, 0, "rows");
  const std::string k = dim(c, e.op("Shape", {tau}, "tau_shape"), 0, "k");
  const std::string row_index = range(c, m, "row_index");
  const std::string row_col = unsqueeze(c, row_index, 1, "row_col");
  const std::string eye = e.op("Where",
                               {e.op("Equal", {row_col, unsqueeze(c, range(c, cols, "q_cols"), 0, "col_row")}, "diag"),
                                c.scalar(t, 1), c.scalar(t, 0)},
                               "eye");
  const std::string last = e.op("Sub", {k, c.scalar(DType::Int64, 1)}, "last");

  LoopBuilder loop(c, "org2r_body");
  ConversionContext& b = loop.body();
  Emit be{b};
  const std::string Q = loop.carry("Q", TensorType{t, {std::nullopt, std::nullopt}}, eye);
  const std::string i = be.op("Sub", {last, loop.iteration()}, "i");
  Reflector h;
  const std::string col = be.op("Gather", {packed, i}, "v_col", 1);
  h.v = be.op("Where",
              {be.op("Greater", {row_index, i}, "below"), col,
               be.op("Where", {be.op("Equal", {row_index, i}, "at"), b.scalar(t, 1), b.scalar(t, 0)}, "unit")},
              "v");
  h.tau = be.op("Gather", {tau, i}, "tau_i", 0);
  h.identity = be.op("Equal", {h.tau, b.scalar(t, 0)}, "identity");
  loop.update(0, reflect_left(b, Q, h, i, row_col, t));
  return loop.emit(k)[0];
}

}  // namespace ptonnx::linalg_loops
