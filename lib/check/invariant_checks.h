// Invariant checks: outputs that are not unique are judged by what defines
// them, not elementwise against the oracle. An eigenvector's sign, the basis
// a repeated eigenvalue spans, the columns of Q past a rank-deficient R:
// LAPACK picks one answer, a correct export may pick another, and both
// satisfy A V = V diag(w), V^T V = I, Q R = A. An op registers a check that
// sees the node's input values and all its outputs, the oracle's and the
// runtime's, and judges one output; docs/comparison.md, "Invariants".
//
// The driver applies a check where it applies tolerance rules: to a graph
// output produced directly by a node whose inputs are all graph inputs or
// constants (an op property's graph, a replayed bundle). Anywhere else the
// elementwise comparison stands, and the op's grow function builds only
// instances whose result is unique and exactly computable.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "check/compare.h"
#include "graph/graph.h"

namespace ptonnx::check {

struct NodeValues {
  const Node& node;
  std::vector<const Tensor*> inputs;    // node.inputs' values
  std::vector<const Tensor*> expected;  // per node output: the oracle's value, nullptr when not a graph output
  std::vector<const Tensor*> actual;    // per node output: the runtime's value, nullptr when not a graph output
};

// Judges node output `output` (whose expected and actual values are
// present); `tol` is the tolerance the elementwise comparison would use.
using InvariantCheck = std::function<TensorMismatch(const NodeValues& v, size_t output, const Tolerance& tol)>;

struct InvariantCheckRegistrar {
  InvariantCheckRegistrar(const std::string& op, InvariantCheck check);
};

const InvariantCheck* find_invariant_check(const std::string& op);

// The check's judgment of graph output i, or nullopt when no check applies
// (no check for the producing op, or an input is an intermediate value).
std::optional<TensorMismatch> apply_invariant_check(const FunctionGraph& g, const std::vector<Tensor>& inputs,
                                                    const std::vector<Tensor>& expected,
                                                    const std::vector<Tensor>& actual, size_t i, const Tolerance& tol);

// Building blocks of checks.
// dtype and shape of `actual` against `expected` (ok when equal).
TensorMismatch same_type(const Tensor& expected, const Tensor& actual);
// A failed judgment of `expected`'s output with `reason`.
TensorMismatch invariant_failed(const Tensor& expected, std::string reason);

}  // namespace ptonnx::check
