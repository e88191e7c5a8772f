// ptonnx: the command-line front end.
//
// Adding a subcommand: write cli/<name>.cpp defining
// `void register_<name>(CLI::App& app)` (add the subcommand, its options and
// a callback), declare it in subcommands.h, add the file to ptonnx_cli in
// cli/CMakeLists.txt, and add one line to kRegistrations below. Callbacks
// run their body through guarded_callback() (cli/errors.h), which turns any
// exception into "ptonnx <cmd>: <message>" and a documented exit code; a
// malformed command line exits 2 (usage), as CLI11's own codes (100+) are
// not part of the documented table.
#include <iostream>

#include "cli/errors.h"
#include "core/error.h"
#include "ptonnx_version.h"
#include "subcommands.h"

namespace {

using Registration = void (*)(CLI::App&);
const Registration kRegistrations[] = {
    ptonnx::cli::register_run,  ptonnx::cli::register_conform, ptonnx::cli::register_export,
    ptonnx::cli::register_fuzz, ptonnx::cli::register_mutate, ptonnx::cli::register_replay, ptonnx::cli::register_ops,
    ptonnx::cli::register_check,
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ptonnx: PyTensor-to-ONNX converter toolkit"};
  app.set_version_flag("--version", std::string("ptonnx ") + PTONNX_VERSION + " (commit " + PTONNX_GIT_COMMIT + ")");
  app.require_subcommand(1);
  app.footer(ptonnx::cli::exit_code_help());
  for (auto reg : kRegistrations) reg(app);
  // The backstop: callbacks catch their own exceptions; anything else that
  // escapes (option parsing included) still gets a message and a code.
  return ptonnx::cli::run_guarded("", [&] {
    try {
      app.parse(argc, argv);
    } catch (const CLI::RuntimeError& e) {
      return e.get_exit_code();  // a callback's exit status, already reported
    } catch (const CLI::ParseError& e) {
      const int code = app.exit(e);  // prints the usage error (or --help)
      return code == 0 ? 0 : static_cast<int>(ptonnx::cli::kExitUsage);
    }
    return 0;
  });
}
