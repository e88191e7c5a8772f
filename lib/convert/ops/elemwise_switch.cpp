// Converter of Switch (tier 5): Elemwise{Switch}(cond, ift, iff), which is
// np.where(cond, ift, iff), as ONNX Where (opset 9+, every tensor type).
// - Where wants a bool condition; PyTensor's is of any dtype and read as
//   truthy (np.where converts it with astype(bool)): Not(Equal(cond, 0)),
//   so NaN is true (NaN != 0) and -0.0 false (-0.0 == 0). A Cast to bool is
//   not used: ONNX leaves the Cast of NaN to bool open.
// - Where wants one branch type: both branches are Cast to the output
//   dtype, upcast(ift, iff) (NumPy's promotion; int64 with uint64 gives
//   float64, bool with int8 int8); a selected -0.0 stays -0.0.
// - Where broadcasts its three inputs as NumPy does (multidirectional).
// - ONNX Runtime's Where lacks bool, 8/16-bit ints, uint32, uint64 and
//   float16: portable::where selects in a wider type or by arithmetic.
#include "convert/context.h"
#include "convert/portable.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

void convert_switch(ConversionContext& c, const Node&) {
  std::string cond = c.in(0);
  const DType tc = c.in_dtype(0), t = c.out_dtype();
  if (tc != DType::Bool) {
    const std::string zero = c.temp("cond_is_zero");
    c.emit("Equal", {cond, c.scalar(tc, 0)}, {zero});
    cond = c.temp("cond");
    c.emit("Not", {zero}, {cond});
  }
  portable::where(c, cond, c.cast(c.in(1), c.in_dtype(1), t), c.cast(c.in(2), c.in_dtype(2), t), t, c.out());
}

const ConverterRegistrar kSwitch("Switch", 13, convert_switch);

}  // namespace
}  // namespace ptonnx
