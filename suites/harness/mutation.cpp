#include "suites/harness/mutation.h"

#include <map>
#include <set>

#include "catalog/catalog.h"
#include "convert/export.h"
#include "convert/validate.h"
#include "suites/harness/mutation_equivalence.h"
#include "suites/harness/property.h"
#include "suites/harness/records.h"

namespace ptonnx::harness::mutate {
namespace {

// The property as the tier suite runs it, with the config's budget,
// without shrinking or bundles (a mutant's failure is no bug to replay).
PropertyConfig property_config(const gen::SampleSpec& spec, DType dtype, const Config& cfg) {
  PropertyConfig pc;
  pc.suite = "mutate";
  pc.tier = 0;
  pc.cases = cfg.cases;
  pc.seed = property_seed(cfg.base_seed, spec.op, std::string(dtype_name(dtype)), cfg.opset);
  pc.write_bundle = false;
  pc.shrink = false;
  pc.program = cfg.program;
  return pc;
}

std::string first_line(const std::string& s, size_t max = 400) {
  std::string l = s.substr(0, s.find('\n'));
  return l.size() > max ? l.substr(0, max) + "..." : l;
}

// What one mutant's property run saw, case by case.
struct Probe {
  int applied = 0;
  // Cases on which the mutant passed validation but did not run (the
  // original did): the harness reports those as runtime errors.
  int run_errors = 0;
  std::string first_error;
  // Cases whose mutated model the checker, strict shape inference or the
  // output type check rejects.
  int rejected = 0;
  std::string first_rejection;
  Distinction seen;  // over the property's cases
  struct Saved {
    onnx::ModelProto original, mutant;
    std::vector<Tensor> inputs;
    std::vector<bool> shape_only;
  };
  std::vector<Saved> saved;  // the first few applied cases, for the special inputs
};
constexpr size_t kSavedCases = 3;

}  // namespace

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Killed: return "killed";
    case Verdict::Survived: return "survived";
    case Verdict::Equivalent: return "equivalent";
    case Verdict::Invalid: return "invalid";
  }
  return "?";
}

std::string mutant_command(const std::string& op, const Config& cfg, int index) {
  return cfg.program + " mutate --op " + op + " --seed " + std::to_string(cfg.base_seed) + " --opset " +
         std::to_string(cfg.opset) + " --cases " + std::to_string(cfg.cases) + " --max-mutants " +
         std::to_string(cfg.max_mutants) + " --mutant " + std::to_string(index);
}

OpPlan plan_mutants(const gen::SampleSpec& spec, const Config& cfg) {
  OpPlan plan;
  std::vector<std::vector<PlannedMutant>> per_dtype;
  for (DType dtype : spec.dtypes) {
    if (spec.find_unsupported(dtype, cfg.opset)) continue;  // nothing is exported to mutate
    std::vector<onnx::ModelProto> models;
    PropertyConfig pc = property_config(spec, dtype, cfg);
    pc.model_transform = [&models](onnx::ModelProto& m, const FunctionGraph&, const std::vector<Tensor>&) {
      models.push_back(m);
    };
    const PropertyResult r = run_op_property(spec, dtype, cfg.opset, pc);
    if (!r.ok) {
      // A property that fails unmutated cannot judge mutants: its failure
      // is a finding of its own (`ptonnx fuzz` reproduces it).
      plan.notes.push_back(std::string(dtype_name(dtype)) + ": skipped, the unmutated property fails (" +
                           first_line(r.record.failure, 200) + ")");
      continue;
    }
    std::vector<PlannedMutant> list;
    std::set<std::string> seen;
    for (const auto& m : models)
      for (auto& mu : enumerate_mutants(m))
        if (seen.insert(mu.description).second) list.push_back({0, dtype, pc.seed, std::move(mu)});
    if (!list.empty()) per_dtype.push_back(std::move(list));
  }
  // Round robin over the dtypes, a mutation not yet planned for another
  // dtype first (Add#0 -> Sub is worth trying once or twice, not on all
  // twelve dtypes before any constant is nudged); the repeats fill what
  // the budget leaves.
  std::vector<const PlannedMutant*> order;
  for (size_t round = 0;; ++round) {
    bool any = false;
    for (const auto& list : per_dtype)
      if (round < list.size()) {
        order.push_back(&list[round]);
        any = true;
      }
    if (!any) break;
  }
  std::set<std::string> chosen;
  std::vector<const PlannedMutant*> repeats;
  auto take = [&](const PlannedMutant* m) {
    if (static_cast<int>(plan.mutants.size()) >= cfg.max_mutants) return;
    plan.mutants.push_back(*m);
    plan.mutants.back().index = static_cast<int>(plan.mutants.size()) - 1;
  };
  for (const auto* m : order) {
    if (chosen.insert(m->mutant.description).second)
      take(m);
    else
      repeats.push_back(m);
  }
  for (const auto* m : repeats) take(m);
  return plan;
}

MutantResult run_mutant(const gen::SampleSpec& spec, const PlannedMutant& pm, const Config& cfg, bool shrink) {
  MutantResult res;
  res.op = spec.op;
  const catalog::OpEntry* e = catalog::find_op(spec.op);
  res.tier = e ? catalog::group_tier(e->group) : 0;
  res.dtype = std::string(dtype_name(pm.dtype));
  res.opset = cfg.opset;
  res.index = pm.index;
  res.kind = pm.mutant.kind;
  res.mutation = pm.mutant.description;
  res.seed = pm.seed;
  res.command = mutant_command(spec.op, cfg, pm.index);

  Probe probe;
  PropertyConfig pc = property_config(spec, pm.dtype, cfg);
  pc.shrink = shrink;
  const int opset = cfg.opset;
  pc.model_transform = [&](onnx::ModelProto& model, const FunctionGraph& g, const std::vector<Tensor>& inputs) {
    onnx::ModelProto original = model;
    if (!pm.mutant.apply(model)) return;  // this case's conversion has no such target
    // The converter's value_info describes the original; a mutant that
    // changes an intermediate type would contradict it, as no buggy
    // converter (which would have declared its own types) would.
    model.mutable_graph()->clear_value_info();
    if (opset <= kMaxCheckedOpset) {
      try {
        validate_export(model, g);
      } catch (const std::exception& e) {
        // Invalid for this case's shapes and dtypes, perhaps not for all:
        // this case runs the original, the mutant is judged on the rest.
        if (probe.rejected++ == 0) probe.first_rejection = e.what();
        model = original;
        return;
      }
    }
    ++probe.applied;
    const std::vector<bool> shape_only = check::shape_only_outputs(g);
    const Distinction d = distinguish(original, model, inputs, shape_only);
    if (d.mutant_failed) {
      // The property would stop here with a runtime error. Whether that
      // means "killed" (it runs elsewhere: a bug the harness reports) or
      // "invalid" (it runs nowhere) needs the other cases, so this case
      // runs the original and the property goes on.
      if (probe.run_errors++ == 0) probe.first_error = d.error;
      model = original;
      return;
    }
    if (!probe.seen.found) {
      probe.seen.compared += d.compared;
      if (d.found) {
        probe.seen.found = true;
        probe.seen.what = d.what;
      }
    }
    if (probe.saved.size() < kSavedCases) probe.saved.push_back({original, model, inputs, shape_only});
  };
  const PropertyResult r = run_op_property(spec, pm.dtype, cfg.opset, pc);
  res.cases = r.cases_run;
  res.applied = probe.applied;
  res.report = r.report;
  if (!r.ok) {
    if (r.outcome == check::Outcome::Mismatch) {
      res.verdict = Verdict::Killed;
      res.detail = first_line(r.record.failure);
    } else {
      res.verdict = Verdict::Invalid;
      res.detail = (r.outcome == check::Outcome::CheckerRejected || r.outcome == check::Outcome::RuntimeError
                        ? std::string()
                        : "property " + r.record.status + ": ") +
                   first_line(r.record.failure);
    }
    return res;
  }
  if (probe.run_errors > 0) {
    const int ran = probe.applied - probe.run_errors;
    res.verdict = ran > 0 ? Verdict::Killed : Verdict::Invalid;
    res.detail = (ran > 0 ? "runtime error (the property reports runtime_error) on " : "does not run on any of ") +
                 std::to_string(probe.run_errors) + " of " + std::to_string(probe.applied) +
                 " applied cases: " + first_line(probe.first_error);
    return res;
  }
  if (probe.applied == 0) {
    res.verdict = Verdict::Invalid;
    res.detail = probe.rejected > 0 ? "rejected on all " + std::to_string(probe.rejected) +
                                          " cases it applies to: " + first_line(probe.first_rejection)
                                    : "applies to none of the property's " + std::to_string(res.cases) + " cases";
    return res;
  }
  if (probe.seen.found) {
    res.verdict = Verdict::Survived;
    res.detail = "a property case gives other outputs, within the comparison's tolerance: " + probe.seen.what;
    return res;
  }
  int compared = probe.seen.compared;
  for (const auto& s : probe.saved) {
    const Distinction d = distinguish_on_special_inputs(s.original, s.mutant, s.inputs, s.shape_only);
    compared += d.compared;
    if (d.found) {
      res.verdict = Verdict::Survived;
      res.detail = "no property case tells it apart; this input does: " + d.what;
      return res;
    }
  }
  res.verdict = Verdict::Equivalent;
  res.inputs_compared = compared;
  res.detail = "equivalent (not distinguished on " + std::to_string(compared) + " inputs)";
  return res;
}

nlohmann::json MutantResult::to_json() const {
  return {{"kind", "mutant"},
          {"op", op},
          {"tier", tier},
          {"dtype", dtype},
          {"opset", opset},
          {"index", index},
          {"mutation_kind", kind},
          {"mutation", mutation},
          {"verdict", std::string(verdict_name(verdict))},
          {"detail", detail},
          {"cases", cases},
          {"applied", applied},
          {"seed", std::to_string(seed)},
          {"command", command},
          {"time", utc_timestamp()}};
}

OpScore summarize(const std::string& op, int tier, int opset, const std::vector<MutantResult>& results) {
  OpScore s;
  s.op = op;
  s.tier = tier;
  s.opset = opset;
  for (const auto& r : results) {
    ++s.tried;
    switch (r.verdict) {
      case Verdict::Killed: ++s.killed; break;
      case Verdict::Survived: ++s.survived; break;
      case Verdict::Equivalent: ++s.equivalent; break;
      case Verdict::Invalid: ++s.invalid; break;
    }
  }
  return s;
}

nlohmann::json OpScore::to_json(const Config& cfg) const {
  nlohmann::json j{{"kind", "mutation"},
                   {"op", op},
                   {"tier", tier},
                   {"opset", opset},
                   {"tried", tried},
                   {"killed", killed},
                   {"survived", survived},
                   {"equivalent", equivalent},
                   {"invalid", invalid},
                   {"cases", cfg.cases},
                   {"max_mutants", cfg.max_mutants},
                   {"base_seed", std::to_string(cfg.base_seed)},
                   {"time", utc_timestamp()}};
  j["score"] = score() < 0 ? nlohmann::json(nullptr) : nlohmann::json(score());
  return j;
}

}  // namespace ptonnx::harness::mutate
