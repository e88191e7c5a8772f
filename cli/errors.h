// The exit codes of every `ptonnx` command and the one place that turns an
// exception into a message and a code. A command's body runs inside
// run_guarded(): whatever it throws (ptonnx errors, filesystem_error,
// nlohmann::json exceptions, bad_alloc, any std::exception) becomes
// "ptonnx <cmd>: <message>" on stderr and a documented exit code, never an
// abort. The table is printed by `ptonnx --help` and in docs/hostile-input.md.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace ptonnx::cli {

enum ExitCode : int {
  kExitOk = 0,
  // The command's own failure: bad input (a model, graph, tensor or bundle
  // that is wrong, a file that cannot be read or written), a run-time error
  // in the model; `fuzz`: a property failed; `replay`: the failure reproduces.
  kExitFailure = 1,
  // Bad usage or a documented limitation: an invalid option value, an
  // unsupported op/dtype/opset (UnsupportedError); `replay`: not a bundle.
  kExitUsage = 2,
  // A resource limit: --max-memory, the per-tensor element limit, the Loop
  // iteration limit, or the process ran out of memory.
  kExitLimit = 3,
  // An unexpected exception: a bug in ptonnx (please report it with the input).
  kExitInternal = 70,
};

// The exit-code table as help text (the app's footer).
std::string exit_code_help();

// Runs body() and returns its exit code, or the code of the exception it
// threw after printing "ptonnx <command>: <message>". ValidationError and
// TypeError map to `validation_code` (kExitFailure by default; `fuzz` and
// `replay` use kExitUsage: their inputs are arguments and bundles).
int run_guarded(const std::string& command, const std::function<int()>& body, int validation_code = kExitFailure);

// run_guarded() for a CLI11 callback: throws CLI::RuntimeError(code) when the
// code is not 0, which is how CLI11 callbacks set the exit status.
void guarded_callback(const std::string& command, const std::function<int()>& body, int validation_code = kExitFailure);

// Parses a byte size: a positive integer with an optional binary suffix
// K, M, G or T (KiB, MiB, ... and a trailing B are accepted too), e.g. "2G",
// "512M", "1048576". ValidationError naming `option` otherwise.
int64_t parse_byte_size(const std::string& text, const std::string& option);

// Parses a uint64 written in decimal digits only: "-1" (which CLI11 would
// wrap to 2^64-1), "+3", "1e3" and out-of-range values are ValidationErrors.
uint64_t parse_uint64(const std::string& text, const std::string& option);

}  // namespace ptonnx::cli
