// The table of ONNX Runtime defects (ort_defects.h). Each matcher looks at
// the nodes that compute the failing output, so an unrelated node of the
// same type elsewhere in the model does not match.
#include "check/ort_defects.h"

#include <set>

namespace ptonnx::check {

namespace {

// The main-graph nodes the value `name` depends on (all of them when the
// name is empty, e.g. for a load failure).
std::vector<const onnx::NodeProto*> feeding(const onnx::GraphProto& g, const std::string& name) {
  std::vector<const onnx::NodeProto*> out;
  std::set<std::string> wanted{name};
  for (int i = g.node_size() - 1; i >= 0; --i) {
    const auto& n = g.node(i);
    bool feeds = name.empty();
    for (const auto& o : n.output()) feeds = feeds || wanted.count(o) > 0;
    if (!feeds) continue;
    out.push_back(&n);
    for (const auto& in : n.input()) wanted.insert(in);
  }
  return out;
}

int64_t int_attr(const onnx::NodeProto& n, const std::string& name, int64_t fallback) {
  for (const auto& a : n.attribute())
    if (a.name() == name) return a.i();
  return fallback;
}

// ArgMax/ArgMin with keepdims=0 and a negative axis on an empty input give
// the input's shape (the reduced axis kept) instead of the reduced shape.
bool argmax_negative_axis(const onnx::ModelProto& m, const OrtFailure& f) {
  for (const auto* n : feeding(m.graph(), f.output_name))
    if ((n->op_type() == "ArgMax" || n->op_type() == "ArgMin") && int_attr(*n, "keepdims", 1) == 0 &&
        int_attr(*n, "axis", 0) < 0)
      return true;
  return false;
}

// Integer Pow computed through double: wrong once the result passes 2^53.
bool integer_pow(const onnx::ModelProto& m, const OrtFailure& f) {
  for (const auto* n : feeding(m.graph(), f.output_name))
    if (n->op_type() == "Pow") return true;
  return false;
}

// A float Add of a constant zero between Casts: the optimizer drops it,
// keeping -0.0.
bool add_zero(const onnx::ModelProto& m, const OrtFailure& f) {
  for (const auto* n : feeding(m.graph(), f.output_name))
    if (n->op_type() == "Add") return true;
  return false;
}

// int64 ReduceMax/ReduceMin (the vectorised path).
bool int64_extremum(const onnx::ModelProto& m, const OrtFailure& f) {
  for (const auto* n : feeding(m.graph(), f.output_name))
    if (n->op_type() == "ReduceMax" || n->op_type() == "ReduceMin") return true;
  return false;
}

}  // namespace

const std::vector<OrtDefect>& ort_defects() {
  static const std::vector<OrtDefect> table{
      {"argmax-negative-axis-empty",
       "ArgMax/ArgMin with keepdims=0 and a negative axis on an empty input return the input's shape (the "
       "reduced axis kept); ArgMax-13: \"If keepdims equals 0, then the resulting tensor has the reduced "
       "dimension pruned\"",
       "argmax_negative_axis_empty.onnxtxt",
       "the converter emits non-negative axes (lib/convert/ops/reduction_arg.cpp)", OrtFailure::Kind::Mismatch,
       argmax_negative_axis},
      {"pow-int64-through-double",
       "integer Pow is computed in double: 3^39 in int64 gives 4052555153018976256, not 4052555153018976267; "
       "Pow-15 defines the result as x^y for integer types",
       "pow_int64_through_double.onnxtxt", "integer Pow is converted to exponentiation by squaring (issue 18)",
       OrtFailure::Kind::Mismatch, integer_pow},
      {"add-zero-elimination",
       "the graph optimizer (level basic and up, the default) drops Add(x, 0) between a Cast to double and one "
       "back, so -0.0 + 0 gives -0.0, not IEEE 754's +0.0 (Add-14: element-wise addition)",
       "add_zero_elimination.onnxtxt",
       "float sums are made +0.0 with Where(x == 0, 0, x) (lib/convert/ops/reduction.cpp plus_zero)",
       OrtFailure::Kind::Mismatch, add_zero},
      {"reducemax-int64-low-word",
       "int64 ReduceMax/ReduceMin over 4 or more contiguous elements compare the low 32 bits as signed: the max "
       "of [256, 4294967295, 0, 0] is 256 (ReduceMax-13: the maximum of the input elements)",
       "reducemax_int64_low_word.onnxtxt",
       "int64/uint64 extrema reduce their 32-bit halves as int32 (lib/convert/ops/reduction.cpp extremum_int64)",
       OrtFailure::Kind::Mismatch, int64_extremum},
  };
  return table;
}

const OrtDefect* unavoidable_ort_defect(const onnx::ModelProto& model, const OrtFailure& failure) {
  for (const auto& d : ort_defects())
    if (d.workaround.empty() && d.kind == failure.kind && d.matches(model, failure)) return &d;
  return nullptr;
}

}  // namespace ptonnx::check
