// Sample specs of the bitwise Elemwise ops (tier 5): AND, OR, XOR, Invert
// over bool and every integer dtype (PyTensor's BitOps refuse floats, and
// bool mixed with an integer). The second input of AND/OR/XOR is the first's
// dtype or, one case in three, another integer dtype, so the upcast is
// exercised (int8 & uint8 -> int16, uint16 & int32 -> int32); a signed
// integer is never paired with uint64 (the IR refuses it: PyTensor's upcast
// is float64, where NumPy's bitwise ufuncs raise).
//
// Values are drawn as bit patterns, truncated to the dtype's width: small
// numbers of both signs (-64..64), the extremes (0, 1, -1 = all ones, the
// signed minimum = the top bit alone, the signed maximum, the unsigned
// maximum), alternating patterns (0x55.., 0xAA..), uniformly random
// patterns, and random patterns with the top bit set (negative signed
// values, uint64 >= 2^63), so every bit position of every width meets both
// 0 and 1 in both operands. No value domain is excluded: each op is defined
// on every integer.
#include <cstring>

#include "core/error.h"
#include "generators/elemwise_case.h"
#include "generators/shapes.h"

namespace ptonnx::gen {
namespace {

bool discrete(DType t) { return t == DType::Bool || is_integer(t); }

// Whether the BitOp accepts the pair (PyTensor's BinaryBitOp, less the
// signed-with-uint64 pair the IR refuses).
bool pair_ok(DType a, DType b) {
  if (a == DType::Bool || b == DType::Bool) return a == b;
  if (!is_integer(a) || !is_integer(b)) return false;
  const bool mixed64 = (a == DType::UInt64 && is_signed_integer(b)) || (b == DType::UInt64 && is_signed_integer(a));
  return !mixed64;
}

std::vector<DType> bit_dtypes() {
  return {DType::Bool,  DType::Int8,   DType::Int16,  DType::Int32, DType::Int64,
          DType::UInt8, DType::UInt16, DType::UInt32, DType::UInt64};
}

// One element as a 64-bit pattern (stored truncated to the dtype's width).
rc::Gen<uint64_t> pattern(int width) {
  const uint64_t top = uint64_t{1} << (width - 1);
  const uint64_t ones = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
  auto random = rc::gen::resize(rc::kNominalSize, rc::gen::arbitrary<uint64_t>());
  return rc::gen::weightedOneOf<uint64_t>({
      // Small values of both signs: shrinks towards 0.
      {4, rc::gen::map(rc::gen::resize(rc::kNominalSize, rc::gen::inRange<int64_t>(0, 129)),
                       [](int64_t k) { return static_cast<uint64_t>(k % 2 ? -(k + 1) / 2 : k / 2); })},
      {3, rc::gen::elementOf(std::vector<uint64_t>{0, 1, ones, top, top - 1, ones - 1, top + 1,
                                                   0x5555555555555555u & ones, 0xAAAAAAAAAAAAAAAAu & ones, 2})},
      {2, random},
      {1, rc::gen::map(random, [top](uint64_t v) { return v | top; })},
  });
}

void store_pattern(Tensor& t, int64_t i, uint64_t bits) {
  if (t.dtype() == DType::Bool) {
    t.data<uint8_t>()[i] = static_cast<uint8_t>(bits & 1);
    return;
  }
  // Little-endian: the low dtype_size bytes are the value modulo 2^width.
  const size_t n = dtype_size(t.dtype());
  std::memcpy(t.raw() + static_cast<size_t>(i) * n, &bits, n);
}

rc::Gen<Tensor> bit_tensor(DType t, const Shape& shape) {
  return rc::gen::exec([t, shape] {
    Tensor x(t, shape);
    const int width = t == DType::Bool ? 1 : dtype_bits(t);
    for (int64_t i = 0; i < x.numel(); ++i) store_pattern(x, i, *pattern(width));
    return x;
  });
}

rc::Gen<Case> bit_case(const std::string& op, int arity, DType t) {
  return rc::gen::exec([op, arity, t] {
    const auto shapes = *broadcastable(arity);
    std::vector<DType> dtypes{t};
    if (arity == 2) {
      std::vector<DType> partners;
      for (DType u : bit_dtypes())
        if (u != t && pair_ok(t, u)) partners.push_back(u);
      const bool other = !partners.empty() && *rc::gen::weightedElement<bool>({{2, false}, {1, true}});
      dtypes.push_back(other ? *rc::gen::elementOf(partners) : t);
    }
    OpRecipe r{op, {}, {}};
    for (int k = 0; k < arity; ++k) {
      const bool constant = *rc::gen::weightedElement<bool>({{5, false}, {1, true}});
      r.inputs.push_back(InputRecipe{*bit_tensor(dtypes[k], shapes[k].shape), shapes[k].static_shape, constant});
    }
    return build_case(r);
  });
}

// Random graphs: operands drawn among the pool's bool and integer values
// (the second one fitting the first), so the op appears wherever a graph
// has such a value instead of failing on most random picks.
std::function<VarRef(const std::vector<VarRef>&)> bit_grow(const std::string& op, int arity) {
  return [op, arity](const std::vector<VarRef>& pool) -> VarRef {
    std::vector<VarRef> firsts;
    for (const auto& v : pool)
      if (discrete(v->type.dtype)) firsts.push_back(v);
    if (firsts.empty()) return nullptr;
    std::vector<VarRef> operands{*rc::gen::elementOf(firsts)};
    if (arity == 2) {
      std::vector<VarRef> seconds;
      for (const auto& v : pool)
        if (pair_ok(operands[0]->type.dtype, v->type.dtype)) seconds.push_back(v);
      operands.push_back(*rc::gen::elementOf(seconds));  // never empty: the first fits itself
    }
    try {
      return apply_op1(op, operands);
    } catch (const TypeError&) {
      return nullptr;  // static shapes that do not broadcast
    }
  };
}

SampleSpec bit_spec(const std::string& op, int arity) {
  SampleSpec s;
  s.op = op;
  s.dtypes = bit_dtypes();
  s.gen = [op, arity](DType t) { return bit_case(op, arity, t); };
  s.grow = bit_grow(op, arity);
  s.domain_notes = "none: bit patterns of the full width (extremes, top bit set, random); a signed integer is never "
                   "paired with uint64 (refused by PyTensor's upcast to float64, see the IR)";
  return s;
}

const SampleSpecRegistrar kAND(bit_spec("AND", 2));
const SampleSpecRegistrar kOR(bit_spec("OR", 2));
const SampleSpecRegistrar kXOR(bit_spec("XOR", 2));
const SampleSpecRegistrar kInvert(bit_spec("Invert", 1));

}  // namespace
}  // namespace ptonnx::gen
