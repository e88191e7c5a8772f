// pt:: builders of the CNN ops (part 1): Conv2D, BatchNormalization, SiLU.
//
//   auto y = pt::conv2d(x, w);                          // valid, no stride
//   auto z = pt::conv2d(x, w, {.border_mode = "half", .subsample = {2, 2}});
//   auto p = pt::conv2d(x, w, {.pads = {1, 2}});        // border_mode (1, 2)
//   auto b = pt::batch_norm(x, gamma, beta, mean, var, 1e-3);
//   auto s = pt::silu(x);
#pragma once

#include <string>
#include <vector>

#include "graph/graph.h"

namespace ptonnx::pt {

struct Conv2DOptions {
  std::string border_mode = "valid";  // valid, full, half; ignored when pads is set
  std::vector<int64_t> pads = {};     // (rows, cols) or (top, bottom, left, right)
  std::vector<int64_t> subsample = {1, 1};
  std::vector<int64_t> filter_dilation = {1, 1};
  int64_t num_groups = 1;
  bool filter_flip = true;
};

// conv2d(input NCHW, filters OIHW): a true convolution in input's dtype.
VarRef conv2d(VarRef x, VarRef kernel, const Conv2DOptions& o = {});
// batch_normalization_test with axes='spatial': per-channel parameters (1-D).
VarRef batch_norm(VarRef x, VarRef gamma, VarRef beta, VarRef mean, VarRef var, double epsilon = 1e-4);
// x * sigmoid(x) in upgrade_to_float(x).
VarRef silu(VarRef x);

}  // namespace ptonnx::pt
