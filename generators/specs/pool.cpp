// Sample specs of the CNN group's pooling ops: MaxPool, AveragePool
// (pool_2d), GlobalAveragePool and GlobalMaxPool (x.mean / x.max over axes
// 2 and 3).
//
// What the generators reach: NCHW inputs (MaxPool/AveragePool also rank 2,
// 3 and 5) with N 1..2, C 1..8, odd and even spatial dims 1..7; windows
// 1..4 on each dim, so often larger than the input; strides 1..4 or absent
// (= ws), so ignore_border=False leaves partial windows and stride > ws
// skips cells; pad 0..ws-1 with ignore_border=True (PyTensor refuses it
// otherwise), including windows larger than the padded input (an empty
// output). Leading dims are randomly unknown; the pooled dims are static
// (the converter needs them; documented in lib/convert/ops/pool.cpp).
// Values: MaxPool and GlobalMaxPool the full edge-value domain (NaN, +-inf,
// integer extremes); the averages whole numbers (cnn_shapes.h) with NaN and
// infinities, whose sums are exact in any order.
#include "core/error.h"
#include "generators/specs/cnn_shapes.h"
#include "graph/builder.h"

namespace ptonnx::gen {
namespace {

Attributes pool_attrs(bool average) {
  Attributes a;
  const bool ignore_border = *rc::gen::arbitrary<bool>();
  std::vector<int64_t> ws, stride, pad;
  for (int i = 0; i < 2; ++i) {
    ws.push_back(*rc::gen::inRange<int64_t>(1, 5));
    stride.push_back(*rc::gen::inRange<int64_t>(1, 5));
    pad.push_back(ignore_border ? *rc::gen::inRange<int64_t>(0, ws.back()) : 0);
  }
  a["ws"] = ws;
  a["ignore_border"] = int64_t{ignore_border ? 1 : 0};
  if (*rc::gen::weightedElement<bool>({{3, true}, {1, false}})) a["stride"] = stride;
  if (ignore_border && *rc::gen::weightedElement<bool>({{2, true}, {1, false}})) a["pad"] = pad;
  if (average) a["mode"] = std::string(*rc::gen::arbitrary<bool>() ? "average_inc_pad" : "average_exc_pad");
  return a;
}

rc::Gen<Case> pool_case(const std::string& op, DType t) {
  return rc::gen::exec([op, t] {
    const bool average = op == "AveragePool";
    const Shape shape = cnn::nchw(true);
    OpRecipe r{op, {}, pool_attrs(average)};
    const Tensor x = average ? *tensor(t, shape, cnn::whole_numbers()) : *tensor(t, shape);
    r.inputs.push_back(InputRecipe{x, cnn::spatial_known(shape), false});
    return build_case(r);
  });
}

rc::Gen<Case> global_case(const std::string& op, DType t) {
  return rc::gen::exec([op, t] {
    const Shape shape = cnn::nchw(false);
    const bool average = op == "GlobalAveragePool";
    const Tensor x = average && is_float(t) ? *tensor(t, shape, cnn::whole_numbers()) : *tensor(t, shape);
    OpRecipe r{op, {}, {}};
    r.inputs.push_back(InputRecipe{x, *static_view(shape), false});
    return build_case(r);
  });
}

bool wide_int(DType t) { return t == DType::Int64 || t == DType::UInt64; }

SampleSpec pool_spec(const std::string& op) {
  SampleSpec s;
  s.op = op;
  const bool average = op == "AveragePool";
  for (DType t : all_dtypes())
    if (t != DType::Bool && (!average || is_float(t))) s.dtypes.push_back(t);
  s.gen = [op](DType t) { return pool_case(op, t); };
  if (!average)
    s.unsupported.push_back(KnownUnsupported{
        [](DType t, int) { return wide_int(t); }, UnsupportedCategory::NotBuilt,
        "ONNX MaxPool takes floats and int8/uint8 only and float64 cannot hold every int64/uint64; an exact form "
        "(a Max over strided Slices) is not built"});
  s.grow = [op, average](const std::vector<VarRef>& pool) -> VarRef {
    VarRef x =
        cnn::pick_nchw(pool, [average](DType t) { return average ? is_float(t) : t != DType::Bool && !wide_int(t); });
    if (!x) return nullptr;
    try {
      return apply_op1(op, {x}, pool_attrs(average));
    } catch (const TypeError&) {
      return nullptr;
    }
  };
  s.domain_notes = average ? "whole numbers with NaN/inf (exact sums: ONNX leaves the summation order open); "
                             "floats only (perform truncates an integer average back into the integer dtype)"
                           : "none (NaN, infinities and integer extremes included); bool not modelled";
  return s;
}

SampleSpec global_spec(const std::string& op) {
  SampleSpec s;
  s.op = op;
  const bool average = op == "GlobalAveragePool";
  for (DType t : all_dtypes())
    if (average || t != DType::Bool) s.dtypes.push_back(t);
  s.gen = [op](DType t) { return global_case(op, t); };
  if (average)
    s.unsupported.push_back(KnownUnsupported{
        [](DType t, int) { return wide_int(t); }, UnsupportedCategory::NotBuilt,
        "PyTensor's int64/uint64 sum wraps, GlobalAveragePool runs in float64 and rounds; a wrapping ReduceSum form "
        "is not built"});
  s.grow = [op, average](const std::vector<VarRef>& pool) -> VarRef {
    VarRef x = cnn::pick_nchw(pool, [average](DType t) { return average ? !wide_int(t) : t != DType::Bool; });
    return x ? apply_op1(op, {x}, {}) : nullptr;
  };
  s.domain_notes = average ? "float inputs are whole numbers with NaN/inf (exact sums in any order)"
                           : "none; an empty spatial extent raises in PyTensor (not generated: H, W >= 1)";
  return s;
}

const SampleSpecRegistrar kMaxPool(pool_spec("MaxPool"));
const SampleSpecRegistrar kAveragePool(pool_spec("AveragePool"));
const SampleSpecRegistrar kGlobalAveragePool(global_spec("GlobalAveragePool"));
const SampleSpecRegistrar kGlobalMaxPool(global_spec("GlobalMaxPool"));

}  // namespace
}  // namespace ptonnx::gen
