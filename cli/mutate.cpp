// `ptonnx mutate`: the harness's detection power per op (docs/mutate.md).
// For each selected op, plant one mutation at a time in the models its
// converter exports (suites/harness/mutants.h) and run the op's property
// with the tier suite's seed and comparison (suites/harness/mutation.h):
// killed, survived, equivalent or invalid, and the score per op.
//
// Records go to <results>/mutate-<selection>.jsonl (kind "mutant" per
// mutant, kind "mutation" per op), which ptonnx_report reads. With --jobs
// J > 1 each op runs in a child process (the converter and runtime are
// not meant to be shared across threads); the output is in op order
// whatever order the children finish in.
//
// Exit status: 0 when the scan ran (survivors are findings, not errors),
// 2 on bad arguments.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

#include "catalog/catalog.h"
#include "cli/errors.h"
#include "core/error.h"
#include "subcommands.h"
#include "suites/harness/mutation.h"
#include "suites/harness/property.h"
#include "suites/harness/records.h"

namespace ptonnx::cli {
namespace {

namespace mu = harness::mutate;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string op, group;
  int tier = 0;
  std::string seed;
  int opset = 17;
  int cases = 0;  // 0: the suites' budget (PTONNX_CASES or 100)
  int max_mutants = 64;
  int mutant = -1;
  int jobs = 1;
  double seconds = 0;
  std::string out;  // default: PTONNX_RESULTS_DIR or ./results
  bool quiet = false;
  std::string program = "ptonnx";
};

std::vector<const gen::SampleSpec*> selected_ops(const Options& o) {
  const int selectors = !o.op.empty() + (o.tier != 0) + !o.group.empty();
  if (selectors != 1) throw ValidationError("give exactly one of --op NAME, --tier N, --group G");
  std::vector<const gen::SampleSpec*> out;
  if (!o.op.empty()) {
    const gen::SampleSpec* s = gen::find_spec(o.op);
    if (!s) throw ValidationError("unknown op '" + o.op + "': no sample spec of that name (`ptonnx ops` lists them)");
    return {s};
  }
  std::optional<catalog::Group> g;
  if (o.tier != 0) {
    if (o.tier < 1 || o.tier > 5) throw ValidationError("--tier must be 1..5");
    g = catalog::group_from_name("tier" + std::to_string(o.tier));
  } else {
    g = catalog::group_from_name(o.group);
    if (!g) throw ValidationError("unknown group '" + o.group + "' (tier1..tier5, cnn, extended)");
  }
  for (const catalog::OpEntry* e : catalog::ops_in_group(*g))
    if (const gen::SampleSpec* s = gen::find_spec(std::string(e->name))) out.push_back(s);
  return out;
}

// One op's whole run, as JSON: {"op", "mutants": [...], "score": {...}, "notes": [...]}.
nlohmann::json run_op(const gen::SampleSpec& spec, const mu::Config& cfg) {
  const mu::OpPlan plan = mu::plan_mutants(spec, cfg);
  std::vector<mu::MutantResult> results;
  nlohmann::json j{{"op", spec.op}, {"mutants", nlohmann::json::array()}, {"notes", plan.notes}};
  for (const auto& pm : plan.mutants) {
    results.push_back(mu::run_mutant(spec, pm, cfg));
    j["mutants"].push_back(results.back().to_json());
  }
  const catalog::OpEntry* e = catalog::find_op(spec.op);
  j["score"] = mu::summarize(spec.op, e ? catalog::group_tier(e->group) : 0, cfg.opset, results).to_json(cfg);
  return j;
}

std::string percent(const nlohmann::json& score) {
  if (score.is_null()) return "n/a";
  std::ostringstream os;
  os << std::fixed << std::setprecision(1) << 100.0 * score.get<double>() << "%";
  return os.str();
}

// The per-op lines: the counts and score, then each survivor and invalid
// mutant with its reproduce command.
void print_op(std::ostream& os, size_t i, size_t n, const nlohmann::json& r, double secs, bool quiet) {
  const auto& s = r["score"];
  os << "[" << i + 1 << "/" << n << "] " << r["op"].get<std::string>() << ": " << s["tried"] << " mutants, "
     << s["killed"] << " killed, " << s["survived"] << " survived, " << s["equivalent"] << " equivalent, "
     << s["invalid"] << " invalid; score " << percent(s["score"]) << " (" << std::fixed << std::setprecision(1) << secs
     << " s)\n";
  for (const auto& note : r["notes"]) os << "  note: " << note.get<std::string>() << "\n";
  for (const auto& m : r["mutants"]) {
    const std::string v = m["verdict"];
    if (v != "survived" && (quiet || v == "killed")) continue;
    os << "  " << v << " #" << m["index"] << " " << m["dtype"].get<std::string>() << ": "
       << m["mutation"].get<std::string>() << "\n    " << m["detail"].get<std::string>().substr(0, 300) << "\n";
    if (v == "survived") os << "    " << m["command"].get<std::string>() << "\n";
  }
  os << std::flush;
}

// Runs the ops, `jobs` at a time in child processes, calling done(i, json)
// in op order. Stops starting ops once `seconds` (if > 0) have passed.
void run_all(const std::vector<const gen::SampleSpec*>& ops, const mu::Config& cfg, const Options& o,
             const std::function<void(size_t, const nlohmann::json&, double)>& done) {
  const auto t0 = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };
  if (o.jobs <= 1) {
    for (size_t i = 0; i < ops.size() && !(o.seconds > 0 && elapsed() >= o.seconds); ++i) {
      const double start = elapsed();
      done(i, run_op(*ops[i], cfg), elapsed() - start);
    }
    return;
  }
  const std::filesystem::path tmp = std::filesystem::path(o.out) / ".mutate-tmp";
  std::filesystem::create_directories(tmp);
  struct Running {
    pid_t pid;
    double start;
  };
  std::map<size_t, Running> running;
  std::map<size_t, std::pair<nlohmann::json, double>> finished;
  size_t next = 0, reported = 0;
  auto file_of = [&](size_t i) { return (tmp / (std::to_string(i) + ".json")).string(); };
  while (reported < ops.size()) {
    while (running.size() < static_cast<size_t>(o.jobs) && next < ops.size() &&
           !(o.seconds > 0 && elapsed() >= o.seconds)) {
      std::cout << std::flush;
      const pid_t pid = ::fork();
      if (pid < 0) throw std::runtime_error("fork failed");
      if (pid == 0) {
        int code = 0;
        try {
          std::ofstream(file_of(next)) << run_op(*ops[next], cfg).dump();
        } catch (const std::exception& e) {
          std::fprintf(stderr, "ptonnx mutate: %s: %s\n", ops[next]->op.c_str(), e.what());
          code = 1;
        }
        _exit(code);
      }
      running[next++] = {pid, elapsed()};
    }
    if (running.empty()) break;  // out of time: nothing more will finish
    bool any = false;
    for (auto it = running.begin(); it != running.end();) {
      int status = 0;
      if (::waitpid(it->second.pid, &status, WNOHANG) == it->second.pid) {
        nlohmann::json j;
        std::ifstream in(file_of(it->first));
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && in)
          j = nlohmann::json::parse(in);
        else
          j = {{"op", ops[it->first]->op},
               {"error", "the child process failed (status " + std::to_string(status) + ")"}};
        finished[it->first] = {j, elapsed() - it->second.start};
        it = running.erase(it);
        any = true;
      } else {
        ++it;
      }
    }
    for (auto f = finished.find(reported); f != finished.end(); f = finished.find(reported)) {
      done(reported, f->second.first, f->second.second);
      finished.erase(f);
      ++reported;
    }
    if (!any) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::filesystem::remove_all(tmp);
}

int run_single(const gen::SampleSpec& spec, const mu::Config& cfg, int index) {
  const mu::OpPlan plan = mu::plan_mutants(spec, cfg);
  if (index >= static_cast<int>(plan.mutants.size()))
    throw ValidationError("--mutant " + std::to_string(index) + ": " + spec.op + " has " +
                          std::to_string(plan.mutants.size()) +
                          " mutants at this seed, opset, --cases and --max-mutants");
  const mu::MutantResult r = mu::run_mutant(spec, plan.mutants[static_cast<size_t>(index)], cfg, /*shrink=*/true);
  std::cout << spec.op << " mutant #" << index << " (" << r.dtype << ", opset " << r.opset << ", property seed "
            << r.seed << "): " << r.mutation << "\n"
            << mu::verdict_name(r.verdict) << ": " << r.detail << "\n"
            << "applied to " << r.applied << " of " << r.cases << " cases\n";
  if (r.verdict == mu::Verdict::Killed) std::cout << "the property's report:\n" << r.report;
  return kExitOk;
}

int run_mutate(Options o) {
  const auto ops = selected_ops(o);
  if (o.opset < 13 || o.opset > 18) throw ValidationError("--opset must be 13..18");
  if (o.cases == 0) o.cases = harness::default_op_cases();
  if (o.cases < 1) throw ValidationError("--cases must be at least 1");
  if (o.max_mutants < 1) throw ValidationError("--max-mutants must be at least 1");
  if (o.jobs < 1) throw ValidationError("--jobs must be at least 1");
  if (o.seconds < 0) throw ValidationError("--seconds must be >= 0");
  mu::Config cfg;
  cfg.base_seed = o.seed.empty() ? harness::base_seed() : parse_uint64(o.seed, "--seed");
  cfg.opset = o.opset;
  cfg.cases = o.cases;
  cfg.max_mutants = o.max_mutants;
  cfg.program = o.program;
  if (o.mutant >= 0) {
    if (ops.size() != 1) throw ValidationError("--mutant needs --op");
    return run_single(*ops[0], cfg, o.mutant);
  }
  if (o.out.empty()) o.out = harness::results_dir();
  std::filesystem::create_directories(o.out);
  const std::string stem = "mutate-" + (!o.op.empty() ? o.op : o.tier ? "tier" + std::to_string(o.tier) : o.group);
  const std::string file = o.out + "/" + stem + ".jsonl";
  std::ofstream records(file, std::ios::trunc);
  if (!records) throw ValidationError("cannot write " + file);
  std::cout << "mutate: " << ops.size() << " ops, opset " << cfg.opset << ", " << cfg.cases
            << " cases per mutant, at most " << cfg.max_mutants << " mutants per op, base seed " << cfg.base_seed
            << ", " << o.jobs << " jobs\n"
            << std::flush;
  int killed = 0, survived = 0, equivalent = 0, invalid = 0;
  size_t ran = 0;
  const auto t0 = Clock::now();
  run_all(ops, cfg, o, [&](size_t i, const nlohmann::json& r, double secs) {
    ++ran;
    if (r.contains("error")) {
      std::cout << "[" << i + 1 << "/" << ops.size() << "] " << r["op"].get<std::string>() << ": "
                << r["error"].get<std::string>() << "\n";
      return;
    }
    for (const auto& m : r["mutants"]) records << m.dump() << "\n";
    records << r["score"].dump() << "\n" << std::flush;
    const auto& s = r["score"];
    killed += s["killed"].get<int>();
    survived += s["survived"].get<int>();
    equivalent += s["equivalent"].get<int>();
    invalid += s["invalid"].get<int>();
    print_op(std::cout, i, ops.size(), r, secs, o.quiet);
  });
  const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  std::cout << "mutate: " << ran << " of " << ops.size() << " ops" << (ran < ops.size() ? " (time budget reached)" : "")
            << ", " << killed + survived + equivalent + invalid << " mutants: " << killed << " killed, " << survived
            << " survived, " << equivalent << " equivalent, " << invalid << " invalid; score "
            << (killed + survived ? percent(double(killed) / (killed + survived)) : "n/a") << " in " << std::fixed
            << std::setprecision(1) << secs << " s\nresults: " << file << "\n";
  return kExitOk;
}

std::string program_name(const CLI::App& cmd) {
  const std::string argv0 = cmd.get_parent() ? cmd.get_parent()->get_name() : "";
  const std::string base = std::filesystem::path(argv0).filename().string();
  return base.empty() ? "ptonnx" : base;
}

}  // namespace

void register_mutate(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* cmd =
      app.add_subcommand("mutate", "Mutation testing: the share of planted converter bugs each op's property kills");
  cmd->add_option("--op", o->op, "one op (its sample spec's name)");
  cmd->add_option("--tier", o->tier, "every op of tier N with a sample spec");
  cmd->add_option("--group", o->group, "every op of a catalog group (tier1..tier5, cnn, extended)");
  cmd->add_option("--seed", o->seed,
                  "the base seed (default PTONNX_SEED or the suites'): property seeds as the suites derive them");
  cmd->add_option("--opset", o->opset, "the opset the models are exported at (default 17)");
  auto* cases_opt = cmd->add_option(
      "--cases", o->cases, "cases per mutant's property run (default: the suites' budget, PTONNX_CASES or 100)");
  cmd->add_option("--max-mutants", o->max_mutants, "mutants per op at most, spread over its dtypes (default 64)");
  cmd->add_option("--mutant", o->mutant, "run mutant K of --op alone, shrinking its killing case");
  cmd->add_option("--jobs,-j", o->jobs, "ops run at once, each in its own process when J > 1");
  cmd->add_option("--seconds", o->seconds, "time budget: start no op after S seconds");
  cmd->add_option("--out", o->out, "results folder (default PTONNX_RESULTS_DIR or ./results)");
  cmd->add_flag("--quiet,-q", o->quiet, "list only surviving mutants under each op");
  cmd->callback([o, cmd, cases_opt] {
    guarded_callback(
        "mutate",
        [&] {
          if (cases_opt->count() > 0 && o->cases < 1)
            throw ValidationError("--cases must be at least 1, got " + std::to_string(o->cases));
          o->program = program_name(*cmd);
          return run_mutate(*o);
        },
        kExitUsage);
  });
}

}  // namespace ptonnx::cli
