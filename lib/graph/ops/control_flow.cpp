// Type inference of the control-flow ops, which own inner graphs:
// IfElse (pytensor/ifelse.py) and Scan (pytensor/scan/basic.py, op.py).
#include <algorithm>

#include "graph/ops/infer_helpers.h"
#include "graph/scan_layout.h"

namespace ptonnx {
namespace {

std::string nth(const std::string& what, size_t i) { return what + " " + std::to_string(i); }

// The inner graph's inputs must have exactly the types the op feeds them.
void check_inner_inputs(const InferContext& c, const FunctionGraph& g, const std::string& which,
                        const std::vector<TensorType>& expected) {
  if (g.inputs().size() != expected.size())
    c.fail(which + " has " + std::to_string(g.inputs().size()) + " inputs, expected " +
           std::to_string(expected.size()));
  for (size_t i = 0; i < expected.size(); ++i)
    if (!(g.inputs()[i]->type == expected[i]))
      c.fail(which + " input " + std::to_string(i) + " has type " + g.inputs()[i]->type.to_string() + ", expected " +
             expected[i].to_string());
}

// IfElse(cond, x_1..x_k) with branches then(x_1..x_k) and else(x_1..x_k),
// each giving n outputs. PyTensor's make_node: a 0-d condition of any dtype
// (true when != 0), branches with equal dtype and ndim per output; the
// output keeps only the static dims both branches agree on.
std::vector<TensorType> infer_ifelse(const InferContext& c) {
  if (c.type(0).ndim() != 0) c.fail("the condition must be a 0-d tensor (PyTensor: a truthy scalar value)");
  std::vector<TensorType> captured;
  for (size_t i = 1; i < c.inputs.size(); ++i) captured.push_back(c.type(i));
  const FunctionGraph& then_g = *c.subgraphs[0];
  const FunctionGraph& else_g = *c.subgraphs[1];
  check_inner_inputs(c, then_g, "the then branch", captured);
  check_inner_inputs(c, else_g, "the else branch", captured);
  if (then_g.outputs().empty()) c.fail("the branches have no outputs");
  if (then_g.outputs().size() != else_g.outputs().size())
    c.fail("the then branch has " + std::to_string(then_g.outputs().size()) + " outputs, the else branch " +
           std::to_string(else_g.outputs().size()));
  std::vector<TensorType> out;
  for (size_t i = 0; i < then_g.outputs().size(); ++i) {
    const TensorType& t = then_g.outputs()[i]->type;
    const TensorType& f = else_g.outputs()[i]->type;
    if (t.dtype != f.dtype)
      c.fail(nth("output", i) + ": IfElse requires the same dtype in both branches, got then=" +
             std::string(dtype_name(t.dtype)) + ", else=" + std::string(dtype_name(f.dtype)));
    if (t.ndim() != f.ndim())
      c.fail(nth("output", i) + ": IfElse requires the same ndim in both branches, got then=" +
             std::to_string(t.ndim()) + ", else=" + std::to_string(f.ndim()));
    TensorType merged{t.dtype, {}};
    for (size_t d = 0; d < t.shape.size(); ++d)
      merged.shape.push_back(t.shape[d] == f.shape[d] ? t.shape[d] : StaticDim{});
    out.push_back(std::move(merged));
  }
  return out;
}

TensorType drop_leading_dim(const TensorType& t) {
  return TensorType{t.dtype, StaticShape(t.shape.begin() + 1, t.shape.end())};
}

// PyTensor's scan(): the step function receives one value per sequence tap
// (the sequence without its first axis), one per state tap (the state's
// type) and the non-sequences; it returns one value per outputs_info entry.
// A state's step output must keep the state's dtype and broadcastable
// pattern (Scan.validate_inner_graph). Each outer output is the trace:
// (None, *step output shape). A nit-sot output is (None,)*ndim: PyTensor's
// perform returns np.empty((0,)*ndim) when n_steps == 0, so its inner dims
// are not guaranteed.
std::vector<TensorType> infer_scan(const InferContext& c) {
  const ScanLayout l = ScanLayout::from_attrs(c.attrs, c.inputs.size());
  if (l.num_outputs() == 0) c.fail("a Scan needs at least one output (outputs_info entry)");
  if (!l.has_n_steps && l.num_sequences() == 0)
    c.fail("no number of steps: give n_steps or at least one sequence (PyTensor's scan raises the same)");
  if (l.has_n_steps && !is_integer(c.dtype(l.n_steps_input())))
    c.fail("n_steps must be an integer, got " + std::string(dtype_name(c.dtype(l.n_steps_input()))));
  if (l.has_n_steps && c.type(l.n_steps_input()).ndim() != 0) c.fail("n_steps must be 0-d");
  std::vector<TensorType> inner;
  for (size_t s = 0; s < l.num_sequences(); ++s) {
    const TensorType& seq = c.type(l.sequence_input(s));
    if (seq.ndim() < 1) c.fail(nth("sequence", s) + " must have at least one axis to iterate over");
    if (l.sequence_taps[s].empty()) c.fail(nth("sequence", s) + " has no taps");
    for (size_t k = 0; k < l.sequence_taps[s].size(); ++k) inner.push_back(drop_leading_dim(seq));
  }
  for (size_t o = 0; o < l.num_outputs(); ++o) {
    if (l.kind(o) == ScanOutputKind::NitSot) continue;
    const auto& taps = l.output_taps[o];
    if (std::any_of(taps.begin(), taps.end(), [](int64_t t) { return t >= 0; }))
      c.fail(nth("output", o) + ": state taps must be negative (PyTensor: can not use future taps of outputs)");
    const TensorType& init = c.type(l.state_input(o));
    if (l.kind(o) == ScanOutputKind::SitSot) {
      inner.push_back(init);
      continue;
    }
    if (init.ndim() < 1) c.fail(nth("output", o) + ": a mit-sot initial state needs a leading axis of past values");
    const int64_t mintap = -*std::min_element(taps.begin(), taps.end());
    if (init.shape[0] && *init.shape[0] < mintap)
      c.fail(nth("output", o) + ": the initial state has " + std::to_string(*init.shape[0]) +
             " past values, taps reach back " + std::to_string(mintap));
    for (size_t k = 0; k < taps.size(); ++k) inner.push_back(drop_leading_dim(init));
  }
  for (size_t k = 0; k < l.num_non_sequences; ++k) inner.push_back(c.type(l.non_sequence_input(k)));
  const FunctionGraph& step = *c.subgraphs[0];
  check_inner_inputs(c, step, "the step graph", inner);
  const size_t expected_outputs = l.num_outputs() + (l.as_while ? 1 : 0);
  if (step.outputs().size() != expected_outputs)
    c.fail("the step graph has " + std::to_string(step.outputs().size()) + " outputs, expected " +
           std::to_string(expected_outputs) + " (one per outputs_info entry" +
           (l.as_while ? ", then the until condition)" : ")"));
  if (l.as_while && step.outputs().back()->type.ndim() != 0)
    c.fail("the until condition must be 0-d, got " + step.outputs().back()->type.to_string());
  std::vector<TensorType> out;
  for (size_t o = 0; o < l.num_outputs(); ++o) {
    const TensorType& y = step.outputs()[o]->type;
    if (l.kind(o) == ScanOutputKind::NitSot) {
      out.push_back(TensorType{y.dtype, StaticShape(y.shape.size() + 1)});
      continue;
    }
    const TensorType& state = inner[l.inner_state_input(o, 0)];
    auto broadcastable = [](const TensorType& t) {
      std::vector<bool> b;
      for (const auto& d : t.shape) b.push_back(d && *d == 1);
      return b;
    };
    if (y.dtype != state.dtype || broadcastable(y) != broadcastable(state))
      c.fail(nth("output", o) + ": the step returns " + y.to_string() + " for a state of type " + state.to_string() +
             " (an input and an output associated with the same recurrent state must have the same dtype and "
             "broadcastable pattern)");
    TensorType trace{y.dtype, {StaticDim{}}};
    trace.shape.insert(trace.shape.end(), y.shape.begin(), y.shape.end());
    out.push_back(std::move(trace));
  }
  return out;
}

const std::vector<AttrSpec> kScanAttrs = {
    {"sequence_taps", AttrKind::Ints},    {"sequence_tap_counts", AttrKind::Ints},
    {"output_taps", AttrKind::Ints},      {"output_tap_counts", AttrKind::Ints},
    {"has_n_steps", AttrKind::Int},       {"go_backwards", AttrKind::Int},
    {"truncate_gradient", AttrKind::Int}, {"mode", AttrKind::String},
    {"as_while", AttrKind::Int},
};

const OpSchemaRegistrar kIfElse(OpSchema{
    "IfElse", 1, -1, {}, infer_ifelse, "lazy if-then-else over two inner graphs (pytensor.ifelse.IfElse)", 2});
const OpSchemaRegistrar kScan(OpSchema{"Scan", 0, -1, kScanAttrs, infer_scan,
                                       "loop over sequences with recurrent states (pytensor.scan.scan)", 1});

}  // namespace
}  // namespace ptonnx
