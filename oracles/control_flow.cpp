// Oracle kernels of the control-flow ops: IfElse (pytensor/ifelse.py,
// IfElse.make_thunk) and Scan (pytensor/scan/basic.py's scan() around
// pytensor/scan/op.py's Scan.perform). Inner graphs are evaluated by the
// oracle itself; nothing here is shared with the converter or the runtime.
#include <algorithm>
#include <cstring>

#include "graph/scan_layout.h"
#include "oracles/kernel.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

// IfElse's thunk tests `truthval != 0` on the 0-d condition: NaN is true,
// -0.0 false. Only the taken branch is evaluated (the op is lazy), and its
// values are copied to the outputs.
bool is_nonzero(const Tensor& t) {
  return t.dtype() == DType::UInt64 ? t.get_as_uint64(0) != 0
         : is_float(t.dtype())      ? !(t.get_as_double(0) == 0.0)
                                    : t.get_as_int64(0) != 0;
}

std::vector<Tensor> ifelse_kernel(const Node& node, const std::vector<Tensor>& in) {
  const bool truth = is_nonzero(in.at(0));
  const std::vector<Tensor> captured(in.begin() + 1, in.end());
  return evaluate(*node.subgraphs.at(truth ? 0 : 1), captured);
}
const KernelRegistrar kIfElse("IfElse", ifelse_kernel);

int64_t row_bytes(const Tensor& t) {
  return t.shape().empty() || t.shape()[0] == 0 ? 0 : static_cast<int64_t>(t.nbytes()) / t.shape()[0];
}

// x[start:stop] along axis 0 (start <= stop, both in range).
Tensor rows(const Tensor& x, int64_t start, int64_t stop) {
  Shape s = x.shape();
  const int64_t rb = row_bytes(x);
  s[0] = stop - start;
  Tensor out(x.dtype(), s);
  if (out.nbytes() > 0) std::memcpy(out.raw(), x.raw() + start * rb, out.nbytes());
  return out;
}

// x[i] (drops axis 0).
Tensor row(const Tensor& x, int64_t i) {
  Shape s(x.shape().begin() + 1, x.shape().end());
  Tensor out(x.dtype(), s);
  if (out.nbytes() > 0) std::memcpy(out.raw(), x.raw() + i * row_bytes(x), out.nbytes());
  return out;
}

Tensor reversed_rows(const Tensor& x) {
  Tensor out(x.dtype(), x.shape());
  const int64_t n = x.shape()[0], rb = row_bytes(x);
  for (int64_t i = 0; i < n && rb > 0; ++i)
    std::memcpy(out.raw() + i * rb, x.raw() + (n - 1 - i) * rb, static_cast<size_t>(rb));
  return out;
}

// np.stack of equally shaped rows, as a buffer of `n` rows of `row_shape`.
Tensor stack(DType dtype, const Shape& row_shape, const std::vector<Tensor>& items) {
  Shape s{static_cast<int64_t>(items.size())};
  s.insert(s.end(), row_shape.begin(), row_shape.end());
  Tensor out(dtype, s);
  size_t at = 0;
  for (const auto& t : items) {
    if (t.nbytes() > 0) std::memcpy(out.raw() + at, t.raw(), t.nbytes());
    at += t.nbytes();
  }
  return out;
}

// Python's seq[start:stop] on axis 0 for 0 <= start and any stop (a
// negative stop counts from the end), as scan() slices a sequence per tap.
Tensor python_slice(const Tensor& x, int64_t start, std::optional<int64_t> stop) {
  const int64_t n = x.shape()[0];
  int64_t b = std::min(start, n);
  int64_t e = !stop ? n : *stop < 0 ? std::max<int64_t>(n + *stop, 0) : std::min(*stop, n);
  return rows(x, b, std::max(b, e));
}

// scan() cuts sequence s once per tap k so that step i reads seq[i + k]:
// seq[k - mintap' : len - (maxtap' - k)], with mintap' = min(mintap, 0) and
// maxtap' = max(maxtap, 0) (scan pretends tap 0 is used); go_backwards
// reverses each cut.
std::vector<Tensor> tap_slices(const Tensor& seq, const std::vector<int64_t>& taps, bool backwards) {
  const int64_t mintap = std::min<int64_t>(*std::min_element(taps.begin(), taps.end()), 0);
  const int64_t maxtap = std::max<int64_t>(*std::max_element(taps.begin(), taps.end()), 0);
  std::vector<Tensor> out;
  for (int64_t k : taps) {
    const int64_t start = k - mintap;
    Tensor cut = k == maxtap ? python_slice(seq, start, std::nullopt) : python_slice(seq, start, -(maxtap - k));
    out.push_back(backwards ? reversed_rows(cut) : cut);
  }
  return out;
}

std::string shape_text(const Shape& s) { return shape_to_string(s); }

std::vector<Tensor> scan_kernel(const Node& node, const std::vector<Tensor>& in) {
  const ScanLayout l = ScanLayout::from_attrs(node.attrs, in.size());
  const FunctionGraph& step = *node.subgraphs.at(0);

  std::vector<Tensor> seqs;  // per inner sequence input (one cut per tap)
  for (size_t s = 0; s < l.num_sequences(); ++s)
    for (auto& cut : tap_slices(in[l.sequence_input(s)], l.sequence_taps[s], l.go_backwards))
      seqs.push_back(std::move(cut));

  // actual_n_steps: n_steps as int64 when given, else the shortest cut.
  int64_t n_steps = 0;
  if (l.has_n_steps) {
    const Tensor& n = in[l.n_steps_input()];
    if (n.dtype() == DType::UInt64 && n.get_as_uint64(0) > static_cast<uint64_t>(INT64_MAX))
      throw PyTensorRaises("n_steps " + std::to_string(n.get_as_uint64(0)) + " does not fit int64");
    n_steps = n.get_as_int64(0);
  } else {
    n_steps = INT64_MAX;
    for (const auto& cut : seqs) n_steps = std::min(n_steps, cut.shape()[0]);
  }
  // Scan.perform: negative n_steps raise IndexError, a sequence (cut to
  // [:n_steps]) shorter than n_steps raises ValueError.
  if (n_steps < 0) throw PyTensorRaises("Scan was asked to run for negative number of step " + std::to_string(n_steps));
  for (size_t k = 0; k < seqs.size(); ++k)
    if (seqs[k].shape()[0] < n_steps)
      throw PyTensorRaises("sequence input " + std::to_string(k) + " has shape " + shape_text(seqs[k].shape()) +
                           " but the Scan's required number of steps is " + std::to_string(n_steps));

  // Each state's buffer: its initial taps (init[:mintap] for a mit-sot, the
  // initial value for a sit-sot), then one row per step.
  struct State {
    std::vector<Tensor> buffer;
    int64_t mintap = 0;
    Shape row_shape;
  };
  std::vector<State> states(l.num_outputs());
  for (size_t o = 0; o < l.num_outputs(); ++o) {
    if (l.kind(o) == ScanOutputKind::NitSot) continue;
    const Tensor& init = in[l.state_input(o)];
    State& st = states[o];
    st.mintap = -*std::min_element(l.output_taps[o].begin(), l.output_taps[o].end());
    if (l.kind(o) == ScanOutputKind::SitSot) {
      st.buffer.push_back(init);
      st.row_shape = init.shape();
      continue;
    }
    // A shorter initial state makes Scan.perform read its buffer modulo a
    // smaller length; that wrap-around is not modelled.
    if (init.shape()[0] < st.mintap)
      throw PyTensorRaises("mit-sot initial state of shape " + shape_text(init.shape()) + " holds fewer than the " +
                           std::to_string(st.mintap) + " past values its taps need (not modelled)");
    for (int64_t r = 0; r < st.mintap; ++r) st.buffer.push_back(row(init, r));
    st.row_shape = Shape(init.shape().begin() + 1, init.shape().end());
  }
  std::vector<std::vector<Tensor>> nit_sot(l.num_outputs());

  std::vector<Tensor> args(l.num_inner_inputs());
  for (size_t k = 0; k < l.num_non_sequences; ++k) args[l.inner_non_sequence_input(k)] = in[l.non_sequence_input(k)];
  // A while-scan (as_while) stops after the first step whose until value
  // is not == 0 (`cond = until == 0` in Scan.perform: NaN stops too); the
  // outputs are then trimmed to the steps run.
  int64_t steps_run = 0;
  for (int64_t i = 0; i < n_steps; ++i) {
    size_t at = 0;
    for (const auto& cut : seqs) args[at++] = row(cut, i);
    for (size_t o = 0; o < l.num_outputs(); ++o)
      for (size_t k = 0; k < l.output_taps[o].size(); ++k)
        args[l.inner_state_input(o, k)] =
            states[o].buffer[static_cast<size_t>(states[o].mintap + i + l.output_taps[o][k])];
    std::vector<Tensor> ys = evaluate(step, args);
    for (size_t o = 0; o < l.num_outputs(); ++o) {
      // Scan.perform stores each step's value into a preallocated buffer
      // row (the state's shape; for a nit-sot the first step's shape).
      const Shape& expect = l.kind(o) == ScanOutputKind::NitSot
                                ? (nit_sot[o].empty() ? ys[o].shape() : nit_sot[o][0].shape())
                                : states[o].row_shape;
      if (ys[o].shape() != expect)
        throw PyTensorRaises("step " + std::to_string(i) + ", output " + std::to_string(o) + ": value of shape " +
                             shape_text(ys[o].shape()) + " stored into a buffer row of shape " + shape_text(expect) +
                             " (NumPy broadcasting assignment, not modelled)");
      if (l.kind(o) == ScanOutputKind::NitSot)
        nit_sot[o].push_back(std::move(ys[o]));
      else
        states[o].buffer.push_back(std::move(ys[o]));
    }
    steps_run = i + 1;
    if (l.as_while && is_nonzero(ys.back())) break;
  }

  // scan() returns each state's buffer without its initial taps; Scan.perform
  // gives a nit-sot np.empty((0,) * ndim) when there are no steps.
  std::vector<Tensor> out;
  for (size_t o = 0; o < l.num_outputs(); ++o) {
    const TensorType& type = node.outputs[o]->type;
    if (l.kind(o) == ScanOutputKind::NitSot) {
      if (steps_run == 0)
        out.emplace_back(type.dtype, Shape(type.shape.size(), 0));
      else
        out.push_back(stack(type.dtype, nit_sot[o][0].shape(), nit_sot[o]));
      continue;
    }
    const auto& buf = states[o].buffer;
    out.push_back(
        stack(type.dtype, states[o].row_shape, std::vector<Tensor>(buf.begin() + states[o].mintap, buf.end())));
  }
  return out;
}
const KernelRegistrar kScan("Scan", scan_kernel);

}  // namespace
}  // namespace ptonnx::oracle
