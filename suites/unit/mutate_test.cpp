// `ptonnx mutate`'s verdicts on mutants whose answer is known: a planted
// Add -> Sub is killed, Max(x, x) -> Min(x, x) is equivalent, the
// operators find their targets, and the special inputs tell a real change
// apart.
#include <gtest/gtest.h>
#include <onnx/defs/parser.h>

#include <algorithm>

#include "graph/builder.h"
#include "suites/harness/mutation.h"
#include "suites/harness/mutation_equivalence.h"

namespace ptonnx {
namespace {

namespace mu = harness::mutate;

mu::Config small_config() {
  mu::Config cfg;
  cfg.base_seed = 20261122;
  cfg.cases = 10;
  cfg.max_mutants = 1000;
  return cfg;
}

const mu::PlannedMutant* find_mutant(const mu::OpPlan& plan, DType dtype, const std::string& description) {
  auto it = std::find_if(plan.mutants.begin(), plan.mutants.end(), [&](const mu::PlannedMutant& m) {
    return m.dtype == dtype && m.mutant.description == description;
  });
  return it == plan.mutants.end() ? nullptr : &*it;
}

std::string descriptions(const mu::OpPlan& plan) {
  std::string s;
  for (const auto& m : plan.mutants) s += std::string(dtype_name(m.dtype)) + ": " + m.mutant.description + "\n";
  return s;
}

onnx::ModelProto parse(const char* text) {
  onnx::ModelProto m;
  EXPECT_TRUE(onnx::OnnxParser::Parse(m, text).IsOK()) << text;
  return m;
}

TEST(Mutate, PlantedAddToSubIsKilled) {
  const gen::SampleSpec* add = gen::find_spec("Add");
  ASSERT_NE(add, nullptr);
  const mu::OpPlan plan = mu::plan_mutants(*add, small_config());
  const mu::PlannedMutant* m = find_mutant(plan, DType::Float32, "Add#0 -> Sub");
  ASSERT_NE(m, nullptr) << descriptions(plan);
  const mu::MutantResult r = mu::run_mutant(*add, *m, small_config());
  EXPECT_EQ(r.verdict, mu::Verdict::Killed) << r.detail;
  EXPECT_GT(r.applied, 0);
  EXPECT_NE(r.command.find("--op Add --seed 20261122 --opset 17 --cases 10 --max-mutants 1000 --mutant "),
            std::string::npos)
      << r.command;
}

// Maximum(x, x) exports as Max(x, x) (int32: no NaN handling); Min(x, x)
// is x too, so no input can tell them apart.
gen::SampleSpec max_of_itself() {
  gen::SampleSpec spec;
  spec.op = "Maximum";
  spec.dtypes = {DType::Int32};
  spec.gen = [](DType) {
    return rc::gen::map(rc::gen::container<std::vector<int32_t>>(3, rc::gen::arbitrary<int32_t>()),
                        [](const std::vector<int32_t>& v) {
                          auto x = pt::vector("x", "int32", {3});
                          auto y = pt::maximum(x, x);
                          y->name = "out0";
                          gen::Case c;
                          c.graph = std::make_shared<FunctionGraph>(std::vector<VarRef>{x}, std::vector<VarRef>{y});
                          c.inputs = {Tensor::from_vector(DType::Int32, {3}, v)};
                          return c;
                        });
  };
  return spec;
}

TEST(Mutate, MaxOfTheSameInputToMinIsEquivalent) {
  const gen::SampleSpec spec = max_of_itself();
  const mu::OpPlan plan = mu::plan_mutants(spec, small_config());
  const mu::PlannedMutant* m = find_mutant(plan, DType::Int32, "Max#0 -> Min");
  ASSERT_NE(m, nullptr) << descriptions(plan);
  const mu::MutantResult r = mu::run_mutant(spec, *m, small_config());
  EXPECT_EQ(r.verdict, mu::Verdict::Equivalent) << r.detail;
  EXPECT_GT(r.inputs_compared, 10) << r.detail;
  EXPECT_NE(r.detail.find("equivalent (not distinguished on "), std::string::npos) << r.detail;
}

TEST(Mutate, SpecialInputsTellRealChangesApart) {
  const auto add =
      parse(R"(<ir_version: 8, opset_import: ["" : 17]> g (float[4] a, float[4] b) => (float[4] y) { y = Add(a, b) })");
  const auto sub =
      parse(R"(<ir_version: 8, opset_import: ["" : 17]> g (float[4] a, float[4] b) => (float[4] y) { y = Sub(a, b) })");
  const auto max =
      parse(R"(<ir_version: 8, opset_import: ["" : 17]> g (float[4] a) => (float[4] y) { y = Max(a, a) })");
  const auto min =
      parse(R"(<ir_version: 8, opset_import: ["" : 17]> g (float[4] a) => (float[4] y) { y = Min(a, a) })");
  const Tensor v = Tensor::from_vector(DType::Float32, {4}, std::vector<float>{1, 2, 3, 4});
  EXPECT_TRUE(mu::distinguish_on_special_inputs(add, sub, {v, v}, {false}).found);
  const mu::Distinction d = mu::distinguish_on_special_inputs(max, min, {v}, {false});
  EXPECT_FALSE(d.found) << d.what;
  EXPECT_GT(d.compared, 50);
}

TEST(Mutate, OperatorsFindTheirTargets) {
  const auto m = parse(R"(<ir_version: 8, opset_import: ["" : 17]>
g (float[2,3] a, float[2,3] b, bool[2,3] c) => (float[3,2] y) {
  s = Sub(a, b)
  w = Where(c, s, a)
  k = Constant<value = int64[1] {1}>()
  t = Transpose<perm = [1, 0]>(w)
  y = Identity(t)
})");
  std::vector<std::string> got;
  for (const auto& mutant : mu::enumerate_mutants(m)) got.push_back(mutant.description);
  for (const char* want :
       {"Sub#0 -> Add", "Sub#0: inputs swapped", "Where#0(c, x, y) -> x", "Where#0(c, x, y) -> y",
        "Transpose#0 perm [1,0]: swap entries 0 and 1", "Constant#0 value (int64[1]) element 0 += 1"})
    EXPECT_NE(std::find(got.begin(), got.end(), want), got.end()) << want;
  // Applying one changes exactly its target.
  onnx::ModelProto copy = m;
  const auto mutants = mu::enumerate_mutants(m);
  auto it =
      std::find_if(mutants.begin(), mutants.end(), [](const mu::Mutant& x) { return x.description == "Sub#0 -> Add"; });
  ASSERT_NE(it, mutants.end());
  ASSERT_TRUE(it->apply(copy));
  EXPECT_EQ(copy.graph().node(0).op_type(), "Add");
  EXPECT_EQ(copy.graph().node(1).op_type(), "Where");
}

}  // namespace
}  // namespace ptonnx
