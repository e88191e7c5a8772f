// NumPy's promotion, restated from its casting table rather than from a
// lookup of pairs: result_type is the first dtype, in NumPy's order of
// preference, to which every input casts safely (numpy/_core/src/multiarray/
// convert_datatype.c, PyArray_PromoteTypes; the safe-cast table in
// numpy/_core/src/multiarray/dtypemeta.c / _can_cast tables).
#include "oracles/dtype_rules.h"

#include <vector>

#include "core/error.h"

namespace ptonnx::oracle::dtypes {

Kind kind_of(DType t) {
  switch (t) {
    case DType::Bool: return Kind::Bool;
    case DType::UInt8:
    case DType::UInt16:
    case DType::UInt32:
    case DType::UInt64: return Kind::Unsigned;
    case DType::Int8:
    case DType::Int16:
    case DType::Int32:
    case DType::Int64: return Kind::Signed;
    case DType::Float16:
    case DType::Float32:
    case DType::Float64: return Kind::Float;
  }
  throw Error("oracle: unknown dtype");
}

int bits_of(DType t) { return static_cast<int>(dtype_size(t)) * 8; }

bool is_discrete(DType t) { return kind_of(t) != Kind::Float; }

namespace {

// The narrowest float whose mantissa holds every integer of `bits` bits, as
// NumPy's table has it: 8-bit ints -> float16 (11-bit mantissa), 16-bit ->
// float32, anything wider -> float64 (NumPy calls int64 -> float64 safe).
int float_bits_for_int(int bits) { return bits <= 8 ? 16 : bits <= 16 ? 32 : 64; }

}  // namespace

bool safe_cast(DType from, DType to) {
  const Kind f = kind_of(from), k = kind_of(to);
  const int fb = bits_of(from), tb = bits_of(to);
  if (f == Kind::Bool) return true;
  switch (k) {
    case Kind::Bool: return false;
    case Kind::Unsigned: return f == Kind::Unsigned && tb >= fb;
    case Kind::Signed: return (f == Kind::Signed && tb >= fb) || (f == Kind::Unsigned && tb > fb);
    case Kind::Float: return f == Kind::Float ? tb >= fb : tb >= float_bits_for_int(fb);
  }
  return false;
}

DType numpy_promote(DType a, DType b) {
  if (safe_cast(a, b)) return b;
  if (safe_cast(b, a)) return a;
  // Neither holds the other (mixed signedness, or an int too wide for the
  // float): the first common safe target, in NumPy's order of preference.
  for (DType c : {DType::Int16, DType::Int32, DType::Int64, DType::Float16, DType::Float32, DType::Float64})
    if (safe_cast(a, c) && safe_cast(b, c)) return c;
  throw Error("oracle: no NumPy promotion of " + std::string(dtype_name(a)) + " and " + std::string(dtype_name(b)));
}

DType numpy_promote(std::span<const DType> ts) {
  if (ts.empty()) throw Error("oracle: promotion of no dtypes");
  DType r = ts[0];
  for (DType t : ts.subspan(1)) r = numpy_promote(r, t);
  return r;
}

DType numpy_promote(std::initializer_list<DType> ts) {
  return numpy_promote(std::span<const DType>(ts.begin(), ts.size()));
}

DType upgrade_to_float(std::span<const DType> ts) {
  // scalar/basic.py upgrade_to_float maps each input through `conv` first
  // (bool and the 8- and 16-bit ints to float32, not NumPy's float16; wider
  // ints to float64; floats stay), then upcasts: int8 with float16 gives
  // float32 where NumPy gives float16.
  std::vector<DType> mapped;
  for (DType t : ts) {
    if (kind_of(t) == Kind::Float)
      mapped.push_back(t);
    else
      mapped.push_back(bits_of(t) <= 16 ? DType::Float32 : DType::Float64);
  }
  return numpy_promote(std::span<const DType>(mapped));
}

DType upgrade_to_float(std::initializer_list<DType> ts) {
  return upgrade_to_float(std::span<const DType>(ts.begin(), ts.size()));
}

DType scipy_lapack_dtype(DType t) {
  if (t == DType::Float32 || t == DType::Float64) return t;
  return numpy_promote(t, DType::Float32);
}

std::optional<DType> numpy_linalg_dtype(DType t) {
  if (t == DType::Float16) return std::nullopt;
  return kind_of(t) == Kind::Float ? t : DType::Float64;
}

}  // namespace ptonnx::oracle::dtypes
