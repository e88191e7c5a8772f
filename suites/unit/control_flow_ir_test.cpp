// The control-flow ops in the IR and the oracle: IfElse and Scan type
// inference errors (PyTensor's make_node / validate_inner_graph rules),
// pt::ifelse / pt::scan capture of outer values, JSON round trip of nested
// inner graphs, the oracle on hand-computed examples, and the tier-5 sample
// specs' generated cases (they must type-check, survive JSON and evaluate
// in the oracle, mostly inside PyTensor's domain).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <limits>

#include "core/error.h"
#include "generators/sample_spec.h"
#include "graph/builder.h"
#include "graph/json.h"
#include "graph/scan_layout.h"
#include "oracles/oracle.h"

using namespace ptonnx;
using oracle::PyTensorRaises;

namespace {

using Args = std::vector<VarRef>;

Tensor vec(DType t, const std::vector<double>& v) {
  Tensor out(t, {static_cast<int64_t>(v.size())});
  for (size_t i = 0; i < v.size(); ++i) out.set_from_double(static_cast<int64_t>(i), v[i]);
  return out;
}

std::vector<double> values(const Tensor& t) {
  std::vector<double> v;
  for (int64_t i = 0; i < t.numel(); ++i) v.push_back(t.get_as_double(i));
  return v;
}

// `fn` throws TypeError whose message contains `part`.
template <typename F>
void expect_type_error(F&& fn, const std::string& part) {
  try {
    fn();
    ADD_FAILURE() << "no TypeError; expected one containing: " << part;
  } catch (const TypeError& e) {
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << "message: " << e.what();
  }
}

Args one(VarRef v) { return {std::move(v)}; }

}  // namespace

// ---------------------------------------------------------------------------
// Type inference errors

TEST(IfElseTypes, BranchDtypeMismatch) {
  auto c = pt::scalar("c", "int8");
  auto x = pt::vector("x", "float32");
  auto y = pt::vector("y", "int32");
  expect_type_error(
      [&] {
        pt::ifelse(
            c, [&] { return one(x * 2.0); }, [&] { return one(y); });
      },
      "IfElse requires the same dtype in both branches, got then=float32, else=int32");
}

TEST(IfElseTypes, BranchNdimMismatch) {
  auto c = pt::scalar("c", "bool");
  auto x = pt::vector("x", "float64");
  auto m = pt::matrix("m", "float64");
  expect_type_error(
      [&] {
        pt::ifelse(
            c, [&] { return one(-x); }, [&] { return one(m); });
      },
      "IfElse requires the same ndim in both branches, got then=1, else=2");
}

TEST(IfElseTypes, ConditionMustBe0d) {
  auto c = pt::vector("c", "bool");
  auto x = pt::scalar("x", "float64");
  expect_type_error(
      [&] {
        pt::ifelse(
            c, [&] { return one(x); }, [&] { return one(-x); });
      },
      "the condition must be a 0-d tensor");
}

TEST(IfElseTypes, StaticShapesTheBranchesDisagreeOnBecomeUnknown) {
  auto c = pt::scalar("c", "float16");
  auto x = pt::tensor("x", "int16", {3, 2});
  auto out = pt::ifelse(
      c, [&] { return one(x); },
      [&] {
        return one(pt::join(0, {x, x}));
      });
  EXPECT_EQ(out.at(0)->type.to_string(), "int16[?,2]");
}

TEST(ScanTypes, StepOutputDtypeMustBeTheStates) {
  auto x = pt::vector("x", "float32");
  auto s0 = pt::scalar("s0", "float32");
  expect_type_error(
      [&] { pt::scan([](const Args& a) { return one(pt::cast(a[0] + a[1], "float64")); }, {{x}}, {pt::sit_sot(s0)}); },
      "output 0: the step returns float64[] for a state of type float32[]");
}

TEST(ScanTypes, StepOutputMustKeepTheBroadcastablePattern) {
  auto x = pt::vector("x", "float64");
  auto s0 = pt::tensor("s0", "float64", {1});
  expect_type_error(
      [&] {
        pt::scan([&](const Args& a) { return one(pt::join(0, {a[1], a[1]})); }, {{x}}, {pt::sit_sot(s0)});
      },
      "same dtype and broadcastable pattern");
}

TEST(ScanTypes, FloatNStepsIsRejected) {
  auto s0 = pt::scalar("s0", "int32");
  auto n = pt::scalar("n", "float64");
  expect_type_error(
      [&] {
        pt::scan([](const Args& a) { return one(a[0]); }, {}, {pt::sit_sot(s0)}, {}, {n, false});
      },
      "n_steps must be an integer, got float64");
}

TEST(ScanTypes, WhileScanNeedsA0dUntilCondition) {
  auto s0 = pt::scalar("s0", "int32");
  auto x = pt::vector("x", "int32");
  auto n = pt::scalar("n", "int32");
  expect_type_error(
      [&] {
        pt::scan([&](const Args& a) { return Args{a[0], x}; }, {}, {pt::sit_sot(s0)}, {}, {n, false, true});
      },
      "the until condition must be 0-d, got int32[?]");
  expect_type_error(
      [&] {
        pt::scan([](const Args& a) { return one(a[0]); }, {}, {pt::sit_sot(s0)}, {}, {n, false, true});
      },
      "then the until condition");
}

TEST(ScanTypes, MitSotTapsMustBeNegative) {
  auto init = pt::vector("init", "float64");
  auto n = pt::scalar("n", "int64");
  expect_type_error(
      [&] {
        pt::scan([](const Args& a) { return one(a[0] + a[1]); }, {}, {pt::mit_sot(init, {-1, 0})}, {}, {n, false});
      },
      "state taps must be negative");
}

TEST(ScanTypes, NeedsNStepsOrASequence) {
  auto s0 = pt::scalar("s0", "float64");
  expect_type_error([&] { pt::scan([](const Args& a) { return one(a[0] * 2.0); }, {}, {pt::sit_sot(s0)}); },
                    "no number of steps: give n_steps or at least one sequence");
}

TEST(ScanTypes, MitSotInitialStateTooShortStatically) {
  auto init = pt::tensor("init", "float64", {1});
  auto n = pt::scalar("n", "int8");
  expect_type_error(
      [&] {
        pt::scan([](const Args& a) { return one(a[0] + a[1]); }, {}, {pt::mit_sot(init, {-2, -1})}, {}, {n, false});
      },
      "the initial state has 1 past values, taps reach back 2");
}

TEST(ScanTypes, TracesHaveAnUnknownLeadingDim) {
  auto x = pt::tensor("x", "int8", {5, 3});
  auto s0 = pt::tensor("s0", "int8", {3});
  auto outs = pt::scan(
      [](const Args& a) {
        return Args{a[0] + a[1], pt::sum(a[0])};
      },
      {{x}}, {pt::sit_sot(s0), pt::nit_sot()});
  EXPECT_EQ(outs.at(0)->type.to_string(), "int8[?,3]");
  EXPECT_EQ(outs.at(1)->type.to_string(), "int64[?]");
}

// ---------------------------------------------------------------------------
// Capture of outer values

TEST(ScanCapture, OuterValuesBecomeNonSequences) {
  auto x = pt::vector("x", "float64");
  auto w = pt::scalar("w", "float64");
  auto s0 = pt::scalar("s0", "float64");
  auto k = pt::constant(Tensor::scalar(DType::Float64, 3.0), "k");
  // The step reads w (an outer input) and k (a constant) without passing them.
  auto y = pt::scan([&](const Args& a) { return one(a[1] * w + a[0] + k); }, {{x}}, {pt::sit_sot(s0)})[0];
  ASSERT_NE(y->owner, nullptr);
  const Node& n = *y->owner;
  ASSERT_EQ(n.op, "Scan");
  const ScanLayout l = ScanLayout::from_attrs(n.attrs, n.inputs.size());
  EXPECT_EQ(l.num_non_sequences, 1u);  // w; the constant stays inside
  ASSERT_EQ(n.inputs.size(), 3u);
  EXPECT_EQ(n.inputs.at(l.non_sequence_input(0)), w);
  const FunctionGraph& step = *n.subgraphs.at(0);
  ASSERT_EQ(step.inputs().size(), 3u);  // x[t], s[t-1], w
  EXPECT_EQ(step.inputs()[2]->name, "w");
  FunctionGraph g({x, w, s0}, {y});
  const Tensor out = oracle::evaluate(g, {vec(DType::Float64, {1, 2}), Tensor::scalar(DType::Float64, 2.0),
                                          Tensor::scalar(DType::Float64, 1.0)})
                         .at(0);
  // s1 = 1*2 + 1 + 3 = 6; s2 = 6*2 + 2 + 3 = 17
  EXPECT_EQ(values(out), (std::vector<double>{6, 17}));
}

TEST(ScanCapture, ExplicitNonSequencesComeBeforeCapturedOnes) {
  auto x = pt::vector("x", "int32");
  auto a = pt::scalar("a", "int32");
  auto b = pt::scalar("b", "int32");
  auto y = pt::scan([&](const Args& in) { return one(in[0] * in[1] + b); }, {{x}}, {pt::nit_sot()}, {a})[0];
  ASSERT_NE(y->owner, nullptr);
  const Node& n = *y->owner;
  const ScanLayout l = ScanLayout::from_attrs(n.attrs, n.inputs.size());
  ASSERT_EQ(l.num_non_sequences, 2u);
  EXPECT_EQ(n.inputs.at(l.non_sequence_input(0)), a);
  EXPECT_EQ(n.inputs.at(l.non_sequence_input(1)), b);
}

TEST(IfElseCapture, BranchValuesAreCapturedOnceForBoth) {
  auto c = pt::scalar("c", "int64");
  auto x = pt::vector("x", "float32");
  auto z = pt::vector("z", "float32");
  auto y = pt::ifelse(
      c, [&] { return one(x * x); }, [&] { return one(x + z); })[0];
  ASSERT_NE(y->owner, nullptr);
  const Node& n = *y->owner;
  ASSERT_EQ(n.inputs.size(), 3u);  // c, x, z
  EXPECT_EQ(n.inputs[1], x);
  EXPECT_EQ(n.inputs[2], z);
  EXPECT_EQ(n.subgraphs.at(0)->inputs().size(), 2u);
  EXPECT_EQ(n.subgraphs.at(1)->inputs().size(), 2u);
}

TEST(ScanCapture, InputCreatedInsideTheStepIsRejected) {
  auto x = pt::vector("x", "float64");
  expect_type_error(
      [&] {
        pt::scan([&](const Args& a) { return one(a[0] + pt::scalar("fresh", "float64")); }, {{x}}, {pt::nit_sot()});
      },
      "is a graph input created inside the branch or step");
}

// ---------------------------------------------------------------------------
// The oracle on hand-computed examples

TEST(ControlFlowOracle, Fibonacci) {
  auto init = pt::vector("init", "int64");
  auto n = pt::scalar("n", "int16");
  auto fib =
      pt::scan([](const Args& a) { return one(a[0] + a[1]); }, {}, {pt::mit_sot(init, {-2, -1})}, {}, {n, false})[0];
  FunctionGraph g({init, n}, {fib});
  const Tensor out = oracle::evaluate(g, {vec(DType::Int64, {0, 1}), Tensor::scalar(DType::Int16, 8)}).at(0);
  EXPECT_EQ(out.shape(), Shape({8}));
  EXPECT_EQ(values(out), (std::vector<double>{1, 2, 3, 5, 8, 13, 21, 34}));
}

TEST(ControlFlowOracle, MitSotTapsMinus3Minus1) {
  auto init = pt::vector("init", "float64");
  auto n = pt::scalar("n", "int64");
  // y[t] = y[t-3] - y[t-1]; init = [1, 2, 3]
  auto y =
      pt::scan([](const Args& a) { return one(a[0] - a[1]); }, {}, {pt::mit_sot(init, {-3, -1})}, {}, {n, false})[0];
  FunctionGraph g({init, n}, {y});
  const Tensor out = oracle::evaluate(g, {vec(DType::Float64, {1, 2, 3}), Tensor::scalar(DType::Int64, 4)}).at(0);
  // 1-3=-2, 2-(-2)=4, 3-4=-1, -2-(-1)=-1
  EXPECT_EQ(values(out), (std::vector<double>{-2, 4, -1, -1}));
}

TEST(ControlFlowOracle, CumulativeSum) {
  auto x = pt::vector("x", "float32");
  auto zero = pt::constant(Tensor::scalar(DType::Float32, 0.0));
  auto cs = pt::scan([](const Args& a) { return one(a[0] + a[1]); }, {{x}}, {pt::sit_sot(zero)})[0];
  FunctionGraph g({x}, {cs});
  const Tensor out = oracle::evaluate(g, {vec(DType::Float32, {1, 2, 3, 4.5})}).at(0);
  EXPECT_EQ(out.dtype(), DType::Float32);
  EXPECT_EQ(values(out), (std::vector<double>{1, 3, 6, 10.5}));
}

TEST(ControlFlowOracle, ZeroStepsShapes) {
  auto x = pt::matrix("x", "float64");  // 0 rows
  auto s0 = pt::vector("s0", "int8");
  auto m0 = pt::matrix("m0", "float32");
  auto outs = pt::scan(
      [](const Args& a) {
        return Args{a[1] + pt::cast(pt::sum(a[0]), "int8"), a[2] + a[3], pt::expand_dims(a[0], {1}) * 0.0 + 1.0};
      },
      {{x}}, {pt::sit_sot(s0), pt::mit_sot(m0, {-2, -1}), pt::nit_sot()});
  EXPECT_EQ(outs.at(2)->type.ndim(), 3);  // (None, x-row, 1)
  FunctionGraph g({x, s0, m0}, outs);
  Tensor m0v(DType::Float32, {2, 3});
  const auto r = oracle::evaluate(g, {Tensor(DType::Float64, {0, 5}), vec(DType::Int8, {1, 2}), m0v});
  EXPECT_EQ(r.at(0).shape(), Shape({0, 2}));
  EXPECT_EQ(r.at(1).shape(), Shape({0, 3}));
  // nit-sot: np.empty((0,) * ndim), not (0, 5, 1)
  EXPECT_EQ(r.at(2).shape(), Shape({0, 0, 0}));
}

TEST(ControlFlowOracle, NStepsZeroGivenExplicitly) {
  auto x = pt::vector("x", "int32");
  auto n = pt::scalar("n", "uint8");
  auto outs = pt::scan(
      [](const Args& a) {
        return Args{a[0] * 2, pt::stack({a[0], a[0]})};
      },
      {{x}}, {pt::nit_sot(), pt::nit_sot()}, {}, {n, false});
  FunctionGraph g({x, n}, outs);
  const auto r = oracle::evaluate(g, {vec(DType::Int32, {1, 2, 3}), Tensor::scalar(DType::UInt8, 0)});
  EXPECT_EQ(r.at(0).shape(), Shape({0}));
  EXPECT_EQ(r.at(1).shape(), Shape({0, 0}));
}

TEST(ControlFlowOracle, NegativeNStepsAndShortSequencesRaise) {
  auto x = pt::vector("x", "int32");
  auto n = pt::scalar("n", "int8");
  auto y = pt::scan([](const Args& a) { return one(a[0] + 1); }, {{x}}, {pt::nit_sot()}, {}, {n, false})[0];
  FunctionGraph g({x, n}, {y});
  EXPECT_THROW(oracle::evaluate(g, {vec(DType::Int32, {1, 2}), Tensor::scalar(DType::Int8, -1)}), PyTensorRaises);
  EXPECT_THROW(oracle::evaluate(g, {vec(DType::Int32, {1, 2}), Tensor::scalar(DType::Int8, 3)}), PyTensorRaises);
  EXPECT_EQ(values(oracle::evaluate(g, {vec(DType::Int32, {1, 2, 7}), Tensor::scalar(DType::Int8, 2)}).at(0)),
            (std::vector<double>{2, 3}));
}

TEST(ControlFlowOracle, SequenceTapsMinus1Plus1AndGoBackwards) {
  auto x = pt::vector("x", "int64");
  auto f = [](const Args& a) { return one(a[0] * 10 + a[1]); };  // x[t-1]*10 + x[t+1]
  auto fwd = pt::scan(f, {{x, {-1, 1}}}, {pt::nit_sot()})[0];
  auto bwd = pt::scan(f, {{x, {-1, 1}}}, {pt::nit_sot()}, {}, {nullptr, true})[0];
  FunctionGraph g({x}, {fwd, bwd});
  const auto r = oracle::evaluate(g, {vec(DType::Int64, {1, 2, 3, 4, 5})});
  // steps t = 1..3: x[0]*10+x[2], x[1]*10+x[3], x[2]*10+x[4]
  EXPECT_EQ(values(r.at(0)), (std::vector<double>{13, 24, 35}));
  // go_backwards reverses each cut: tap -1 reads [3,2,1], tap +1 reads [5,4,3]
  EXPECT_EQ(values(r.at(1)), (std::vector<double>{35, 24, 13}));
}

TEST(ControlFlowOracle, IfElseConditionTruthiness) {
  auto c = pt::scalar("c", "float64");
  auto x = pt::scalar("x", "float64");
  auto y = pt::ifelse(
      c, [&] { return one(x * x); }, [&] { return one(-x); })[0];
  FunctionGraph g({c, x}, {y});
  auto run = [&](double cond) {
    return oracle::evaluate(g, {Tensor::scalar(DType::Float64, cond), Tensor::scalar(DType::Float64, 3.0)})
        .at(0)
        .get_as_double(0);
  };
  EXPECT_EQ(run(std::numeric_limits<double>::quiet_NaN()), 9.0);  // NaN != 0: then
  EXPECT_EQ(run(-0.0), -3.0);                                     // -0.0 == 0: else
  EXPECT_EQ(run(0.0), -3.0);
  EXPECT_EQ(run(-2.5), 9.0);
  EXPECT_EQ(run(std::numeric_limits<double>::infinity()), 9.0);
}

TEST(ControlFlowOracle, IfElseIsLazy) {
  // The untaken branch would raise (int ** negative int): it is not evaluated.
  auto c = pt::scalar("c", "uint64");
  auto x = pt::vector("x", "int32");
  auto e = pt::scalar("e", "int32");
  auto y = pt::ifelse(
      c, [&] { return one(x + pt::literal_int(1)); }, [&] { return one(pt::pow(x, e)); })[0];
  FunctionGraph g({c, x, e}, {y});
  Tensor big(DType::UInt64, {});
  big.data<uint64_t>()[0] = std::numeric_limits<uint64_t>::max();
  EXPECT_EQ(values(oracle::evaluate(g, {big, vec(DType::Int32, {1, 2}), Tensor::scalar(DType::Int32, -1)}).at(0)),
            (std::vector<double>{2, 3}));
  EXPECT_THROW(oracle::evaluate(
                   g, {Tensor::scalar(DType::UInt64, 0), vec(DType::Int32, {1, 2}), Tensor::scalar(DType::Int32, -1)}),
               PyTensorRaises);
}

// ---------------------------------------------------------------------------
// JSON round trip of nested inner graphs

TEST(ControlFlowJson, IfElseInsideAScanStepRoundTrips) {
  auto x = pt::vector("x", "float32");
  auto w = pt::scalar("w", "float32");
  auto s0 = pt::scalar("s0", "float32");
  auto outs = pt::scan(
      [&](const Args& a) {
        auto branch = pt::ifelse(
            a[0], [&] { return one(a[1] + a[0] * w); }, [&] { return one(a[1] - 1.0f * w); });
        return Args{pt::cast(branch[0], "float32"), pt::cast(a[0] * 2.0, "int8")};
      },
      {{x}}, {pt::sit_sot(s0), pt::nit_sot()});
  FunctionGraph g({x, w, s0}, outs);
  const std::string text = graph_to_json_string(g);
  EXPECT_NE(text.find("subgraphs"), std::string::npos);
  const FunctionGraph back = graph_from_json_string(text);
  EXPECT_EQ(graph_to_json(back), graph_to_json(g));
  const std::vector<Tensor> in{vec(DType::Float32, {0, 1.5, -0.0, 2}), Tensor::scalar(DType::Float32, 3),
                               Tensor::scalar(DType::Float32, 0.5)};
  const auto a = oracle::evaluate(g, in), b = oracle::evaluate(back, in);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(a[i].bit_equal(b[i])) << i;
  // s: 0.5 -> (x=0: else) 0.5-3=-2.5 -> (1.5) -2.5+4.5=2 -> (-0.0: else) -1 -> (2) -1+6=5
  EXPECT_EQ(values(a[0]), (std::vector<double>{-2.5, 2, -1, 5}));
}

// ---------------------------------------------------------------------------
// The tier-5 sample specs: generated cases are well-typed, round-trip
// through JSON and evaluate in the oracle (PyTensorRaises counts as outside
// the domain; few such cases, or the suites would give up).

namespace {
void check_spec_cases(const std::string& op) {
  const gen::SampleSpec* spec = gen::find_spec(op);
  ASSERT_NE(spec, nullptr);
  ASSERT_TRUE(spec->grow) << op << " needs a grow function for the tier-5 random graphs";
  for (DType t : spec->dtypes) {
    int ran = 0, raised = 0;
    const auto result = rc::check(op + " " + std::string(dtype_name(t)), [&] {
      const gen::Case c = *spec->gen(t);
      ++ran;
      if (std::getenv("PTONNX_VERBOSE")) {
        std::cout << c.label << "\n" << c.graph->summary();
        for (const auto& n : c.graph->nodes())
          for (const auto& sub : n->subgraphs) std::cout << "  inner graph:\n" << sub->summary();
        std::cout << "\n";
      }
      c.graph->validate();
      const FunctionGraph back = graph_from_json_string(graph_to_json_string(*c.graph));
      try {
        const auto out = oracle::evaluate(*c.graph, c.inputs);
        const auto again = oracle::evaluate(back, c.inputs);
        RC_ASSERT(out.size() == c.graph->outputs().size());
        for (size_t i = 0; i < out.size(); ++i) {
          RC_ASSERT(out[i].bit_equal(again[i]));
          RC_ASSERT(out[i].dtype() == c.graph->outputs()[i]->type.dtype);
          RC_ASSERT(out[i].rank() == c.graph->outputs()[i]->type.ndim());
        }
      } catch (const PyTensorRaises&) {
        ++raised;
      }
    });
    EXPECT_TRUE(result) << op << " " << dtype_name(t);
    EXPECT_LE(raised * 5, ran) << op << " " << dtype_name(t) << ": " << raised << " of " << ran
                               << " cases raise in the oracle";
  }
}
}  // namespace

TEST(ControlFlowSpecs, IfElseCasesEvaluate) { check_spec_cases("IfElse"); }
TEST(ControlFlowSpecs, ScanCasesEvaluate) { check_spec_cases("Scan"); }
