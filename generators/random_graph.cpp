#include "generators/random_graph.h"

#include <set>

#include "catalog/catalog.h"
#include "generators/shapes.h"
#include "generators/values.h"

namespace ptonnx::gen {

namespace {

// The tier from which an op joins the random graphs: its own, or 5 for the
// extended and CNN groups (ops beyond the seed's tiers, which combine with
// everything tier 5 holds; they have no graph suite of their own).
int graph_tier(catalog::Group g) {
  return g == catalog::Group::Extended || g == catalog::Group::CNN ? 5 : catalog::group_tier(g);
}

}  // namespace

std::vector<const SampleSpec*> graph_vocabulary(const GraphOptions& o) {
  std::vector<const SampleSpec*> vocab;
  for (const auto& entry : catalog::all_ops()) {
    const int tier = graph_tier(entry.group);
    if (tier < 1 || tier > o.tier) continue;
    const SampleSpec* spec = find_spec(std::string(entry.name));
    if (spec && spec->grow) vocab.push_back(spec);
  }
  for (const auto& name : o.extra_ops)
    if (const SampleSpec* spec = find_spec(name); spec && spec->grow) vocab.push_back(spec);
  return vocab;
}

namespace {

// The grown values (pool entries after the first `skip`) that no node of
// the graph consumes, in growth order. Grow functions may add nodes that
// are not in the pool (mean builds several), so consumers are found by
// walking every producer reachable from the pool.
std::vector<VarRef> unconsumed(const std::vector<VarRef>& pool, size_t skip) {
  std::set<const Variable*> consumed;
  std::set<const Node*> seen;
  std::vector<const Node*> work;
  for (const auto& v : pool)
    if (v->owner) work.push_back(v->owner);
  while (!work.empty()) {
    const Node* n = work.back();
    work.pop_back();
    if (!seen.insert(n).second) continue;
    for (const auto& in : n->inputs) {
      consumed.insert(in.get());
      if (in->owner) work.push_back(in->owner);
    }
  }
  std::vector<VarRef> out;
  for (size_t i = skip; i < pool.size(); ++i)
    if (pool[i]->owner && !consumed.count(pool[i].get())) out.push_back(pool[i]);
  return out;
}

}  // namespace

rc::Gen<Case> random_graph(const GraphOptions& o) {
  return rc::gen::exec([o] {
    const auto vocab = graph_vocabulary(o);
    const std::vector<DType> dtypes = o.dtypes.empty() ? all_dtypes() : o.dtypes;
    const int n_inputs = *rc::gen::inRange(1, o.max_inputs + 1);
    // Inputs share a broadcast family, so any elementwise combination of
    // them is valid at run time, not only statically.
    ShapeLimits limits;
    limits.rank_at_nominal_size = true;
    const auto shapes = *broadcastable(n_inputs, limits);
    std::vector<VarRef> inputs, pool;
    std::vector<Tensor> values;
    for (int i = 0; i < n_inputs; ++i) {
      const DType t = *rc::gen::elementOf(dtypes);
      auto v = make_input("x" + std::to_string(i), TensorType{t, shapes[i].static_shape});
      inputs.push_back(v);
      pool.push_back(v);
      values.push_back(*tensor(t, shapes[i].shape));
    }
    if (*rc::gen::weightedElement<bool>({{3, false}, {1, true}}))
      pool.push_back(make_constant(*tensor(*rc::gen::elementOf(dtypes), {}), "k"));
    const int steps = vocab.empty() ? 0 : *rc::gen::inRange(1, o.max_nodes + 1);
    VarRef last;
    std::string ops;
    for (int s = 0; s < steps; ++s) {
      const SampleSpec* spec = *rc::gen::elementOf(vocab);
      if (VarRef v = spec->grow(pool)) {
        pool.push_back(v);
        last = v;
        ops += (ops.empty() ? "" : " ") + spec->op;
      }
    }
    std::vector<VarRef> outputs;
    outputs.push_back(last ? last : apply_op1("Identity", {inputs[0]}));
    // Every other grown value that nothing consumes becomes an output too
    // (up to a bound), so grown nodes stay in the graph instead of being
    // dropped as dead code; then a few random extra outputs (inputs,
    // constants, repeats: outputs the converter must still get right).
    const auto unused = unconsumed(pool, inputs.size());
    for (auto it = unused.rbegin(); it != unused.rend() && outputs.size() < 4; ++it)
      if (*it != outputs[0]) outputs.push_back(*it);
    const int extra = *rc::gen::inRange(0, o.max_outputs);
    for (int k = 0; k < extra; ++k) outputs.push_back(*rc::gen::elementOf(pool));
    for (size_t k = 0; k < outputs.size(); ++k)
      if (outputs[k]->name.empty() && outputs[k]->kind == VarKind::Intermediate) outputs[k]->name = "y" + std::to_string(k);
    Case c{std::make_shared<FunctionGraph>(inputs, outputs), std::move(values),
           "random tier-" + std::to_string(o.tier) + " graph: " + ops};
    return c;
  });
}

}  // namespace ptonnx::gen
