// `ptonnx conform [--data DIR] [--filter REGEX] [--out FILE.jsonl]`: runs
// the ONNX backend conformance data through the built-in runtime, prints a
// summary (and with --verbose every non-passing case), and writes one JSON
// line per case.
#include <iostream>

#include "cli/errors.h"
#include "conformance_runner.h"
#include "subcommands.h"

namespace ptonnx::cli {

namespace {

struct ConformArgs {
  std::string data;
  std::string filter;
  std::string out;
  std::vector<std::string> suites;
  bool verbose = false;
};

void conform(const ConformArgs& args) {
  conformance::RunOptions opts;
  opts.data_dir = args.data.empty() ? conformance::default_data_dir() : args.data;
  if (!args.suites.empty()) opts.suites = args.suites;
  if (!args.filter.empty()) opts.filter = std::regex(args.filter);
  const auto results = conformance::run_all(opts);
  if (args.verbose)
    for (const auto& r : results)
      if (r.status != conformance::Status::Pass) {
        std::cout << r.key() << " " << conformance::status_name(r.status) << ": " << r.message;
        for (const auto& m : r.missing_ops) std::cout << " " << m;
        std::cout << "\n";
      }
  if (!args.out.empty()) conformance::write_jsonl(results, args.out);
  conformance::print_summary(results, std::cout);
}

}  // namespace

void register_conform(CLI::App& app) {
  auto args = std::make_shared<ConformArgs>();
  auto* cmd = app.add_subcommand("conform", "Run the ONNX conformance data on the built-in runtime");
  cmd->add_option("--data", args->data, "data directory holding node/, simple/, ... (default $PTONNX_ONNX_TESTDATA)");
  cmd->add_option("--filter", args->filter, "regex on 'suite/case'");
  cmd->add_option("--suite", args->suites, "suites to run (default node, pytorch-converted, pytorch-operator, simple)");
  cmd->add_option("--out", args->out, "write JSON lines here");
  cmd->add_flag("--verbose,-v", args->verbose, "list every case that does not pass");
  cmd->callback([args] {
    guarded_callback("conform", [&] {
      try {
        conform(*args);
      } catch (const std::regex_error& e) {
        std::cerr << "ptonnx conform: bad --filter: " << e.what() << "\n";
        return static_cast<int>(kExitUsage);
      }
      return 0;
    });
  });
}

}  // namespace ptonnx::cli
