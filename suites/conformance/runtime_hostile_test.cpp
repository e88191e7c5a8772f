// Malformed and hostile models must give a ptonnx::Error naming the node and
// op, never a crash, an unbounded allocation or a hang.
#include "runtime_test_util.h"

namespace ptonnx::runtime::test {
namespace {

TEST(RuntimeHostile, ExpandToATrillionElementsIsRefused) {
  const auto m = model_from_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[1] x, int64[2] shape) => (float[N,M] y) { y = Expand(x, shape) })");
  const auto msg = error_of<LimitError>([&] {
    m.run({{"x", f32({1}, {1})}, {"shape", i64({2}, {1000000, 1000000})}});
  });
  EXPECT_NE(msg.find("Expand"), std::string::npos) << msg;
}

// Work far beyond the inputs: four 1000 x 1000 matrices chained with every
// label kept in the loop (naive Einsum: 10^12 x 4 multiply-adds), and an
// RNN of a long sequence: refused before any work, naming the node.
TEST(RuntimeHostile, EinsumAndRnnWorkIsBounded) {
  const auto chain = model_from_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[N,N] a, float[N,N] b, float[N,N] c) => (float[N,N] y) { y = Einsum<equation = "ab,bc,cd->ad">(a, b, c) })");
  const Tensor big(DType::Float32, {1000, 1000});
  const auto msg = error_of<LimitError>([&] { chain.run({{"a", big}, {"b", big}, {"c", big}}); });
  EXPECT_NE(msg.find("Einsum"), std::string::npos) << msg;
  EXPECT_NE(msg.find("max_operations_per_node"), std::string::npos) << msg;
  // Small enough: runs.
  const Tensor small(DType::Float32, {3, 3});
  EXPECT_NO_THROW(chain.run({{"a", small}, {"b", small}, {"c", small}}));

  const auto rnn = model_from_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[S,1,1] x, float[1,64,1] w, float[1,64,64] r) => (float[S,1,1,64] y) { y = RNN<hidden_size = 64>(x, w, r) })");
  RuntimeOptions tight;
  tight.max_operations_per_node = 100000;
  const auto limited = model_from_text(R"(<ir_version: 8, opset_import: ["" : 17]>
    g (float[S,1,1] x, float[1,64,1] w, float[1,64,64] r) => (float[S,1,1,64] y) { y = RNN<hidden_size = 64>(x, w, r) })",
                                       tight);
  const Tensor w(DType::Float32, {1, 64, 1}), r(DType::Float32, {1, 64, 64});
  EXPECT_NO_THROW(rnn.run({{"x", Tensor(DType::Float32, {100, 1, 1})}, {"w", w}, {"r", r}}));
  const auto rmsg =
      error_of<LimitError>([&] { limited.run({{"x", Tensor(DType::Float32, {100, 1, 1})}, {"w", w}, {"r", r}}); });
  EXPECT_NE(rmsg.find("RNN"), std::string::npos) << rmsg;
}

TEST(RuntimeHostile, DanglingInputNamesTheNode) {
  const auto msg = error_of<ValidationError>([] {
    model_from_text(R"(<ir_version: 8, opset_import: ["" : 17]>
      g (float[1] x) => (float[1] y) { t = Neg(nowhere) y = Abs(t) })");
  });
  EXPECT_NE(msg.find("Neg"), std::string::npos) << msg;
  EXPECT_NE(msg.find("nowhere"), std::string::npos) << msg;
}

TEST(RuntimeHostile, CycleIsDetected) {
  auto proto = parse_text(R"(<ir_version: 8, opset_import: ["" : 17]>
      g (float[1] x) => (float[1] y) { a = Add(x, b) b = Neg(a) y = Abs(b) })");
  const auto msg = error_of<ValidationError>([&] { Model m(proto); });
  EXPECT_NE(msg.find("cycle"), std::string::npos) << msg;
}

TEST(RuntimeHostile, UnknownOpNamesNodeOpDomainAndOpset) {
  const auto msg = error_of<UnsupportedError>([] {
    model_from_text(R"(<ir_version: 8, opset_import: ["" : 17]>
      g (float[1] x) => (float[1] y) { y = FrobnicateTensor(x) })");
  });
  EXPECT_NE(msg.find("FrobnicateTensor"), std::string::npos) << msg;
  EXPECT_NE(msg.find("ai.onnx"), std::string::npos) << msg;
  EXPECT_NE(msg.find("17"), std::string::npos) << msg;
}

TEST(RuntimeHostile, NegativeDimInConstant) {
  auto proto = parse_text(R"(<ir_version: 8, opset_import: ["" : 17]>
      g (float[1] x) => (float[1] y) { c = Constant<value = float[2] {1, 2}>() y = Add(x, c) })");
  auto* t = proto.mutable_graph()->mutable_node(0)->mutable_attribute(0)->mutable_t();
  t->set_dims(0, -5);
  const Model m(proto);
  const auto msg = error_of<Error>([&] { m.run({{"x", f32({1}, {1})}}); });
  EXPECT_NE(msg.find("Constant"), std::string::npos) << msg;
}

TEST(RuntimeHostile, TruncatedProtobuf) {
  const auto proto = parse_text(R"(<ir_version: 8, opset_import: ["" : 17]>
      g (float[2] x) => (float[2] y) { y = Relu(x) })");
  const std::string bytes = proto.SerializeAsString();
  for (size_t cut : {bytes.size() / 2, bytes.size() - 3, size_t{5}}) {
    EXPECT_THROW(Model::from_bytes(std::string_view(bytes).substr(0, cut)), Error) << cut;
  }
  EXPECT_THROW(Model::from_bytes("\xff\xff\xff\xff garbage"), ValidationError);
}

TEST(RuntimeHostile, MissingRequiredAttributeAndBadAxis) {
  const auto m = model_from_text(R"(<ir_version: 8, opset_import: ["" : 17]>
      g (float[2] x) => (int64[2] y) { y = Cast(x) })");
  const auto msg = error_of<ValidationError>([&] { m.run({{"x", f32({2}, {1, 2})}}); });
  EXPECT_NE(msg.find("'to'"), std::string::npos) << msg;
  const auto m2 = model_from_text(R"(<ir_version: 8, opset_import: ["" : 17]>
      g (float[2] x) => (float[2] y) { y = Softmax<axis = 5>(x) })");
  EXPECT_THROW(m2.run({{"x", f32({2}, {1, 2})}}), ValidationError);
}

TEST(RuntimeHostile, InputDtypeAndShapeChecked) {
  const auto m = model_from_text(R"(<ir_version: 8, opset_import: ["" : 17]>
      g (float[2] x) => (float[2] y) { y = Relu(x) })");
  EXPECT_THROW(m.run({{"x", i64({2}, {1, 2})}}), TypeError);
  EXPECT_THROW(m.run({{"x", f32({3}, {1, 2, 3})}}), TypeError);
  EXPECT_THROW(m.run({}), ValidationError);
}

TEST(RuntimeHostile, GatherIndexOutOfRange) {
  const auto m = model_from_text(R"(<ir_version: 8, opset_import: ["" : 17]>
      g (float[3] x, int64[1] i) => (float[1] y) { y = Gather(x, i) })");
  EXPECT_THROW(m.run({{"x", f32({3}, {1, 2, 3})}, {"i", i64({1}, {7})}}), ValidationError);
}

}  // namespace
}  // namespace ptonnx::runtime::test
