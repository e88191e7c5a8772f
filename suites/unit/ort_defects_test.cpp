// ONNX Runtime's documented defects (lib/check/ort_defects.h): each minimal
// model in ort/defects/ still shows the defect on ONNX Runtime, while the
// built-in runtime gives the spec's answer; every table entry has such a
// check; the matchers recognise their own minimal model; and only entries
// no conversion can avoid are classified as backend defects. When ONNX
// Runtime fixes one, its test fails here: drop the entry (and its
// workaround, if the converter no longer needs it). Skipped when the ort/
// worker is not installed (ci/install-deps.sh installs it).
#include <gtest/gtest.h>
#include <onnx/defs/parser.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "check/ort_defects.h"
#include "ort/ort_worker.h"
#include "runtime/model.h"

namespace ptonnx {
namespace {

onnx::ModelProto load_model(std::string_view file) {
  const std::string path = std::string(PTONNX_ORT_DEFECTS_DIR) + "/" + std::string(file);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  onnx::ModelProto m;
  const auto status = onnx::OnnxParser::Parse(m, text.str().c_str());
  EXPECT_TRUE(status.IsOK()) << path << ": " << status.ErrorMessage();
  return m;
}

Tensor tensor(DType t, Shape shape, std::vector<double> values) {
  Tensor x(t, std::move(shape));
  for (size_t i = 0; i < values.size(); ++i) x.set_from_double(static_cast<int64_t>(i), values[i]);
  return x;
}

struct Reproduction {
  std::vector<std::pair<std::string, Tensor>> inputs;
  // Whether an output (of the first output) shows the defect.
  std::function<bool(const Tensor&)> defective;
  std::string what;  // the defect as observed
  // What the driver would report (for the matchers that read it): ONNX
  // Runtime's load message, or the comparison's mismatch message.
  std::string message;
};

// The reproductions, by defect id. A new table entry without one fails
// EveryDefectHasAReproduction.
std::map<std::string, Reproduction> reproductions() {
  std::map<std::string, Reproduction> r;
  // [0, 1] reduced over axis -1 with keepdims=0 has shape [0]; ONNX
  // Runtime returns [0, 1].
  r["argmax-negative-axis-empty"] = {{{"x", Tensor(DType::Float32, {0, 1})}},
                                     [](const Tensor& y) { return y.shape() != Shape{0}; },
                                     "output shape is not [0]",
                                     ""};
  // 3^39 = 4052555153018976267 fits int64; through double it rounds to
  // 4052555153018976256.
  r["pow-int64-through-double"] = {{{"x", tensor(DType::Int64, {1}, {3})}, {"e", tensor(DType::Int64, {1}, {39})}},
                                   [](const Tensor& y) { return y.data<int64_t>()[0] != 4052555153018976267LL; },
                                   "3^39 is not 4052555153018976267",
                                   ""};
  // -0.0 + 0.0 = +0.0 in IEEE 754.
  r["add-zero-elimination"] = {{{"x", tensor(DType::Float32, {}, {-0.0})}},
                               [](const Tensor& y) { return std::signbit(y.data<float>()[0]); },
                               "-0.0 + 0.0 is not +0.0",
                               ""};
  r["reducemax-int64-low-word"] = {{{"x", tensor(DType::Int64, {4}, {256, 4294967295.0, 0, 0})}},
                                   [](const Tensor& y) { return y.data<int64_t>()[0] != 4294967295LL; },
                                   "the max of [256, 4294967295, 0, 0] is not 4294967295",
                                   ""};
  r["max-int64-low-word"] = {{{"a", tensor(DType::Int64, {2}, {4294967295.0, 0})}, {"b", tensor(DType::Int64, {2}, {0, 0})}},
                             [](const Tensor& y) { return y.data<int64_t>()[0] != 4294967295LL; },
                             "Max(4294967295, 0) in int64 is not 4294967295", ""};
  r["where-x-negative-zero"] = {
      {{"c", tensor(DType::Bool, {1}, {1})},
       {"x", tensor(DType::Float32, {1}, {-0.0})},
       {"y", tensor(DType::Float32, {1}, {5})}},
      [](const Tensor& z) { return !std::signbit(z.data<float>()[0]); },
      "Where(true, -0.0, 5) is not -0.0",
      "mismatch: onnxruntime: output 0 ('z'): float32[1]: 1 of 1 elements differ; first at [0] (flat 0): expected -0, "
      "got 0; max abs err 0, max rel err 0, max ulp 0"};
  // Exp(-17.5) = 2.5e-8 is 0 in float16 (below half the smallest
  // subnormal, 2.98e-8), so Ceil gives 0; in float32 it gives 1.
  r["float16-chain-in-float32"] = {
      {{"x", tensor(DType::Float16, {1}, {-17.5})}},
      [](const Tensor& y) { return y.get_as_double(0) != 0.0; },
      "Ceil(Exp(-17.5)) in float16 is not 0",
      "mismatch: onnxruntime: output 0 ('y'): float16[1]: 1 of 1 elements differ; first at [0] (flat 0): expected 0, "
      "got 1; max abs err 1, max rel err inf, max ulp 15360"};
  // 1 / (1 + e^4) = 0.017986209962091559..., whose nearest float32 is
  // 0.0179862101 (0x3c9357e6).
  r["transcendental-approximation"] = {
      {{"x", tensor(DType::Float32, {1}, {-4})}},
      [](const Tensor& y) { return y.data<float>()[0] != static_cast<float>(0.017986209962091559); },
      "float32 Sigmoid(-4) is not the nearest float to 0.0179862099620916",
      "mismatch: onnxruntime: output 0 ('y'): float32[1]: 1 of 1 elements differ; first at [0] (flat 0): expected "
      "0.0179862101, got 0.017986238; max abs err 2.79397e-08, max rel err 1.55339e-06, max ulp 15"};
  // NumPy adds the 4 elements in order: (1e30 + -1e30) + 0 + 0.25.
  r["float-reduction-order"] = {
      {{"x", tensor(DType::Float64, {4}, {1e30, -1e30, 0, 0.25})}},
      [](const Tensor& y) { return y.data<double>()[0] != 0.25; },
      "ReduceSum([1e30, -1e30, 0, 0.25]) is not 0.25, the sum in index order",
      "mismatch: onnxruntime: output 0 ('y'): float64[]: 1 of 1 elements differ; first at [] (flat 0): expected "
      "0.25, got 0; max abs err 0.25, max rel err 1, max ulp 4598175219545276416"};
  r["no-double-kernel"] = {{{"x", tensor(DType::Float64, {1}, {1})}},
                           [](const Tensor& y) { return std::abs(y.data<double>()[0] - std::tan(1.0)) > 1e-15; },
                           "Tan(1) in double is not tan(1)",
                           "Could not find an implementation for Tan(7) node with name 'Tan_0'"};
  r["quickgelu-fusion-double"] = {
      {{"x", tensor(DType::Float64, {1}, {1})}},
      [](const Tensor& y) { return std::abs(y.data<double>()[0] - 1 / (1 + std::exp(-1.0))) > 1e-15; },
      "1 * Sigmoid(1) in double is not 1 / (1 + e^-1)",
      "Failed to find kernel for com.microsoft.QuickGelu(1) (node:'/QuickGeluFusion/' ep:'CPUExecutionProvider'). "
      "This op has been implemented only for the following types (tensor(float),), but the node in the model has "
      "the following type (tensor(double))"};
  return r;
}

TEST(OrtDefects, EveryDefectHasAReproduction) {
  const auto repro = reproductions();
  for (const auto& d : check::ort_defects()) EXPECT_TRUE(repro.count(std::string(d.id))) << d.id;
  EXPECT_EQ(repro.size(), check::ort_defects().size());
}

TEST(OrtDefects, BuiltInRuntimeGivesTheSpecAnswer) {
  for (const auto& d : check::ort_defects()) {
    const Reproduction r = reproductions().at(std::string(d.id));
    runtime::NamedTensors feed;
    for (const auto& [name, t] : r.inputs) feed[name] = t;
    const runtime::Model model(load_model(d.model_file));
    const auto outs = model.run(feed);
    ASSERT_FALSE(outs.empty()) << d.id;
    EXPECT_FALSE(r.defective(outs.begin()->second)) << d.id << ": the built-in runtime too: " << r.what;
  }
}

TEST(OrtDefects, EachStillReproducesOnOnnxRuntime) {
  auto& w = ort::OrtWorker::shared();
  std::string why;
  if (!w.available(&why)) GTEST_SKIP() << why;
  for (const auto& d : check::ort_defects()) {
    const Reproduction r = reproductions().at(std::string(d.id));
    const auto run = w.run(load_model(d.model_file).SerializeAsString(), r.inputs);
    if (d.kind == check::OrtFailure::Kind::Load) {
      EXPECT_EQ(run.status, ort::OrtRun::Status::LoadFailed) << d.id << " no longer fails to load: fixed?";
      continue;
    }
    ASSERT_EQ(run.status, ort::OrtRun::Status::Ok) << d.id << ": " << run.message;
    ASSERT_FALSE(run.outputs.empty());
    EXPECT_TRUE(r.defective(run.outputs[0])) << d.id << " no longer reproduces (" << r.what
                                             << " was expected): ONNX Runtime fixed it?";
  }
}

TEST(OrtDefects, MatchersRecogniseTheirModelAndOnlyUnavoidableOnesClassify) {
  for (const auto& d : check::ort_defects()) {
    const onnx::ModelProto m = load_model(d.model_file);
    const check::OrtFailure f{d.kind, reproductions().at(std::string(d.id)).message, m.graph().output(0).name()};
    EXPECT_TRUE(d.matches(m, f)) << d.id;
    const check::OrtDefect* classified = check::unavoidable_ort_defect(m, f);
    if (d.workaround.empty())
      EXPECT_EQ(classified, &d) << d.id;
    else
      EXPECT_EQ(classified, nullptr) << d.id << " has a workaround: a failure there is the converter's";
    // Another output (none feeds from the defective node) does not match.
    EXPECT_FALSE(d.matches(m, {d.kind, "", "no_such_output"})) << d.id;
  }
}

// A float64 value that is also a graph output is typed by graph().output(),
// not value_info (shape inference records intermediates only): random
// graphs output Sqrt(x) and feed it to Sinh. no-double-kernel missed it and
// the driver reported ONNX Runtime's load failure as the converter's (tier-5
// graphs with --backend both, opset 15: Sinh(Sqrt(std(x))), y2 an output).
TEST(OrtDefects, NoDoubleKernelSeesADoubleGraphOutputFeedingTheOp) {
  onnx::ModelProto m;
  const auto status = onnx::OnnxParser::Parse(m, R"(
    <ir_version: 8, opset_import: ["" : 15]>
    sinh_of_output (double[1] x) => (double[1] s, double[1] y) {
      s = Sqrt(x)
      y = Sinh(s)
    })");
  ASSERT_TRUE(status.IsOK()) << status.ErrorMessage();
  const check::OrtFailure f{check::OrtFailure::Kind::Load,
                            "Could not find an implementation for Sinh(9) node with name 'Sinh_1'", "y"};
  const check::OrtDefect* classified = check::unavoidable_ort_defect(m, f);
  ASSERT_NE(classified, nullptr);
  EXPECT_EQ(std::string(classified->id), "no-double-kernel");
}

// The precision of an approximated function is its input's, not the
// output's: a tier-1 graph (--backend ort, seed 2519187327617031025) casts
// a float32 Exp to float64 and raises it to the 31st power, so ONNX
// Runtime's ulp in Exp is 2.4e-6 relative in a float64 output. The same
// error computed in float64 throughout is not the defect.
TEST(OrtDefects, TranscendentalAccuracyIsJudgedInTheFunctionsPrecision) {
  const std::string message =
      "mismatch: onnxruntime: output 0 ('y'): float64[1]: 1 of 1 elements differ; first at [0] (flat 0): expected "
      "8.8498025390326251e+201, got 8.8498235196647568e+201; max abs err 2.09806e+196, max rel err 2.37075e-06, "
      "max ulp 19287735808";
  const check::OrtFailure f{check::OrtFailure::Kind::Mismatch, message, "y"};
  onnx::ModelProto single, dbl;
  ASSERT_TRUE(onnx::OnnxParser::Parse(single, R"(
    <ir_version: 8, opset_import: ["" : 17]>
    exp_in_float32 (float[1] x) => (double[1] y) {
      e = Exp(x)
      d = Cast<to = 11>(e)
      n = Constant<value = double {31.0}>()
      y = Pow(d, n)
    })")
                  .IsOK());
  ASSERT_TRUE(onnx::OnnxParser::Parse(dbl, R"(
    <ir_version: 8, opset_import: ["" : 17]>
    exp_in_float64 (double[1] x) => (double[1] y) {
      e = Exp(x)
      n = Constant<value = double {31.0}>()
      y = Pow(e, n)
    })")
                  .IsOK());
  const check::OrtDefect* classified = check::unavoidable_ort_defect(single, f);
  ASSERT_NE(classified, nullptr);
  EXPECT_EQ(std::string(classified->id), "transcendental-approximation");
  EXPECT_EQ(check::unavoidable_ort_defect(dbl, f), nullptr);
}

// Summation order explains a sum that differs by a nonzero amount, never
// a +0.0 / -0.0 difference alone, which is the converter's to avoid
// (add-zero-elimination has a workaround).
TEST(OrtDefects, ReductionOrderDoesNotExplainASignedZero) {
  const onnx::ModelProto m = load_model("reducesum_order.onnxtxt");
  const check::OrtFailure zero{check::OrtFailure::Kind::Mismatch,
                               "mismatch: onnxruntime: output 0 ('y'): float64[]: 1 of 1 elements differ; first at [] "
                               "(flat 0): expected 0, got -0; max abs err 0, max rel err 0, max ulp 0",
                               "y"};
  EXPECT_EQ(check::unavoidable_ort_defect(m, zero), nullptr);
}

}  // namespace
}  // namespace ptonnx
