// Oracle kernels of the bitwise Elemwise ops (tier 5): AND, OR, XOR, Invert
// (pytensor rel-3.3.0 scalar/basic.py: nfunc_spec bitwise_and, bitwise_or,
// bitwise_xor, invert; impl `x & y`, `x | y`, `x ^ y`, `~x`). Elemwise.perform
// calls the ufunc on the inputs as they are; NumPy's loop is the
// promotion of the two integer dtypes, written out here without any
// promotion table of the library:
// - same signedness: the wider of the two;
// - a signed and an unsigned: the signed one if it is wider, else the
//   signed type of twice the unsigned width (int8 & uint8 -> int16,
//   int32 & uint32 -> int64); against uint64 there is none (NumPy's common
//   type is float64, where np.bitwise_and raises TypeError).
// That dtype is checked against the node's declared one, then the inputs
// are converted to it (exact: it holds both ranges) and combined with the
// C++ operators on the same-width unsigned type (two's complement, no
// signed overflow). Two bools are combined logically (np.bitwise_and on
// bool is logical and), ~ on bool is not.
#include <cstdint>
#include <type_traits>

#include "oracles/broadcast.h"
#include "oracles/kernel.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

bool signed_int(DType t) {
  return t == DType::Int8 || t == DType::Int16 || t == DType::Int32 || t == DType::Int64;
}
bool unsigned_int(DType t) {
  return t == DType::UInt8 || t == DType::UInt16 || t == DType::UInt32 || t == DType::UInt64;
}
int width(DType t) {
  switch (t) {
    case DType::Int8: case DType::UInt8: return 8;
    case DType::Int16: case DType::UInt16: return 16;
    case DType::Int32: case DType::UInt32: return 32;
    case DType::Int64: case DType::UInt64: return 64;
    default: return 0;
  }
}
DType signed_of_width(int w) {
  return w == 8 ? DType::Int8 : w == 16 ? DType::Int16 : w == 32 ? DType::Int32 : DType::Int64;
}
DType unsigned_of_width(int w) {
  return w == 8 ? DType::UInt8 : w == 16 ? DType::UInt16 : w == 32 ? DType::UInt32 : DType::UInt64;
}

// NumPy's loop dtype of np.bitwise_* for two integer dtypes.
DType integer_loop(DType a, DType b, const Node& node) {
  const int wa = width(a), wb = width(b);
  if (signed_int(a) == signed_int(b)) {
    const int w = wa > wb ? wa : wb;
    return signed_int(a) ? signed_of_width(w) : unsigned_of_width(w);
  }
  const DType s = signed_int(a) ? a : b, u = signed_int(a) ? b : a;
  if (width(s) > width(u)) return s;
  if (width(u) < 64) return signed_of_width(2 * width(u));
  throw Error("oracle: np." + node.op + " of " + std::string(dtype_name(a)) + " and " + std::string(dtype_name(b)) +
              ": no integer loop (NumPy raises TypeError) (" + node.describe() + ")");
}

// Element i of integer tensor x as a 128-bit integer (exact for every dtype).
__int128 exact(const Tensor& x, int64_t i) {
  if (x.dtype() == DType::UInt64) return static_cast<__int128>(x.get_as_uint64(i));
  return static_cast<__int128>(x.get_as_int64(i));
}

enum class Op { And, Or, Xor };

template <Op K>
std::vector<Tensor> binary(const Node& node, const std::vector<Tensor>& in) {
  const Tensor &x = in.at(0), &y = in.at(1);
  const Broadcast b = broadcast(node, in);
  DType t;
  if (x.dtype() == DType::Bool && y.dtype() == DType::Bool) {
    t = DType::Bool;
  } else {
    if (!(signed_int(x.dtype()) || unsigned_int(x.dtype())) || !(signed_int(y.dtype()) || unsigned_int(y.dtype())))
      throw Error("oracle: " + node.op + " needs two integers or two bools (" + node.describe() + ")");
    t = integer_loop(x.dtype(), y.dtype(), node);
  }
  if (t != out_dtype(node))
    throw Error("oracle: " + node.op + " computes in " + std::string(dtype_name(t)) + " but the node declares " +
                std::string(dtype_name(out_dtype(node))));
  Tensor out(t, b.out_shape);
  visit_dtype(t, [&](auto tag) {
    constexpr DType T = decltype(tag)::value;
    using S = storage_t<T>;
    if constexpr (T == DType::Bool) {
      auto o = out.data<uint8_t>();
      auto xs = x.data<uint8_t>();
      auto ys = y.data<uint8_t>();
      for_each_broadcast(b, [&](int64_t i, const std::vector<int64_t>& off) {
        const bool p = xs[off[0]] != 0, q = ys[off[1]] != 0;
        o[i] = (K == Op::And ? (p && q) : K == Op::Or ? (p || q) : (p != q)) ? 1 : 0;
      });
    } else if constexpr (std::is_integral_v<S> && T != DType::Float16) {
      using U = std::make_unsigned_t<S>;
      auto o = out.data<S>();
      for_each_broadcast(b, [&](int64_t i, const std::vector<int64_t>& off) {
        const U p = static_cast<U>(static_cast<S>(exact(x, off[0])));
        const U q = static_cast<U>(static_cast<S>(exact(y, off[1])));
        const U r = K == Op::And ? U(p & q) : K == Op::Or ? U(p | q) : U(p ^ q);
        o[i] = static_cast<S>(r);
      });
    } else {
      throw Error("oracle: " + node.op + " with a float loop");
    }
  });
  return {out};
}

std::vector<Tensor> invert(const Node& node, const std::vector<Tensor>& in) {
  const Tensor& x = in.at(0);
  const DType t = x.dtype();
  if (t != out_dtype(node))
    throw Error("oracle: Invert keeps its input dtype " + std::string(dtype_name(t)) + " but the node declares " +
                std::string(dtype_name(out_dtype(node))));
  Tensor out(t, x.shape());
  visit_dtype(t, [&](auto tag) {
    constexpr DType T = decltype(tag)::value;
    using S = storage_t<T>;
    if constexpr (T == DType::Bool) {
      auto xs = x.data<uint8_t>();
      auto o = out.data<uint8_t>();
      for (size_t i = 0; i < xs.size(); ++i) o[i] = xs[i] ? 0 : 1;
    } else if constexpr (std::is_integral_v<S> && T != DType::Float16) {
      using U = std::make_unsigned_t<S>;
      auto xs = x.data<S>();
      auto o = out.data<S>();
      for (size_t i = 0; i < xs.size(); ++i) o[i] = static_cast<S>(static_cast<U>(~static_cast<U>(xs[i])));
    } else {
      throw Error("oracle: Invert of " + std::string(dtype_name(T)) + " (np.invert raises for floats)");
    }
  });
  return {out};
}

const KernelRegistrar kAND("AND", binary<Op::And>);
const KernelRegistrar kOR("OR", binary<Op::Or>);
const KernelRegistrar kXOR("XOR", binary<Op::Xor>);
const KernelRegistrar kInvert("Invert", invert);

}  // namespace
}  // namespace ptonnx::oracle
