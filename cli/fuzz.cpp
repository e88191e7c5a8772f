// `ptonnx fuzz`: differential properties for one op (--op), every op of a
// tier (--tier) or random graphs (--graphs), with the tier suites' seeds,
// budgets, strict expectations, shrinking and repro bundles (the shared
// harness, suites/harness/property.h). docs/fuzzing.md is the guide; the
// seed rule is in fuzz_plan.h, --jobs and --isolate in fuzz_pool.h.
//
// Exit status (cli/errors.h): 0 when every property passed, 1 when any
// failed (each with a bundle under --out), 2 on bad arguments.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/errors.h"
#include "cli/fuzz_plan.h"
#include "cli/fuzz_pool.h"
#include "cli/fuzz_progress.h"
#include "core/error.h"
#include "subcommands.h"

namespace ptonnx::cli {
namespace {

using fuzz::Task;

// Hands out the plan's properties, round after round under --seconds,
// until the time is up.
class TaskSource {
 public:
  TaskSource(const fuzz::Plan& plan, double seconds, const fuzz::Progress& clock)
      : plan_(plan), seconds_(seconds), clock_(clock), tasks_(plan.first_round) {}

  std::optional<Task> next() {
    if (seconds_ > 0 && clock_.elapsed() >= seconds_) return std::nullopt;
    if (pos_ == tasks_.size()) {
      if (seconds_ <= 0) return std::nullopt;
      tasks_ = fuzz::round_tasks(plan_, ++round_);
      pos_ = 0;
    }
    return tasks_[pos_++];
  }

 private:
  const fuzz::Plan& plan_;
  double seconds_;
  const fuzz::Progress& clock_;
  std::vector<Task> tasks_;
  size_t pos_ = 0;
  int round_ = 0;
};

// Reports results in the order the properties were handed out, whatever
// order the workers finish in, so the output and the records are the same
// for any --jobs.
class Reporter {
 public:
  Reporter(const std::string& results_file, const std::string& program, fuzz::Progress& progress)
      : out_(results_file, std::ios::trunc), program_(program), progress_(progress) {}

  void done(size_t index, const Task& task, harness::PropertyResult r) {
    pending_.emplace(index, std::make_pair(task, std::move(r)));
    for (auto it = pending_.find(next_); it != pending_.end(); it = pending_.find(next_)) {
      emit(it->second.first, it->second.second);
      pending_.erase(it);
      ++next_;
    }
  }
  const std::vector<std::string>& failures() const { return failures_; }

 private:
  void emit(const Task& task, const harness::PropertyResult& r) {
    nlohmann::json j = r.record.to_json();
    j["command"] = task.command(program_);
    j["round"] = task.round;
    out_ << j.dump() << "\n" << std::flush;
    if (!r.ok) failures_.push_back(r.record.bundle.empty() ? task.what() + " (no bundle)" : r.record.bundle);
    progress_.property_done(!r.ok, r.report);
  }

  std::ofstream out_;
  std::string program_;
  fuzz::Progress& progress_;
  std::map<size_t, std::pair<Task, harness::PropertyResult>> pending_;
  size_t next_ = 0;
  std::vector<std::string> failures_;
};

std::string summary(const fuzz::Plan& plan, const fuzz::Progress& p, const Reporter& rep, const std::string& out) {
  std::ostringstream os;
  os << "fuzz: " << p.properties() << " properties, " << p.cases() << " cases, " << p.failures() << " failing, "
     << std::fixed << std::setprecision(1) << p.elapsed() << " s (" << (plan.single ? "property seed " : "base seed ")
     << plan.seed << ")\n";
  for (const auto& f : rep.failures()) os << "  failure: " << f << "\n";
  os << "results: " << out << "/results.jsonl\n";
  return os.str();
}

int run_fuzz(const fuzz::Options& o) {
  const fuzz::Plan plan = fuzz::make_plan(o);
  std::filesystem::create_directories(o.out);
  fuzz::PoolSettings settings;
  settings.jobs = o.jobs;
  settings.fork_children = o.jobs > 1 || o.isolate;
  settings.timeout = o.isolate ? (o.timeout > 0 ? o.timeout : 60.0) : 0.0;
  settings.bundle_root = o.out + "/bundles";
  settings.program = o.program;
  const auto mode = o.quiet                          ? fuzz::Progress::Mode::Quiet
                    : ::isatty(STDOUT_FILENO) != 0 ? fuzz::Progress::Mode::Live
                                                   : fuzz::Progress::Mode::Plain;
  fuzz::Progress progress(std::cout, mode, o.seconds > 0 ? 0 : static_cast<int64_t>(plan.first_round.size()));
  TaskSource source(plan, o.seconds, progress);
  Reporter reporter(o.out + "/results.jsonl", o.program, progress);
  fuzz::PoolCallbacks cb;
  cb.next = [&] { return source.next(); };
  cb.done = [&](size_t i, const Task& t, harness::PropertyResult r) { reporter.done(i, t, std::move(r)); };
  cb.progress = [&](int64_t n) { progress.add_cases(n); };
  cb.tick = [&] { progress.tick(); };
  fuzz::run_pool(settings, cb);
  progress.finish(summary(plan, progress, reporter, o.out));
  return progress.failures() == 0 ? 0 : 1;
}

// The name regenerate commands use: the basename of argv[0] ("ptonnx", or
// a test build's own name), which CLI11 stores as the app's name.
std::string program_name(const CLI::App& cmd) {
  const std::string argv0 = cmd.get_parent() ? cmd.get_parent()->get_name() : "";
  const std::string base = std::filesystem::path(argv0).filename().string();
  return base.empty() ? "ptonnx" : base;
}

}  // namespace

void register_fuzz(CLI::App& app) {
  auto o = std::make_shared<fuzz::Options>();
  auto seed = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("fuzz", "Fuzz converters: differential properties with shrinking and repro bundles");
  cmd->add_option("--op", o->op, "the op to fuzz (its sample spec's name, e.g. Add)");
  cmd->add_option("--tier", o->tier, "every op of tier N with a sample spec (with --graphs: the graphs' vocabulary)");
  cmd->add_flag("--graphs", o->graphs, "random graphs of the ops of tiers 1..N (--tier N, default 1)");
  auto* cases_opt = cmd->add_option("--cases", o->cases,
                                    "cases per property (default " + std::to_string(harness::kDefaultOpCases) + "; " +
                                        std::to_string(harness::kDefaultOpCases * harness::kGraphCasesFactor) +
                                        " for --graphs; PTONNX_CASES scales both)");
  cmd->add_option("--seconds", o->seconds, "keep running properties with fresh seeds until S seconds are up");
  auto* seed_opt = cmd->add_option("--seed", *seed,
                                   "the property seed if --op, --dtype and --opset (or --graphs and --opset) "
                                   "are all given; else the base seed (default PTONNX_SEED or the suites')");
  cmd->add_option("--opset", o->opset, "one opset 13..18 (default: all)");
  cmd->add_option("--dtype", o->dtype, "one dtype of the spec (default: all of them)");
  cmd->add_option("--jobs,-j", o->jobs, "properties run at once, each in its own process when J > 1");
  cmd->add_option("--out", o->out, "bundles (OUT/bundles) and results (OUT/results.jsonl); default ./fuzz-out");
  cmd->add_flag("--adversarial", o->adversarial,
                "run on the spec-adversarial runtime (a different answer wherever the ONNX spec leaves one open)");
  cmd->add_option("--backend", o->backend,
                  "where the exported models run: builtin (default), ort (ONNX Runtime, the ort/ worker) or both")
      ->check(CLI::IsMember({"builtin", "ort", "both"}));
  cmd->add_flag("--quiet,-q", o->quiet,
                "print only failures and the final summary (no status line, no line per passing property)");
  cmd->add_flag("--isolate", o->isolate, "run each property in a child process: a crash or hang becomes a failure");
  cmd->add_option("--timeout", o->timeout, "with --isolate: seconds a property may run (default 60)");
  cmd->callback([o, seed, seed_opt, cases_opt, cmd] {
    guarded_callback(
        "fuzz",
        [&] {
          // CLI11 would read "--seed -1" as 2^64-1 and "--cases 0" as the
          // default budget; both are refused instead.
          if (seed_opt->count() > 0) o->seed = parse_uint64(*seed, "--seed");
          if (cases_opt->count() > 0 && o->cases < 1)
            throw ValidationError("--cases must be at least 1, got " + std::to_string(o->cases));
          if (o->seconds < 0) throw ValidationError("--seconds must be >= 0");
          if (o->timeout < 0) throw ValidationError("--timeout must be >= 0");
          o->program = program_name(*cmd);
          return run_fuzz(*o);
        },
        kExitUsage);
  });
}

}  // namespace ptonnx::cli
