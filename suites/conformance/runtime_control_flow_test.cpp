// If, Loop and Scan on the runtime: subgraph planning (outer-scope
// captures, nested subgraphs, liveness of captured values), the operators'
// modes, and the errors a bad model or a budget must give.
#include "runtime_test_util.h"

namespace ptonnx::runtime::test {
namespace {

Tensor b1(bool v) { return Tensor::from_vector(DType::Bool, {}, std::vector<double>{v ? 1.0 : 0.0}); }
Tensor i64s(int64_t v) { return Tensor::from_vector(DType::Int64, {}, std::vector<double>{static_cast<double>(v)}); }

// The text parser cannot write an empty first input; the tests write
// `absent` and this clears it, as an exporter would leave the name empty.
Model model_with_absent_inputs(const std::string& text, RuntimeOptions options = {}) {
  auto proto = parse_text(text);
  for (auto& node : *proto.mutable_graph()->mutable_node())
    for (auto& in : *node.mutable_input())
      if (in == "absent") in.clear();
  return Model(proto, options);
}

// --- If --------------------------------------------------------------------

// `x2` lives in the main graph and is read by both branches; the branches
// give different shapes.
constexpr const char* kIfModel = R"(<ir_version: 8, opset_import: ["" : 17]>
  g (bool c, float[3] x) => (float[N] y) {
    x2 = Add(x, x)
    y = If <then_branch = then_g () => (float[3] t) { t = Mul(x2, x) },
            else_branch = else_g () => (float[6] e) { e = Concat <axis = 0> (x2, x) }> (c)
  })";

TEST(RuntimeControlFlow, IfCapturesOuterValuesAndBranchesDifferInShape) {
  const Model m = model_from_text(kIfModel);
  const auto t = m.run({{"c", b1(true)}, {"x", f32({3}, {1, 2, 3})}}).at("y");
  EXPECT_EQ(t.shape(), (Shape{3}));
  EXPECT_EQ(values(t), (std::vector<double>{2, 8, 18}));
  const auto e = m.run({{"c", b1(false)}, {"x", f32({3}, {1, 2, 3})}}).at("y");
  EXPECT_EQ(e.shape(), (Shape{6}));
  EXPECT_EQ(values(e), (std::vector<double>{2, 4, 6, 1, 2, 3}));
}

TEST(RuntimeControlFlow, IfRefusesANonBoolOrMultiElementCondition) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[1] c, float[2] x) => (float[2] y) {
      y = If <then_branch = a () => (float[2] t) { t = Identity(x) },
              else_branch = b () => (float[2] e) { e = Neg(x) }> (c)
    })";
  const auto msg = error_of<TypeError>([&] {
    model_from_text(text).run({{"c", f32({1}, {1})}, {"x", f32({2}, {1, 2})}});
  });
  EXPECT_NE(msg.find("node #0 (If): cond must be bool"), std::string::npos) << msg;
  const Tensor two_conds = Tensor::from_vector(DType::Bool, {2}, std::vector<double>{1, 0});
  const char* text2 = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (bool[2] c, float[2] x) => (float[2] y) {
      y = If <then_branch = a () => (float[2] t) { t = Identity(x) },
              else_branch = b () => (float[2] e) { e = Neg(x) }> (c)
    })";
  EXPECT_THROW(model_from_text(text2).run({{"c", two_conds}, {"x", f32({2}, {1, 2})}}), ValidationError);
}

// --- Loop ------------------------------------------------------------------

// Doubles x per iteration; `stop` makes the body's cond false once x >= stop
// (ignored without a cond input). Scan output: x before doubling.
constexpr const char* kDoublingLoop = R"(<ir_version: 8, opset_import: ["" : 17]>
  g (int64 m, bool c, float[2] x0, float stop) => (float[N] x, float[K, 2] trace) {
    x, trace = Loop <body = b (int64 i, bool c_in, float[N] x_in) => (bool c_out, float[N] x_out, float[2] seen) {
      two = Constant <value = float {2.0}> ()
      x_out = Mul(x_in, two)
      first = Gather <axis = 0> (x_out, zero)
      c_out = Less(first, stop)
      seen = Identity(x_in)
    }> (m, c, x0)
    zero = Constant <value = int64 {0}> ()
  })";

TEST(RuntimeControlFlow, LoopWithTripCountOnlyIgnoresTheBodyCondition) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 m, float[2] x0, float stop) => (float[N] x, float[K, 2] trace) {
      x, trace = Loop <body = b (int64 i, bool c_in, float[N] x_in) => (bool c_out, float[N] x_out, float[2] seen) {
        two = Constant <value = float {2.0}> ()
        x_out = Mul(x_in, two)
        c_out = Constant <value = bool {0}> ()
        seen = Identity(x_in)
      }> (m, , x0)
    })";
  const auto out = model_from_text(text).run({{"m", i64s(3)}, {"x0", f32({2}, {1, 10})}, {"stop", f32({}, {0})}});
  EXPECT_EQ(values(out.at("x")), (std::vector<double>{8, 80}));
  EXPECT_EQ(out.at("trace").shape(), (Shape{3, 2}));
  EXPECT_EQ(values(out.at("trace")), (std::vector<double>{1, 10, 2, 20, 4, 40}));
}

TEST(RuntimeControlFlow, LoopWithConditionOnlyRunsWhileItHolds) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (bool c, float[1] x0, float stop) => (float[1] x, float[K, 1] trace) {
      x, trace = Loop <body = b (int64 i, bool c_in, float[1] x_in) => (bool c_out, float[1] x_out, float[1] seen) {
        two = Constant <value = float {2.0}> ()
        x_out = Mul(x_in, two)
        c_out = Less(x_out, stop)
        seen = Identity(x_in)
      }> (absent, c, x0)
    })";
  const auto out =
      model_with_absent_inputs(text).run({{"c", b1(true)}, {"x0", f32({1}, {1})}, {"stop", f32({}, {100})}});
  EXPECT_EQ(values(out.at("x")), (std::vector<double>{128}));  // 1 -> 2 -> ... -> 128, stops past 100
  EXPECT_EQ(out.at("trace").shape(), (Shape{7, 1}));
}

TEST(RuntimeControlFlow, LoopWithBothStopsAtTheFirstLimit) {
  const Model m = model_from_text(kDoublingLoop);
  const Tensor x0 = f32({2}, {1, 0});
  // The trip count stops it first.
  auto out = m.run({{"m", i64s(2)}, {"c", b1(true)}, {"x0", x0}, {"stop", f32({}, {100})}});
  EXPECT_EQ(values(out.at("x")), (std::vector<double>{4, 0}));
  // The condition stops it first: x[0] reaches 8 after 3 iterations.
  out = m.run({{"m", i64s(10)}, {"c", b1(true)}, {"x0", x0}, {"stop", f32({}, {8})}});
  EXPECT_EQ(values(out.at("x")), (std::vector<double>{8, 0}));
  EXPECT_EQ(out.at("trace").shape(), (Shape{3, 2}));
}

TEST(RuntimeControlFlow, LoopWithZeroIterationsGivesTheInitialValuesAndEmptyScans) {
  const Model m = model_from_text(kDoublingLoop);
  for (const auto& [trips, cond] : {std::pair{int64_t{0}, true}, std::pair{int64_t{5}, false}}) {
    const auto out = m.run({{"m", i64s(trips)}, {"c", b1(cond)}, {"x0", f32({2}, {3, 4})}, {"stop", f32({}, {9})}});
    EXPECT_EQ(values(out.at("x")), (std::vector<double>{3, 4}));
    // [0] + the body's declared scan element shape [2].
    EXPECT_EQ(out.at("trace").shape(), (Shape{0, 2}));
    EXPECT_EQ(out.at("trace").dtype(), DType::Float32);
  }
}

TEST(RuntimeControlFlow, LoopCarriedValuesMayChangeShape) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 m, float[1] x0) => (float[N] x, int64[K] iters) {
      x, iters = Loop <body = b (int64 i, bool c_in, float[N] x_in) => (bool c_out, float[M] x_out, int64 it) {
        x_out = Concat <axis = 0> (x_in, x_in)
        c_out = Identity(c_in)
        it = Identity(i)
      }> (m, , x0)
    })";
  const auto out = model_from_text(text).run({{"m", i64s(3)}, {"x0", f32({1}, {5})}});
  EXPECT_EQ(out.at("x").shape(), (Shape{8}));
  EXPECT_EQ(values(out.at("iters")), (std::vector<double>{0, 1, 2}));
}

// The If inside the body reads `k` from the main graph (two scopes out) and
// `acc_in` from the body; `k` is not read by any main-graph node, so only
// the Loop's captures keep it alive until the Loop has run.
TEST(RuntimeControlFlow, NestedIfInLoopBodyCapturesAValueTwoScopesOut) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 m, float s) => (float acc) {
      k = Mul(s, s)
      zero = Constant <value = float {0.0}> ()
      acc = Loop <body = b (int64 i, bool c_in, float acc_in) => (bool c_out, float acc_out) {
        two = Constant <value = int64 {2}> ()
        one = Constant <value = int64 {1}> ()
        rem = Mod(i, two)
        odd = Equal(rem, one)
        acc_out = If <then_branch = t () => (float r) { r = Add(acc_in, k) },
                      else_branch = e () => (float r2) { r2 = Sub(acc_in, s) }> (odd)
        c_out = Identity(c_in)
      }> (m, , zero)
    })";
  // i = 0..4: -3 +9 -3 +9 -3 = 9
  const auto acc = model_from_text(text).run({{"m", i64s(5)}, {"s", f32({}, {3})}}).at("acc");
  EXPECT_EQ(values(acc), (std::vector<double>{9}));
}

// Body outputs that are the body's own inputs or an enclosing graph's
// value (no node in between) are copied out, the value listed twice too.
TEST(RuntimeControlFlow, BodyOutputsMayBeInputsOrOuterValues) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 m, float[2] x0, float[2] k) => (float[2] x, float[K, 2] ks, float[K, 2] xs) {
      x, ks, xs = Loop <body = b (int64 i, bool c_in, float[2] x_in) => (bool c_in, float[2] x_in, float[2] k, float[2] x_in) {
      }> (m, , x0)
    })";
  const auto out = model_from_text(text).run({{"m", i64s(2)}, {"x0", f32({2}, {1, 2})}, {"k", f32({2}, {7, 8})}});
  EXPECT_EQ(values(out.at("x")), (std::vector<double>{1, 2}));
  EXPECT_EQ(values(out.at("ks")), (std::vector<double>{7, 8, 7, 8}));
  EXPECT_EQ(values(out.at("xs")), (std::vector<double>{1, 2, 1, 2}));
}

// --- Scan ------------------------------------------------------------------

// Running sum over the columns of x (axis 1), last column first; the sums
// are stacked along output axis 1 (opset 9) or -1 (opset 11), and a second
// scan output is prepended along axis 0.
TEST(RuntimeControlFlow, ScanReverseWithNonZeroAxes) {
  for (const char* axis : {"1", "-1"}) {
    const std::string text = std::string(R"(<ir_version: 8, opset_import: ["" : )") +
                             (std::string(axis) == "1" ? "9" : "11") + R"(]>
      g (float[2] s0, float[2,3] x) => (float[2] s, float[2,3] sums, float[3,2] cols) {
        s, sums, cols = Scan <num_scan_inputs = 1, scan_input_axes = [1], scan_input_directions = [1],
                              scan_output_axes = [)" +
                             axis + R"(, 0], scan_output_directions = [0, 1],
          body = b (float[2] acc, float[2] col) => (float[2] acc_out, float[2] sum_out, float[2] col_out) {
            acc_out = Add(acc, col)
            sum_out = Identity(acc_out)
            col_out = Identity(col)
          }> (s0, x)
      })";
    const auto out = model_from_text(text).run({{"s0", f32({2}, {0, 100})}, {"x", f32({2, 3}, {1, 2, 3, 4, 5, 6})}});
    EXPECT_EQ(values(out.at("s")), (std::vector<double>{6, 115}));
    // Columns visited 2, 1, 0: partial sums [3,106], [5,111], [6,115] appended along axis 1.
    EXPECT_EQ(out.at("sums").shape(), (Shape{2, 3}));
    EXPECT_EQ(values(out.at("sums")), (std::vector<double>{3, 5, 6, 106, 111, 115}));
    // Visited columns prepended: the last visited (column 0) first.
    EXPECT_EQ(values(out.at("cols")), (std::vector<double>{1, 4, 2, 5, 3, 6}));
  }
}

TEST(RuntimeControlFlow, ScanRefusesNegativeAxesBeforeOpset11) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 9]>
    g (float[2,3] x) => (float[3,2] y) {
      y = Scan <num_scan_inputs = 1, scan_input_axes = [-1],
                body = b (float[2] col) => (float[2] out) { out = Identity(col) }> (x)
    })";
  EXPECT_THROW(model_from_text(text).run({{"x", f32({2, 3}, {1, 2, 3, 4, 5, 6})}}), ValidationError);
}

// Scan-8: batch axis 0, scan axis 1, per-entry lengths; reversed; the
// shorter entry's scan output is padded with zeros.
TEST(RuntimeControlFlow, Scan8WithSequenceLengthsAndReverse) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 8]>
    g (int64[2] lens, float[2,1] s0, float[2,3,1] x) => (float[2,1] s, float[2,3,1] sums) {
      s, sums = Scan <num_scan_inputs = 1, directions = [1],
        body = b (float[1] acc, float[1] e) => (float[1] acc_out, float[1] sum_out) {
          acc_out = Add(acc, e)
          sum_out = Identity(acc_out)
        }> (lens, s0, x)
    })";
  const Tensor lens = i64({2}, {3, 1});
  const Tensor x = f32({2, 3, 1}, {1, 2, 3, 4, 5, 6});
  const auto out = model_from_text(text).run({{"lens", lens}, {"s0", f32({2, 1}, {0, 10})}, {"x", x}});
  EXPECT_EQ(values(out.at("s")), (std::vector<double>{6, 14}));
  EXPECT_EQ(out.at("sums").shape(), (Shape{2, 3, 1}));
  EXPECT_EQ(values(out.at("sums")), (std::vector<double>{3, 5, 6, 14, 0, 0}));
}

// --- Errors ----------------------------------------------------------------

TEST(RuntimeControlFlow, LoopBodyWithTheWrongArityIsRefused) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 m, float x0) => (float x) {
      x = Loop <body = b (int64 i, float x_in) => (bool c_out, float x_out) {
        x_out = Identity(x_in)
        c_out = Constant <value = bool {1}> ()
      }> (m, , x0)
    })";
  const auto msg = error_of<ValidationError>([&] {
    model_from_text(text).run({{"m", i64s(1)}, {"x0", f32({}, {1})}});
  });
  EXPECT_NE(msg.find("node #0 (Loop): body declares 2 inputs"), std::string::npos) << msg;
}

TEST(RuntimeControlFlow, LoopScanOutputThatChangesShapeIsRefused) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 m, float[1] x0) => (float[N] x, float[K] trace) {
      x, trace = Loop <body = b (int64 i, bool c_in, float[N] x_in) => (bool c_out, float[M] x_out, float[M] seen) {
        x_out = Concat <axis = 0> (x_in, x_in)
        c_out = Identity(c_in)
        seen = Identity(x_out)
      }> (m, , x0)
    })";
  const auto msg = error_of<ValidationError>([&] {
    model_from_text(text).run({{"m", i64s(3)}, {"x0", f32({1}, {1})}});
  });
  EXPECT_NE(msg.find("iteration 1: scan output #0 has shape [4] at iteration 1, [2] before"), std::string::npos) << msg;
}

TEST(RuntimeControlFlow, LoopBodyConditionMustBeBool) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 m, float x0) => (float x) {
      x = Loop <body = b (int64 i, bool c_in, float x_in) => (float c_out, float x_out) {
        x_out = Identity(x_in)
        c_out = Identity(x_in)
      }> (m, , x0)
    })";
  const auto msg = error_of<TypeError>([&] { model_from_text(text).run({{"m", i64s(2)}, {"x0", f32({}, {1})}}); });
  EXPECT_NE(msg.find("body output 'cond' must be bool"), std::string::npos) << msg;
}

TEST(RuntimeControlFlow, MissingKernelInASubgraphIsNamedWithItsPath) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 m, float x0) => (float x) {
      x = Loop <body = b (int64 i, bool c_in, float x_in) => (bool c_out, float x_out) {
        c_out = Identity(c_in)
        x_out = If <then_branch = t () => (float r) { r = NoSuchOp(x_in) },
                    else_branch = e () => (float r2) { r2 = Identity(x_in) }> (c_in)
      }> (m, , x0)
    })";
  const auto proto = parse_text(text);
  const auto missing = find_missing_kernels(proto);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].node, "node #0 (Loop) body: node #1 (If) then_branch: node #0 (NoSuchOp)");
  const auto msg = error_of<UnsupportedError>([&] { Model m(proto); });
  EXPECT_NE(msg.find("node #0 (Loop) body: node #1 (If) then_branch: node #0 (NoSuchOp) ai.onnx:NoSuchOp at opset 17"),
            std::string::npos)
      << msg;
}

TEST(RuntimeControlFlow, ErrorsInsideABodyNameTheNodeIterationAndPath) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 m, int32 x0) => (int32 x) {
      x = Loop <body = b (int64 i, bool c_in, int32 x_in) => (bool c_out, int32 x_out) {
        c_out = Identity(c_in)
        one = Constant <value = int32 {1}> ()
        d = Sub(one, x_in)
        x_out = Div(x_in, d)
      }> (m, , x0)
    })";
  const auto msg = error_of<ValidationError>([&] {
    model_from_text(text).run({{"m", i64s(3)}, {"x0", i32({}, {1})}});
  });
  EXPECT_EQ(msg, "node #0 (Loop): iteration 0: body: node #3 (Div): integer division by zero");
}

TEST(RuntimeControlFlow, UndefinedNameInASubgraphIsAValidationError) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (bool c, float x) => (float y) {
      y = If <then_branch = t () => (float r) { r = Add(x, nowhere) },
              else_branch = e () => (float r2) { r2 = Identity(x) }> (c)
    })";
  const auto msg = error_of<ValidationError>([&] { model_from_text(text); });
  EXPECT_NE(msg.find("node #0 (If): then_branch: node #0 (Add): input 'nowhere'"), std::string::npos) << msg;
}

TEST(RuntimeControlFlow, MemoryBudgetCountsScanOutputsInsideALoop) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 m, float[256] x0) => (float[256] x, float[K, 256] trace) {
      x, trace = Loop <body = b (int64 i, bool c_in, float[256] x_in) => (bool c_out, float[256] x_out, float[256] seen) {
        x_out = Neg(x_in)
        seen = Identity(x_in)
        c_out = Identity(c_in)
      }> (m, , x0)
    })";
  RuntimeOptions small;
  small.max_total_bytes = 64 * 1024;  // 64 scan elements of 1 KiB
  const Model m = model_from_text(text, small);
  const Tensor x0(DType::Float32, {256});
  EXPECT_NO_THROW(m.run({{"m", i64s(20)}, {"x0", x0}}));
  // Known trip count: the whole scan output is allocated (and refused) at
  // the first iteration.
  const auto msg = error_of<LimitError>([&] { m.run({{"m", i64s(1000)}, {"x0", x0}}); });
  EXPECT_NE(msg.find("node #0 (Loop): iteration 0: "), std::string::npos) << msg;
  // With a cond input the count is open: the collected scan values are
  // held against the budget as they grow.
  const char* with_cond = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 m, bool c, float[256] x0) => (float[256] x, float[K, 256] trace) {
      x, trace = Loop <body = b (int64 i, bool c_in, float[256] x_in) => (bool c_out, float[256] x_out, float[256] seen) {
        x_out = Neg(x_in)
        seen = Identity(x_in)
        c_out = Identity(c_in)
      }> (m, c, x0)
    })";
  const Model open_count = model_from_text(with_cond, small);
  EXPECT_NO_THROW(open_count.run({{"m", i64s(20)}, {"c", b1(true)}, {"x0", x0}}));
  const auto msg2 = error_of<LimitError>([&] { open_count.run({{"m", i64s(1000)}, {"c", b1(true)}, {"x0", x0}}); });
  EXPECT_NE(msg2.find("node #0 (Loop): iteration 6"), std::string::npos) << msg2;
}

TEST(RuntimeControlFlow, EndlessLoopStopsAtTheIterationLimit) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float x0) => (float x) {
      x = Loop <body = b (int64 i, bool c_in, float x_in) => (bool c_out, float x_out) {
        x_out = Identity(x_in)
        c_out = Constant <value = bool {0}> ()
      }> (absent, absent, x0)
    })";
  RuntimeOptions opts;
  opts.max_loop_iterations = 1000;
  EXPECT_THROW(model_with_absent_inputs(text, opts).run({{"x0", f32({}, {1})}}), LimitError);
}

}  // namespace
}  // namespace ptonnx::runtime::test
