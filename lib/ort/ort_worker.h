// ONNX Runtime as a second backend: a client of ort/worker.js, a persistent
// Node.js process running onnxruntime-node (CPU, one thread), spoken to over
// a pipe. Each model is sent once per worker (keyed by a hash of its bytes);
// a case then costs one round trip of its inputs and outputs. A worker that
// dies or hangs is killed, the case reported as a crash, and the next call
// starts a fresh one.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/tensor.h"

namespace ptonnx::ort {

struct OrtRun {
  enum class Status {
    Ok,
    LoadFailed,   // ONNX Runtime refused the model (no kernel for a type, its optimizer threw, ...)
    RunFailed,    // the session threw while running
    Crashed,      // the worker died or timed out (it is restarted on the next call)
    Unavailable,  // no node, or onnxruntime-node not installed (ci/install-deps.sh installs it)
  };
  Status status = Status::Ok;
  std::vector<Tensor> outputs;  // in the model's output order
  std::string message;
};
std::string_view status_name(OrtRun::Status s);

// The worker is found from PTONNX_ORT_WORKER (worker.js) or the source
// tree's ort/worker.js, node from PTONNX_NODE or PATH.
class OrtWorker {
 public:
  // One worker per process (the harness is single-threaded per process;
  // fuzz --jobs forks children, each with its own worker).
  static OrtWorker& shared();
  ~OrtWorker();

  OrtRun run(const std::string& model_bytes, const std::vector<std::pair<std::string, Tensor>>& inputs);
  // Whether a worker can be started, and if not why.
  bool available(std::string* why = nullptr);

  // The worker's process id, -1 when none runs (tests kill it to check the
  // restart).
  int pid() const { return pid_; }

  // Seconds a call may take before the worker is killed.
  double timeout_seconds = 60;

 private:
  OrtWorker() = default;
  OrtRun run_once(const std::string& model_bytes, const std::vector<std::pair<std::string, Tensor>>& inputs);
  bool start(std::string* why);
  void stop();
  bool write_all(const std::string& bytes);
  bool read_exact(std::string& out, size_t n);

  int pid_ = -1, to_child_ = -1, from_child_ = -1;
  std::vector<std::string> sent_keys_;  // models this worker has
  std::string unavailable_;             // set once starting failed for good
};

}  // namespace ptonnx::ort
