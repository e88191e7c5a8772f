// The ONNX Runtime worker client (lib/ort): a model runs and its outputs come
// back exactly; a model ONNX Runtime refuses is LoadFailed with its message;
// the same model twice is sent once (the session is cached); a worker that
// dies is reported as Crashed and replaced on the next call. Skipped when
// the ort/ worker is not installed (ci/install-deps.sh installs it).
#include <gtest/gtest.h>
#include <onnx/defs/parser.h>

#include <signal.h>

#include "ort/ort_worker.h"

namespace ptonnx {
namespace {

std::string model_bytes(const char* text) {
  onnx::ModelProto m;
  EXPECT_TRUE(onnx::OnnxParser::Parse(m, text).IsOK()) << text;
  return m.SerializeAsString();
}

Tensor vec(DType t, std::vector<double> values) {
  Tensor x(t, {static_cast<int64_t>(values.size())});
  for (size_t i = 0; i < values.size(); ++i) x.set_from_double(static_cast<int64_t>(i), values[i]);
  return x;
}

TEST(OrtWorker, RunsRefusesAndRecoversFromACrash) {
  auto& w = ort::OrtWorker::shared();
  std::string why;
  if (!w.available(&why)) GTEST_SKIP() << why;
  const std::string neg =
      model_bytes(R"(<ir_version: 8, opset_import: ["" : 17]> g (double[N] x) => (double[N] y) { y = Neg(x) })");
  for (int i = 0; i < 2; ++i) {  // the second run reuses the cached session
    const auto r = w.run(neg, {{"x", vec(DType::Float64, {1.5, -0.0, 2e300})}});
    ASSERT_EQ(r.status, ort::OrtRun::Status::Ok) << r.message;
    ASSERT_EQ(r.outputs.size(), 1u);
    EXPECT_TRUE(r.outputs.at(0).bit_equal(vec(DType::Float64, {-1.5, 0.0, -2e300})));
  }
  // ONNX Runtime 1.30 has no CPU Where kernel for int8 values.
  const std::string where_int8 = model_bytes(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (bool[N] c, int8[N] a, int8[N] b) => (int8[N] y) { y = Where(c, a, b) })");
  const auto refused = w.run(where_int8, {{"c", vec(DType::Bool, {1})}, {"a", vec(DType::Int8, {1})},
                                          {"b", vec(DType::Int8, {2})}});
  EXPECT_EQ(refused.status, ort::OrtRun::Status::LoadFailed) << refused.message;
  EXPECT_NE(refused.message.find("Where"), std::string::npos) << refused.message;

  // Kill the worker behind the client's back: the next call reports the
  // crash (EPIPE on the write, or EOF on the read), the one after runs on a
  // fresh worker.
  ASSERT_GT(w.pid(), 0);
  ASSERT_EQ(kill(w.pid(), SIGKILL), 0);
  const auto after_kill = w.run(neg, {{"x", vec(DType::Float64, {1})}});
  EXPECT_EQ(after_kill.status, ort::OrtRun::Status::Crashed) << after_kill.message;
  const auto again = w.run(neg, {{"x", vec(DType::Float64, {3})}});
  ASSERT_EQ(again.status, ort::OrtRun::Status::Ok) << again.message;
  EXPECT_EQ(again.outputs.at(0).get_as_double(0), -3.0);
}

}  // namespace
}  // namespace ptonnx
