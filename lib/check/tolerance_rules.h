// Tolerance rules: ops whose result carries a rounding error that grows
// with the problem (products, factorisations, solves) widen the default
// per-dtype tolerance of their outputs with a bound derived from the
// node's input values (docs/comparison.md, "Linear algebra").
//
// The driver applies a rule to a graph output produced directly by a node
// whose inputs are all graph inputs or constants (an op property's graph,
// a replayed bundle): there the values the bound needs are known. Anywhere
// else (inside random graphs) the default tolerance stands, and the grow
// functions of these ops build only exactly computable instances.
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "check/compare.h"
#include "graph/graph.h"

namespace ptonnx::check {

// inputs[i] is node.inputs[i]'s value; `expected` the oracle's value of
// output `output`. Returns the widened tolerance (never narrower than base).
using ToleranceRule = std::function<Tolerance(const Node& node, const std::vector<const Tensor*>& inputs, size_t output,
                                              const Tensor& expected, Tolerance base)>;

const ToleranceRule* find_tolerance_rule(const std::string& op);

struct ToleranceRuleRegistrar {
  ToleranceRuleRegistrar(const std::string& op, ToleranceRule rule);
};

// The values of node's inputs when each is a graph input, a constant or a
// matrix transpose of one (PyTensor's solve_triangular(trans=1) feeds a.mT,
// a DimShuffle: a pure layout change, evaluated into `storage`) or a
// flattening Reshape of one (pt.sort/argsort(axis=None)); nullopt
// when any input is another intermediate value.
std::optional<std::vector<const Tensor*>> leaf_input_values(const FunctionGraph& g, const std::vector<Tensor>& inputs,
                                                            const Node& node, std::deque<Tensor>& storage);

// The tolerance of graph output i after the rules (base when none applies).
Tolerance apply_tolerance_rule(const FunctionGraph& g, const std::vector<Tensor>& inputs, size_t i,
                               const Tensor& expected, Tolerance base);

}  // namespace ptonnx::check
