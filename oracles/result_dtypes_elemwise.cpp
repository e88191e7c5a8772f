// Output dtypes of the Elemwise ops: each scalar op's
// output_types_preference in pytensor/scalar/basic.py and scalar/math.py
// (upcast_out, upgrade_to_float, same_out, ...), restated with the oracle's
// own promotion (oracles/dtype_rules.h).
#include "graph/attributes.h"
#include "oracles/dtype_rules.h"
#include "oracles/result_dtypes.h"

namespace ptonnx::oracle {
namespace {

using Dts = std::vector<DType>;

// upcast_out (and upcast_out_nobool, upcast_out_no_complex: the bool
// refusal is make_node's, the dtype the same): NumPy's promotion of all
// inputs. Add, Mul, Sub, Maximum, Minimum, IntDiv, Mod, Clip, AND/OR/XOR.
Dts upcast_out(const Node&, const Dts& in) { return {dtypes::numpy_promote(std::span<const DType>(in))}; }

// same_out (Abs, Neg, Sign, Sqr, Invert, Identity, Round...): input 0's.
Dts same_out(const Node&, const Dts& in) { return {in.at(0)}; }

// upgrade_to_float (and _no_complex): the upcast mapped to a float.
Dts float_out(const Node&, const Dts& in) { return {dtypes::upgrade_to_float(std::span<const DType>(in))}; }

// Comparisons, IsNan, IsInf: bool (LogicalComparison / FixedLogicalComparison).
Dts bool_out(const Node&, const Dts&) { return {DType::Bool}; }

// TrueDiv.output_types: all inputs discrete -> floatX, else the upcast.
Dts true_div_out(const Node&, const Dts& in) {
  for (DType t : in)
    if (!dtypes::is_discrete(t)) return {dtypes::numpy_promote(std::span<const DType>(in))};
  return {floatX()};
}

// Pow(upcast_out_min8): the upcast, bool raised to int8.
Dts pow_out(const Node&, const Dts& in) {
  const DType t = dtypes::numpy_promote(std::span<const DType>(in));
  return {t == DType::Bool ? DType::Int8 : t};
}

// Switch.output_types: the upcast of the two branches; the condition only
// selects.
Dts switch_out(const Node&, const Dts& in) { return {dtypes::numpy_promote({in.at(1), in.at(2)})}; }

// Cast: its `dtype` attribute (pt.cast(x, dtype)).
Dts cast_out(const Node& node, const Dts&) { return {parse_dtype(attr_string(node.attrs, "dtype"))}; }

const DTypeRuleRegistrar kUpcast[] = {
    {"Add", upcast_out},     {"Mul", upcast_out},    {"Sub", upcast_out}, {"Maximum", upcast_out},
    {"Minimum", upcast_out}, {"IntDiv", upcast_out}, {"Mod", upcast_out}, {"Clip", upcast_out},
    {"AND", upcast_out},     {"OR", upcast_out},     {"XOR", upcast_out},
};
const DTypeRuleRegistrar kSame[] = {
    {"Abs", same_out},        {"Neg", same_out},    {"Sign", same_out},
    {"Sqr", same_out},        {"Invert", same_out}, {"Identity", same_out},
    {"DeepCopyOp", same_out}, {"Round", same_out},  {"RoundHalfAwayFromZero", same_out},
};
// Floor, Ceil and Trunc are upgrade_to_float_no_complex in scalar/basic.py.
const DTypeRuleRegistrar kFloat[] = {
    {"Exp", float_out},      {"Log", float_out},     {"Sqrt", float_out},    {"Floor", float_out},
    {"Ceil", float_out},     {"Trunc", float_out},   {"Log2", float_out},    {"Log10", float_out},
    {"Exp2", float_out},     {"Log1p", float_out},   {"Expm1", float_out},   {"Sigmoid", float_out},
    {"Softplus", float_out}, {"Erf", float_out},     {"Erfc", float_out},    {"Reciprocal", float_out},
    {"Sin", float_out},      {"Cos", float_out},     {"Tan", float_out},     {"ArcSin", float_out},
    {"ArcCos", float_out},   {"ArcTan", float_out},  {"Sinh", float_out},    {"Cosh", float_out},
    {"Tanh", float_out},     {"ArcSinh", float_out}, {"ArcCosh", float_out}, {"ArcTanh", float_out},
    {"ArcTan2", float_out},  {"SiLU", float_out},
};
const DTypeRuleRegistrar kBool[] = {
    {"LT", bool_out}, {"GT", bool_out},  {"LE", bool_out},    {"GE", bool_out},
    {"EQ", bool_out}, {"NEQ", bool_out}, {"IsNan", bool_out}, {"IsInf", bool_out},
};
const DTypeRuleRegistrar kTrueDiv("TrueDiv", true_div_out);
const DTypeRuleRegistrar kPow("Pow", pow_out);
const DTypeRuleRegistrar kSwitch("Switch", switch_out);
const DTypeRuleRegistrar kCast("Cast", cast_out);

}  // namespace
}  // namespace ptonnx::oracle
