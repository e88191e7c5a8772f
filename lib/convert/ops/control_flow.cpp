// Converters of the control-flow ops. IfElse becomes an ONNX If whose
// branches are the IR's inner graphs; Scan becomes an ONNX Loop (inside an
// If that handles zero steps; a while-scan's until condition becomes the
// Loop's body condition), carrying each recurrent state as a window of
// its last `mintap` values. Both read outer values through ONNX's outer
// scope, so no value is copied into a subgraph. Opsets 13-18 share one form:
// If/Loop changed at 16 only to accept optional and sequence types.
#include <algorithm>
#include <limits>
#include <optional>

#include "convert/context.h"
#include "convert/graph_emit.h"
#include "convert/ops/axes.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/ops/zeros.h"
#include "convert/registry.h"
#include "graph/scan_layout.h"

namespace ptonnx {
namespace {

// An ONNX If needs a bool condition; PyTensor's IfElse tests `!= 0` on a
// scalar of any dtype (NaN is true, -0.0 false), which Not(Equal(c, 0))
// computes for every dtype (Equal with NaN is false).
std::string truth_value(ConversionContext& c, const std::string& value, DType dtype) {
  if (dtype == DType::Bool) return value;
  const std::string is_zero = c.temp("is_zero");
  c.emit("Equal", {value, c.scalar(dtype, 0)}, {is_zero});
  const std::string truth = c.temp("truth");
  c.emit("Not", {is_zero}, {truth});
  return truth;
}

void convert_ifelse(ConversionContext& c, const Node& n) {
  const std::string cond = truth_value(c, c.in(0), c.in_dtype(0));
  std::vector<std::string> captured;
  for (size_t i = 1; i < c.num_inputs(); ++i) captured.push_back(c.in(i));
  const std::string base = c.temp("");
  onnx::GraphProto then_g, else_g;
  then_g.set_name(base + "then");
  else_g.set_name(base + "else");
  emit_inner_graph(c, then_g, *n.subgraphs.at(0), captured, base + "then_");
  emit_inner_graph(c, else_g, *n.subgraphs.at(1), captured, base + "else_");
  std::vector<std::string> outs;
  for (size_t i = 0; i < n.outputs.size(); ++i) outs.push_back(c.out(i));
  onnx::NodeProto& node = c.emit("If", {cond}, outs);
  set_graph_attr(node, "then_branch", std::move(then_g));
  set_graph_attr(node, "else_branch", std::move(else_g));
}

// The type two values of one loop-carried state share: dims on which both
// agree stay known.
TensorType merge_types(const TensorType& a, const TensorType& b) {
  TensorType t{a.dtype, {}};
  for (size_t d = 0; d < a.shape.size(); ++d) t.shape.push_back(a.shape[d] == b.shape[d] ? a.shape[d] : StaticDim{});
  return t;
}

TensorType drop_leading_dim(const TensorType& t) {
  return TensorType{t.dtype, StaticShape(t.shape.begin() + 1, t.shape.end())};
}

constexpr int64_t kToEnd = std::numeric_limits<int64_t>::max();

struct SequenceCut {
  std::string value;  // the cut, in the outer graph
  std::string last;   // its length - 1 (go_backwards only)
  TensorType row_type;
};

class ScanExport {
 public:
  ScanExport(ConversionContext& c, const Node& n)
      : c_(c), n_(n), l_(ScanLayout::from_attrs(n.attrs, n.inputs.size())), step_(*n.subgraphs.at(0)) {}

  void run() {
    cut_sequences();
    const std::string n_steps = steps();
    windows();
    std::vector<std::string> outs;
    for (size_t o = 0; o < n_.outputs.size(); ++o) outs.push_back(c_.out(o));
    // A step count known at export needs no If: ONNX Runtime constant-folds
    // an If whose condition is constant, and crashes doing so when the If
    // is nested in another subgraph and the taken branch is an empty
    // constant (docs/converter.md), so the decision is made here instead.
    if (const auto n = static_steps()) {
      if (*n == 0)
        emit_empty_traces(c_, outs);
      else
        emit_loop(c_, n_steps, outs);
      return;
    }
    onnx::GraphProto empty_g = branch_graph(
        "no_steps_branch", [&](ConversionContext& ctx, const auto& names) { emit_empty_traces(ctx, names); });
    onnx::GraphProto loop_g = branch_graph(
        "steps_branch", [&](ConversionContext& ctx, const auto& names) { emit_loop(ctx, n_steps, names); });
    const std::string no_steps = c_.temp("no_steps");
    c_.emit("Equal", {n_steps, c_.scalar(DType::Int64, 0)}, {no_steps});
    onnx::NodeProto& node = c_.emit("If", {no_steps}, outs);
    set_graph_attr(node, "then_branch", std::move(empty_g));
    set_graph_attr(node, "else_branch", std::move(loop_g));
  }

 private:
  // scan() cuts sequence s once per tap k so that step i reads cut[i] =
  // seq[i + k - min(mintap, 0)]: Slice(seq, k - mintap', -(maxtap' - k))
  // with mintap' = min(mintap, 0), maxtap' = max(maxtap, 0). ONNX Slice
  // clamps like Python's slicing for these non-negative starts.
  void cut_sequences() {
    for (size_t s = 0; s < l_.num_sequences(); ++s) {
      const auto& taps = l_.sequence_taps[s];
      const int64_t mintap = std::min<int64_t>(*std::min_element(taps.begin(), taps.end()), 0);
      const int64_t maxtap = std::max<int64_t>(*std::max_element(taps.begin(), taps.end()), 0);
      const std::string& seq = c_.in(l_.sequence_input(s));
      const TensorType& type = n_.inputs[l_.sequence_input(s)]->type;
      for (int64_t k : taps) {
        SequenceCut cut{seq, "", drop_leading_dim(type)};
        const int64_t start = k - mintap, stop = k == maxtap ? kToEnd : -(maxtap - k);
        if (start != 0 || stop != kToEnd) {
          cut.value = c_.temp("cut");
          c_.emit("Slice",
                  {seq, axes::int64_vector(c_, {start}, "starts"), axes::int64_vector(c_, {stop}, "ends"),
                   axes::int64_vector(c_, {0}, "axes")},
                  {cut.value});
        }
        cuts_.push_back(std::move(cut));
      }
    }
  }

  // A while-scan goes on while `until == 0` (Scan.perform's test; NaN
  // stops): Loop's body condition.
  static std::string keep_going(ConversionContext& ctx, const std::string& until, DType dtype) {
    const std::string go = ctx.temp("keep_going");
    if (dtype == DType::Bool)
      ctx.emit("Not", {until}, {go});
    else
      ctx.emit("Equal", {until, ctx.scalar(dtype, 0)}, {go});
    return go;
  }

  std::string length_of(const std::string& value) {
    const std::string shape = c_.temp("shape"), len = c_.temp("len");
    c_.emit("Shape", {value}, {shape});
    set_attr(c_.emit("Gather", {shape, c_.scalar(DType::Int64, 0)}, {len}), "axis", int64_t{0});
    return len;
  }

  // n_steps as int64 when given (PyTensor: as_tensor(n_steps, "int64")),
  // else the shortest cut. go_backwards reads cut[len - 1 - i].
  std::string steps() {
    std::vector<std::string> lengths;
    for (auto& cut : cuts_) {
      if (!l_.has_n_steps || l_.go_backwards) {
        const std::string len = length_of(cut.value);
        lengths.push_back(len);
        if (l_.go_backwards) {
          cut.last = c_.temp("last");
          c_.emit("Sub", {len, c_.scalar(DType::Int64, 1)}, {cut.last});
        }
      }
    }
    if (l_.has_n_steps) return c_.cast(c_.in(l_.n_steps_input()), c_.in_dtype(l_.n_steps_input()), DType::Int64);
    if (lengths.size() == 1) return lengths[0];
    const std::string n = c_.temp("n_steps");
    c_.emit("Min", lengths, {n});
    return n;
  }

  // Each state is carried as its last `mintap` values, oldest first: the
  // initial value of a sit-sot, init[0..mintap-1] of a mit-sot.
  void windows() {
    for (size_t o = 0; o < l_.num_outputs(); ++o) {
      std::vector<std::string> w;
      if (l_.kind(o) == ScanOutputKind::SitSot) {
        w.push_back(c_.in(l_.state_input(o)));
      } else if (l_.kind(o) == ScanOutputKind::MitSot) {
        const auto& taps = l_.output_taps[o];
        const int64_t mintap = -*std::min_element(taps.begin(), taps.end());
        for (int64_t r = 0; r < mintap; ++r) {
          const std::string row = c_.temp("init_row");
          set_attr(
              c_.emit("Gather", {c_.in(l_.state_input(o)), c_.scalar(DType::Int64, static_cast<double>(r))}, {row}),
              "axis", int64_t{0});
          w.push_back(row);
        }
      }
      windows_.push_back(std::move(w));
    }
  }

  TensorType state_row_type(size_t o) const {
    const TensorType& init = n_.inputs[l_.state_input(o)]->type;
    const TensorType row = l_.kind(o) == ScanOutputKind::SitSot ? init : drop_leading_dim(init);
    return merge_types(row, step_.outputs()[o]->type);
  }

  // The step count when the export can know it: a constant (or shared)
  // n_steps, or sequences whose lengths are all static (each cut's length
  // follows Python's slicing). nullopt when it is only known at run time,
  // or negative (outside the domain: PyTensor raises).
  std::optional<int64_t> static_steps() const {
    if (l_.has_n_steps) {
      const Variable& v = *n_.inputs[l_.n_steps_input()];
      if (!v.value || (v.value->dtype() == DType::UInt64 && v.value->get_as_uint64(0) > uint64_t{INT64_MAX}))
        return std::nullopt;
      const int64_t n = v.value->get_as_int64(0);
      return n >= 0 ? std::optional<int64_t>(n) : std::nullopt;
    }
    std::optional<int64_t> n;
    for (size_t s = 0; s < l_.num_sequences(); ++s) {
      const StaticDim len = n_.inputs[l_.sequence_input(s)]->type.shape[0];
      if (!len) return std::nullopt;
      const auto& taps = l_.sequence_taps[s];
      const int64_t mintap = std::min<int64_t>(*std::min_element(taps.begin(), taps.end()), 0);
      const int64_t maxtap = std::max<int64_t>(*std::max_element(taps.begin(), taps.end()), 0);
      for (int64_t k : taps) {
        const int64_t start = std::min(k - mintap, *len);
        const int64_t stop = std::max<int64_t>(*len - (maxtap - k), 0);
        const int64_t cut = std::max<int64_t>(stop - start, 0);
        n = n ? std::min(*n, cut) : cut;
      }
    }
    return n;
  }

  // An If branch: a subgraph whose outputs are `names` (fresh), declared
  // with the Scan's output types.
  template <typename EmitFn>
  onnx::GraphProto branch_graph(const std::string& hint, EmitFn emit) {
    onnx::GraphProto g;
    g.set_name(c_.temp(hint));
    ConversionContext ctx(c_, g);
    ctx.begin_glue(g.name());
    std::vector<std::string> names;
    for (size_t o = 0; o < l_.num_outputs(); ++o) names.push_back(ctx.temp("trace"));
    emit(ctx, names);
    for (size_t o = 0; o < l_.num_outputs(); ++o) set_value_info(*g.add_output(), names[o], n_.outputs[o]->type);
    return g;
  }

  // No steps: each trace is empty. A state's trace has the state's row
  // shape after its zero-length axis; a nit-sot's is (0,)*ndim, as
  // Scan.perform returns np.empty((0,) * ndim).
  void emit_empty_traces(ConversionContext& ctx, const std::vector<std::string>& names) {
    for (size_t o = 0; o < l_.num_outputs(); ++o) {
      const TensorType& type = n_.outputs[o]->type;
      std::string shape;
      if (l_.kind(o) == ScanOutputKind::NitSot) {
        shape = axes::int64_vector(ctx, std::vector<int64_t>(type.shape.size(), 0), "zeros");
      } else {
        std::string row_shape = ctx.temp("row_shape");
        ctx.emit("Shape", {c_.in(l_.state_input(o))}, {row_shape});
        if (l_.kind(o) == ScanOutputKind::MitSot) {
          const std::string sliced = ctx.temp("row_shape");
          ctx.emit("Slice",
                   {row_shape, axes::int64_vector(ctx, {1}, "starts"), axes::int64_vector(ctx, {kToEnd}, "ends"),
                    axes::int64_vector(ctx, {0}, "axes")},
                   {sliced});
          row_shape = sliced;
        }
        shape = ctx.temp("empty_shape");
        set_attr(ctx.emit("Concat", {axes::int64_vector(ctx, {0}, "zero"), row_shape}, {shape}), "axis", int64_t{0});
      }
      zeros_of_shape(ctx, shape, type.dtype, names[o]);
    }
  }

  // The Loop (in the If's else branch, or alone when the step count is
  // known): trip count n_steps (and, for a while-scan, the until test as
  // the body's condition); carried: every state's window; scan outputs:
  // each step's value of every output, which is exactly scan()'s trace.
  void emit_loop(ConversionContext& bctx, const std::string& n_steps, const std::vector<std::string>& traces) {
    onnx::GraphProto body;
    body.set_name(c_.temp("body"));
    ConversionContext ctx(c_, body);
    ctx.begin_glue(body.name());
    const std::string iter = ctx.unique_name(body.name() + "_i");
    const std::string cond_in = ctx.unique_name(body.name() + "_cond");
    set_value_info(*body.add_input(), iter, TensorType{DType::Int64, {}});
    set_value_info(*body.add_input(), cond_in, TensorType{DType::Bool, {}});
    std::vector<std::vector<std::string>> window_in;
    for (size_t o = 0; o < l_.num_outputs(); ++o) {
      std::vector<std::string> w;
      for (size_t k = 0; k < windows_[o].size(); ++k) {
        w.push_back(ctx.unique_name(body.name() + "_state" + std::to_string(o) + "_" + std::to_string(k)));
        set_value_info(*body.add_input(), w.back(), state_row_type(o));
      }
      window_in.push_back(std::move(w));
    }

    // The step's inputs: this step's row of each cut, the state taps
    // (window[mintap + tap]) and the non-sequences (outer values).
    std::vector<std::string> args(l_.num_inner_inputs());
    for (size_t j = 0; j < cuts_.size(); ++j) {
      std::string index = iter;
      if (l_.go_backwards) {
        index = ctx.temp("index");
        ctx.emit("Sub", {cuts_[j].last, iter}, {index});
      }
      args[j] = ctx.temp("row");
      set_attr(ctx.emit("Gather", {cuts_[j].value, index}, {args[j]}), "axis", int64_t{0});
    }
    for (size_t o = 0; o < l_.num_outputs(); ++o) {
      const auto& taps = l_.output_taps[o];
      const int64_t mintap = static_cast<int64_t>(windows_[o].size());
      for (size_t k = 0; k < taps.size(); ++k)
        args[l_.inner_state_input(o, k)] = window_in[o][static_cast<size_t>(mintap + taps[k])];
    }
    for (size_t k = 0; k < l_.num_non_sequences; ++k)
      args[l_.inner_non_sequence_input(k)] = c_.in(l_.non_sequence_input(k));
    for (size_t i = 0; i < args.size(); ++i) ctx.bind(*step_.inputs()[i], args[i]);
    emit_graph_nodes(ctx, step_, body.name() + "_");
    std::vector<std::string> ys;
    for (const auto& y : step_.outputs()) ys.push_back(ctx.name_of(*y));

    // Body outputs: cond, the shifted windows, then the traces. Each is a
    // fresh Identity: ONNX graph outputs must be distinct values.
    ctx.begin_glue(body.name() + "_out");
    auto body_output = [&](const std::string& value, const TensorType& type) {
      const std::string name = ctx.temp("out");
      ctx.emit("Identity", {value}, {name});
      set_value_info(*body.add_output(), name, type);
    };
    body_output(l_.as_while ? keep_going(ctx, ys.back(), step_.outputs().back()->type.dtype) : cond_in,
                TensorType{DType::Bool, {}});
    for (size_t o = 0; o < l_.num_outputs(); ++o)
      for (size_t k = 0; k < windows_[o].size(); ++k)
        body_output(k + 1 < windows_[o].size() ? window_in[o][k + 1] : ys[o], state_row_type(o));
    for (size_t o = 0; o < l_.num_outputs(); ++o) body_output(ys[o], step_.outputs()[o]->type);

    // No cond input unless a while-scan needs one: a Loop bounded by its
    // trip count alone lets a runtime size the scan outputs up front.
    std::vector<std::string> loop_in{n_steps,
                                     l_.as_while ? c_.initializer(Tensor::scalar(DType::Bool, 1), "true") : ""};
    std::vector<std::string> loop_out;
    for (size_t o = 0; o < l_.num_outputs(); ++o)
      for (const auto& w : windows_[o]) {
        loop_in.push_back(w);
        loop_out.push_back(bctx.temp("final_state"));
      }
    loop_out.insert(loop_out.end(), traces.begin(), traces.end());
    set_graph_attr(bctx.emit("Loop", loop_in, loop_out), "body", std::move(body));
  }

  ConversionContext& c_;
  const Node& n_;
  const ScanLayout l_;
  const FunctionGraph& step_;
  std::vector<SequenceCut> cuts_;
  std::vector<std::vector<std::string>> windows_;  // per output: carried values, oldest first
};

void convert_scan(ConversionContext& c, const Node& n) { ScanExport(c, n).run(); }

const ConverterRegistrar kIfElse("IfElse", 13, convert_ifelse);
const ConverterRegistrar kScan("Scan", 13, convert_scan);

}  // namespace
}  // namespace ptonnx
