#include "suites/harness/property.h"

#include <rapidcheck.h>

#include <cstdlib>
#include <regex>
#include <set>
#include <sstream>

#include "check/driver.h"
#include "suites/harness/bundle.h"

namespace ptonnx::harness {
namespace {

uint64_t splitmix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

uint64_t fnv1a(const std::string& s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char ch : s) h = (h ^ ch) * 0x100000001b3ull;
  return h;
}

struct Expectation {
  const gen::KnownUnsupported* unsupported = nullptr;  // declared unsupported
  // Random graphs: a documented refusal of one of their ops is tracked by
  // that op's own properties, so here such a case is skipped, not failed.
  bool unsupported_is_discard = false;
  bool signed_zero = false;  // compare the sign of zero results (SampleSpec::signed_zero)
};

struct Observed {
  bool failed = false;
  gen::Case c;
  check::CaseResult r;
  int64_t cases = 0;
  int64_t unsupported = 0;
  int64_t backend_defects = 0;  // cases an unavoidable ONNX Runtime defect explains
  std::string defect;           // the first such case's message
};

struct QuietListener : rc::detail::TestListener {
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
};

// Node and variable numbers ("node #1234", "<unnamed #77>") come from a
// process-wide counter, so a property run after others, or in another
// process, would print other numbers for the same case. Counted from the
// property's first number they are the same wherever it runs: in a tier
// suite, in `ptonnx fuzz` with any --jobs, or alone from its seed.
std::string renumber(const std::string& text, uint64_t first_uid) {
  static const std::regex uid_ref("(node |<unnamed )#([0-9]+)");
  std::string out;
  auto pos = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), uid_ref), end; it != end; ++it) {
    const auto& m = *it;
    const uint64_t uid = std::stoull(m[2].str());
    out.append(pos, m[0].first);
    out += m[1].str() + "#" + std::to_string(uid >= first_uid ? uid - first_uid + 1 : uid);
    pos = m[0].second;
  }
  out.append(pos, text.cend());
  return out;
}

std::string case_text(const gen::Case& c) {
  std::ostringstream os;
  showValue(c, os);
  return os.str();
}

// Each op counted once per graph it appears in.
void count_ops(const FunctionGraph& g, std::map<std::string, int>& counts) {
  std::set<std::string> ops;
  for (const auto& n : g.nodes()) ops.insert(n->op);
  for (const auto& op : ops) ++counts[op];
}

PropertyResult run_property(const rc::Gen<gen::Case>& generator, const Expectation& expect, int opset,
                            const PropertyConfig& cfg, ResultRecord record, const std::string& command) {
  Observed seen;
  const uint64_t first_uid = next_uid();
  auto property = [&] {
    gen::Case c = *generator;
    check::DriverOptions opts;
    opts.opset = opset;
    opts.signed_zero = expect.signed_zero;
    opts.adversarial = cfg.adversarial;
    opts.backend = cfg.backend;
    opts.model_transform = cfg.model_transform;
    check::CaseResult r = check::run_case(*c.graph, c.inputs, opts);
    ++seen.cases;
    if (cfg.on_case) cfg.on_case();
    if (r.outcome == check::Outcome::OutOfDomain) RC_DISCARD(r.message);
    if (expect.unsupported_is_discard && r.outcome == check::Outcome::Unsupported) RC_DISCARD(r.message);
    if (expect.unsupported && r.outcome == check::Outcome::Unsupported) {
      ++seen.unsupported;
      return;
    }
    // ONNX Runtime's own documented defect, not the converter's: counted
    // and reported apart (status backend_defect), not shrunk as a failure.
    if (r.outcome == check::Outcome::BackendDefect) {
      if (seen.backend_defects++ == 0) seen.defect = r.message;
      return;
    }
    if (!expect.unsupported && r.outcome == check::Outcome::Pass) {
      if (record.kind == "graph") count_ops(*c.graph, record.op_counts);
      return;
    }
    // Shrinking re-runs failing candidates: the last one kept is minimal.
    seen.failed = true;
    seen.c = c;
    seen.r = r;
    RC_FAIL(std::string(check::outcome_name(r.outcome)));
  };
  rc::detail::TestParams params;
  params.seed = cfg.seed;
  params.maxSuccess = cfg.cases;
  params.maxSize = cfg.max_size;
  params.maxDiscardRatio = 20;
  params.disableShrinking = !cfg.shrink;
  rc::detail::TestMetadata meta;
  meta.id = record.op.empty() ? "graphs" : record.op;
  // No reproduce map and a silent listener: rapidcheck's defaults would
  // print "Using configuration" and, at exit, an RC_PARAMS hint that does
  // not apply here (a property is reproduced from its seed and its bundle).
  QuietListener quiet;
  const rc::detail::TestResult result =
      rc::detail::checkProperty(rc::detail::toProperty(property), meta, params, quiet, {});

  PropertyResult out;
  record.seed = cfg.seed;
  record.opset = opset;
  record.cases = static_cast<int>(seen.cases);
  std::ostringstream report;
  const std::string what = (record.op.empty() ? "random graphs" : record.op + " " + record.dtype) + " opset " +
                           std::to_string(opset);
  rc::detail::FailureResult failure;
  rc::detail::GaveUpResult gave_up;
  if (result.match(failure) && !seen.failed) {
    // The generator or the harness threw: not a verdict on the converter.
    record.status = "error";
    record.failure = "the harness failed (generator or driver threw): " + failure.description;
    report << "ERROR " << what << " (seed " << cfg.seed << "): " << record.failure << "\n";
  } else if (seen.failed) {
    out.outcome = seen.r.outcome;
    const bool unexpected_pass = expect.unsupported && seen.r.outcome == check::Outcome::Pass;
    record.status = unexpected_pass ? "unexpected_pass" : "fail";
    seen.r.message = renumber(seen.r.message, first_uid);
    std::string diagnosis = seen.r.message;
    if (unexpected_pass)
      diagnosis = "declared unsupported (" + expect.unsupported->reason +
                  ") but this case passed: correct the sample spec so the matrix does not lie";
    else if (seen.r.outcome == check::Outcome::Unsupported)
      diagnosis = "the converter refused a combination the spec does not declare unsupported: " + seen.r.message;
    record.failure = std::string(check::outcome_name(seen.r.outcome)) + ": " + diagnosis + "\nshrunk case:\n" +
                     renumber(case_text(seen.c), first_uid);
    if (cfg.write_bundle && seen.c.graph) {
      const std::string root = cfg.bundle_root.empty() ? results_dir() + "/bundles/" + cfg.suite : cfg.bundle_root;
      std::string name = (record.op.empty() ? "graphs" : record.op + "-" + record.dtype) + "-opset" +
                         std::to_string(opset) + "-" + std::to_string(cfg.seed);
      record.bundle =
          write_bundle(root + "/" + name, seen.c, seen.r, {cfg.seed, opset, command, what, expect.signed_zero, cfg.adversarial, cfg.backend});
    }
    report << "FAIL " << what << " after " << seen.cases << " cases (seed " << cfg.seed << ")\n"
           << record.failure << "\n";
    if (!record.bundle.empty())
      report << "bundle: " << record.bundle << "\nreplay: " << cfg.program << " replay " << record.bundle << "\n";
    report << "regenerate: " << command << "\n";
  } else if (result.match(gave_up)) {
    record.status = "error";
    record.failure = "gave up: too many cases outside the op's domain (" + gave_up.description +
                     "): the sample spec's value domain needs tightening";
    report << "ERROR " << what << ": " << record.failure << "\n";
  } else if (expect.unsupported) {
    record.status = "unsupported";
    record.reason = expect.unsupported->reason;
    record.category = std::string(gen::category_name(expect.unsupported->category));
    out.ok = true;
    report << "unsupported " << what << " (" << record.category << ": " << record.reason << ")\n";
  } else if (seen.backend_defects > 0) {
    record.status = "backend_defect";
    record.reason = seen.defect.substr(0, seen.defect.find('\n'));
    record.category = "ort_defect";
    record.failure = seen.defect;
    out.ok = true;
    report << "backend_defect " << what << " (" << seen.backend_defects << " of " << seen.cases
           << " cases): " << record.reason << "\n";
  } else {
    record.status = "pass";
    out.ok = true;
    report << "pass " << what << " (" << seen.cases << " cases)\n";
  }
  out.record = record;
  out.report = report.str();
  out.cases_run = seen.cases;
  return out;
}

}  // namespace

uint64_t property_seed(uint64_t base, const std::string& op, const std::string& dtype, int opset) {
  return splitmix(base ^ fnv1a(op) ^ (fnv1a(dtype) << 1) ^ static_cast<uint64_t>(opset) * 0x9e37ull);
}

uint64_t base_seed() {
  const char* env = std::getenv("PTONNX_SEED");
  return env && *env ? std::strtoull(env, nullptr, 10) : 20261122ull;
}

int budget_cases(int fallback) {
  const char* env = std::getenv("PTONNX_CASES");
  const int n = env && *env ? std::atoi(env) : 0;
  return n > 0 ? n : fallback;
}

gen::GraphOptions suite_graph_options(int tier) {
  gen::GraphOptions o;
  o.tier = tier;
  // PyTensor builds mean, var and std from Sum, TrueDiv and friends; from
  // tier 3 on they join the random graphs' vocabulary (specs "mean", "var",
  // "std" in generators/specs/reduction*.cpp).
  if (tier >= 3) o.extra_ops = {"mean", "var", "std"};
  return o;
}

std::string fuzz_command(const std::string& op, const std::string& dtype, int opset, uint64_t seed, int cases,
                         const std::string& program, bool adversarial, check::DriverOptions::Backend backend) {
  std::string cmd = program + " fuzz " + (op.empty() ? std::string("--graphs") : "--op " + op);
  if (!dtype.empty()) cmd += " --dtype " + dtype;
  cmd += " --opset " + std::to_string(opset) + " --seed " + std::to_string(seed) + " --cases " + std::to_string(cases);
  if (backend != check::DriverOptions::Backend::Builtin) cmd += " --backend " + std::string(check::backend_name(backend));
  return adversarial ? cmd + " --adversarial" : cmd;
}

PropertyResult run_op_property(const gen::SampleSpec& spec, DType dtype, int opset, const PropertyConfig& cfg) {
  ResultRecord rec;
  rec.kind = "op";
  rec.suite = cfg.suite;
  rec.tier = cfg.tier;
  rec.op = spec.op;
  rec.dtype = std::string(dtype_name(dtype));
  Expectation expect{spec.find_unsupported(dtype, opset), false, spec.signed_zero};
  return run_property(spec.gen(dtype), expect, opset, cfg, rec,
                      fuzz_command(spec.op, rec.dtype, opset, cfg.seed, cfg.cases, cfg.program, cfg.adversarial,
                                   cfg.backend));
}

PropertyResult run_graph_property(const gen::GraphOptions& options, int opset, const PropertyConfig& cfg) {
  ResultRecord rec;
  rec.kind = "graph";
  rec.suite = cfg.suite;
  rec.tier = cfg.tier;
  return run_property(gen::random_graph(options), Expectation{nullptr, true}, opset, cfg, rec,
                      fuzz_command("", "", opset, cfg.seed, cfg.cases, cfg.program, cfg.adversarial, cfg.backend) + " --tier " + std::to_string(options.tier));
}

}  // namespace ptonnx::harness
