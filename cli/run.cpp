// `ptonnx run MODEL --input NAME=VALUE ... [--output-dir DIR [--npy]]
// [--max-memory SIZE]`: runs a model on the built-in runtime and prints the
// outputs or writes them as TensorProto files (DIR/<output name>.pb) or
// NumPy files (--npy: DIR/<output name>.npy). VALUE is a .npy or .pb file
// or inline values (cli/input_values.h).
// --max-memory is the run's whole byte budget (RuntimeOptions::
// max_total_bytes: inputs, initializers, every value and kernel scratch at
// its peak); over it the run stops with exit code 3 before allocating.
#include <filesystem>
#include <iostream>

#include "cli/errors.h"
#include "cli/input_values.h"
#include "core/npy.h"
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
  bool npy = false;
};

void run(const RunArgs& args) {
  runtime::RuntimeOptions options;
  if (!args.max_memory.empty()) options.max_total_bytes = parse_byte_size(args.max_memory, "--max-memory");
  if (args.max_print < 0) throw ValidationError("--max-print must be >= 0");
  const runtime::Model model = runtime::Model::from_file(args.model, options);
  runtime::NamedTensors inputs;
  int64_t input_bytes = 0;
  for (const auto& spec : args.inputs) {
    auto [name, t] = parse_input_option(spec, options.max_elements_per_tensor);
    input_bytes += static_cast<int64_t>(t.nbytes());
    if (input_bytes > options.max_total_bytes)
      throw LimitError("--input " + name + ": the inputs hold " + std::to_string(input_bytes) +
                       " bytes, over the budget of " + std::to_string(options.max_total_bytes) + " bytes");
    inputs[name] = std::move(t);
  }
  const auto outputs = model.run(inputs);
  if (!args.output_dir.empty()) std::filesystem::create_directories(args.output_dir);
  for (const auto& [name, t] : outputs) {
    if (!args.output_dir.empty()) {
      const auto path = (std::filesystem::path(args.output_dir) / (name + (args.npy ? ".npy" : ".pb"))).string();
      if (args.npy)
        write_npy_file(t, path);
      else
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
  cmd->add_option("--input,-i", args->inputs,
                  "NAME=FILE.npy, NAME=FILE.pb (a serialized TensorProto) or NAME=[1,2,3]:float32 (inline values; "
                  "scalars as 2.5:float64), repeatable");
  cmd->add_option("--output-dir,-o", args->output_dir, "write each output as DIR/<name>.pb instead of printing");
  cmd->add_flag("--npy", args->npy, "with --output-dir: write DIR/<name>.npy (np.load) instead of .pb");
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
