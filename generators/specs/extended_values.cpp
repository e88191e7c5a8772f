#include "generators/specs/extended_values.h"

#include <cmath>

#include "generators/elemwise_case.h"
#include "generators/shapes.h"
#include "graph/builder.h"

namespace ptonnx::gen {

rc::Gen<Case> special_values_case(const std::string& op, std::vector<DType> dtypes,
                                  std::function<rc::Gen<double>(DType)> element,
                                  std::function<Attributes()> attrs) {
  return rc::gen::exec([op, dtypes, element, attrs] {
    const auto shapes = *broadcastable(static_cast<int>(dtypes.size()));
    OpRecipe r{op, {}, attrs ? attrs() : Attributes{}};
    for (size_t k = 0; k < dtypes.size(); ++k) {
      Tensor value(dtypes[k], shapes[k].shape);
      for (int64_t i = 0; i < value.numel(); ++i) value.set_from_double(i, *element(dtypes[k]));
      const bool constant = *rc::gen::weightedElement<bool>({{5, false}, {1, true}});
      r.inputs.push_back(InputRecipe{std::move(value), shapes[k].static_shape, constant});
    }
    return build_case(r);
  });
}

double log_uniform(int lo, int hi) {
  const int e = *rc::gen::inRange(lo, hi + 1);
  // 52 random mantissa bits: the value is not a short dyadic fraction.
  const uint64_t bits = *rc::gen::arbitrary<uint64_t>() >> 12;
  return std::ldexp(1.0 + std::ldexp(static_cast<double>(bits), -52), e);
}

std::function<VarRef(const std::vector<VarRef>&)> rounded_elemwise_grow(const std::string& op, int arity,
                                                                        std::optional<double> cap) {
  auto grow = elemwise_grow(op, arity);
  return [grow, cap](const std::vector<VarRef>& pool) -> VarRef {
    VarRef y = grow(pool);
    if (!y) return nullptr;
    if (cap) y = pt::minimum(y, pt::constant(Tensor::scalar(DType::Float16, *cap)));
    // Round(y + 0.3), not Round(y): a graph can feed Log2/Log10 a Sqrt,
    // and log2(sqrt(2^odd)) is an exact half integer that the conversion's
    // ln(x) / ln(2) misses by an ulp (log2(sqrt(128)): 3.5 in NumPy,
    // 3.4999999999999996 exported), which Round to even turns into 4
    // against 3 (tier-5 graphs, opset 17, seed 961338928187842219). With
    // the shift the rounding boundary is at k + 0.2, which none of these
    // ops gives exactly (2^0.2 and 10^0.2 are irrational; exp2 and atan2
    // of graph values are integers or irrational). The Add is one
    // correctly rounded operation, identical in both implementations.
    if (is_float(y->type.dtype)) y = pt::add(y, pt::constant(Tensor::scalar(y->type.dtype, 0.3)));
    return pt::round(y);
  };
}

}  // namespace ptonnx::gen

namespace ptonnx::gen {

FloatFormat float_format(DType t) {
  switch (t) {
    case DType::Float16: return {10, -24, 15};
    case DType::Float32: return {23, -149, 127};
    default: return {52, -1074, 1023};
  }
}

}  // namespace ptonnx::gen
