// The oracle's QR kernel against NumPy 1.24's numpy.linalg.qr (geqrf +
// orgqr, the same LAPACK calls as PyTensor's perform), values computed once
// with /usr/bin/python3 and pasted: 'complete' is full mode, 'reduced' is
// economic, numpy's 'r' is the first K rows of scipy's (M x N) R, numpy's
// 'raw' returns h transposed (Fortran order) where PyTensor's raw returns
// geqrf's packed M x N matrix. Also the shapes of every mode for tall,
// wide and empty inputs and the 0 x N refusal.
#include <gtest/gtest.h>

#include <cmath>

#include "graph/builder.h"
#include "graph/builder_linalg.h"
#include "oracles/oracle.h"

using namespace ptonnx;

namespace {

Tensor make(DType t, Shape shape, const std::vector<double>& values) {
  Tensor out(t, std::move(shape));
  for (int64_t i = 0; i < out.numel(); ++i) out.set_from_double(i, values[static_cast<size_t>(i)]);
  return out;
}

std::vector<Tensor> qr(const Tensor& a, const std::string& mode) {
  auto x = pt::matrix("a", std::string(dtype_name(a.dtype())));
  return oracle::evaluate(FunctionGraph({x}, pt::qr(x, mode)), {a});
}

void expect_tensor(const Tensor& t, DType dtype, const Shape& shape, const std::vector<double>& want,
                   double tol = 1e-14) {
  ASSERT_EQ(t.dtype(), dtype) << t.describe();
  ASSERT_EQ(t.shape(), shape) << t.describe();
  for (int64_t i = 0; i < t.numel(); ++i) EXPECT_NEAR(t.get_as_double(i), want[static_cast<size_t>(i)], tol) << i;
}

const std::vector<double> kTall = {2, -1, 0.5, 1, 3, -2, -2, 0.25, 1, 4, 1, 1.5};  // 4 x 3
// numpy.linalg.qr(A, 'complete')
const std::vector<double> kQ = {-0.40000000000000013, 0.4247408378318673,   0.2103314334594425,  -0.7844462433951608,
                                -0.20000000000000004, -0.88071261962196,    0.31662921283129986, -0.2899848672266471,
                                0.4000000000000001,   -0.19050875814517576, -0.7403109134625478, -0.5056146402926152,
                                -0.8000000000000002,  -0.08744664308303143, -0.5544784766688201, 0.21191201835793427};
const std::vector<double> kR = {
    -4.999999999999999, -0.9, -0.5999999999999999, 0.0, -3.201952529317073, 1.652116935390131, 0.0, 0.0,
    -2.100121337398657};
// numpy 'raw': h.T and tau.
const std::vector<double> kPacked = {-4.999999999999999,   -0.9,
                                     -0.5999999999999999,  0.14285714285714288,
                                     -3.201952529317073,   1.652116935390131,
                                     -0.28571428571428575, 0.03562099178815202,
                                     -2.100121337398657,   0.5714285714285715,
                                     0.17006150918214513,  0.4279424434396381};
const std::vector<double> kTau = {1.4000000000000001, 1.9413898821693696, 1.6904245484551386};

std::vector<double> with_zero_rows(std::vector<double> r, size_t zeros) {
  r.insert(r.end(), zeros, 0.0);
  return r;
}

}  // namespace

TEST(OracleQR, TallMatchesNumpyInEveryMode) {
  const Tensor A = make(DType::Float64, {4, 3}, kTall);
  auto full = qr(A, "full");
  expect_tensor(full.at(0), DType::Float64, {4, 4}, kQ);
  expect_tensor(full.at(1), DType::Float64, {4, 3}, with_zero_rows(kR, 3));
  auto economic = qr(A, "reduced");
  std::vector<double> q3;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 3; ++j) q3.push_back(kQ[i * 4 + j]);
  expect_tensor(economic.at(0), DType::Float64, {4, 3}, q3);
  expect_tensor(economic.at(1), DType::Float64, {3, 3}, kR);
  // scipy's r mode keeps all M rows (numpy's returns the first K).
  expect_tensor(qr(A, "r").at(0), DType::Float64, {4, 3}, with_zero_rows(kR, 3));
  auto raw = qr(A, "raw");
  ASSERT_EQ(raw.size(), 3u);
  expect_tensor(raw.at(0), DType::Float64, {4, 3}, kPacked);
  expect_tensor(raw.at(1), DType::Float64, {3}, kTau);
  expect_tensor(raw.at(2), DType::Float64, {3, 3}, kR);
}

TEST(OracleQR, WideLastStepHasTauZero) {
  // numpy.linalg.qr([[1, 2, 3, -1], [-2, 0.5, 1, 4]], 'raw'): the last
  // reflector has one element, so tau[1] = 0 and R[1, 1] keeps its sign.
  const Tensor B = make(DType::Float64, {2, 4}, {1, 2, 3, -1, -2, 0.5, 1, 4});
  const std::vector<double> R = {-2.23606797749979,  -0.44721359549995787, -0.44721359549995787, 4.024922359499621, 0.0,
                                 2.0124611797498106, 3.1304951684997055,   0.8944271909999162};
  auto full = qr(B, "full");
  expect_tensor(full.at(0), DType::Float64, {2, 2},
                {-0.44721359549995787, 0.8944271909999157, 0.8944271909999157, 0.4472135954999581});
  expect_tensor(full.at(1), DType::Float64, {2, 4}, R);
  auto raw = qr(B, "raw");
  std::vector<double> packed = R;
  packed[4] = -0.6180339887498948;
  expect_tensor(raw.at(0), DType::Float64, {2, 4}, packed);
  expect_tensor(raw.at(1), DType::Float64, {2}, {1.4472135954999579, 0.0});
  expect_tensor(raw.at(2), DType::Float64, {2, 4}, R);
  EXPECT_EQ(qr(B, "economic").at(0).shape(), (Shape{2, 2}));
}

TEST(OracleQR, ZeroTailMeansNoReflectionEvenForNegativeAlpha) {
  // numpy (float32): h.T = [[-3, 1], [0, 2]], tau = [0, 0]: Q = I, R = A.
  const Tensor C = make(DType::Float32, {2, 2}, {-3, 1, 0, 2});
  auto raw = qr(C, "raw");
  expect_tensor(raw.at(0), DType::Float32, {2, 2}, {-3, 1, 0, 2}, 0);
  expect_tensor(raw.at(1), DType::Float32, {2}, {0, 0}, 0);
  auto full = qr(C, "full");
  expect_tensor(full.at(0), DType::Float32, {2, 2}, {1, 0, 0, 1}, 0);
  expect_tensor(full.at(1), DType::Float32, {2, 2}, {-3, 1, 0, 2}, 0);
}

TEST(OracleQR, DtypesAndEmptyShapes) {
  // linalg_output_dtype: int16 -> float32, int64 -> float64.
  EXPECT_EQ(qr(make(DType::Int16, {1, 1}, {-2}), "r").at(0).dtype(), DType::Float32);
  expect_tensor(qr(make(DType::Int64, {1, 1}, {-2}), "full").at(1), DType::Float64, {1, 1}, {-2}, 0);
  // M x 0: full Q is the identity, economic Q is (M, 0), raw R (0, 0).
  const Tensor tall_empty(DType::Float64, {3, 0});
  auto full = qr(tall_empty, "full");
  expect_tensor(full.at(0), DType::Float64, {3, 3}, {1, 0, 0, 0, 1, 0, 0, 0, 1}, 0);
  EXPECT_EQ(full.at(1).shape(), (Shape{3, 0}));
  EXPECT_EQ(qr(tall_empty, "economic").at(0).shape(), (Shape{3, 0}));
  auto raw = qr(tall_empty, "raw");
  EXPECT_EQ(raw.at(0).shape(), (Shape{3, 0}));
  EXPECT_EQ(raw.at(1).shape(), (Shape{0}));
  EXPECT_EQ(raw.at(2).shape(), (Shape{0, 0}));
  EXPECT_EQ(qr(Tensor(DType::Float32, {0, 0}), "full").at(0).shape(), (Shape{0, 0}));
  // 0 x N: geqrf refuses lda = 0 and f2py's lwork check raises.
  EXPECT_THROW(qr(Tensor(DType::Float64, {0, 2}), "r"), oracle::PyTensorRaises);
}
