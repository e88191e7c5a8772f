// Sample specs of the tier-1 infrastructure ops: Cast, Identity,
// DeepCopyOp, Constant and FunctionGraph (the graph itself).
#include "core/error.h"
#include "generators/elemwise_case.h"
#include "generators/random_graph.h"
#include "generators/shapes.h"
#include "graph/builder.h"
#include "graph/builder_elemwise_exact.h"
#include "graph/builder_special.h"

namespace ptonnx::gen {
namespace {

// Cast: the dtype axis is the source dtype; the target is drawn. A float
// source cast to an integer keeps inside the target's range: out-of-range
// and NaN casts raise in PyTensor's perform (and are UB in C), so the
// result is ill-posed there.
SampleSpec cast_spec() {
  SampleSpec s;
  s.op = "Cast";
  s.dtypes = all_dtypes();
  s.domain_notes = "float -> integer casts: values inside the target's range, not NaN or inf (PyTensor raises)";
  s.gen = [](DType from) {
    return rc::gen::exec([from] {
      const DType to = *rc::gen::elementOf(all_dtypes());
      const Shape shape = *gen::shape();
      const ValueDomain d = is_float(from) && !is_float(to) && to != DType::Bool ? domain_of_dtype(to) : ValueDomain{};
      OpRecipe r{"Cast", {}, {{"dtype", std::string(dtype_name(to))}}};
      Tensor x = *tensor(from, shape, d);
      // To bool, zero is the one value that matters (x != 0): a third of
      // the elements are zero, so a conversion comparing with the wrong
      // constant is caught (`ptonnx mutate --op Cast`: int64 -> bool via
      // Not(Equal(x, -1)) survived 100 cases with no zero in them).
      if (to == DType::Bool)
        for (int64_t i = 0; i < x.numel(); ++i)
          if (*rc::gen::weightedElement<bool>({{2, false}, {1, true}})) x.set_from_double(i, 0.0);
      r.inputs.push_back(InputRecipe{std::move(x), *static_view(shape), false});
      return build_case(r);
    });
  };
  s.grow = [](const std::vector<VarRef>& pool) -> VarRef {
    VarRef x = *rc::gen::elementOf(pool);
    const DType from = x->type.dtype;
    std::vector<DType> targets = all_dtypes();
    if (is_float(from)) {
      // In graphs, float values may be NaN or huge, which PyTensor refuses
      // to cast to an integer. So a third of the float -> integer casts go
      // through a safe view (NaN -> 0, clipped into [0, 100], inside every
      // integer type, fractions and -0.0 kept): the converter's truncation
      // towards zero is then in graphs too; the rest go to floats or bool.
      if (*rc::gen::weightedElement<bool>({{2, false}, {1, true}})) {
        const DType to = *rc::gen::elementOf(std::vector<DType>{DType::Int8, DType::UInt8, DType::Int16,
                                                                  DType::Int32, DType::Int64, DType::UInt64});
        const double low = is_unsigned_integer(to) ? 0.0 : -100.0;
        auto k = [&](double v) { return pt::constant(Tensor::scalar(from, v)); };
        VarRef safe = pt::clip(pt::switch_(pt::isnan(x), k(0.0), x), k(low), k(100.0));
        return apply_op1("Cast", {safe}, {{"dtype", std::string(dtype_name(to))}});
      }
      targets = {DType::Bool, DType::Float16, DType::Float32, DType::Float64};
    }
    // Integers and bools cast to anything (integer casts wrap, as NumPy).
    const DType to = *rc::gen::elementOf(targets);
    return apply_op1("Cast", {x}, {{"dtype", std::string(dtype_name(to))}});
  };
  return s;
}

SampleSpec copy_spec(const std::string& op) { return elemwise_spec(op, 1, all_dtypes()); }

// Constant: a graph that returns a constant directly, uses it in an Add,
// and passes its input straight through (outputs that are not computed by
// any node are the converter's job too).
SampleSpec constant_spec() {
  SampleSpec s;
  s.op = "Constant";
  s.dtypes = all_dtypes();
  s.gen = [](DType t) {
    return rc::gen::exec([t] {
      const Shape shape = *gen::shape();
      auto x = make_input("x", TensorType{t, *static_view(shape)});
      auto c = make_constant(*tensor(t, shape), "c");
      auto c2 = make_constant(*tensor(t, shape), "c2");
      std::vector<VarRef> outs{c, x};
      if (t != DType::Bool) outs.push_back(apply_op1("Add", {x, c2}));
      Case out{std::make_shared<FunctionGraph>(std::vector<VarRef>{x}, outs), {*tensor(t, shape)}, "Constant"};
      return out;
    });
  };
  return s;
}

// FunctionGraph: the graph itself, exercised by small random tier-1 graphs.
SampleSpec function_graph_spec() {
  SampleSpec s;
  s.op = "FunctionGraph";
  s.dtypes = all_dtypes();
  s.gen = [](DType t) {
    GraphOptions o;
    o.tier = 1;
    o.max_nodes = 4;
    o.dtypes = {t};
    return random_graph(o);
  };
  return s;
}

const SampleSpecRegistrar kCast(cast_spec());
const SampleSpecRegistrar kIdentity(copy_spec("Identity"));
const SampleSpecRegistrar kDeepCopy(copy_spec("DeepCopyOp"));
const SampleSpecRegistrar kConstant(constant_spec());
const SampleSpecRegistrar kFunctionGraph(function_graph_spec());

}  // namespace
}  // namespace ptonnx::gen
