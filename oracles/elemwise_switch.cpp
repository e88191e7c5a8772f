// Oracle kernel of Switch (tier 5; pytensor rel-3.3.0 scalar/basic.py
// Switch, nfunc_spec ("where", 3, 1)): Elemwise.perform calls
// np.where(cond, ift, iff) on the inputs as they are and casts the result
// to the output dtype, upcast(ift, iff). np.where reads cond with
// astype(bool) (nonzero: NaN is true, -0.0 false) and gives its branches'
// result_type, the same promotion; each branch value is converted to the
// output dtype exactly as a ufunc's input cast (to_loop_dtype: int64 to
// float64 correctly rounded, bool to 0/1), then the selected element is
// copied (a -0.0 stays -0.0).
#include <cstring>

#include "oracles/broadcast.h"
#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

std::vector<Tensor> switch_kernel(const Node& node, const std::vector<Tensor>& in) {
  const Broadcast b = broadcast(node, in);
  const DType t = out_dtype(node);
  const Tensor& cond = in.at(0);
  const Tensor ift = to_loop_dtype(in.at(1), t), iff = to_loop_dtype(in.at(2), t);
  Tensor out(t, b.out_shape);
  const size_t size = out.numel() == 0 ? 0 : out.nbytes() / static_cast<size_t>(out.numel());
  for_each_broadcast(b, [&](int64_t i, const std::vector<int64_t>& off) {
    // get_as_double is nonzero exactly when the element is (64-bit integers
    // included); NaN != 0.
    const bool truthy = cond.get_as_double(off[0]) != 0.0;
    const Tensor& src = truthy ? ift : iff;
    const int64_t j = truthy ? off[1] : off[2];
    std::memcpy(out.raw() + static_cast<size_t>(i) * size, src.raw() + static_cast<size_t>(j) * size, size);
  });
  return {out};
}

const KernelRegistrar kSwitch("Switch", switch_kernel);

}  // namespace
}  // namespace ptonnx::oracle
