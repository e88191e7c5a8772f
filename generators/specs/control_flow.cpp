// Sample specs of the control-flow ops (tier 5): IfElse and Scan.
//
// Inner graphs (branches, steps) are grown with the grow functions of the
// tier 1-3 specs from a pool of inner values (a step's sequence taps, state
// taps and non-sequences, a branch's outer values, plus outer values the
// builders capture automatically), then made to fit what the op requires:
//   - IfElse: the else branch's output i gets the then branch's dtype and
//     ndim (an elementwise cast that never raises, Sum over leading axes or
//     ExpandDims); a drawn mode makes the branches' static and run-time
//     shapes differ (x against Join(0, x, x)).
//   - Scan states: the step returns op(state tap, g) cast to the state's
//     dtype, where g is a grown value whose static shape is fully known
//     and broadcasts into the state's shape without changing it, or else
//     a grown value summed to 0-d. So the step output keeps the state's
//     dtype, broadcastable pattern and run-time shape.
// Nesting: a step sometimes grows an IfElse, a then branch a Scan.
// IfElse's dtype axis is the condition's dtype (every dtype; conditions
// 0, -0.0, NaN, +-inf and ordinary values); Scan's is the dtype of its
// states and first sequence.
#include <algorithm>
#include <cstdint>
#include <limits>

#include "core/error.h"
#include "generators/random_graph.h"
#include "generators/specs/shape_common.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

using namespace shape_specs;
using Int = __int128;

// ---------------------------------------------------------------------------
// Helpers shared by both specs.

// The tier 1-3 vocabulary of inner graphs (tier-3 random graphs' one),
// without AllocEmpty: its contents are undefined, and the driver's
// shape-only rule cannot see an AllocEmpty inside an inner graph.
const std::vector<const SampleSpec*>& body_vocabulary() {
  static const std::vector<const SampleSpec*> vocab = [] {
    GraphOptions o;
    o.tier = 3;
    o.extra_ops = {"mean", "var", "std"};
    auto v = graph_vocabulary(o);
    std::erase_if(v, [](const SampleSpec* s) { return s->op == "AllocEmpty"; });
    return v;
  }();
  return vocab;
}

// Grows up to `steps` values from `pool` (appended to it); returns the new
// values in growth order.
std::vector<VarRef> grow_body(std::vector<VarRef>& pool, int steps) {
  std::vector<VarRef> grown;
  const auto& vocab = body_vocabulary();
  for (int s = 0; s < steps && !vocab.empty(); ++s) {
    const SampleSpec* spec = *rc::gen::elementOf(vocab);
    if (VarRef v = spec->grow(pool)) {
      pool.push_back(v);
      grown.push_back(v);
    }
  }
  return grown;
}

// A grown value (the newest more often), or a pool value.
VarRef pick(const std::vector<VarRef>& grown, const std::vector<VarRef>& pool) {
  if (!grown.empty() && *rc::gen::weightedElement<bool>({{3, true}, {1, false}}))
    return *rc::gen::weightedElement<bool>({{1, true}, {1, false}}) ? grown.back() : *rc::gen::elementOf(grown);
  return *rc::gen::elementOf(pool);
}

struct IntRange {
  Int lo, hi;
};
IntRange int_range(DType t) {
  return visit_dtype(t, [](auto tag) -> IntRange {
    constexpr DType D = decltype(tag)::value;
    using S = storage_t<D>;
    if constexpr (D == DType::Bool || std::is_floating_point_v<S> || D == DType::Float16)
      return {0, 1};
    else
      return {static_cast<Int>(std::numeric_limits<S>::lowest()), static_cast<Int>(std::numeric_limits<S>::max())};
  });
}

// An exact 0-d integer constant (64-bit bounds are not doubles).
VarRef int_constant(DType t, Int v) {
  Tensor c(t, {});
  if (t == DType::Int64)
    c.data<int64_t>()[0] = static_cast<int64_t>(v);
  else if (t == DType::UInt64)
    c.data<uint64_t>()[0] = static_cast<uint64_t>(v);
  else
    c.set_from_double(0, static_cast<double>(v));
  return make_constant(c);
}

VarRef cast_to(VarRef v, DType d) {
  return v->type.dtype == d ? v : apply_op1("Cast", {std::move(v)}, {{"dtype", std::string(dtype_name(d))}});
}

// v as dtype d by casts PyTensor never raises on (its Cast raises on NaN,
// inf and out-of-range values going to an integer): to a float or bool
// directly; an integer clamped into d's range first (Maximum/Minimum with
// exact constants of its own dtype); a float to an integer through bool.
VarRef safe_cast(VarRef v, DType d) {
  const DType s = v->type.dtype;
  if (s == d || is_float(d) || d == DType::Bool || s == DType::Bool) return cast_to(v, d);
  if (is_float(s)) return cast_to(cast_to(v, DType::Bool), d);
  const IntRange from = int_range(s), to = int_range(d);
  if (from.lo < to.lo) v = apply_op1("Maximum", {v, int_constant(s, to.lo)});
  if (from.hi > to.hi) v = apply_op1("Minimum", {v, int_constant(s, std::min(from.hi, to.hi))});
  return cast_to(v, d);
}

// v with ndim k: Sum over leading axes, or new leading broadcastable axes.
VarRef with_ndim(VarRef v, int64_t k) {
  const int64_t n = v->type.ndim();
  if (n > k) {
    std::vector<int64_t> axes;
    for (int64_t a = 0; a < n - k; ++a) axes.push_back(a);
    return pt::sum(v, axes);
  }
  if (n < k) {
    std::vector<int64_t> axes;
    for (int64_t a = 0; a < k - n; ++a) axes.push_back(a);
    return pt::expand_dims(v, axes);
  }
  return v;
}

std::vector<bool> static_ones(const TensorType& t) {
  std::vector<bool> b;
  for (const auto& d : t.shape) b.push_back(d && *d == 1);
  return b;
}

// g broadcasts into `shape` (a state's concrete shape, or its static shape
// where that is all we know) without changing it: g's static shape fully
// known, each of its dims 1 or the state's.
bool fits_into(const TensorType& g, const StaticShape& shape) {
  if (!g.fully_static() || g.ndim() > static_cast<int64_t>(shape.size())) return false;
  const size_t off = shape.size() - g.shape.size();
  for (size_t i = 0; i < g.shape.size(); ++i)
    if (*g.shape[i] != 1 && shape[off + i] != g.shape[i]) return false;
  return true;
}

// The new value of a state: op(tap, g) cast to the state's dtype, where g
// is a fitting grown/pool value or one summed to 0-d. Falls back to the
// tap itself when the combination does not keep the state's type.
VarRef next_state(VarRef tap, const StaticShape& shape, const std::vector<VarRef>& grown,
                  const std::vector<VarRef>& pool) {
  const DType d = tap->type.dtype;
  std::vector<VarRef> fit;
  for (const auto& v : grown)
    if (fits_into(v->type, shape)) fit.push_back(v);
  if (fit.empty())
    for (const auto& v : pool)
      if (fits_into(v->type, shape)) fit.push_back(v);
  VarRef g = !fit.empty() && *rc::gen::weightedElement<bool>({{2, true}, {1, false}}) ? *rc::gen::elementOf(fit)
                                                                                      : pt::sum(pick(grown, pool));
  g = safe_cast(g, d);
  std::vector<std::string> ops{"Add", "Mul", "Maximum", "Minimum"};
  if (d != DType::Bool) ops.push_back("Sub");
  const std::string op = *rc::gen::elementOf(ops);
  VarRef y;
  try {
    y = apply_op1(op, {tap, g});
    y = cast_to(y, d);
  } catch (const TypeError&) {
    return tap;
  }
  if (static_ones(y->type) != static_ones(tap->type)) return tap;
  return y;
}

// ---------------------------------------------------------------------------
// IfElse

// A 0-d condition value of dtype t: 0, -0.0, NaN, +-inf and ordinary ones.
Tensor condition_value(DType t) {
  std::vector<double> special{0.0, 0.0, 1.0};
  if (is_float(t))
    special.insert(special.end(), {-0.0, -0.0, std::numeric_limits<double>::quiet_NaN(),
                                   std::numeric_limits<double>::quiet_NaN(), -std::numeric_limits<double>::infinity()});
  if (*rc::gen::arbitrary<bool>()) return Tensor::scalar(t, *rc::gen::elementOf(special));
  return *tensor(t, {});
}

// The else branch's value for the then branch's output `a`: a same-typed
// pool value, or one made to fit (dtype by safe_cast, ndim by Sum/ExpandDims).
VarRef matching(const VarRef& a, const std::vector<VarRef>& grown, const std::vector<VarRef>& pool) {
  std::vector<VarRef> same;
  for (const auto& v : pool)
    if (v->type.dtype == a->type.dtype && v->type.ndim() == a->type.ndim()) same.push_back(v);
  if (!same.empty() && *rc::gen::weightedElement<bool>({{1, true}, {1, false}})) return *rc::gen::elementOf(same);
  return safe_cast(with_ndim(pick(grown, pool), a->type.ndim()), a->type.dtype);
}

struct BranchPlan {
  int then_steps, else_steps, outputs;
  bool nested_scan = false;  // the then branch also grows a Scan
};

VarRef scan_grow(const std::vector<VarRef>& pool);

// Both branches over `pool` (outer values, captured by pt::ifelse). With
// `differ` (a value of ndim >= 1 and known, nonzero leading dim), output 0
// is differ in the then branch and Join(0, differ, differ) in the else one.
std::vector<VarRef> random_ifelse(VarRef cond, const std::vector<VarRef>& pool, const BranchPlan& plan,
                                  VarRef differ = nullptr) {
  std::vector<VarRef> then_outs;
  auto then_fn = [&] {
    std::vector<VarRef> p = pool;
    auto grown = grow_body(p, plan.then_steps);
    if (plan.nested_scan)
      if (VarRef v = scan_grow(p)) {
        p.push_back(v);
        grown.push_back(v);
      }
    if (differ) then_outs.push_back(differ);
    while (static_cast<int>(then_outs.size()) < plan.outputs) then_outs.push_back(pick(grown, p));
    return then_outs;
  };
  auto else_fn = [&] {
    std::vector<VarRef> p = pool;
    const auto grown = grow_body(p, plan.else_steps);
    std::vector<VarRef> outs;
    for (size_t i = 0; i < then_outs.size(); ++i)
      outs.push_back(i == 0 && differ ? pt::join(0, {differ, differ}) : matching(then_outs[i], grown, p));
    return outs;
  };
  return pt::ifelse(std::move(cond), then_fn, else_fn);
}

rc::Gen<Case> ifelse_case(DType t) {
  return rc::gen::exec([t] {
    CaseBuilder b;
    const Tensor cv = condition_value(t);
    VarRef cond = *rc::gen::weightedElement<bool>({{5, false}, {1, true}}) ? make_constant(cv, "cond") : b.feed(cv);
    const int n = *rc::gen::inRange(1, 4);
    const auto shapes = *gen::broadcastable(n, {3, 4, 12});
    std::vector<VarRef> pool;
    for (int i = 0; i < n; ++i) {
      const DType dt = *rc::gen::weightedOneOf<DType>({{1, rc::gen::just(t)}, {2, rc::gen::elementOf(all_dtypes())}});
      pool.push_back(b.feed(*tensor(dt, shapes[i].shape)));
    }
    if (*rc::gen::weightedElement<bool>({{3, false}, {1, true}}))
      pool.push_back(make_constant(*tensor(*rc::gen::elementOf(all_dtypes()), {}), "k"));
    // Branches whose shapes differ: a fed value with a known leading dim.
    VarRef differ;
    if (*rc::gen::weightedElement<bool>({{3, false}, {1, true}})) {
      Shape s = *gen::shape({2, 3, 6});
      if (s.empty()) s.push_back(1);
      s[0] = std::max<int64_t>(s[0], 1);
      const Tensor v = *tensor(*rc::gen::elementOf(all_dtypes()), s);
      StaticShape st = *static_view(s);
      st[0] = s[0];
      differ = make_input("x" + std::to_string(b.inputs.size()), TensorType{v.dtype(), st});
      b.inputs.push_back(differ);
      b.values.push_back(v);
    }
    BranchPlan plan{*rc::gen::inRange(0, 4), *rc::gen::inRange(0, 4), *rc::gen::inRange(1, 3),
                    *rc::gen::weightedElement<bool>({{5, false}, {1, true}})};
    const auto outs = random_ifelse(cond, pool, plan, differ);
    std::string label = "IfElse(cond " + std::string(dtype_name(t)) + " " + cv.values_to_string(1) + ", " +
                        std::to_string(plan.outputs) + " output(s)" + (differ ? ", branch shapes differ" : "") +
                        (plan.nested_scan ? ", Scan in the then branch" : "") + ")";
    return b.finish(outs, label);
  });
}

// In a random graph: a 0-d pool value (or a Sum of one) as the condition,
// one output.
VarRef ifelse_grow(const std::vector<VarRef>& pool) {
  std::vector<VarRef> scalars;
  for (const auto& v : pool)
    if (v->type.ndim() == 0) scalars.push_back(v);
  VarRef cond = !scalars.empty() && *rc::gen::arbitrary<bool>() ? *rc::gen::elementOf(scalars)
                                                                : pt::sum(*rc::gen::elementOf(pool));
  BranchPlan plan{*rc::gen::inRange(0, 3), *rc::gen::inRange(0, 3), 1, false};
  return random_ifelse(cond, pool, plan)[0];
}

SampleSpec ifelse_spec() {
  SampleSpec s;
  s.op = "IfElse";
  s.dtypes = all_dtypes();
  s.gen = ifelse_case;
  s.grow = ifelse_grow;
  s.domain_notes =
      "none on the condition (every dtype; 0, -0.0, NaN, +-inf and ordinary values). Branch bodies: tier 1-3 "
      "grow functions without AllocEmpty (undefined contents, which the driver's shape-only rule cannot see "
      "inside a branch); the else branch's outputs are cast to the then branch's dtype without NaN/inf/out-of-"
      "range float->int or int->int casts (PyTensor raises there): integers are clamped first, floats go "
      "through bool";
  return s;
}

// ---------------------------------------------------------------------------
// Scan

const std::vector<std::vector<int64_t>> kSequenceTaps = {{0},     {0},    {-1},       {1},    {-1, 1},
                                                         {-2, 0}, {0, 2}, {-1, 0, 1}, {2, -1}};
const std::vector<std::vector<int64_t>> kMitSotTaps = {{-2, -1}, {-3, -1}, {-2}, {-3, -2, -1}, {-1, -2}};

struct StepPlan {
  int steps = 0;
  bool nested_ifelse = false;
  bool as_while = false;  // the step also returns an until condition
};

// A while-scan's until condition (0-d, stops the scan where != 0): most
// often read from this step's sequence rows, so the stop depends on the
// data (ordinary values are often 0 and shrink to 0), else a grown or
// pool value; summed to 0-d.
VarRef until_condition(const ScanLayout& l, const std::vector<VarRef>& args, const std::vector<VarRef>& grown,
                       const std::vector<VarRef>& pool) {
  const size_t n_seq_args = l.inner_sequence_input(l.num_sequences(), 0);
  VarRef v = n_seq_args > 0 && *rc::gen::weightedElement<bool>({{3, true}, {1, false}})
                 ? args[*rc::gen::inRange<size_t>(0, n_seq_args)]
                 : pick(grown, pool);
  return v->type.ndim() == 0 ? v : pt::sum(v);
}

// The step: grows from its arguments (and `outer`, which pt::scan
// captures), then returns one value per output: next_state for states
// (whose concrete row shapes are `state_shapes`), a grown value for
// nit-sots.
pt::StepFn random_step(const ScanLayout& l, std::vector<StaticShape> state_shapes, std::vector<VarRef> outer,
                       StepPlan plan) {
  return [l, state_shapes, outer, plan](const std::vector<VarRef>& args) {
    std::vector<VarRef> pool = args;
    pool.insert(pool.end(), outer.begin(), outer.end());
    // A step with no arguments (only nit-sots, nothing captured) grows
    // from a constant.
    if (pool.empty() || *rc::gen::weightedElement<bool>({{4, false}, {1, true}}))
      pool.push_back(make_constant(*tensor(*rc::gen::elementOf(all_dtypes()), {}), "k"));
    auto grown = grow_body(pool, plan.steps);
    if (plan.nested_ifelse) {
      VarRef v = ifelse_grow(pool);
      pool.push_back(v);
      grown.push_back(v);
    }
    std::vector<VarRef> outs;
    for (size_t o = 0; o < l.num_outputs(); ++o) {
      if (l.kind(o) == ScanOutputKind::NitSot) {
        outs.push_back(pick(grown, pool));
        continue;
      }
      const size_t k = *rc::gen::inRange<size_t>(0, l.output_taps[o].size());
      outs.push_back(next_state(args[l.inner_state_input(o, k)], state_shapes[o], grown, pool));
    }
    if (plan.as_while) outs.push_back(until_condition(l, args, grown, pool));
    return outs;
  };
}

std::string taps_text(const std::vector<int64_t>& taps) {
  std::string s = "{";
  for (size_t i = 0; i < taps.size(); ++i) s += (i ? "," : "") + std::to_string(taps[i]);
  return s + "}";
}

StaticShape known(const Shape& s) { return StaticShape(s.begin(), s.end()); }

rc::Gen<Case> scan_case(DType t) {
  return rc::gen::exec([t] {
    CaseBuilder b;
    std::string label = "Scan(";
    ScanLayout l;
    // Sequences: 0-6 rows of a small row shape; the first of dtype t.
    const int n_seq = *rc::gen::weightedElement<int>({{1, 0}, {3, 1}, {1, 2}});
    std::vector<pt::ScanSequence> seqs;
    int64_t shortest_cut = INT64_MAX;
    for (int s = 0; s < n_seq; ++s) {
      const DType dt = s == 0 ? t : *rc::gen::elementOf(all_dtypes());
      Shape shape = *gen::shape({2, 3, 4});
      const int64_t len = *rc::gen::weightedElement<int64_t>({{1, 0}, {1, 1}, {2, 2}, {2, 3}, {2, 4}, {1, 6}});
      shape.insert(shape.begin(), len);
      const auto taps = *rc::gen::elementOf(kSequenceTaps);
      const int64_t lo = std::min<int64_t>(*std::min_element(taps.begin(), taps.end()), 0);
      const int64_t hi = std::max<int64_t>(*std::max_element(taps.begin(), taps.end()), 0);
      shortest_cut = std::min(shortest_cut, std::max<int64_t>(len - (hi - lo), 0));
      seqs.push_back({b.feed_or_constant(*tensor(dt, shape)), taps});
      l.sequence_taps.push_back(taps);
      label += "seq " + Tensor(dt, shape).describe() + " taps" + taps_text(taps) + ", ";
    }
    // n_steps: absent (the sequences decide), fed or constant, of an integer
    // dtype, 0..shortest cut (PyTensor raises past it), often 0 or 1.
    VarRef n_steps;
    if (n_seq == 0 || *rc::gen::arbitrary<bool>()) {
      const int64_t most = n_seq == 0 ? 5 : shortest_cut;
      const int64_t one_step = std::min<int64_t>(1, most);
      const int64_t n = *rc::gen::weightedOneOf<int64_t>(
          {{1, rc::gen::just<int64_t>(0)},
           {1, rc::gen::just<int64_t>(int64_t{one_step})},
           {3, rc::gen::resize(rc::kNominalSize, rc::gen::inRange<int64_t>(0, most + 1))}});
      const DType nt = *rc::gen::element(DType::Int8, DType::Int16, DType::Int32, DType::Int64, DType::UInt8,
                                         DType::UInt16, DType::UInt32, DType::UInt64);
      const Tensor nv = Tensor::scalar(nt, static_cast<double>(n));
      n_steps = *rc::gen::weightedElement<bool>({{2, false}, {1, true}}) ? make_constant(nv, "n_steps") : b.feed(nv);
      label += "n_steps " + std::string(dtype_name(nt)) + " " + std::to_string(n) + ", ";
    }
    // Outputs: sit-sot, mit-sot (several negative taps), nit-sot; states of
    // dtype t.
    const int n_out = *rc::gen::inRange(1, 4);
    std::vector<pt::ScanOutput> outputs_info;
    std::vector<StaticShape> state_shapes;
    for (int o = 0; o < n_out; ++o) {
      const int kind = *rc::gen::weightedElement<int>({{3, 0}, {2, 1}, {2, 2}});
      const Shape row = *gen::shape({2, 3, 4});
      state_shapes.push_back(known(row));
      if (kind == 2) {
        outputs_info.push_back(pt::nit_sot());
        label += "nit-sot, ";
      } else if (kind == 0) {
        outputs_info.push_back(pt::sit_sot(b.feed_or_constant(*tensor(t, row))));
        label += "sit-sot " + Tensor(t, row).describe() + ", ";
      } else {
        const auto taps = *rc::gen::elementOf(kMitSotTaps);
        Shape init = row;
        init.insert(init.begin(), -*std::min_element(taps.begin(), taps.end()) + *rc::gen::inRange<int64_t>(0, 2));
        outputs_info.push_back(pt::mit_sot(b.feed_or_constant(*tensor(t, init)), taps));
        label += "mit-sot " + Tensor(t, init).describe() + " taps" + taps_text(taps) + ", ";
      }
      l.output_taps.push_back(outputs_info.back().initial ? outputs_info.back().taps : std::vector<int64_t>{});
    }
    // Non-sequences passed explicitly, and an outer value the step uses
    // directly (captured by pt::scan).
    std::vector<VarRef> non_seqs, outer;
    const int n_ns = *rc::gen::weightedElement<int>({{2, 0}, {2, 1}, {1, 2}});
    for (int k = 0; k < n_ns; ++k)
      non_seqs.push_back(b.feed_or_constant(*tensor(*rc::gen::elementOf(all_dtypes()), *gen::shape({2, 3, 4}))));
    if (*rc::gen::arbitrary<bool>()) {
      outer.push_back(b.feed(*tensor(*rc::gen::elementOf(all_dtypes()), *gen::shape({2, 3, 4}))));
      label += "captured " + outer.back()->type.to_string() + ", ";
    }
    if (n_ns) label += std::to_string(n_ns) + " non-sequence(s), ";
    pt::ScanOptions opts;
    opts.n_steps = n_steps;
    opts.go_backwards = *rc::gen::weightedElement<bool>({{2, false}, {1, true}});
    if (opts.go_backwards) label += "go_backwards, ";
    StepPlan plan{*rc::gen::inRange(0, 4), *rc::gen::weightedElement<bool>({{5, false}, {1, true}}),
                  *rc::gen::weightedElement<bool>({{3, false}, {1, true}})};
    if (plan.nested_ifelse) label += "IfElse in the step, ";
    opts.as_while = l.as_while = plan.as_while;
    if (plan.as_while) label += "while (until), ";
    const auto outs = pt::scan(random_step(l, state_shapes, outer, plan), seqs, outputs_info, non_seqs, opts);
    label.resize(label.size() - 2);
    return b.finish(outs, label + ")");
  });
}

// In a random graph: at most one sequence (no n_steps, so its length
// decides), else a constant n_steps; a sit-sot from a pool value, a mit-sot
// whose initial state stacks a pool value (so it holds enough rows), or a
// nit-sot; the step uses pool values directly (captured).
VarRef scan_grow(const std::vector<VarRef>& pool) {
  ScanLayout l;
  std::vector<pt::ScanSequence> seqs;
  std::vector<VarRef> with_axis;
  for (const auto& v : pool)
    if (v->type.ndim() > 0) with_axis.push_back(v);
  pt::ScanOptions opts;
  if (!with_axis.empty() && *rc::gen::arbitrary<bool>()) {
    seqs.push_back({*rc::gen::elementOf(with_axis), *rc::gen::elementOf(kSequenceTaps)});
    l.sequence_taps.push_back(seqs.back().taps);
  } else {
    const DType nt = *rc::gen::element(DType::Int8, DType::Int32, DType::Int64, DType::UInt16);
    opts.n_steps = make_constant(Tensor::scalar(nt, static_cast<double>(*rc::gen::inRange(0, 5))));
  }
  opts.go_backwards = *rc::gen::weightedElement<bool>({{3, false}, {1, true}});
  std::vector<pt::ScanOutput> outputs_info;
  std::vector<StaticShape> shapes;
  const int n_out = *rc::gen::inRange(1, 3);
  for (int o = 0; o < n_out; ++o) {
    const int kind = *rc::gen::weightedElement<int>({{3, 0}, {1, 1}, {2, 2}});
    VarRef v = *rc::gen::elementOf(pool);
    shapes.push_back(v->type.shape);
    if (kind == 2) {
      outputs_info.push_back(pt::nit_sot());
    } else if (kind == 0) {
      outputs_info.push_back(pt::sit_sot(v));
    } else {
      const auto taps = *rc::gen::elementOf(kMitSotTaps);
      std::vector<VarRef> rows(static_cast<size_t>(-*std::min_element(taps.begin(), taps.end())), v);
      outputs_info.push_back(pt::mit_sot(pt::stack(rows), taps));
    }
    l.output_taps.push_back(outputs_info.back().initial ? outputs_info.back().taps : std::vector<int64_t>{});
  }
  StepPlan plan{*rc::gen::inRange(0, 3), false};
  try {
    const auto outs = pt::scan(random_step(l, shapes, pool, plan), seqs, outputs_info, {}, opts);
    return *rc::gen::elementOf(outs);
  } catch (const TypeError&) {
    return nullptr;
  }
}

SampleSpec scan_spec() {
  SampleSpec s;
  s.op = "Scan";
  s.dtypes = all_dtypes();
  s.gen = scan_case;
  s.grow = scan_grow;
  s.domain_notes =
      "n_steps in [0, the shortest tap-cut sequence] (PyTensor raises on a negative n_steps and on sequences "
      "shorter than n_steps); a mit-sot's initial state holds at least as many rows as its taps reach back (a "
      "shorter one makes Scan.perform wrap around its buffer, not modelled). Step outputs for states are "
      "op(tap, g) cast to the state's dtype without raising casts (integers clamped, floats via bool), g "
      "fully static and broadcasting into the state's shape or summed to 0-d. Step bodies: tier 1-3 grow "
      "functions without AllocEmpty, sometimes a nested IfElse; a nit-sot whose shape changes between steps "
      "raises in the oracle (not modelled) and is discarded";
  return s;
}

const SampleSpecRegistrar kIfElse(ifelse_spec());
const SampleSpecRegistrar kScan(scan_spec());

}  // namespace
}  // namespace ptonnx::gen
