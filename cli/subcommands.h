// One function per subcommand, each defined in its own file (cli/<name>.cpp).
// It adds its CLI11 subcommand to the app and sets the callback that runs it;
// the callback returns through CLI::RuntimeError(exit_code) on failure.
#pragma once

#include <CLI/CLI.hpp>

namespace ptonnx::cli {

void register_run(CLI::App& app);
void register_conform(CLI::App& app);
void register_export(CLI::App& app);
void register_fuzz(CLI::App& app);
void register_mutate(CLI::App& app);
void register_replay(CLI::App& app);
void register_ops(CLI::App& app);
void register_check(CLI::App& app);

}  // namespace ptonnx::cli
