#include "graph/scan_layout.h"

#include <numeric>

#include "core/error.h"

namespace ptonnx {
namespace {

std::vector<int64_t> ints_or_empty(const Attributes& a, const std::string& name) {
  return has_attr(a, name) ? attr_ints(a, name) : std::vector<int64_t>{};
}

// Splits a flat tap list by per-entry counts.
std::vector<std::vector<int64_t>> split_taps(const std::vector<int64_t>& flat, const std::vector<int64_t>& counts,
                                             const std::string& what) {
  std::vector<std::vector<int64_t>> out;
  size_t at = 0;
  for (int64_t c : counts) {
    if (c < 0) throw TypeError("Scan: " + what + "_tap_counts has a negative count " + std::to_string(c));
    if (at + static_cast<size_t>(c) > flat.size())
      throw TypeError("Scan: " + what + "_tap_counts sums to more than the " + std::to_string(flat.size()) +
                      " entries of " + what + "_taps");
    out.emplace_back(flat.begin() + static_cast<std::ptrdiff_t>(at),
                     flat.begin() + static_cast<std::ptrdiff_t>(at + c));
    at += static_cast<size_t>(c);
  }
  if (at != flat.size())
    throw TypeError("Scan: " + what + "_taps has " + std::to_string(flat.size()) + " entries but " + what +
                    "_tap_counts sums to " + std::to_string(at));
  return out;
}

}  // namespace

ScanOutputKind ScanLayout::kind(size_t output) const {
  const auto& taps = output_taps.at(output);
  if (taps.empty()) return ScanOutputKind::NitSot;
  if (taps.size() == 1 && taps[0] == -1) return ScanOutputKind::SitSot;
  return ScanOutputKind::MitSot;
}

size_t ScanLayout::num_states() const {
  size_t n = 0;
  for (const auto& t : output_taps) n += t.empty() ? 0 : 1;
  return n;
}

size_t ScanLayout::state_input(size_t output) const {
  size_t k = 0;
  for (size_t o = 0; o < output; ++o) k += output_taps[o].empty() ? 0 : 1;
  return sequence_input(num_sequences()) + k;
}

size_t ScanLayout::inner_sequence_input(size_t s, size_t tap_index) const {
  size_t k = 0;
  for (size_t i = 0; i < s; ++i) k += sequence_taps[i].size();
  return k + tap_index;
}

size_t ScanLayout::inner_state_input(size_t output, size_t tap_index) const {
  size_t k = inner_sequence_input(num_sequences(), 0);
  for (size_t o = 0; o < output; ++o) k += output_taps[o].size();
  return k + tap_index;
}

size_t ScanLayout::inner_non_sequence_input(size_t k) const { return inner_state_input(num_outputs(), 0) + k; }

ScanLayout ScanLayout::from_attrs(const Attributes& attrs, size_t num_inputs) {
  ScanLayout l;
  l.has_n_steps = has_attr(attrs, "has_n_steps") && attr_int(attrs, "has_n_steps") != 0;
  l.go_backwards = has_attr(attrs, "go_backwards") && attr_int(attrs, "go_backwards") != 0;
  l.as_while = has_attr(attrs, "as_while") && attr_int(attrs, "as_while") != 0;
  l.sequence_taps =
      split_taps(ints_or_empty(attrs, "sequence_taps"), ints_or_empty(attrs, "sequence_tap_counts"), "sequence");
  l.output_taps = split_taps(ints_or_empty(attrs, "output_taps"), ints_or_empty(attrs, "output_tap_counts"), "output");
  const size_t fixed = l.sequence_input(l.num_sequences()) + l.num_states();
  if (num_inputs < fixed)
    throw TypeError("Scan: the layout needs " + std::to_string(fixed) + " outer inputs (" +
                    (l.has_n_steps ? "n_steps, " : "") + std::to_string(l.num_sequences()) + " sequence(s), " +
                    std::to_string(l.num_states()) + " initial state(s)), got " + std::to_string(num_inputs));
  l.num_non_sequences = num_inputs - fixed;
  return l;
}

Attributes ScanLayout::to_attrs() const {
  Attributes a;
  auto flatten = [&](const std::vector<std::vector<int64_t>>& taps, const std::string& what) {
    std::vector<int64_t> flat, counts;
    for (const auto& t : taps) {
      counts.push_back(static_cast<int64_t>(t.size()));
      flat.insert(flat.end(), t.begin(), t.end());
    }
    a[what + "_taps"] = flat;
    a[what + "_tap_counts"] = counts;
  };
  flatten(sequence_taps, "sequence");
  flatten(output_taps, "output");
  a["has_n_steps"] = int64_t{has_n_steps ? 1 : 0};
  a["go_backwards"] = int64_t{go_backwards ? 1 : 0};
  if (as_while) a["as_while"] = int64_t{1};
  return a;
}

}  // namespace ptonnx
