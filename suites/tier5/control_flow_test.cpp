// Tier-5 control flow: IfElse -> ONNX If, Scan -> ONNX Loop.
//
// Structure: what the export emits at every opset (an If with then/else
// branch graphs; a Loop whose body follows ONNX's Loop signature:
// iteration_num, cond, carried values -> cond, carried values, scan
// outputs). Differential: the seed's examples and the Scan corners
// (n_steps 0, n_steps shorter than the sequences, sequence taps [-1, 1],
// go_backwards, nit-sot with sit-sot, captured non-sequences, an IfElse in
// a step) through convert + runtime against the oracle at opsets 13..18.
#include <gtest/gtest.h>

#include <limits>

#include "check/driver.h"
#include "convert/export.h"
#include "core/error.h"
#include "graph/builder.h"
#include "oracles/oracle.h"

using namespace ptonnx;

namespace {

using Args = std::vector<VarRef>;
Args one(VarRef v) { return {std::move(v)}; }

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

Tensor vec(DType t, const std::vector<double>& v) {
  Tensor out(t, {static_cast<int64_t>(v.size())});
  for (size_t i = 0; i < v.size(); ++i) out.set_from_double(static_cast<int64_t>(i), v[i]);
  return out;
}
Tensor mat(DType t, int64_t rows, int64_t cols, const std::vector<double>& v) {
  return vec(t, v).reshaped({rows, cols});
}
Tensor scalar(DType t, double v) { return Tensor::scalar(t, v); }

ExportOptions at_opset(int opset) {
  ExportOptions o;
  o.opset = opset;
  return o;
}

// convert + runtime against the oracle, at every opset.
void expect_pass(const FunctionGraph& g, const std::vector<Tensor>& inputs, const std::string& what = "") {
  for (int opset = kMinOpset; opset <= kMaxOpset; ++opset) {
    const check::CaseResult r = check::run_case(g, inputs, {opset, true});
    EXPECT_EQ(check::outcome_name(r.outcome), check::outcome_name(check::Outcome::Pass))
        << what << " opset " << opset << ": " << r.message;
  }
}

std::vector<const onnx::NodeProto*> nodes_of(const onnx::GraphProto& g, const std::string& op) {
  std::vector<const onnx::NodeProto*> r;
  for (const auto& n : g.node())
    if (n.op_type() == op) r.push_back(&n);
  return r;
}

const onnx::GraphProto* graph_attr(const onnx::NodeProto& n, const std::string& name) {
  for (const auto& a : n.attribute())
    if (a.name() == name && a.type() == onnx::AttributeProto::GRAPH) return &a.g();
  return nullptr;
}

int elem_type(const onnx::ValueInfoProto& v) { return v.type().tensor_type().elem_type(); }

// ONNX's Loop signature: inputs (M, cond, v_initial...), body inputs
// (iteration_num int64, cond bool, carried...) and body outputs (cond bool,
// carried..., scan outputs...), node outputs (carried..., scan outputs...).
// Returns the number of scan outputs (K).
int expect_loop_signature(const onnx::NodeProto& loop) {
  const onnx::GraphProto* body = graph_attr(loop, "body");
  EXPECT_NE(body, nullptr) << "Loop without a body graph";
  if (!body) return -1;
  EXPECT_GE(loop.input_size(), 2);
  const int n_carried = loop.input_size() - 2;
  EXPECT_EQ(body->input_size(), 2 + n_carried) << "body inputs: iteration_num, cond, " << n_carried << " carried";
  if (body->input_size() >= 2) {
    EXPECT_EQ(elem_type(body->input(0)), onnx::TensorProto::INT64) << "iteration_num";
    EXPECT_EQ(elem_type(body->input(1)), onnx::TensorProto::BOOL) << "cond";
  }
  const int k = body->output_size() - 1 - n_carried;
  EXPECT_GE(k, 0) << "body outputs: cond, carried..., scan outputs...";
  if (body->output_size() >= 1) {
    EXPECT_EQ(elem_type(body->output(0)), onnx::TensorProto::BOOL) << "cond out";
  }
  EXPECT_EQ(loop.output_size(), n_carried + k);
  // Carried values keep their type from iteration to iteration.
  for (int i = 0; i < n_carried && 2 + i < body->input_size() && 1 + i < body->output_size(); ++i)
    EXPECT_EQ(elem_type(body->input(2 + i)), elem_type(body->output(1 + i))) << "carried " << i;
  return k;
}

// Every Loop node anywhere in g (bodies and branches included).
void collect(const onnx::GraphProto& g, const std::string& op, std::vector<const onnx::NodeProto*>& out) {
  for (const auto& n : g.node()) {
    if (n.op_type() == op) out.push_back(&n);
    for (const auto& a : n.attribute())
      if (a.type() == onnx::AttributeProto::GRAPH) collect(a.g(), op, out);
  }
}

// The seed's examples and corners, as graphs with inputs.
struct Example {
  std::string name;
  std::shared_ptr<FunctionGraph> graph;
  std::vector<Tensor> inputs;
};

Example cumsum() {
  auto x = pt::vector("x", "float32");
  auto zero = pt::constant(scalar(DType::Float32, 0));
  auto cs = pt::scan([](const Args& a) { return one(a[0] + a[1]); }, {{x}}, {pt::sit_sot(zero)})[0];
  return {"cumsum", std::make_shared<FunctionGraph>(Args{x}, Args{cs}), {vec(DType::Float32, {1, 2.5, -3, 4})}};
}

Example fibonacci() {
  auto init = pt::vector("init", "int64");
  auto n = pt::scalar("n", "int32");
  auto fib =
      pt::scan([](const Args& a) { return one(a[0] + a[1]); }, {}, {pt::mit_sot(init, {-2, -1})}, {}, {n, false})[0];
  return {"fibonacci",
          std::make_shared<FunctionGraph>(Args{init, n}, Args{fib}),
          {vec(DType::Int64, {0, 1}), scalar(DType::Int32, 10)}};
}

Example switch_ifelse(double x_value) {
  // switch(x > 0, x**2, -x) on a scalar: maximum(x, 0) != 0 iff x > 0 (for
  // non-NaN x; comparisons are not in the IR yet).
  auto x = pt::scalar("x", "float64");
  auto y = pt::ifelse(
      pt::maximum(x, pt::literal(0.0)), [&] { return one(pt::pow(x, pt::literal_int(2))); },
      [&] { return one(-x); })[0];
  return {"switch", std::make_shared<FunctionGraph>(Args{x}, Args{y}), {scalar(DType::Float64, x_value)}};
}

Example step_calls_ifelse() {
  auto x = pt::vector("x", "int16");
  auto s0 = pt::scalar("s0", "int16");
  auto y = pt::scan(
      [](const Args& a) {
        return pt::ifelse(
            a[0], [&] { return one(a[1] + a[0]); }, [&] { return one(a[1] * pt::literal_int(2)); });
      },
      {{x}}, {pt::sit_sot(s0)})[0];
  return {"scan-step-calls-ifelse",
          std::make_shared<FunctionGraph>(Args{x, s0}, Args{y}),
          {vec(DType::Int16, {1, 0, 3, 0, 0, -2}), scalar(DType::Int16, 1)}};
}

}  // namespace

// ---------------------------------------------------------------------------
// Structure

TEST(ControlFlowStructure, IfElseBecomesIfWithTwoBranchGraphs) {
  auto c = pt::scalar("c", "float32");
  auto x = pt::vector("x", "int32");
  auto z = pt::matrix("z", "float64");
  auto outs = pt::ifelse(
      c,
      [&] {
        return Args{x * x, z};
      },
      [&] {
        return Args{-x, z + 1.0};
      });
  FunctionGraph g({c, x, z}, outs);
  for (int opset = kMinOpset; opset <= kMaxOpset; ++opset) {
    SCOPED_TRACE("opset " + std::to_string(opset));
    const onnx::ModelProto m = export_onnx(g, at_opset(opset));
    const auto ifs = nodes_of(m.graph(), "If");
    ASSERT_EQ(ifs.size(), 1u);
    const onnx::GraphProto* then_g = graph_attr(*ifs[0], "then_branch");
    const onnx::GraphProto* else_g = graph_attr(*ifs[0], "else_branch");
    ASSERT_NE(then_g, nullptr);
    ASSERT_NE(else_g, nullptr);
    EXPECT_EQ(ifs[0]->input_size(), 1);  // the condition; branches read outer values by name
    EXPECT_EQ(ifs[0]->output_size(), 2);
    EXPECT_EQ(then_g->input_size(), 0);
    EXPECT_EQ(else_g->input_size(), 0);
    ASSERT_EQ(then_g->output_size(), 2);
    ASSERT_EQ(else_g->output_size(), 2);
    for (int i = 0; i < 2; ++i) EXPECT_EQ(elem_type(then_g->output(i)), elem_type(else_g->output(i)));
    EXPECT_EQ(elem_type(then_g->output(0)), onnx::TensorProto::INT32);
    EXPECT_EQ(elem_type(then_g->output(1)), onnx::TensorProto::DOUBLE);
    EXPECT_EQ(m.graph().output_size(), 2);
  }
}

TEST(ControlFlowStructure, EveryConditionDtypeExports) {
  for (DType t : kAllDTypes) {
    auto c = pt::tensor("c", std::string(dtype_name(t)), {});
    auto x = pt::vector("x", "float32");
    auto y = pt::ifelse(
        c, [&] { return one(x + x); }, [&] { return one(x); })[0];
    FunctionGraph g({c, x}, {y});
    for (int opset = kMinOpset; opset <= kMaxOpset; ++opset) {
      const onnx::ModelProto m = export_onnx(g, at_opset(opset));
      std::vector<const onnx::NodeProto*> ifs;
      collect(m.graph(), "If", ifs);
      EXPECT_EQ(ifs.size(), 1u) << dtype_name(t) << " opset " << opset;
    }
  }
}

TEST(ControlFlowStructure, EveryScanBecomesALoop) {
  auto x = pt::matrix("x", "float32");
  auto s0 = pt::vector("s0", "float32");
  auto m0 = pt::vector("m0", "int64");
  auto n = pt::scalar("n", "uint8");
  auto w = pt::scalar("w", "float32");
  // A sequence with taps, a sit-sot, a mit-sot, a nit-sot, a captured outer
  // value, n_steps and go_backwards: one Loop.
  auto outs = pt::scan(
      [&](const Args& a) {  // x[t-1], x[t+1], s[t-1], m[t-2], m[t-1]
        return Args{a[2] + a[0] * w, a[3] + a[4], pt::sum(a[1])};
      },
      {{x, {-1, 1}}}, {pt::sit_sot(s0), pt::mit_sot(m0, {-2, -1}), pt::nit_sot()}, {}, {n, true});
  FunctionGraph g({x, s0, m0, n, w}, outs);
  for (int opset = kMinOpset; opset <= kMaxOpset; ++opset) {
    SCOPED_TRACE("opset " + std::to_string(opset));
    const onnx::ModelProto m = export_onnx(g, at_opset(opset));
    std::vector<const onnx::NodeProto*> loops;
    collect(m.graph(), "Loop", loops);
    ASSERT_EQ(loops.size(), 1u);
    EXPECT_EQ(nodes_of(m.graph(), "Scan").size(), 0u) << "the catalog maps Scan to Loop";
    const int k = expect_loop_signature(*loops[0]);
    // At least the sit-sot and mit-sot carried, and the traces leave as scan
    // outputs or are assembled from carried buffers: either way 3 outputs.
    EXPECT_GE(loops[0]->input_size() - 2, 2) << "carried values for the two states";
    EXPECT_GE(k, 0);
    EXPECT_EQ(m.graph().output_size(), 3);
  }
}

TEST(ControlFlowStructure, TheExamplesExportToLoopAndIf) {
  for (const Example& e : {cumsum(), fibonacci(), switch_ifelse(1.0), step_calls_ifelse()}) {
    for (int opset = kMinOpset; opset <= kMaxOpset; ++opset) {
      SCOPED_TRACE(e.name + " opset " + std::to_string(opset));
      const onnx::ModelProto m = export_onnx(*e.graph, at_opset(opset));
      std::vector<const onnx::NodeProto*> loops, ifs;
      collect(m.graph(), "Loop", loops);
      collect(m.graph(), "If", ifs);
      const bool has_scan = e.name != "switch";
      EXPECT_EQ(loops.size(), has_scan ? 1u : 0u);
      // (A Loop may sit in an If of the converter's own; the IfElse examples need one.)
      if (e.name == "switch" || e.name == "scan-step-calls-ifelse") {
        EXPECT_GE(ifs.size(), 1u);
      }
      for (const auto* l : loops) expect_loop_signature(*l);
      if (e.name == "scan-step-calls-ifelse" && !loops.empty()) {
        std::vector<const onnx::NodeProto*> inner_ifs;
        const onnx::GraphProto* body = graph_attr(*loops.at(0), "body");
        ASSERT_NE(body, nullptr) << "Loop without a body graph";
        collect(*body, "If", inner_ifs);
        EXPECT_EQ(inner_ifs.size(), 1u) << "the IfElse is inside the Loop body";
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Differential: the seed's examples

TEST(ControlFlowDifferential, CumulativeSum) {
  const Example e = cumsum();
  expect_pass(*e.graph, e.inputs);
  expect_pass(*e.graph, {vec(DType::Float32, {})}, "empty sequence");
}

TEST(ControlFlowDifferential, SwitchAsIfElseOnAScalarCondition) {
  for (double x : {2.5, -1.5, 0.0, -0.0, 3.0, kInf, -kInf}) {
    const Example e = switch_ifelse(x);
    expect_pass(*e.graph, e.inputs, "x = " + std::to_string(x));
  }
}

TEST(ControlFlowDifferential, FibonacciTwoTapRecurrence) {
  const Example e = fibonacci();
  expect_pass(*e.graph, e.inputs);
  auto r = oracle::evaluate(*e.graph, e.inputs);
  EXPECT_EQ(r.at(0).get_as_int64(9), 89);
  // n_steps 0 and 1.
  expect_pass(*e.graph, {vec(DType::Int64, {0, 1}), scalar(DType::Int32, 0)}, "n_steps 0");
  expect_pass(*e.graph, {vec(DType::Int64, {5, 7}), scalar(DType::Int32, 1)}, "n_steps 1");
  // An initial state with more rows than the taps need: only the first two count.
  expect_pass(*e.graph, {vec(DType::Int64, {2, 3, 100}), scalar(DType::Int32, 4)}, "longer initial state");
}

TEST(ControlFlowDifferential, ScanStepCallsIfElse) {
  const Example e = step_calls_ifelse();
  expect_pass(*e.graph, e.inputs);
}

// ---------------------------------------------------------------------------
// Differential: Scan corners

TEST(ControlFlowDifferential, NStepsZero) {
  auto x = pt::matrix("x", "float64");
  auto s0 = pt::vector("s0", "int8");
  auto m0 = pt::matrix("m0", "float32");
  auto n = pt::scalar("n", "int64");
  auto outs = pt::scan(
      [](const Args& a) {
        return Args{a[1] + pt::cast(pt::sum(a[0]), "int8"), a[2] + a[3], pt::expand_dims(a[0], {1}) * 2.0};
      },
      {{x}}, {pt::sit_sot(s0), pt::mit_sot(m0, {-2, -1}), pt::nit_sot()}, {}, {n, false});
  FunctionGraph g({x, s0, m0, n}, outs);
  const std::vector<Tensor> in{mat(DType::Float64, 2, 3, {1, 2, 3, 4, 5, 6}), vec(DType::Int8, {1, 2}),
                               mat(DType::Float32, 2, 2, {1, 2, 3, 4}), scalar(DType::Int64, 0)};
  const auto r = oracle::evaluate(g, in);
  EXPECT_EQ(r.at(0).shape(), Shape({0, 2}));
  EXPECT_EQ(r.at(1).shape(), Shape({0, 2}));
  EXPECT_EQ(r.at(2).shape(), Shape({0, 0, 0}));  // nit-sot: np.empty((0,) * ndim)
  expect_pass(g, in);
  // The same graph with steps, for contrast.
  auto in2 = in;
  in2[3] = scalar(DType::Int64, 2);
  expect_pass(g, in2, "n_steps 2");
}

TEST(ControlFlowDifferential, NStepsZeroWithoutSequences) {
  auto s0 = pt::scalar("s0", "float16");
  auto n = pt::scalar("n", "uint32");
  auto outs = pt::scan(
      [](const Args& a) {
        return Args{a[0] + a[0], pt::stack({a[0], a[0]})};
      },
      {}, {pt::sit_sot(s0), pt::nit_sot()}, {}, {n, false});
  FunctionGraph g({s0, n}, outs);
  expect_pass(g, {scalar(DType::Float16, 1.5), scalar(DType::UInt32, 0)}, "n_steps 0");
  expect_pass(g, {scalar(DType::Float16, 1.5), scalar(DType::UInt32, 3)}, "n_steps 3");
}

TEST(ControlFlowDifferential, NStepsShorterThanTheSequence) {
  auto x = pt::vector("x", "int32");
  auto n = pt::scalar("n", "int8");
  auto s0 = pt::scalar("s0", "int32");
  auto y = pt::scan([](const Args& a) { return one(a[1] * pt::literal_int(3) + a[0]); }, {{x}}, {pt::sit_sot(s0)}, {},
                    {n, false})[0];
  FunctionGraph g({x, n, s0}, {y});
  for (int steps : {0, 1, 3, 5}) {
    const std::vector<Tensor> in{vec(DType::Int32, {1, 2, 3, 4, 5}), scalar(DType::Int8, steps),
                                 scalar(DType::Int32, 7)};
    expect_pass(g, in, "n_steps " + std::to_string(steps));
  }
  // A constant n_steps.
  auto y2 = pt::scan([](const Args& a) { return one(a[1] - a[0]); }, {{x}}, {pt::sit_sot(s0)}, {},
                     {pt::constant(scalar(DType::UInt16, 2)), false})[0];
  FunctionGraph g2({x, s0}, {y2});
  expect_pass(g2, {vec(DType::Int32, {4, 5, 6, 7}), scalar(DType::Int32, 1)}, "constant n_steps");
}

TEST(ControlFlowDifferential, SequenceTapsMinus1Plus1) {
  auto x = pt::vector("x", "float64");
  auto y = pt::scan([](const Args& a) { return one(a[0] * 10.0 + a[1]); }, {{x, {-1, 1}}}, {pt::nit_sot()})[0];
  FunctionGraph g({x}, {y});
  expect_pass(g, {vec(DType::Float64, {1, 2, 3, 4, 5})});
  expect_pass(g, {vec(DType::Float64, {1, 2})}, "sequence shorter than the taps span: 0 steps");
  expect_pass(g, {vec(DType::Float64, {1, 2, 3})}, "one step");
}

TEST(ControlFlowDifferential, SeveralSequenceTapsAndTwoSequences) {
  auto x = pt::matrix("x", "int64");
  auto v = pt::vector("v", "float32");
  auto s0 = pt::vector("s0", "int64");
  // x taps {-2, 0, 2}; v tap {1}: the shortest cut decides.
  auto y = pt::scan(
      [](const Args& a) {  // x[t-2], x[t], x[t+2], v[t+1], s
        return one(a[4] + a[0] - a[1] * a[2] + pt::cast(a[3], "int64"));
      },
      {{x, {-2, 0, 2}}, {v, {1}}}, {pt::sit_sot(s0)})[0];
  FunctionGraph g({x, v, s0}, {y});
  expect_pass(g, {mat(DType::Int64, 6, 2, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}), vec(DType::Float32, {1, 2, 3, 4}),
                  vec(DType::Int64, {0, 1})});
}

TEST(ControlFlowDifferential, GoBackwards) {
  auto x = pt::vector("x", "int64");
  auto s0 = pt::scalar("s0", "int64");
  auto outs = pt::scan(
      [](const Args& a) {
        return Args{a[1] * pt::literal_int(10) + a[0], a[0] - a[1]};
      },
      {{x}}, {pt::sit_sot(s0), pt::nit_sot()}, {}, {nullptr, true});
  FunctionGraph g({x, s0}, outs);
  const std::vector<Tensor> in{vec(DType::Int64, {1, 2, 3}), scalar(DType::Int64, 0)};
  EXPECT_EQ(oracle::evaluate(g, in)[0].get_as_int64(2), 321);
  expect_pass(g, in);
  // With taps and n_steps.
  auto n = pt::scalar("n", "int16");
  auto y = pt::scan([](const Args& a) { return one(a[0] - a[1]); }, {{x, {0, 2}}}, {pt::nit_sot()}, {}, {n, true})[0];
  FunctionGraph g2({x, n}, {y});
  expect_pass(g2, {vec(DType::Int64, {1, 2, 4, 8, 16}), scalar(DType::Int16, 2)}, "taps {0,2}, n_steps 2");
}

TEST(ControlFlowDifferential, NitSotAndSitSotTogether) {
  auto x = pt::matrix("x", "float32");
  auto s0 = pt::vector("s0", "float32");
  auto outs = pt::scan(
      [](const Args& a) {
        auto s = a[1] + a[0];
        return Args{s, pt::sum(s), pt::cast(a[0], "int8")};
      },
      {{x}}, {pt::sit_sot(s0), pt::nit_sot(), pt::nit_sot()});
  FunctionGraph g({x, s0}, outs);
  expect_pass(g, {mat(DType::Float32, 3, 2, {1, 2, 3, 4, -5, 6.5}), vec(DType::Float32, {0.5, -1})});
  expect_pass(g, {Tensor(DType::Float32, {0, 2}), vec(DType::Float32, {0.5, -1})}, "empty sequence");
}

TEST(ControlFlowDifferential, CapturedNonSequence) {
  auto x = pt::vector("x", "float64");
  auto w = pt::vector("w", "float64");  // used by the step, not passed: pt::scan captures it
  auto b = pt::scalar("b", "int32");    // passed explicitly
  auto s0 = pt::vector("s0", "float64");
  auto y = pt::scan([&](const Args& a) { return one(a[1] * w + a[0] + a[2]); }, {{x}}, {pt::sit_sot(s0)}, {b})[0];
  ASSERT_NE(y->owner, nullptr);
  ASSERT_EQ(y->owner->inputs.size(), 4u);  // x, s0, b, w
  FunctionGraph g({x, w, b, s0}, {y});
  expect_pass(g, {vec(DType::Float64, {1, 2, 3}), vec(DType::Float64, {0.5, 2}), scalar(DType::Int32, -1),
                  vec(DType::Float64, {1, 1})});
}

TEST(ControlFlowDifferential, IfElseConditionOfEveryDtype) {
  for (DType t : kAllDTypes) {
    auto c = pt::tensor("c", std::string(dtype_name(t)), {});
    auto x = pt::vector("x", "int16");
    auto y = pt::ifelse(
        c, [&] { return one(x + x); }, [&] { return one(-x); })[0];
    FunctionGraph g({c, x}, {y});
    std::vector<double> conds{0, 1};
    if (t != DType::Bool) conds.push_back(is_unsigned_integer(t) ? 255 : -1);
    if (is_float(t)) conds.insert(conds.end(), {-0.0, kNaN, kInf, 0.25});
    for (double cv : conds)
      expect_pass(g, {scalar(t, cv), vec(DType::Int16, {1, -2, 3})},
                  std::string(dtype_name(t)) + " condition " + std::to_string(cv));
  }
  // 64-bit conditions whose only set bits are high ones.
  for (DType t : {DType::Int64, DType::UInt64}) {
    auto c = pt::tensor("c", std::string(dtype_name(t)), {});
    auto x = pt::scalar("x", "float32");
    auto y = pt::ifelse(
        c, [&] { return one(x); }, [&] { return one(-x); })[0];
    FunctionGraph g({c, x}, {y});
    Tensor high(t, {});
    if (t == DType::Int64)
      high.data<int64_t>()[0] = std::numeric_limits<int64_t>::min();
    else
      high.data<uint64_t>()[0] = uint64_t{1} << 63;
    expect_pass(g, {high, scalar(DType::Float32, 2)}, std::string(dtype_name(t)) + " condition 2^63");
  }
}

TEST(ControlFlowDifferential, IfElseBranchesOfDifferentShapes) {
  auto c = pt::scalar("c", "int8");
  auto x = pt::tensor("x", "float32", {3, 2});
  auto outs = pt::ifelse(
      c,
      [&] {
        return Args{x, pt::sum(x, std::vector<int64_t>{0})};
      },
      [&] {
        return Args{pt::join(0, {x, x}), pt::sum(x, std::vector<int64_t>{1})};
      });
  EXPECT_EQ(outs.at(0)->type.to_string(), "float32[?,2]");
  EXPECT_EQ(outs.at(1)->type.to_string(), "float32[?]");
  FunctionGraph g({c, x}, outs);
  const Tensor xv = mat(DType::Float32, 3, 2, {1, 2, 3, 4, 5, 6});
  expect_pass(g, {scalar(DType::Int8, 1), xv}, "then");
  expect_pass(g, {scalar(DType::Int8, 0), xv}, "else");
}

TEST(ControlFlowDifferential, IfElseIsLazyInTheModelToo) {
  // The untaken branch raises in PyTensor (int ** negative int); the model
  // must still give the taken branch's value.
  auto c = pt::scalar("c", "bool");
  auto x = pt::vector("x", "int32");
  auto e = pt::scalar("e", "int32");
  auto y = pt::ifelse(
      c, [&] { return one(x + x); }, [&] { return one(pt::pow(x, e)); })[0];
  FunctionGraph g({c, x, e}, {y});
  expect_pass(g, {scalar(DType::Bool, 1), vec(DType::Int32, {1, 2}), scalar(DType::Int32, -1)});
}

TEST(ControlFlowDifferential, ScanInsideIfElseBranch) {
  auto c = pt::scalar("c", "float64");
  auto x = pt::vector("x", "float64");
  auto zero = pt::constant(scalar(DType::Float64, 0));
  auto y = pt::ifelse(
      c, [&] { return one(pt::scan([](const Args& a) { return one(a[0] + a[1]); }, {{x}}, {pt::sit_sot(zero)})[0]); },
      [&] { return one(x * 2.0); })[0];
  FunctionGraph g({c, x}, {y});
  expect_pass(g, {scalar(DType::Float64, kNaN), vec(DType::Float64, {1, 2, 3})}, "NaN: then (the Scan)");
  expect_pass(g, {scalar(DType::Float64, 0), vec(DType::Float64, {1, 2, 3})}, "0: else");
}

// A while-scan (PyTensor's `until`): x doubles until it passes 100; the
// trace holds the steps run, the step that met the condition included.
TEST(ControlFlowDifferential, WhileScanStopsAfterTheUntilStep) {
  auto x0 = pt::scalar("x0", "int32");
  auto n = pt::scalar("n", "int16");
  auto limit = pt::constant(scalar(DType::Int32, 100));
  auto zero = pt::constant(scalar(DType::Int32, 0));
  auto outs = pt::scan(
      [&](const Args& a) {
        auto y = a[0] + a[0];
        return Args{y, pt::maximum(y - limit, zero)};  // until y > 100
      },
      {}, {pt::sit_sot(x0)}, {}, pt::ScanOptions{n, false, true});
  FunctionGraph g({x0, n}, {outs.at(0)});
  auto r = oracle::evaluate(g, {scalar(DType::Int32, 3), scalar(DType::Int16, 20)});
  ASSERT_EQ(r.at(0).shape(), Shape{6});  // 6, 12, 24, 48, 96, 192
  EXPECT_EQ(r.at(0).get_as_int64(5), 192);
  expect_pass(g, {scalar(DType::Int32, 3), scalar(DType::Int16, 20)}, "stops at step 6");
  expect_pass(g, {scalar(DType::Int32, 3), scalar(DType::Int16, 4)}, "n_steps first");
  expect_pass(g, {scalar(DType::Int32, 3), scalar(DType::Int16, 0)}, "no steps");
  expect_pass(g, {scalar(DType::Int32, 200), scalar(DType::Int16, 5)}, "stops at once");
}

// The until condition is tested as `!= 0` on any dtype (NaN stops), and a
// sequence drives it: the scan stops after the first row that is not 0.
TEST(ControlFlowDifferential, WhileScanUntilFromTheSequence) {
  auto x = pt::vector("x", "float32");
  auto zero = pt::constant(scalar(DType::Float32, 0));
  auto outs = pt::scan(
      [](const Args& a) {
        return Args{a[1] + a[0], a[0]};
      },
      {{x}}, {pt::sit_sot(zero)}, {}, pt::ScanOptions{nullptr, false, true});
  FunctionGraph g({x}, {outs.at(0)});
  expect_pass(g, {vec(DType::Float32, {0, -0.0, 0, 2, 5})}, "stops at the 2");
  expect_pass(g, {vec(DType::Float32, {0, kNaN, 1})}, "NaN stops");
  expect_pass(g, {vec(DType::Float32, {0, 0})}, "never stops");
  auto r = oracle::evaluate(g, {vec(DType::Float32, {0, kNaN, 1})});
  EXPECT_EQ(r.at(0).shape(), Shape{2});
}

// A step count the export knows (a constant n_steps, static sequence
// lengths) gives the Loop alone, or the empty traces alone: no If for
// ONNX Runtime to constant-fold (it crashes on a nested one whose branch
// is an empty constant). A run-time count keeps the If.
TEST(ControlFlowStructure, StaticStepCountsNeedNoIf) {
  auto s0 = pt::scalar("s0", "float32");
  auto step = [](const Args& a) { return one(a[0] * a[0]); };
  auto count_top = [](const FunctionGraph& g, const std::string& op) {
    return nodes_of(export_onnx(g, at_opset(17)).graph(), op).size();
  };
  for (int n : {0, 3}) {
    auto y = pt::scan(step, {}, {pt::sit_sot(s0)}, {}, {pt::constant(scalar(DType::Int8, n)), false})[0];
    FunctionGraph g({s0}, {y});
    EXPECT_EQ(count_top(g, "If"), 0u) << "n_steps " << n;
    EXPECT_EQ(count_top(g, "Loop"), n == 0 ? 0u : 1u) << "n_steps " << n;
    expect_pass(g, {scalar(DType::Float32, 1.5)}, "constant n_steps " + std::to_string(n));
  }
  auto x = pt::vector("x", "float32", {4});
  auto cs = pt::scan([](const Args& a) { return one(a[0] + a[1]); }, {{x, {-1, 1}}}, {pt::sit_sot(s0)})[0];
  FunctionGraph static_seq({x, s0}, {cs});
  EXPECT_EQ(count_top(static_seq, "If"), 0u);
  EXPECT_EQ(count_top(static_seq, "Loop"), 1u);
  expect_pass(static_seq, {vec(DType::Float32, {1, 2, 3, 4}), scalar(DType::Float32, 0)}, "static sequence");
  auto n = pt::scalar("n", "int32");
  auto dyn = pt::scan(step, {}, {pt::sit_sot(s0)}, {}, {n, false})[0];
  EXPECT_EQ(count_top(FunctionGraph({s0, n}, {dyn}), "If"), 1u);
}
