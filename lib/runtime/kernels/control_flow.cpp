// Control flow: If and Loop (Scan: scan.cpp), running the node's planned subgraphs
// (KernelContext::subgraph). If's outputs and Loop's carried values may be
// sequences or optionals (Containers); Loop's condition and scan outputs
// are tensors.
//
// Spec points that are easy to miss:
// - If: the branches take no inputs and give as many outputs as the node;
//   the taken branch's outputs may have other shapes than the other's.
// - Loop: M (int64) and cond (bool) are optional ("" = absent). Without a
//   cond input the body's cond output is ignored (the spec's table: a "for"
//   loop with M, an endless loop without). Loop-carried values may change
//   shape between iterations; scan outputs may not (they are stacked).
#include "runtime/kernels/control_flow.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/kernels/common.h"
#include "runtime/subgraph.h"

namespace ptonnx::runtime::kernels {

bool read_condition(const Tensor& t, const std::string& what) {
  if (t.dtype() != DType::Bool) throw TypeError(what + " must be bool, got " + std::string(dtype_name(t.dtype())));
  if (t.numel() != 1)
    throw ValidationError(what + " must hold a single element, got shape " + shape_to_string(t.shape()));
  return t.data<uint8_t>()[0] != 0;
}

void check_iteration_limit(int64_t iteration, const KernelContext& ctx) {
  if (iteration >= ctx.options().max_loop_iterations)
    throw LimitError("more than " + std::to_string(ctx.options().max_loop_iterations) +
                     " iterations (RuntimeOptions::max_loop_iterations)");
}

int64_t held_bytes(const CarriedState& state, const std::vector<ScanStack>& stacks) {
  int64_t n = state.bytes();
  for (const auto& s : stacks) n += s.bytes();
  return n;
}

void copy_slice(const Tensor& x, int64_t axis, int64_t index, Tensor& slice) {
  const int64_t len = x.shape()[static_cast<size_t>(axis)];
  const auto outer = static_cast<size_t>(dims_product(x.shape(), 0, axis));
  const size_t run = static_cast<size_t>(dims_product(x.shape(), axis + 1, x.rank())) * dtype_size(x.dtype());
  if (run == 0) return;
  for (size_t o = 0; o < outer; ++o)
    std::memcpy(slice.raw() + o * run, x.raw() + (o * static_cast<size_t>(len) + static_cast<size_t>(index)) * run,
                run);
}

namespace {

void check_branch(const Subgraph& branch, size_t node_outputs) {
  if (branch.num_inputs() != 0)
    throw ValidationError(branch.attribute() + " declares " + std::to_string(branch.num_inputs()) +
                          " inputs; If branches take none");
  if (branch.num_outputs() != node_outputs)
    throw ValidationError(branch.attribute() + " has " + std::to_string(branch.num_outputs()) +
                          " outputs, the node has " + std::to_string(node_outputs));
}

std::vector<Tensor> run_if(KernelContext& ctx) {
  const bool taken = read_condition(ctx.input(0), "cond");
  Subgraph then_branch = ctx.subgraph("then_branch");
  Subgraph else_branch = ctx.subgraph("else_branch");
  check_branch(then_branch, ctx.num_outputs());
  check_branch(else_branch, ctx.num_outputs());
  std::vector<Tensor> out;
  std::vector<ContainerPtr> boxed;
  (taken ? then_branch : else_branch).run_values({}, {}, out, boxed);
  for (size_t o = 0; o < boxed.size(); ++o)
    if (boxed[o]) ctx.set_output_container(o, std::move(boxed[o]));
  return out;
}

std::vector<Tensor> run_loop(KernelContext& ctx) {
  if (ctx.num_inputs() < 2)
    throw ValidationError("Loop takes M and cond (either may be empty) before its loop-carried values, got " +
                          std::to_string(ctx.num_inputs()) + " inputs");
  const size_t n_carried = ctx.num_inputs() - 2;
  Subgraph body = ctx.subgraph("body");
  if (body.num_inputs() != 2 + n_carried)
    throw ValidationError("body declares " + std::to_string(body.num_inputs()) + " inputs; with " +
                          std::to_string(n_carried) + " loop-carried values it must take " +
                          std::to_string(2 + n_carried) + " (iteration_num, cond, loop-carried values)");
  if (body.num_outputs() < 1 + n_carried)
    throw ValidationError("body has " + std::to_string(body.num_outputs()) + " outputs; with " +
                          std::to_string(n_carried) + " loop-carried values it must give at least " +
                          std::to_string(1 + n_carried) + " (cond, loop-carried values, scan outputs)");
  const size_t n_scan = body.num_outputs() - 1 - n_carried;
  if (ctx.num_outputs() != n_carried + n_scan)
    throw ValidationError("node has " + std::to_string(ctx.num_outputs()) + " outputs; its body gives " +
                          std::to_string(n_carried) + " loop-carried values and " + std::to_string(n_scan) +
                          " scan outputs");

  const bool has_trip_count = ctx.has_input(0);
  int64_t trip_count = 0;
  if (has_trip_count) {
    const Tensor& m = ctx.input(0);
    if (m.dtype() != DType::Int64) throw TypeError("M must be int64, got " + std::string(dtype_name(m.dtype())));
    if (m.numel() != 1) throw ValidationError("M must hold a single element, got shape " + shape_to_string(m.shape()));
    trip_count = m.data<int64_t>()[0];
  }
  const bool has_cond = ctx.has_input(1);
  bool cond = has_cond ? read_condition(ctx.input(1), "cond") : true;

  CarriedState state(ctx, 2, n_carried);
  // Without a cond input the iteration count is exactly M (the body's cond
  // is ignored), so scan outputs can be written in place.
  const int64_t known_count = has_trip_count && !has_cond ? std::max<int64_t>(trip_count, 0) : -1;
  std::vector<ScanStack> stacks;
  stacks.reserve(n_scan);
  for (size_t k = 0; k < n_scan; ++k) stacks.emplace_back(0, false, known_count);
  Tensor iteration_num(DType::Int64, {});
  Tensor cond_in(DType::Bool, {});
  std::vector<const Tensor*> body_in(2 + n_carried);
  std::vector<ContainerPtr> body_in_boxed(2 + n_carried);
  body_in[0] = &iteration_num;
  body_in[1] = &cond_in;
  std::vector<Tensor> body_out;
  std::vector<ContainerPtr> body_out_boxed;

  for (int64_t i = 0; (!has_trip_count || i < trip_count) && cond; ++i) {
    check_iteration_limit(i, ctx);
    iteration_num.data<int64_t>()[0] = i;
    cond_in.data<uint8_t>()[0] = 1;  // the body runs only while cond holds
    for (size_t j = 0; j < n_carried; ++j) {
      body_in[2 + j] = state.current(j);
      body_in_boxed[2 + j] = state.current_container(j);
    }
    try {
      body.run_values(body_in, body_in_boxed, body_out, body_out_boxed);
      for (size_t k = 0; k < body_out_boxed.size(); ++k)
        if (body_out_boxed[k] && (k == 0 || k > n_carried))
          throw TypeError("body output #" + std::to_string(k) + " is a " + body_out_boxed[k]->describe() +
                          "; the condition and scan outputs must be tensors");
      const bool next = read_condition(body_out[0], "body output 'cond'");
      if (has_cond) cond = next;
      state.update(body_out, 1, &body_out_boxed);
      for (size_t k = 0; k < n_scan; ++k) stacks[k].append(body_out[1 + n_carried + k], k, ctx);
      ctx.set_bytes_held(held_bytes(state, stacks));
    } catch (...) {
      rethrow_with_prefix("iteration " + std::to_string(i));
    }
  }

  std::vector<Tensor> out;
  out.reserve(n_carried + n_scan);
  // Carried containers become outputs, which the context counts itself:
  // held no longer.
  ctx.set_bytes_held(held_bytes(state, stacks) - state.container_bytes());
  state.finish(out, &ctx, 0);
  for (size_t k = 0; k < n_scan; ++k) {
    out.push_back(stacks[k].finish(body.outputs()[1 + n_carried + k], ctx));
    ctx.set_bytes_held(held_bytes(state, stacks));
  }
  return out;
}

// Opset 1 If/Loop and every later version up to kMaxOpset differ only in
// the types they admit (sequences from 13, optionals from 16), which these
// kernels carry as Containers.
const KernelRegistrar kIf("If", 1, run_if, TakesContainers{});
const KernelRegistrar kLoop("Loop", 1, run_loop, TakesContainers{});

}  // namespace

}  // namespace ptonnx::runtime::kernels
