// Tier-5 CumOp, Repeat, FillDiagonal and Pad end to end (oracle, export,
// runtime, comparison at opsets 13-18 on the normal and the
// spec-adversarial runtime), one named test per trap, each with NumPy's
// own answer written out (so the oracle is checked too).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <set>

#include "check/driver.h"
#include "convert/export.h"
#include "core/error.h"
#include "graph/builder.h"
#include "suites/common/all_opsets.h"
#include "suites/common/tensors.h"

namespace ptonnx {
namespace {

using test::mat;
using test::vec;

VarRef input(const std::string& name, const Tensor& v) {
  return pt::tensor(name, std::string(dtype_name(v.dtype())), StaticShape(v.shape().size(), std::nullopt));
}

// Runs g at every opset 13-18 on both runtimes, expects a pass each time,
// and returns the output of the opset-17 run.
Tensor passing(const FunctionGraph& g, const std::vector<Tensor>& in) { return test::passing_at_all_opsets(g, in); }

check::CaseResult run_once(const FunctionGraph& g, const std::vector<Tensor>& in, int opset = 17) {
  check::DriverOptions o;
  o.opset = opset;
  return check::run_case(g, in, o);
}

std::vector<double> values(const Tensor& t) {
  std::vector<double> v;
  for (int64_t i = 0; i < t.numel(); ++i) v.push_back(t.get_as_double(i));
  return v;
}

std::multiset<std::string> onnx_ops(const FunctionGraph& g, int opset) {
  ExportOptions eo;
  eo.opset = opset;
  std::multiset<std::string> ops;
  const onnx::ModelProto m = export_onnx(g, eo);
  for (const auto& n : m.graph().node()) ops.insert(n.op_type());
  return ops;
}

Tensor cum(const Tensor& x, bool mul, std::optional<int64_t> axis = std::nullopt) {
  auto v = input("x", x);
  return passing(FunctionGraph({v}, {mul ? pt::cumprod(v, axis) : pt::cumsum(v, axis)}), {x});
}

// ---- CumOp --------------------------------------------------------------------

TEST(CumOp, SmallIntegersWrapInTheirDtype) {
  // np.cumsum upcasts int8 to int64; CumOp's output is int8: the wrapped sums.
  const Tensor x = vec(DType::Int8, {100, 100, -128});
  const Tensor y = cum(x, false);
  EXPECT_EQ(y.dtype(), DType::Int8);
  EXPECT_EQ(values(y), (std::vector<double>{100, -56, 72}));
  EXPECT_EQ(values(cum(vec(DType::UInt16, {65535, 2, 65535}), false)), (std::vector<double>{65535, 1, 0}));
  Tensor i32(DType::Int32, {2});
  i32.data<int32_t>()[0] = std::numeric_limits<int32_t>::max();
  i32.data<int32_t>()[1] = 1;
  EXPECT_EQ(values(cum(i32, false)), (std::vector<double>{2147483647, -2147483648.0}));
}

TEST(CumOp, SixtyFourBitSumsAndProductsWrap) {
  Tensor x(DType::Int64, {3});
  x.data<int64_t>()[0] = std::numeric_limits<int64_t>::max();
  x.data<int64_t>()[1] = 1;
  x.data<int64_t>()[2] = 1;
  const Tensor s = cum(x, false);
  EXPECT_EQ(s.get_as_int64(1), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(s.get_as_int64(2), std::numeric_limits<int64_t>::min() + 1);
  Tensor p(DType::Int64, {3});
  p.data<int64_t>()[0] = int64_t{1} << 32;
  p.data<int64_t>()[1] = int64_t{1} << 32;
  p.data<int64_t>()[2] = 3;
  EXPECT_EQ(values(cum(p, true)), (std::vector<double>{4294967296.0, 0, 0}));
  Tensor u(DType::UInt64, {2});
  u.data<uint64_t>()[0] = ~uint64_t{0};
  u.data<uint64_t>()[1] = 2;
  const Tensor up = cum(u, true);
  EXPECT_EQ(up.get_as_uint64(1), ~uint64_t{0} - 1);
  // int8: -128 * -1 = 128 wraps to -128; uint8 16 * 16 = 256 wraps to 0.
  EXPECT_EQ(values(cum(vec(DType::Int8, {-128, -1, 3}), true)), (std::vector<double>{-128, -128, -128}));
  EXPECT_EQ(values(cum(vec(DType::UInt8, {16, 16, 3}), true)), (std::vector<double>{16, 0, 0}));
}

TEST(CumOp, CumprodThroughZerosAndNegatives) {
  // Exp(CumSum(Log(x))) gives NaN for negatives and loses the zero.
  const Tensor y = cum(vec(DType::Float64, {-2, 3, 0, -1, 5}), true);
  EXPECT_EQ(values(y), (std::vector<double>{-2, -6, 0, 0, 0}));
  EXPECT_TRUE(std::signbit(y.get_as_double(2)));   // -6 * 0 = -0.0
  EXPECT_FALSE(std::signbit(y.get_as_double(3)));  // -0.0 * -1 = +0.0
  EXPECT_EQ(values(cum(vec(DType::Int16, {-2, 3, 0, -1}), true)), (std::vector<double>{-2, -6, 0, 0}));
  EXPECT_EQ(values(cum(vec(DType::Float32, {-1, -1, -1}), true)), (std::vector<double>{-1, 1, -1}));
}

TEST(CumOp, Float16RoundsAtEveryStep) {
  // NumPy's half loop: 2048 + 1 = 2049 ties to 2048 at each step; one
  // rounding of the exact sum would give 2050.
  EXPECT_EQ(values(cum(vec(DType::Float16, {2048, 1, 1}), false)), (std::vector<double>{2048, 2048, 2048}));
  EXPECT_EQ(values(cum(vec(DType::Float32, {16777216, 1, 1}), false)),
            (std::vector<double>{16777216, 16777216, 16777216}));
}

TEST(CumOp, AxisNoneRavelsAndNegativeAxes) {
  const Tensor m = mat(DType::Int32, 2, 3, {1, 2, 3, 4, 5, 6});
  const Tensor flat = cum(m, false);
  EXPECT_EQ(flat.shape(), (Shape{6}));
  EXPECT_EQ(values(flat), (std::vector<double>{1, 3, 6, 10, 15, 21}));
  EXPECT_EQ(values(cum(m, false, -1)), (std::vector<double>{1, 3, 6, 4, 9, 15}));
  EXPECT_EQ(values(cum(m, true, -2)), (std::vector<double>{1, 2, 3, 4, 10, 18}));
  EXPECT_EQ(values(cum(m, true, 1)), (std::vector<double>{1, 2, 6, 4, 20, 120}));
  auto s = pt::tensor("s", "float64", {});
  EXPECT_EQ(values(passing(FunctionGraph({s}, {pt::cumprod(s)}), {Tensor::scalar(DType::Float64, 3)})),
            (std::vector<double>{3}));  // a 0-d input ravels to (1,)
}

TEST(CumOp, EmptyAndLengthOneAxes) {
  for (bool mul : {false, true})
    for (DType t : {DType::Int8, DType::Int64, DType::Float16, DType::Bool}) {
      EXPECT_EQ(cum(Tensor(t, {0, 3}), mul, 0).shape(), (Shape{0, 3}));
      EXPECT_EQ(cum(Tensor(t, {2, 0}), mul, 1).shape(), (Shape{2, 0}));
      EXPECT_EQ(cum(Tensor(t, {0, 2}), mul).shape(), (Shape{0}));
      EXPECT_EQ(values(cum(mat(t, 1, 3, {1, 0, 1}), mul, 0)), (std::vector<double>{1, 0, 1}));
    }
}

TEST(CumOp, BoolIsARunningOrAndAnd) {
  EXPECT_EQ(values(cum(vec(DType::Bool, {0, 1, 0}), false)), (std::vector<double>{0, 1, 1}));
  EXPECT_EQ(values(cum(vec(DType::Bool, {1, 0, 1}), true)), (std::vector<double>{1, 0, 0}));
}

TEST(CumOp, OnnxFormPerDtypeAndMode) {
  auto form = [](const char* dtype, bool mul) {
    auto x = pt::vector("x", dtype);
    return onnx_ops(FunctionGraph({x}, {mul ? pt::cumprod(x, 0) : pt::cumsum(x, 0)}), 13);
  };
  for (const char* t : {"int8", "int16", "int32", "uint8", "uint16", "uint32"}) {
    EXPECT_EQ(form(t, false).count("CumSum"), 1u) << t;
    EXPECT_EQ(form(t, false).count("Loop"), 0u) << t;
  }
  // int64 CumSum could overflow (open in ONNX); float16 CumSum rounds once.
  for (const char* t : {"int64", "uint64", "float16", "float32", "float64", "bool"}) {
    EXPECT_EQ(form(t, false).count("CumSum"), 0u) << t;
    EXPECT_EQ(form(t, false).count("Loop"), 1u) << t;
  }
  for (const char* t : {"int8", "float32"}) {
    EXPECT_EQ(form(t, true).count("Loop"), 1u) << t;
    EXPECT_EQ(form(t, true).count("Log"), 0u) << t;
    EXPECT_EQ(form(t, true).count("Exp"), 0u) << t;
  }
}

// ---- Repeat -------------------------------------------------------------------

Tensor repeated(const Tensor& x, const Tensor& r, std::optional<int64_t> axis) {
  auto vx = input("x", x), vr = input("r", r);
  return passing(FunctionGraph({vx, vr}, {pt::repeat(vx, vr, axis)}), {x, r});
}

TEST(Repeat, IsNotTile) {
  // np.repeat([1, 2], 2) = [1, 1, 2, 2]; np.tile gives [1, 2, 1, 2].
  EXPECT_EQ(values(repeated(vec(DType::Float32, {1, 2}), Tensor::scalar(DType::Int64, 2), 0)),
            (std::vector<double>{1, 1, 2, 2}));
  auto x = pt::vector("x", "float32");
  const auto ops = onnx_ops(FunctionGraph({x}, {pt::repeat(x, pt::constant(Tensor::scalar(DType::Int64, 2)), 0)}), 17);
  EXPECT_EQ(ops.count("Tile"), 0u);
}

TEST(Repeat, PerElementRepeatsWithZeros) {
  const Tensor m = mat(DType::Int16, 2, 2, {0, 1, 2, 3});
  // The docstring's examples.
  EXPECT_EQ(values(repeated(m, vec(DType::Int64, {2, 3}), 0)), (std::vector<double>{0, 1, 0, 1, 2, 3, 2, 3, 2, 3}));
  EXPECT_EQ(values(repeated(m, vec(DType::UInt8, {2, 3, 0, 1}), std::nullopt)),
            (std::vector<double>{0, 0, 1, 1, 1, 3}));
  const Tensor cols = repeated(m, vec(DType::Int32, {0, 2}), -1);
  EXPECT_EQ(cols.shape(), (Shape{2, 2}));
  EXPECT_EQ(values(cols), (std::vector<double>{1, 1, 3, 3}));
}

TEST(Repeat, ZeroTotalsAndEmptyAxes) {
  const Tensor m = mat(DType::Bool, 2, 2, {1, 0, 0, 1});
  EXPECT_EQ(repeated(m, Tensor::scalar(DType::Int8, 0), 1).shape(), (Shape{2, 0}));
  EXPECT_EQ(repeated(m, vec(DType::Int64, {0, 0}), 0).shape(), (Shape{0, 2}));
  EXPECT_EQ(repeated(Tensor(DType::Float64, {0, 3}), Tensor::scalar(DType::Int64, 3), 0).shape(), (Shape{0, 3}));
  EXPECT_EQ(repeated(Tensor(DType::Float64, {0, 3}), Tensor(DType::Int64, {0}), 0).shape(), (Shape{0, 3}));
}

TEST(Repeat, RuntimeLengthOneRepeatsBroadcast) {
  // Declared (None,), length 1 at run time: np.repeat broadcasts it.
  EXPECT_EQ(values(repeated(vec(DType::UInt64, {7, 9}), vec(DType::Int32, {3}), 0)),
            (std::vector<double>{7, 7, 7, 9, 9, 9}));
}

TEST(Repeat, ScalarRepeatsRefuseUint64AndNegativeCountsRaise) {
  auto x = pt::vector("x", "uint64");
  EXPECT_THROW(pt::repeat(x, pt::scalar("r", "int64"), 0), TypeError);
  EXPECT_THROW(pt::repeat(pt::vector("y", "float32"), pt::vector("r", "uint64"), 0), TypeError);
  EXPECT_THROW(pt::repeat(pt::vector("y", "float32"), pt::vector("r", "float32"), 0), TypeError);
  auto y = pt::vector("y", "float32");
  auto r = pt::vector("r", "int64");
  const auto res = run_once(FunctionGraph({y, r}, {pt::repeat(y, r, 0)}), {vec(DType::Float32, {1, 2}),
                                                                        vec(DType::Int64, {1, -1})});
  EXPECT_EQ(res.outcome, check::Outcome::OutOfDomain) << res.message;
}

// ---- FillDiagonal -------------------------------------------------------------

Tensor filled(const Tensor& a, const Tensor& v) {
  auto va = input("a", a), vv = input("v", v);
  return passing(FunctionGraph({va, vv}, {pt::fill_diagonal(va, vv)}), {a, v});
}

TEST(FillDiagonal, TallAndWideMatrices) {
  // perform: a.flat[:n*n:n+1] with n = columns: i < min(rows, cols).
  EXPECT_EQ(values(filled(Tensor(DType::Int32, {3, 2}), Tensor::scalar(DType::Int32, 5))),
            (std::vector<double>{5, 0, 0, 5, 0, 0}));
  EXPECT_EQ(values(filled(Tensor(DType::Int32, {2, 3}), Tensor::scalar(DType::Int32, 5))),
            (std::vector<double>{5, 0, 0, 0, 5, 0}));
  EXPECT_EQ(filled(Tensor(DType::Float32, {0, 4}), Tensor::scalar(DType::Float32, 1)).shape(), (Shape{0, 4}));
}

TEST(FillDiagonal, NdWithEqualDimsAndUnequalRaise) {
  const Tensor t = filled(Tensor(DType::Bool, {2, 2, 2}), Tensor::scalar(DType::Bool, 1));
  EXPECT_EQ(values(t), (std::vector<double>{1, 0, 0, 0, 0, 0, 0, 1}));
  const Tensor f = filled(Tensor(DType::UInt16, {3, 3, 3, 3}), Tensor::scalar(DType::UInt8, 255));
  double total = 0;
  for (double v : values(f)) total += v;
  EXPECT_EQ(total, 3 * 255);
  EXPECT_EQ(f.get_as_double(40), 255);  // [1, 1, 1, 1] = 27 + 9 + 3 + 1
  auto a = pt::tensor3("a", "float64");
  auto v = pt::scalar("v", "float64");
  const auto res = run_once(FunctionGraph({a, v}, {pt::fill_diagonal(a, v)}),
                            {Tensor(DType::Float64, {2, 3, 2}), Tensor::scalar(DType::Float64, 1)});
  EXPECT_EQ(res.outcome, check::Outcome::OutOfDomain) << res.message;
  EXPECT_THROW(pt::fill_diagonal(pt::tensor("s", "float64", {2, 3, 2}), v), TypeError);
}

TEST(FillDiagonal, ValueIsCastToTheArrayDtypeOnlyWhenExact) {
  // upcast(a, val) must be a's dtype (FillDiagonal.make_node).
  EXPECT_EQ(values(filled(Tensor(DType::Float16, {2, 2}), Tensor::scalar(DType::Int8, -128))),
            (std::vector<double>{-128, 0, 0, -128}));
  Tensor big(DType::Int64, {2, 2});
  Tensor v(DType::UInt32, {});
  v.data<uint32_t>()[0] = 4294967295u;
  EXPECT_EQ(filled(big, v).get_as_int64(3), 4294967295);
  const Tensor nz = filled(mat(DType::Float64, 2, 2, {1, 2, 3, 4}), Tensor::scalar(DType::Float32, -0.0));
  EXPECT_TRUE(std::signbit(nz.get_as_double(0)));
  EXPECT_THROW(pt::fill_diagonal(pt::matrix("a", "float32"), pt::scalar("v", "float64")), TypeError);
  EXPECT_THROW(pt::fill_diagonal(pt::matrix("a", "int8"), pt::scalar("v", "int16")), TypeError);
  EXPECT_THROW(pt::fill_diagonal(pt::matrix("a", "uint64"), pt::scalar("v", "int8")), TypeError);
  EXPECT_THROW(pt::fill_diagonal(pt::vector("a", "float64"), pt::scalar("v", "float64")), TypeError);
}

// ---- Pad ----------------------------------------------------------------------

Tensor padded(const Tensor& x, const Tensor& widths, const std::string& mode, const Tensor* extra = nullptr) {
  auto vx = input("x", x), vw = input("w", widths);
  std::vector<VarRef> ins{vx, vw};
  std::vector<Tensor> vals{x, widths};
  VarRef ve;
  if (extra) {
    ve = input("e", *extra);
    ins.push_back(ve);
    vals.push_back(*extra);
  }
  return passing(FunctionGraph(ins, {pt::pad(vx, vw, mode, ve)}), vals);
}

TEST(Pad, ReflectSymmetricWrapFoldWidthsBeyondTheDim) {
  const Tensor x = vec(DType::Int32, {1, 2, 3});
  // np.pad([1, 2, 3], 5, 'reflect'): NumPy reflects again and again (ONNX
  // Pad's reflect needs pads < dim in ONNX Runtime).
  EXPECT_EQ(values(padded(x, Tensor::scalar(DType::Int64, 5), "reflect")),
            (std::vector<double>{2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2}));
  EXPECT_EQ(values(padded(x, Tensor::scalar(DType::Int8, 4), "symmetric")),
            (std::vector<double>{3, 3, 2, 1, 1, 2, 3, 3, 2, 1, 1}));
  EXPECT_EQ(values(padded(x, vec(DType::UInt8, {4, 1}), "wrap")), (std::vector<double>{3, 1, 2, 3, 1, 2, 3, 1}));
  // A length-1 axis reflects onto itself.
  EXPECT_EQ(values(padded(vec(DType::Int8, {7}), Tensor::scalar(DType::Int64, 2), "reflect")),
            (std::vector<double>{7, 7, 7, 7, 7}));
  // Gather modes keep x's dtype.
  EXPECT_EQ(padded(x, Tensor::scalar(DType::Int64, 1), "wrap").dtype(), DType::Int32);
}

TEST(Pad, FloatXModesOutputFloatX) {
  // _symbolic_pad starts from zeros(new_shape) (floatX): an int8 input pads to float64.
  const Tensor y = padded(vec(DType::Int8, {-128, 127}), Tensor::scalar(DType::Int64, 1), "edge");
  EXPECT_EQ(y.dtype(), DType::Float64);
  EXPECT_EQ(values(y), (std::vector<double>{-128, -128, 127, 127}));
  const Tensor z = padded(vec(DType::Bool, {1}), vec(DType::Int64, {0, 2}), "constant");
  EXPECT_EQ(z.dtype(), DType::Float64);
  EXPECT_EQ(values(z), (std::vector<double>{1, 0, 0}));
}

TEST(Pad, ConstantPerAxisPerSideLaterAxesWinAtCorners) {
  const Tensor x = mat(DType::Float32, 2, 2, {1, 2, 3, 4});
  const Tensor cv = mat(DType::Float64, 2, 2, {10, 20, 30, 40});
  const Tensor y = padded(x, Tensor::scalar(DType::Int64, 1), "constant", &cv);
  EXPECT_EQ(y.shape(), (Shape{4, 4}));
  EXPECT_EQ(values(y), (std::vector<double>{30, 10, 10, 40, 30, 1, 2, 40, 30, 3, 4, 40, 30, 20, 20, 40}));
  // An empty axis can be padded in constant mode.
  const Tensor five = Tensor::scalar(DType::Int16, 5);
  EXPECT_EQ(values(padded(Tensor(DType::Float64, {0}), vec(DType::Int64, {1, 2}), "constant", &five)),
            (std::vector<double>{5, 5, 5}));
}

TEST(Pad, StatisticsWithStatLengthAndNaN) {
  const Tensor x = vec(DType::Float64, {1, 2, 3, 4, 5});
  // The docstring: pad(a, (2,), 'maximum') and 'mean'.
  EXPECT_EQ(values(padded(x, Tensor::scalar(DType::Int64, 2), "maximum")),
            (std::vector<double>{5, 5, 1, 2, 3, 4, 5, 5, 5}));
  EXPECT_EQ(values(padded(x, Tensor::scalar(DType::Int64, 2), "mean")),
            (std::vector<double>{3, 3, 1, 2, 3, 4, 5, 3, 3}));
  const Tensor len = vec(DType::Int32, {2, 1});
  // stat_length (2, 1): the first two rows on the left, the last one on the right.
  EXPECT_EQ(values(padded(x, Tensor::scalar(DType::Int64, 1), "minimum", &len)),
            (std::vector<double>{1, 1, 2, 3, 4, 5, 5}));
  EXPECT_EQ(values(padded(x, Tensor::scalar(DType::Int64, 1), "mean", &len)),
            (std::vector<double>{1.5, 1, 2, 3, 4, 5, 5}));
  // NaN propagates through max (ONNX leaves NaN in ReduceMax open).
  const Tensor n = padded(vec(DType::Float32, {1, NAN}), Tensor::scalar(DType::Int64, 1), "maximum");
  EXPECT_TRUE(std::isnan(n.get_as_double(0)));
}

TEST(Pad, FedWidthsZeroWidthsAndRefusals) {
  // Widths fed at run time: the index maps are computed in the graph.
  auto x = pt::matrix("x", "uint64");
  auto w = pt::matrix("w", "int64");
  const Tensor xv = mat(DType::UInt64, 2, 2, {1, 2, 3, 4});
  const Tensor y = passing(FunctionGraph({x, w}, {pt::pad(x, w, "symmetric")}), {xv, mat(DType::Int64, 2, 2, {0, 0, 1, 0})});
  EXPECT_EQ(values(y), (std::vector<double>{1, 1, 2, 3, 3, 4}));
  // Zero widths on an empty axis are fine in every mode.
  EXPECT_EQ(padded(Tensor(DType::Float64, {0, 2}), mat(DType::Int64, 2, 2, {0, 0, 1, 1}), "wrap").shape(),
            (Shape{0, 4}));
  EXPECT_THROW(pt::pad(x, pt::constant(Tensor::scalar(DType::Int64, 1)), "median"), TypeError);
  EXPECT_THROW(pt::pad(x, pt::constant(Tensor::scalar(DType::Float64, 1)), "edge"), TypeError);
  EXPECT_THROW(pt::pad(x, pt::constant(Tensor::scalar(DType::Int64, -1)), "edge"), TypeError);
}

TEST(Pad, LinearRampPerSideReversedOnTheRight) {
  // The docstring: np.pad([1, 2, 3, 4, 5], (2, 3), 'linear_ramp', end_values=(5, -4)).
  const Tensor ends = vec(DType::Int8, {5, -4});
  EXPECT_EQ(values(padded(vec(DType::Int32, {1, 2, 3, 4, 5}), vec(DType::Int64, {2, 3}), "linear_ramp", &ends)),
            (std::vector<double>{5, 3, 1, 2, 3, 4, 5, 2, -1, -4}));
  // end_values absent: 0; the ramp of a float32 edge computes in float64.
  const Tensor y = padded(vec(DType::Float32, {1, 0.1f}), vec(DType::Int64, {3, 0}), "linear_ramp");
  EXPECT_EQ(y.get_as_double(1), 1.0 / 3.0);
  EXPECT_EQ(y.get_as_double(2), 2.0 / 3.0);
}

}  // namespace
}  // namespace ptonnx
