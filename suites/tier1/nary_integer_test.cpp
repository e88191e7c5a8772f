// N-ary Add and Mul of integers with a float64 output (the uint64/signed
// upcast), end to end: PyTensor computes them on Python ints (Elemwise
// runs the scalar op's impl through np.frompyfunc), so Add is Python's
// exact sum() rounded once, and Mul is np.prod over an array whose dtype
// NumPy picks from the values: int64 (wrapping) when all fit int64,
// float64 when a uint64 value is at or above 2^63. Both were found by the
// random graphs once the Add/Mul grow built 3-input integer nodes
// (issue 17 item 2); the converter had cast every term to float64.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "check/driver.h"
#include "graph/builder.h"
#include "ort/ort_worker.h"

namespace ptonnx {
namespace {

template <typename T>
Tensor vec_of(DType t, std::vector<T> values) {
  Tensor out(t, {static_cast<int64_t>(values.size())});
  for (size_t i = 0; i < values.size(); ++i) out.data<T>()[i] = values[i];
  return out;
}

// The built-in runtime's value; ONNX Runtime must agree too when it is
// installed (the forms use int64 Mod/Div/Less, which it has).
Tensor run(const std::vector<VarRef>& ins, const VarRef& out, const std::vector<Tensor>& values) {
  FunctionGraph g(ins, {out});
  const auto r = check::run_case(g, values, check::DriverOptions{});
  EXPECT_EQ(r.outcome, check::Outcome::Pass) << r.message;
  if (ort::OrtWorker::shared().available()) {
    check::DriverOptions o;
    o.backend = check::DriverOptions::Backend::Ort;
    const auto on_ort = check::run_case(g, values, o);
    EXPECT_EQ(on_ort.outcome, check::Outcome::Pass) << "ONNX Runtime: " << on_ort.message;
  }
  return r.actual.empty() ? Tensor() : r.actual.at(0);
}

TEST(NaryInteger, MulWrapsInInt64UnlessAUint64PassesIt) {
  auto a = pt::vector("a", "int64"), u = pt::vector("u", "uint64"), b = pt::vector("b", "int64");
  const int64_t max = std::numeric_limits<int64_t>::max();
  const Tensor y =
      run({a, u, b}, pt::op("Mul", {a, u, b})[0],
          {vec_of<int64_t>(DType::Int64, {4554751623138161, max, 1}),
           vec_of<uint64_t>(DType::UInt64, {45, 2, uint64_t{1} << 63}), vec_of<int64_t>(DType::Int64, {45, 1, 1})});
  ASSERT_EQ(y.dtype(), DType::Float64);
  EXPECT_EQ(y.data<double>()[0], -9223372036854775808.0);  // 9223372036854776025 wrapped, rounded
  EXPECT_EQ(y.data<double>()[1], -2.0);                    // int64 max * 2 wraps
  EXPECT_EQ(y.data<double>()[2], 9223372036854775808.0);   // float64 array: no wrap
}

TEST(NaryInteger, AddIsExactBeforeItRounds) {
  auto u = pt::vector("u", "uint64"), a = pt::vector("a", "int64");
  const Tensor y = run({u, a}, pt::op("Add", {u, a, a})[0],
                       {vec_of<uint64_t>(DType::UInt64, {std::numeric_limits<uint64_t>::max(), 3}),
                        vec_of<int64_t>(DType::Int64, {-9199999451701357568, -1})});
  ASSERT_EQ(y.dtype(), DType::Float64);
  EXPECT_EQ(y.data<double>()[0], 46745170306836480.0);  // exact 46745170306836479, rounded once
  EXPECT_EQ(y.data<double>()[1], 1.0);
}

}  // namespace
}  // namespace ptonnx
