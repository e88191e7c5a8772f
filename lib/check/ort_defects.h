// ONNX Runtime's own defects (docs/onnxruntime.md, "Known ONNX Runtime
// defects"): places where ONNX Runtime 1.30 departs from the ONNX spec.
// Each has a minimal model in ort/defects/ and a test
// (suites/unit/ort_defects_test.cpp) asserting it still reproduces, so we
// notice when ONNX Runtime fixes it.
//
// An entry with a workaround is one the converter avoids (its exports never
// take that path): a failure that still meets it is the converter's, and is
// reported as such. An entry without one is a departure no conversion can
// avoid: the driver records a case that meets it as Outcome::BackendDefect,
// counted apart from converter failures.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <string_view>
#include <vector>

namespace ptonnx::check {

// How a case failed on ONNX Runtime.
struct OrtFailure {
  enum class Kind { Load, Run, Mismatch };
  Kind kind = Kind::Mismatch;
  std::string message;      // ONNX Runtime's message (Load, Run) or the comparison's (Mismatch)
  std::string output_name;  // Mismatch: the graph output that disagreed
};

struct OrtDefect {
  std::string_view id;
  std::string_view summary;     // what ONNX Runtime does, against which spec sentence
  std::string_view model_file;  // the minimal model, ONNX text format, under ort/defects/
  std::string_view workaround;  // how the converter avoids it; empty when no conversion can
  OrtFailure::Kind kind;
  // Whether a failure of `model` is this defect.
  bool (*matches)(const onnx::ModelProto& model, const OrtFailure& failure);
};

const std::vector<OrtDefect>& ort_defects();

// The unavoidable defect (no workaround) that explains `failure`, or null.
const OrtDefect* unavoidable_ort_defect(const onnx::ModelProto& model, const OrtFailure& failure);

}  // namespace ptonnx::check
