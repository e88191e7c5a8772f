// The values a user gives `ptonnx run` and `ptonnx check` with
// --input NAME=VALUE, where VALUE is one of
//   FILE.npy                 a NumPy array (np.save)
//   FILE.pb                  a serialized onnx.TensorProto
//   [[1, 2], [3, 4]]:int64   inline values, nested lists, optional :DTYPE
//   2.5:float32, nan, -inf   an inline scalar
// Inline values without :DTYPE get NumPy's default: bool for true/false,
// int64 for whole numbers, float64 as soon as one value has a '.', an
// exponent, nan or inf. Integers are parsed exactly and must fit the dtype.
#pragma once

#include <string>
#include <utility>

#include "core/tensor.h"

namespace ptonnx::cli {

// "NAME=VALUE" -> (NAME, tensor). ValidationError names the option text and
// what went wrong; LimitError when the value exceeds max_elements.
std::pair<std::string, Tensor> parse_input_option(const std::string& option, int64_t max_elements);

// VALUE alone (a file path or inline values), as above.
Tensor parse_input_value(const std::string& value, int64_t max_elements);

}  // namespace ptonnx::cli
