// Eig: refused, by decision (docs/converter.md, "Eig"). PyTensor's Eig
// returns complex64/complex128 arrays; ONNX's default-domain math operators
// take no complex type, so no standard model can return what PyTensor
// returns. Exporting the real and imaginary parts as four real outputs
// would change the model's interface (a consumer expecting PyTensor's two
// complex outputs gets four real ones) and needs the nonsymmetric QR
// algorithm with complex-pair deflation in Loops; neither is a faithful
// conversion, so the converter raises UnsupportedError and the spec
// records every dtype and opset as onnx_cannot_express.
#include "convert/context.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

void convert_eig(ConversionContext& c, const Node&) {
  c.unsupported(
      "PyTensor's Eig returns complex arrays and ONNX's math operators take no complex type; a (real, imaginary) "
      "export would change the model's outputs. For a symmetric matrix use Eigh");
}

const ConverterRegistrar kEig("Eig", 13, convert_eig);

}  // namespace
}  // namespace ptonnx
