// Conv2D's attributes read once for the IR's type inference and the
// converter (both in lib/; the oracle has its own reading). Models
// pytensor.tensor.conv.abstract_conv (removed in a0ee9a440; read at its
// parent): border_mode 'valid' / 'full' / 'half' or explicit pads,
// subsample, filter_dilation, num_groups, filter_flip.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "graph/attributes.h"

namespace ptonnx::conv {

struct Params {
  std::string border_mode = "valid";  // valid, full, half or pads
  std::array<int64_t, 4> pads{};      // (top, bottom, left, right) after resolving border_mode
  std::array<int64_t, 2> subsample{1, 1};
  std::array<int64_t, 2> dilation{1, 1};
  int64_t groups = 1;
  bool flip = true;
};

// get_conv_shape_1axis: the dilated kernel extent (k - 1) * d + 1.
inline int64_t dilated(int64_t k, int64_t d) { return (k - 1) * d + 1; }

// Reads the attributes; `kh`, `kw` are the kernel's spatial dims, needed
// by 'full' and 'half' (pass 1 when unknown and ignore the pads). Returns
// an error message (empty when valid).
inline std::string read(const Attributes& a, int64_t kh, int64_t kw, Params& p) {
  if (has_attr(a, "border_mode")) p.border_mode = attr_string(a, "border_mode");
  const auto pair = [&](const char* name, std::array<int64_t, 2>& dst) -> std::string {
    if (!has_attr(a, name)) return "";
    const auto& v = attr_ints(a, name);
    if (v.size() != 2) return std::string(name) + " must have 2 values (rows, cols)";
    if (v[0] < 1 || v[1] < 1) return std::string(name) + " must be >= 1";
    dst = {v[0], v[1]};
    return "";
  };
  if (std::string e = pair("subsample", p.subsample); !e.empty()) return e;
  if (std::string e = pair("filter_dilation", p.dilation); !e.empty()) return e;
  if (has_attr(a, "num_groups")) p.groups = attr_int(a, "num_groups");
  if (p.groups < 1) return "num_groups must be >= 1";
  if (has_attr(a, "filter_flip")) p.flip = attr_int(a, "filter_flip") != 0;
  const int64_t dh = dilated(kh, p.dilation[0]), dw = dilated(kw, p.dilation[1]);
  if (p.border_mode == "valid") {
    p.pads = {0, 0, 0, 0};
  } else if (p.border_mode == "full") {
    p.pads = {dh - 1, dh - 1, dw - 1, dw - 1};
  } else if (p.border_mode == "half") {
    p.pads = {dh / 2, dh / 2, dw / 2, dw / 2};
  } else if (p.border_mode == "pads") {
    // (int, int) is symmetric per axis; ((l, r), (l, r)) asymmetric.
    if (!has_attr(a, "pads")) return "border_mode 'pads' needs the pads attribute";
    const auto& v = attr_ints(a, "pads");
    if (v.size() == 2)
      p.pads = {v[0], v[0], v[1], v[1]};
    else if (v.size() == 4)
      p.pads = {v[0], v[1], v[2], v[3]};
    else
      return "pads must have 2 (rows, cols) or 4 (top, bottom, left, right) values";
    for (int64_t x : p.pads)
      if (x < 0) return "border_mode must be >= 0";
  } else {
    return "border_mode must be 'valid', 'full', 'half' or 'pads', got '" + p.border_mode + "'";
  }
  return "";
}

// get_conv_shape_1axis: (in + pad_l + pad_r - dilated kernel) // subsample + 1
// (floor division: the last partial window is dropped).
inline int64_t out_dim(int64_t in, int64_t k, int64_t pad_l, int64_t pad_r, int64_t s, int64_t d) {
  const int64_t span = in + pad_l + pad_r - dilated(k, d);
  return span < 0 ? span : span / s + 1;  // negative: kernel larger than the padded input
}

}  // namespace ptonnx::conv
