// NumPy's .npy format (numpy/lib/format.py, versions 1.0, 2.0 and 3.0), so
// a PyTensor user can feed `ptonnx run` and `ptonnx check` the arrays they
// already have (np.save) and read the outputs back (np.load).
//
// Read: the twelve dtypes ptonnx knows ('|b1', '|i1', '<i2', ..., '<f8';
// big-endian '>' is byte-swapped), C or Fortran order (Fortran is reordered
// to C), any rank including 0-d. Sizes are checked before anything is
// allocated: the element count against `max_elements` (LimitError) and the
// payload against the header (ValidationError), so a 100-byte file claiming
// 2^40 elements is refused at once. Object arrays, structured dtypes and
// complex numbers are refused with a message naming what is supported.
// Write: version 1.0, little-endian, C order.
#pragma once

#include <string>
#include <string_view>

#include "core/tensor.h"

namespace ptonnx {

// `source` names the data in error messages (a file path).
Tensor tensor_from_npy(std::string_view bytes, const std::string& source = "npy",
                       int64_t max_elements = int64_t{1} << 31);
std::string tensor_to_npy(const Tensor& t);

// True when `bytes` start with the .npy magic string "\x93NUMPY".
bool looks_like_npy(std::string_view bytes);

Tensor read_npy_file(const std::string& path, int64_t max_elements = int64_t{1} << 31);
void write_npy_file(const Tensor& t, const std::string& path);

}  // namespace ptonnx
