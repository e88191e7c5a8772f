// The Reduce* family and ArgMax/ArgMin. Axes come from an attribute until
// ReduceSum-13 / Reduce*-18, then from an optional input (with
// noop_with_empty_axes). Floats accumulate in double and round once;
// integers accumulate in 64 bits (wrapping like NumPy).
#include <climits>
#include <cmath>
#include <limits>

#include "runtime/kernels/common.h"
#include "runtime/kernels/row_simd.h"

namespace ptonnx::runtime::kernels {

namespace {

enum class Reduce { Sum, Mean, Max, Min, Prod, L1, L2, LogSum, LogSumExp, SumSquare };

// The reduced geometry: output shape, and how input elements reach output
// elements. When the reduced dims are adjacent once size-1 dims are dropped
// (a row, a column, a middle axis, everything: nearly every real reduction),
// the input is outer x len x inner and output (o, j) reduces
// in[(o * len + r) * inner + j] over r, walked with no per-element index
// arithmetic; otherwise `map` gives, per input element, its output's flat
// index.
struct Plan {
  Shape out_shape;           // with keepdims applied
  bool blocked = false;      // outer/len/inner describe the reduction
  int64_t outer = 1, len = 1, inner = 1;
  std::vector<int64_t> map;  // !blocked: input flat index -> output flat index
  int64_t count = 1;         // elements reduced into each output
};

Plan make_plan(const Shape& in, const std::vector<int64_t>& axes, bool keepdims) {
  const int64_t rank = static_cast<int64_t>(in.size());
  std::vector<bool> reduced(static_cast<size_t>(rank), false);
  for (int64_t a : axes) reduced[a] = true;
  Plan p;
  Shape kept(in);  // output shape with reduced dims = 1
  for (int64_t d = 0; d < rank; ++d)
    if (reduced[d]) {
      p.count *= in[d];  // no overflow: shape_numel bounds every product of dims
      kept[d] = 1;
      if (keepdims) p.out_shape.push_back(1);
    } else {
      p.out_shape.push_back(in[d]);
    }
  // 0: before the reduced block, 1: in it, 2: after it; a reduced dim after
  // the block means the reduced dims are not adjacent. Products of dims are
  // bounded by shape_numel (0-sized dims included).
  int state = 0;
  p.blocked = true;
  for (int64_t d = 0; d < rank && p.blocked; ++d) {
    if (in[d] == 1) continue;
    if (reduced[d]) {
      if (state == 2) p.blocked = false;
      state = 1;
      p.len *= in[d];
    } else if (state == 0) {
      p.outer *= in[d];
    } else {
      state = 2;
      p.inner *= in[d];
    }
  }
  if (p.blocked) return p;
  p.outer = p.len = p.inner = 1;
  const auto ostr = row_major_strides(kept);
  const int64_t n = shape_numel(in);
  p.map.resize(static_cast<size_t>(n));
  std::vector<int64_t> coord(static_cast<size_t>(rank), 0);
  int64_t off = 0;
  for (int64_t i = 0; i < n; ++i) {
    p.map[i] = off;
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (!reduced[d]) off += ostr[d];
      if (++coord[d] < in[d]) break;
      if (!reduced[d]) off -= ostr[d] * in[d];
      coord[d] = 0;
    }
  }
  return p;
}

// Calls step(output index, input index) for every input element, each
// output's elements in ascending input order (the order of the
// accumulation, so results do not depend on the path taken).
template <typename F>
void for_each_reduced(const Plan& p, int64_t n, F&& step) {
  if (!p.blocked) {
    for (int64_t i = 0; i < n; ++i) step(p.map[i], i);
    return;
  }
  if (p.inner == 1) {
    for (int64_t o = 0; o < p.outer; ++o)
      for (int64_t r = 0; r < p.len; ++r) step(o, o * p.len + r);
    return;
  }
  for (int64_t o = 0; o < p.outer; ++o)
    for (int64_t r = 0; r < p.len; ++r) {
      const int64_t base = (o * p.len + r) * p.inner;
      for (int64_t j = 0; j < p.inner; ++j) step(o * p.inner + j, base + j);
    }
}

// The sum of a contiguous row of float16/float32 values in double, in
// interleaved partial sums (8 for float16; 32 for float32, row_simd.h)
// instead of one serial chain. Each double addition rounds at 2^-53
// relative, far below float's 2^-24, so the rounded result is the serial
// sum's unless the two double sums straddle a float rounding boundary (a
// difference of a few double ulps; within the comparison policy either
// way). Rows shorter than the lane count are summed serially, as before.
template <DType D>
double row_sum_float(const storage_t<D>* x, int64_t len) {
  if constexpr (D == DType::Float32) return row_sum_f32(x, len);  // 32 partial sums, AVX2 when available
  double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t r = 0;
  for (; r + 8 <= len; r += 8)
    for (int l = 0; l < 8; ++l) acc[l] += static_cast<double>(load<D>(x[r + l]));
  double s = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
  for (; r < len; ++r) s += static_cast<double>(load<D>(x[r]));
  return s;
}

// Max (or Min) of a contiguous float16/float32 row, as the serial loop
// computes it: NaN noted (and, for the adversarial mode, non-NaN noted)
// apart from the value; the value is the first extreme element, so the
// sign of a zero result is that of the first zero in the row. Eight lanes
// keep the first extreme of their own elements; among equal lane results
// only zeros can differ (in sign), hence the rescan for a zero result.
template <DType D, bool IsMax>
void row_extreme_float(const storage_t<D>* x, int64_t len, double& value, bool& has_nan, bool& has_number) {
  using C = compute_t<D>;
  if constexpr (D == DType::Float32) {
    float m = row_extreme_f32(x, len, IsMax, has_nan, has_number);
    if (m == 0.0f)
      for (int64_t k = 0; k < len; ++k)
        if (x[k] == 0.0f) {
          m = x[k];
          break;
        }
    value = static_cast<double>(m);
    return;
  }
  const C init = IsMax ? -std::numeric_limits<C>::infinity() : std::numeric_limits<C>::infinity();
  C acc[8] = {init, init, init, init, init, init, init, init};
  uint8_t nan[8] = {0, 0, 0, 0, 0, 0, 0, 0}, num[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t r = 0;
  for (; r + 8 <= len; r += 8)
    for (int l = 0; l < 8; ++l) {
      const C v = load<D>(x[r + l]);
      // NaN compares false, so it never replaces acc (maxps/minps semantics).
      acc[l] = (IsMax ? v > acc[l] : v < acc[l]) ? v : acc[l];
      nan[l] |= static_cast<uint8_t>(v != v);
      num[l] |= static_cast<uint8_t>(v == v);
    }
  C m = init;
  bool any_nan = false, any_num = false;
  for (int l = 0; l < 8; ++l) {
    if (IsMax ? acc[l] > m : acc[l] < m) m = acc[l];
    any_nan = any_nan || nan[l];
    any_num = any_num || num[l];
  }
  for (; r < len; ++r) {
    const C v = load<D>(x[r]);
    if (v != v)
      any_nan = true;
    else {
      any_num = true;
      if (IsMax ? v > m : v < m) m = v;
    }
  }
  if (m == C(0))
    for (int64_t k = 0; k < len; ++k) {
      const C v = load<D>(x[k]);
      if (v == C(0)) {
        m = v;
        break;
      }
    }
  value = static_cast<double>(m);
  has_nan = any_nan;
  has_number = any_num;
}

// Integer sums and products wrap modulo 2^64 (as NumPy's): through uint64,
// since signed overflow is undefined in C++.
template <typename A>
A wrapping_add(A a, A b) {
  if constexpr (std::is_integral_v<A>)
    return static_cast<A>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
  else
    return a + b;
}
template <typename A>
A wrapping_mul(A a, A b) {
  if constexpr (std::is_integral_v<A>)
    return static_cast<A>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
  else
    return a * b;
}

// The spec-adversarial integer ReduceSum/ReduceProd: saturate at the
// accumulator's and then the output dtype's range (ONNX Runtime's ReduceSum
// does). No Reduce* version says what integer overflow gives.
template <typename A>
A saturating(A a, A b, bool mul) {
  A r;
  const bool overflow = mul ? __builtin_mul_overflow(a, b, &r) : __builtin_add_overflow(a, b, &r);
  if (!overflow) return r;
  const bool negative = std::is_signed_v<A> && (mul ? (a < 0) != (b < 0) : a < 0);
  return negative ? std::numeric_limits<A>::lowest() : std::numeric_limits<A>::max();
}
template <typename S, typename A>
S clamp_to(A v) {
  if (v > static_cast<A>(std::numeric_limits<S>::max())) return std::numeric_limits<S>::max();
  if constexpr (std::is_signed_v<A>)
    if (v < static_cast<A>(std::numeric_limits<S>::lowest())) return std::numeric_limits<S>::lowest();
  return static_cast<S>(v);
}

template <DType D>
Tensor reduce_typed(const KernelContext& ctx, const Tensor& x, const Plan& p, Reduce op) {
  using S = storage_t<D>;
  using A = std::conditional_t<std::is_floating_point_v<compute_t<D>>, double,
                               std::conditional_t<std::is_signed_v<S>, int64_t, uint64_t>>;
  const bool floating = std::is_floating_point_v<A>;
  A init = 0;
  if (op == Reduce::Prod) init = 1;
  // An empty reduction gives the identity: -inf/+inf for floats (Reduce*-18),
  // the extreme values for integers.
  if constexpr (std::is_floating_point_v<A>) {
    if (op == Reduce::Max) init = -std::numeric_limits<double>::infinity();
    if (op == Reduce::Min) init = std::numeric_limits<double>::infinity();
  } else {
    if (op == Reduce::Max) init = static_cast<A>(std::numeric_limits<S>::lowest());
    if (op == Reduce::Min) init = static_cast<A>(std::numeric_limits<S>::max());
  }
  // The output can be far larger than the input: reducing the 0 of an
  // empty [0, 2^30, 2^30] leaves 2^60 elements. Checked (with the
  // accumulators' scratch) before the accumulators are allocated.
  const int64_t m = shape_numel(p.out_shape);
  ctx.check_elements(m, D);
  ctx.charge_scratch(m * static_cast<int64_t>(sizeof(A) + 2), "the reduction's accumulators");
  std::vector<A> acc(static_cast<size_t>(m), init);
  std::vector<uint8_t> nan(floating && (op == Reduce::Max || op == Reduce::Min) ? m : 0, 0);
  // ReduceMax/ReduceMin (every version up to 18) never mention NaN: the
  // normal mode propagates it (numpy.max); the adversarial mode ignores NaN
  // unless every reduced element is NaN (numpy.nanmax; ONNX Runtime's CPU
  // ReduceMax did so for some inputs, microsoft/onnxruntime#10514).
  std::vector<uint8_t> number(ctx.adversarial() ? nan.size() : 0, 0);
  const bool saturate = ctx.adversarial() && !floating && (op == Reduce::Sum || op == Reduce::Prod);
  auto in = x.data<S>();
  // Contiguous rows (the reduced dims trailing) of the common ops take
  // loops the compiler vectorises; see row_sum_float / row_extreme_float.
  constexpr bool narrow_float = D == DType::Float16 || D == DType::Float32;
  const bool rows = p.blocked && p.inner == 1 && p.len > 0;
  const bool row_sum = rows && (op == Reduce::Sum || op == Reduce::Mean || op == Reduce::LogSum) && !saturate;
  if constexpr (narrow_float) {
    if (row_sum) {
      for (int64_t o = 0; o < m; ++o) acc[o] = row_sum_float<D>(in.data() + o * p.len, p.len);
    } else if (rows && (op == Reduce::Max || op == Reduce::Min)) {
      for (int64_t o = 0; o < m; ++o) {
        bool has_nan = false, has_number = false;
        if (op == Reduce::Max)
          row_extreme_float<D, true>(in.data() + o * p.len, p.len, acc[o], has_nan, has_number);
        else
          row_extreme_float<D, false>(in.data() + o * p.len, p.len, acc[o], has_nan, has_number);
        nan[o] = has_nan;
        if (!number.empty()) number[o] = has_number;
      }
    }
  }
  if constexpr (std::is_integral_v<A>) {
    // Wrapping integer addition is associative: eight partial sums give
    // the serial loop's result exactly.
    if (row_sum)
      for (int64_t o = 0; o < m; ++o) {
        const S* row = in.data() + o * p.len;
        A part[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        int64_t r = 0;
        for (; r + 8 <= p.len; r += 8)
          for (int l = 0; l < 8; ++l) part[l] = wrapping_add(part[l], static_cast<A>(row[r + l]));
        A t = 0;
        for (int l = 0; l < 8; ++l) t = wrapping_add(t, part[l]);
        for (; r < p.len; ++r) t = wrapping_add(t, static_cast<A>(row[r]));
        acc[o] = t;
      }
  }
  const bool done = rows && ((narrow_float && (row_sum || op == Reduce::Max || op == Reduce::Min)) ||
                             (std::is_integral_v<A> && row_sum));
  if (!done)
    for_each_reduced(p, static_cast<int64_t>(in.size()), [&](int64_t j, int64_t i) {
      const A v = static_cast<A>(load<D>(in[i]));
      A& a = acc[j];
      switch (op) {
        case Reduce::Sum:
        case Reduce::Mean:
        case Reduce::LogSum:
          if constexpr (std::is_integral_v<A>)
            if (saturate) {
              a = saturating(a, v, false);
              break;
            }
          a = wrapping_add(a, v);
          break;
        case Reduce::Max:
        case Reduce::Min:
          if (v != v)
            nan[j] = 1;
          else if (op == Reduce::Max ? v > a : v < a)
            a = v;
          if (!number.empty() && v == v) number[j] = 1;
          break;
        case Reduce::Prod:
          if constexpr (std::is_integral_v<A>)
            if (saturate) {
              a = saturating(a, v, true);
              break;
            }
          a = wrapping_mul(a, v);
          break;
        // Integer accumulators wrap (signed overflow is UB): |INT64_MIN| and
        // squares of large values overflow int64.
        case Reduce::L1: a = wrapping_add(a, v < 0 ? wrapping_mul(v, A(-1)) : v); break;
        case Reduce::L2:
        case Reduce::SumSquare: a = wrapping_add(a, wrapping_mul(v, v)); break;
        case Reduce::LogSumExp:
          if constexpr (std::is_integral_v<A>)
            a = wrapping_add(a, saturate_cast<A>(std::exp(static_cast<double>(v))));
          else
            a = a + static_cast<A>(std::exp(static_cast<double>(v)));
          break;
      }
    });
  Tensor y = ctx.alloc_uninitialized(D, p.out_shape);  // every element written below
  auto out = y.data<S>();
  for (int64_t j = 0; j < m; ++j) {
    double r = static_cast<double>(acc[j]);
    switch (op) {
      case Reduce::Mean: r = r / static_cast<double>(p.count); break;
      case Reduce::L2: r = std::sqrt(r); break;
      case Reduce::LogSum:
      case Reduce::LogSumExp: r = std::log(r); break;
      default: break;
    }
    if (!nan.empty() && nan[j] && (number.empty() || !number[j])) r = std::numeric_limits<double>::quiet_NaN();
    if constexpr (std::is_floating_point_v<A>) {
      out[j] = store<D>(static_cast<compute_t<D>>(r));
    } else {
      const bool exact = op == Reduce::Sum || op == Reduce::Max || op == Reduce::Min || op == Reduce::Prod ||
                         op == Reduce::L1 || op == Reduce::SumSquare;
      // log(0) = -inf, a huge mean: casting a double outside int64 is UB;
      // such results are clamped (NaN gives 0), the spec leaves them open.
      const int64_t ri = r != r ? 0 : r <= -9.2e18 ? INT64_MIN : r >= 9.2e18 ? INT64_MAX : static_cast<int64_t>(r);
      if (saturate)
        out[j] = clamp_to<S>(acc[j]);
      else
        out[j] = exact ? static_cast<S>(acc[j]) : static_cast<S>(ri);
    }
  }
  return y;
}

std::vector<Tensor> reduce_impl(KernelContext& ctx, Reduce op, std::optional<std::vector<int64_t>> axes,
                                bool noop_empty) {
  const Tensor& x = ctx.input(0);
  const bool keepdims = ctx.attrs().get_int("keepdims", 1) != 0;
  if (!axes || axes->empty()) {
    if (noop_empty) return one_output(std::move(x));
    axes = std::vector<int64_t>();
    for (int64_t d = 0; d < x.rank(); ++d) axes->push_back(d);
  }
  const Plan p = make_plan(x.shape(), normalize_axes(*axes, x.rank()), keepdims);
  Tensor y;
  visit_numeric(x.dtype(), [&](auto tag) { y = reduce_typed<decltype(tag)::value>(ctx, x, p, op); });
  return one_output(std::move(y));
}

KernelFn reduce_attr_axes(Reduce op) {
  return [op](KernelContext& ctx) { return reduce_impl(ctx, op, ctx.attrs().get_ints_opt("axes"), false); };
}
KernelFn reduce_input_axes(Reduce op) {
  return [op](KernelContext& ctx) {
    std::optional<std::vector<int64_t>> axes;
    if (ctx.has_input(1)) axes = to_int64_list(ctx.input(1), "axes input");
    return reduce_impl(ctx, op, axes, ctx.attrs().get_int("noop_with_empty_axes", 0) != 0);
  };
}

std::vector<Tensor> arg_impl(KernelContext& ctx, bool is_max) {
  const Tensor& x = ctx.input(0);
  const int64_t axis = normalize_axis(ctx.attrs().get_int("axis", 0), x.rank());
  const bool keepdims = ctx.attrs().get_int("keepdims", 1) != 0;
  const bool last = ctx.attrs().get_int("select_last_index", 0) != 0;
  const bool adversarial = ctx.adversarial();
  const int64_t dim = x.shape()[axis];
  if (dim == 0) throw ValidationError("ArgMax/ArgMin over an empty axis");
  Shape out_shape = x.shape();
  if (keepdims)
    out_shape[axis] = 1;
  else
    out_shape.erase(out_shape.begin() + axis);
  Tensor y = ctx.alloc(DType::Int64, out_shape);
  const int64_t outer = dims_product(x.shape(), 0, axis);
  const int64_t inner = dims_product(x.shape(), axis + 1, x.rank());
  auto out = y.data<int64_t>();
  visit_numeric(x.dtype(), [&](auto tag) {
    constexpr DType D = decltype(tag)::value;
    auto in = x.data<storage_t<D>>();
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        const auto* base = in.data() + o * dim * inner + i;
        int64_t best = 0;
        auto bv = load<D>(base[0]);
        for (int64_t k = 1; k < dim; ++k) {
          const auto v = load<D>(base[k * inner]);
          bool better = is_max ? (last ? v >= bv : v > bv) : (last ? v <= bv : v < bv);
          // ArgMax/ArgMin never mention NaN. The adversarial mode lets a
          // number always beat NaN (NaN is the smallest for ArgMax, the
          // largest for ArgMin), where NumPy picks the first NaN.
          if (adversarial && v == v && bv != bv) better = true;
          if (better) {
            best = k;
            bv = v;
          }
        }
        out[o * inner + i] = best;
      }
  });
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    // ReduceSum-13 moved axes to an input.
    {"", "ReduceSum", 1, 12, reduce_attr_axes(Reduce::Sum)},
    {"ReduceSum", 13, reduce_input_axes(Reduce::Sum)},
    // The others moved axes to an input at 18.
    {"", "ReduceMean", 1, 17, reduce_attr_axes(Reduce::Mean)},
    {"ReduceMean", 18, reduce_input_axes(Reduce::Mean)},
    {"", "ReduceMax", 1, 17, reduce_attr_axes(Reduce::Max)},
    {"ReduceMax", 18, reduce_input_axes(Reduce::Max)},
    {"", "ReduceMin", 1, 17, reduce_attr_axes(Reduce::Min)},
    {"ReduceMin", 18, reduce_input_axes(Reduce::Min)},
    {"", "ReduceProd", 1, 17, reduce_attr_axes(Reduce::Prod)},
    {"ReduceProd", 18, reduce_input_axes(Reduce::Prod)},
    {"", "ReduceL1", 1, 17, reduce_attr_axes(Reduce::L1)},
    {"ReduceL1", 18, reduce_input_axes(Reduce::L1)},
    {"", "ReduceL2", 1, 17, reduce_attr_axes(Reduce::L2)},
    {"ReduceL2", 18, reduce_input_axes(Reduce::L2)},
    {"", "ReduceLogSum", 1, 17, reduce_attr_axes(Reduce::LogSum)},
    {"ReduceLogSum", 18, reduce_input_axes(Reduce::LogSum)},
    {"", "ReduceLogSumExp", 1, 17, reduce_attr_axes(Reduce::LogSumExp)},
    {"ReduceLogSumExp", 18, reduce_input_axes(Reduce::LogSumExp)},
    {"", "ReduceSumSquare", 1, 17, reduce_attr_axes(Reduce::SumSquare)},
    {"ReduceSumSquare", 18, reduce_input_axes(Reduce::SumSquare)},
    {"ArgMax", 1, [](KernelContext& c) { return arg_impl(c, true); }},
    {"ArgMin", 1, [](KernelContext& c) { return arg_impl(c, false); }},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
