#include "cli/fuzz_plan.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

#include "catalog/catalog.h"
#include "core/error.h"
#include "generators/sample_spec.h"

namespace ptonnx::cli::fuzz {
namespace {

constexpr int kOpsetMin = 13, kOpsetMax = 18;

int catalog_tier(const std::string& op) {
  const catalog::OpEntry* e = catalog::find_op(op);
  return e ? catalog::group_tier(e->group) : 0;
}

bool same_ignoring_case(const std::string& a, const std::string& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

// "unknown op 'add' (did you mean 'Add'?); ops with sample specs: ..." by
// catalog group, then the specs the catalog does not list.
std::string unknown_op_message(const std::string& op) {
  std::ostringstream os;
  os << "unknown op '" << op << "': no sample spec of that name";
  for (const auto* spec : gen::all_specs())
    if (same_ignoring_case(spec->op, op)) os << " (did you mean '" << spec->op << "'?)";
  os << ". Ops with sample specs:";
  std::vector<std::string> listed;
  for (catalog::Group g : catalog::kAllGroups) {
    std::string line;
    for (const catalog::OpEntry* e : catalog::ops_in_group(g))
      if (gen::find_spec(std::string(e->name))) {
        line += (line.empty() ? "" : ", ") + std::string(e->name);
        listed.emplace_back(e->name);
      }
    if (!line.empty()) os << "\n  " << catalog::group_name(g) << ": " << line;
  }
  std::string other;
  for (const auto* spec : gen::all_specs())
    if (std::find(listed.begin(), listed.end(), spec->op) == listed.end())
      other += (other.empty() ? "" : ", ") + spec->op;
  if (!other.empty()) os << "\n  not in the catalog: " << other;
  return os.str();
}

std::string dtype_list(const std::vector<DType>& dtypes) {
  std::string s;
  for (DType t : dtypes) s += (s.empty() ? "" : ", ") + std::string(dtype_name(t));
  return s;
}

void check_flags(const Options& o) {
  const int selectors = !o.op.empty() + (o.tier != 0 && !o.graphs) + o.graphs;
  if (!o.op.empty() && o.tier != 0)
    throw ValidationError("--op and --tier conflict: --op fuzzes one op, --tier every op of a tier");
  if (!o.op.empty() && o.graphs)
    throw ValidationError("--op and --graphs conflict: --graphs fuzzes random graphs of a tier's ops (--tier N)");
  if (selectors == 0) throw ValidationError("nothing to fuzz: give --op NAME, --tier N or --graphs [--tier N]");
  if (o.graphs && !o.dtype.empty())
    throw ValidationError("--dtype and --graphs conflict: random graphs draw their input dtypes themselves");
  if (o.tier != 0 && (o.tier < 1 || o.tier > 5)) throw ValidationError("--tier must be 1..5");
  if (o.opset != 0 && (o.opset < kOpsetMin || o.opset > kOpsetMax))
    throw ValidationError("--opset " + std::to_string(o.opset) + " is outside the supported opsets 13..18");
  if (o.cases < 0) throw ValidationError("--cases must be positive");
  if (o.seconds < 0) throw ValidationError("--seconds must be positive");
  if (o.jobs < 1) throw ValidationError("--jobs must be at least 1");
  if (o.timeout != 0 && !o.isolate)
    throw ValidationError("--timeout needs --isolate: only a property in a child process can be stopped");
  if (o.timeout < 0) throw ValidationError("--timeout must be positive");
  if (!o.dtype.empty() && !dtype_from_name(o.dtype))
    throw ValidationError("unknown dtype '" + o.dtype +
                          "'; dtypes: " + dtype_list({std::begin(kAllDTypes), std::end(kAllDTypes)}));
}

std::vector<int> opsets(const Options& o) {
  if (o.opset) return {o.opset};
  std::vector<int> v;
  for (int k = kOpsetMin; k <= kOpsetMax; ++k) v.push_back(k);
  return v;
}

// The spec's dtypes, or --dtype if the spec has it (else empty).
std::vector<std::string> op_dtypes(const gen::SampleSpec& spec, const std::string& only) {
  std::vector<std::string> v;
  for (DType t : spec.dtypes)
    if (only.empty() || dtype_name(t) == only) v.emplace_back(dtype_name(t));
  return v;
}

void add_op_tasks(const gen::SampleSpec& spec, const Options& o, std::vector<Task>& out) {
  for (const auto& dt : op_dtypes(spec, o.dtype))
    for (int opset : opsets(o)) {
      Task t;
      t.op = spec.op;
      t.dtype = dt;
      t.opset = opset;
      t.tier = catalog_tier(spec.op);
      t.cases = o.cases ? o.cases : harness::default_op_cases();
      t.adversarial = o.adversarial;
      t.backend = o.backend;
      out.push_back(t);
    }
}

std::vector<Task> op_tasks(const Options& o) {
  std::vector<Task> tasks;
  if (!o.op.empty()) {
    const gen::SampleSpec* spec = gen::find_spec(o.op);
    if (!spec) throw ValidationError(unknown_op_message(o.op));
    add_op_tasks(*spec, o, tasks);
    if (tasks.empty())
      throw ValidationError(o.op + " has no dtype " + o.dtype +
                            " in its sample spec; its dtypes: " + dtype_list(spec->dtypes));
    return tasks;
  }
  const auto group = static_cast<catalog::Group>(static_cast<int>(catalog::Group::Tier1) + o.tier - 1);
  for (const catalog::OpEntry* e : catalog::ops_in_group(group))
    if (const gen::SampleSpec* spec = gen::find_spec(std::string(e->name))) add_op_tasks(*spec, o, tasks);
  if (tasks.empty())
    throw ValidationError("tier " + std::to_string(o.tier) + " has no ops with sample specs" +
                          (o.dtype.empty() ? std::string() : " for dtype " + o.dtype));
  return tasks;
}

std::vector<Task> graph_tasks(const Options& o) {
  std::vector<Task> tasks;
  for (int opset : opsets(o)) {
    Task t;
    t.opset = opset;
    t.tier = o.tier ? o.tier : 1;
    t.cases = o.cases ? o.cases : harness::default_graph_cases();
    t.adversarial = o.adversarial;
    t.backend = o.backend;
    tasks.push_back(t);
  }
  return tasks;
}

uint64_t splitmix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// The seed a task gets from a base seed, as the tier suites derive it.
uint64_t derived_seed(const Task& t, uint64_t base) {
  if (t.op.empty()) return harness::property_seed(base, "graphs", "tier" + std::to_string(t.tier), t.opset);
  return harness::property_seed(base, t.op, t.dtype, t.opset);
}

}  // namespace

std::string Task::what() const {
  return (op.empty() ? "random tier-" + std::to_string(tier) + " graphs" : op + " " + dtype) + " opset " +
         std::to_string(opset);
}

std::string Task::command(const std::string& program) const {
  const std::string cmd = harness::fuzz_command(op, dtype, opset, seed, cases, program, adversarial,
                                                    check::parse_backend(backend));
  return op.empty() ? cmd + " --tier " + std::to_string(tier) : cmd;
}

std::string Task::bundle_name() const {
  return (op.empty() ? std::string("graphs") : op + "-" + dtype) + "-opset" + std::to_string(opset) + "-" +
         std::to_string(seed);
}

uint64_t round_seed(uint64_t seed, int round) {
  return round == 0 ? seed : splitmix(seed ^ splitmix(static_cast<uint64_t>(round)));
}

Plan make_plan(const Options& o) {
  check_flags(o);
  Plan plan;
  plan.first_round = o.graphs ? graph_tasks(o) : op_tasks(o);
  plan.single = o.opset != 0 && (o.graphs || (!o.op.empty() && !o.dtype.empty()));
  const uint64_t base = o.seed ? *o.seed : harness::base_seed();
  plan.seed = plan.single && !o.seed ? derived_seed(plan.first_round.front(), base) : base;
  for (Task& t : plan.first_round) t.seed = plan.single ? plan.seed : derived_seed(t, base);
  return plan;
}

std::vector<Task> round_tasks(const Plan& plan, int round) {
  std::vector<Task> tasks = plan.first_round;
  const uint64_t seed = round_seed(plan.seed, round);
  for (Task& t : tasks) {
    t.round = round;
    t.seed = plan.single ? seed : derived_seed(t, seed);
  }
  return tasks;
}

harness::PropertyResult run_task(const Task& task, const std::string& bundle_root, const std::string& program,
                                 std::function<void()> on_case) {
  harness::PropertyConfig cfg;
  cfg.suite = "fuzz";
  cfg.tier = task.tier;
  cfg.cases = task.cases;
  cfg.seed = task.seed;
  cfg.bundle_root = bundle_root;
  cfg.program = program;
  cfg.adversarial = task.adversarial;
  cfg.backend = check::parse_backend(task.backend);
  cfg.on_case = std::move(on_case);
  if (task.op.empty()) return harness::run_graph_property(harness::suite_graph_options(task.tier), task.opset, cfg);
  const gen::SampleSpec* spec = gen::find_spec(task.op);
  if (!spec) throw ValidationError(unknown_op_message(task.op));
  return harness::run_op_property(*spec, parse_dtype(task.dtype), task.opset, cfg);
}

}  // namespace ptonnx::cli::fuzz
