// Example: a converter author adds an op ptonnx does not have, out of
// tree, and fuzzes its converter with ptonnx's harness before merging.
// The op is Softsign, x / (1 + |x|), on float16/32/64:
//   1. its IR schema (dtype and shape rule),
//   2. its converter (the code under test): Div(x, Add(1, Abs(x))),
//   3. its oracle kernel, written independently from the definition, and
//      the oracle's own statement of its output dtype (checked against the
//      IR's rule in step 1),
//   4. its sample spec (generated inputs: every float dtype, edge values),
// then one property per (dtype, opset 13..18), exactly as ptonnx's tier
// suites run them. A failure prints the shrunk case, its seed and a
// replayable bundle; the exit status is 1.
#include <cmath>
#include <iostream>

#include "convert/context.h"
#include "convert/registry.h"
#include "generators/elemwise_case.h"
#include "graph/op_schema.h"
#include "oracles/elemwise.h"
#include "suites/harness/property.h"

namespace {

using namespace ptonnx;

// 1. The IR op: float in, same type out.
std::vector<TensorType> same_float(const InferContext& c) {
  if (!is_float(c.dtype(0))) c.fail("Softsign takes float16, float32 or float64");
  return {c.type(0)};
}
const OpSchemaRegistrar kSchema(OpSchema{"Softsign", 1, 1, {}, same_float, "x / (1 + |x|)"});

// 2. The converter under test.
void convert_softsign(ConversionContext& c, const Node&) {
  const std::string abs = c.temp("abs"), denominator = c.temp("denominator");
  c.emit("Abs", {c.in(0)}, {abs});
  c.emit("Add", {c.scalar(c.out_dtype(), 1.0), abs}, {denominator});
  c.emit("Div", {c.in(0), denominator}, {c.out()});
}
const ConverterRegistrar kConverter("Softsign", 13, convert_softsign);

// 3. The oracle: the definition, in the output dtype (float16 lanes compute
// in float and round once, as NumPy's half loops do).
const oracle::KernelRegistrar kOracle("Softsign", oracle::ufunc1([](auto, auto v) {
                                        return oracle::float_only(v, [](auto x) { return x / (1 + std::fabs(x)); });
                                      }));
const oracle::DTypeRuleRegistrar kOracleDType("Softsign", [](const Node&, const std::vector<DType>& in) {
  return std::vector<DType>{in.at(0)};  // a float stays its own dtype
});

// 4. The generated instances: ptonnx's elementwise generator (shapes with
// broadcasting and empty dims, +-0, +-inf, NaN, subnormals, extremes).
const gen::SampleSpecRegistrar kSpec(gen::elemwise_spec("Softsign", 1, gen::float_dtypes()));

}  // namespace

int main() {
  const gen::SampleSpec* spec = gen::find_spec("Softsign");
  int failures = 0, properties = 0;
  for (DType t : spec->dtypes)
    for (int opset = 13; opset <= 18; ++opset) {
      harness::PropertyConfig cfg;
      cfg.suite = "softsign";
      cfg.cases = 100;
      cfg.seed = harness::property_seed(20261201, "Softsign", std::string(dtype_name(t)), opset);
      const harness::PropertyResult r = harness::run_op_property(*spec, t, opset, cfg);
      ++properties;
      if (!r.ok) {
        ++failures;
        std::cout << r.report;
      }
    }
  std::cout << "Softsign: " << properties << " properties, " << failures << " failing\n";
  return failures == 0 ? 0 : 1;
}
