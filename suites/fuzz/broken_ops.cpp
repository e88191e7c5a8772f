// Test-only ops for the fuzz CLI's own tests and the worked example of
// docs/fuzzing.md. They are linked into ptonnx_fuzz_demo only, never into
// the product: each registers, under a name the catalog does not know, an
// IR op schema, a converter, an oracle kernel and a sample spec, exactly as
// a contributor's new op would, with a planted defect.
//
// BrokenRound   PyTensor's round(x, mode="half_away_from_zero")
//               (pytensor/scalar/math.py RoundHalfAwayFromZero) whose
//               converter forgets the mode and emits ONNX Round, which
//               rounds halves to even: wrong on 0.5, 2.5, -0.5, ...
// CrashingOp    identity whose converter calls std::abort()
// HangingOp     identity whose converter never returns
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <thread>

#include "convert/context.h"
#include "convert/registry.h"
#include "core/error.h"
#include "generators/elemwise_case.h"
#include "graph/op_schema.h"
#include "oracles/elemwise.h"

namespace ptonnx {
namespace {

std::vector<TensorType> float_same(const InferContext& c) {
  if (!is_float(c.dtype(0))) c.fail(c.op + " is defined for float inputs only");
  return {c.type(0)};
}

std::vector<TensorType> same(const InferContext& c) { return {c.type(0)}; }

const OpSchemaRegistrar kBrokenRoundSchema(OpSchema{
    "BrokenRound", 1, 1, {}, float_same, "test only: round half away from zero, with a broken converter"});
const OpSchemaRegistrar kCrashingSchema(OpSchema{"CrashingOp", 1, 1, {}, same, "test only: converter aborts"});
const OpSchemaRegistrar kHangingSchema(OpSchema{"HangingOp", 1, 1, {}, same, "test only: converter hangs"});

// The planted bug: ONNX Round rounds halves to even, not away from zero.
void convert_broken_round(ConversionContext& c, const Node&) { c.emit("Round", {c.in(0)}, {c.out()}); }

void convert_crashing(ConversionContext&, const Node&) { std::abort(); }

[[noreturn]] void convert_hanging(ConversionContext&, const Node&) {
  for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
}

const ConverterRegistrar kBrokenRoundConverter("BrokenRound", 13, convert_broken_round);
const ConverterRegistrar kCrashingConverter("CrashingOp", 13, convert_crashing);
const ConverterRegistrar kHangingConverter("HangingOp", 13, convert_hanging);

// The oracle: PyTensor's round_half_away_from_zero_ on Python floats,
// `np.floor(a + 0.5) if a > 0 else np.ceil(a - 0.5)`, cast back.
std::vector<Tensor> round_away_kernel(const Node& node, const std::vector<Tensor>& in) {
  const Tensor& x = in.at(0);
  Tensor out(oracle::out_dtype(node), x.shape());
  visit_dtype(out.dtype(), [&](auto tag) {
    constexpr DType T = decltype(tag)::value;
    if constexpr (oracle::is_float_dtype(T)) {
      auto o = out.data<storage_t<T>>();
      for (int64_t i = 0; i < x.numel(); ++i) {
        const double a = x.get_as_double(i);
        o[i] = oracle::store_double<T>(a > 0 ? std::floor(a + 0.5) : std::ceil(a - 0.5));
      }
    } else {
      throw Error("oracle: BrokenRound with a non-float output dtype");
    }
  });
  return {out};
}

std::vector<Tensor> identity_kernel(const Node&, const std::vector<Tensor>& in) { return {in.at(0)}; }

const oracle::KernelRegistrar kBrokenRoundKernel("BrokenRound", round_away_kernel);
// Its dtype rule, as PyTensor's same_out_float_only: the input's dtype.
const oracle::DTypeRuleRegistrar kBrokenRoundDType("BrokenRound", [](const Node&, const std::vector<DType>& in) {
  return std::vector<DType>{in.at(0)};
});
const oracle::KernelRegistrar kCrashingKernel("CrashingOp", identity_kernel);
const oracle::KernelRegistrar kHangingKernel("HangingOp", identity_kernel);

gen::SampleSpec unary_spec(const std::string& op, std::vector<DType> dtypes) {
  gen::ElemwiseOptions o;
  o.min_arity = o.max_arity = 1;
  gen::SampleSpec s;
  s.op = op;
  s.dtypes = std::move(dtypes);
  s.gen = [op, o](DType t) { return gen::elemwise_case(op, t, o); };
  return s;
}

const gen::SampleSpecRegistrar kBrokenRoundSpec(unary_spec("BrokenRound", gen::float_dtypes()));
const gen::SampleSpecRegistrar kCrashingSpec(unary_spec("CrashingOp", {DType::Float32}));
const gen::SampleSpecRegistrar kHangingSpec(unary_spec("HangingOp", {DType::Float32}));

}  // namespace
}  // namespace ptonnx
