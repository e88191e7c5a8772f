// `ptonnx ops [NAME] [--group G] [--results DIR]`: the op catalog as the
// build knows it. Without NAME, one line per op: its group, which
// components exist (IR schema, converter, oracle, sample spec, runtime
// kernels for the ONNX ops it emits) and, with --results, its status in
// the tracker. With NAME, everything about one op: the PyTensor op it
// models, inputs and attributes, the converter's first opset, the dtypes
// its spec generates and the combinations declared unsupported (with
// their reasons), the ONNX ops it emits, and the catalog's notes.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>
#include <optional>

#include "catalog/catalog.h"
#include "cli/errors.h"
#include "convert/registry.h"
#include "core/error.h"
#include "generators/sample_spec.h"
#include "graph/op_schema.h"
#include "oracles/oracle.h"
#include "reports/records.h"
#include "reports/summary.h"
#include "runtime/registry.h"
#include "subcommands.h"

namespace ptonnx::cli {
namespace {

constexpr int kOpsetLo = 13, kOpsetHi = 18;

struct Components {
  bool ir, converter, oracle, spec, runtime;
};

Components components_of(const catalog::OpEntry& e) {
  const std::string name(e.name);
  const auto oracle_ops = oracle::supported_ops();
  bool runtime = true;
  for (auto op : e.onnx_ops) runtime &= runtime::KernelRegistry::instance().find("", std::string(op), 17) != nullptr;
  return {find_op_schema(name) != nullptr, converter_since(name) > 0,
          std::find(oracle_ops.begin(), oracle_ops.end(), name) != oracle_ops.end(), gen::find_spec(name) != nullptr,
          runtime};
}

std::string mark(bool b) { return b ? "yes" : "-"; }

// The tracker's word for an op: done, failing, unsupported only, not run.
std::string status_of(const reports::Summary& s, const std::string& name) {
  for (const auto& g : s.groups)
    for (const auto& op : g.ops) {
      if (op.name != name) continue;
      if (op.records.empty()) return "not run";
      if (op.done) return "done (" + std::to_string(op.cases) + " cases)";
      return std::string(reports::cell_name(op.overall.status)) +
             (op.missing_components.empty() ? "" : ", missing " + op.missing_components.front());
    }
  return "not run";
}

std::string dtype_list(const std::vector<DType>& dtypes) {
  std::string out;
  for (DType t : dtypes) out += (out.empty() ? "" : " ") + std::string(dtype_name(t));
  return out;
}

// "int8 int16 at opsets 13" style lines: each declared-unsupported reason
// with the (dtype, opset) pairs it covers, grouped by dtype.
void print_unsupported(const gen::SampleSpec& spec) {
  struct Entry {
    std::string reason, category;
    std::vector<std::string> where;
  };
  std::vector<Entry> entries;
  for (DType t : spec.dtypes) {
    std::vector<int> opsets;
    const gen::KnownUnsupported* first = nullptr;
    for (int v = kOpsetLo; v <= kOpsetHi; ++v)
      if (const auto* u = spec.find_unsupported(t, v)) {
        opsets.push_back(v);
        first = first ? first : u;
      }
    if (!first) continue;
    std::string where = std::string(dtype_name(t)) + " at opset" + (opsets.size() > 1 ? "s " : " ");
    where += opsets.size() == static_cast<size_t>(kOpsetHi - kOpsetLo + 1)
                 ? "13-18"
                 : std::to_string(opsets.front()) +
                       (opsets.size() > 1 ? "-" + std::to_string(opsets.back()) : std::string());
    auto it = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.reason == first->reason; });
    if (it == entries.end())
      entries.push_back({first->reason, std::string(gen::category_name(first->category)), {where}});
    else
      it->where.push_back(where);
  }
  if (entries.empty()) {
    std::cout << "  unsupported:  none (every dtype at opsets 13-18)\n";
    return;
  }
  std::cout << "  unsupported:\n";
  for (const auto& e : entries) {
    std::string where;
    for (const auto& w : e.where) where += (where.empty() ? "" : ", ") + w;
    const bool everywhere = e.where.size() == spec.dtypes.size() &&
                            std::all_of(e.where.begin(), e.where.end(), [](const std::string& w) {
                              return w.ends_with("opsets 13-18");
                            });
    if (everywhere) where = "every dtype at opsets 13-18";
    std::cout << "    " << where << " [" << e.category << "]: " << e.reason << "\n";
  }
}

int show_op(const catalog::OpEntry& e, const std::optional<reports::Summary>& summary) {
  const std::string name(e.name);
  const Components c = components_of(e);
  std::cout << name << "  (" << catalog::group_title(e.group) << ")\n";
  std::cout << "  pytensor:     " << e.pytensor_op << "\n";
  if (const OpSchema* s = find_op_schema(name)) {
    if (!s->doc.empty()) std::cout << "  computes:     " << s->doc << "\n";
    std::cout << "  inputs:       "
              << (s->max_inputs < 0 ? std::to_string(s->min_inputs) + " or more"
                  : s->min_inputs == s->max_inputs
                      ? std::to_string(s->min_inputs)
                      : std::to_string(s->min_inputs) + " to " + std::to_string(s->max_inputs))
              << "\n";
    if (s->attrs.empty()) std::cout << "  attributes:   none\n";
    for (const auto& a : s->attrs) {
      std::cout << "  attribute:    " << a.name << " (" << attr_kind_name(a.kind)
                << (a.required ? ", required" : ", optional");
      if (!a.allowed.empty()) {
        std::string allowed;
        for (const auto& v : a.allowed) allowed += (allowed.empty() ? "" : "|") + v;
        std::cout << ", one of " << allowed;
      }
      std::cout << ")\n";
    }
  } else {
    std::cout << "  computes:     (no IR schema in this build)\n";
  }
  const int since = converter_since(name);
  std::cout << "  converter:    " << (since > 0 ? "from opset " + std::to_string(since) : std::string("none")) << "\n";
  std::string onnx;
  for (auto op : e.onnx_ops) onnx += (onnx.empty() ? "" : " ") + std::string(op);
  std::cout << "  onnx ops:     " << (onnx.empty() ? "none (no standard ONNX form at opsets 13-18)" : onnx)
            << (c.runtime ? "" : "  [the runtime lacks some]") << "\n";
  std::cout << "  oracle:       " << (c.oracle ? "yes" : "none") << "\n";
  if (const gen::SampleSpec* spec = gen::find_spec(name)) {
    std::cout << "  dtypes:       " << dtype_list(spec->dtypes) << "\n";
    std::cout << "  signed zero:  " << (spec->signed_zero ? "compared" : "not compared") << "\n";
    std::cout << "  random graphs: " << (spec->grow ? "yes (grow function)" : "no") << "\n";
    print_unsupported(*spec);
    if (!spec->domain_notes.empty()) std::cout << "  value domain: " << spec->domain_notes << "\n";
  } else {
    std::cout << "  spec:         none (not generated, not tested by the suites)\n";
  }
  if (summary) std::cout << "  status:       " << status_of(*summary, name) << "\n";
  std::cout << "  notes:        " << e.notes << "\n";
  return 0;
}

int list_ops(std::optional<catalog::Group> only, const std::optional<reports::Summary>& summary) {
  std::cout << std::left << std::setw(24) << "op" << std::setw(10) << "group" << std::setw(5) << "ir" << std::setw(6)
            << "conv" << std::setw(7) << "oracle" << std::setw(5) << "spec" << std::setw(8) << "runtime"
            << (summary ? "status" : "") << "\n";
  int n = 0;
  for (const auto& e : catalog::all_ops()) {
    if (only && e.group != *only) continue;
    const Components c = components_of(e);
    std::cout << std::setw(24) << e.name << std::setw(10) << catalog::group_name(e.group) << std::setw(5) << mark(c.ir)
              << std::setw(6) << mark(c.converter) << std::setw(7) << mark(c.oracle) << std::setw(5) << mark(c.spec)
              << std::setw(8) << mark(c.runtime) << (summary ? status_of(*summary, std::string(e.name)) : "") << "\n";
    ++n;
  }
  std::cout << n << " ops; `ptonnx ops NAME` for one op's attributes, dtypes and unsupported combinations\n";
  return 0;
}

// Catalog names close to `name` (same letters ignoring case, or a common
// prefix), for the error message.
std::string suggestions(const std::string& name) {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
    return s;
  };
  std::string out;
  for (const auto& e : catalog::all_ops()) {
    const std::string candidate(e.name);
    const std::string a = lower(candidate), b = lower(name);
    if (a == b || (b.size() >= 3 && a.find(b) != std::string::npos)) out += (out.empty() ? "" : ", ") + candidate;
  }
  return out;
}

}  // namespace

void register_ops(CLI::App& app) {
  struct Options {
    std::string name, group, results;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("ops", "List the op catalog, or show one op: attributes, dtypes, status");
  cmd->add_option("name", o->name, "one op (catalog name, e.g. Add, IntDiv, Softmax)");
  cmd->add_option("--group", o->group, "only this group: tier1..tier5, cnn, extended");
  cmd->add_option("--results", o->results, "a results folder (build/results): add each op's tracker status");
  cmd->callback([o] {
    guarded_callback("ops", [&] {
      std::optional<catalog::Group> group;
      if (!o->group.empty()) {
        group = catalog::group_from_name(o->group);
        if (!group) throw ValidationError("--group must be tier1..tier5, cnn or extended, not \"" + o->group + "\"");
      }
      std::optional<reports::ResultSet> results;
      std::optional<reports::Summary> summary;
      if (!o->results.empty()) {
        results = reports::load_results(o->results);
        summary = reports::summarize(*results, reports::catalog_ops());
      }
      if (o->name.empty()) return list_ops(group, summary);
      const catalog::OpEntry* e = catalog::find_op(o->name);
      if (!e) {
        const std::string near = suggestions(o->name);
        throw ValidationError("no op \"" + o->name + "\" in the catalog" +
                              (near.empty() ? "" : " (did you mean " + near + "?)") + "; `ptonnx ops` lists all " +
                              std::to_string(catalog::all_ops().size()));
      }
      return show_op(*e, summary);
    });
  });
}

}  // namespace ptonnx::cli
