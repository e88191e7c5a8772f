// `ptonnx run MODEL --input NAME=FILE.pb ... [--output-dir DIR]
// [--max-memory SIZE]`: runs a model on the built-in runtime and prints the
// outputs or writes them as TensorProto files (DIR/<output name>.pb).
// --max-memory is the run's whole byte budget (RuntimeOptions::
// max_total_bytes: inputs, initializers, every value and kernel scratch at
// its peak); over it the run stops with exit code 3 before allocating.
#include <filesystem>
#include <iostream>

#include "cli/errors.h"
#include "core/tensor_proto.h"
#include "runtime/kernel.h"
#include "runtime/model.h"
#include "subcommands.h"

namespace ptonnx::cli {

namespace {

struct RunArgs {
  std::string model;
  std::vector<std::string> inputs;
  std::string output_dir;
  int64_t max_print = 64;
  std::string max_memory;  // empty: the runtime's default budget
};

void run(const RunArgs& args) {
  runtime::RuntimeOptions options;
  if (!args.max_memory.empty()) options.max_total_bytes = parse_byte_size(args.max_memory, "--max-memory");
  if (args.max_print < 0) throw ValidationError("--max-print must be >= 0");
  const runtime::Model model = runtime::Model::from_file(args.model, options);
  runtime::NamedTensors inputs;
  int64_t input_bytes = 0;
  for (const auto& spec : args.inputs) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0) throw ValidationError("--input expects NAME=FILE.pb, got '" + spec + "'");
    const std::string path = spec.substr(eq + 1);
    try {
      Tensor t = read_tensor_proto_file(path, options.max_elements_per_tensor);
      input_bytes += static_cast<int64_t>(t.nbytes());
      if (input_bytes > options.max_total_bytes)
        throw LimitError("the inputs hold " + std::to_string(input_bytes) + " bytes, over the budget of " +
                         std::to_string(options.max_total_bytes) + " bytes");
      inputs[spec.substr(0, eq)] = std::move(t);
    } catch (...) {
      runtime::rethrow_with_prefix("--input " + spec);
    }
  }
  const auto outputs = model.run(inputs);
  if (!args.output_dir.empty()) std::filesystem::create_directories(args.output_dir);
  for (const auto& [name, t] : outputs) {
    if (!args.output_dir.empty()) {
      const auto path = (std::filesystem::path(args.output_dir) / (name + ".pb")).string();
      write_tensor_proto_file(t, path, name);
      std::cout << name << " -> " << path << "\n";
    } else {
      std::cout << name << ": " << t.describe() << " " << t.values_to_string(args.max_print) << "\n";
    }
  }
}

}  // namespace

void register_run(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  auto* cmd = app.add_subcommand("run", "Run an ONNX model on the built-in runtime");
  cmd->add_option("model", args->model, "model.onnx")->required()->check(CLI::ExistingFile);
  cmd->add_option("--input,-i", args->inputs, "NAME=FILE.pb (a serialized TensorProto), repeatable");
  cmd->add_option("--output-dir,-o", args->output_dir, "write each output as DIR/<name>.pb instead of printing");
  cmd->add_option("--max-print", args->max_print, "values printed per output");
  // Checked while parsing, so that a bad size is a usage error (exit 2).
  const CLI::Validator byte_size(
      [](std::string& s) {
        try {
          parse_byte_size(s, "--max-memory");
          return std::string();
        } catch (const std::exception& e) {
          return std::string(e.what());
        }
      },
      "SIZE");
  cmd->add_option("--max-memory", args->max_memory,
                  "the run's byte budget (peak of inputs, values and scratch), e.g. 2G, 512M (default 4G)")
      ->check(byte_size);
  cmd->callback([args] {
    guarded_callback("run", [&] {
      run(*args);
      return 0;
    });
  });
}

}  // namespace ptonnx::cli
