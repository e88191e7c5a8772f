// Mutation operators on constants: initializers and the `value` tensor of
// Constant and ConstantOfShape nodes, nudged by one, by one ulp or with
// their sign flipped. These are the converter's baked-in numbers: a Slice
// bound or step, a Split size, a Reshape target, an epsilon, a fill value,
// an offset of an index computation. An off-by-one there is the most
// common conversion bug, so integer constants of up to four elements get
// a mutant per element.
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <set>
#include <type_traits>

#include "core/dtype.h"
#include "core/tensor.h"
#include "core/tensor_proto.h"
#include "suites/harness/mutants.h"

namespace ptonnx::harness::mutate {
namespace {

constexpr int64_t kPerElementLimit = 4;

// One change of a tensor's values; false when it cannot apply.
using Edit = std::function<bool(Tensor&)>;

template <typename S>
void add_one(S& v) {
  if constexpr (std::is_same_v<S, uint8_t> || std::is_same_v<S, uint16_t>)
    v = static_cast<S>(v + 1);
  else
    v = v + 1;
}

// Element i += delta (floats: in value, float16 through its bits' value).
Edit add_to_element(int64_t i, int delta) {
  return [i, delta](Tensor& t) {
    if (i >= t.numel()) return false;
    if (t.dtype() == DType::Bool) return false;
    if (is_float(t.dtype())) {
      t.set_from_double(i, t.get_as_double(i) + delta);
      return true;
    }
    return visit_dtype(t.dtype(), [&](auto tag) {
      using S = storage_t<decltype(tag)::value>;
      if constexpr (std::is_integral_v<S>) {
        auto d = t.data<S>();
        d[static_cast<size_t>(i)] = static_cast<S>(d[static_cast<size_t>(i)] + static_cast<S>(delta));
        return true;
      }
      return false;
    });
  };
}

// Element 0 moved one ulp away from zero (its bit pattern + 1); for a zero,
// the smallest subnormal.
Edit one_ulp() {
  return [](Tensor& t) {
    if (t.numel() == 0 || !is_float(t.dtype())) return false;
    if (!std::isfinite(t.get_as_double(0))) return false;
    return visit_dtype(t.dtype(), [&](auto tag) {
      using S = storage_t<decltype(tag)::value>;
      auto d = t.data<S>();
      if constexpr (std::is_same_v<S, uint16_t>) {
        d[0] = static_cast<uint16_t>(d[0] + 1);
      } else if constexpr (std::is_floating_point_v<S>) {
        d[0] =
            std::nextafter(d[0], d[0] < 0 ? -std::numeric_limits<S>::infinity() : std::numeric_limits<S>::infinity());
      }
      return true;
    });
  };
}

// Every element negated (a sign flip); refused for an all-zero tensor,
// where it would only flip zero signs.
Edit negate() {
  return [](Tensor& t) {
    bool nonzero = false;
    for (int64_t i = 0; i < t.numel(); ++i) nonzero = nonzero || t.get_as_double(i) != 0.0;
    if (!nonzero || is_unsigned_integer(t.dtype()) || t.dtype() == DType::Bool) return false;
    return visit_dtype(t.dtype(), [&](auto tag) {
      using S = storage_t<decltype(tag)::value>;
      auto d = t.data<S>();
      for (auto& v : d) {
        if constexpr (std::is_same_v<S, uint16_t>)
          v = static_cast<uint16_t>(v ^ 0x8000u);  // float16: the sign bit
        else if constexpr (std::is_integral_v<S> && std::is_signed_v<S>)
          v = static_cast<S>(-static_cast<std::make_unsigned_t<S>>(v));  // INT_MIN wraps to itself, no UB
        else if constexpr (std::is_signed_v<S>)
          v = -v;
      }
      return true;
    });
  };
}

Edit flip_bool() {
  return [](Tensor& t) {
    if (t.dtype() != DType::Bool || t.numel() == 0) return false;
    auto d = t.data<uint8_t>();
    d[0] = d[0] ? 0 : 1;
    return true;
  };
}

// The edits of a tensor of this dtype and size, with their descriptions.
std::vector<std::pair<std::string, Edit>> edits_for(const Tensor& t) {
  std::vector<std::pair<std::string, Edit>> v;
  if (t.numel() == 0) return v;
  if (t.dtype() == DType::Bool) return {{"element 0 flipped", flip_bool()}};
  if (is_float(t.dtype())) {
    v.push_back({"element 0 += 1", add_to_element(0, 1)});
    if (std::isfinite(t.get_as_double(0))) v.push_back({"element 0 one ulp away from zero", one_ulp()});
  } else {
    const int64_t n = t.numel() <= kPerElementLimit ? t.numel() : 1;
    for (int64_t i = 0; i < n; ++i) v.push_back({"element " + std::to_string(i) + " += 1", add_to_element(i, 1)});
    v.push_back({"element 0 -= 1", add_to_element(0, -1)});
  }
  Tensor probe = t;
  if (negate()(probe)) v.push_back({"negated", negate()});
  return v;
}

// Applies `edit` to a TensorProto in place, keeping its name; false when
// the proto is not of the dtype the mutant was made for. Its shape may
// differ: another case's constant (a longer Reshape target) is still the
// same constant of the same conversion.
bool edit_proto(onnx::TensorProto& p, DType dtype, const Edit& edit) {
  Tensor t;
  try {
    t = from_tensor_proto(p);
  } catch (const std::exception&) {
    return false;
  }
  if (t.dtype() != dtype || !edit(t)) return false;
  p = to_tensor_proto(t, ProtoEncoding::Raw, p.name());
  return true;
}

onnx::TensorProto* value_attr(onnx::NodeProto& n) {
  for (auto& a : *n.mutable_attribute())
    if (a.name() == "value" && a.type() == onnx::AttributeProto::TENSOR) return a.mutable_t();
  return nullptr;
}

// Every value name a node reads, in the graph and in its subgraphs (which
// may read outer-scope values), and the graph outputs.
void collect_used(const onnx::GraphProto& g, std::set<std::string>& used) {
  for (const auto& n : g.node()) {
    for (const auto& in : n.input()) used.insert(in);
    for (const auto& a : n.attribute()) {
      if (a.has_g()) collect_used(a.g(), used);
      for (const auto& sub : a.graphs()) collect_used(sub, used);
    }
  }
  for (const auto& o : g.output()) used.insert(o.name());
}

}  // namespace

void constant_nudges(const onnx::GraphProto& g, std::vector<Mutant>& out) {
  // An initializer nothing reads (a graph constant the converter folded
  // away) cannot change a result: its mutants would all be equivalent.
  std::set<std::string> used;
  collect_used(g, used);
  for (int k = 0; k < g.initializer_size(); ++k) {
    if (!used.count(g.initializer(k).name())) continue;
    Tensor t;
    try {
      t = from_tensor_proto(g.initializer(k));
    } catch (const std::exception&) {
      continue;  // external data or an exotic type: not nudged
    }
    const std::string describe = t.describe();
    for (auto& [what, edit] : edits_for(t))
      out.push_back({"constant", "initializer#" + std::to_string(k) + " (" + describe + ") " + what,
                     [k, dtype = t.dtype(), edit](onnx::ModelProto& m) {
                       if (k >= m.graph().initializer_size()) return false;
                       return edit_proto(*m.mutable_graph()->mutable_initializer(k), dtype, edit);
                     }});
  }
  std::map<std::string, int> seen;
  for (const auto& n : g.node()) {
    const int k = seen[n.op_type()]++;
    onnx::NodeProto copy = n;
    const onnx::TensorProto* p = value_attr(copy);
    if (!p) continue;
    Tensor t;
    try {
      t = from_tensor_proto(*p);
    } catch (const std::exception&) {
      continue;
    }
    const std::string describe = t.describe(), op = n.op_type();
    for (auto& [what, edit] : edits_for(t))
      out.push_back({"constant", node_label(op, k) + " value (" + describe + ") " + what,
                     [op, k, dtype = t.dtype(), edit](onnx::ModelProto& m) {
                       onnx::NodeProto* node = find_node(m, op, k);
                       onnx::TensorProto* v = node ? value_attr(*node) : nullptr;
                       return v && edit_proto(*v, dtype, edit);
                     }});
  }
}

}  // namespace ptonnx::harness::mutate
