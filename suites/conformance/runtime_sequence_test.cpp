// Sequences and optionals on the runtime (runtime/container.h): the edge
// cases ONNX's conformance data does not cover (positions at and past the
// ends, empty optionals, mixed element types, a container reaching a
// tensor-only kernel, Loop carrying a sequence through zero iterations, the
// byte budget), and the errors a hostile model must get instead of UB.
#include <set>

#include "runtime_test_util.h"

namespace ptonnx::runtime::test {
namespace {

Tensor i64s(int64_t v) { return Tensor::from_vector(DType::Int64, {}, std::vector<double>{static_cast<double>(v)}); }

// This ONNX version's text parser cannot read seq(...) types: tests write
// the tensor type and this wraps the listed graph inputs and outputs
// (subgraphs' included) into sequences of it.
void wrap_in_sequence(onnx::GraphProto& g, const std::set<std::string>& names) {
  auto wrap = [&](onnx::ValueInfoProto& v) {
    if (!names.count(v.name())) return;
    onnx::TypeProto elem = v.type();
    *v.mutable_type()->mutable_sequence_type()->mutable_elem_type() = elem;
  };
  for (auto& v : *g.mutable_input()) wrap(v);
  for (auto& v : *g.mutable_output()) wrap(v);
  for (auto& n : *g.mutable_node())
    for (auto& a : *n.mutable_attribute())
      if (a.has_g()) wrap_in_sequence(*a.mutable_g(), names);
}

Model seq_model(const std::string& text, const std::set<std::string>& names, RuntimeOptions options = {}) {
  auto proto = parse_text(text);
  wrap_in_sequence(*proto.mutable_graph(), names);
  return Model(proto, options);
}

const Container& as_container(const Value& v) {
  const auto* c = std::get_if<ContainerPtr>(&v);
  if (!c || !*c) throw std::runtime_error("expected a sequence or optional");
  return **c;
}

// SequenceAt(SequenceConstruct(a, b, c), p).
constexpr const char* kAt = R"(<ir_version: 8, opset_import: ["" : 17]>
  g (float[2] a, float[3] b, float[1] c, int64 p) => (float[N] y) {
    s = SequenceConstruct(a, b, c)
    y = SequenceAt(s, p)
  })";

TEST(RuntimeSequence, SequenceAtTakesNegativePositionsAndRefusesOutOfRange) {
  const Model m = model_from_text(kAt);
  const NamedTensors base{{"a", f32({2}, {1, 2})}, {"b", f32({3}, {3, 4, 5})}, {"c", f32({1}, {6})}};
  auto with = [&](int64_t p) {
    NamedTensors in = base;
    in["p"] = i64s(p);
    return in;
  };
  EXPECT_EQ(values(m.run(with(1)).at("y")), (std::vector<double>{3, 4, 5}));
  EXPECT_EQ(values(m.run(with(-1)).at("y")), (std::vector<double>{6}));
  EXPECT_EQ(values(m.run(with(-3)).at("y")), (std::vector<double>{1, 2}));
  for (int64_t p : {int64_t{3}, int64_t{-4}, int64_t{1} << 62}) {
    const auto msg = error_of<ValidationError>([&] { m.run(with(p)); });
    EXPECT_NE(msg.find("node #1 (SequenceAt): position " + std::to_string(p) + " is out of range [-3, 2]"),
              std::string::npos)
        << msg;
  }
}

TEST(RuntimeSequence, InsertEraseAndLengthFollowTheSpecsPositions) {
  // Insert at -1 puts the tensor before the last one; Insert at n (= 2)
  // appends; Erase without a position drops the last.
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[1] a, float[1] b, float[1] c) => (float[N] y, int64 n) {
      s = SequenceConstruct(a, b)
      m1 = Constant <value = int64 {-1}> ()
      s2 = SequenceInsert(s, c, m1)
      two = Constant <value = int64 {3}> ()
      s3 = SequenceInsert(s2, a, two)
      s4 = SequenceErase(s3)
      y = ConcatFromSequence <axis = 0> (s4)
      n = SequenceLength(s4)
    })";
  const auto out = model_from_text(text).run({{"a", f32({1}, {1})}, {"b", f32({1}, {2})}, {"c", f32({1}, {3})}});
  EXPECT_EQ(values(out.at("y")), (std::vector<double>{1, 3, 2}));
  EXPECT_EQ(values(out.at("n")), (std::vector<double>{3}));
}

TEST(RuntimeSequence, InsertPastTheEndAndEraseOfAnEmptySequenceAreErrors) {
  const char* insert = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[1] a) => (int64 n) {
      s = SequenceConstruct(a)
      p = Constant <value = int64 {2}> ()
      s2 = SequenceInsert(s, a, p)
      n = SequenceLength(s2)
    })";
  auto msg = error_of<ValidationError>([&] { model_from_text(insert).run({{"a", f32({1}, {1})}}); });
  EXPECT_NE(msg.find("(SequenceInsert): position 2 is out of range [-1, 1]"), std::string::npos) << msg;
  const char* erase = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[1] a) => (int64 n) {
      s = SequenceEmpty <dtype = 1> ()
      s2 = SequenceErase(s)
      n = SequenceLength(s2)
    })";
  msg = error_of<ValidationError>([&] { model_from_text(erase).run({{"a", f32({1}, {1})}}); });
  EXPECT_NE(msg.find("(SequenceErase): cannot erase from an empty sequence"), std::string::npos) << msg;
}

TEST(RuntimeSequence, MixedElementTypesAreRefusedWhereverASequenceIsBuilt) {
  // SequenceInsert of an int64 into a float sequence.
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[1] a, int64[1] b) => (int64 n) {
      s = SequenceConstruct(a)
      s2 = SequenceInsert(s, b)
      n = SequenceLength(s2)
    })";
  const Tensor b = i64({1}, {1});
  auto msg = error_of<TypeError>([&] { model_from_text(text).run({{"a", f32({1}, {1})}, {"b", b}}); });
  EXPECT_NE(msg.find("(SequenceInsert): tensor int64[1] does not match the sequence's element type float32"),
            std::string::npos)
      << msg;
  // A caller's sequence of an undeclared element type holding two types
  // never reaches ConcatFromSequence.
  auto proto = parse_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[N] s) => (float[M] y) { y = ConcatFromSequence <axis = 0> (s) })");
  wrap_in_sequence(*proto.mutable_graph(), {"s"});
  proto.mutable_graph()
      ->mutable_input(0)
      ->mutable_type()
      ->mutable_sequence_type()
      ->mutable_elem_type()
      ->mutable_tensor_type()
      ->set_elem_type(0);
  const Model m(proto);
  const NamedValues in{{"s", make_sequence({f32({1}, {1}), b}, std::nullopt)}};
  msg = error_of<TypeError>([&] { m.run_values(in); });
  EXPECT_NE(msg.find("graph input 's' holds a int64[1] tensor; its element type is float32"), std::string::npos) << msg;
}

TEST(RuntimeSequence, ConcatFromSequenceStacksWithNewAxisAndRefusesShapeMismatches) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[2] a, float[2] b) => (float[2, 2] y) {
      s = SequenceConstruct(a, b)
      y = ConcatFromSequence <axis = -1, new_axis = 1> (s)
    })";
  const Tensor y = model_from_text(text).run({{"a", f32({2}, {1, 2})}, {"b", f32({2}, {3, 4})}}).at("y");
  EXPECT_EQ(y.shape(), (Shape{2, 2}));
  EXPECT_EQ(values(y), (std::vector<double>{1, 3, 2, 4}));
  const char* bad = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[2, 1] a, float[3, 2] b) => (float[N, M] y) {
      s = SequenceConstruct(a, b)
      y = ConcatFromSequence <axis = 0> (s)
    })";
  const auto msg = error_of<ValidationError>([&] {
    model_from_text(bad).run({{"a", f32({2, 1}, {1, 2})}, {"b", f32({3, 2}, {1, 2, 3, 4, 5, 6})}});
  });
  EXPECT_NE(msg.find("(ConcatFromSequence): tensor #1 float32[3,2] differs from tensor #0 float32[2,1] outside axis 0"),
            std::string::npos)
      << msg;
}

TEST(RuntimeSequence, SplitToSequenceScalarSplitLeavesAShorterLastPiece) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[5] x) => (float[N] s) {
      two = Constant <value = int64 {2}> ()
      s = SplitToSequence <axis = 0> (x, two)
    })";
  const auto out = seq_model(text, {"s"}).run_values({{"x", f32({5}, {1, 2, 3, 4, 5})}});
  const Container& s = as_container(out.at("s"));
  ASSERT_EQ(s.items.size(), 3u);
  EXPECT_EQ(values(s.items[0]), (std::vector<double>{1, 2}));
  EXPECT_EQ(values(s.items[2]), (std::vector<double>{5}));
  // keepdims = 0 without split squeezes the axis away.
  const char* squeeze = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[2, 3] x) => (float[N] s) { s = SplitToSequence <axis = 1, keepdims = 0> (x) })";
  const auto out2 = seq_model(squeeze, {"s"}).run_values({{"x", f32({2, 3}, {1, 2, 3, 4, 5, 6})}});
  const Container& s2 = as_container(out2.at("s"));
  ASSERT_EQ(s2.items.size(), 3u);
  EXPECT_EQ(s2.items[1].shape(), (Shape{2}));
  EXPECT_EQ(values(s2.items[1]), (std::vector<double>{2, 5}));
}

TEST(RuntimeSequence, OptionalGetElementOfAnEmptyOptionalIsAnError) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 16]>
    g (float[1] x) => (bool has, float[1] y) {
      o = Optional ()
      has = OptionalHasElement(o)
      y = OptionalGetElement(o)
    })";
  // The text format has no TypeProto attribute: type = tensor(float) here.
  auto proto = parse_text(text);
  auto* type = proto.mutable_graph()->mutable_node(0)->add_attribute();
  type->set_name("type");
  type->set_type(onnx::AttributeProto::TYPE_PROTO);
  type->mutable_tp()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
  const Model empty(proto);
  const auto msg = error_of<ValidationError>([&] { empty.run({{"x", f32({1}, {1})}}); });
  EXPECT_NE(msg.find("(OptionalGetElement): the optional input is empty"), std::string::npos) << msg;
  const char* full = R"(<ir_version: 8, opset_import: ["" : 16]>
    g (float[1] x) => (bool has, float[1] y) {
      o = Optional(x)
      has = OptionalHasElement(o)
      y = OptionalGetElement(o)
    })";
  const auto out = model_from_text(full).run({{"x", f32({1}, {7})}});
  EXPECT_EQ(values(out.at("has")), (std::vector<double>{1}));
  EXPECT_EQ(values(out.at("y")), (std::vector<double>{7}));
}

TEST(RuntimeSequence, ASequenceReachingATensorKernelIsATypeErrorNamingTheNode) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[1] a) => (float[1] y) {
      s = SequenceConstruct(a)
      y = Clip(a, s)
    })";
  const auto msg = error_of<TypeError>([&] { model_from_text(text).run({{"a", f32({1}, {1})}}); });
  EXPECT_NE(msg.find("node #1 (Clip): input 's' is a sequence(float32) of 1 tensors; Clip takes tensors only"),
            std::string::npos)
      << msg;
  // A sequence graph output asked for through the tensor-only run().
  const char* out = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[1] a) => (float[1] s) { s = SequenceConstruct(a) })";
  const auto msg2 = error_of<TypeError>([&] { seq_model(out, {"s"}).run({{"a", f32({1}, {1})}}); });
  EXPECT_NE(msg2.find("graph output 's' is a sequence(float32) of 1 tensors, not a tensor"), std::string::npos) << msg2;
}

TEST(RuntimeSequence, LoopCarriesASequenceAndReturnsItAfterZeroIterations) {
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 n, float[1] a) => (float[1] out) {
      s0 = SequenceConstruct(a)
      out = Loop (n, , s0) <body = body (int64 i, bool c, float[1] s) => (bool c2, float[1] s2) {
        c2 = Identity(c)
        s2 = SequenceInsert(s, a)
      }>
    })";
  const Model m = seq_model(text, {"out", "s", "s2"});
  for (int64_t n : {0, 3}) {
    const auto out = m.run_values({{"n", i64s(n)}, {"a", f32({1}, {5})}});
    EXPECT_EQ(as_container(out.at("out")).items.size(), static_cast<size_t>(1 + n));
  }
}

TEST(RuntimeSequence, SequencesCountInTheByteBudgetAndThePeak) {
  // A Loop builds a sequence of n 4 KB tensors, ConcatFromSequence copies
  // it into one tensor: at that step the sequence (16 KB for n = 4) and
  // the concatenation (16 KB) are live at once, besides the 4 KB input.
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (int64 n, float[1024] a) => (float[M] y) {
      s0 = SequenceEmpty <dtype = 1> ()
      s = Loop (n, , s0) <body = body (int64 i, bool c, float[1024] s) => (bool c2, float[1024] s2) {
        c2 = Identity(c)
        s2 = SequenceInsert(s, a)
      }>
      y = ConcatFromSequence <axis = 0> (s)
    })";
  RuntimeOptions opts;
  opts.max_total_bytes = 64 * 1024;
  const Model m = seq_model(text, {"s", "s2"}, opts);
  Tensor a(DType::Float32, {1024});
  RunStats stats;
  const auto ok = m.run({{"n", i64s(4)}, {"a", a}}, &stats);
  EXPECT_EQ(ok.at("y").shape(), (Shape{4096}));
  EXPECT_GE(stats.peak_bytes, 36 * 1024);
  // A Loop whose sequence outgrows the budget stops with LimitError.
  auto msg = error_of<LimitError>([&] { m.run({{"n", i64s(100)}, {"a", a}}); });
  EXPECT_NE(msg.find("(Loop)"), std::string::npos) << msg;
  // With 34 KB, the 16 KB concatenation no longer fits beside the live
  // sequence and the input.
  opts.max_total_bytes = 34 * 1024;
  const Model tight = seq_model(text, {"s", "s2"}, opts);
  msg = error_of<LimitError>([&] { tight.run({{"n", i64s(4)}, {"a", a}}); });
  EXPECT_NE(msg.find("(ConcatFromSequence)"), std::string::npos) << msg;
}

TEST(RuntimeSequence, ManySmallTensorsAreBoundedByTheirBookkeepingToo) {
  // SplitToSequence of 2^20 floats into 2^20 one-element tensors: 4 MB of
  // elements, but each tensor costs Container::kItemOverhead (128 bytes)
  // besides: 132 MB, over a 64 MB budget, refused before it is built.
  const char* text = R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[N] x) => (int64 n) {
      s = SplitToSequence <axis = 0> (x)
      n = SequenceLength(s)
    })";
  RuntimeOptions opts;
  opts.max_total_bytes = int64_t{64} << 20;
  const Model m = model_from_text(text, opts);
  const auto msg = error_of<LimitError>([&] { m.run({{"x", Tensor(DType::Float32, {int64_t{1} << 20})}}); });
  EXPECT_NE(msg.find("(SplitToSequence): a sequence of"), std::string::npos) << msg;
  EXPECT_EQ(values(m.run({{"x", Tensor(DType::Float32, {1000})}}).at("n")), (std::vector<double>{1000}));
}

}  // namespace
}  // namespace ptonnx::runtime::test
