// The kernel registry and the graph walk: inputs are checked against their
// variables' types, nodes run in topological order, values are dropped after
// their last use, and every kernel's result is checked against the node's
// inferred output type: a dtype the IR declares other than PyTensor's (by
// the oracle's own rules) is a DTypeDisagreement, a failed case; any other
// mismatch is an oracle bug, reported as such.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "oracles/kernel.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

std::map<std::string, Kernel>& registry() {
  static std::map<std::string, Kernel> kernels;  // function-local: safe static init order
  return kernels;
}

// Does tensor t fit static type `type`? Returns "" or what differs.
std::string type_mismatch(const TensorType& type, const Tensor& t) {
  if (t.dtype() != type.dtype)
    return "dtype " + std::string(dtype_name(t.dtype())) + " instead of " + std::string(dtype_name(type.dtype));
  if (t.rank() != type.ndim())
    return "rank " + std::to_string(t.rank()) + " instead of " + std::to_string(type.ndim());
  for (size_t d = 0; d < type.shape.size(); ++d)
    if (type.shape[d] && *type.shape[d] != t.shape()[d])
      return "dim " + std::to_string(d) + " = " + std::to_string(t.shape()[d]) + " instead of the static " +
             std::to_string(*type.shape[d]);
  return "";
}

void check_inputs(const FunctionGraph& g, const std::vector<Tensor>& inputs) {
  if (inputs.size() != g.inputs().size())
    throw ValidationError("oracle: the graph has " + std::to_string(g.inputs().size()) + " inputs, " +
                          std::to_string(inputs.size()) + " values given");
  for (size_t i = 0; i < inputs.size(); ++i) {
    const std::string why = type_mismatch(g.inputs()[i]->type, inputs[i]);
    if (!why.empty())
      throw ValidationError("oracle: input " + std::to_string(i) + " " + g.inputs()[i]->describe() + " got " +
                            inputs[i].describe() + ": " + why);
  }
}

std::string dtype_list(const std::vector<DType>& ts) {
  std::string s;
  for (DType t : ts) s += (s.empty() ? "" : ", ") + std::string(dtype_name(t));
  return s;
}

// The dtypes three ways: the oracle's rule for the op (PyTensor's make_node
// restated), the dtypes the kernel's values have, and the IR's declared
// types, which the converter exports. The kernel must agree with the rule
// (else an oracle bug); the IR must agree with both (else its type
// inference, and so the exported model, departs from PyTensor).
void check_dtypes(const Node& node, const std::vector<Tensor>& args, const std::vector<Tensor>& outs) {
  std::vector<DType> in;
  for (const Tensor& a : args) in.push_back(a.dtype());
  const std::optional<std::vector<DType>> rule = rule_dtypes(node, in);
  for (size_t i = 0; i < outs.size(); ++i) {
    if (rule && (*rule)[i] != outs[i].dtype())
      throw Error("oracle kernel for " + node.describe() + " output " + std::to_string(i) + " computed " +
                  std::string(dtype_name(outs[i].dtype())) + ", the oracle's dtype rule gives " +
                  std::string(dtype_name((*rule)[i])));
    const DType declared = node.outputs[i]->type.dtype;
    if (declared != outs[i].dtype())
      throw DTypeDisagreement(node.describe() + " on inputs (" + dtype_list(in) + "): the IR declares output " +
                              std::to_string(i) + " " + std::string(dtype_name(declared)) + ", PyTensor's rule " +
                              (rule ? "(the oracle's restatement)" : "(the dtype the oracle's kernel computes)") +
                              " gives " + std::string(dtype_name(outs[i].dtype())));
  }
}

std::vector<Tensor> run_node(const Node& node, const std::vector<Tensor>& args) {
  const Kernel* kernel = find_kernel(node.op);
  if (!kernel)
    throw UnsupportedError("oracle: no kernel for op '" + node.op + "' (" + node.describe() +
                           "); add one in oracles/<family>.cpp");
  std::vector<Tensor> outs;
  try {
    outs = (*kernel)(node, args);
  } catch (const PyTensorRaises& e) {
    throw PyTensorRaises(node.describe() + ": " + e.what());
  }
  if (outs.size() != node.outputs.size())
    throw Error("oracle kernel for " + node.describe() + " returned " + std::to_string(outs.size()) +
                " outputs, the node has " + std::to_string(node.outputs.size()));
  check_dtypes(node, args, outs);
  for (size_t i = 0; i < outs.size(); ++i) {
    const std::string why = type_mismatch(node.outputs[i]->type, outs[i]);
    if (!why.empty())
      throw Error("oracle kernel for " + node.describe() + " output " + std::to_string(i) + " has " + why +
                  " (inferred type " + node.outputs[i]->type.to_string() + ")");
  }
  return outs;
}

}  // namespace

const Kernel* find_kernel(const std::string& op) {
  auto it = registry().find(op);
  return it == registry().end() ? nullptr : &it->second;
}

KernelRegistrar::KernelRegistrar(const std::string& op, Kernel kernel) {
  if (!registry().emplace(op, std::move(kernel)).second)
    throw Error("oracle: kernel for op '" + op + "' registered twice");
}

std::vector<std::string> supported_ops() {
  std::vector<std::string> names;
  for (const auto& [name, kernel] : registry()) names.push_back(name);
  return names;
}

std::vector<Tensor> evaluate(const FunctionGraph& g, const std::vector<Tensor>& inputs) {
  check_inputs(g, inputs);
  std::unordered_map<const Variable*, Tensor> values;
  std::unordered_map<const Variable*, int64_t> uses;  // remaining consumers
  for (const auto& node : g.nodes())
    for (const auto& in : node->inputs) ++uses[in.get()];
  for (const auto& out : g.outputs()) ++uses[out.get()];  // never released
  for (size_t i = 0; i < inputs.size(); ++i) values.emplace(g.inputs()[i].get(), inputs[i]);
  for (const auto& c : g.constants()) values.emplace(c.get(), *c->value);

  for (const auto& node : g.nodes()) {
    std::vector<Tensor> args;
    for (const auto& in : node->inputs) {
      auto it = values.find(in.get());
      if (it == values.end())
        throw ValidationError("oracle: " + node->describe() + " reads " + in->describe() + ", which has no value");
      args.push_back(it->second);
    }
    std::vector<Tensor> outs = run_node(*node, args);
    args.clear();
    for (const auto& in : node->inputs)
      if (--uses[in.get()] == 0) values.erase(in.get());
    for (size_t i = 0; i < outs.size(); ++i) values.insert_or_assign(node->outputs[i].get(), std::move(outs[i]));
  }

  std::vector<Tensor> results;
  for (const auto& out : g.outputs()) results.push_back(values.at(out.get()));
  return results;
}

}  // namespace ptonnx::oracle
