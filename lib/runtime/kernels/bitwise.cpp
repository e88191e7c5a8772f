// The integer bitwise operators of opset 18: BitwiseAnd, BitwiseOr,
// BitwiseXor (two inputs of one integer type T, multidirectional
// broadcasting) and BitwiseNot. The spec (onnx/defs/math/defs.cc, since
// version 18) constrains T to int8..int64 and uint8..uint64 (no bool: that
// is And/Or/Xor/Not) and defines each as the C operator on the
// two's-complement values; the reference implementation is NumPy's
// bitwise_and/or/xor and bitwise_not. Computed in the unsigned type of the
// same width, so no signed operation is involved.
#include <type_traits>

#include "runtime/broadcast.h"
#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {
namespace {

template <typename Op>
KernelFn bitwise_binary(Op op) {
  return [op](KernelContext& ctx) -> std::vector<Tensor> {
    const Tensor& a = ctx.input(0);
    const Tensor& b = ctx.input(1);
    if (a.dtype() != b.dtype())
      throw TypeError("inputs have different dtypes " + std::string(dtype_name(a.dtype())) + " and " +
                      std::string(dtype_name(b.dtype())));
    Tensor y = ctx.alloc(a.dtype(), broadcast_shapes(a.shape(), b.shape()));
    visit_integer(a.dtype(), [&](auto tag) {
      using S = storage_t<decltype(tag)::value>;
      using U = std::make_unsigned_t<S>;
      broadcast_binary(a.data<S>().data(), a.shape(), b.data<S>().data(), b.shape(), y.data<S>().data(), y.shape(),
                       [&](S x, S z) { return static_cast<S>(op(static_cast<U>(x), static_cast<U>(z))); });
    });
    return one_output(std::move(y));
  };
}

std::vector<Tensor> bitwise_not(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  Tensor y = ctx.alloc(x.dtype(), x.shape());
  visit_integer(x.dtype(), [&](auto tag) {
    using S = storage_t<decltype(tag)::value>;
    using U = std::make_unsigned_t<S>;
    auto in = x.data<S>();
    auto out = y.data<S>();
    for (size_t i = 0; i < in.size(); ++i) out[i] = static_cast<S>(static_cast<U>(~static_cast<U>(in[i])));
  });
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    {"BitwiseAnd", 18, bitwise_binary([](auto a, auto b) { return static_cast<decltype(a)>(a & b); })},
    {"BitwiseOr", 18, bitwise_binary([](auto a, auto b) { return static_cast<decltype(a)>(a | b); })},
    {"BitwiseXor", 18, bitwise_binary([](auto a, auto b) { return static_cast<decltype(a)>(a ^ b); })},
    {"BitwiseNot", 18, bitwise_not},
};

}  // namespace
}  // namespace ptonnx::runtime::kernels
