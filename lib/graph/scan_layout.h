// The layout of an IR Scan node: which outer input is n_steps, a sequence,
// an initial state or a non-sequence, and which inner-graph input is which
// tap. Pure structure read from the node's attributes (no semantics), so
// the type inference, the converter, the oracle and the generators all read
// the node the same way.
//
// The IR Scan models what `pytensor.scan()` returns, in the user's order:
//
//   outer inputs:  [n_steps]? sequences... initial_states... non_sequences...
//   inner inputs:  one per (sequence, tap), in sequence order, taps as given;
//                  one per (state, tap), in output order, taps as given;
//                  the non-sequences.
//   inner outputs: one per output, in outputs_info order; with `as_while`,
//                  then the 0-d `until` condition (the loop stops after
//                  the first step where it is != 0).
//   outer outputs: one per output: the trace of every step (for a state,
//                  without its initial taps).
//
// Attributes: `sequence_taps` (flat) with `sequence_tap_counts` (one count
// per sequence); `output_taps` (flat) with `output_tap_counts` (one count
// per outputs_info entry: 0 = nit-sot (None), [-1] = sit-sot, else mit-sot);
// `has_n_steps` (0/1); `go_backwards` (0/1); `as_while` (0/1: the step
// also returns PyTensor's `until` condition); `truncate_gradient` and `mode`
// are accepted and ignored, as they do not change the forward values.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/graph.h"

namespace ptonnx {

enum class ScanOutputKind { NitSot, SitSot, MitSot };

struct ScanLayout {
  bool has_n_steps = false;
  bool go_backwards = false;
  bool as_while = false;                            // the step's last output is the until condition
  std::vector<std::vector<int64_t>> sequence_taps;  // per sequence
  std::vector<std::vector<int64_t>> output_taps;    // per output ({} = nit-sot)
  size_t num_non_sequences = 0;

  size_t num_sequences() const { return sequence_taps.size(); }
  size_t num_outputs() const { return output_taps.size(); }
  ScanOutputKind kind(size_t output) const;
  // Outputs with taps (sit-sot and mit-sot) have an initial state input.
  size_t num_states() const;

  // Outer input indices.
  size_t n_steps_input() const { return 0; }  // valid when has_n_steps
  size_t sequence_input(size_t s) const { return (has_n_steps ? 1 : 0) + s; }
  // The outer input holding output o's initial state (o must have taps).
  size_t state_input(size_t output) const;
  size_t non_sequence_input(size_t k) const { return sequence_input(num_sequences()) + num_states() + k; }
  size_t num_outer_inputs() const { return non_sequence_input(num_non_sequences); }

  // Inner input indices.
  size_t inner_sequence_input(size_t s, size_t tap_index) const;
  size_t inner_state_input(size_t output, size_t tap_index) const;
  size_t inner_non_sequence_input(size_t k) const;
  size_t num_inner_inputs() const { return inner_non_sequence_input(num_non_sequences); }

  // Reads the attributes of a Scan node with `num_inputs` outer inputs.
  // Throws TypeError saying what is malformed.
  static ScanLayout from_attrs(const Attributes& attrs, size_t num_inputs);
  // The attributes that describe this layout (for builders and generators).
  Attributes to_attrs() const;
};

}  // namespace ptonnx
