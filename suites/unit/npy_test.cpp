// The .npy reader and writer (lib/core/npy.h) against bytes written by
// NumPy 1.24's np.save (C and Fortran order, big-endian, bool, 0-d, empty,
// float16), a round-trip property over every dtype and random shapes, and
// hostile files: refused with a message, never allocated from a lying
// header.
#include "core/npy.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <string>

#include "core/error.h"

namespace ptonnx {
namespace {

std::string unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

// np.save(BytesIO, a) for the arrays named (numpy 1.24.2).
const std::string kF64_2x3 = unhex("934e554d5059010076007b276465736372273a20273c6638272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2033292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a000000000000e03f00000000000000809c7500883ce4377e000000000000f07f000000000000f0ff0000000000000a40");
const std::string kF64_2x3_Fortran = unhex("934e554d5059010076007b276465736372273a20273c6638272c2027666f727472616e5f6f72646572273a20547275652c20277368617065273a2028322c2033292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a000000000000e03f000000000000f07f0000000000000080000000000000f0ff9c7500883ce4377e0000000000000a40");
const std::string kF64_2x3_BigEndian = unhex("934e554d5059010076007b276465736372273a20273e6638272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2033292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a3fe000000000000080000000000000007e37e43c8800759c7ff0000000000000fff0000000000000400a000000000000");
const std::string kBool3 = unhex("934e554d5059010076007b276465736372273a20277c6231272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028332c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a010001");
const std::string kU16Scalar = unhex("934e554d5059010076007b276465736372273a20273c7532272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200affff");
const std::string kI8Empty0x3 = unhex("934e554d5059010076007b276465736372273a20277c6931272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028302c2033292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a");
const std::string kF16_2 = unhex("934e554d5059010076007b276465736372273a20273c6632272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a003e00c0");

// [[0.5, -0.0, 1e300], [inf, -inf, 3.25]]: what every float64 case holds.
void expect_matrix(const Tensor& t) {
  ASSERT_EQ(t.describe(), "float64[2,3]");
  const auto v = t.data<double>();
  EXPECT_EQ(v[0], 0.5);
  EXPECT_TRUE(v[1] == 0 && std::signbit(v[1]));
  EXPECT_EQ(v[2], 1e300);
  EXPECT_EQ(v[3], INFINITY);
  EXPECT_EQ(v[4], -INFINITY);
  EXPECT_EQ(v[5], 3.25);
}

TEST(Npy, ReadsWhatNumpyWrites) {
  expect_matrix(tensor_from_npy(kF64_2x3));
  expect_matrix(tensor_from_npy(kF64_2x3_Fortran));    // reordered to C order
  expect_matrix(tensor_from_npy(kF64_2x3_BigEndian));  // byte-swapped
  const Tensor b = tensor_from_npy(kBool3);
  ASSERT_EQ(b.describe(), "bool[3]");
  EXPECT_EQ(b.values_to_string(), "[1, 0, 1]");
  const Tensor u = tensor_from_npy(kU16Scalar);
  ASSERT_EQ(u.describe(), "uint16[]");
  EXPECT_EQ(u.data<uint16_t>()[0], 65535);
  EXPECT_EQ(tensor_from_npy(kI8Empty0x3).describe(), "int8[0,3]");
  const Tensor h = tensor_from_npy(kF16_2);
  ASSERT_EQ(h.describe(), "float16[2]");
  EXPECT_EQ(h.get_as_double(0), 1.5);
  EXPECT_EQ(h.get_as_double(1), -2.0);
}

// The writer gives np.save's bytes exactly (header text and padding to 64).
TEST(Npy, WritesWhatNumpyWrites) {
  for (const std::string* bytes : {&kF64_2x3, &kBool3, &kU16Scalar, &kI8Empty0x3, &kF16_2})
    EXPECT_EQ(tensor_to_npy(tensor_from_npy(*bytes)), *bytes);
}

RC_GTEST_PROP(Npy, RoundTripIsBitExact, ()) {
  const DType t = *rc::gen::elementOf(std::vector<DType>(std::begin(kAllDTypes), std::end(kAllDTypes)));
  const Shape shape = *rc::gen::container<Shape>(*rc::gen::inRange<size_t>(0, 4), rc::gen::inRange<int64_t>(0, 4));
  Tensor x(t, shape);
  for (size_t i = 0; i < x.nbytes(); ++i) x.raw()[i] = static_cast<std::byte>(*rc::gen::arbitrary<uint8_t>());
  if (t == DType::Bool)
    for (size_t i = 0; i < x.nbytes(); ++i) x.raw()[i] &= std::byte{1};
  RC_ASSERT(tensor_from_npy(tensor_to_npy(x)).bit_equal(x));
}

TEST(Npy, HostileFilesAreRefusedWithAMessage) {
  auto refuses = [](const std::string& bytes, const std::string& part) {
    try {
      tensor_from_npy(bytes, "f.npy", 1 << 20);
      ADD_FAILURE() << "accepted; expected: " << part;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    }
  };
  refuses("", "not a .npy file");
  refuses(kF64_2x3.substr(0, 9), "truncated .npy header");
  refuses(kF64_2x3.substr(0, 60), "truncated .npy header");
  refuses(kF64_2x3.substr(0, kF64_2x3.size() - 1), "but 47 bytes follow");
  refuses(kF64_2x3 + "x", "but 49 bytes follow");
  std::string bad = kF64_2x3;
  bad.replace(bad.find("<f8"), 3, "<c8");
  refuses(bad, "dtype '<c8' is not supported");
  bad = kF64_2x3;
  bad.replace(bad.find("(2, 3)"), 6, "(2,-3)");
  refuses(bad, "not a non-negative integer");
  // A 128-byte file claiming 2^40 elements: refused before any allocation.
  bad = kF64_2x3;
  bad.replace(bad.find("(2, 3)"), 6, "(1099511627776,)");
  refuses(bad.substr(0, 128), "exceeds the limit");
  bad = kF64_2x3;
  bad.replace(bad.find("(2, 3)"), 6, "(99999999999999999999,)");
  refuses(bad, "overflows int64");
  bad = kBool3;
  bad.back() = '\x02';
  refuses(bad, "neither 0 nor 1");
  bad = kF64_2x3;
  bad[6] = '\x04';
  refuses(bad, "format version 4 is not supported");
  bad = kF64_2x3;
  bad.replace(bad.find("'descr': '<f8'"), 14, "'descr': [1]  ");
  refuses(bad, "structured dtypes are not supported");
}

}  // namespace
}  // namespace ptonnx
