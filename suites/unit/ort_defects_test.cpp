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
};

// The reproductions, by defect id. A new table entry without one fails
// EveryDefectHasAReproduction.
std::map<std::string, Reproduction> reproductions() {
  std::map<std::string, Reproduction> r;
  // [0, 1] reduced over axis -1 with keepdims=0 has shape [0]; ONNX
  // Runtime returns [0, 1].
  r["argmax-negative-axis-empty"] = {{{"x", Tensor(DType::Float32, {0, 1})}},
                                     [](const Tensor& y) { return y.shape() != Shape{0}; },
                                     "output shape is not [0]"};
  // 3^39 = 4052555153018976267 fits int64; through double it rounds to
  // 4052555153018976256.
  r["pow-int64-through-double"] = {
      {{"x", tensor(DType::Int64, {1}, {3})}, {"e", tensor(DType::Int64, {1}, {39})}},
      [](const Tensor& y) { return y.data<int64_t>()[0] != 4052555153018976267LL; },
      "3^39 is not 4052555153018976267"};
  // -0.0 + 0.0 = +0.0 in IEEE 754.
  r["add-zero-elimination"] = {{{"x", tensor(DType::Float32, {}, {-0.0})}},
                               [](const Tensor& y) { return std::signbit(y.data<float>()[0]); },
                               "-0.0 + 0.0 is not +0.0"};
  r["reducemax-int64-low-word"] = {{{"x", tensor(DType::Int64, {4}, {256, 4294967295.0, 0, 0})}},
                                   [](const Tensor& y) { return y.data<int64_t>()[0] != 4294967295LL; },
                                   "the max of [256, 4294967295, 0, 0] is not 4294967295"};
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
    const check::OrtFailure f{d.kind, "", m.graph().output(0).name()};
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

}  // namespace
}  // namespace ptonnx
