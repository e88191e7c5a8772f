// ExtractDiag (tensor/basic.py; np.diagonal) with dynamic dims, any rank,
// any dtype:
//   t    = Transpose(x, others + [axis1, axis2])          (..., n1, n2)
//   i    = Range(0, L, 1), L = max(0, min(n1 - r0, n2 - c0))
//   rows = Gather(t, i + r0, axis=-2)                      (..., L, n2)
//   cols = Expand(Unsqueeze(i + c0, -1), lead + [L, 1])    (..., L, 1)
//   out  = Squeeze(GatherElements(rows, cols, axis=-1), -1)
// with r0 = max(0, -offset), c0 = max(0, offset) (np.diagonal's first
// element is (r0, c0)). Gathers copy elements, so inf and NaN off the
// diagonal never reach the result (a mask and ReduceSum would make
// 0 * inf = NaN). No Reshape: with allowzero = 0 (the only form at opset
// 13) a computed target dim of 0 would copy the input's dim instead;
// Expand broadcasts dims of 0 correctly. Offsets are clamped to +-2^31 at
// export (no dim is that large; index arithmetic stays far from overflow).
#include <algorithm>

#include "convert/ops/axes.h"
#include "convert/registry.h"
#include "graph/ops/linalg.h"

namespace ptonnx {
namespace {

std::string op2(ConversionContext& c, const char* op, const std::string& a, const std::string& b) {
  const std::string out = c.temp(op);
  c.emit(op, {a, b}, {out});
  return out;
}

std::string scalar_dim(ConversionContext& c, const std::string& shape, int64_t axis) {
  const std::string out = c.temp("dim");
  c.emit("Gather", {shape, c.scalar(DType::Int64, static_cast<double>(axis))}, {out});
  return out;
}

void convert_extract_diag(ConversionContext& c, const Node& n) {
  const linalg::DiagAxes d = linalg::diag_axes(n.attrs);
  const int64_t nd = n.inputs.at(0)->type.ndim();
  const int64_t offset = std::clamp<int64_t>(d.offset, -(int64_t{1} << 31), int64_t{1} << 31);
  std::vector<int64_t> perm;
  for (int64_t i = 0; i < nd; ++i)
    if (i != d.axis1 && i != d.axis2) perm.push_back(i);
  perm.push_back(d.axis1);
  perm.push_back(d.axis2);
  std::string t = c.in(0);
  bool identity = true;
  for (int64_t i = 0; i < nd; ++i) identity &= perm[static_cast<size_t>(i)] == i;
  if (!identity) {
    t = c.temp("moved");
    set_attr(c.emit("Transpose", {c.in(0)}, {t}), "perm", perm);
  }
  const std::string shape = c.temp("shape");
  c.emit("Shape", {t}, {shape});
  const std::string n1 = scalar_dim(c, shape, nd - 2), n2 = scalar_dim(c, shape, nd - 1);
  const int64_t r0 = offset < 0 ? -offset : 0, c0 = offset > 0 ? offset : 0;
  const auto i64 = [&](int64_t v) { return c.scalar(DType::Int64, static_cast<double>(v)); };
  const std::string len = op2(c, "Max", op2(c, "Min", op2(c, "Sub", n1, i64(r0)), op2(c, "Sub", n2, i64(c0))), i64(0));
  const std::string i = c.temp("diag_index");
  c.emit("Range", {i64(0), len, i64(1)}, {i});
  const std::string rows = c.temp("rows");
  set_attr(c.emit("Gather", {t, r0 ? op2(c, "Add", i, i64(r0)) : i}, {rows}), "axis", nd - 2);
  const std::string col = c.temp("col");
  c.emit("Unsqueeze", {c0 ? op2(c, "Add", i, i64(c0)) : i, axes::int64_vector(c, {1}, "axes")}, {col});
  const std::string lead = c.temp("lead");
  c.emit("Slice", {shape, axes::int64_vector(c, {0}, "starts"), axes::int64_vector(c, {nd - 2}, "ends")}, {lead});
  const std::string len1 = c.temp("len1");
  c.emit("Unsqueeze", {len, axes::int64_vector(c, {0}, "axes")}, {len1});
  const std::string target = c.temp("cols_shape");
  set_attr(c.emit("Concat", {lead, len1, axes::int64_vector(c, {1}, "one")}, {target}), "axis", int64_t{0});
  const std::string cols = c.temp("cols");
  c.emit("Expand", {col, target}, {cols});
  const std::string picked = c.temp("picked");
  set_attr(c.emit("GatherElements", {rows, cols}, {picked}), "axis", nd - 1);
  c.emit("Squeeze", {picked, axes::int64_vector(c, {nd - 1}, "axes")}, {c.out()});
}

const ConverterRegistrar kExtractDiag("ExtractDiag", 13, convert_extract_diag);

}  // namespace
}  // namespace ptonnx
