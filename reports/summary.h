// The per-op and per-group view of a ResultSet that every report renders:
// cell statuses of the op x dtype and op x opset matrices, the tracker's
// "done" decision, and the evidence behind it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "reports/records.h"

namespace ptonnx::reports {

// A matrix cell (or an op, or a group of runs). Aggregation over runs: fail
// if any run failed (fail, unexpected_pass, error), else pass if any passed,
// else unsupported if any was a confirmed unsupported combination, else not
// run. NotApplicable: a dtype the op's spec does not declare (PyTensor's op
// refuses it: Sub on bool, Round on integers), with no runs.
enum class Cell { NotRun, NotApplicable, Unsupported, Pass, Fail };
std::string_view cell_name(Cell c);  // "not run", "n/a", "unsupported", "pass", "fail"

struct CellSummary {
  Cell status = Cell::NotRun;
  std::int64_t cases = 0;
  int runs = 0;
  std::string detail;  // the failure, the unsupported reasons, or the case count
  // For a failing cell: the last failing run's seed and full failure text.
  std::string seed;
  std::string failure;
  std::string bundle;
};

// The ops the reports list: a row per catalog op, in catalog order. Tests
// pass a fixed list so that golden files do not change with the catalog.
struct CatalogOp {
  std::string name;
  catalog::Group group;
};
std::vector<CatalogOp> catalog_ops();

struct OpSummary {
  std::string name;
  std::optional<catalog::Group> group;       // nullopt: records for an op not in the catalog
  std::vector<const OpRecord*> records;      // load order
  std::optional<InventoryRecord> inventory;  // merged: a component exists if any record says so
  std::int64_t cases = 0;
  CellSummary overall;
  std::map<std::string, CellSummary> by_dtype;
  std::map<int, CellSummary> by_opset;
  std::map<std::pair<std::string, int>, CellSummary> by_dtype_opset;  // (dtype, opset): the grid
  const OpRecord* last_failure = nullptr;
  // Of converter, runtime_ops, oracle, spec: those the inventory lacks (all
  // four when there is no inventory record).
  std::vector<std::string> missing_components;
  bool done = false;
};

struct GroupSummary {
  catalog::Group group = catalog::Group::Tier1;
  std::vector<OpSummary> ops;
  std::vector<const GraphRecord*> graphs;
  CellSummary graph_overall;
  int done = 0;
  bool has_runs = false;  // any op or graph record
  std::string status;     // "Not run", "Not Started", "In Progress", "Complete"
};

struct Summary {
  std::vector<GroupSummary> groups;    // every group, in kAllGroups order
  std::vector<OpSummary> unknown_ops;  // sorted by name
  std::vector<std::string> dtypes;     // every dtype seen, canonical order
  std::vector<int> opsets;             // every opset seen, ascending
};

// The summary points into `results` (records are not copied): keep the
// ResultSet alive while the Summary is used. A temporary is refused.
Summary summarize(const ResultSet& results, const std::vector<CatalogOp>& ops);
Summary summarize(ResultSet&& results, const std::vector<CatalogOp>& ops) = delete;

// Orders dtype names: bool, signed ints, unsigned ints, floats by width,
// complex, then any other name alphabetically.
bool dtype_less(const std::string& a, const std::string& b);

// Dtypes / opsets of an op whose cell has the given status, in order.
std::vector<std::string> dtypes_with(const OpSummary& op, Cell c);
std::vector<int> opsets_with(const OpSummary& op, Cell c);

// "13-15, 17": ascending opsets with runs collapsed.
std::string opset_ranges(std::vector<int> opsets);

// One line describing a failing run: its status, seed, dtype, opset and the
// first line of its failure text.
std::string failure_headline(const OpRecord& r);

}  // namespace ptonnx::reports
