// Python numbers as np.frompyfunc hands them to a scalar op's `impl`: an
// element of an int or bool array arrives as a Python int, of a float array
// (float16 included) as a Python float (NumPy's any-to-object cast calls the
// dtype's getitem: numpy/_core/src/multiarray/dtype_transfer.c,
// arraytypes.c.src). Used by the kernels whose PyTensor `perform` goes
// through frompyfunc: Cast, n-ary Add and Mul.
#pragma once

#include <string>
#include <vector>

#include "core/tensor.h"

namespace ptonnx::oracle {

struct PyNumber {
  bool is_float = false;
  __int128 i = 0;  // a Python int (every value here fits 128 bits)
  double f = 0.0;  // a Python float
  // A NumPy integer scalar (np.prod's result) rather than a Python int: it
  // is stored with a C cast, which wraps instead of raising.
  bool numpy_scalar = false;

  static PyNumber of_int(__int128 v) { return {false, v, 0.0, false}; }
  static PyNumber of_float(double v) { return {true, 0, v, false}; }
  // float(x): correctly rounded for ints, as PyLong_AsDouble.
  double as_double() const { return is_float ? f : static_cast<double>(i); }
  std::string to_string() const;
};

// Element k of t as the Python number frompyfunc passes.
PyNumber py_element(const Tensor& t, int64_t k);

// Python's sum(args) (start 0), as CPython >= 3.12 computes it
// (Python/bltinmodule.c, builtin_sum_impl): exact ints while they stay ints;
// once a float appears, float addition with Neumaier compensation.
PyNumber py_sum(const std::vector<PyNumber>& args);

// np.prod(args): the tuple becomes an int64 array if all are ints that fit
// int64 (the product wraps), a uint64 array if all are at or above 2^63,
// a float64 array if any is a float or the ints mix those two ranges; a
// sequential product.
PyNumber py_prod(const std::vector<PyNumber>& args);

// out[k] = v as np.asarray(object_array, dtype=out.dtype()) stores it: an int
// into an integer dtype must fit (NumPy raises OverflowError "Python integer
// ... out of bounds", which becomes PyTensorRaises); a float into an integer
// dtype truncates toward zero, and NaN, inf or an out-of-range value raise
// (PyNumber_Long + the same bounds check, arraytypes.c.src @TYPE@_setitem);
// bool is truthiness (NaN is true); a float dtype rounds once from double.
void store_py_number(Tensor& out, int64_t k, const PyNumber& v);

}  // namespace ptonnx::oracle
