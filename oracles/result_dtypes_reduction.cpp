// Output dtypes of the reductions (pytensor/tensor/elemwise.py CAReduce
// _output_dtype / _acc_dtype, tensor/math.py Sum, Prod, Max, Min, All, Any,
// Argmax) and the accumulator dtype CAReduce.perform converts to.
#include "graph/attributes.h"
#include "oracles/dtype_rules.h"
#include "oracles/result_dtypes.h"

namespace ptonnx::oracle {

DType careduce_acc_dtype(const Node& node, DType input) {
  if (has_attr(node.attrs, "acc_dtype")) return parse_dtype(attr_string(node.attrs, "acc_dtype"));
  // CAReduce._acc_dtype without an acc_dtype: discrete inputs accumulate in
  // the 64-bit int of their signedness (bool as signed), float16 in float32,
  // float32 in float64; float64 and the 64-bit ints stay.
  switch (dtypes::kind_of(input)) {
    case dtypes::Kind::Bool: return DType::Int64;
    case dtypes::Kind::Signed: return DType::Int64;
    case dtypes::Kind::Unsigned: return DType::UInt64;
    case dtypes::Kind::Float: return input == DType::Float16 ? DType::Float32 : DType::Float64;
  }
  return input;
}

namespace {

using Dts = std::vector<DType>;

// Sum and Prod (upcast_discrete_output=True): the `dtype` argument, else
// bool and the signed ints below 64 bits give int64, the unsigned ones
// uint64; floats and the 64-bit ints keep their dtype.
Dts sum_out(const Node& node, const Dts& in) {
  if (has_attr(node.attrs, "dtype")) return {parse_dtype(attr_string(node.attrs, "dtype"))};
  const DType t = in.at(0);
  switch (dtypes::kind_of(t)) {
    case dtypes::Kind::Bool:
    case dtypes::Kind::Signed: return {DType::Int64};
    case dtypes::Kind::Unsigned: return {DType::UInt64};
    case dtypes::Kind::Float: return {t};
  }
  return {t};
}

// Max, Min and a generic CAReduce: the input's dtype (_output_dtype
// returns idtype); All and Any: bool; Argmax/Argmin: int64 indices.
Dts same_out(const Node&, const Dts& in) { return {in.at(0)}; }
Dts bool_out(const Node&, const Dts&) { return {DType::Bool}; }
Dts index_out(const Node&, const Dts&) { return {DType::Int64}; }

const DTypeRuleRegistrar kRules[] = {
    {"Sum", sum_out},  {"Prod", sum_out}, {"Max", same_out},     {"Min", same_out},     {"CAReduce", same_out},
    {"All", bool_out}, {"Any", bool_out}, {"Argmax", index_out}, {"Argmin", index_out},
};

}  // namespace
}  // namespace ptonnx::oracle
