// The oracle's kernel registry, keyed by IR op name. Each op family's file
// registers its kernels with a static KernelRegistrar beside their code.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "graph/graph.h"
#include "oracles/result_dtypes.h"

namespace ptonnx::oracle {

// Computes a node's outputs from its input values. The node gives the
// attributes; a kernel computes in the dtypes of the oracle's own rule
// (out_dtype, oracles/result_dtypes.h) or the ones its values determine,
// never in the IR's declared output types, which the walk checks against.
using Kernel = std::function<std::vector<Tensor>(const Node& node, const std::vector<Tensor>& inputs)>;

// nullptr when no kernel is registered for op.
const Kernel* find_kernel(const std::string& op);

struct KernelRegistrar {
  KernelRegistrar(const std::string& op, Kernel kernel);
};


}  // namespace ptonnx::oracle
