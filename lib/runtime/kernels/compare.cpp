// Comparisons (bool output), logical ops, Where, IsNaN and IsInf.
#include <cmath>

#include "runtime/broadcast.h"
#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

// op(a, b) -> bool over the broadcast of inputs 0 and 1 of one dtype.
template <typename Op>
KernelFn comparison(Op op, bool allow_bool) {
  return [op, allow_bool](KernelContext& ctx) -> std::vector<Tensor> {
    const Tensor& a = ctx.input(0);
    const Tensor& b = ctx.input(1);
    if (a.dtype() != b.dtype())
      throw TypeError("inputs have different dtypes " + std::string(dtype_name(a.dtype())) + " and " +
                      std::string(dtype_name(b.dtype())));
    if (!allow_bool && a.dtype() == DType::Bool) throw TypeError("dtype bool is not accepted by this comparison");
    Tensor y = ctx.alloc(DType::Bool, broadcast_shapes(a.shape(), b.shape()));
    visit_dtype(a.dtype(), [&](auto tag) {
      constexpr DType D = decltype(tag)::value;
      using S = storage_t<D>;
      broadcast_binary(a.data<S>().data(), a.shape(), b.data<S>().data(), b.shape(), y.data<uint8_t>().data(),
                       y.shape(), [&](S x, S z) -> uint8_t { return op(load<D>(x), load<D>(z)) ? 1 : 0; });
    });
    return one_output(std::move(y));
  };
}

template <typename Op>
KernelFn logical(Op op) {
  return [op](KernelContext& ctx) -> std::vector<Tensor> {
    const Tensor& a = ctx.input(0);
    const Tensor& b = ctx.input(1);
    require_dtype(a.dtype() == DType::Bool && b.dtype() == DType::Bool, a, "input", "bool");
    Tensor y = ctx.alloc(DType::Bool, broadcast_shapes(a.shape(), b.shape()));
    broadcast_binary(a.data<uint8_t>().data(), a.shape(), b.data<uint8_t>().data(), b.shape(), y.data<uint8_t>().data(),
                     y.shape(), [&](uint8_t x, uint8_t z) -> uint8_t { return op(x != 0, z != 0) ? 1 : 0; });
    return one_output(std::move(y));
  };
}

std::vector<Tensor> not_kernel(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  require_dtype(x.dtype() == DType::Bool, x, "input", "bool");
  Tensor y = ctx.alloc(DType::Bool, x.shape());
  auto in = x.data<uint8_t>();
  auto out = y.data<uint8_t>();
  for (size_t i = 0; i < in.size(); ++i) out[i] = in[i] ? 0 : 1;
  return one_output(std::move(y));
}

// Where over elements of one width, copied as unsigned integers of that
// width (bit-exact for every dtype, NaN payloads and -0.0 included); one
// plain loop when nothing broadcasts, which the compiler vectorises.
template <typename E>
void where_elements(const uint8_t* cd, const Shape& sc, const E* xd, const Shape& sx, const E* zd, const Shape& sz,
                    E* out, const Shape& shape) {
  const int64_t n = shape_numel(shape);
  if (sc == shape && sx == shape && sz == shape) {
    for (int64_t i = 0; i < n; ++i) out[i] = cd[i] ? xd[i] : zd[i];
    return;
  }
  // Row by row: a condition constant along the row (a broadcast mask such
  // as a row or column selector) copies or fills the whole row at once.
  for_each_broadcast_row<3>(
      shape, {&sc, &sx, &sz},
      [&](int64_t o, int64_t count, const std::array<int64_t, 3>& at, const std::array<int64_t, 3>& step) {
        E* dst = out + o;
        if (step[0] == 0) {
          const bool take_x = cd[at[0]] != 0;
          const E* src = take_x ? xd + at[1] : zd + at[2];
          if ((take_x ? step[1] : step[2]) == 0)
            std::fill(dst, dst + count, *src);
          else
            std::copy(src, src + count, dst);
          return;
        }
        const uint8_t* c = cd + at[0];
        const E *x = xd + at[1], *z = zd + at[2];
        if (step[1] == 1 && step[2] == 1) {  // unit strides: vectorised
          for (int64_t j = 0; j < count; ++j) dst[j] = c[j] ? x[j] : z[j];
          return;
        }
        for (int64_t j = 0; j < count; ++j) dst[j] = c[j] ? x[j * step[1]] : z[j * step[2]];
      });
}

std::vector<Tensor> where_kernel(KernelContext& ctx) {
  const Tensor& c = ctx.input(0);
  const Tensor& x = ctx.input(1);
  const Tensor& z = ctx.input(2);
  require_dtype(c.dtype() == DType::Bool, c, "condition", "bool");
  if (x.dtype() != z.dtype()) throw TypeError("Where X and Y have different dtypes");
  const Shape shape = broadcast_shapes({c.shape(), x.shape(), z.shape()});
  Tensor y = ctx.alloc(x.dtype(), shape);
  const auto* cd = c.data<uint8_t>().data();
  const auto run = [&](auto width) {
    using E = decltype(width);
    where_elements(cd, c.shape(), reinterpret_cast<const E*>(x.raw()), x.shape(), reinterpret_cast<const E*>(z.raw()),
                   z.shape(), reinterpret_cast<E*>(y.raw()), shape);
  };
  switch (dtype_size(x.dtype())) {
    case 1: run(uint8_t{}); break;
    case 2: run(uint16_t{}); break;
    case 4: run(uint32_t{}); break;
    case 8: run(uint64_t{}); break;
    default: throw TypeError("Where: no element width " + std::to_string(dtype_size(x.dtype())));
  }
  return one_output(std::move(y));
}

template <typename Pred>
KernelFn float_predicate(Pred make) {
  return [make](KernelContext& ctx) -> std::vector<Tensor> {
    const Tensor& x = ctx.input(0);
    Tensor y = ctx.alloc(DType::Bool, x.shape());
    auto pred = make(ctx);
    visit_float(x.dtype(), [&](auto tag) {
      constexpr DType D = decltype(tag)::value;
      auto in = x.data<storage_t<D>>();
      auto out = y.data<uint8_t>();
      for (size_t i = 0; i < in.size(); ++i) out[i] = pred(static_cast<double>(load<D>(in[i]))) ? 1 : 0;
    });
    return one_output(std::move(y));
  };
}

const KernelRegistrar regs[] = {
    {"Equal", 7, comparison([](auto a, auto b) { return a == b; }, true)},
    {"Less", 7, comparison([](auto a, auto b) { return a < b; }, false)},
    {"LessOrEqual", 12, comparison([](auto a, auto b) { return a <= b; }, false)},
    {"Greater", 7, comparison([](auto a, auto b) { return a > b; }, false)},
    {"GreaterOrEqual", 12, comparison([](auto a, auto b) { return a >= b; }, false)},
    {"And", 7, logical([](bool a, bool b) { return a && b; })},
    {"Or", 7, logical([](bool a, bool b) { return a || b; })},
    {"Xor", 7, logical([](bool a, bool b) { return a != b; })},
    {"Not", 1, not_kernel},
    {"Where", 9, where_kernel},
    {"IsNaN", 9, float_predicate([](KernelContext&) { return [](double v) { return std::isnan(v); }; })},
    {"IsInf", 10, float_predicate([](KernelContext& c) {
       const bool pos = c.attrs().get_int("detect_positive", 1) != 0;
       const bool neg = c.attrs().get_int("detect_negative", 1) != 0;
       return [pos, neg](double v) { return std::isinf(v) && ((v > 0 && pos) || (v < 0 && neg)); };
     })},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
