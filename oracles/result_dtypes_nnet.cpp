// Output dtypes of softmax, padding, convolution, pooling and batch
// normalisation, and of the sorting / searching ops: pytensor/tensor/
// special.py, pad.py, the 2.x nnet and signal modules (AbstractConv2d,
// Pool, AbstractBatchNormInference), extra_ops.py and sort.py.
#include "graph/attributes.h"
#include "oracles/dtype_rules.h"
#include "oracles/result_dtypes.h"

namespace ptonnx::oracle {
namespace {

using Dts = std::vector<DType>;

// Softmax / LogSoftmax (rel-3.x, a symbolic op): x - max(x) keeps x's
// dtype, exp upgrades it to a float, the sum and the division keep that.
Dts softmax_out(const Node&, const Dts& in) { return {dtypes::upgrade_to_float({in.at(0)})}; }

// pt.pad: the gather modes (wrap, symmetric, reflect) take from x and keep
// its dtype; every other mode writes x into set_subtensor(zeros(new_shape)
// ...), a floatX buffer, whatever x's and the constants' dtypes.
Dts pad_out(const Node& node, const Dts& in) {
  const std::string& mode = attr_string(node.attrs, "mode");
  const bool gather = mode == "wrap" || mode == "symmetric" || mode == "reflect";
  return {gather ? in.at(0) : floatX()};
}

// AbstractConv2d: img.type.clone(shape=...): the image's dtype, the
// kernel's ignored. Pool (max and average modes): x's dtype.
// pt.max over the spatial axes (GlobalMaxPool): x's dtype.
Dts first_out(const Node&, const Dts& in) { return {in.at(0)}; }

// pt.mean over the spatial axes (GlobalAveragePool): a float input keeps
// its dtype (float16 sums in float32 and is cast back); a discrete one
// sums to an int and is divided by a float64 shape: float64.
Dts mean_out(const Node&, const Dts& in) { return {dtypes::is_discrete(in.at(0)) ? DType::Float64 : in.at(0)}; }

// AbstractBatchNormInference: as_common_dtype of the five tensors (the
// plain upcast, epsilon apart).
Dts common_out(const Node&, const Dts& in) { return {dtypes::numpy_promote(std::span<const DType>(in))}; }

// SortOp, CumOp, Repeat: input.type(); ArgSortOp, SearchsortedOp: int64;
// Unique: x's dtype, then int64 index / inverse / counts outputs.
Dts same_out(const Node&, const Dts& in) { return {in.at(0)}; }
Dts int64_out(const Node&, const Dts&) { return {DType::Int64}; }
Dts unique_out(const Node& node, const Dts& in) {
  Dts out(node.outputs.size(), DType::Int64);
  out.at(0) = in.at(0);
  return out;
}

const DTypeRuleRegistrar kRules[] = {
    {"Softmax", softmax_out},
    {"LogSoftmax", softmax_out},
    {"Pad", pad_out},
    {"Conv2D", first_out},
    {"MaxPool", first_out},
    {"AveragePool", first_out},
    {"GlobalMaxPool", first_out},
    {"GlobalAveragePool", mean_out},
    {"BatchNormalization", common_out},
    {"SortOp", same_out},
    {"CumOp", same_out},
    {"Repeat", same_out},
    {"ArgSortOp", int64_out},
    {"SearchsortedOp", int64_out},
    {"Unique", unique_out},
};

}  // namespace
}  // namespace ptonnx::oracle
