// Scan: a body run once per element of its scan inputs, with state
// variables carried from one iteration to the next and scan outputs stacked.
//
// - Scan-9 and later: state variables first, then num_scan_inputs scan
//   inputs sliced along scan_input_axes, forward or reverse; scan outputs
//   stacked along scan_output_axes, appended or prepended. Negative axes
//   from opset 11.
// - Scan-8: every state and scan input has a batch axis 0, the scan axis is
//   1, and an optional first input sequence_lens gives each batch entry its
//   length; scan outputs are padded to the longest (the spec leaves the
//   padding undefined; it is zeros here).
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "runtime/kernels/common.h"
#include "runtime/kernels/control_flow.h"
#include "runtime/subgraph.h"

namespace ptonnx::runtime::kernels {

namespace {

// Scan's per-input or per-output integer attribute: `count` values, 0 by
// default.
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

std::vector<Tensor> run_scan(KernelContext& ctx) {
  // Opset 9+: (initial states..., scan inputs...).
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
  std::vector<ScanStack> stacks;
  stacks.reserve(n_scan_out);
  for (size_t k = 0; k < n_scan_out; ++k) stacks.emplace_back(out_axes[k], out_dirs[k] != 0, length);
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
      for (size_t k = 0; k < n_scan_out; ++k) stacks[k].append(body_out[n_state + k], k, ctx);
      ctx.set_bytes_held(slice_bytes + held_bytes(state, stacks));
    } catch (...) {
      rethrow_with_prefix("iteration " + std::to_string(t));
    }
  }

  std::vector<Tensor> out;
  out.reserve(n_state + n_scan_out);
  state.finish(out);
  for (size_t k = 0; k < n_scan_out; ++k) {
    out.push_back(stacks[k].finish(body.outputs()[n_state + k], ctx));
    ctx.set_bytes_held(slice_bytes + held_bytes(state, stacks));
  }
  return out;
}

// Scan-8's body arity: n_state + m inputs, n_state + k outputs; returns k.
size_t check_scan8_body(const KernelContext& ctx, const Subgraph& body, size_t n_state, size_t m) {
  if (body.num_inputs() != n_state + m)
    throw ValidationError("body declares " + std::to_string(body.num_inputs()) + " inputs; it must take " +
                          std::to_string(n_state) + " state variables and " + std::to_string(m) +
                          " scan input elements");
  if (body.num_outputs() < n_state)
    throw ValidationError("body has " + std::to_string(body.num_outputs()) + " outputs; it must give at least the " +
                          std::to_string(n_state) + " state variables");
  const size_t k = body.num_outputs() - n_state;
  if (ctx.num_outputs() != n_state + k)
    throw ValidationError("node has " + std::to_string(ctx.num_outputs()) + " outputs; its body gives " +
                          std::to_string(n_state) + " state variables and " + std::to_string(k) + " scan outputs");
  return k;
}

// Stacks per-batch values (each `values[b]` shaped [len_b, elem...], or
// absent when len_b is 0) into [batch, pad_to, elem...], zero-padded.
Tensor stack_batches(const std::vector<std::optional<Tensor>>& values, int64_t pad_to, const ValueSpec& declared,
                     const std::string& what, const KernelContext& ctx) {
  const Tensor* first = nullptr;
  for (const auto& v : values)
    if (v) {
      first = &*v;
      break;
    }
  DType dtype = DType::Float32;
  Shape elem;
  if (first) {
    dtype = first->dtype();
    elem.assign(first->shape().begin() + 1, first->shape().end());
  } else {
    bool fully_static = declared.dtype && declared.dims;
    if (declared.dims)
      for (const auto& d : *declared.dims) fully_static = fully_static && d.has_value();
    if (!fully_static)
      throw ValidationError(what + " has no iterations and the body does not declare its type and shape");
    dtype = *declared.dtype;
    for (const auto& d : *declared.dims) elem.push_back(*d);
  }
  Shape shape = {static_cast<int64_t>(values.size()), pad_to};
  shape.insert(shape.end(), elem.begin(), elem.end());
  Tensor out = ctx.alloc(dtype, shape);
  const size_t elem_bytes = static_cast<size_t>(shape_numel(elem)) * dtype_size(dtype);
  for (size_t b = 0; b < values.size(); ++b) {
    if (!values[b]) continue;
    const Tensor& v = *values[b];
    if (v.dtype() != dtype || !std::equal(elem.begin(), elem.end(), v.shape().begin() + 1, v.shape().end()))
      throw ValidationError(what + " is " + v.describe() + " for batch entry " + std::to_string(b) + ", " +
                            first->describe() + " for the first");
    if (v.nbytes()) std::memcpy(out.raw() + b * static_cast<size_t>(pad_to) * elem_bytes, v.raw(), v.nbytes());
  }
  return out;
}

std::vector<Tensor> run_scan8(KernelContext& ctx) {
  const int64_t num_scan_inputs = ctx.attrs().get_int("num_scan_inputs");
  if (num_scan_inputs < 1 || num_scan_inputs + 1 > static_cast<int64_t>(ctx.num_inputs()))
    throw ValidationError("num_scan_inputs is " + std::to_string(num_scan_inputs) + " for a node with " +
                          std::to_string(ctx.num_inputs()) + " inputs (sequence_lens first)");
  const auto m = static_cast<size_t>(num_scan_inputs);
  const size_t n_state = ctx.num_inputs() - 1 - m;
  Subgraph body = ctx.subgraph("body");
  const size_t k = check_scan8_body(ctx, body, n_state, m);
  const auto directions = scan_attribute(ctx, "directions", m);
  check_directions(directions, "directions");

  const Tensor& first_scan = ctx.input(1 + n_state);
  if (first_scan.rank() < 2) throw ValidationError("scan input #0 needs a batch and a sequence axis");
  const int64_t batch = first_scan.shape()[0];
  const int64_t max_len = first_scan.shape()[1];
  for (size_t j = 0; j < n_state + m; ++j) {
    const Tensor& x = ctx.input(1 + j);
    const bool scan = j >= n_state;
    if (x.rank() < (scan ? 2 : 1) || x.shape()[0] != batch || (scan && x.shape()[1] != max_len))
      throw ValidationError("input #" + std::to_string(1 + j) + " has shape " + shape_to_string(x.shape()) +
                            "; every input needs batch size " + std::to_string(batch) +
                            " and every scan input sequence length " + std::to_string(max_len));
  }
  std::vector<int64_t> lengths(static_cast<size_t>(batch), max_len);
  if (ctx.has_input(0)) {
    lengths = to_int64_list(ctx.input(0), "sequence_lens");
    if (static_cast<int64_t>(lengths.size()) != batch)
      throw ValidationError("sequence_lens has " + std::to_string(lengths.size()) + " values for batch size " +
                            std::to_string(batch));
    for (int64_t len : lengths)
      if (len < 0 || len > max_len)
        throw ValidationError("sequence length " + std::to_string(len) + " is outside [0, " + std::to_string(max_len) +
                              "]");
  }

  // Per batch entry: the entry's slice of each input, then one element of
  // each scan input per iteration.
  auto slice_of = [&](const Tensor& x) {
    Shape s(x.shape().begin() + 1, x.shape().end());
    return ctx.alloc(x.dtype(), s);
  };
  std::vector<Tensor> init(n_state), seq(m), elem(m);
  for (size_t j = 0; j < n_state; ++j) init[j] = slice_of(ctx.input(1 + j));
  for (size_t j = 0; j < m; ++j) {
    seq[j] = slice_of(ctx.input(1 + n_state + j));
    elem[j] = slice_of(seq[j]);
  }
  std::vector<std::optional<Tensor>> finals_init(static_cast<size_t>(batch));
  std::vector<std::vector<std::optional<Tensor>>> finals(n_state, finals_init), scans(k, finals_init);
  std::vector<const Tensor*> body_in(n_state + m);
  for (size_t j = 0; j < m; ++j) body_in[n_state + j] = &elem[j];
  std::vector<Tensor> body_out;
  int64_t held = 0;
  for (int64_t b = 0; b < batch; ++b) {
    const auto bi = static_cast<size_t>(b);
    for (size_t j = 0; j < n_state; ++j) copy_slice(ctx.input(1 + j), 0, b, init[j]);
    for (size_t j = 0; j < m; ++j) copy_slice(ctx.input(1 + n_state + j), 0, b, seq[j]);
    std::vector<const Tensor*> init_ptrs(n_state);
    for (size_t j = 0; j < n_state; ++j) init_ptrs[j] = &init[j];
    CarriedState state(std::move(init_ptrs));
    const int64_t len = lengths[bi];
    std::vector<ScanStack> stacks;
    for (size_t o = 0; o < k; ++o) stacks.emplace_back(0, false, len);
    for (int64_t t = 0; t < len; ++t) {
      check_iteration_limit(t, ctx);
      for (size_t j = 0; j < m; ++j) copy_slice(seq[j], 0, directions[j] ? len - 1 - t : t, elem[j]);
      for (size_t j = 0; j < n_state; ++j) body_in[j] = state.current(j);
      try {
        body.run(body_in, body_out);
        state.update(body_out, 0);
        for (size_t o = 0; o < k; ++o) stacks[o].append(body_out[n_state + o], o, ctx);
        ctx.set_bytes_held(held + held_bytes(state, stacks));
      } catch (...) {
        rethrow_with_prefix("batch entry " + std::to_string(b) + ", iteration " + std::to_string(t));
      }
    }
    std::vector<Tensor> final_states;
    state.finish(final_states);
    for (size_t j = 0; j < n_state; ++j) {
      held += static_cast<int64_t>(final_states[j].nbytes());
      Shape one = final_states[j].shape();
      one.insert(one.begin(), 1);
      finals[j][bi] = final_states[j].reshaped(one);
    }
    for (size_t o = 0; o < k; ++o) {
      if (len == 0) continue;
      scans[o][bi] = stacks[o].finish(body.outputs()[n_state + o], ctx);
      held += static_cast<int64_t>(scans[o][bi]->nbytes());
    }
    ctx.set_bytes_held(held);
  }

  std::vector<Tensor> out;
  for (size_t j = 0; j < n_state; ++j) {
    if (batch == 0) {
      out.push_back(ctx.input(1 + j));
      continue;
    }
    // Each final state as [1, elem...], stacked to [batch, elem...].
    Tensor stacked = stack_batches(finals[j], 1, body.outputs()[j], "state variable #" + std::to_string(j), ctx);
    Shape s = stacked.shape();
    s.erase(s.begin() + 1);
    out.push_back(stacked.reshaped(s));
  }
  for (size_t o = 0; o < k; ++o)
    out.push_back(
        stack_batches(scans[o], max_len, body.outputs()[n_state + o], "scan output #" + std::to_string(o), ctx));
  return out;
}

const KernelRegistrar kScan8("", "Scan", 8, 8, run_scan8);
const KernelRegistrar kScan("Scan", 9, run_scan);

}  // namespace

}  // namespace ptonnx::runtime::kernels
