// SequenceMap (opset 17): runs `body` once per position of input_sequence.
// Each sequence input contributes its tensor at that position (all
// sequences must have the same length), each tensor input itself; output j
// is the sequence of the body's j-th outputs. The body declares one input
// per node input and one output per node output.
#include "runtime/kernels/common.h"
#include "runtime/kernels/control_flow.h"
#include "runtime/subgraph.h"

namespace ptonnx::runtime::kernels {
namespace {

std::vector<Tensor> sequence_map(KernelContext& ctx) {
  const Container* first = ctx.container(0);
  if (!first || !first->is_sequence())
    throw TypeError("input_sequence must be a sequence" + (first ? ", got a " + first->describe() : std::string()));
  const size_t n = first->items.size();
  Subgraph body = ctx.subgraph("body");
  if (body.num_inputs() != ctx.num_inputs())
    throw ValidationError("body declares " + std::to_string(body.num_inputs()) + " inputs, the node has " +
                          std::to_string(ctx.num_inputs()));
  if (body.num_outputs() != ctx.num_outputs())
    throw ValidationError("body has " + std::to_string(body.num_outputs()) + " outputs, the node has " +
                          std::to_string(ctx.num_outputs()));
  std::vector<const Container*> seqs(ctx.num_inputs(), nullptr);
  for (size_t i = 0; i < ctx.num_inputs(); ++i) {
    const Container* c = ctx.container(i);
    if (c && !c->is_sequence()) throw TypeError("input #" + std::to_string(i) + " is a " + c->describe());
    if (!c) {
      (void)ctx.input(i);  // a tensor input: present
      continue;
    }
    if (c->items.size() != n)
      throw ValidationError("sequence input #" + std::to_string(i) + " has " + std::to_string(c->items.size()) +
                            " tensors, input_sequence has " + std::to_string(n));
    seqs[i] = c;
  }
  std::vector<const Tensor*> args(ctx.num_inputs());
  std::vector<Tensor> outs;
  std::vector<std::vector<Tensor>> results(ctx.num_outputs());
  int64_t held = 0;
  for (size_t k = 0; k < n; ++k) {
    check_iteration_limit(static_cast<int64_t>(k), ctx);
    for (size_t i = 0; i < args.size(); ++i) args[i] = seqs[i] ? &seqs[i]->items[k] : &ctx.input(i);
    try {
      body.run(args, outs);
    } catch (...) {
      rethrow_with_prefix("position " + std::to_string(k));
    }
    for (size_t j = 0; j < outs.size(); ++j) {
      if (!results[j].empty() && outs[j].dtype() != results[j][0].dtype())
        throw TypeError("body output #" + std::to_string(j) + " is " + outs[j].describe() + " at position " +
                        std::to_string(k) + ", " + std::string(dtype_name(results[j][0].dtype())) + " before");
      held += static_cast<int64_t>(outs[j].nbytes());
      results[j].push_back(std::move(outs[j]));
    }
    ctx.set_bytes_held(held);
  }
  for (size_t j = 0; j < results.size(); ++j) {
    std::optional<DType> elem = body.outputs()[j].dtype;
    if (!results[j].empty()) elem = results[j][0].dtype();
    // From held to set: the context counts set outputs itself.
    for (const Tensor& t : results[j]) held -= static_cast<int64_t>(t.nbytes());
    ctx.set_bytes_held(held);
    ctx.set_output_container(j, make_sequence(std::move(results[j]), elem));
  }
  return std::vector<Tensor>(ctx.num_outputs());
}

const KernelRegistrar kSequenceMap("SequenceMap", 17, sequence_map, TakesContainers{});

}  // namespace
}  // namespace ptonnx::runtime::kernels
