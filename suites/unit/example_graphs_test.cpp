// The graph files shipped in examples/graphs/ (what a new user copies to
// write their own): each loads (their intermediates carry no types: the
// loader infers them), exports at every opset 13-18 and passes the
// differential check (converter + runtime against the oracle) on fixed
// inputs. A graph-format or converter change that breaks an example fails
// here, not in a user's hands.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "check/driver.h"
#include "graph/json.h"

namespace ptonnx {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> example_graphs() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(PTONNX_EXAMPLE_GRAPHS))
    if (e.path().extension() == ".json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Unknown dims become 3; values spread over both signs, fixed.
Tensor fixed_input(const TensorType& type) {
  Shape shape;
  for (const auto& d : type.shape) shape.push_back(d.value_or(3));
  Tensor t(type.dtype, shape);
  for (int64_t i = 0; i < t.numel(); ++i) t.set_from_double(i, std::round(40 * std::sin(1.7 * i + 0.3)) / 8);
  return t;
}

TEST(ExampleGraphs, EachLoadsExportsAndPassesTheCheckAtEveryOpset) {
  const auto files = example_graphs();
  ASSERT_GE(files.size(), 3u) << PTONNX_EXAMPLE_GRAPHS;
  for (const auto& f : files) {
    SCOPED_TRACE(f.string());
    const FunctionGraph g = load_graph(f.string());
    std::vector<Tensor> inputs;
    for (const auto& in : g.inputs()) inputs.push_back(fixed_input(in->type));
    for (int opset = 13; opset <= 18; ++opset) {
      check::DriverOptions o;
      o.opset = opset;
      const auto r = check::run_case(g, inputs, o);
      EXPECT_EQ(r.outcome, check::Outcome::Pass) << "opset " << opset << ": " << r.message;
    }
  }
}

}  // namespace
}  // namespace ptonnx
