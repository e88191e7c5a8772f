// Sample specs of the extended group's unary ops: Sign (every dtype but
// bool, which PyTensor refuses), Reciprocal, Sqr, IsNan, IsInf, Trunc
// (every dtype). No value domain: the generic edge values already hold
// what each trap needs: NaN, +-inf, -0.0, +-0.5 (trunc -> -0.0 / 0.0),
// 1e30 and the dtype's extremes (beyond 2^53, float16's 65504: trunc and
// sqr overflow), subnormals (1/x overflows to inf), integer bounds (sqr
// wraps, sign of INT_MIN). The sign of zero is compared for Sign (np.sign(-0.0)
// = +0.0), Reciprocal (1/-0 = -inf; 1/-inf = -0.0), Sqr ((-0.0)^2 = +0.0)
// and Trunc (trunc(-0.5) = -0.0); IsNan/IsInf give bools.
#include "generators/elemwise_case.h"

namespace ptonnx::gen {
namespace {

SampleSpec unary(const std::string& op, std::vector<DType> dtypes) {
  SampleSpec s = elemwise_spec(op, 1, std::move(dtypes));
  s.signed_zero = true;
  return s;
}

const SampleSpecRegistrar kSign(unary("Sign", dtypes_except_bool()));
const SampleSpecRegistrar kReciprocal(unary("Reciprocal", all_dtypes()));
const SampleSpecRegistrar kSqr(unary("Sqr", all_dtypes()));
const SampleSpecRegistrar kIsNan(unary("IsNan", all_dtypes()));
const SampleSpecRegistrar kIsInf(unary("IsInf", all_dtypes()));
const SampleSpecRegistrar kTrunc(unary("Trunc", all_dtypes()));

}  // namespace
}  // namespace ptonnx::gen
