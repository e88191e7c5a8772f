#include "graph/builder_subtensor.h"

#include <charconv>

#include "core/error.h"

namespace ptonnx {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t from = 0;
  for (size_t at = s.find(sep); at != std::string::npos; at = s.find(sep, from)) {
    out.push_back(s.substr(from, at - from));
    from = at + 1;
  }
  out.push_back(s.substr(from));
  return out;
}

// "" -> None, "-3" -> Const, "$2" -> Input 2 (which must be the next one).
IndexBound parse_bound(const std::string& raw, size_t& next_input, const std::string& text) {
  const std::string s = trim(raw);
  IndexBound b;
  if (s.empty()) return b;
  const bool input = s[0] == '$';
  const char* first = s.data() + (input ? 1 : 0);
  const char* last = s.data() + s.size();
  int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || ptr != last || first == last)
    throw TypeError("idx_list '" + text + "': '" + s + "' is neither an integer nor $k");
  if (input) {
    if (v != static_cast<int64_t>(next_input))
      throw TypeError("idx_list '" + text + "': index inputs must be used once each, in order; expected $" +
                      std::to_string(next_input) + ", got " + s);
    ++next_input;
  }
  b.kind = input ? IndexBound::Kind::Input : IndexBound::Kind::Const;
  b.value = v;
  return b;
}

std::string format_bound(const IndexBound& b) {
  switch (b.kind) {
    case IndexBound::Kind::None: return "";
    case IndexBound::Kind::Const: return std::to_string(b.value);
    case IndexBound::Kind::Input: return "$" + std::to_string(b.value);
  }
  return "";
}

}  // namespace

std::vector<IndexEntry> parse_index_list(const std::string& text, std::optional<size_t> n_inputs) {
  std::vector<IndexEntry> entries;
  size_t next_input = 0;
  if (!trim(text).empty()) {
    for (const std::string& part : split(text, ',')) {
      const auto pieces = split(part, ':');
      IndexEntry e;
      if (pieces.size() == 1) {
        e.index = parse_bound(pieces[0], next_input, text);
        if (e.index.kind == IndexBound::Kind::None) throw TypeError("idx_list '" + text + "': empty entry");
      } else if (pieces.size() <= 3) {
        e.is_slice = true;
        e.start = parse_bound(pieces[0], next_input, text);
        e.stop = parse_bound(pieces[1], next_input, text);
        if (pieces.size() == 3) e.step = parse_bound(pieces[2], next_input, text);
      } else {
        throw TypeError("idx_list '" + text + "': a slice has at most three parts");
      }
      entries.push_back(e);
    }
  }
  if (n_inputs && *n_inputs != next_input)
    throw TypeError("idx_list '" + text + "' names " + std::to_string(next_input) + " index inputs, the node has " +
                    std::to_string(*n_inputs));
  return entries;
}

std::string format_index_list(const std::vector<IndexEntry>& entries) {
  std::string out;
  for (size_t i = 0; i < entries.size(); ++i) {
    const IndexEntry& e = entries[i];
    if (i) out += ",";
    if (!e.is_slice) {
      out += format_bound(e.index);
      continue;
    }
    out += format_bound(e.start) + ":" + format_bound(e.stop);
    if (e.step.kind != IndexBound::Kind::None) out += ":" + format_bound(e.step);
  }
  return out;
}

SliceIndices python_slice_indices(std::optional<int64_t> a, std::optional<int64_t> b, int64_t k, int64_t n) {
  auto adjust = [&](std::optional<int64_t> v, int64_t absent) {
    if (!v) return absent;
    int64_t x = *v;
    if (x < 0) {
      x += n;
      if (x < 0) x = k < 0 ? -1 : 0;
    } else if (x >= n) {
      x = k < 0 ? n - 1 : n;
    }
    return x;
  };
  if (k == 0) throw TypeError("slice step cannot be zero");
  if (n < 0) throw TypeError("negative dim " + std::to_string(n) + " in a slice");
  SliceIndices r;
  r.start = adjust(a, k < 0 ? n - 1 : 0);
  const int64_t e = adjust(b, k < 0 ? -1 : n);
  // |k| in unsigned arithmetic: -INT64_MIN overflows int64.
  const uint64_t step = k > 0 ? static_cast<uint64_t>(k) : static_cast<uint64_t>(-(k + 1)) + 1;
  if (k > 0) r.count = e > r.start ? static_cast<int64_t>(static_cast<uint64_t>(e - r.start - 1) / step) + 1 : 0;
  else r.count = r.start > e ? static_cast<int64_t>(static_cast<uint64_t>(r.start - e - 1) / step) + 1 : 0;
  return r;
}

}  // namespace ptonnx

namespace ptonnx::pt {
namespace {

// `base`: the node inputs before the index inputs (x, or x and y).
IndexBound encode(const Bound& b, std::vector<VarRef>& inputs, size_t base) {
  IndexBound out;
  if (b.var) {
    out.kind = IndexBound::Kind::Input;
    out.value = static_cast<int64_t>(inputs.size() - base);
    inputs.push_back(b.var);
  } else if (b.value) {
    out.kind = IndexBound::Kind::Const;
    out.value = *b.value;
  }
  return out;
}

// The idx_list string and the index inputs of a basic index.
std::string encode_index(const std::vector<Idx>& index, std::vector<VarRef>& inputs) {
  std::vector<IndexEntry> entries;
  const size_t base = inputs.size();
  for (const Idx& i : index) {
    IndexEntry e;
    e.is_slice = i.is_slice;
    if (!i.is_slice) {
      if (i.index.absent()) throw TypeError("pt::idx: an integer index needs a value or a variable");
      e.index = encode(i.index, inputs, base);
    } else {
      e.start = encode(i.start, inputs, base);
      e.stop = encode(i.stop, inputs, base);
      e.step = encode(i.step, inputs, base);
    }
    entries.push_back(e);
  }
  return format_index_list(entries);
}

VarRef inc_like(VarRef x, VarRef y, const std::vector<Idx>& index, bool set) {
  std::vector<VarRef> inputs{std::move(x), std::move(y)};
  const std::string text = encode_index(index, inputs);
  return apply_op1("IncSubtensor", std::move(inputs),
                   {{"idx_list", text}, {"set_instead_of_inc", int64_t{set ? 1 : 0}}});
}

}  // namespace

Idx idx(Bound i) { return Idx{false, std::move(i), {}, {}, {}}; }
Idx slice(Bound start, Bound stop, Bound step) {
  return Idx{true, {}, std::move(start), std::move(stop), std::move(step)};
}

VarRef subtensor(VarRef x, const std::vector<Idx>& index) {
  std::vector<VarRef> inputs{std::move(x)};
  const std::string text = encode_index(index, inputs);
  return apply_op1("Subtensor", std::move(inputs), {{"idx_list", text}});
}
VarRef set_subtensor(VarRef x, VarRef y, const std::vector<Idx>& index) {
  return inc_like(std::move(x), std::move(y), index, true);
}
VarRef inc_subtensor(VarRef x, VarRef y, const std::vector<Idx>& index) {
  return inc_like(std::move(x), std::move(y), index, false);
}
VarRef advanced_subtensor1(VarRef x, VarRef i) { return apply_op1("AdvancedSubtensor1", {std::move(x), std::move(i)}); }
VarRef advanced_set_subtensor1(VarRef x, VarRef y, VarRef i) {
  return apply_op1("AdvancedIncSubtensor1", {std::move(x), std::move(y), std::move(i)},
                   {{"set_instead_of_inc", int64_t{1}}});
}
VarRef advanced_inc_subtensor1(VarRef x, VarRef y, VarRef i) {
  return apply_op1("AdvancedIncSubtensor1", {std::move(x), std::move(y), std::move(i)},
                   {{"set_instead_of_inc", int64_t{0}}});
}

}  // namespace ptonnx::pt
