// Converter of SiLU, the graph x * pt.sigmoid(x): Cast x to the
// upgrade_to_float dtype T, Sigmoid, Mul, as PyTensor's two Elemwise ops
// (Sigmoid rounds to T, then Mul rounds again). No SiLU/Swish operator
// exists in opsets 13-18 (Swish arrives in opset 24).
#include "convert/context.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

void convert_silu(ConversionContext& c, const Node&) {
  const DType t = c.out_dtype();
  const std::string x = c.cast(c.in(0), c.in_dtype(0), t);
  const std::string s = c.temp("sigmoid");
  c.emit("Sigmoid", {x}, {s});
  c.emit("Mul", {x, s}, {c.out()});
}

const ConverterRegistrar kSiLU("SiLU", 13, convert_silu);

}  // namespace
}  // namespace ptonnx
