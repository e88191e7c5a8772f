// Variadic elementwise ops with broadcasting over all inputs: Max, Min,
// Sum, Mean. Folded pairwise, which is exact because broadcasting composes.
#include <cmath>

#include "runtime/broadcast.h"
#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

template <typename T> bool is_nan(T v) {
  if constexpr (std::is_floating_point_v<T>) return std::isnan(v);
  else return false;
}

template <typename Op>
KernelFn variadic(Op op, bool float_only, bool mean) {
  return [op, float_only, mean](KernelContext& ctx) -> std::vector<Tensor> {
    std::vector<const Tensor*> ins;
    for (size_t i = 0; i < ctx.num_inputs(); ++i) ins.push_back(&ctx.input(i));
    if (ins.empty()) throw ValidationError("needs at least one input");
    const DType dt = ins[0]->dtype();
    for (const auto* t : ins)
      if (t->dtype() != dt) throw TypeError("inputs have different dtypes");
    if (float_only && !is_float(dt)) throw TypeError("dtype " + std::string(dtype_name(dt)) + " is not accepted; the op takes float types");
    std::vector<Shape> shapes;
    for (const auto* t : ins) shapes.push_back(t->shape());
    ctx.alloc(dt, broadcast_shapes(shapes));  // limit check of the final shape
    Tensor acc = *ins[0];
    visit_numeric(dt, [&](auto tag) {
      constexpr DType D = decltype(tag)::value;
      using S = storage_t<D>;
      using C = compute_t<D>;
      for (size_t k = 1; k < ins.size(); ++k) {
        Tensor next = ctx.alloc(dt, broadcast_shapes(acc.shape(), ins[k]->shape()));
        broadcast_binary(acc.data<S>().data(), acc.shape(), ins[k]->data<S>().data(), ins[k]->shape(),
                         next.data<S>().data(), next.shape(),
                         [&](S a, S b) { return store<D>(static_cast<C>(op(load<D>(a), load<D>(b)))); });
        acc = std::move(next);
      }
      if constexpr (std::is_floating_point_v<C>) {
        if (mean) {
          auto d = acc.data<S>();
          for (auto& v : d) v = store<D>(static_cast<C>(load<D>(v) / static_cast<C>(ins.size())));
        }
      }
    });
    return one_output(std::move(acc));
  };
}

// Max/Min with a NaN operand: the spec ("Element-wise max of each of the
// input tensors (with Numpy-style broadcasting support)") says nothing about
// NaN. The normal mode propagates NaN (NumPy's maximum, ONNX Runtime since
// PRs 19984/21492); the adversarial mode returns the other operand, as C's
// fmax and ONNX Runtime before 2024 did (microsoft/onnxruntime#21455).
template <bool IsMax> KernelFn max_min() {
  const auto pick = [](auto a, auto b) { return IsMax ? (a > b ? a : b) : (a < b ? a : b); };
  static const KernelFn numpy = variadic(
      [pick](auto a, auto b) { return is_nan(a) || is_nan(b) ? a + b : pick(a, b); }, false, false);
  static const KernelFn fmax_like = variadic(
      [pick](auto a, auto b) { return is_nan(a) ? b : is_nan(b) ? a : pick(a, b); }, false, false);
  return [](KernelContext& ctx) { return ctx.adversarial() ? fmax_like(ctx) : numpy(ctx); };
}

const KernelRegistrar regs[] = {
    {"Max", 6, max_min<true>()},
    {"Min", 6, max_min<false>()},
    {"Sum", 6, variadic([](auto a, auto b) { return a + b; }, true, false)},
    {"Mean", 6, variadic([](auto a, auto b) { return a + b; }, true, true)},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
