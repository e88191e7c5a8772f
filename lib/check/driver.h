// The differential driver: (graph, inputs, opset) -> convert, validate the
// model, run it on the built-in runtime, evaluate the graph with the
// independent oracle, compare -> a CaseResult.
//
// Outcomes are kept distinct, because they mean different things to a
// converter author: a converter exception, a model the ONNX checker rejects,
// a runtime error and a numeric mismatch are failures; 'unsupported' (a
// documented UnsupportedError raised on purpose by the converter) is a known
// limitation; 'out of domain' means PyTensor itself raises on these inputs,
// so there is nothing to compare.
#pragma once

#include <onnx/onnx_pb.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check/compare.h"
#include "core/tensor.h"
#include "graph/graph.h"

namespace ptonnx::check {

enum class Outcome {
  Pass,
  Mismatch,         // outputs differ beyond the comparison policy
  ConverterError,   // the converter threw something other than UnsupportedError
  CheckerRejected,  // the ONNX checker, strict shape inference or the type cross-check failed
  RuntimeError,     // the runtime threw (the built-in one, or ONNX Runtime refused or failed the model)
  OracleError,      // the oracle could not evaluate the graph (a missing kernel, a bug)
  Unsupported,      // the converter raised UnsupportedError: a documented limitation
  OutOfDomain,      // PyTensor raises on these inputs: not a valid case
  BackendDefect,    // ONNX Runtime departs from the spec where no conversion can avoid it (check/ort_defects.h)
};
std::string_view outcome_name(Outcome o);

// The graph inputs a caller feeds, in order (an input that also has an
// initializer is optional, and left out).
std::vector<std::string> fed_input_names(const onnx::GraphProto& g);
bool is_failure(Outcome o);

struct StepTimes {
  double convert_us = 0, run_us = 0, oracle_us = 0, compare_us = 0;
};

struct CaseResult {
  Outcome outcome = Outcome::Pass;
  std::string message;                  // diagnostics, ready to print
  int output_index = -1;                // the first mismatching output
  TensorMismatch mismatch;              // for Mismatch
  std::vector<std::string> onnx_nodes;  // the ONNX nodes that compute the mismatching output
  // The exported model (null when the export failed). Shared, and const:
  // the driver's conversion cache hands the same model to every case of
  // the same graph (check/conversion_cache.h).
  std::shared_ptr<const onnx::ModelProto> model;
  std::vector<Tensor> expected;  // oracle outputs
  std::vector<Tensor> actual;    // runtime outputs
  StepTimes times;
};

struct DriverOptions {
  int opset = 17;
  bool validate = true;  // checker + strict shape inference (skipped at opset 18 by the converter)
  // Compare the sign of zero results (-0.0 != +0.0): for ops whose result's
  // sign of zero is specified and reachable by a wrong conversion, e.g.
  // PyTensor's round_half_away_from_zero(0.0) = ceil(0.0 - 0.5) = -0.0.
  bool signed_zero = false;
  // Run the model on the spec-adversarial runtime (RuntimeOptions::
  // adversarial): where the ONNX spec leaves a result open it gives another
  // answer than NumPy's, so a conversion that relies on the open behaviour
  // mismatches.
  bool adversarial = false;
  // Where the exported model runs: the built-in runtime, ONNX Runtime (the
  // ort/ worker: what users deploy on), or both (each compared with the
  // oracle; the message says which backend disagreed).
  enum class Backend { Builtin, Ort, Both };
  Backend backend = Backend::Builtin;
  // Applied to the exported (and validated) model before it runs, with the
  // source graph and the case's inputs: `ptonnx mutate` plants one
  // mutation here to measure whether the property notices it. Empty for
  // every other caller. An exception it throws ends the case as
  // CheckerRejected (the transformed model is not a valid model).
  using ModelTransform = std::function<void(onnx::ModelProto&, const FunctionGraph&, const std::vector<Tensor>&)>;
  ModelTransform model_transform = nullptr;
};
std::string_view backend_name(DriverOptions::Backend b);  // "builtin", "ort", "both"
// "builtin", "ort" or "both"; throws ValidationError naming the choices.
DriverOptions::Backend parse_backend(std::string_view name);

// Per graph output: true when its contents are undefined, so that only its
// dtype and shape are compared (docs/comparison.md). That is an output of
// an op whose result contents PyTensor leaves undefined (AllocEmpty: np.empty)
// or of any node downstream of one (conservatively: a value computed from
// undefined contents is undefined too), or of an IfElse/Scan whose inner
// graphs hold one.
std::vector<bool> shape_only_outputs(const FunctionGraph& g);

// The least precise float dtype among the graph values each output's value
// passed through (nullopt when none is float). A result cannot be more
// accurate than that, and PyTensor and ONNX may round differently there: a
// float16 value Cast to float64 carries float16 rounding, and a Prod of
// float16 to a float64 output accumulates in float32, which ONNX does not
// pin (a runtime may accumulate more precisely). Reduction accumulators are
// never less precise than their input, so graph values suffice. Values
// inside an IfElse's branches or a Scan's step count for that node's
// outputs.
std::vector<std::optional<DType>> precision_floor_outputs(const FunctionGraph& g);
// The tolerance of an output of dtype `out` whose precision floor is
// `floor`: the output's own, widened to the floor dtype's ulp budget as a
// relative tolerance (and its atol) when the floor is less precise.
Tolerance output_tolerance(DType out, std::optional<DType> floor);

CaseResult run_case(const FunctionGraph& g, const std::vector<Tensor>& inputs, const DriverOptions& options = {});

}  // namespace ptonnx::check
