#include "suites/harness/records.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace ptonnx::harness {

nlohmann::json ResultRecord::to_json() const {
  nlohmann::json j = {{"kind", kind},     {"suite", suite},   {"tier", tier},         {"opset", opset},
                      {"cases", cases},   {"status", status}, {"seed", seed},         {"failure", failure},
                      {"reason", reason}, {"category", category}};
  if (!op.empty()) j["op"] = op;
  if (!dtype.empty()) j["dtype"] = dtype;
  if (!bundle.empty()) j["bundle"] = bundle;
  if (!op_counts.empty()) j["op_counts"] = op_counts;
  j["time"] = utc_timestamp();
  return j;
}

std::string utc_timestamp() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return buf;
}

ResultRecord ResultRecord::from_json(const nlohmann::json& j) {
  ResultRecord r;
  r.kind = j.value("kind", "op");
  r.suite = j.value("suite", "");
  r.op = j.value("op", "");
  r.tier = j.value("tier", 0);
  r.dtype = j.value("dtype", "");
  r.opset = j.value("opset", 0);
  r.cases = j.value("cases", 0);
  r.status = j.value("status", "");
  r.reason = j.value("reason", "");
  r.category = j.value("category", "");
  r.seed = j.value("seed", uint64_t{0});
  r.failure = j.value("failure", "");
  r.bundle = j.value("bundle", "");
  r.op_counts = j.value("op_counts", std::map<std::string, int>{});
  return r;
}

std::string results_dir() {
  const char* env = std::getenv("PTONNX_RESULTS_DIR");
  return env && *env ? env : "results";
}

void append_record(const std::string& file_stem, const nlohmann::json& record) {
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  std::filesystem::create_directories(results_dir());
  std::ofstream out(results_dir() + "/" + file_stem + ".jsonl", std::ios::app);
  out << record.dump() << "\n";
}

void start_record_file(const std::string& file_stem, const nlohmann::json& run_record) {
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  std::filesystem::create_directories(results_dir());
  std::ofstream out(results_dir() + "/" + file_stem + ".jsonl", std::ios::trunc);
  out << run_record.dump() << "\n";
}

}  // namespace ptonnx::harness
