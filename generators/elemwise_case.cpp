#include "generators/elemwise_case.h"

#include "core/error.h"
#include "generators/shapes.h"

namespace ptonnx::gen {

rc::Gen<Case> elemwise_case(const std::string& op, DType dtype, const ElemwiseOptions& o) {
  return rc::gen::exec([op, dtype, o] {
    const int n = *rc::gen::inRange(o.min_arity, o.max_arity + 1);
    const auto shapes = *broadcastable(n);
    OpRecipe r{op, {}, o.attrs ? o.attrs() : Attributes{}};
    std::vector<DType> dtypes{dtype};
    for (int k = 1; k < n; ++k)
      dtypes.push_back(o.mix.empty() ? dtype
                                     : *rc::gen::weightedOneOf<DType>({{3, rc::gen::just(dtype)}, {1, rc::gen::elementOf(o.mix)}}));
    for (int k = 0; k < n; ++k) {
      const ValueDomain d = o.domain ? o.domain(static_cast<size_t>(k), dtypes, r.attrs) : ValueDomain{};
      Tensor value = *tensor(dtypes[k], shapes[k].shape, d);
      const bool constant = *rc::gen::weightedElement<bool>({{5, false}, {1, true}});
      r.inputs.push_back(InputRecipe{std::move(value), shapes[k].static_shape, constant});
    }
    return build_case(r);
  });
}

std::function<VarRef(const std::vector<VarRef>&)> elemwise_grow(const std::string& op, int arity,
                                                                 std::function<Attributes()> attrs) {
  return [op, arity, attrs](const std::vector<VarRef>& pool) -> VarRef {
    std::vector<VarRef> operands;
    for (int k = 0; k < arity; ++k) operands.push_back(*rc::gen::elementOf(pool));
    try {
      return apply_op1(op, operands, attrs ? attrs() : Attributes{});
    } catch (const TypeError&) {
      return nullptr;  // this pick does not fit the op: the generator tries another
    }
  };
}

SampleSpec elemwise_spec(const std::string& op, int arity, std::vector<DType> dtypes, ElemwiseOptions o) {
  o.min_arity = o.max_arity = arity;
  if (arity > 1 && o.mix.empty()) o.mix = dtypes;
  SampleSpec s;
  s.op = op;
  s.dtypes = std::move(dtypes);
  s.gen = [op, o](DType t) { return elemwise_case(op, t, o); };
  s.grow = elemwise_grow(op, arity, o.attrs);
  return s;
}

}  // namespace ptonnx::gen
