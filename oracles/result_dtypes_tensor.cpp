// Output dtypes of the tensor-building ops (pytensor/tensor/basic.py:
// Join, Split, Alloc, AllocEmpty, MakeVector, ARange, Eye,
// TensorFromScalar, ScalarFromTensor).
#include "graph/attributes.h"
#include "oracles/dtype_rules.h"
#include "oracles/result_dtypes.h"

namespace ptonnx::oracle {
namespace {

using Dts = std::vector<DType>;

DType dtype_attr(const Node& node) { return parse_dtype(attr_string(node.attrs, "dtype")); }

// Join.make_node: out_dtype = upcast of every tensor joined (the axis is an
// op property here); pt.stack joins expand_dims of its inputs, or builds a
// MakeVector of the upcast when all are 0-d.
Dts upcast_out(const Node&, const Dts& in) { return {dtypes::numpy_promote(std::span<const DType>(in))}; }

// Split: every piece has the input's dtype; Alloc: the value's dtype;
// TensorFromScalar / ScalarFromTensor: unchanged.
Dts same_out(const Node& node, const Dts& in) { return Dts(node.outputs.size(), in.at(0)); }

// AllocEmpty(dtype), ARange(dtype): the op's dtype (pt.arange chose it
// when the op was built).
Dts attr_out(const Node& node, const Dts&) { return {dtype_attr(node)}; }

// MakeVector(dtype=None): the upcast of the scalars when no dtype is given.
Dts make_vector_out(const Node& node, const Dts& in) {
  if (has_attr(node.attrs, "dtype")) return {dtype_attr(node)};
  if (in.empty()) return {floatX()};
  return upcast_out(node, in);
}

// pt.eye(n, m, k, dtype=None): floatX by default.
Dts eye_out(const Node& node, const Dts&) { return {has_attr(node.attrs, "dtype") ? dtype_attr(node) : floatX()}; }

const DTypeRuleRegistrar kRules[] = {
    {"Join", upcast_out},
    {"Concatenate", upcast_out},
    {"Stack", upcast_out},
    {"Split", same_out},
    {"Alloc", same_out},
    {"TensorFromScalar", same_out},
    {"ScalarFromTensor", same_out},
    {"AllocEmpty", attr_out},
    {"ARange", attr_out},
    {"MakeVector", make_vector_out},
    {"Eye", eye_out},
};

}  // namespace
}  // namespace ptonnx::oracle
