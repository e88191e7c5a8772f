// tie_prone: see tie_values.h.
#include "generators/specs/tie_values.h"

#include <rapidcheck.h>

#include "graph/builder.h"

namespace ptonnx::gen {

VarRef tie_prone(VarRef x) {
  const DType t = x->type.dtype;
  if (t == DType::Bool || !*rc::gen::weightedElement<bool>({{2, false}, {1, true}})) return x;
  // Bounds in the narrowest dtype of x's kind, so NumPy's promotion keeps
  // x's dtype (float16 with any float, int8 with any signed, uint8 with any
  // unsigned integer).
  const DType bound = is_float(t) ? DType::Float16 : is_unsigned_integer(t) ? DType::UInt8 : DType::Int8;
  VarRef y = is_float(t) ? pt::round(x) : x;
  if (!is_unsigned_integer(t)) y = pt::maximum(y, pt::constant(Tensor::scalar(bound, -2)));
  return pt::minimum(y, pt::constant(Tensor::scalar(bound, 2)));
}

}  // namespace ptonnx::gen
