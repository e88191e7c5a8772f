// Accuracy of the exported tier-4 Loops against LAPACK over the property
// corpus: for each op, dtype and generated case (the op's sample spec, the
// cases its property draws), the largest normwise relative difference
//   max_i |runtime_i - reference_i| / max_i |reference_i|
// over the op's unique outputs (eigenvalues, singular values, the
// pseudo-inverse, the least-squares x, exp(A), |R|; eigenvectors and
// singular vectors are not unique and are judged by invariants instead,
// docs/comparison.md). In float32 the reference is LAPACK in float64 on
// the same values (the op rebuilt with float64 inputs), and LAPACK's own
// float32 result is measured against it too, side by side; in float64 the
// table gives the export's distance from LAPACK (no higher-precision
// reference), with LAPACK's backward error bound u ~ 1.1e-16 for scale.
// Cases PyTensor refuses (out of domain) are skipped. Not a benchmark of
// time:
//
//   build/bench/linalg_accuracy [CASES]      (default 200 per op and dtype)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "check/driver.h"
#include "generators/sample_spec.h"
#include "graph/builder.h"
#include "oracles/oracle.h"

namespace {

using namespace ptonnx;

// The outputs of each op whose values are unique (compared here), and
// whether to compare magnitudes (QR's R: rows unique up to sign).
struct Unique {
  std::vector<size_t> outputs;
  bool magnitudes = false;
};

std::map<std::string, std::function<Unique(const Node&)>> unique_outputs() {
  return {
      {"Eigh", [](const Node&) { return Unique{{0}}; }},
      {"SVD", [](const Node& n) { return Unique{{n.outputs.size() == 3 ? size_t{1} : size_t{0}}}; }},
      {"Expm", [](const Node&) { return Unique{{0}}; }},
      {"MatrixPinv", [](const Node&) { return Unique{{0}}; }},
      {"Lstsq", [](const Node&) { return Unique{{0, 3}}; }},
      {"QR", [](const Node& n) { return Unique{{n.outputs.size() - 1}, true}; }},  // R: the last output in every mode
  };
}

double relative_difference(const Tensor& got, const Tensor& ref, bool magnitudes) {
  double num = 0, den = 0;
  if (got.numel() != ref.numel()) return NAN;
  for (int64_t i = 0; i < ref.numel(); ++i) {
    double g = got.get_as_double(i), r = ref.get_as_double(i);
    if (magnitudes) g = std::abs(g), r = std::abs(r);
    if (!std::isfinite(g) || !std::isfinite(r)) return NAN;
    num = std::max(num, std::abs(g - r));
    den = std::max(den, std::abs(r));
  }
  return den > 0 ? num / den : (num > 0 ? INFINITY : 0);
}

// Whether R (K x N, or its leading K x K) has a diagonal entry below
// `relative` of its largest entry (about sqrt(eps), or float32's noise): a numerically rank-deficient A, whose
// later rows of R are one valid choice among many (compared by invariants
// in the property, not here).
bool rank_deficient_r(const Tensor& r, double relative) {
  if (r.rank() != 2) return false;
  const int64_t k = std::min(r.shape()[0], r.shape()[1]), n = r.shape()[1];
  double largest = 0;
  for (int64_t i = 0; i < r.numel(); ++i) largest = std::max(largest, std::abs(r.get_as_double(i)));
  for (int64_t i = 0; i < k; ++i)
    if (std::abs(r.get_as_double(i * n + i)) <= relative * largest) return true;
  return false;
}

// The op of the case's one node, rebuilt on float64 inputs and evaluated by
// the oracle: LAPACK in double on the same values. Empty when the case has
// more than one node or a constant input.
std::vector<Tensor> float64_reference(const gen::Case& c) {
  const auto& nodes = c.graph->nodes();
  if (nodes.size() != 1 || !c.graph->constants().empty()) return {};
  const Node& node = *nodes[0];
  std::vector<VarRef> inputs;
  std::vector<Tensor> values;
  for (size_t k = 0; k < c.graph->inputs().size(); ++k) {
    const auto& v = c.graph->inputs()[k];
    inputs.push_back(pt::tensor(v->name.empty() ? "x" + std::to_string(k) : v->name, "float64", v->type.shape));
    const Tensor& x = c.inputs[k];
    Tensor y(DType::Float64, x.shape());
    for (int64_t i = 0; i < x.numel(); ++i) y.set_from_double(i, x.get_as_double(i));
    values.push_back(y);
  }
  std::vector<VarRef> node_inputs;
  for (const auto& in : node.inputs)
    for (size_t k = 0; k < inputs.size(); ++k)
      if (in == c.graph->inputs()[k]) node_inputs.push_back(inputs[k]);
  if (node_inputs.size() != node.inputs.size()) return {};
  try {
    FunctionGraph g(inputs, pt::op(node.op, node_inputs, node.attrs));
    return oracle::evaluate(g, values);
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int cases = argc > 1 ? std::atoi(argv[1]) : 200;
  std::printf("%-10s %-8s %6s %12s %12s %12s %12s\n", "op", "dtype", "cases", "export max", "export med",
              "LAPACK max", "LAPACK med");
  for (const auto& [op, which] : unique_outputs()) {
    const gen::SampleSpec* spec = gen::find_spec(op);
    if (!spec) continue;
    for (DType t : {DType::Float32, DType::Float64}) {
      bool declared = false;
      for (DType d : spec->dtypes) declared = declared || d == t;
      if (!declared) continue;
      std::vector<double> export_errs, lapack_errs;
      for (int i = 0; i < cases; ++i) {
        const rc::Random rnd(static_cast<uint64_t>(7919 * i + 17) ^ std::hash<std::string>{}(op));
        gen::Case c;
        try {
          c = spec->gen(t)(rnd, i % 100).value();
        } catch (const std::exception&) {
          continue;  // a discarded draw
        }
        check::DriverOptions o;
        o.opset = 17;
        const auto r = check::run_case(*c.graph, c.inputs, o);
        if (r.outcome != check::Outcome::Pass) continue;
        const Unique u = which(*c.graph->nodes().back());
        std::vector<Tensor> ref = r.expected;
        std::vector<Tensor> f64;
        if (t == DType::Float32) {
          f64 = float64_reference(c);
          if (f64.empty()) continue;
        }
        if (op == "QR" && rank_deficient_r(ref.back(), t == DType::Float32 ? 1e-3 : 1.5e-8)) continue;
        double export_err = -1, lapack_err = 0;
        for (size_t k : u.outputs) {
          const Tensor& reference = t == DType::Float32 ? f64.at(k) : ref.at(k);
          const double e = relative_difference(r.actual.at(k), reference, u.magnitudes);
          if (std::isnan(e)) continue;
          export_err = std::max(export_err, e);
          if (t == DType::Float32)
            lapack_err = std::max(lapack_err, relative_difference(ref.at(k), reference, u.magnitudes));
        }
        if (export_err < 0) continue;
        export_errs.push_back(export_err);
        lapack_errs.push_back(lapack_err);
      }
      const auto max_of = [](std::vector<double> v) { return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()); };
      const auto median_of = [](std::vector<double> v) {
        if (v.empty()) return 0.0;
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
        return v[v.size() / 2];
      };
      const int compared = static_cast<int>(export_errs.size());
      if (t == DType::Float32)
        std::printf("%-10s %-8s %6d %12.3g %12.3g %12.3g %12.3g\n", op.c_str(), "float32", compared, max_of(export_errs),
                    median_of(export_errs), max_of(lapack_errs), median_of(lapack_errs));
      else
        std::printf("%-10s %-8s %6d %12.3g %12.3g %12s %12s\n", op.c_str(), "float64", compared, max_of(export_errs),
                    median_of(export_errs), "(reference)", "");
    }
  }
  return 0;
}
