// The oracle's own dtype arithmetic: NumPy's type promotion and the dtype
// helpers of PyTensor's scalar module, written again here from NumPy's and
// PyTensor's sources so that a wrong rule in the IR's type inference
// (lib/core promote, lib/graph/ops/*) cannot hide in both places at once.
//
// Nothing here may call lib/core's promote or upgrade_to_float, nor any
// lib/graph inference helper: the point is a second, independent statement.
#pragma once

#include <initializer_list>
#include <span>

#include "core/tensor.h"

namespace ptonnx::oracle::dtypes {

// NumPy's kinds, in the order of the casting lattice: b < u/i < f.
enum class Kind { Bool, Unsigned, Signed, Float };
Kind kind_of(DType t);
int bits_of(DType t);  // storage bits; bool counts as 8 here, as in NumPy
bool is_discrete(DType t);

// np.can_cast(from, to, casting="safe"): every value of `from` is exactly a
// value of `to` (int8 -> float16 yes, int16 -> float16 no, int64 -> float64
// "yes" by NumPy's table although the mantissa is 53 bits).
bool safe_cast(DType from, DType to);

// np.result_type of 0-d arrays of these dtypes (array-array promotion, no
// value-based casting): the smallest dtype every input casts to safely;
// signed + uint64 has none among the integers and gives float64.
DType numpy_promote(DType a, DType b);
DType numpy_promote(std::span<const DType> ts);
DType numpy_promote(std::initializer_list<DType> ts);

// pytensor/scalar/basic.py `upcast` with cast_policy="custom": NumPy's
// promotion of the dtypes (floatX does not enter).
inline DType upcast(std::initializer_list<DType> ts) { return numpy_promote(ts); }

// pytensor/scalar/basic.py `upgrade_to_float`: each input through its
// `conv` table (bool/int8/uint8/int16/uint16 -> float32, 32/64-bit ints ->
// float64, floats stay), then the upcast.
DType upgrade_to_float(std::span<const DType> ts);
DType upgrade_to_float(std::initializer_list<DType> ts);

// The float dtype SciPy's LAPACK wrappers compute in for an input dtype
// (scipy.linalg's find_best_lapack_type: np.result_type(x, float32) outside
// float32/float64), which PyTensor's slinalg ops state as their output.
DType scipy_lapack_dtype(DType t);

// The dtype numpy.linalg computes in (numpy/linalg/_linalg.py _commonType):
// integers and bool -> float64, float32 -> float32, float64 -> float64;
// float16 is refused ("array type float16 is unsupported in linalg"),
// reported as std::nullopt.
std::optional<DType> numpy_linalg_dtype(DType t);

}  // namespace ptonnx::oracle::dtypes
