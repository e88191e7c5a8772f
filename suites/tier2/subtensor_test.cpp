// The indexing ops: the idx_list encoding (parse, format, graph JSON round
// trip), static shapes, NumPy's slicing corners on the exported models, the
// run-time error decisions of docs/runtime-errors.md ("Indexing") and the
// duplicate-index semantics of AdvancedIncSubtensor1 at every opset.
#include <gtest/gtest.h>

#include <limits>

#include "core/error.h"
#include "graph/json.h"
#include "tier2_util.h"

namespace ptonnx::test {
namespace {

using std::nullopt;

Tensor scalar_i64(int64_t v) {
  Tensor t(DType::Int64, {});
  t.data<int64_t>()[0] = v;
  return t;
}

Tensor f64(const std::vector<double>& v) { return Tensor::from_vector(DType::Float64, {int64_t(v.size())}, v); }

TEST(Subtensor, IdxListParsesAndFormatsCanonically) {
  const auto e = parse_index_list(" 1:-1:2, ::-1,$0,$1:$2 ", 3);
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(format_index_list(e), "1:-1:2,::-1,$0,$1:$2");
  EXPECT_FALSE(e.at(2).is_slice);
  EXPECT_EQ(e.at(3).start.kind, IndexBound::Kind::Input);
  EXPECT_THROW(parse_index_list("$1"), TypeError);       // out of order
  EXPECT_THROW(parse_index_list("1:2:3:4"), TypeError);  // too many parts
  EXPECT_THROW(parse_index_list("a"), TypeError);
  EXPECT_THROW(parse_index_list("$0", 2), TypeError);    // input count
  EXPECT_TRUE(parse_index_list("").empty());
}

TEST(Subtensor, GraphJsonRoundTripKeepsTheIndex) {
  auto x = pt::tensor("x", "float32", {5, nullopt});
  auto a = pt::scalar("a", "int16");
  auto y = pt::subtensor(x, {pt::slice(a, nullopt, -2), pt::idx(-1)});
  FunctionGraph g({x, a}, {y});
  const FunctionGraph back = graph_from_json_string(graph_to_json_string(g));
  EXPECT_EQ(graph_to_json_string(back), graph_to_json_string(g));
  EXPECT_EQ(std::get<std::string>(back.nodes().at(0)->attrs.at("idx_list")), "$0::-2,-1");
}

TEST(Subtensor, StaticShapesFollowMakeNode) {
  auto x = pt::tensor("x", "float32", {5, nullopt, 4});
  EXPECT_EQ(pt::subtensor(x, {pt::slice(1, nullopt, 2), pt::idx(0)})->type.shape, (StaticShape{2, 4}));
  EXPECT_EQ(pt::subtensor(x, {pt::slice(-7, nullopt, -1)})->type.shape, (StaticShape{0, nullopt, 4}));
  EXPECT_EQ(pt::subtensor(x, {pt::slice(pt::scalar("s", "int64"))})->type.shape, (StaticShape{nullopt, nullopt, 4}));
  EXPECT_THROW(pt::subtensor(x, {pt::slice(nullopt, nullopt, 0)}), TypeError);
  EXPECT_THROW(pt::subtensor(x, {pt::idx(0), pt::idx(0), pt::idx(0), pt::idx(0)}), TypeError);
  EXPECT_THROW(pt::set_subtensor(x, pt::tensor("y", "float64", {}), {pt::idx(0)}), TypeError);  // dtype
  EXPECT_THROW(pt::advanced_subtensor1(x, pt::vector("i", "float32")), TypeError);
}

// x[start::step] with run-time bounds on x = [0 1 2 3 4]: the NumPy corners
// where ONNX Slice's own clamping would differ (a start below -n with a
// negative step is empty in NumPy, one element in ONNX).
TEST(Subtensor, RuntimeBoundsFollowNumPyAtEveryOpset) {
  auto x = pt::vector("x", "float64");
  auto s = pt::scalar("s", "int64");
  auto k = pt::scalar("k", "int64");
  FunctionGraph g({x, s, k}, {pt::subtensor(x, {pt::slice(s, nullopt, k)})});
  struct Row { int64_t s, k; std::vector<double> want; };
  const std::vector<Row> rows = {{-7, -1, {}}, {-7, 1, {0, 1, 2, 3, 4}}, {10, -3, {4, 1}}, {-1, -2, {4, 2, 0}},
                                 {5, 1, {}},   {-5, -1, {0}}};
  for (int opset = 13; opset <= 18; ++opset)
    for (const Row& r : rows) {
      const Tensor y = run(g, {f64({0, 1, 2, 3, 4}), scalar_i64(r.s), scalar_i64(r.k)}, opset)[0];
      ASSERT_EQ(y.numel(), static_cast<int64_t>(r.want.size())) << "s=" << r.s << " k=" << r.k;
      for (size_t i = 0; i < r.want.size(); ++i) EXPECT_EQ(y.get_as_double(int64_t(i)), r.want[i]);
    }
}

// Where PyTensor raises (IndexError, step 0) the exported model fails on
// the built-in runtime: Gather / GatherND / ScatterND reject out-of-range
// indices and Slice rejects a zero step (docs/runtime-errors.md).
TEST(Subtensor, OutOfBoundsAndZeroStepFailTheModel) {
  auto x = pt::matrix("x", "float64");
  auto i = pt::scalar("i", "int64");
  auto k = pt::scalar("k", "int32");
  FunctionGraph get({x, i, k}, {pt::subtensor(x, {pt::idx(i), pt::slice(nullopt, nullopt, k)})});
  auto y = pt::tensor("y", "float64", {});
  FunctionGraph set({x, y, i, k}, {pt::inc_subtensor(x, y, {pt::idx(i), pt::slice(nullopt, nullopt, k)})});
  const Tensor xv = iota(DType::Float64, {3, 4});
  Tensor k1(DType::Int32, {}), k0(DType::Int32, {});
  k1.data<int32_t>()[0] = 1;
  for (int opset = 13; opset <= 18; ++opset) {
    EXPECT_EQ(run(get, {xv, scalar_i64(-3), k1}, opset)[0].get_as_double(1), 1.0);
    EXPECT_ANY_THROW(run(get, {xv, scalar_i64(3), k1}, opset)) << opset;
    EXPECT_ANY_THROW(run(get, {xv, scalar_i64(-4), k1}, opset)) << opset;
    EXPECT_ANY_THROW(run(get, {xv, scalar_i64(0), k0}, opset)) << opset;
    EXPECT_ANY_THROW(run(set, {xv, scalar_i64(1), scalar_i64(3), k1}, opset)) << opset;
    EXPECT_ANY_THROW(run(set, {xv, scalar_i64(1), scalar_i64(0), k0}, opset)) << opset;
  }
}

// A slice that is empty whatever the input (x[:-4] on a dim of static
// size 1) writes nothing, but NumPy still refuses an integer index out of
// range and a y that does not broadcast to the empty region; the
// converter's short form for it (no index grid) keeps both checks (the
// built-in runtime runs every node; tier1_ort_portable checks that the
// checks feed the output, as ONNX Runtime drops what does not).
TEST(Subtensor, StaticallyEmptyRegionStillChecksItsIndexAndY) {
  auto x = pt::tensor("x", "float64", {1, std::nullopt});
  auto y = pt::vector("y", "float64");
  auto i = pt::scalar("i", "int64");
  FunctionGraph inc({x, y, i}, {pt::inc_subtensor(x, y, {pt::slice(nullopt, -4), pt::idx(i)})});
  const Tensor xv = iota(DType::Float64, {1, 3});
  for (int opset = 13; opset <= 18; ++opset) {
    const auto out = run(inc, {xv, f64({5}), scalar_i64(-1)}, opset);
    ASSERT_EQ(out.size(), 1u);
    ASSERT_EQ(out[0].numel(), 3);
    for (int64_t k = 0; k < 3; ++k) EXPECT_EQ(out[0].get_as_double(k), xv.get_as_double(k)) << opset;
    EXPECT_ANY_THROW(run(inc, {xv, f64({5}), scalar_i64(3)}, opset)) << opset;
    EXPECT_ANY_THROW(run(inc, {xv, f64({5, 6}), scalar_i64(0)}, opset)) << opset;
  }
}

TEST(Subtensor, AdvancedOutOfBoundsFailsTheModel) {
  auto x = pt::vector("x", "float64");
  auto y = pt::vector("y", "float64");
  auto i = pt::vector("i", "int64", {2});
  FunctionGraph take({x, i}, {pt::advanced_subtensor1(x, i)});
  FunctionGraph set({x, y, i}, {pt::advanced_set_subtensor1(x, y, i)});
  FunctionGraph inc({x, y, i}, {pt::advanced_inc_subtensor1(x, y, i)});
  const Tensor xv = f64({1, 2, 3}), yv = f64({5, 6});
  for (int opset = 13; opset <= 18; ++opset) {
    EXPECT_EQ(run(take, {xv, i64({-1, 0})}, opset)[0].get_as_double(0), 3.0);
    for (const auto& bad : {i64({0, 3}), i64({-4, 0})}) {
      EXPECT_ANY_THROW(run(take, {xv, bad}, opset)) << opset;
      EXPECT_ANY_THROW(run(set, {xv, yv, bad}, opset)) << opset;
      EXPECT_ANY_THROW(run(inc, {xv, yv, bad}, opset)) << opset;
    }
  }
}

// set: the last write wins; inc: np.add.at adds in index order, rounding
// after each addition ((1 + 1e17) - 1e17 = 0, not 1 + (1e17 - 1e17) = 1),
// and integers wrap (100 + 100 + 100 in int8 = 44).
TEST(Subtensor, DuplicateIndicesAtEveryOpset) {
  auto x = pt::vector("x", "float64", {3});
  auto y = pt::vector("y", "float64", {3});
  auto i = pt::vector("i", "int64", {3});
  FunctionGraph set({x, y, i}, {pt::advanced_set_subtensor1(x, y, i)});
  FunctionGraph inc({x, y, i}, {pt::advanced_inc_subtensor1(x, y, i)});
  auto xi = pt::vector("xi", "int8", {1});
  auto yi = pt::vector("yi", "int8", {nullopt});
  auto ii = pt::vector("ii", "int64", {nullopt});
  FunctionGraph inc8({xi, yi, ii}, {pt::advanced_inc_subtensor1(xi, yi, ii)});
  for (int opset = 13; opset <= 18; ++opset) {
    const Tensor s = run(set, {f64({0, 0, 0}), f64({1, 2, 3}), i64({0, 2, -3})}, opset)[0];
    EXPECT_EQ(s.get_as_double(0), 3.0);
    EXPECT_EQ(s.get_as_double(2), 2.0);
    const Tensor a = run(inc, {f64({1, 0, 0}), f64({1e17, -1e17, 5}), i64({0, -3, 1})}, opset)[0];
    EXPECT_EQ(a.get_as_double(0), 0.0) << opset;
    EXPECT_EQ(a.get_as_double(1), 5.0);
    Tensor x8(DType::Int8, {1}), y8(DType::Int8, {2});
    x8.data<int8_t>()[0] = 100;
    y8.data<int8_t>()[0] = y8.data<int8_t>()[1] = 100;
    EXPECT_EQ(run(inc8, {x8, y8, i64({0, -1})}, opset)[0].get_as_int64(0), 44) << opset;
  }
}

// Exact float np.add.at before opset 16 unrolls a static index length; an
// unknown length is a documented refusal there.
TEST(Subtensor, FloatIncWithUnknownIndexLengthNeedsOpset16) {
  auto x = pt::vector("x", "float32");
  auto y = pt::vector("y", "float32");
  auto i = pt::vector("i", "int32", {nullopt});
  FunctionGraph g({x, y, i}, {pt::advanced_inc_subtensor1(x, y, i)});
  for (int opset = 13; opset <= 15; ++opset) EXPECT_THROW(export_at(g, opset), UnsupportedError) << opset;
  for (int opset = 16; opset <= 18; ++opset) EXPECT_NO_THROW(export_at(g, opset)) << opset;
}

}  // namespace
}  // namespace ptonnx::test

namespace ptonnx::test {
namespace {

// The runtime's Slice follows the spec where NumPy differs: with a negative
// step an adjusted start below 0 clamps to 0 (one element here), not -1.
TEST(Subtensor, RuntimeSliceClampsANegativeStepStartToZero) {
  onnx::ModelProto m;
  m.set_ir_version(8);
  m.add_opset_import()->set_version(17);
  auto* g = m.mutable_graph();
  g->set_name("slice");
  auto add_value = [](onnx::ValueInfoProto* v, const std::string& name, int64_t dim) {
    v->set_name(name);
    auto* t = v->mutable_type()->mutable_tensor_type();
    t->set_elem_type(onnx::TensorProto::DOUBLE);
    t->mutable_shape()->add_dim()->set_dim_value(dim);
  };
  add_value(g->add_input(), "x", 5);
  add_value(g->add_output(), "y", 1);
  auto init = [&](const std::string& name, int64_t v) {
    auto* t = g->add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::INT64);
    t->add_dims(1);
    t->add_int64_data(v);
  };
  init("starts", -7);
  init("ends", std::numeric_limits<int64_t>::min());
  init("axes", 0);
  init("steps", -1);
  auto* n = g->add_node();
  n->set_op_type("Slice");
  for (const char* in : {"x", "starts", "ends", "axes", "steps"}) n->add_input(in);
  n->add_output("y");
  runtime::Model model(m);
  runtime::NamedTensors feed;
  feed["x"] = f64({0, 1, 2, 3, 4});
  const Tensor y = model.run(feed).at("y");
  ASSERT_EQ(y.shape(), (Shape{1}));
  EXPECT_EQ(y.get_as_double(0), 0.0);
}

}  // namespace
}  // namespace ptonnx::test
