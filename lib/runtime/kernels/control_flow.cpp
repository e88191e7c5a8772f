// Control flow: If, Loop and Scan, running the node's planned subgraphs
// (KernelContext::subgraph). Tensor types only: a sequence or optional
// value is refused (UnsupportedError) when the model is planned, because the
// subgraph declares it, or by the runtime's tensor-only value slots.
//
// Spec points that are easy to miss:
// - If: the branches take no inputs and give as many outputs as the node;
//   the taken branch's outputs may have other shapes than the other's.
// - Loop: M (int64) and cond (bool) are optional ("" = absent). Without a
//   cond input the body's cond output is ignored (the spec's table: a "for"
//   loop with M, an endless loop without). Loop-carried values may change
//   shape between iterations; scan outputs may not (they are stacked).
// - Scan (opset 9+): state variables first, then num_scan_inputs scan
//   inputs sliced along scan_input_axes, forward or reverse; scan outputs
//   stacked along scan_output_axes, appended or prepended. Negative axes
//   from opset 11.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/kernels/common.h"
#include "runtime/kernels/scan_stack.h"
#include "runtime/subgraph.h"

namespace ptonnx::runtime::kernels {

namespace {

// A single-element bool tensor's value (If's cond, Loop's cond).
bool read_condition(const Tensor& t, const std::string& what) {
  if (t.dtype() != DType::Bool) throw TypeError(what + " must be bool, got " + std::string(dtype_name(t.dtype())));
  if (t.numel() != 1)
    throw ValidationError(what + " must hold a single element, got shape " + shape_to_string(t.shape()));
  return t.data<uint8_t>()[0] != 0;
}

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
  (taken ? then_branch : else_branch).run({}, out);
  return out;
}

// The loop-carried values of Loop and Scan between iterations: the node's
// initial inputs until the first iteration ends, then the body's outputs.
class CarriedState {
 public:
  CarriedState(const KernelContext& ctx, size_t first_input, size_t count) : initial_(count), values_(count) {
    for (size_t j = 0; j < count; ++j) initial_[j] = &ctx.input(first_input + j);
  }

  const Tensor* current(size_t j) const { return updated_ ? &values_[j] : initial_[j]; }

  // Takes body outputs [first, first + count) as the new values; their
  // dtype must stay the initial one (the shape may change).
  void update(std::vector<Tensor>& body_outputs, size_t first) {
    for (size_t j = 0; j < values_.size(); ++j) {
      Tensor& next = body_outputs[first + j];
      if (next.dtype() != initial_[j]->dtype())
        throw TypeError("loop-carried value #" + std::to_string(j) + " comes back from the body as " +
                        std::string(dtype_name(next.dtype())) + ", it starts as " +
                        std::string(dtype_name(initial_[j]->dtype())));
      values_[j] = std::move(next);
    }
    updated_ = true;
  }

  int64_t bytes() const {
    int64_t n = 0;
    if (updated_)
      for (const auto& v : values_) n += static_cast<int64_t>(v.nbytes());
    return n;
  }

  // The final values (copies of the initial ones after zero iterations).
  void finish(std::vector<Tensor>& out) {
    for (size_t j = 0; j < values_.size(); ++j) out.push_back(updated_ ? std::move(values_[j]) : *initial_[j]);
  }

 private:
  std::vector<const Tensor*> initial_;
  std::vector<Tensor> values_;
  bool updated_ = false;
};

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
  std::vector<ScanStack> stacks(n_scan);
  Tensor iteration_num(DType::Int64, {});
  Tensor cond_in(DType::Bool, {});
  std::vector<const Tensor*> body_in(2 + n_carried);
  body_in[0] = &iteration_num;
  body_in[1] = &cond_in;
  std::vector<Tensor> body_out;

  for (int64_t i = 0; (!has_trip_count || i < trip_count) && cond; ++i) {
    check_iteration_limit(i, ctx);
    iteration_num.data<int64_t>()[0] = i;
    cond_in.data<uint8_t>()[0] = 1;  // the body runs only while cond holds
    for (size_t j = 0; j < n_carried; ++j) body_in[2 + j] = state.current(j);
    try {
      body.run(body_in, body_out);
      const bool next = read_condition(body_out[0], "body output 'cond'");
      if (has_cond) cond = next;
      state.update(body_out, 1);
      for (size_t k = 0; k < n_scan; ++k) {
        stacks[k].append(body_out[1 + n_carried + k], k);
        if (i == 0 && has_trip_count) stacks[k].reserve(std::min(trip_count, ctx.options().max_loop_iterations));
      }
      ctx.set_bytes_held(held_bytes(state, stacks));
    } catch (...) {
      rethrow_with_prefix("iteration " + std::to_string(i));
    }
  }

  std::vector<Tensor> out;
  out.reserve(n_carried + n_scan);
  state.finish(out);
  for (size_t k = 0; k < n_scan; ++k) {
    out.push_back(stacks[k].finish(0, false, body.outputs()[1 + n_carried + k], ctx));
    ctx.set_bytes_held(held_bytes(state, stacks));
  }
  return out;
}

// Scan's per-input or per-output integer attribute: `count` values,
// defaulting to `fallback` each.
std::vector<int64_t> scan_attribute(const KernelContext& ctx, const std::string& name, size_t count) {
  auto values = ctx.attrs().get_ints_opt(name);
  if (!values) return std::vector<int64_t>(count, 0);
  if (values->size() != count)
    throw ValidationError("attribute '" + name + "' has " + std::to_string(values->size()) + " values, expected " +
                          std::to_string(count));
  return *values;
}

void check_directions(const std::vector<int64_t>& directions, const std::string& name) {
  for (int64_t d : directions)
    if (d != 0 && d != 1)
      throw ValidationError("attribute '" + name + "' holds " + std::to_string(d) + "; 0 (forward) or 1 (reverse)");
}

void check_axes_sign(const std::vector<int64_t>& axes, const std::string& name, int64_t opset) {
  if (opset >= 11) return;
  for (int64_t a : axes)
    if (a < 0)
      throw ValidationError("attribute '" + name + "' holds negative axis " + std::to_string(a) +
                            ", allowed from opset 11");
}

// Copies position `index` along `axis` of x into `slice` (x's shape without
// that axis, allocated by the caller).
void copy_slice(const Tensor& x, int64_t axis, int64_t index, Tensor& slice) {
  const int64_t len = x.shape()[static_cast<size_t>(axis)];
  const auto outer = static_cast<size_t>(dims_product(x.shape(), 0, axis));
  const size_t run = static_cast<size_t>(dims_product(x.shape(), axis + 1, x.rank())) * dtype_size(x.dtype());
  if (run == 0) return;
  for (size_t o = 0; o < outer; ++o)
    std::memcpy(slice.raw() + o * run, x.raw() + (o * static_cast<size_t>(len) + static_cast<size_t>(index)) * run,
                run);
}

std::vector<Tensor> run_scan(KernelContext& ctx) {
  const int64_t num_scan_inputs = ctx.attrs().get_int("num_scan_inputs");
  if (num_scan_inputs < 1 || num_scan_inputs > static_cast<int64_t>(ctx.num_inputs()))
    throw ValidationError("num_scan_inputs is " + std::to_string(num_scan_inputs) + " for a node with " +
                          std::to_string(ctx.num_inputs()) + " inputs");
  const auto n_scan_in = static_cast<size_t>(num_scan_inputs);
  const size_t n_state = ctx.num_inputs() - n_scan_in;
  Subgraph body = ctx.subgraph("body");
  if (body.num_inputs() != n_state + n_scan_in)
    throw ValidationError("body declares " + std::to_string(body.num_inputs()) + " inputs; it must take " +
                          std::to_string(n_state) + " state variables and " + std::to_string(n_scan_in) +
                          " scan input elements");
  if (body.num_outputs() < n_state)
    throw ValidationError("body has " + std::to_string(body.num_outputs()) + " outputs; it must give at least the " +
                          std::to_string(n_state) + " state variables");
  const size_t n_scan_out = body.num_outputs() - n_state;
  if (ctx.num_outputs() != n_state + n_scan_out)
    throw ValidationError("node has " + std::to_string(ctx.num_outputs()) + " outputs; its body gives " +
                          std::to_string(n_state) + " state variables and " + std::to_string(n_scan_out) +
                          " scan outputs");

  auto in_axes = scan_attribute(ctx, "scan_input_axes", n_scan_in);
  const auto in_dirs = scan_attribute(ctx, "scan_input_directions", n_scan_in);
  const auto out_axes = scan_attribute(ctx, "scan_output_axes", n_scan_out);
  const auto out_dirs = scan_attribute(ctx, "scan_output_directions", n_scan_out);
  check_directions(in_dirs, "scan_input_directions");
  check_directions(out_dirs, "scan_output_directions");
  check_axes_sign(in_axes, "scan_input_axes", ctx.opset());
  check_axes_sign(out_axes, "scan_output_axes", ctx.opset());

  // Every scan input has the same length along its axis.
  int64_t length = -1;
  std::vector<Tensor> slices(n_scan_in);
  for (size_t j = 0; j < n_scan_in; ++j) {
    const Tensor& x = ctx.input(n_state + j);
    const std::string what = "scan input #" + std::to_string(j);
    if (x.rank() < 1) throw ValidationError(what + " is a scalar; scan inputs need an axis to scan");
    in_axes[j] = normalize_axis(in_axes[j], x.rank(), what + " axis");
    const int64_t len = x.shape()[static_cast<size_t>(in_axes[j])];
    if (length >= 0 && len != length)
      throw ValidationError(what + " has length " + std::to_string(len) + " along its axis, scan input #0 has " +
                            std::to_string(length));
    length = len;
    Shape elem = x.shape();
    elem.erase(elem.begin() + in_axes[j]);
    slices[j] = ctx.alloc(x.dtype(), elem);
  }
  int64_t slice_bytes = 0;
  for (const auto& s : slices) slice_bytes += static_cast<int64_t>(s.nbytes());

  CarriedState state(ctx, 0, n_state);
  std::vector<ScanStack> stacks(n_scan_out);
  std::vector<const Tensor*> body_in(n_state + n_scan_in);
  for (size_t j = 0; j < n_scan_in; ++j) body_in[n_state + j] = &slices[j];
  std::vector<Tensor> body_out;
  ctx.set_bytes_held(slice_bytes);

  for (int64_t t = 0; t < length; ++t) {
    check_iteration_limit(t, ctx);
    for (size_t j = 0; j < n_scan_in; ++j)
      copy_slice(ctx.input(n_state + j), in_axes[j], in_dirs[j] ? length - 1 - t : t, slices[j]);
    for (size_t j = 0; j < n_state; ++j) body_in[j] = state.current(j);
    try {
      body.run(body_in, body_out);
      state.update(body_out, 0);
      for (size_t k = 0; k < n_scan_out; ++k) {
        stacks[k].append(body_out[n_state + k], k);
        if (t == 0) stacks[k].reserve(length);
      }
      ctx.set_bytes_held(slice_bytes + held_bytes(state, stacks));
    } catch (...) {
      rethrow_with_prefix("iteration " + std::to_string(t));
    }
  }

  std::vector<Tensor> out;
  out.reserve(n_state + n_scan_out);
  state.finish(out);
  for (size_t k = 0; k < n_scan_out; ++k) {
    out.push_back(stacks[k].finish(out_axes[k], out_dirs[k] != 0, body.outputs()[n_state + k], ctx));
    ctx.set_bytes_held(slice_bytes + held_bytes(state, stacks));
  }
  return out;
}

// Opset 1 If/Loop and every later version up to kMaxOpset differ only in
// the types they admit (sequences from 13, optionals from 16), which the
// tensor-only runtime refuses elsewhere. Scan-8 (batch axis,
// sequence_lens) is a different op and has no kernel.
const KernelRegistrar kIf("If", 1, run_if);
const KernelRegistrar kLoop("Loop", 1, run_loop);
const KernelRegistrar kScan("Scan", 9, run_scan);

}  // namespace

}  // namespace ptonnx::runtime::kernels
