#include "check/driver.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "check/conversion_cache.h"
#include "check/invariant_checks.h"
#include "check/ort_defects.h"
#include "check/tolerance_rules.h"
#include "convert/errors.h"
#include "convert/export.h"
#include "convert/validation_cache.h"
#include "oracles/oracle.h"
#include "oracles/result_dtypes.h"
#include "ort/ort_worker.h"
#include "runtime/model.h"
#include "runtime/model_cache.h"

namespace ptonnx::check {
namespace {

using Clock = std::chrono::steady_clock;
double micros_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
}

// The ONNX nodes (as "op_type 'output'") whose results flow into `output`,
// in graph order: where to look first when that output mismatches.
std::vector<std::string> nodes_feeding(const onnx::GraphProto& g, const std::string& output) {
  std::map<std::string, int> producer;
  for (int i = 0; i < g.node_size(); ++i)
    for (const auto& o : g.node(i).output()) producer[o] = i;
  std::set<int> involved;
  std::vector<std::string> work{output};
  while (!work.empty()) {
    const std::string name = work.back();
    work.pop_back();
    auto it = producer.find(name);
    if (it == producer.end() || !involved.insert(it->second).second) continue;
    for (const auto& in : g.node(it->second).input()) work.push_back(in);
  }
  std::vector<std::string> out;
  for (int i : involved) out.push_back(g.node(i).op_type() + " -> '" + g.node(i).output(0) + "'");
  return out;
}


// dtype and shape only, for outputs whose contents are undefined.
TensorMismatch compare_shape_only(const Tensor& expected, const Tensor& actual) {
  TensorMismatch m;
  m.expected_type = expected.describe();
  m.elements = expected.numel();
  if (expected.dtype() != actual.dtype() || expected.shape() != actual.shape()) {
    m.ok = false;
    m.reason = "contents undefined (AllocEmpty), so only dtype and shape are compared: expected " +
               expected.describe() + ", got " + actual.describe();
  }
  return m;
}

}  // namespace

namespace {

// Whether an inner graph (IfElse branch, Scan step), or one nested in it,
// holds an op with undefined contents: the node that owns it is treated
// as one (conservatively, whichever branch runs).
bool inner_undefined(const Node& node, const std::set<std::string>& ops) {
  for (const auto& sub : node.subgraphs)
    for (const auto& n : sub->nodes())
      if (ops.count(n->op) || inner_undefined(*n, ops)) return true;
  return false;
}

// The least precise float dtype of any value inside a node's inner graphs.
std::optional<DType> inner_float_floor(const Node& node);

}  // namespace

std::vector<bool> shape_only_outputs(const FunctionGraph& g) {
  static const std::set<std::string> kUndefinedContents{"AllocEmpty"};
  std::set<const Variable*> undefined;
  for (const auto& node : g.nodes()) {
    bool tainted = kUndefinedContents.count(node->op) != 0 || inner_undefined(*node, kUndefinedContents);
    for (const auto& in : node->inputs) tainted = tainted || undefined.count(in.get()) != 0;
    if (tainted)
      for (const auto& out : node->outputs) undefined.insert(out.get());
  }
  std::vector<bool> flags;
  for (const auto& out : g.outputs()) flags.push_back(undefined.count(out.get()) != 0);
  return flags;
}

namespace {

// Less precise first: the float dtype whose rounding dominates.
int precision_rank(DType t) { return t == DType::Float16 ? 0 : t == DType::Float32 ? 1 : 2; }
DType less_precise(DType a, DType b) { return precision_rank(a) <= precision_rank(b) ? a : b; }

std::optional<DType> inner_float_floor(const Node& node) {
  std::optional<DType> f;
  auto lower = [&](DType d) {
    if (is_float(d)) f = f ? less_precise(*f, d) : d;
  };
  for (const auto& sub : node.subgraphs) {
    for (const auto& v : sub->inputs()) lower(v->type.dtype);
    for (const auto& v : sub->constants()) lower(v->type.dtype);
    for (const auto& n : sub->nodes()) {
      for (const auto& out : n->outputs) lower(out->type.dtype);
      if (auto d = inner_float_floor(*n)) lower(*d);
    }
  }
  return f;
}

}  // namespace

std::vector<std::optional<DType>> precision_floor_outputs(const FunctionGraph& g) {
  std::map<const Variable*, DType> floor;
  auto floor_of = [&](const Variable* v) -> std::optional<DType> {
    if (auto it = floor.find(v); it != floor.end()) return it->second;
    if (is_float(v->type.dtype)) return v->type.dtype;
    return std::nullopt;
  };
  for (const auto& node : g.nodes()) {
    std::optional<DType> f;
    auto lower = [&](std::optional<DType> d) {
      if (d) f = f ? less_precise(*f, *d) : *d;
    };
    for (const auto& in : node->inputs) lower(floor_of(in.get()));
    // Values inside IfElse branches and Scan steps round too.
    lower(inner_float_floor(*node));
    for (const auto& out : node->outputs) {
      std::optional<DType> fo = f;
      if (is_float(out->type.dtype)) fo = fo ? less_precise(*fo, out->type.dtype) : out->type.dtype;
      if (fo) floor[out.get()] = *fo;
    }
  }
  std::vector<std::optional<DType>> out;
  for (const auto& v : g.outputs()) out.push_back(floor_of(v.get()));
  return out;
}

Tolerance output_tolerance(DType out, std::optional<DType> floor) {
  Tolerance tol = Tolerance::for_dtype(out);
  if (!is_float(out) || !floor || precision_rank(*floor) >= precision_rank(out)) return tol;
  // Relative: the floor dtype's ulp budget at its machine epsilon.
  const Tolerance narrow = Tolerance::for_dtype(*floor);
  const int mantissa = *floor == DType::Float16 ? 10 : 23;
  tol.rtol = std::max(tol.rtol, static_cast<double>(narrow.max_ulps) * std::ldexp(1.0, -mantissa));
  tol.atol = std::max(tol.atol, narrow.atol);
  return tol;
}

std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::Pass: return "pass";
    case Outcome::Mismatch: return "mismatch";
    case Outcome::ConverterError: return "converter_error";
    case Outcome::CheckerRejected: return "checker_rejected";
    case Outcome::RuntimeError: return "runtime_error";
    case Outcome::OracleError: return "oracle_error";
    case Outcome::Unsupported: return "unsupported";
    case Outcome::OutOfDomain: return "out_of_domain";
    case Outcome::BackendDefect: return "backend_defect";
  }
  return "?";
}

bool is_failure(Outcome o) {
  return o != Outcome::Pass && o != Outcome::Unsupported && o != Outcome::OutOfDomain && o != Outcome::BackendDefect;
}

// An ONNX Runtime failure that a documented, unavoidable ONNX Runtime
// defect explains becomes BackendDefect, its message naming the defect.
static void classify_ort_failure(CaseResult& r, OrtFailure failure) {
  failure.message = r.message;
  const OrtDefect* d = unavoidable_ort_defect(*r.model, failure);
  if (!d) return;
  r.outcome = Outcome::BackendDefect;
  r.message = "onnxruntime defect '" + std::string(d->id) + "' (ort/defects/" + std::string(d->model_file) +
              "): " + std::string(d->summary) + "\n" + r.message;
}

// Compares r.actual with r.expected output by output; on the first
// mismatch sets r's outcome and message (prefixed by `label`) and returns
// false.
static bool compare_outputs(const FunctionGraph& g, const std::vector<Tensor>& inputs, CaseResult& r,
                     const std::vector<std::string>& output_names, const std::vector<bool>& shape_only,
                     const std::vector<std::optional<DType>>& floors, const DriverOptions& opts,
                     const std::string& label) {
  if (r.actual.size() != r.expected.size()) {
    r.outcome = Outcome::Mismatch;
    r.message = label + "the model has " + std::to_string(r.actual.size()) + " outputs, the graph " +
                std::to_string(r.expected.size());
    return false;
  }
  for (size_t i = 0; i < r.expected.size(); ++i) {
    Tolerance tol = output_tolerance(r.expected[i].dtype(), floors[i]);
    tol = apply_tolerance_rule(g, inputs, i, r.expected[i], tol);
    tol.signed_zero = opts.signed_zero;
    TensorMismatch m;
    if (shape_only[i]) {
      m = compare_shape_only(r.expected[i], r.actual[i]);
    } else if (auto judged = apply_invariant_check(g, inputs, r.expected, r.actual, i, tol)) {
      m = std::move(*judged);
    } else {
      m = compare_tensors(r.expected[i], r.actual[i], tol);
    }
    if (!m.ok) {
      r.outcome = Outcome::Mismatch;
      r.output_index = static_cast<int>(i);
      r.mismatch = m;
      r.onnx_nodes = nodes_feeding(r.model->graph(), output_names[i]);
      r.message = label + "output " + std::to_string(i) + " ('" + output_names[i] + "'): " + describe(m) +
                  "\n  ONNX nodes computing it:";
      for (const auto& n : r.onnx_nodes) r.message += "\n    " + n;
      return false;
    }
  }
  return true;
}

std::string_view backend_name(DriverOptions::Backend b) {
  switch (b) {
    case DriverOptions::Backend::Builtin: return "builtin";
    case DriverOptions::Backend::Ort: return "ort";
    case DriverOptions::Backend::Both: return "both";
  }
  return "?";
}

DriverOptions::Backend parse_backend(std::string_view name) {
  for (auto b : {DriverOptions::Backend::Builtin, DriverOptions::Backend::Ort, DriverOptions::Backend::Both})
    if (backend_name(b) == name) return b;
  throw ValidationError("unknown backend '" + std::string(name) + "' (builtin, ort or both)");
}

CaseResult run_case(const FunctionGraph& g, const std::vector<Tensor>& inputs, const DriverOptions& opts) {
  CaseResult r;
  // The oracle first: if PyTensor raises on these inputs, the case is not
  // valid and nothing else matters.
  auto t0 = Clock::now();
  try {
    r.expected = oracle::evaluate(g, inputs);
  } catch (const oracle::PyTensorRaises& e) {
    r.outcome = Outcome::OutOfDomain;
    r.message = std::string("PyTensor raises: ") + e.what();
    return r;
  } catch (const oracle::DTypeDisagreement& e) {
    // The IR's type inference departs from PyTensor's dtype rules: the
    // exported model inherits the wrong dtype, so the case fails whatever
    // the runtime computes (issue 17, item 6).
    r.outcome = Outcome::Mismatch;
    r.message = std::string("dtype: ") + e.what();
    return r;
  } catch (const std::exception& e) {
    r.outcome = Outcome::OracleError;
    r.message = std::string("oracle: ") + e.what();
    return r;
  }
  r.times.oracle_us = micros_since(t0);

  t0 = Clock::now();
  // The model's serialization: the key of the runtime's model cache, and
  // what ONNX Runtime is sent.
  std::string serialized;
  try {
    ExportOptions eo;
    eo.opset = opts.opset;
    // Validation as export_onnx does it (same opsets, same exceptions and
    // messages), through the caches: an IR graph exported before is not
    // exported again (check/conversion_cache.h), and a model that passed
    // before, byte for byte, is not validated again
    // (convert/validation_cache.h).
    const bool validate = opts.validate && opts.opset <= kMaxCheckedOpset;
    ExportOptions keyed = eo;
    keyed.validate = validate;
    std::optional<std::string> key = graph_key(g, keyed);
    std::optional<std::shared_ptr<const ConvertedModel>> hit;
    if (key) hit = ConversionCache::process().find(*key);
    if (hit) {
      r.model = (*hit)->model;
      serialized = (*hit)->serialized;
    } else {
      auto model = std::make_shared<onnx::ModelProto>();
      eo.validate = false;
      export_onnx_into(g, eo, *model);
      serialized = validate ? ValidationCache::process().validate(*model, g) : model->SerializeAsString();
      r.model = model;  // only a model that passed, as export_onnx returned it
      if (key) ConversionCache::process().insert(std::move(*key), std::make_shared<const ConvertedModel>(
                                                                      ConvertedModel{model, serialized}));
    }
  } catch (const UnsupportedError& e) {
    r.outcome = Outcome::Unsupported;
    r.message = e.what();
    return r;
  } catch (const ExportValidationError& e) {
    r.outcome = Outcome::CheckerRejected;
    r.message = e.what();
    return r;
  } catch (const std::exception& e) {
    r.outcome = Outcome::ConverterError;
    r.message = std::string("converter: ") + e.what();
    return r;
  }
  if (opts.model_transform) {
    // On a copy: the exported model may be the conversion cache's.
    auto transformed = std::make_shared<onnx::ModelProto>(*r.model);
    r.model = transformed;
    try {
      opts.model_transform(*transformed, g, inputs);
    } catch (const std::exception& e) {
      r.outcome = Outcome::CheckerRejected;
      r.message = std::string("model transform: ") + e.what();
      return r;
    }
    serialized.clear();  // serialized below only if ONNX Runtime needs it
  }
  r.times.convert_us = micros_since(t0);

  t0 = Clock::now();
  const std::vector<std::string> names = fed_input_names(r.model->graph());
  if (names.size() != inputs.size()) {
    r.outcome = Outcome::RuntimeError;
    r.message = "runtime: the model has " + std::to_string(names.size()) + " inputs to feed, the graph " +
                std::to_string(inputs.size());
    return r;
  }
  std::vector<std::string> output_names;
  for (const auto& o : r.model->graph().output()) output_names.push_back(o.name());
  const std::vector<bool> shape_only = shape_only_outputs(g);
  const std::vector<std::optional<DType>> floors = precision_floor_outputs(g);
  const bool builtin = opts.backend != DriverOptions::Backend::Ort;
  const bool ort = opts.backend != DriverOptions::Backend::Builtin;
  // With both backends, messages name the one that disagreed.
  const std::string built_in_label = ort ? "built-in runtime: " : "";
  if (builtin) {
    try {
      runtime::RuntimeOptions runtime_options;
      runtime_options.adversarial = opts.adversarial;
      // Loaded once per distinct model and options (runtime/model_cache.h),
      // except a transformed model: `ptonnx mutate` plants a different
      // mutant in nearly every case, so caching them only evicts (that made
      // `ptonnx mutate --tier 1` slower: 6.8 s user before the caches).
      const auto model = opts.model_transform
                             ? std::make_shared<const runtime::Model>(*r.model, runtime_options)
                             : runtime::ModelCache::process().get(*r.model, serialized, runtime_options);
      runtime::NamedTensors feed;
      for (size_t i = 0; i < names.size(); ++i) feed[names[i]] = inputs[i];
      auto outs = model->run(feed);
      for (const auto& name : output_names) r.actual.push_back(outs.at(name));
    } catch (const std::exception& e) {
      r.outcome = Outcome::RuntimeError;
      r.message = std::string("runtime: ") + e.what();
      return r;
    }
    r.times.run_us = micros_since(t0);
    t0 = Clock::now();
    if (!compare_outputs(g, inputs, r, output_names, shape_only, floors, opts, built_in_label)) return r;
    r.times.compare_us = micros_since(t0);
  }
  if (ort) {
    t0 = Clock::now();
    std::vector<std::pair<std::string, Tensor>> feed;
    for (size_t i = 0; i < names.size(); ++i) feed.emplace_back(names[i], inputs[i]);
    if (serialized.empty()) serialized = r.model->SerializeAsString();
    ort::OrtRun run = ort::OrtWorker::shared().run(serialized, feed);
    if (run.status != ort::OrtRun::Status::Ok) {
      r.outcome = Outcome::RuntimeError;
      r.message = run.message;
      if (run.status == ort::OrtRun::Status::LoadFailed || run.status == ort::OrtRun::Status::RunFailed)
        classify_ort_failure(r, {run.status == ort::OrtRun::Status::LoadFailed ? OrtFailure::Kind::Load
                                                                                : OrtFailure::Kind::Run,
                                 "", ""});
      return r;
    }
    r.times.run_us += micros_since(t0);
    r.actual = std::move(run.outputs);
    if (!compare_outputs(g, inputs, r, output_names, shape_only, floors, opts, "onnxruntime: ")) {
      const auto i = static_cast<size_t>(r.output_index);
      classify_ort_failure(r, {OrtFailure::Kind::Mismatch, "", i < output_names.size() ? output_names[i] : ""});
      return r;
    }
  }
  return r;
}

std::vector<std::string> fed_input_names(const onnx::GraphProto& g) {
  std::set<std::string> inits;
  for (const auto& t : g.initializer()) inits.insert(t.name());
  std::vector<std::string> names;
  for (const auto& in : g.input())
    if (!inits.count(in.name())) names.push_back(in.name());
  return names;
}

}  // namespace ptonnx::check
