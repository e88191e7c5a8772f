// The ONNX Runtime view of the coverage reports: per op, of its properties
// run on ONNX Runtime (suite tier<N>-ort, `ctest -L ort`), how many loaded,
// ran and agreed with the oracle, and how many met a documented ONNX
// Runtime defect (status backend_defect), counted apart from failures.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "reports/records.h"

namespace ptonnx::reports {

struct OrtOpRow {
  int properties = 0;
  int loads = 0;            // the model loaded (no "onnxruntime load:" failure)
  int runs = 0;             // and ran (no "onnxruntime run:" failure)
  int agrees = 0;           // and every case agreed with the oracle (status pass)
  int backend_defects = 0;  // a documented ONNX Runtime defect, not a converter failure
  int other = 0;            // failed before ONNX Runtime: converter, checker, oracle, harness
  std::string first_failure;
};

// Op name -> row, from the op records of ONNX Runtime suites (suite names
// ending in "-ort"); other records are ignored.
std::map<std::string, OrtOpRow> ort_rows(const ResultSet& ort);

std::string render_ort_markdown(const ResultSet& ort);
std::string render_ort_html(const ResultSet& ort);
// {"op": {"properties", "loads", "runs", "agrees", "backend_defects", "other"}}
nlohmann::json render_ort_json(const ResultSet& ort);

}  // namespace ptonnx::reports
