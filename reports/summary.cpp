#include "reports/summary.h"

#include <algorithm>
#include <set>

namespace ptonnx::reports {
namespace {

using catalog::Group;

int dtype_rank(const std::string& d) {
  static const char* const kOrder[] = {"bool",     "int8",    "int16",   "int32",     "int64",
                                       "uint8",    "uint16",  "uint32",  "uint64",    "float16",
                                       "bfloat16", "float32", "float64", "complex64", "complex128"};
  for (int i = 0; i < static_cast<int>(std::size(kOrder)); ++i)
    if (d == kOrder[i]) return i;
  return static_cast<int>(std::size(kOrder));
}

// Later in the results = larger (time, then load order).
bool earlier(const OpRecord* a, const OpRecord* b) {
  if (a->time != b->time) return a->time < b->time;
  if (a->origin.file != b->origin.file) return a->origin.file < b->origin.file;
  return a->origin.line < b->origin.line;
}

std::string dtype_key(const std::string& d) { return d.empty() ? "(none)" : d; }

std::string first_line(const std::string& s) {
  const auto nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl) + " ...";
}

std::string unsupported_text(const OpRecord& r) {
  std::string cat = r.category.empty() ? "unsupported" : r.category;
  return r.reason.empty() ? cat : cat + ": " + r.reason;
}

CellSummary aggregate(const std::vector<const OpRecord*>& runs) {
  CellSummary c;
  const OpRecord* last_fail = nullptr;
  std::set<std::string> reasons;
  bool any_pass = false;
  for (const OpRecord* r : runs) {
    ++c.runs;
    c.cases += r->cases;
    if (is_failure(r->status)) {
      if (!last_fail || earlier(last_fail, r)) last_fail = r;
    } else if (r->status == RunStatus::Pass || r->status == RunStatus::BackendDefect) {
      // A backend defect is ONNX Runtime's departure from the spec, not the
      // converter's: the ONNX Runtime view counts it apart.
      any_pass = true;
    } else {
      reasons.insert(unsupported_text(*r));
    }
  }
  if (last_fail) {
    c.status = Cell::Fail;
    c.detail = failure_headline(*last_fail);
    c.seed = last_fail->seed;
    c.failure = last_fail->failure;
    c.bundle = last_fail->bundle;
  } else if (any_pass) {
    c.status = Cell::Pass;
    c.detail = std::to_string(c.cases) + " cases in " + std::to_string(c.runs) + (c.runs == 1 ? " run" : " runs");
  } else if (!reasons.empty()) {
    c.status = Cell::Unsupported;
    for (const auto& r : reasons) c.detail += (c.detail.empty() ? "" : "; ") + r;
  } else {
    c.detail = "not run";
  }
  return c;
}

void merge_inventory(std::optional<InventoryRecord>& into, const InventoryRecord& r) {
  if (!into) {
    into = r;
    return;
  }
  into->ir = into->ir || r.ir;
  into->converter = into->converter || r.converter;
  into->oracle = into->oracle || r.oracle;
  into->spec = into->spec || r.spec;
  into->runtime_ops = into->runtime_ops || r.runtime_ops;
}

void finish_op(OpSummary& op) {
  std::map<std::string, std::vector<const OpRecord*>> per_dtype;
  std::map<int, std::vector<const OpRecord*>> per_opset;
  for (const OpRecord* r : op.records) {
    per_dtype[dtype_key(r->dtype)].push_back(r);
    per_opset[r->opset].push_back(r);
    if (is_failure(r->status) && (!op.last_failure || earlier(op.last_failure, r))) op.last_failure = r;
  }
  std::map<std::pair<std::string, int>, std::vector<const OpRecord*>> per_cell;
  for (const OpRecord* r : op.records) per_cell[{dtype_key(r->dtype), r->opset}].push_back(r);
  for (const auto& [k, runs] : per_cell) op.by_dtype_opset[k] = aggregate(runs);
  for (const auto& [d, runs] : per_dtype) op.by_dtype[d] = aggregate(runs);
  for (const auto& [o, runs] : per_opset) op.by_opset[o] = aggregate(runs);
  op.overall = aggregate(op.records);
  op.cases = op.overall.cases;
  const InventoryRecord inv = op.inventory.value_or(InventoryRecord{});
  if (!inv.converter) op.missing_components.push_back("converter");
  if (!inv.runtime_ops) op.missing_components.push_back("runtime_ops");
  if (!inv.oracle) op.missing_components.push_back("oracle");
  if (!inv.spec) op.missing_components.push_back("spec");
  op.done = op.missing_components.empty() && op.overall.status == Cell::Pass;
}

// A dtype column the op's spec does not declare, and that no run used, is
// n/a rather than "not run": nothing is missing there.
void mark_not_applicable(OpSummary& op, const std::vector<std::string>& dtypes) {
  if (!op.inventory || op.inventory->dtypes.empty()) return;
  const auto& declared = op.inventory->dtypes;
  for (const auto& d : dtypes) {
    if (op.by_dtype.count(d) || std::find(declared.begin(), declared.end(), d) != declared.end()) continue;
    CellSummary c;
    c.status = Cell::NotApplicable;
    c.detail = "not a dtype of the op's spec (PyTensor's op does not take " + d + ")";
    op.by_dtype[d] = c;
  }
}

bool graph_belongs(const GraphRecord& g, Group group) {
  const int tier = catalog::group_tier(group);
  if (tier != 0 && g.tier == tier) return true;
  return g.tier == 0 && g.suite == catalog::group_name(group);
}

void finish_group(GroupSummary& gs, const ResultSet& results) {
  for (const auto& g : results.graphs)
    if (graph_belongs(g, gs.group)) gs.graphs.push_back(&g);
  bool graph_failed = false;
  for (const GraphRecord* g : gs.graphs) {
    ++gs.graph_overall.runs;
    gs.graph_overall.cases += g->cases;
    graph_failed = graph_failed || is_failure(g->status);
  }
  if (!gs.graphs.empty()) gs.graph_overall.status = graph_failed ? Cell::Fail : Cell::Pass;
  gs.has_runs = !gs.graphs.empty();
  for (const auto& op : gs.ops) {
    gs.done += op.done ? 1 : 0;
    gs.has_runs = gs.has_runs || !op.records.empty();
  }
  if (!gs.has_runs)
    gs.status = "Not run";
  else if (gs.done == static_cast<int>(gs.ops.size()) && !graph_failed)
    gs.status = "Complete";
  else if (gs.done > 0)
    gs.status = "In Progress";
  else
    gs.status = "Not Started";
}

}  // namespace

std::string_view cell_name(Cell c) {
  switch (c) {
    case Cell::NotRun: return "not run";
    case Cell::NotApplicable: return "n/a";
    case Cell::Unsupported: return "unsupported";
    case Cell::Pass: return "pass";
    case Cell::Fail: return "fail";
  }
  return "not run";
}

std::vector<CatalogOp> catalog_ops() {
  std::vector<CatalogOp> out;
  for (const auto& e : catalog::all_ops()) out.push_back({std::string(e.name), e.group});
  return out;
}

bool dtype_less(const std::string& a, const std::string& b) {
  const int ra = dtype_rank(a), rb = dtype_rank(b);
  return ra != rb ? ra < rb : a < b;
}

std::vector<std::string> dtypes_with(const OpSummary& op, Cell c) {
  std::vector<std::string> out;
  for (const auto& [d, cell] : op.by_dtype)
    if (cell.status == c) out.push_back(d);
  std::sort(out.begin(), out.end(), dtype_less);
  return out;
}

std::vector<int> opsets_with(const OpSummary& op, Cell c) {
  std::vector<int> out;
  for (const auto& [o, cell] : op.by_opset)
    if (cell.status == c) out.push_back(o);
  return out;
}

std::string opset_ranges(std::vector<int> opsets) {
  std::sort(opsets.begin(), opsets.end());
  opsets.erase(std::unique(opsets.begin(), opsets.end()), opsets.end());
  std::string out;
  for (size_t i = 0; i < opsets.size();) {
    size_t j = i;
    while (j + 1 < opsets.size() && opsets[j + 1] == opsets[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += std::to_string(opsets[i]);
    if (j > i) out += "-" + std::to_string(opsets[j]);
    i = j + 1;
  }
  return out;
}

std::string failure_headline(const OpRecord& r) {
  std::string s;
  switch (r.status) {
    case RunStatus::UnexpectedPass: s = "unexpected pass (declared " + unsupported_text(r) + ")"; break;
    case RunStatus::Error: s = "harness error"; break;
    default: s = "fail"; break;
  }
  s += " at " + (r.dtype.empty() ? std::string("(no dtype)") : r.dtype) + ", opset " + std::to_string(r.opset);
  if (!r.seed.empty()) s += ", seed " + r.seed;
  if (!r.failure.empty()) s += ": " + first_line(r.failure);
  return s;
}

Summary summarize(const ResultSet& results, const std::vector<CatalogOp>& ops) {
  std::map<std::string, OpSummary> by_name;
  std::set<std::string> dtypes;
  std::set<int> opsets;
  for (const auto& r : results.ops) {
    by_name[r.op].records.push_back(&r);
    dtypes.insert(dtype_key(r.dtype));
    opsets.insert(r.opset);
  }
  for (const auto& r : results.inventory) merge_inventory(by_name[r.op].inventory, r);

  Summary s;
  for (Group g : catalog::kAllGroups) {
    GroupSummary gs;
    gs.group = g;
    s.groups.push_back(std::move(gs));
  }
  std::set<std::string> listed;
  for (const auto& cop : ops) {
    OpSummary op;
    if (auto it = by_name.find(cop.name); it != by_name.end()) op = it->second;
    op.name = cop.name;
    op.group = cop.group;
    finish_op(op);
    listed.insert(cop.name);
    for (auto& gs : s.groups)
      if (gs.group == cop.group) gs.ops.push_back(std::move(op));
  }
  for (auto& [name, op] : by_name) {
    if (listed.count(name)) continue;
    op.name = name;
    finish_op(op);
    s.unknown_ops.push_back(std::move(op));
  }
  for (auto& gs : s.groups) finish_group(gs, results);
  s.dtypes.assign(dtypes.begin(), dtypes.end());
  std::sort(s.dtypes.begin(), s.dtypes.end(), dtype_less);
  s.opsets.assign(opsets.begin(), opsets.end());
  for (auto& gs : s.groups)
    for (auto& op : gs.ops) mark_not_applicable(op, s.dtypes);
  for (auto& op : s.unknown_ops) mark_not_applicable(op, s.dtypes);
  return s;
}

}  // namespace ptonnx::reports
