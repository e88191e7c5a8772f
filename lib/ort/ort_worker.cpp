#include "ort/ort_worker.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>

namespace ptonnx::ort {
namespace {

using Json = nlohmann::json;

std::string worker_path() {
  if (const char* p = std::getenv("PTONNX_ORT_WORKER"); p && *p) return p;
  return PTONNX_ORT_WORKER_DEFAULT;
}

std::string node_binary() {
  if (const char* p = std::getenv("PTONNX_NODE"); p && *p) return p;
  return "node";
}

// ONNX Runtime's tensor type names are ptonnx's dtype names.
std::string key_of(const std::string& bytes) {
  // Two independent hashes and the size: a collision would need all three.
  const size_t h1 = std::hash<std::string>{}(bytes);
  uint64_t h2 = 1469598103934665603ull;
  for (unsigned char c : bytes) h2 = (h2 ^ c) * 1099511628211ull;
  return std::to_string(h1) + "-" + std::to_string(h2) + "-" + std::to_string(bytes.size());
}

constexpr size_t kMaxSessions = 64;

std::string u32le(uint32_t v) {
  std::string s(4, '\0');
  for (int i = 0; i < 4; ++i) s[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  return s;
}

}  // namespace

std::string_view status_name(OrtRun::Status s) {
  switch (s) {
    case OrtRun::Status::Ok: return "ok";
    case OrtRun::Status::LoadFailed: return "load_failed";
    case OrtRun::Status::RunFailed: return "run_failed";
    case OrtRun::Status::Crashed: return "crashed";
    case OrtRun::Status::Unavailable: return "unavailable";
  }
  return "?";
}

OrtWorker& OrtWorker::shared() {
  static OrtWorker w;
  return w;
}

OrtWorker::~OrtWorker() { stop(); }

bool OrtWorker::available(std::string* why) {
  if (pid_ > 0) return true;
  std::string reason;
  const bool ok = start(&reason);
  if (!ok && why) *why = reason;
  return ok;
}

bool OrtWorker::start(std::string* why) {
  if (!unavailable_.empty()) {
    *why = unavailable_;
    return false;
  }
  const std::string worker = worker_path();
  const auto modules = std::filesystem::path(worker).parent_path() / "node_modules" / "onnxruntime-node";
  if (!std::filesystem::exists(worker) || !std::filesystem::exists(modules)) {
    unavailable_ = "ONNX Runtime backend not installed: " + worker + " or " + modules.string() +
                   " missing (bash ci/install-deps.sh installs onnxruntime-node into ort/)";
    *why = unavailable_;
    return false;
  }
  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) != 0) return *why = "pipe failed", false;
  if (pipe2(out, O_CLOEXEC) != 0) {
    close(in[0]);
    close(in[1]);
    return *why = "pipe failed", false;
  }
  const pid_t pid = fork();
  if (pid < 0) {
    for (int fd : {in[0], in[1], out[0], out[1]}) close(fd);
    return *why = "fork failed", false;
  }
  if (pid == 0) {
    dup2(in[0], STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    const std::string node = node_binary();
    execlp(node.c_str(), node.c_str(), worker.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  pid_ = pid;
  to_child_ = in[1];
  from_child_ = out[0];
  sent_keys_.clear();
  // A dead worker's pipe must give EPIPE, not kill the harness.
  signal(SIGPIPE, SIG_IGN);
  return true;
}

void OrtWorker::stop() {
  if (to_child_ >= 0) close(to_child_);
  if (from_child_ >= 0) close(from_child_);
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  pid_ = to_child_ = from_child_ = -1;
  sent_keys_.clear();
}

bool OrtWorker::write_all(const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(to_child_, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

bool OrtWorker::read_exact(std::string& out, size_t n) {
  out.resize(n);
  size_t done = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
  while (done < n) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{from_child_, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1 << 30)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    const ssize_t got = ::read(from_child_, out.data() + done, n - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    done += static_cast<size_t>(got);
  }
  return true;
}

OrtRun OrtWorker::run(const std::string& model_bytes, const std::vector<std::pair<std::string, Tensor>>& inputs) {
  OrtRun r = run_once(model_bytes, inputs);
  // The worker no longer holds the model (its session cache evicted it):
  // forget it here too and send it again, once.
  if (r.status == OrtRun::Status::RunFailed && r.message.rfind("onnxruntime protocol:", 0) == 0) {
    sent_keys_.clear();
    r = run_once(model_bytes, inputs);
  }
  return r;
}

OrtRun OrtWorker::run_once(const std::string& model_bytes,
                           const std::vector<std::pair<std::string, Tensor>>& inputs) {
  OrtRun r;
  std::string why;
  if (pid_ <= 0 && !start(&why)) {
    r.status = OrtRun::Status::Unavailable;
    r.message = why;
    return r;
  }
  const std::string key = key_of(model_bytes);
  const bool send_model = std::find(sent_keys_.begin(), sent_keys_.end(), key) == sent_keys_.end();
  Json header = {{"model_key", key}, {"model_size", send_model ? model_bytes.size() : 0}, {"inputs", Json::array()}};
  for (const auto& [name, t] : inputs) {
    Json dims = Json::array();
    for (int64_t d : t.shape()) dims.push_back(d);
    header["inputs"].push_back({{"name", name}, {"type", dtype_name(t.dtype())}, {"dims", dims}, {"size", t.nbytes()}});
  }
  const std::string h = header.dump();
  std::string frame = u32le(static_cast<uint32_t>(h.size())) + h;
  if (send_model) frame += model_bytes;
  for (const auto& [name, t] : inputs) frame.append(reinterpret_cast<const char*>(t.raw()), t.nbytes());

  auto crashed = [&](const std::string& what) {
    int status = 0;
    std::string how = what;
    if (pid_ > 0 && waitpid(pid_, &status, WNOHANG) == pid_) {
      how += WIFSIGNALED(status) ? " (the worker was killed by signal " + std::to_string(WTERMSIG(status)) + ")"
                                 : " (the worker exited with status " + std::to_string(WEXITSTATUS(status)) + ")";
      pid_ = -1;
    }
    stop();
    r.status = OrtRun::Status::Crashed;
    r.message = "onnxruntime worker: " + how + "; it is restarted for the next case";
    return r;
  };
  if (!write_all(frame)) return crashed("writing the request failed");
  std::string len, body;
  if (!read_exact(len, 4)) return crashed("no reply within " + std::to_string(timeout_seconds) + " s or it died");
  uint32_t hlen = 0;
  for (int i = 3; i >= 0; --i) hlen = (hlen << 8) | static_cast<unsigned char>(len[i]);
  if (hlen > (1u << 26) || !read_exact(body, hlen)) return crashed("a truncated reply");
  const Json reply = Json::parse(body, nullptr, false);
  if (reply.is_discarded() || !reply.is_object()) return crashed("an unreadable reply");
  if (send_model) {
    sent_keys_.push_back(key);
    // The worker keeps the newest kMaxSessions models (worker.js MAX_SESSIONS).
    if (sent_keys_.size() > kMaxSessions) sent_keys_.erase(sent_keys_.begin());
  }
  if (!reply.value("ok", false)) {
    const std::string stage = reply.value("stage", "run");
    r.status = stage == "load" ? OrtRun::Status::LoadFailed : OrtRun::Status::RunFailed;
    r.message = "onnxruntime " + stage + ": " + reply.value("error", std::string("?"));
    if (stage == "load" && send_model) sent_keys_.pop_back();  // the worker did not keep it
    return r;
  }
  for (const auto& o : reply.at("outputs")) {
    const std::string type = o.value("type", "");
    const auto dtype = parse_dtype(type);
    Shape shape;
    for (const auto& d : o.at("dims")) shape.push_back(d.get<int64_t>());
    Tensor t(dtype, shape);
    const size_t size = o.at("size").get<size_t>();
    std::string data;
    if (size != t.nbytes()) return crashed("output '" + o.value("name", "") + "' has " + std::to_string(size) +
                                           " bytes for " + t.describe());
    if (!read_exact(data, size)) return crashed("a truncated output");
    std::memcpy(t.raw(), data.data(), size);
    r.outputs.push_back(std::move(t));
  }
  return r;
}

}  // namespace ptonnx::ort
