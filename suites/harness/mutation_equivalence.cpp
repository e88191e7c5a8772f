#include "suites/harness/mutation_equivalence.h"

#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <type_traits>

#include "check/driver.h"
#include "runtime/model.h"

namespace ptonnx::harness::mutate {
namespace {

// A model loaded once and run on many inputs; nullopt results (and the
// reason in error()) for a model that does not load or an input it refuses.
class Runner {
 public:
  explicit Runner(const onnx::ModelProto& m) : names_(check::fed_input_names(m.graph())) {
    for (const auto& o : m.graph().output()) outputs_.push_back(o.name());
    try {
      model_ = std::make_unique<runtime::Model>(m);
    } catch (const std::exception& e) {
      model_.reset();
      error_ = std::string("does not load: ") + e.what();
    }
  }
  std::optional<std::vector<Tensor>> run(const std::vector<Tensor>& inputs) const {
    if (!model_ || inputs.size() != names_.size()) return std::nullopt;
    try {
      runtime::NamedTensors feed;
      for (size_t i = 0; i < names_.size(); ++i) feed[names_[i]] = inputs[i];
      auto outs = model_->run(feed);
      std::vector<Tensor> v;
      for (const auto& n : outputs_) v.push_back(outs.at(n));
      return v;
    } catch (const std::exception& e) {
      error_ = e.what();
      return std::nullopt;
    }
  }
  const std::string& error() const { return error_; }

 private:
  std::vector<std::string> names_, outputs_;
  std::unique_ptr<runtime::Model> model_;
  mutable std::string error_;
};

std::string show(const std::vector<Tensor>& ts) {
  std::string s;
  for (const auto& t : ts) s += (s.empty() ? "" : ", ") + t.describe() + " " + t.values_to_string(8);
  return s;
}

// Compares one input set; updates d. True when it tells the models apart.
bool same_output(const Tensor& a, const Tensor& b, bool shape_only) {
  return shape_only ? a.dtype() == b.dtype() && a.shape() == b.shape() : a.bit_equal(b);
}

bool compare_on(const Runner& a, const Runner& b, const std::vector<Tensor>& inputs,
                const std::vector<bool>& shape_only, Distinction& d) {
  const auto ra = a.run(inputs), rb = b.run(inputs);
  if (!ra && !rb) return false;  // outside both models' domain: says nothing
  bool same = ra && rb && ra->size() == rb->size();
  for (size_t i = 0; same && i < ra->size(); ++i)
    same = same_output((*ra)[i], (*rb)[i], i < shape_only.size() && shape_only[i]);
  if (same) {
    ++d.compared;
    return false;
  }
  d.found = true;
  if (ra && !rb) {
    d.mutant_failed = true;
    d.error = b.error();
  }
  d.what = "inputs " + show(inputs) + ": original " + (ra ? show(*ra) : std::string("fails")) + ", mutant " +
           (rb ? show(*rb) : std::string("fails"));
  return true;
}

std::vector<double> special_values(DType t) {
  if (t == DType::Bool) return {0, 1};
  if (is_float(t)) {
    const double big = t == DType::Float16   ? 65504.0
                       : t == DType::Float32 ? 3.4028234663852886e38
                                             : 1.7976931348623157e308;
    const double tiny = t == DType::Float16   ? 5.960464477539063e-08
                        : t == DType::Float32 ? 1.401298464324817e-45
                                              : 4.9e-324;
    const double inf = std::numeric_limits<double>::infinity();
    return {0.0, -0.0, 1,   -1, 0.5, -0.5, 1.5,  -1.5, 2.5,  -2.5, 2,   -2,   3,
            -3,  0.25, 0.1, 7,  -7,  100,  -100, big,  -big, tiny, inf, -inf, std::numeric_limits<double>::quiet_NaN()};
  }
  std::vector<double> v{0, 1, 2, 3, 5, 7};
  if (is_signed_integer(t)) v.insert(v.end(), {-1, -2, -3, -7});
  return v;
}

// Extremes of an integer dtype, set exactly (get/set_from_double would
// round 64-bit ones).
void set_extreme(Tensor& t, int64_t i, bool max) {
  visit_dtype(t.dtype(), [&](auto tag) {
    using S = storage_t<decltype(tag)::value>;
    if constexpr (std::is_integral_v<S>) {
      if (t.dtype() != DType::Bool && t.dtype() != DType::Float16)
        t.data<S>()[static_cast<size_t>(i)] = max ? std::numeric_limits<S>::max() : std::numeric_limits<S>::min();
    }
  });
}

uint64_t splitmix(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// Element j of input m in pattern p: values[pick], or an integer extreme
// coded as pick == n (max) and n + 1 (min).
Tensor fill(const Tensor& like, const std::function<size_t(int64_t)>& pick) {
  Tensor t(like.dtype(), like.shape());
  const auto vals = special_values(like.dtype());
  const bool extremes = is_integer(like.dtype());
  const size_t n = vals.size() + (extremes ? 2 : 0);
  for (int64_t j = 0; j < t.numel(); ++j) {
    const size_t k = pick(j) % n;
    if (k < vals.size())
      t.set_from_double(j, vals[k]);
    else
      set_extreme(t, j, k == vals.size());
  }
  return t;
}

}  // namespace

Distinction distinguish(const onnx::ModelProto& original, const onnx::ModelProto& mutant,
                        const std::vector<Tensor>& inputs, const std::vector<bool>& shape_only) {
  Distinction d;
  compare_on(Runner(original), Runner(mutant), inputs, shape_only, d);
  return d;
}

Distinction distinguish_on_special_inputs(const onnx::ModelProto& original, const onnx::ModelProto& mutant,
                                          const std::vector<Tensor>& like, const std::vector<bool>& shape_only) {
  const Runner a(original), b(mutant);
  Distinction d;
  constexpr size_t kPatterns = 28, kRandom = 24;
  // Constant fills: each input all one value (input m offset by m, so two
  // inputs differ unless the model feeds one into both operands).
  for (size_t p = 0; p < kPatterns; ++p) {
    std::vector<Tensor> in;
    for (size_t m = 0; m < like.size(); ++m) in.push_back(fill(like[m], [&](int64_t) { return p + m; }));
    if (compare_on(a, b, in, shape_only, d)) return d;
  }
  // Rotations: element j of input m takes value j + p + 3m.
  for (size_t p = 0; p < kPatterns; ++p) {
    std::vector<Tensor> in;
    for (size_t m = 0; m < like.size(); ++m)
      in.push_back(fill(like[m], [&](int64_t j) { return static_cast<size_t>(j) + p + 3 * m; }));
    if (compare_on(a, b, in, shape_only, d)) return d;
  }
  uint64_t state = 0x6d757461746573ull;  // fixed: the same inputs every run
  for (size_t p = 0; p < kRandom; ++p) {
    std::vector<Tensor> in;
    for (size_t m = 0; m < like.size(); ++m)
      in.push_back(fill(like[m], [&](int64_t) { return static_cast<size_t>(splitmix(state) >> 33); }));
    if (compare_on(a, b, in, shape_only, d)) return d;
  }
  return d;
}

}  // namespace ptonnx::harness::mutate
