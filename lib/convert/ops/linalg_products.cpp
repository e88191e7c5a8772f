// Converters of the tier-4 products: Dot, Dot22, Gemm, Gemv, BatchedDot
// (pytensor/tensor/math.py, tensor/blas/{gemm,gemv,batched}.py).
//
// The product of two operands already in the output dtype t:
// - float32/float64: MatMul (np.matmul / BLAS ?gemm, ?gemv in t).
// - float16: Cast to float32, MatMul, Cast back: NumPy's HALF matmul and
//   dot loops accumulate in float and round to half once.
// - integers and bool: elementwise Mul of Unsqueeze'd operands in int64
//   ((..., m, k, 1) * (..., 1, k, n)) and ReduceSum over k, then wrapped
//   back to t (Mod, as the elementwise converters do) or, for bool, != 0
//   (NumPy's BOOL matmul is any(x & y)). NumPy accumulates integer
//   products in the dtype (matmul) or in C long (dot) and stores with a
//   wrapping cast: the low bits of the exact sum, which an int64 sum also
//   has. MatMul is avoided for integers: it has no 8/16-bit or bool
//   types, and several runtimes implement no integer MatMul at all, while
//   int64 Mul and ReduceSum are implemented everywhere.
//
// Gemm and Gemv take their scalars as runtime inputs, so ONNX Gemm (alpha,
// beta attributes) does not fit: the scaling is Mul/Add, and PyTensor's
// "b == 0 ignores z" (NaN and inf included) is a Where on Equal(b, 0),
// never a multiplication by zero.
#include "convert/ops/arith.h"
#include "convert/ops/arith_wrap.h"
#include "convert/ops/axes.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

std::string unsqueeze(ConversionContext& c, const std::string& v, int64_t axis) {
  const std::string out = c.temp("unsqueezed");
  c.emit("Unsqueeze", {v, axes::int64_vector(c, {axis}, "axes")}, {out});
  return out;
}

// x (..., m, k) times y (..., k, n), both of dtype t and rank `rank`, as
// dtype t.
std::string product(ConversionContext& c, const std::string& x, const std::string& y, DType t, int64_t rank) {
  if (t == DType::Float32 || t == DType::Float64) {
    const std::string out = c.temp("matmul");
    c.emit("MatMul", {x, y}, {out});
    return out;
  }
  if (t == DType::Float16) {
    const std::string out = c.temp("matmul");
    c.emit("MatMul", {c.cast(x, t, DType::Float32), c.cast(y, t, DType::Float32)}, {out});
    return c.cast(out, DType::Float32, t);
  }
  const std::string x64 = arith::cast_mod_2_64(c, x, t, DType::Int64);
  const std::string y64 = arith::cast_mod_2_64(c, y, t, DType::Int64);
  const std::string terms = c.temp("terms");
  c.emit("Mul", {unsqueeze(c, x64, -1), unsqueeze(c, y64, -3)}, {terms});
  // The sum over k (axis rank - 1 of the terms) must wrap modulo 2^64 by
  // construction: an int64 ReduceSum that overflows is left open by the
  // spec (ONNX Runtime saturates; so does the spec-adversarial runtime).
  // Up to 16 bits a term is below 2^32 in magnitude, so fewer than 2^31 of
  // them sum in int64 without overflow: a plain ReduceSum. Wider: the
  // 32-bit halves of arith::sum_mod_2_64.
  std::string sum;
  if (dtype_bits(t) <= 16) {
    sum = c.temp("sum");
    set_attr(c.emit("ReduceSum", {terms, axes::int64_vector(c, {rank - 1}, "axes")}, {sum}), "keepdims", int64_t{0});
  } else {
    sum = arith::sum_mod_2_64(c, terms, {rank - 1}, false);
  }
  if (t == DType::Int64) return sum;
  if (t == DType::UInt64) return arith::cast_mod_2_64(c, sum, DType::Int64, t);
  if (t == DType::Bool) {
    const std::string zero = c.temp("is_zero"), out = c.temp("any");
    c.emit("Equal", {sum, c.scalar(DType::Int64, 0)}, {zero});
    c.emit("Not", {zero}, {out});
    return out;
  }
  return arith::wrap_from_int64(c, sum, t, c.temp("wrapped"));
}

void assign(ConversionContext& c, const std::string& v) { c.emit("Identity", {v}, {c.out()}); }

// Dot, Dot22, BatchedDot: both operands cast to the output dtype first
// (np.matmul's type resolution; BatchedDot.make_node casts explicitly).
void convert_matmul_like(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  assign(c, product(c, c.cast(c.in(0), c.in_dtype(0), t), c.cast(c.in(1), c.in_dtype(1), t), t,
                    c.node().inputs.at(0)->type.ndim()));
}

std::string is_zero(ConversionContext& c, const std::string& s, DType t) {
  const std::string out = c.temp("is_zero");
  c.emit("Equal", {s, c.scalar(t, 0)}, {out});
  return out;
}

std::string binop(ConversionContext& c, const char* op, const std::string& a, const std::string& b) {
  const std::string out = c.temp(op);
  c.emit(op, {a, b}, {out});
  return out;
}

// Gemm.perform: b == 0 -> a*dot(x, y) (z never read); otherwise
// z*b + a*dot(x, y), z broadcast up to the product's shape.
void convert_gemm(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  const std::string& z = c.in(0);
  const std::string &a = c.in(1), &b = c.in(4);
  const std::string scaled = binop(c, "Mul", a, product(c, c.in(2), c.in(3), t, 2));
  const std::string full = binop(c, "Add", binop(c, "Mul", z, b), scaled);
  c.emit("Where", {is_zero(c, b, t), scaled, full}, {c.out()});
}

// Gemv.perform. float32/float64 (scipy's BLAS ?gemv): y := beta*y, with y
// zero-filled first when beta == 0, then, unless alpha == 0 (BLAS returns
// before touching A and x), y += alpha*(A x). Other dtypes (np.dot path):
// out = dot(A, x) * alpha, + beta*y when beta != 0, in the dtype (integers
// wrap, float16 rounds each step, bool is and/or).
void convert_gemv(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  if (c.in_dtype(1) != t || c.in_dtype(4) != t)
    c.unsupported("Gemv with alpha/beta of another dtype than y (" + std::string(dtype_name(c.in_dtype(1))) + ", " +
                  std::string(dtype_name(c.in_dtype(4))) + " vs " + std::string(dtype_name(t)) +
                  "): NumPy's in-place mixed-dtype scaling is not modelled");
  const std::string &y = c.in(0), &alpha = c.in(1), &A = c.in(2), &x = c.in(3), &beta = c.in(4);
  const std::string col = product(c, A, unsqueeze(c, x, 1), t, 2);
  const std::string dot = c.temp("dot");
  c.emit("Squeeze", {col, axes::int64_vector(c, {1}, "axes")}, {dot});
  if (t == DType::Float32 || t == DType::Float64) {
    const std::string zero = c.scalar(t, 0);
    const std::string by = c.temp("beta_y"), ad = c.temp("alpha_dot");
    c.emit("Where", {is_zero(c, beta, t), zero, binop(c, "Mul", beta, y)}, {by});
    c.emit("Where", {is_zero(c, alpha, t), zero, binop(c, "Mul", alpha, dot)}, {ad});
    c.emit("Add", {by, ad}, {c.out()});
    return;
  }
  if (t == DType::Float16) {
    const std::string ad = binop(c, "Mul", alpha, dot);
    c.emit("Where", {is_zero(c, beta, t), ad, binop(c, "Add", ad, binop(c, "Mul", beta, y))}, {c.out()});
    return;
  }
  // Integers and bool: alpha*dot + beta*y in int64, wrapped back (bool:
  // each term is 0 or 1, the result is their or).
  const DType w = DType::Int64;
  const auto i64 = [&](const std::string& v, DType from) { return arith::cast_mod_2_64(c, v, from, w); };
  const std::string sum =
      binop(c, "Add", binop(c, "Mul", i64(alpha, t), i64(dot, t)), binop(c, "Mul", i64(beta, t), i64(y, t)));
  if (t == DType::Int64) return assign(c, sum);
  if (t == DType::UInt64) return (void)arith::cast_mod_2_64(c, sum, w, t, c.out());
  if (t == DType::Bool) {
    c.emit("Not", {is_zero(c, sum, w)}, {c.out()});
    return;
  }
  arith::wrap_from_int64(c, sum, t, c.out());
}

const ConverterRegistrar kDot("Dot", 13, convert_matmul_like);
const ConverterRegistrar kDot22("Dot22", 13, convert_matmul_like);
const ConverterRegistrar kBatchedDot("BatchedDot", 13, convert_matmul_like);
const ConverterRegistrar kGemm("Gemm", 13, convert_gemm);
const ConverterRegistrar kGemv("Gemv", 13, convert_gemv);

}  // namespace
}  // namespace ptonnx
