// Type inference of Pad (tier 5; pytensor rel-3.3.0 tensor/pad.py, a
// TensorSymbolicOp built by pt.pad(x, pad_width, mode, ...)).
//
// Inputs: x, pad_width (integer, broadcast to (ndim, 2) as
// np.broadcast_to), and one optional extra input by mode: constant_values
// (constant; absent = 0), end_values (linear_ramp; absent = 0),
// stat_length (maximum/minimum/mean; absent = None, the whole axis).
// Attributes: mode (constant, edge, linear_ramp, maximum, minimum, mean,
// wrap, symmetric, reflect; pt.pad raises NotImplementedError for median),
// reflect_type (symmetric/reflect only; "even", the default; "odd" raises
// NotImplementedError in pt.pad).
//
// The output dtype is a trap: every mode but wrap/symmetric/reflect starts
// from `zeros(new_shape)` (_symbolic_pad), whose dtype is floatX, and
// set_subtensor's x into it: pt.pad of an int8 or float32 array in those
// modes is floatX. wrap/symmetric/reflect take() from x and keep its
// dtype. Shape: before + dim + after per axis, known when pad_width is a
// constant and the dim is known.
#include "core/error.h"
#include "graph/ops/infer_helpers.h"

namespace ptonnx {
namespace {

bool gather_mode(const std::string& m) { return m == "wrap" || m == "symmetric" || m == "reflect"; }

// A (rows, cols) table broadcast like np.broadcast_to(v, (rows, cols)), or
// nullopt if the static shape cannot broadcast there.
bool broadcasts_to(const StaticShape& s, int64_t rows) {
  if (s.size() > 2) return false;
  const int64_t target[2] = {rows, 2};
  for (size_t i = 0; i < s.size(); ++i) {
    const int64_t want = target[2 - s.size() + i];
    if (s[i] && *s[i] != 1 && *s[i] != want) return false;
  }
  return true;
}

std::vector<TensorType> pad_out(const InferContext& c) {
  const std::string& mode = attr_string(c.attrs, "mode");
  const int64_t ndim = c.type(0).ndim();
  if (mode == "median") c.fail("Median padding not implemented (pt.pad raises NotImplementedError)");
  if (has_attr(c.attrs, "reflect_type")) {
    if (mode != "symmetric" && mode != "reflect")
      c.fail("Invalid keyword arguments for mode '" + mode + "': ['reflect_type']");
    const std::string& rt = attr_string(c.attrs, "reflect_type");
    if (rt == "odd") c.fail("Odd reflection not implemented (pt.pad raises NotImplementedError)");
    if (rt != "even") c.fail("reflect_type must be 'even' or 'odd', got '" + rt + "'");
  }
  const bool takes_extra = mode == "constant" || mode == "linear_ramp" || mode == "maximum" ||
                           mode == "minimum" || mode == "mean";
  if (c.inputs.size() == 3 && !takes_extra) c.fail("mode '" + mode + "' takes no third input");
  if (!is_integer(c.dtype(1))) c.fail("`pad_width` must be of integral type, got " + c.type(1).to_string());
  if (!broadcasts_to(c.type(1).shape, ndim))
    c.fail("pad_width of shape " + static_shape_to_string(c.type(1).shape) + " does not broadcast to (" +
           std::to_string(ndim) + ", 2)");
  if (c.inputs.size() == 3) {
    if (!broadcasts_to(c.type(2).shape, ndim))
      c.fail("the third input of shape " + static_shape_to_string(c.type(2).shape) + " does not broadcast to (" +
             std::to_string(ndim) + ", 2)");
    if (mode != "constant" && mode != "linear_ramp" && !is_integer(c.dtype(2)))
      c.fail("stat_length must be integral, got " + c.type(2).to_string());
  }
  StaticShape s = c.type(0).shape;
  const auto& pw = c.inputs[1]->value;
  for (int64_t d = 0; d < ndim; ++d) {
    StaticDim& dim = s[static_cast<size_t>(d)];
    if (!pw) {
      dim = std::nullopt;
      continue;
    }
    // np.broadcast_to(pw, (ndim, 2))[d]: the flat index of (d, k) in pw.
    auto width = [&](int64_t k) {
      const Shape& ps = pw->shape();
      int64_t i = 0;
      if (ps.size() == 1) i = ps[0] == 1 ? 0 : k;
      if (ps.size() == 2) i = (ps[0] == 1 ? 0 : d) * ps[1] + (ps[1] == 1 ? 0 : k);
      return pw->get_as_int64(i);
    };
    const int64_t before = width(0), after = width(1);
    if (before < 0 || after < 0) c.fail("index can't contain negative values (pad_width)");
    if (dim) dim = before + *dim + after;
  }
  return infer::one(gather_mode(mode) ? c.dtype(0) : floatX(), s);
}

const OpSchemaRegistrar kPad(OpSchema{"Pad",
                                      2,
                                      3,
                                      {{"mode",
                                        AttrKind::String,
                                        true,
                                        {"constant", "edge", "linear_ramp", "maximum", "minimum", "mean", "median",
                                         "wrap", "symmetric", "reflect"}},
                                       {"reflect_type", AttrKind::String}},
                                      pad_out,
                                      "pt.pad(x, pad_width, mode, ...): np.pad as PyTensor's pad.py builds it"});

}  // namespace
}  // namespace ptonnx
