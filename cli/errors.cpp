#include "cli/errors.h"

#include <CLI/CLI.hpp>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <iostream>
#include <limits>
#include <new>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace ptonnx::cli {

std::string exit_code_help() {
  return "Exit codes: 0 ok; 1 the command failed (bad input file, model, graph, tensor or bundle, a run-time\n"
         "error; fuzz: a property failed; replay: the failure reproduces); 2 bad usage or a documented\n"
         "limitation (invalid option, unsupported op/dtype/opset; replay: not a bundle); 3 a resource limit\n"
         "(--max-memory, tensor element limit, Loop iterations, out of memory); 70 internal error (a bug).\n"
         "See docs/hostile-input.md.";
}

int run_guarded(const std::string& command, const std::function<int()>& body, int validation_code) {
  const std::string prefix = "ptonnx " + command + ": ";
  // Order matters: the ptonnx error classes derive from Error, which
  // derives from std::runtime_error.
  try {
    return body();
  } catch (const CLI::Error&) {
    throw;  // CLI11's own exits (CLI::RuntimeError from a nested command)
  } catch (const UnsupportedError& e) {
    std::cerr << prefix << "unsupported: " << e.what() << "\n";
    return kExitUsage;
  } catch (const LimitError& e) {
    std::cerr << prefix << "resource limit: " << e.what() << "\n";
    return kExitLimit;
  } catch (const ValidationError& e) {
    std::cerr << prefix << e.what() << "\n";
    return validation_code;
  } catch (const TypeError& e) {
    std::cerr << prefix << e.what() << "\n";
    return validation_code;
  } catch (const Error& e) {
    std::cerr << prefix << e.what() << "\n";
    return kExitFailure;
  } catch (const std::filesystem::filesystem_error& e) {
    // what() names the operation and the path(s).
    std::cerr << prefix << "file error: " << e.what() << "\n";
    return kExitFailure;
  } catch (const nlohmann::json::exception& e) {
    std::cerr << prefix << "malformed JSON: " << e.what() << "\n";
    return validation_code;
  } catch (const std::bad_alloc&) {
    std::cerr << prefix << "resource limit: out of memory (lower the input or set --max-memory where offered)\n";
    return kExitLimit;
  } catch (const std::exception& e) {
    std::cerr << prefix << "internal error (please report with the input): " << e.what() << "\n";
    return kExitInternal;
  } catch (...) {
    std::cerr << prefix << "internal error (please report with the input): unknown exception\n";
    return kExitInternal;
  }
}

void guarded_callback(const std::string& command, const std::function<int()>& body, int validation_code) {
  const int code = run_guarded(command, body, validation_code);
  if (code != 0) throw CLI::RuntimeError(code);
}

int64_t parse_byte_size(const std::string& text, const std::string& option) {
  auto bad = [&]() -> ValidationError {
    return ValidationError(option + " expects a positive byte count with an optional K/M/G/T suffix (e.g. 2G), got '" +
                           text + "'");
  };
  uint64_t n = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, n);
  if (ec != std::errc() || p == text.data() || n == 0) throw bad();
  std::string suffix(p, end);
  for (auto& c : suffix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (suffix.size() > 1 && suffix.back() == 'B') suffix.pop_back();  // "2GB", "2GiB"
  if (suffix.size() == 2 && suffix.back() == 'I') suffix.pop_back();
  int shift = 0;
  if (suffix == "K")
    shift = 10;
  else if (suffix == "M")
    shift = 20;
  else if (suffix == "G")
    shift = 30;
  else if (suffix == "T")
    shift = 40;
  else if (!suffix.empty() && suffix != "B")
    throw bad();
  if (n > (static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) >> shift))
    throw ValidationError(option + " '" + text + "' is too large");
  return static_cast<int64_t>(n << shift);
}

uint64_t parse_uint64(const std::string& text, const std::string& option) {
  uint64_t n = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || text[0] < '0' || text[0] > '9' || ec != std::errc() || p != end)
    throw ValidationError(option + " expects an integer in 0.." + std::to_string(std::numeric_limits<uint64_t>::max()) +
                          ", got '" + text + "'");
  return n;
}

}  // namespace ptonnx::cli
