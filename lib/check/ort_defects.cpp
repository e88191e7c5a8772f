// The table of ONNX Runtime defects (ort_defects.h). Each matcher looks at
// the nodes that compute the failing output, so an unrelated node of the
// same type elsewhere in the model does not match.
#include "check/ort_defects.h"

#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <string_view>

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

// The element type of every value of the main graph that shape inference
// can type: inputs, intermediates, outputs, initializers and Constant
// nodes' outputs (onnx::TensorProto_DataType codes).
std::map<std::string, int> elem_types(const onnx::ModelProto& m) {
  onnx::ModelProto inferred = m;
  onnx::shape_inference::InferShapes(inferred, onnx::OpSchemaRegistry::Instance());
  std::map<std::string, int> types;
  auto note = [&](const onnx::ValueInfoProto& v) { types[v.name()] = v.type().tensor_type().elem_type(); };
  for (const auto& v : inferred.graph().input()) note(v);
  for (const auto& v : inferred.graph().value_info()) note(v);
  // A graph output that also feeds an op is typed here only (shape
  // inference records intermediates in value_info, not outputs).
  for (const auto& v : inferred.graph().output()) note(v);
  for (const auto& t : inferred.graph().initializer()) types[t.name()] = t.data_type();
  for (const auto& n : inferred.graph().node())  // Constant nodes: typed by their value
    if (n.op_type() == "Constant" && n.attribute_size() > 0 && n.attribute(0).has_t())
      types[n.output(0)] = n.attribute(0).t().data_type();
  return types;
}

bool input0_has_type(const onnx::NodeProto& n, const std::map<std::string, int>& types, int type) {
  if (n.input_size() == 0) return false;
  const auto it = types.find(n.input(0));
  return it != types.end() && it->second == type;
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

bool has_op(const std::vector<const onnx::NodeProto*>& nodes, std::string_view op) {
  for (const auto* n : nodes)
    if (n->op_type() == op) return true;
  return false;
}

// The number after `key` in a comparison message ("max rel err 1.5e-06"),
// or NaN when absent.
double number_after(const std::string& message, std::string_view key) {
  const size_t at = message.find(key);
  if (at == std::string::npos) return std::nan("");
  return std::strtod(message.c_str() + at + key.size(), nullptr);
}

// The element type of the graph output the mismatch names ("output 0
// ('y0'): float16[2]: ..."), as printed.
bool output_type_is(const OrtFailure& f, std::string_view type) {
  return f.message.find("): " + std::string(type) + "[") != std::string::npos;
}

// Where(c, x, y) selecting a -0.0 from x gives +0.0; a mismatch made only
// of such zeros (max abs err 0) with a Where computing the output.
bool where_negative_zero(const onnx::ModelProto& m, const OrtFailure& f) {
  return f.message.find("expected -0, got 0") != std::string::npos && number_after(f.message, "max abs err ") == 0.0 &&
         has_op(feeding(m.graph(), f.output_name), "Where");
}

// Ops ONNX Runtime has no float16 kernel for, which it runs in float32
// between Casts it inserts and then merges across consecutive nodes.
bool computed_in_float32(const onnx::NodeProto& n) {
  static const std::set<std::string> ops{"Exp", "Log", "Ceil", "Floor",   "Round",    "Sqrt", "Reciprocal", "Sin",
                                         "Cos", "Tan", "Tanh", "Sigmoid", "Softplus", "Erf",  "Pow",        "Div",
                                         "Sub", "Mul", "Add",  "Abs",     "Neg",      "Sign", "Relu",       "Mod"};
  return ops.count(n.op_type()) > 0;
}

// A float16 output computed by two or more such nodes: the intermediate is
// never rounded to float16.
bool float16_chain(const onnx::ModelProto& m, const OrtFailure& f) {
  if (!output_type_is(f, "float16")) return false;
  int computing = 0;
  for (const auto* n : feeding(m.graph(), f.output_name)) computing += computed_in_float32(*n) ? 1 : 0;
  return computing >= 2;
}

// ONNX Runtime's vectorised transcendental functions are approximations:
// a mismatch within a relative error of 1e-5 or an absolute one of 1e-5
// (float32; its Sigmoid is accurate to ~1e-7 absolute, so relatively far
// off for small results, and SiLU's x * Sigmoid(x) scales that by x), or
// 1e-12 / 1e-13 (float64), with such a function computing the output. The
// precision is the function's, not the output's: a float32 Exp cast to
// float64 and raised to the 31st power (a tier-1 graph, seed
// 2519187327617031025) is off by 2.4e-6 relative in a float64 output. NaN
// and inf differences have no finite error.
bool transcendental_accuracy(const onnx::ModelProto& m, const OrtFailure& f) {
  static const std::set<std::string> ops{"Exp", "Log", "Sin", "Cos", "Tanh", "Sigmoid", "Softplus", "Pow", "Erf"};
  const double rel = number_after(f.message, "max rel err "), abs = number_after(f.message, "max abs err ");
  bool computing = false, in_single = output_type_is(f, "float32");
  std::map<std::string, int> types;
  for (const auto* n : feeding(m.graph(), f.output_name)) {
    if (!ops.count(n->op_type())) continue;
    if (!computing) types = elem_types(m);
    computing = true;
    in_single = in_single || input0_has_type(*n, types, onnx::TensorProto_DataType_FLOAT);
  }
  if (!computing) return false;
  if (in_single) return rel <= 1e-5 || abs <= 1e-5;
  return output_type_is(f, "float64") && (rel <= 1e-12 || abs <= 1e-13);
}

// A float sum or product whose order of operations ONNX leaves open
// computes the mismatching output. Integer reductions are exact modulo 2^w
// in any order (and the converter makes them so), so only float outputs;
// and a difference in the sign of zero alone (max abs err 0) is never the
// order's: NumPy's +0.0 from its identity is add-zero-elimination's case.
bool float_reduction_order(const onnx::ModelProto& m, const OrtFailure& f) {
  if (!output_type_is(f, "float16") && !output_type_is(f, "float32") && !output_type_is(f, "float64")) return false;
  if (!(number_after(f.message, "max abs err ") > 0)) return false;
  static const std::set<std::string> ops{"ReduceSum", "ReduceProd", "ReduceMean", "ReduceSumSquare"};
  const auto types = elem_types(m);
  for (const auto* n : feeding(m.graph(), f.output_name))
    if (ops.count(n->op_type()) &&
        (input0_has_type(*n, types, onnx::TensorProto_DataType_FLOAT) ||
         input0_has_type(*n, types, onnx::TensorProto_DataType_DOUBLE) ||
         input0_has_type(*n, types, onnx::TensorProto_DataType_FLOAT16)))
      return true;
  return false;
}

// "Could not find an implementation for Tan(7) ...": one of the unary ops
// ONNX Runtime implements for float only, on a double input.
bool no_double_kernel(const onnx::ModelProto& m, const OrtFailure& f) {
  static const std::set<std::string> ops{"Tan",  "Asin",  "Acos",  "Atan",  "Sinh",
                                         "Cosh", "Asinh", "Acosh", "Atanh", "Erf"};
  const std::string key = "Could not find an implementation for ";
  const size_t at = f.message.find(key);
  if (at == std::string::npos) return false;
  const size_t start = at + key.size();
  const std::string op = f.message.substr(start, f.message.find('(', start) - start);
  if (!ops.count(op)) return false;
  const auto types = elem_types(m);
  for (const auto& n : m.graph().node())
    if (n.op_type() == op && input0_has_type(n, types, onnx::TensorProto_DataType_DOUBLE)) return true;
  return false;
}

// The optimizer's QuickGelu fusion of x * Sigmoid(x), a contrib op with a
// float kernel only, on double.
bool quickgelu_double(const onnx::ModelProto& m, const OrtFailure& f) {
  return f.message.find("QuickGelu") != std::string::npos && f.message.find("tensor(double)") != std::string::npos &&
         has_op(feeding(m.graph(), ""), "Sigmoid");
}

// int64/uint64 elementwise Max/Min.
bool int64_elementwise_extremum(const onnx::ModelProto& m, const OrtFailure& f) {
  return has_op(feeding(m.graph(), f.output_name), "Max") || has_op(feeding(m.graph(), f.output_name), "Min");
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
      {"max-int64-low-word",
       "int64 Max/Min (element-wise) get operands wrong that differ in the low word's top bit: Max(4294967295, 0) "
       "is 0 (Max-13: the element-wise maximum)",
       "max_int64_low_word.onnxtxt",
       "64-bit Max/Min as Greater/Less and a select (lib/convert/portable.cpp extremum_64)", OrtFailure::Kind::Mismatch,
       int64_elementwise_extremum},
      // The rest have no workaround: a failure they explain is recorded as
      // a backend defect. The built-in runtime (normal and spec-adversarial)
      // still judges the converter on every such case.
      {"where-x-negative-zero",
       "Where(c, x, y) gives +0.0 where it selects a -0.0 from x (from y it keeps -0.0); Where-16: \"elements "
       "from X, otherwise from Y\". Only a sign-restoring Mul after every float Where would avoid it",
       "where_x_negative_zero.onnxtxt", "", OrtFailure::Kind::Mismatch, where_negative_zero},
      {"float16-chain-in-float32",
       "float16 ops without a float16 kernel (Exp, Ceil, ...) run in float32 between inserted Casts, and the Casts "
       "between consecutive ones are dropped, so intermediates are never rounded to float16: Ceil(Exp(-17.5)) is 1, "
       "not 0 (Exp gives 2.5e-8, which is 0 in float16)",
       "float16_chain_in_float32.onnxtxt", "", OrtFailure::Kind::Mismatch, float16_chain},
      {"transcendental-approximation",
       "Sigmoid, Exp, Log, Sin, Tanh, ... are vectorised approximations: float32 Sigmoid(-4) is 0.017986238, 15 ulp "
       "from 0.0179862101, Sigmoid(-8) 0.000335425 for 0.000335350 (absolute 7.5e-8, 2577 ulp); float64 Sigmoid, "
       "Sin, Exp and Log up to ~2000 ulp of small results (relative 3e-13). The spec states no accuracy; ptonnx's "
       "per-op tolerances are NumPy's",
       "sigmoid_float32_approximation.onnxtxt", "", OrtFailure::Kind::Mismatch, transcendental_accuracy},
      {"float-reduction-order",
       "float ReduceSum/ReduceProd/ReduceMean add or multiply in their own (vectorised) order: ReduceSum of [1e30, "
       "-1e30, 0, 0.25] is 0, where NumPy's sum in index order (pairwise only past 8 elements) gives 0.25; a product "
       "through a subnormal underflows or not by order. Not a departure from the spec, which leaves the order "
       "open; NumPy's order could be forced only by a Loop per element",
       "reducesum_order.onnxtxt", "", OrtFailure::Kind::Mismatch, float_reduction_order},
      {"no-double-kernel",
       "Tan, Asin, Acos, Atan, Sinh, Cosh, Asinh, Acosh, Atanh and Erf have float kernels only, while their specs "
       "declare tensor(double); no exact float64 form exists from the kernels ONNX Runtime has",
       "tan_no_double_kernel.onnxtxt", "", OrtFailure::Kind::Load, no_double_kernel},
      {"quickgelu-fusion-double",
       "the optimizer fuses x * Sigmoid(x) into com.microsoft.QuickGelu, which has a float kernel only: a valid "
       "float64 model (SiLU) fails to load",
       "quickgelu_fusion_double.onnxtxt", "", OrtFailure::Kind::Load, quickgelu_double},
  };
  return table;
}

const OrtDefect* unavoidable_ort_defect(const onnx::ModelProto& model, const OrtFailure& failure) {
  for (const auto& d : ort_defects())
    if (d.workaround.empty() && d.kind == failure.kind && d.matches(model, failure)) return &d;
  return nullptr;
}

}  // namespace ptonnx::check
