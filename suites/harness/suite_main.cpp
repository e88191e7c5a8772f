// The tier suite runner: for every op of a tier that has a sample spec,
// every dtype of the spec and every opset, one property over generated
// instances; then properties over random graphs of the tier. Records every
// outcome for the reports and prints a seed and a repro bundle per failure.
//
//   tier_suite --tier 1 [--shard 0/2] [--ops-only|--graphs-only] [--opsets 13-18]
//   tier_suite --tier 1 --adversarial   (op properties on the spec-adversarial runtime)
//   tier_suite --group extended         (a group beyond the tiers: its op properties only;
//                                        its ops join the random graphs of tier 5)
//
// Budget: PTONNX_CASES (cases per property, default 100 for ops and 1000 for
// graphs) and PTONNX_SEED (the base seed; default fixed, so CI repeats).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>

#include "catalog/catalog.h"
#include "convert/registry.h"
#include "graph/op_schema.h"
#include "oracles/oracle.h"
#include "ort/ort_worker.h"
#include "ptonnx_version.h"
#include "runtime/registry.h"
#include "suites/harness/property.h"

using namespace ptonnx;

namespace {

// Which components exist for an op: the tracker counts an op as done only
// when all of them do and its properties pass.
void write_inventory(const catalog::OpEntry& e, const std::string& file) {
  const std::string name(e.name);
  const auto oracle_ops = oracle::supported_ops();
  const bool meta = name == "FunctionGraph" || name == "Constant";  // handled by the graph itself
  bool runtime_ops = true;
  // At opset 17, or 18 for the ops new there (BitwiseAnd, ...).
  const auto& kernels = runtime::KernelRegistry::instance();
  for (auto op : e.onnx_ops)
    runtime_ops &= kernels.find("", std::string(op), 17) != nullptr || kernels.find("", std::string(op), 18) != nullptr;
  nlohmann::json j = {{"kind", "inventory"},
                      {"op", name},
                      {"tier", catalog::group_tier(e.group)},
                      {"ir", meta || find_op_schema(name) != nullptr},
                      // converter_op_names() also lists the rows the export itself handles
                      // (FunctionGraph, Constant), which have no per-node converter.
                      {"converter", std::ranges::count(converter_op_names(), name) > 0},
                      {"oracle", meta || std::find(oracle_ops.begin(), oracle_ops.end(), name) != oracle_ops.end()},
                      {"spec", gen::find_spec(name) != nullptr},
                      {"runtime_ops", runtime_ops}};
  // The spec's dtypes: the report shows the others as n/a, not "not run".
  if (const auto* spec = gen::find_spec(name)) {
    std::vector<std::string> dtypes;
    for (DType t : spec->dtypes) dtypes.emplace_back(dtype_name(t));
    j["dtypes"] = dtypes;
  }
  harness::append_record(file, j);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ptonnx tier suite: differential properties for one tier"};
  int tier = 1, shard = 0, shards = 1, opset_lo = 13, opset_hi = 18;
  bool ops_only = false, graphs_only = false;
  std::string shard_text = "0/1", only_op;
  std::string group_text;
  auto* tier_opt = app.add_option("--tier", tier, "tier 1..5")->check(CLI::Range(1, 5));
  auto* group_opt = app.add_option("--group", group_text, "a group beyond the tiers: extended or cnn");
  tier_opt->excludes(group_opt);
  app.add_option("--shard", shard_text, "i/n: run the i-th of n slices of the (op, dtype, opset) properties");
  app.add_option("--op", only_op, "run one op only");
  app.add_option("--opset-min", opset_lo);
  app.add_option("--opset-max", opset_hi);
  app.add_flag("--ops-only", ops_only);
  app.add_flag("--graphs-only", graphs_only);
  bool adversarial = false;
  app.add_flag("--adversarial", adversarial,
               "op properties only, on the spec-adversarial runtime; records go to suite tier<N>-adversarial");
  std::string backend_text = "builtin";
  app.add_option("--backend", backend_text,
                 "builtin (default), ort (ONNX Runtime) or both: op properties only; records go to suite "
                 "tier<N>-<backend>")
      ->check(CLI::IsMember({"builtin", "ort", "both"}));
  CLI11_PARSE(app, argc, argv);
  const auto backend = check::parse_backend(backend_text);
  if (backend != check::DriverOptions::Backend::Builtin) {
    std::string why;
    if (!ort::OrtWorker::shared().available(&why)) {
      std::cerr << "tier_suite: --backend " << backend_text << ": " << why << "\n";
      return 77;  // CTest's SKIP_RETURN_CODE for the ort label
    }
  }
  if (std::sscanf(shard_text.c_str(), "%d/%d", &shard, &shards) != 2 || shards < 1 || shard < 0 || shard >= shards) {
    std::cerr << "--shard must be i/n with 0 <= i < n\n";
    return 2;
  }
  if (tier_opt->count() + group_opt->count() != 1) {
    std::cerr << "give --tier N (1..5) or --group NAME (extended, cnn)\n";
    return 2;
  }
  // A group beyond the tiers records tier 0 under its own suite name (the
  // report files its records by that name); its ops are drawn into the
  // random graphs of tier 5 (generators/random_graph.cpp), so it runs no
  // graph property of its own.
  const auto group_choice = group_opt->count() ? catalog::group_from_name(group_text)
                                               : std::optional(static_cast<catalog::Group>(
                                                     static_cast<int>(catalog::Group::Tier1) + tier - 1));
  if (!group_choice || (group_opt->count() && catalog::group_tier(*group_choice) != 0)) {
    std::cerr << "--group must be extended or cnn (the tiers go by --tier N), not \"" << group_text << "\"\n";
    return 2;
  }
  const catalog::Group group = *group_choice;
  if (group_opt->count()) {
    tier = 0;
    ops_only = true;
  }
  const auto t0 = std::chrono::steady_clock::now();
  const bool builtin = backend == check::DriverOptions::Backend::Builtin;
  // --graphs-only with a mode that runs op properties only would run
  // nothing and report 0 properties as a pass: refuse it, saying where the
  // random graphs of those modes are.
  if (graphs_only && (adversarial || !builtin || group_opt->count())) {
    std::cerr << "tier_suite: --graphs-only runs the random graphs of a tier, on the built-in runtime; "
              << (group_opt->count() ? "a --group's ops are in the tier-5 graphs"
                                     : "--adversarial and --backend ort|both run op properties only")
              << ". For random graphs there: ptonnx fuzz --graphs --tier N [--adversarial] [--backend ort|both]\n";
    return 2;
  }
  if (adversarial || !builtin) ops_only = true;  // the random graphs hold the same ops: not worth their time twice
  const std::string suite = (tier ? "tier" + std::to_string(tier) : group_text) + (adversarial ? "-adversarial" : "") +
                            (builtin ? "" : "-" + backend_text);
  // A run with --op owns a file of its own, so it replaces that op's
  // records (the report keeps the newest record of each property) without
  // erasing the rest of the tier's.
  const std::string file = suite + "-" +
                           (!only_op.empty() ? "op-" + only_op : graphs_only ? std::string("graphs") : "ops") + "-" +
                           std::to_string(shard);
  const uint64_t base = harness::base_seed();
  std::string command;
  for (int i = 0; i < argc; ++i) command += (i ? " " : "") + std::string(i ? argv[i] : "tier_suite");
  harness::start_record_file(file, {{"kind", "run"},
                                    {"suite", suite},
                                    {"version", PTONNX_VERSION},
                                    {"commit", PTONNX_GIT_COMMIT},
                                    {"started", harness::utc_timestamp()},
                                    {"command", command},
                                    {"base_seed", std::to_string(base)},
                                    {"op_cases", harness::default_op_cases()},
                                    {"graph_cases", harness::default_graph_cases()}});
  int failures = 0, properties = 0;
  int64_t cases = 0;
  auto report = [&](const harness::PropertyResult& r) {
    harness::append_record(file, r.record.to_json());
    ++properties;
    cases += r.cases_run;
    if (!r.ok) {
      ++failures;
      std::cout << r.report << std::flush;
    } else if (std::getenv("PTONNX_VERBOSE")) {
      std::cout << r.report << std::flush;
    }
  };
  if (!graphs_only) {
    int index = 0;
    for (const catalog::OpEntry* e : catalog::ops_in_group(group)) {
      const std::string name(e->name);
      if (!only_op.empty() && name != only_op) continue;
      if (shard == 0 && !adversarial && builtin) write_inventory(*e, file);
      const gen::SampleSpec* spec = gen::find_spec(name);
      if (!spec) continue;  // shows as a gap in the tracker (inventory: spec false)
      for (DType t : spec->dtypes)
        for (int opset = opset_lo; opset <= opset_hi; ++opset) {
          if (index++ % shards != shard) continue;
          harness::PropertyConfig cfg;
          cfg.suite = suite;
          cfg.tier = tier;
          cfg.cases = harness::default_op_cases();
          cfg.adversarial = adversarial;
          cfg.backend = backend;
          cfg.seed = harness::property_seed(base, name, std::string(dtype_name(t)), opset);
          report(harness::run_op_property(*spec, t, opset, cfg));
        }
    }
  }
  if (!ops_only && only_op.empty()) {
    int index = 0;
    for (int opset = opset_lo; opset <= opset_hi; ++opset) {
      if (index++ % shards != shard) continue;
      const gen::GraphOptions o = harness::suite_graph_options(tier);
      harness::PropertyConfig cfg;
      cfg.suite = suite;
      cfg.tier = tier;
      cfg.cases = harness::default_graph_cases();
      cfg.seed = harness::property_seed(base, "graphs", suite, opset);
      report(harness::run_graph_property(o, opset, cfg));
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << suite << " shard " << shard << "/" << shards << ": " << properties << " properties, " << cases
            << " cases, " << failures << " failing, " << secs << " s (base seed " << base << ")\n";
  return failures == 0 ? 0 : 1;
}
