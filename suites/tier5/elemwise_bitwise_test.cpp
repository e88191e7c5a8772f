// Tier-5 bitwise ops end to end (converter, runtime, oracle), one named test
// per trap: the 64-bit extremes (INT64_MIN, -1, bit 63 of uint64), the
// upcast of a mixed pair (int8 & uint8 -> int16), ~ at the extremes, the
// bool forms, the opset-13..17 bit-plane form against opset 18's Bitwise*
// on every int8 pair, and the refusals (floats, bool with an integer, a
// signed integer with uint64). Values are checked against constants
// written here, not only against the oracle; every run is also made on
// the spec-adversarial runtime (out-of-range Casts saturate there).
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <set>

#include "check/driver.h"
#include "graph/builder.h"
#include "suites/common/error_of.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::vec;
using U = std::vector<uint64_t>;
using I = std::vector<int64_t>;

constexpr int64_t kMin64 = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax64 = std::numeric_limits<int64_t>::max();
constexpr uint64_t kUMax64 = std::numeric_limits<uint64_t>::max();
constexpr uint64_t kBit63 = uint64_t{1} << 63;

Tensor vec_i64(const I& v) {
  Tensor x(DType::Int64, {static_cast<int64_t>(v.size())});
  for (size_t i = 0; i < v.size(); ++i) x.data<int64_t>()[i] = v[i];
  return x;
}

Tensor vec_u64(const U& v) {
  Tensor x(DType::UInt64, {static_cast<int64_t>(v.size())});
  for (size_t i = 0; i < v.size(); ++i) x.data<uint64_t>()[i] = v[i];
  return x;
}

FunctionGraph graph_of(const std::string& op, const std::vector<Tensor>& in) {
  std::vector<VarRef> xs;
  for (size_t k = 0; k < in.size(); ++k) {
    // Unknown dims, but a 1 stays a static 1: PyTensor refuses to
    // broadcast a dim that is 1 only at run time.
    StaticShape dims;
    for (int64_t d : in[k].shape()) dims.push_back(d == 1 ? std::optional<int64_t>(1) : std::nullopt);
    xs.push_back(pt::tensor("x" + std::to_string(k), std::string(dtype_name(in[k].dtype())), dims));
  }
  return FunctionGraph(xs, pt::op(op, xs));
}

// op(inputs) through the driver at `opset`; the run must pass (runtime ==
// oracle); returns the runtime's output.
Tensor run(const std::string& op, const std::vector<Tensor>& in, int opset, bool adversarial = false) {
  const FunctionGraph g = graph_of(op, in);
  check::DriverOptions o;
  o.opset = opset;
  o.adversarial = adversarial;
  const auto r = check::run_case(g, in, o);
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << op << " opset " << opset << (adversarial ? " adversarial" : "")
                                              << ": " << r.message;
  return r.actual.empty() ? Tensor() : r.actual.at(0);
}

I as_i64(const Tensor& t) {
  I out;
  for (int64_t i = 0; i < t.numel(); ++i) out.push_back(t.get_as_int64(i));
  return out;
}
U as_u64(const Tensor& t) {
  U out;
  for (int64_t i = 0; i < t.numel(); ++i) out.push_back(t.get_as_uint64(i));
  return out;
}

// Every opset, normal and adversarial runtime.
template <typename F>
void every_runtime(F f) {
  for (int opset = 13; opset <= 18; ++opset)
    for (bool adversarial : {false, true}) {
      SCOPED_TRACE("opset " + std::to_string(opset) + (adversarial ? " adversarial" : ""));
      f(opset, adversarial);
    }
}

std::multiset<std::string> onnx_ops(const std::string& op, const std::vector<Tensor>& in, int opset) {
  check::DriverOptions o;
  o.opset = opset;
  const auto r = check::run_case(graph_of(op, in), in, o);
  std::multiset<std::string> ops;
  if (r.model)
    for (const auto& n : r.model->graph().node()) ops.insert(n.op_type());
  return ops;
}

TEST(Bitwise, Int64MinAndMinusOne) {
  const Tensor a = vec_i64({kMin64, kMin64, -1, kMax64, kMin64});
  const Tensor b = vec_i64({-1, kMax64, -1, kMin64, 1});
  every_runtime([&](int opset, bool adv) {
    EXPECT_EQ(as_i64(run("AND", {a, b}, opset, adv)), (I{kMin64, 0, -1, 0, 0}));
    EXPECT_EQ(as_i64(run("OR", {a, b}, opset, adv)), (I{-1, -1, -1, -1, kMin64 + 1}));
    EXPECT_EQ(as_i64(run("XOR", {a, b}, opset, adv)), (I{kMax64, -1, 0, -1, kMin64 + 1}));
  });
}

TEST(Bitwise, UInt64Bit63) {
  const Tensor a = vec_u64({kBit63, kBit63 | 5, kUMax64, kBit63});
  const Tensor b = vec_u64({kUMax64, kBit63 | 1, kBit63 - 1, kBit63 - 1});
  every_runtime([&](int opset, bool adv) {
    EXPECT_EQ(as_u64(run("AND", {a, b}, opset, adv)), (U{kBit63, kBit63 | 1, kBit63 - 1, 0}));
    EXPECT_EQ(as_u64(run("OR", {a, b}, opset, adv)), (U{kUMax64, kBit63 | 5, kUMax64, kUMax64}));
    EXPECT_EQ(as_u64(run("XOR", {a, b}, opset, adv)), (U{kBit63 - 1, 4, kBit63, kUMax64}));
  });
}

TEST(Bitwise, Int8WithUInt8UpcastsToInt16) {
  auto x = pt::tensor("x", "int8", {std::nullopt});
  auto y = pt::tensor("y", "uint8", {std::nullopt});
  EXPECT_EQ(pt::bitwise_and(x, y)->type.dtype, DType::Int16);
  EXPECT_EQ(pt::bitwise_xor(y, x)->type.dtype, DType::Int16);
  EXPECT_EQ(pt::bitwise_or(pt::tensor("z", "uint16", {}), pt::tensor("w", "int32", {}))->type.dtype, DType::Int32);
  EXPECT_EQ(pt::bitwise_or(pt::tensor("z", "uint32", {}), pt::tensor("w", "int8", {}))->type.dtype, DType::Int64);
  const Tensor a = vec(DType::Int8, {-1, -128, -128, 127});
  const Tensor b = vec(DType::UInt8, {255, 128, 255, 255});
  every_runtime([&](int opset, bool adv) {
    const Tensor r = run("AND", {a, b}, opset, adv);
    EXPECT_EQ(r.dtype(), DType::Int16);
    EXPECT_EQ(as_i64(r), (I{255, 128, 128, 127}));
    // -1 | 255 is -1 in int16; -128 ^ 255 is 0xFF80 ^ 0x00FF = 0xFF7F.
    EXPECT_EQ(as_i64(run("OR", {a, b}, opset, adv)), (I{-1, -128, -1, 255}));
    EXPECT_EQ(as_i64(run("XOR", {a, b}, opset, adv)), (I{-256, -256, -129, 128}));
  });
}

TEST(Bitwise, InvertAtTheExtremes) {
  every_runtime([&](int opset, bool adv) {
    EXPECT_EQ(as_i64(run("Invert", {vec(DType::Int8, {-128, 0, -1, 127})}, opset, adv)), (I{127, -1, 0, -128}));
    EXPECT_EQ(as_i64(run("Invert", {vec(DType::Int16, {-32768, 0, 5})}, opset, adv)), (I{32767, -1, -6}));
    EXPECT_EQ(as_i64(run("Invert", {vec_i64({kMin64, 0, -1, kMax64})}, opset, adv)), (I{kMax64, -1, 0, kMin64}));
    EXPECT_EQ(as_i64(run("Invert", {vec(DType::UInt8, {255, 0, 1})}, opset, adv)), (I{0, 255, 254}));
    EXPECT_EQ(as_i64(run("Invert", {vec(DType::UInt16, {65535, 0})}, opset, adv)), (I{0, 65535}));
    EXPECT_EQ(as_i64(run("Invert", {vec(DType::UInt32, {4294967295.0, 0})}, opset, adv)), (I{0, 4294967295}));
    EXPECT_EQ(as_u64(run("Invert", {vec_u64({kUMax64, 0, kBit63})}, opset, adv)), (U{0, kUMax64, kBit63 - 1}));
  });
}

TEST(Bitwise, BoolsAreLogical) {
  const Tensor a = vec(DType::Bool, {0, 0, 1, 1}), b = vec(DType::Bool, {0, 1, 0, 1});
  every_runtime([&](int opset, bool adv) {
    EXPECT_EQ(as_i64(run("AND", {a, b}, opset, adv)), (I{0, 0, 0, 1}));
    EXPECT_EQ(as_i64(run("OR", {a, b}, opset, adv)), (I{0, 1, 1, 1}));
    EXPECT_EQ(as_i64(run("XOR", {a, b}, opset, adv)), (I{0, 1, 1, 0}));
    const Tensor n = run("Invert", {a}, opset, adv);
    EXPECT_EQ(n.dtype(), DType::Bool);
    EXPECT_EQ(as_i64(n), (I{1, 1, 0, 0}));
  });
  // One ONNX node each, at every opset: And, Or, Xor, Not.
  for (int opset : {13, 18}) {
    EXPECT_EQ(onnx_ops("AND", {a, b}, opset), (std::multiset<std::string>{"And"}));
    EXPECT_EQ(onnx_ops("OR", {a, b}, opset), (std::multiset<std::string>{"Or"}));
    EXPECT_EQ(onnx_ops("XOR", {a, b}, opset), (std::multiset<std::string>{"Xor"}));
    EXPECT_EQ(onnx_ops("Invert", {a}, opset), (std::multiset<std::string>{"Not"}));
  }
}

// The opset-17 bit-plane form equals opset 18's BitwiseAnd/Or/Xor (and the
// C++ operators) on all 65536 int8 pairs, and on all int8 x uint8 pairs
// (int16 output); Invert's -1 - x on every int8 and uint8.
TEST(Bitwise, Opset17FormEqualsOpset18OnEveryInt8Pair) {
  Tensor a(DType::Int8, {256, 1}), b(DType::Int8, {1, 256}), bu(DType::UInt8, {1, 256});
  for (int i = 0; i < 256; ++i) {
    a.data<int8_t>()[i] = static_cast<int8_t>(i - 128);
    b.data<int8_t>()[i] = static_cast<int8_t>(i - 128);
    bu.data<uint8_t>()[i] = static_cast<uint8_t>(i);
  }
  for (const char* op : {"AND", "OR", "XOR"}) {
    SCOPED_TRACE(op);
    const std::string o(op);
    auto expect = [&](int64_t p, int64_t q) { return o == "AND" ? (p & q) : o == "OR" ? (p | q) : (p ^ q); };
    for (const Tensor* second : {&b, &bu}) {
      const Tensor r17 = run(op, {a, *second}, 17, true);
      const Tensor r18 = run(op, {a, *second}, 18);
      ASSERT_EQ(r17.numel(), 65536);
      ASSERT_EQ(r18.numel(), 65536);
      EXPECT_EQ(r17.dtype(), second == &b ? DType::Int8 : DType::Int16);
      int wrong = 0;
      for (int64_t i = 0; i < 65536; ++i) {
        const int64_t want = expect(a.get_as_int64(i / 256), second->get_as_int64(i % 256));
        wrong += r17.get_as_int64(i) != want || r18.get_as_int64(i) != want;
      }
      EXPECT_EQ(wrong, 0) << "pairs where opset 17 or 18 is not the C++ result";
    }
    for (const auto& n : onnx_ops(op, {a, b}, 17)) EXPECT_EQ(n.rfind("Bitwise", 0), std::string::npos) << n;
  }
  Tensor all(DType::Int8, {256}), allu(DType::UInt8, {256});
  for (int i = 0; i < 256; ++i) {
    all.data<int8_t>()[i] = static_cast<int8_t>(i - 128);
    allu.data<uint8_t>()[i] = static_cast<uint8_t>(i);
  }
  for (int opset : {13, 17}) {
    const Tensor s = run("Invert", {all}, opset, true), u = run("Invert", {allu}, opset, true);
    for (int i = 0; i < 256; ++i) {
      EXPECT_EQ(s.get_as_int64(i), -1 - (i - 128));
      EXPECT_EQ(u.get_as_int64(i), 255 - i);
    }
  }
}

// Which ONNX ops each opset gets: Bitwise* only at 18, the bit planes
// (BitShift + ReduceSum) before; Invert a single Sub at 13-17 for int32.
TEST(Bitwise, OnnxFormPerOpset) {
  const Tensor a = vec(DType::Int32, {-5, 7}), b = vec(DType::Int32, {3, -1});
  for (int opset = 13; opset <= 17; ++opset) {
    const auto ops = onnx_ops("AND", {a, b}, opset);
    EXPECT_EQ(ops.count("BitwiseAnd"), 0u);
    EXPECT_EQ(ops.count("BitShift"), 3u);  // two operands split, one reassembly
    EXPECT_EQ(ops.count("ReduceSum"), 1u);
    EXPECT_EQ(onnx_ops("Invert", {a}, opset), (std::multiset<std::string>{"Sub"}));
  }
  EXPECT_EQ(onnx_ops("AND", {a, b}, 18), (std::multiset<std::string>{"BitwiseAnd"}));
  EXPECT_EQ(onnx_ops("OR", {a, vec(DType::Int8, {1, 2})}, 18), (std::multiset<std::string>{"Cast", "BitwiseOr"}));
  EXPECT_EQ(onnx_ops("Invert", {a}, 18), (std::multiset<std::string>{"BitwiseNot"}));
}

TEST(Bitwise, RefusesFloatsMixedBoolAndSignedWithUInt64) {
  auto f = pt::tensor("f", "float32", {std::nullopt});
  auto i8 = pt::tensor("i", "int8", {std::nullopt});
  const std::string and_float = test::error_of<TypeError>([&] { pt::bitwise_and(f, i8); });
  EXPECT_NE(and_float.find("input to a BitOp must have type (u)int8, (u)int16, (u)int32 or (u)int64"),
            std::string::npos)
      << and_float;
  EXPECT_NE(and_float.find("not float32"), std::string::npos) << and_float;
  const std::string invert_float =
      test::error_of<TypeError>([&] { pt::invert(pt::tensor("d", "float64", {std::nullopt})); });
  EXPECT_NE(invert_float.find("or bool, not float64"), std::string::npos) << invert_float;
  const std::string mixed_bool =
      test::error_of<TypeError>([&] { pt::bitwise_or(pt::tensor("b", "bool", {std::nullopt}), i8); });
  EXPECT_NE(mixed_bool.find("or be all bools, not bool"), std::string::npos) << mixed_bool;
  const std::string mixed64 = test::error_of<TypeError>(
      [&] { pt::bitwise_xor(pt::tensor("s", "int64", {std::nullopt}), pt::tensor("u", "uint64", {std::nullopt})); });
  EXPECT_NE(mixed64.find("upcasts to float64"), std::string::npos) << mixed64;
}

}  // namespace
}  // namespace ptonnx
