// Shared machinery of the oracle's Elemwise kernels (oracles/elemwise*.cpp).
//
// How PyTensor's Python implementation computes an Elemwise
// (pytensor/tensor/elemwise.py, Elemwise.prepare_node and .perform):
// - a scalar op with `nfunc_spec` whose arity matches is computed by that
//   NumPy ufunc; when the output is a float and the first input is discrete
//   (bool or int), prepare_node passes `sig="ff->f"`-style signatures, so the
//   ufunc computes in the OUTPUT dtype (np.exp(int8) is computed in float32,
//   not NumPy's own float16; int/int TrueDiv in floatX);
// - otherwise (Cast, Identity, RoundHalfAwayFromZero, n-ary Add/Mul) it is
//   np.frompyfunc(scalar_op.impl): the impl sees Python ints/floats;
// - the result is cast with np.asarray(result, dtype=output dtype), under
//   np.errstate(all="ignore").
// In both ufunc cases NumPy brings the inputs to one loop dtype, which is the
// output dtype for every tier-1 op; so kernels convert their inputs to the
// output dtype (to_loop_dtype) and compute there.
#pragma once

#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {

// A unary ufunc computed in the output dtype. op(tag, v) gets the lane
// value of dtype decltype(tag)::value and returns the same compute type.
template <typename Op>
Kernel ufunc1(Op op) {
  return [op](const Node& node, const std::vector<Tensor>& in) -> std::vector<Tensor> {
    const DType t = out_dtype(node);
    const Tensor x = to_loop_dtype(in.at(0), t);
    return {visit_dtype(t, [&](auto tag) {
      return map_unary<decltype(tag)::value>(x, [&](auto v) { return op(tag, v); });
    })};
  };
}

// A binary ufunc computed in the output dtype, with broadcasting.
template <typename Op>
Kernel ufunc2(Op op) {
  return [op](const Node& node, const std::vector<Tensor>& in) -> std::vector<Tensor> {
    const DType t = out_dtype(node);
    const Broadcast b = broadcast(node, in);
    const Tensor x = to_loop_dtype(in.at(0), t);
    const Tensor y = to_loop_dtype(in.at(1), t);
    return {visit_dtype(t, [&](auto tag) {
      return map_binary<decltype(tag)::value>(b, x, y, [&](auto p, auto q) { return op(tag, p, q); });
    })};
  };
}

// A unary scalar op without nfunc_spec: Elemwise runs np.frompyfunc(impl),
// so impl sees each element as a Python float (a double) and the result is
// cast to the output dtype, which must be a float: f(double) -> double.
template <typename F>
Kernel python_float_impl(std::string op, F f) {
  return [op, f](const Node& node, const std::vector<Tensor>& in) -> std::vector<Tensor> {
    const Tensor& x = in.at(0);
    Tensor out(out_dtype(node), x.shape());
    visit_dtype(out.dtype(), [&](auto tag) {
      constexpr DType T = decltype(tag)::value;
      if constexpr (is_float_dtype(T)) {
        auto o = out.data<storage_t<T>>();
        for (int64_t i = 0; i < x.numel(); ++i) o[i] = store_double<T>(f(x.get_as_double(i)));
      } else {
        throw Error("oracle: " + op + " with a non-float output dtype");
      }
    });
    return {out};
  };
}

template <typename Tag> constexpr bool is_bool_tag = Tag::value == DType::Bool;
template <typename V> constexpr bool is_float_v = std::is_floating_point_v<V>;

// f(v) for the float math ops, whose outputs are floats (upgrade_to_float);
// an integer lane would be a type inference bug, reported rather than
// computed.
template <typename V, typename F>
V float_only(V v, F f) {
  if constexpr (is_float_v<V>) return f(v);
  else throw Error("oracle: float math op with a non-float output dtype");
}

}  // namespace ptonnx::oracle
