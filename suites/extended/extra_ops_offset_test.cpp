// FillDiagonalOffset (extended group; pytensor rel-3.3.0
// tensor/extra_ops.py) end to end at opsets 13-18 on the normal and the
// spec-adversarial runtime, with perform's answers written out: the
// diagonal col - row == offset on tall and wide matrices, offsets beyond
// the matrix (nothing filled), uint64 and int64 extreme offsets, and the
// make_node refusals.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "check/driver.h"
#include "core/error.h"
#include "graph/builder.h"
#include "suites/common/all_opsets.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

Tensor filled(const Tensor& a, const Tensor& val, const Tensor& offset) {
  auto va = pt::tensor("a", std::string(dtype_name(a.dtype())), {std::nullopt, std::nullopt});
  auto vv = pt::tensor("v", std::string(dtype_name(val.dtype())), {});
  auto vo = pt::tensor("o", std::string(dtype_name(offset.dtype())), {});
  const FunctionGraph g({va, vv, vo}, {pt::fill_diagonal_offset(va, vv, vo)});
  return test::passing_at_all_opsets(g, {a, val, offset});
}

using test::values;

TEST(FillDiagonalOffset, AboveAndBelowOnTallAndWideMatrices) {
  const Tensor nine = Tensor::scalar(DType::Int8, 9);
  EXPECT_EQ(values(filled(Tensor(DType::Int16, {3, 4}), nine, Tensor::scalar(DType::Int64, 1))),
            (std::vector<double>{0, 9, 0, 0, 0, 0, 9, 0, 0, 0, 0, 9}));
  EXPECT_EQ(values(filled(Tensor(DType::Int16, {4, 2}), nine, Tensor::scalar(DType::Int32, -1))),
            (std::vector<double>{0, 0, 9, 0, 0, 9, 0, 0}));
  EXPECT_EQ(values(filled(Tensor(DType::Float32, {4, 2}), nine, Tensor::scalar(DType::UInt8, 0))),
            (std::vector<double>{9, 0, 0, 9, 0, 0, 0, 0}));
}

TEST(FillDiagonalOffset, OffsetsBeyondTheMatrixFillNothing) {
  const Tensor one = Tensor::scalar(DType::Bool, 1);
  for (double off : {3.0, 4.0, -2.0, -5.0})
    EXPECT_EQ(values(filled(Tensor(DType::Bool, {2, 3}), one, Tensor::scalar(DType::Int8, off))),
              (std::vector<double>(6, 0)))
        << off;
  Tensor big(DType::UInt64, {});
  big.data<uint64_t>()[0] = std::numeric_limits<uint64_t>::max();  // a Cast to int64 would wrap to -1
  EXPECT_EQ(values(filled(Tensor(DType::Float64, {2, 2}), Tensor::scalar(DType::Float64, 1), big)),
            (std::vector<double>(4, 0)));
  Tensor low(DType::Int64, {});
  low.data<int64_t>()[0] = std::numeric_limits<int64_t>::min();
  EXPECT_EQ(values(filled(Tensor(DType::Float64, {2, 2}), Tensor::scalar(DType::Float64, 1), low)),
            (std::vector<double>(4, 0)));
}

TEST(FillDiagonalOffset, MakeNodeRefusals) {
  auto v = pt::scalar("v", "float64");
  auto o = pt::scalar("o", "int64");
  EXPECT_THROW(pt::fill_diagonal_offset(pt::tensor3("a", "float64"), v, o), TypeError);
  EXPECT_THROW(pt::fill_diagonal_offset(pt::matrix("a", "float32"), v, o), TypeError);
  EXPECT_THROW(pt::fill_diagonal_offset(pt::matrix("a", "float64"), v, pt::scalar("f", "float64")), TypeError);
  EXPECT_THROW(pt::fill_diagonal_offset(pt::matrix("a", "float64"), v, pt::vector("ov", "int64")), TypeError);
}

}  // namespace
}  // namespace ptonnx
