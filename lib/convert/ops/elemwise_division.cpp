// Converters of IntDiv (np.floor_divide) and Mod (np.remainder), computed
// in the IR's output dtype (upcast of the inputs; both Cast to it first).
// ONNX Div truncates integers toward zero and leaves integer division by
// zero undefined; Mod (fmod=0) has Python's sign for integers but leaves a
// zero divisor "platform dependent", and floats need fmod=1. So the export
// never hands ONNX a zero divisor, nor a Div whose quotient overflows
// (INT_MIN / -1, undefined in C and a trap on x86): those lanes divide by
// a substitute 1 (`Where(b == 0 or (a == INT_MIN and b == -1), 1, b)`) and
// Where puts NumPy's answer in afterwards:
// - signed integers: q = Div(a, b'), r = a - q*b' (C's remainder); floor = q - (r != 0 and (r < 0) xor (b' < 0)), never
// below
//   INT_MIN; b == 0 gives 0; INT_MIN // -1 is Div(INT_MIN, 1) = INT_MIN,
//   NumPy 1.24's wrapped answer for every signed width. 8/16-bit Div/Sub
//   at opset 13 go through int64 (arith::binary). Mod is Mod(a, b',
//   fmod=0) with b' = 1 where b is 0 or -1: 0 in both cases, as NumPy;
// - unsigned: Div truncates = floors; b == 0 gives 0 (Mod: Mod(a, b'));
// - floats: NumPy's npy_divmod node for node (fmod, (a - mod) / b, the
//   sign correction, the snap to the nearest integer, copysign(0, a / b)
//   as (a / b) * 0 for a zero quotient, copysign(0, b) for a zero
//   remainder), float16 in float32 and rounded once as NumPy's half loops;
//   b == 0 (either zero) gives a / b (+-inf, NaN) and NaN. IEEE
//   arithmetic makes every step exact or identically rounded;
// - bool: NumPy computes in int8 and PyTensor casts back: a // b is And,
//   a % b is all False (Xor of the And with itself).
#include <cmath>

#include "convert/context.h"
#include "convert/ops/arith.h"
#include "convert/portable.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

// A small node-emitting vocabulary: each returns its fresh output name.
struct Emit {
  ConversionContext& c;
  std::string op(const std::string& type, std::vector<std::string> in, const std::string& hint) {
    const std::string out = c.temp(hint);
    c.emit(type, std::move(in), {out});
    return out;
  }
  std::string mod(const std::string& a, const std::string& b, bool fmod, const std::string& hint) {
    const std::string out = c.temp(hint);
    set_attr(c.emit("Mod", {a, b}, {out}), "fmod", int64_t{fmod ? 1 : 0});
    return out;
  }
};

// b with 1 where `replace` holds (portable::where: ONNX Runtime has no
// Where on 8/16-bit, uint32 or uint64 values).
std::string safe_divisor(Emit& e, const std::string& replace, const std::string& b, DType t) {
  return portable::where(e.c, replace, e.c.scalar(t, 1), b, t, e.c.temp("safe_divisor"));
}

double int_min(DType t) { return -std::ldexp(1.0, dtype_bits(t) - 1); }

void int_floor_divide(Emit& e, const std::string& a, const std::string& b, DType t, const std::string& out) {
  ConversionContext& c = e.c;
  const std::string zero = e.op("Equal", {b, c.scalar(t, 0)}, "divisor_is_zero");
  std::string replace = zero;
  if (is_signed_integer(t)) {
    const std::string overflow = e.op(
        "And", {e.op("Equal", {a, c.scalar(t, int_min(t))}, "is_min"), e.op("Equal", {b, c.scalar(t, -1)}, "is_m1")},
        "overflows");
    replace = e.op("Or", {zero, overflow}, "divide_by_one");
  }
  const std::string bs = safe_divisor(e, replace, b, t);
  std::string q = arith::binary(c, "Div", a, bs, t);
  if (is_signed_integer(t)) {
    // Truncated toward zero: one less where the exact quotient is negative
    // and not whole, i.e. the C remainder is nonzero with the other sign.
    // r = a - q*b' (|q*b'| <= |a|: no overflow), not Mod(fmod=1), which
    // ONNX Runtime computes through double for int64: -2^62 // 3 came
    // out -1537228672809129301 for -1537228672809129302 (the remainder
    // rounded to 0).
    const std::string r = arith::binary(c, "Sub", a, arith::binary(c, "Mul", q, bs, t), t);
    const std::string inexact = e.op("Not", {e.op("Equal", {r, c.scalar(t, 0)}, "exact")}, "inexact");
    const std::string signs_differ =
        e.op("Xor", {e.op("Less", {r, c.scalar(t, 0)}, "r_negative"), e.op("Less", {bs, c.scalar(t, 0)}, "b_negative")},
             "signs_differ");
    const std::string fix = c.cast(e.op("And", {inexact, signs_differ}, "round_down"), DType::Bool, t);
    q = arith::binary(c, "Sub", q, fix, t);
  }
  portable::where(c, zero, c.scalar(t, 0), q, t, out);
}

void int_remainder(Emit& e, const std::string& a, const std::string& b, DType t, const std::string& out) {
  ConversionContext& c = e.c;
  std::string replace = e.op("Equal", {b, c.scalar(t, 0)}, "divisor_is_zero");
  if (is_signed_integer(t))
    replace = e.op("Or", {replace, e.op("Equal", {b, c.scalar(t, -1)}, "is_m1")}, "remainder_is_zero");
  set_attr(c.emit("Mod", {a, safe_divisor(e, replace, b, t)}, {out}), "fmod", int64_t{0});
}

// npy_divmod in dtype w (float32 or float64): returns the floor quotient
// or the remainder into `out` (of dtype w).
void float_divmod(Emit& e, const std::string& a, const std::string& b, DType w, bool quotient, const std::string& out) {
  ConversionContext& c = e.c;
  const std::string zero = e.op("Equal", {b, c.scalar(w, 0)}, "divisor_is_zero");
  const std::string bs = safe_divisor(e, zero, b, w);
  const std::string m = e.mod(a, bs, true, "fmod");
  // Python's convention: a nonzero remainder takes the divisor's sign (NaN
  // counts as nonzero, as in C's `if (mod)`).
  const std::string nonzero = e.op("Not", {e.op("Equal", {m, c.scalar(w, 0)}, "m_is_zero")}, "m_nonzero");
  const std::string b_negative = e.op("Less", {bs, c.scalar(w, 0)}, "b_negative");
  const std::string fix =
      e.op("And", {nonzero, e.op("Xor", {b_negative, e.op("Less", {m, c.scalar(w, 0)}, "m_negative")}, "signs_differ")},
           "fix");
  if (!quotient) {
    const std::string adjusted = e.op("Where", {fix, e.op("Add", {m, bs}, "m_plus_b"), m}, "adjusted");
    // A zero remainder is copysign(0, b).
    const std::string signed_zero = e.op("Where", {b_negative, c.scalar(w, -0.0), c.scalar(w, 0.0)}, "zero_of_b");
    const std::string r = e.op("Where", {nonzero, adjusted, signed_zero}, "remainder");
    c.emit("Where", {zero, c.scalar(w, std::nan("")), r}, {out});
    return;
  }
  const std::string div0 = e.op("Div", {e.op("Sub", {a, m}, "a_minus_m"), bs}, "div");
  const std::string div = e.op("Where", {fix, e.op("Sub", {div0, c.scalar(w, 1)}, "div_minus_1"), div0}, "div_fixed");
  const std::string fl = e.op("Floor", {div}, "floor");
  const std::string snap = e.op("Greater", {e.op("Sub", {div, fl}, "frac"), c.scalar(w, 0.5)}, "snap_up");
  const std::string snapped = e.op("Where", {snap, e.op("Add", {fl, c.scalar(w, 1)}, "floor_plus_1"), fl}, "snapped");
  // a / b: the b == 0 result (+-inf or NaN, IEEE), and a zero quotient's
  // sign, copysign(0, a / b) = (a / b) * 0 (a / b is finite there).
  const std::string ratio = e.op("Div", {a, b}, "ratio");
  const std::string div_zero = e.op("Equal", {div, c.scalar(w, 0)}, "div_is_zero");
  const std::string q =
      e.op("Where", {div_zero, e.op("Mul", {ratio, c.scalar(w, 0)}, "zero_of_ratio"), snapped}, "quotient");
  c.emit("Where", {zero, ratio, q}, {out});
}

template <bool Quotient>
void convert_division(ConversionContext& c, const Node&) {
  Emit e{c};
  const DType t = c.out_dtype();
  const auto v = arith::inputs_as(c, t);
  if (t == DType::Bool) {
    if (Quotient) {
      c.emit("And", {v[0], v[1]}, {c.out()});
    } else {
      const std::string both = e.op("And", {v[0], v[1]}, "broadcast");
      c.emit("Xor", {both, both}, {c.out()});
    }
    return;
  }
  if (is_float(t)) {
    // float16: NumPy's half loops compute in float and round once.
    const DType w = t == DType::Float16 ? DType::Float32 : t;
    const std::string a = c.cast(v[0], t, w), b = c.cast(v[1], t, w);
    const std::string r = w == t ? c.out() : c.temp("float32_result");
    float_divmod(e, a, b, w, Quotient, r);
    if (w != t) c.cast(r, w, t, c.out());
    return;
  }
  if (Quotient)
    int_floor_divide(e, v[0], v[1], t, c.out());
  else
    int_remainder(e, v[0], v[1], t, c.out());
}

const ConverterRegistrar kIntDiv("IntDiv", 13, convert_division<true>);
const ConverterRegistrar kMod("Mod", 13, convert_division<false>);

}  // namespace
}  // namespace ptonnx
