// Type inference of Switch (tier 5; pytensor rel-3.3.0 scalar/basic.py
// Switch, nfunc_spec ("where", 3, 1)): Elemwise{Switch}(cond, ift, iff) is
// np.where(cond, ift, iff). Three inputs of any dtypes, broadcast together;
// the condition's dtype does not matter (it is read as truthy: nonzero, so
// NaN is true and -0.0 false); the output dtype is upcast(ift, iff)
// (Switch.output_types: upcast_out(ift_t, iff_t)), NumPy's promotion of
// the two branches alone.
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

std::vector<TensorType> switch_out(const InferContext& c) {
  return infer::one(promote(c.dtype(1), c.dtype(2)), infer::broadcast_inputs(c));
}

const OpSchemaRegistrar kSwitch(OpSchema{
    "Switch", 3, 3, {}, switch_out, "np.where(cond, ift, iff): cond truthy, dtype upcast(ift, iff)"});

}  // namespace
}  // namespace ptonnx
