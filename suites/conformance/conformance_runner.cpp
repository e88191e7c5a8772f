#include "conformance_runner.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <onnx/onnx-data_pb.h>
#include <set>

#include "check/compare.h"
#include "core/tensor_proto.h"
#include "runtime/model.h"

namespace ptonnx::conformance {

namespace fs = std::filesystem;

std::string_view status_name(Status s) {
  switch (s) {
    case Status::Pass: return "pass";
    case Status::Fail: return "fail";
    case Status::Unsupported: return "unsupported";
    case Status::Error: return "error";
  }
  return "error";
}

std::string CaseResult::to_json() const {
  nlohmann::json j;
  j["suite"] = suite;
  j["case"] = name;
  j["status"] = status_name(status);
  j["ops"] = ops;
  j["missing_ops"] = missing_ops;
  j["max_abs_error"] = std::isfinite(max_abs_error) ? max_abs_error : -1.0;
  j["message"] = message;
  j["seconds"] = seconds;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The one comparison helper of the project (lib/check/compare.h), with the
// ONNX backend runner's rtol/atol and no ulp allowance: NaN equals NaN,
// infinities must match exactly, integers and bools exactly, dtype and
// shape exactly.
std::optional<std::string> compare_outputs(const Tensor& expected, const Tensor& actual, const Tolerance& tol,
                                           double& max_abs_error) {
  check::Tolerance t;
  t.rtol = tol.rtol;
  t.atol = tol.atol;
  t.max_ulps = 0;
  const check::TensorMismatch m = check::compare_tensors(expected, actual, t);
  if (std::isfinite(m.max_abs_error)) max_abs_error = std::max(max_abs_error, m.max_abs_error);
  if (m.ok) return std::nullopt;
  return check::describe(m);
}

namespace {

std::vector<fs::path> sorted_files(const fs::path& dir, const std::string& prefix) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().rfind(prefix, 0) == 0) out.push_back(e.path());
  // input_10.pb must sort after input_9.pb.
  std::sort(out.begin(), out.end(), [&](const fs::path& a, const fs::path& b) {
    auto num = [&](const fs::path& p) {
      const std::string s = p.stem().string().substr(prefix.size());
      return s.empty() ? 0L : std::strtol(s.c_str(), nullptr, 10);
    };
    return num(a) < num(b);
  });
  return out;
}

template <typename Proto>
Proto parse_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  Proto p;
  if (!in || !p.ParseFromIstream(&in)) throw ValidationError("cannot parse " + path.string());
  return p;
}

std::vector<Tensor> sequence_tensors(const onnx::SequenceProto& s) {
  if (s.elem_type() != onnx::SequenceProto::TENSOR && s.elem_type() != onnx::SequenceProto::UNDEFINED)
    throw UnsupportedError("a sequence of non-tensors (elem_type " + std::to_string(s.elem_type()) + ")");
  std::vector<Tensor> items;
  for (const auto& t : s.tensor_values()) items.push_back(from_tensor_proto(t));
  return items;
}

std::optional<DType> declared_elem(const onnx::TypeProto_Tensor& t) {
  return t.elem_type() ? dtype_from_onnx(t.elem_type()) : std::nullopt;
}

// A test-data file read as the value its graph input or output declares: a
// TensorProto, a SequenceProto or an OptionalProto.
runtime::Value read_value(const fs::path& path, const onnx::TypeProto& type) {
  using runtime::Container;
  if (type.has_sequence_type()) {
    const auto s = parse_file<onnx::SequenceProto>(path);
    auto items = sequence_tensors(s);
    std::optional<DType> elem = declared_elem(type.sequence_type().elem_type().tensor_type());
    if (!elem && !items.empty()) elem = items[0].dtype();
    return runtime::make_sequence(std::move(items), elem);
  }
  if (type.has_optional_type()) {
    const auto o = parse_file<onnx::OptionalProto>(path);
    const auto& elem_type = type.optional_type().elem_type();
    auto c = std::make_shared<Container>();
    if (elem_type.has_sequence_type()) {
      c->kind = Container::Kind::OptionalSequence;
      c->elem_dtype = declared_elem(elem_type.sequence_type().elem_type().tensor_type());
      c->present = o.has_sequence_value();
      if (c->present) c->items = sequence_tensors(o.sequence_value());
    } else {
      c->kind = Container::Kind::OptionalTensor;
      c->elem_dtype = declared_elem(elem_type.tensor_type());
      c->present = o.has_tensor_value();
      if (c->present) c->items.push_back(from_tensor_proto(o.tensor_value()));
    }
    if (!c->elem_dtype && !c->items.empty()) c->elem_dtype = c->items[0].dtype();
    return runtime::ContainerPtr(std::move(c));
  }
  return read_tensor_proto_file(path.string());
}

// compare_outputs over values: the same kind, presence and length, then
// every tensor.
std::optional<std::string> compare_values(const runtime::Value& expected, const runtime::Value& actual,
                                          const Tolerance& tol, double& max_abs_error) {
  if (const Tensor* e = std::get_if<Tensor>(&expected)) {
    const Tensor* a = std::get_if<Tensor>(&actual);
    if (!a) return "expected a tensor, got a " + std::get<runtime::ContainerPtr>(actual)->describe();
    return compare_outputs(*e, *a, tol, max_abs_error);
  }
  const auto& e = *std::get<runtime::ContainerPtr>(expected);
  const auto* a = std::get_if<runtime::ContainerPtr>(&actual);
  if (!a) return "expected a " + e.describe() + ", got a tensor";
  if ((*a)->kind != e.kind || (*a)->present != e.present || (*a)->items.size() != e.items.size())
    return "expected a " + e.describe() + ", got a " + (*a)->describe();
  for (size_t i = 0; i < e.items.size(); ++i)
    if (auto diff = compare_outputs(e.items[i], (*a)->items[i], tol, max_abs_error))
      return "tensor #" + std::to_string(i) + ": " + *diff;
  return std::nullopt;
}

void run_data_sets(const runtime::Model& model, const onnx::ModelProto& proto, const fs::path& dir,
                   const Tolerance& tol, CaseResult& r) {
  const auto& g = proto.graph();
  std::set<std::string> initialized;
  for (const auto& i : g.initializer()) initialized.insert(i.name());
  std::vector<const onnx::ValueInfoProto*> graph_inputs;
  for (const auto& i : g.input())
    if (!initialized.count(i.name())) graph_inputs.push_back(&i);
  for (const auto& set_dir : sorted_files(dir, "test_data_set_")) {
    const auto in_files = sorted_files(set_dir, "input_");
    const auto out_files = sorted_files(set_dir, "output_");
    runtime::NamedValues inputs;
    for (size_t k = 0; k < in_files.size() && k < graph_inputs.size(); ++k)
      inputs[graph_inputs[k]->name()] = read_value(in_files[k], graph_inputs[k]->type());
    const auto outputs = model.run_values(inputs);
    for (size_t k = 0; k < out_files.size() && k < static_cast<size_t>(g.output_size()); ++k) {
      const auto& out = g.output(static_cast<int>(k));
      const runtime::Value expected = read_value(out_files[k], out.type());
      const std::string& name = out.name();
      double err = 0.0;
      auto diff = compare_values(expected, outputs.at(name), tol, err);
      r.max_abs_error = std::max(r.max_abs_error, err);
      if (diff && r.status != Status::Fail) {
        r.status = Status::Fail;
        r.message = set_dir.filename().string() + " output '" + name + "': " + *diff;
      }
    }
  }
}

}  // namespace

CaseResult run_case(const std::string& suite, const std::string& case_dir, const Tolerance& tol) {
  CaseResult r;
  r.suite = suite;
  r.name = fs::path(case_dir).filename().string();
  const auto start = std::chrono::steady_clock::now();
  try {
    const onnx::ModelProto proto = runtime::read_model_file((fs::path(case_dir) / "model.onnx").string());
    std::set<std::string> ops;
    for (const auto& n : proto.graph().node()) ops.insert(n.op_type());
    r.ops.assign(ops.begin(), ops.end());
    std::set<std::string> missing;
    for (const auto& m : runtime::find_missing_kernels(proto))
      missing.insert(m.domain + ":" + m.op_type + "@" + std::to_string(m.opset));
    r.missing_ops.assign(missing.begin(), missing.end());
    if (!missing.empty()) {
      r.status = Status::Unsupported;
      r.message = "no kernel for " + std::to_string(missing.size()) + " op(s)";
    } else {
      const runtime::Model model(proto);
      r.status = Status::Pass;
      run_data_sets(model, proto, case_dir, tol, r);
    }
  } catch (const UnsupportedError& e) {
    r.status = Status::Unsupported;
    r.message = e.what();
  } catch (const std::exception& e) {
    r.status = Status::Error;
    r.message = e.what();
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

std::string default_data_dir() {
  const char* env = std::getenv("PTONNX_ONNX_TESTDATA");
  return env && *env ? env : "/usr/share/libonnx-testdata/data";
}

std::vector<CaseResult> run_all(const RunOptions& options) {
  std::vector<CaseResult> out;
  for (const auto& suite : options.suites) {
    const fs::path dir = fs::path(options.data_dir) / suite;
    if (!fs::is_directory(dir)) continue;
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(dir))
      if (fs::exists(e.path() / "model.onnx")) cases.push_back(e.path());
    std::sort(cases.begin(), cases.end());
    for (const auto& c : cases) {
      if (options.filter && !std::regex_search(suite + "/" + c.filename().string(), *options.filter)) continue;
      out.push_back(run_case(suite, c.string()));
    }
  }
  return out;
}

void print_summary(const std::vector<CaseResult>& results, std::ostream& out) {
  std::map<std::string, std::map<Status, int>> counts;
  for (const auto& r : results) {
    ++counts[r.suite][r.status];
    ++counts["total"][r.status];
  }
  for (const auto& [suite, c] : counts) {
    auto n = [&c = c](Status s) { return c.count(s) ? c.at(s) : 0; };
    out << suite << ": " << n(Status::Pass) << " pass";
    for (Status s : {Status::Fail, Status::Unsupported, Status::Error}) out << ", " << n(s) << " " << status_name(s);
    out << "\n";
  }
}

void write_jsonl(const std::vector<CaseResult>& results, const std::string& path) {
  const fs::path p(path);
  if (p.has_parent_path()) fs::create_directories(p.parent_path());
  std::ofstream f(path);
  if (!f) throw Error("cannot write " + path);
  for (const auto& r : results) f << r.to_json() << "\n";
}

}  // namespace ptonnx::conformance
