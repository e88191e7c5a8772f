#include "convert/onnx_types.h"

#include <array>
#include <stdexcept>
#include <string>

namespace ptonnx {
namespace {

using Mask = uint32_t;
constexpr Mask bit(DType t) { return Mask{1} << static_cast<unsigned>(t); }
constexpr Mask kFloats = bit(DType::Float16) | bit(DType::Float32) | bit(DType::Float64);
constexpr Mask kSigned = bit(DType::Int8) | bit(DType::Int16) | bit(DType::Int32) | bit(DType::Int64);
constexpr Mask kUnsigned = bit(DType::UInt8) | bit(DType::UInt16) | bit(DType::UInt32) | bit(DType::UInt64);
constexpr Mask kNumeric = kFloats | kSigned | kUnsigned;
constexpr Mask kAll = kNumeric | bit(DType::Bool);
// Add/Sub/Mul/Div-13 lack the 8- and 16-bit integers; Add-14 etc. add them.
constexpr Mask kArith13 = kFloats | bit(DType::Int32) | bit(DType::Int64) | bit(DType::UInt32) | bit(DType::UInt64);

constexpr Mask kReduce = kFloats | bit(DType::Int32) | bit(DType::Int64) | bit(DType::UInt32) | bit(DType::UInt64);
constexpr Mask kReduce8 = kReduce | bit(DType::Int8) | bit(DType::UInt8);

struct Row {
  std::string_view op;
  int since;  // the row holds from this opset until the next row of the op
  Mask types;
};

constexpr std::array kTable{
    Row{"Add", 13, kArith13},  Row{"Add", 14, kNumeric},  Row{"Sub", 13, kArith13},   Row{"Sub", 14, kNumeric},
    Row{"Mul", 13, kArith13},  Row{"Mul", 14, kNumeric},  Row{"Div", 13, kArith13},   Row{"Div", 14, kNumeric},
    // Neg-13: signed integers and floats only.
    Row{"Neg", 13, kFloats | kSigned},
    Row{"Abs", 13, kNumeric},  Row{"Max", 13, kNumeric},  Row{"Min", 13, kNumeric},   Row{"Mod", 13, kNumeric},
    Row{"Greater", 13, kNumeric}, Row{"Less", 13, kNumeric}, Row{"Equal", 13, kAll},
    Row{"Exp", 13, kFloats},   Row{"Log", 13, kFloats},   Row{"Sqrt", 13, kFloats},   Row{"Floor", 13, kFloats},
    Row{"Ceil", 13, kFloats},  Row{"Round", 11, kFloats}, Row{"IsNaN", 13, kFloats},
    // Pow-13/15: the base (and output) must be int32, int64 or float; the
    // exponent (T1) may be any numeric type.
    Row{"Pow", 13, kFloats | bit(DType::Int32) | bit(DType::Int64)},
    Row{"Cast", 13, kAll},     Row{"Identity", 13, kAll}, Row{"Where", 9, kAll},
    Row{"And", 7, bit(DType::Bool)}, Row{"Or", 7, bit(DType::Bool)}, Row{"Not", 1, bit(DType::Bool)},
    // Reductions (numeric_types_for_math_reduction): ReduceMax/Min-13 and -18
    // add the 8-bit integers, not the 16-bit ones; bool only from opset 20.
    Row{"ReduceSum", 13, kReduce}, Row{"ReduceProd", 13, kReduce},
    Row{"ReduceMax", 13, kReduce8}, Row{"ReduceMin", 13, kReduce8},
    Row{"ArgMax", 13, kNumeric}, Row{"ArgMin", 13, kNumeric},
    // Pooling (CNN group): MaxPool-12 adds int8/uint8; the averages and the
    // global pools take floats only. Resize-13 and Pad-13 take every type.
    Row{"MaxPool", 12, kFloats | bit(DType::Int8) | bit(DType::UInt8)}, Row{"AveragePool", 11, kFloats},
    Row{"GlobalAveragePool", 1, kFloats}, Row{"GlobalMaxPool", 1, kFloats},
    Row{"Resize", 13, kAll}, Row{"Pad", 13, kAll},
};

}  // namespace

bool onnx_accepts(std::string_view op, DType t, int opset) {
  const Row* found = nullptr;
  for (const auto& r : kTable)
    if (r.op == op && r.since <= opset && (!found || r.since > found->since)) found = &r;
  if (!found) throw std::logic_error("onnx_accepts: no type table entry for ONNX op '" + std::string(op) + "'");
  return (found->types & bit(t)) != 0;
}

}  // namespace ptonnx
