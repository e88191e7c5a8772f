// Mutation operators over exported ONNX models, for `ptonnx mutate`
// (docs/mutate.md). Each operator lists the single-point mutants that
// apply to a model: a realistic converter bug (the wrong sibling op, an
// attribute off by one, a missing Cast, a constant off by one or by one
// ulp, swapped operands, a dropped Where guard) planted in the exported
// graph, to measure whether an op's property notices it.
//
// A mutant names its target by op type and occurrence ("Transpose#0",
// "initializer#2"), not by ONNX names: the property's other cases export
// models of the same structure under other value names, and the mutant
// must find its target there too. apply() returns false when the model
// has no such target (a case whose conversion took another path).
//
// Deterministic: the same model gives the same mutants in the same order.
#pragma once

#include <onnx/onnx_pb.h>

#include <functional>
#include <string>
#include <vector>

namespace ptonnx::harness::mutate {

struct Mutant {
  std::string kind;         // swap_op | attribute | cast | constant | swap_inputs | where
  std::string description;  // "Add#0 -> Sub", "initializer#1 (int64[2]) element 0 += 1"
  std::function<bool(onnx::ModelProto&)> apply;
};

// Every operator's mutants of the model's main graph (nodes inside Loop,
// If and Scan bodies are not mutated), in graph order, each operator's
// after the previous one's. Mutants that cannot change anything (a perm
// swap of two equal entries) are not listed.
std::vector<Mutant> enumerate_mutants(const onnx::ModelProto& model);

// The operators, one family each (mutants_nodes.cpp, mutants_constants.cpp).
void sibling_swaps(const onnx::GraphProto& g, std::vector<Mutant>& out);
void attribute_perturbations(const onnx::GraphProto& g, std::vector<Mutant>& out);
void cast_mutations(const onnx::GraphProto& g, std::vector<Mutant>& out);
void input_swaps(const onnx::GraphProto& g, std::vector<Mutant>& out);
void where_guard_removals(const onnx::GraphProto& g, std::vector<Mutant>& out);
void constant_nudges(const onnx::GraphProto& g, std::vector<Mutant>& out);

// The k-th node (0-based) of op type `op_type` in the main graph, or null.
onnx::NodeProto* find_node(onnx::ModelProto& model, const std::string& op_type, int k);
// "Add#0": how descriptions name the k-th node of an op type.
std::string node_label(const std::string& op_type, int k);

}  // namespace ptonnx::harness::mutate
