// Replays every pinned fuzz finding (fuzz/regressions/<target>/) through
// the very code of its fuzz target, compiled here under another name
// (CMake renames LLVMFuzzerTestOneInput per target), so the normal and the
// sanitizer builds both check that each finding stays fixed: no crash, no
// exception other than a ptonnx error, and well under the campaign's 10 s.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

extern "C" int ptonnx_fuzz_model(const uint8_t*, size_t);
extern "C" int ptonnx_fuzz_tensor_proto(const uint8_t*, size_t);
extern "C" int ptonnx_fuzz_graph_json(const uint8_t*, size_t);

namespace {

namespace fs = std::filesystem;
using Target = int (*)(const uint8_t*, size_t);

int replay_dir(const std::string& name, Target target) {
  int n = 0;
  const fs::path dir = fs::path(PTONNX_FUZZ_REGRESSIONS) / name;
  if (!fs::exists(dir)) return 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_NO_THROW(target(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size())) << entry.path();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5)) << entry.path();
    ++n;
  }
  return n;
}

TEST(FuzzRegressions, ModelFuzzer) { EXPECT_GT(replay_dir("model_fuzzer", ptonnx_fuzz_model), 0); }
TEST(FuzzRegressions, TensorProtoFuzzer) { replay_dir("tensor_proto_fuzzer", ptonnx_fuzz_tensor_proto); }
TEST(FuzzRegressions, GraphJsonFuzzer) { replay_dir("graph_json_fuzzer", ptonnx_fuzz_graph_json); }

}  // namespace
