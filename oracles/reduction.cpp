// Oracle kernels of the reductions: Sum, Prod, Max, Min, All, Any, CAReduce
// and Argmax/Argmin.
//
// CAReduce.perform (pytensor/tensor/elemwise.py):
//   input = np.array(input, dtype=acc_dtype)
//   out = ufunc.reduce(input, axis=axis, dtype=acc_dtype)
//   output[0] = np.asarray(out, dtype=out_dtype)
// so the values are converted to the accumulator dtype (a value-preserving
// upcast), reduced there with the scalar op's ufunc, and cast unsafely to
// the output dtype (integers wrap). ufunc.reduce starts from the ufunc's
// identity (add 0, multiply 1, bitwise_and all ones, or/xor 0) or, for
// maximum/minimum, which have none, from the first element, raising
// "zero-size array to reduction operation ... which has no identity" when a
// reduced axis has length 0 (numpy/_core/src/umath/reduction.c,
// PyArray_CopyInitialReduceValues).
//
// Order: elements are combined in C order of the input, per output
// element. NumPy uses the same order except along a contiguous innermost
// run of at least 8 reduced elements, where its pairwise summation groups
// floating additions differently; the results agree except where a float
// sum cancels catastrophically (documented in docs/comparison.md terms: a
// reassociated sum).
#include <cmath>

#include "graph/ops/reduction.h"
#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

enum class ScalarOp { Add, Mul, Maximum, Minimum, And, Or, Xor };

ScalarOp parse_scalar_op(const std::string& s) {
  if (s == "Add") return ScalarOp::Add;
  if (s == "Mul") return ScalarOp::Mul;
  if (s == "Maximum") return ScalarOp::Maximum;
  if (s == "Minimum") return ScalarOp::Minimum;
  if (s == "AND") return ScalarOp::And;
  if (s == "OR") return ScalarOp::Or;
  if (s == "XOR") return ScalarOp::Xor;
  throw Error("oracle: unknown CAReduce scalar_op '" + s + "'");
}

bool has_identity(ScalarOp op) { return op != ScalarOp::Maximum && op != ScalarOp::Minimum; }

// The reduction's geometry: output shape (keepdims applied) and, for each
// input element in C order, the flat index of the output element it joins.
struct Plan {
  Shape out_shape;
  std::vector<int64_t> target;
  bool reduces_empty_axis = false;
};

Plan make_plan(const Shape& in, const std::vector<int64_t>& axes, bool keep) {
  const size_t rank = in.size();
  std::vector<bool> reduced(rank, false);
  for (int64_t a : axes) reduced[static_cast<size_t>(a)] = true;
  Plan p;
  std::vector<int64_t> stride(rank, 0);  // output stride of each input axis (0 if reduced)
  int64_t s = 1;
  for (size_t d = rank; d-- > 0;) {
    if (reduced[d]) {
      p.reduces_empty_axis |= in[d] == 0;
      continue;
    }
    stride[d] = s;
    s *= in[d];
  }
  for (size_t d = 0; d < rank; ++d) {
    if (!reduced[d]) p.out_shape.push_back(in[d]);
    else if (keep) p.out_shape.push_back(1);
  }
  const int64_t n = shape_numel(in);
  p.target.resize(static_cast<size_t>(n));
  std::vector<int64_t> idx(rank, 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t t = 0;
    for (size_t d = 0; d < rank; ++d) t += idx[d] * stride[d];
    p.target[static_cast<size_t>(i)] = t;
    for (size_t d = rank; d-- > 0;) {
      if (++idx[d] < in[d]) break;
      idx[d] = 0;
    }
  }
  return p;
}

// One step of the scalar op's ufunc in compute type C. np.maximum and
// np.minimum keep a NaN from either side (loops_minmax: `(a >= b ||
// isnan(a)) ? a : b`). Bitwise ops on floats are refused by the IR.
template <typename C>
C combine(ScalarOp op, C a, C b) {
  switch (op) {
    case ScalarOp::Add:
      if constexpr (std::is_floating_point_v<C>) return a + b;
      else return wrap_add(a, b);
    case ScalarOp::Mul:
      if constexpr (std::is_floating_point_v<C>) return a * b;
      else return wrap_mul(a, b);
    case ScalarOp::Maximum:
      if constexpr (std::is_floating_point_v<C>) return (a >= b || std::isnan(a)) ? a : b;
      else return a >= b ? a : b;
    case ScalarOp::Minimum:
      if constexpr (std::is_floating_point_v<C>) return (a <= b || std::isnan(a)) ? a : b;
      else return a <= b ? a : b;
    default:
      if constexpr (std::is_floating_point_v<C>) throw Error("oracle: bitwise reduction of floats");
      else if (op == ScalarOp::And) return static_cast<C>(a & b);
      else if (op == ScalarOp::Or) return static_cast<C>(a | b);
      else return static_cast<C>(a ^ b);
  }
}

template <DType A>
Tensor reduce_in(const Tensor& x, const Plan& p, ScalarOp op) {
  using S = storage_t<A>;
  using L = Lane<A>;
  Tensor out(A, p.out_shape);
  auto in = x.data<S>();
  auto o = out.data<S>();
  std::vector<uint8_t> seen(o.size(), 0);
  if (has_identity(op)) {
    using C = compute_t<A>;
    C identity = op == ScalarOp::Mul ? C(1) : C(0);
    if constexpr (!std::is_floating_point_v<C>)
      if (op == ScalarOp::And) identity = static_cast<C>(~uint64_t{0});
    for (auto& v : o) v = L::store(identity);
    std::fill(seen.begin(), seen.end(), 1);
  }
  for (size_t i = 0; i < in.size(); ++i) {
    const auto j = static_cast<size_t>(p.target[i]);
    if (!seen[j]) {
      o[j] = in[i];
      seen[j] = 1;
    } else {
      o[j] = L::store(combine(op, L::load(o[j]), L::load(in[i])));
    }
  }
  return out;
}

// np.asarray(value, dtype=to): NumPy's unsafe cast. Integers wrap modulo
// 2^bits (C++20 integer conversions are modular), anything -> bool is
// != 0, floats round once. Float -> int is truncation; NaN, inf or an
// out-of-range value has no defined result, so it is outside the domain.
Tensor numpy_cast(const Tensor& x, DType to) {
  if (x.dtype() == to) return x;
  Tensor out(to, x.shape());
  visit_dtype(x.dtype(), [&](auto ftag) {
    constexpr DType F = decltype(ftag)::value;
    visit_dtype(to, [&](auto ttag) {
      constexpr DType T = decltype(ttag)::value;
      auto in = x.data<storage_t<F>>();
      auto o = out.data<storage_t<T>>();
      for (size_t i = 0; i < in.size(); ++i) {
        const auto v = Lane<F>::load(in[i]);
        using V = std::remove_const_t<decltype(v)>;
        if constexpr (T == DType::Bool) {
          o[i] = v != 0 ? 1 : 0;
        } else if constexpr (is_float_dtype(T)) {
          o[i] = store_double<T>(static_cast<double>(v));
        } else if constexpr (std::is_floating_point_v<V>) {
          const double t = std::trunc(static_cast<double>(v));
          if (!std::isfinite(t) || t < -9.2e18 || t > 9.2e18)
            throw PyTensorRaises("cast of " + std::to_string(static_cast<double>(v)) + " to an integer is undefined");
          o[i] = static_cast<storage_t<T>>(static_cast<int64_t>(t));
        } else {
          o[i] = static_cast<storage_t<T>>(v);
        }
      }
    });
  });
  return out;
}

// The CAReduce pipeline for input x (already the tensor to reduce, e.g.
// x != 0 for All) with accumulator `acc` and output dtype `out`.
Tensor careduce(const Node& node, const Tensor& x, ScalarOp op, DType acc, DType out) {
  const auto axes = reduction::reduced_axes(node.attrs, x.rank());
  const Plan p = make_plan(x.shape(), axes, reduction::keepdims(node.attrs));
  if (!has_identity(op) && p.reduces_empty_axis)
    throw PyTensorRaises("zero-size array to reduction operation " +
                         std::string(op == ScalarOp::Maximum ? "maximum" : "minimum") + " which has no identity");
  const Tensor xa = to_loop_dtype(x, acc);
  Tensor r = visit_dtype(acc, [&](auto tag) { return reduce_in<decltype(tag)::value>(xa, p, op); });
  return numpy_cast(r, out);
}

// All/Any reduce neq(x, 0): NaN counts as true.
Tensor nonzero(const Tensor& x) { return numpy_cast(x, DType::Bool); }

Kernel fixed(ScalarOp op) {
  return [op](const Node& node, const std::vector<Tensor>& in) -> std::vector<Tensor> {
    return {careduce(node, in.at(0), op, careduce_acc_dtype(node, in.at(0).dtype()), out_dtype(node))};
  };
}

Kernel logical(ScalarOp op) {
  return [op](const Node& node, const std::vector<Tensor>& in) -> std::vector<Tensor> {
    return {careduce(node, nonzero(in.at(0)), op, careduce_acc_dtype(node, DType::Bool), DType::Bool)};
  };
}

std::vector<Tensor> careduce_kernel(const Node& node, const std::vector<Tensor>& in) {
  const ScalarOp op = parse_scalar_op(attr_string(node.attrs, "scalar_op"));
  return {careduce(node, in.at(0), op, careduce_acc_dtype(node, in.at(0).dtype()), out_dtype(node))};
}

const KernelRegistrar kSum("Sum", fixed(ScalarOp::Add));
const KernelRegistrar kProd("Prod", fixed(ScalarOp::Mul));
const KernelRegistrar kMax("Max", fixed(ScalarOp::Maximum));
const KernelRegistrar kMin("Min", fixed(ScalarOp::Minimum));
const KernelRegistrar kAll("All", logical(ScalarOp::And));
const KernelRegistrar kAny("Any", logical(ScalarOp::Or));
const KernelRegistrar kCAReduce("CAReduce", careduce_kernel);

}  // namespace
}  // namespace ptonnx::oracle
