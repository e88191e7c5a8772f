// The driver's caches (convert/validation_cache.h, runtime/model_cache.h)
// never skip work for a model they have not seen: two models that differ
// only in one attribute, one dtype, one static dim or one shape-feeding
// constant are each validated, and the invalid one is rejected with
// validate_export's own message, however often the valid one passed before.
#include "convert/validation_cache.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "check/conversion_cache.h"
#include "check/driver.h"
#include "convert/errors.h"
#include "convert/export.h"
#include "convert/validate.h"
#include "graph/builder.h"
#include "graph/builder_reduction.h"
#include "graph/builder_shape.h"
#include "runtime/model_cache.h"

using namespace ptonnx;

namespace {

onnx::ModelProto export_unvalidated(const FunctionGraph& g) {
  ExportOptions o;
  o.validate = false;
  return export_onnx(g, o);
}

// validate_export's message for a model it rejects ("" if it passes).
std::string direct_rejection(const onnx::ModelProto& m, const FunctionGraph& g) {
  try {
    validate_export(m, g);
  } catch (const ExportValidationError& e) {
    return e.what();
  }
  return "";
}

onnx::NodeProto& only_node(onnx::ModelProto& m, const std::string& op) {
  for (auto& n : *m.mutable_graph()->mutable_node())
    if (n.op_type() == op) return n;
  throw std::logic_error("no " + op + " node in the exported model");
}

// `good` passes validation (through the cache, twice: the second is a hit);
// `bad` differs from it in one field and must be validated, and rejected
// with validate_export's message, on every call.
void expect_both_validated(const onnx::ModelProto& good, const onnx::ModelProto& bad, const FunctionGraph& g) {
  ValidationCache cache(16, size_t{1} << 20);
  ASSERT_EQ(direct_rejection(good, g), "") << "the unchanged model must be valid";
  const std::string expected = direct_rejection(bad, g);
  ASSERT_NE(expected, "") << "the changed model must be invalid";
  EXPECT_EQ(cache.validate(good, g), good.SerializeAsString());
  EXPECT_NO_THROW(cache.validate(good, g));
  EXPECT_EQ(cache.stats().hits, 1u);
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      cache.validate(bad, g);
      ADD_FAILURE() << "attempt " << attempt << ": the invalid model was not validated (a cache hit)";
    } catch (const ExportValidationError& e) {
      EXPECT_EQ(std::string(e.what()), expected);
    }
  }
  EXPECT_EQ(cache.stats().hits, 1u);
  EXPECT_EQ(cache.stats().misses, 3u);
  EXPECT_EQ(cache.stats().entries, 1u);  // failures are never remembered
}

}  // namespace

TEST(ValidationCache, ValidatesAModelThatDiffersInOneAttribute) {
  auto x = pt::matrix("x", "float64", {4, 4});
  FunctionGraph g({x}, {pt::cast(x, "int32")});
  const onnx::ModelProto good = export_unvalidated(g);
  onnx::ModelProto bad = good;
  // Cast's 'to' now says float: ONNX infers a float output, the IR int32.
  only_node(bad, "Cast").mutable_attribute(0)->set_i(onnx::TensorProto::FLOAT);
  ASSERT_EQ(only_node(bad, "Cast").attribute(0).name(), "to");
  expect_both_validated(good, bad, g);
}

TEST(ValidationCache, ValidatesAModelThatDiffersInOneDtype) {
  auto x = pt::matrix("x", "float32", {4, 4}), y = pt::matrix("y", "float32", {4, 4});
  FunctionGraph g({x, y}, {pt::add(x, y)});
  const onnx::ModelProto good = export_unvalidated(g);
  onnx::ModelProto bad = good;
  // y as float64: Add's operands no longer share a type.
  bad.mutable_graph()->mutable_input(1)->mutable_type()->mutable_tensor_type()->set_elem_type(
      onnx::TensorProto::DOUBLE);
  expect_both_validated(good, bad, g);
}

TEST(ValidationCache, ValidatesAModelThatDiffersInOneStaticDim) {
  auto x = pt::matrix("x", "float32", {4, 4}), y = pt::matrix("y", "float32", {4, 4});
  FunctionGraph g({x, y}, {pt::add(x, y)});
  const onnx::ModelProto good = export_unvalidated(g);
  onnx::ModelProto bad = good;
  // y as [4, 3]: 4 and 3 do not broadcast.
  bad.mutable_graph()
      ->mutable_input(1)
      ->mutable_type()
      ->mutable_tensor_type()
      ->mutable_shape()
      ->mutable_dim(1)
      ->set_dim_value(3);
  expect_both_validated(good, bad, g);
}

TEST(ValidationCache, ValidatesAModelThatDiffersInOneShapeFeedingConstant) {
  auto x = pt::matrix("x", "float32", {4, 4});
  FunctionGraph g({x}, {pt::reshape(x, std::vector<int64_t>{2, 8})});
  const onnx::ModelProto good = export_unvalidated(g);
  onnx::ModelProto bad = good;
  // The target as [8, 2]: same bytes but for the values; ONNX infers
  // [8, 2], the IR says [2, 8].
  const std::string target = only_node(bad, "Reshape").input(1);
  bool changed = false;
  for (auto& init : *bad.mutable_graph()->mutable_initializer()) {
    if (init.name() != target) continue;
    ASSERT_EQ(init.data_type(), onnx::TensorProto::INT64);
    std::string& raw = *init.mutable_raw_data();
    ASSERT_EQ(raw.size(), 2 * sizeof(int64_t)) << "the target is stored as raw bytes";
    const int64_t swapped[2] = {8, 2};
    raw.assign(reinterpret_cast<const char*>(swapped), sizeof swapped);
    changed = true;
  }
  ASSERT_TRUE(changed) << "Reshape's target is an initializer";
  expect_both_validated(good, bad, g);
}

TEST(ValidationCache, ValidatesTheSameModelAgainstOtherIrOutputTypes) {
  auto x = pt::matrix("x", "float32", {4, 4});
  FunctionGraph g({x}, {pt::exp(x)});
  auto x64 = pt::matrix("x", "float64", {4, 4});
  FunctionGraph g64({x64}, {pt::exp(x64)});
  const onnx::ModelProto m = export_unvalidated(g);
  ValidationCache cache(16, size_t{1} << 20);
  EXPECT_NO_THROW(cache.validate(m, g));
  const std::string expected = direct_rejection(m, g64);
  ASSERT_NE(expected, "");
  try {
    cache.validate(m, g64);
    ADD_FAILURE() << "validated against other IR output types from the cache";
  } catch (const ExportValidationError& e) {
    EXPECT_EQ(std::string(e.what()), expected);
  }
}

TEST(ValidationCache, IsBoundedAndRevalidatesWhatItEvicted) {
  ValidationCache cache(2, size_t{1} << 20);
  std::vector<std::unique_ptr<FunctionGraph>> graphs;
  std::vector<onnx::ModelProto> models;
  for (const char* dtype : {"float32", "float64", "int32"}) {
    auto x = pt::matrix("x", dtype, {2, 2});
    graphs.push_back(std::make_unique<FunctionGraph>(std::vector<VarRef>{x}, std::vector<VarRef>{pt::add(x, x)}));
    models.push_back(export_unvalidated(*graphs.back()));
    cache.validate(models.back(), *graphs.back());
  }
  EXPECT_EQ(cache.stats().entries, 2u);
  cache.validate(models[0], *graphs[0]);  // evicted first: validated again
  EXPECT_EQ(cache.stats().misses, 4u);
  EXPECT_EQ(cache.stats().hits, 0u);
  cache.validate(models[2], *graphs[2]);
  EXPECT_EQ(cache.stats().hits, 1u);
  ValidationCache tiny(16, 1);  // no key fits: nothing is remembered
  tiny.validate(models[0], *graphs[0]);
  tiny.validate(models[0], *graphs[0]);
  EXPECT_EQ(tiny.stats().misses, 2u);
  EXPECT_EQ(tiny.stats().entries, 0u);
}

TEST(ModelCache, SharesALoadedModelOnlyForTheSameBytesAndOptions) {
  auto x = pt::matrix("x", "float32", {2, 2});
  FunctionGraph g({x}, {pt::exp(x)});
  const onnx::ModelProto m = export_unvalidated(g);
  const std::string bytes = m.SerializeAsString();
  runtime::ModelCache cache(16, size_t{1} << 20);
  runtime::RuntimeOptions plain, adversarial;
  adversarial.adversarial = true;
  const auto a = cache.get(m, bytes, plain);
  EXPECT_EQ(cache.get(m, bytes, plain), a);
  EXPECT_NE(cache.get(m, bytes, adversarial), a);
  onnx::ModelProto other = m;
  other.mutable_graph()->mutable_node(0)->set_op_type("Log");
  EXPECT_NE(cache.get(other, other.SerializeAsString(), plain), a);
  EXPECT_EQ(cache.stats().hits, 1u);
  EXPECT_EQ(cache.stats().misses, 3u);
  // A model that fails to load is loaded (and fails) again every time.
  onnx::ModelProto broken = m;
  broken.mutable_graph()->mutable_node(0)->set_op_type("NoSuchOp");
  EXPECT_ANY_THROW(cache.get(broken, broken.SerializeAsString(), plain));
  EXPECT_ANY_THROW(cache.get(broken, broken.SerializeAsString(), plain));
  EXPECT_EQ(cache.stats().misses, 5u);
  runtime::ModelCache two(2, size_t{1} << 20);
  two.get(m, bytes, plain);
  two.get(m, bytes, adversarial);
  two.get(other, other.SerializeAsString(), plain);
  EXPECT_EQ(two.stats().entries, 2u);
}

// The conversion cache's key (check/conversion_cache.h): equal for the same
// graph built twice, different for graphs that differ in any one thing the
// converter reads.
namespace {

std::string key_of(const FunctionGraph& g, int opset = 17, bool validate = true) {
  ExportOptions o;
  o.opset = opset;
  o.validate = validate;
  auto k = check::graph_key(g, o);
  if (!k) throw std::logic_error("the graph has no key");
  return *k;
}

// x (float32 [4,4] unless told) -> f(x).
std::string key_of_unary(VarRef (*f)(VarRef), const char* dtype = "float32", StaticShape shape = {4, 4},
                         const char* name = "x") {
  auto x = pt::tensor(name, dtype, shape);
  return key_of(FunctionGraph({x}, {f(x)}));
}

}  // namespace

// Keys are binary: say which differ without printing them.
#define EXPECT_KEYS_DIFFER(a, b) EXPECT_TRUE((a) != (b)) << #a " and " #b " have the same key"

TEST(GraphKey, IsTheSameForTheSameGraphBuiltTwice) {
  auto cast32 = [](VarRef a) { return pt::cast(a, "int32"); };
  EXPECT_TRUE(key_of_unary(cast32) == key_of_unary(cast32));
  auto reshape = [](VarRef a) { return pt::reshape(a, std::vector<int64_t>{2, 8}); };
  EXPECT_TRUE(key_of_unary(reshape) == key_of_unary(reshape));
}

TEST(GraphKey, DiffersInOneAttributeDtypeDimConstantNameOrOption) {
  auto cast32 = [](VarRef a) { return pt::cast(a, "int32"); };
  auto cast16 = [](VarRef a) { return pt::cast(a, "int16"); };
  const std::string base = key_of_unary(cast32);
  EXPECT_KEYS_DIFFER(base, key_of_unary(cast16));  // attribute (and so the output dtype)
  // An attribute that changes no type: the axis of a Sum over [4, 4].
  auto sum0 = [](VarRef a) { return pt::sum(a, std::vector<int64_t>{0}); };
  auto sum1 = [](VarRef a) { return pt::sum(a, std::vector<int64_t>{1}); };
  EXPECT_KEYS_DIFFER(key_of_unary(sum0), key_of_unary(sum1));
  EXPECT_KEYS_DIFFER(base, key_of_unary(cast32, "float64"));                     // input dtype
  EXPECT_KEYS_DIFFER(base, key_of_unary(cast32, "float32", {4, 3}));             // static dim
  EXPECT_KEYS_DIFFER(base, key_of_unary(cast32, "float32", {4, std::nullopt}));  // static vs dynamic
  EXPECT_KEYS_DIFFER(base, key_of_unary(cast32, "float32", {4, 4}, "y"));        // input name
  auto x = pt::tensor("x", "float32", {4, 4});
  FunctionGraph g({x}, {cast32(x)});
  EXPECT_KEYS_DIFFER(key_of(g), key_of(g, 16));         // opset
  EXPECT_KEYS_DIFFER(key_of(g), key_of(g, 17, false));  // validation asked for or not
  // A shape-feeding constant: the Reshape target's values.
  auto to_2x8 = [](VarRef a) { return pt::reshape(a, std::vector<int64_t>{2, 8}); };
  auto to_8x2 = [](VarRef a) { return pt::reshape(a, std::vector<int64_t>{8, 2}); };
  EXPECT_KEYS_DIFFER(key_of_unary(to_2x8), key_of_unary(to_8x2));
  // A float constant, down to its sign of zero.
  auto plus_zero = [](VarRef a) { return pt::add(a, pt::constant(Tensor::scalar(DType::Float32, 0.0))); };
  auto plus_minus_zero = [](VarRef a) { return pt::add(a, pt::constant(Tensor::scalar(DType::Float32, -0.0))); };
  EXPECT_KEYS_DIFFER(key_of_unary(plus_zero), key_of_unary(plus_minus_zero));
}

TEST(GraphKey, DiffersInTheWiring) {
  auto x = pt::tensor("x", "float32", {2}), y = pt::tensor("y", "float32", {2});
  auto x2 = pt::tensor("x", "float32", {2}), y2 = pt::tensor("y", "float32", {2});
  EXPECT_KEYS_DIFFER(key_of(FunctionGraph({x, y}, {pt::sub(x, y)})),
                     key_of(FunctionGraph({x2, y2}, {pt::sub(y2, x2)})));
  auto x3 = pt::tensor("x", "float32", {2}), y3 = pt::tensor("y", "float32", {2});
  EXPECT_KEYS_DIFFER(key_of(FunctionGraph({x, y}, {pt::sub(x, y)})),
                     key_of(FunctionGraph({x3, y3}, {pt::sub(x3, x3)})));
}

// Through the driver: every new graph structure is exported and validated
// (a miss in both caches), a repeat is a hit and passes the same way.
TEST(DriverCaches, ExportAndValidateEachNewGraphAndReuseARepeat) {
  Tensor v(DType::Float32, {2, 2});
  for (int i = 0; i < 4; ++i) v.set_from_double(i, i * 0.5 - 1);
  auto graph = [](const char* dtype) {
    auto x = pt::matrix("x", "float32", {2, 2});
    return FunctionGraph({x}, {pt::cast(pt::exp(x) + x, dtype)});
  };
  const auto converted = check::ConversionCache::process().stats();
  const auto validated = ValidationCache::process().stats();
  const auto loaded = runtime::ModelCache::process().stats();
  const check::CaseResult first = check::run_case(graph("float64"), {v});
  const check::CaseResult other = check::run_case(graph("int64"), {v});  // one attribute differs
  const check::CaseResult again = check::run_case(graph("float64"), {v});
  for (const auto* r : {&first, &other, &again}) EXPECT_EQ(r->outcome, check::Outcome::Pass) << r->message;
  EXPECT_EQ(check::ConversionCache::process().stats().misses, converted.misses + 2);
  EXPECT_EQ(check::ConversionCache::process().stats().hits, converted.hits + 1);
  EXPECT_EQ(ValidationCache::process().stats().misses, validated.misses + 2);
  EXPECT_EQ(runtime::ModelCache::process().stats().misses, loaded.misses + 2);
  EXPECT_EQ(runtime::ModelCache::process().stats().hits, loaded.hits + 1);
  EXPECT_EQ(first.model->SerializeAsString(), again.model->SerializeAsString());
  EXPECT_NE(first.model->SerializeAsString(), other.model->SerializeAsString());
}
