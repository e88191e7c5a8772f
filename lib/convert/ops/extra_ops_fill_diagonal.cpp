// Converter of FillDiagonal (tier 5; pt.fill_diagonal(a, val) on a copy).
//
// Which elements: a[i, i, ..., i]. PyTensor's perform writes 2-D arrays as
// a.flat[:n*n:n+1] (n = columns): i < min(rows, cols) for tall and wide
// matrices alike (np.fill_diagonal without wrap agrees); N-d arrays need
// equal dims (np.fill_diagonal raises otherwise). Both are "every index
// equal": mask = And over d >= 1 of Equal(i_0, i_d), the i_d = Range(dim_d)
// unsqueezed to broadcast along axis d; no Reshape of a flat index (a
// computed shape holding a 0 would copy the input's dim), no EyeLike (2-D
// only, no 8/16-bit types).
//
// val is Cast to a's dtype: the IR requires upcast(a, val) == a, so the
// Cast is NumPy's safe cast and exact. Where(mask, val, a) then selects,
// through portable::where (ONNX Runtime's Where lacks bool, 8/16-bit ints,
// uint32, uint64 and float16: convert/portable.h).
#include "convert/ops/axes.h"
#include "convert/portable.h"
#include "convert/ops/subgraph_emit.h"
#include "convert/registry.h"

namespace ptonnx {
namespace {

void convert_fill_diagonal(ConversionContext& c, const Node& node) {
  Emit e{c};
  const DType t = c.in_dtype(0);
  const int64_t rank = node.inputs[0]->type.ndim();
  const std::string shape = e.op("Shape", {c.in(0)}, "shape");
  // i_d: Range(dim_d) with size-1 axes everywhere but d.
  auto index = [&](int64_t d) {
    const std::string dim = e.op("Gather", {shape, c.scalar(DType::Int64, static_cast<double>(d))}, "dim", 0);
    const std::string range =
        e.op("Range", {c.scalar(DType::Int64, 0), dim, c.scalar(DType::Int64, 1)}, "index");
    std::vector<int64_t> others;
    for (int64_t k = 0; k < rank; ++k)
      if (k != d) others.push_back(k);
    return e.op("Unsqueeze", {range, axes::int64_vector(c, others, "axes")}, "index_nd");
  };
  const std::string first = index(0);
  std::string mask;
  for (int64_t d = 1; d < rank; ++d) {
    const std::string eq = e.op("Equal", {first, index(d)}, "same_index");
    mask = mask.empty() ? eq : e.op("And", {mask, eq}, "diagonal");
  }
  portable::where(c, mask, c.cast(c.in(1), c.in_dtype(1), t), c.in(0), t, c.out());
}

// FillDiagonalOffset (extended group): perform's flat slice fills exactly
// the cells with col - row == offset (none when |offset| is beyond the
// matrix), so mask = Equal(col - row, offset) with d = col - row in int64.
// A uint64 offset is compared as d >= 0 and Cast(Max(d, 0), uint64) ==
// offset: a Cast of a uint64 offset >= 2^63 to int64 is out of range
// (open in Cast-13); every other integer offset Casts to int64 exactly.
void convert_fill_diagonal_offset(ConversionContext& c, const Node&) {
  Emit e{c};
  const DType t = c.in_dtype(0), to = c.in_dtype(2);
  const std::string shape = e.op("Shape", {c.in(0)}, "shape");
  auto index = [&](int64_t d, int64_t unsqueeze_at) {
    const std::string dim = e.op("Gather", {shape, c.scalar(DType::Int64, static_cast<double>(d))}, "dim", 0);
    const std::string range = e.op("Range", {c.scalar(DType::Int64, 0), dim, c.scalar(DType::Int64, 1)}, "index");
    return e.op("Unsqueeze", {range, axes::int64_vector(c, {unsqueeze_at}, "axes")}, "index_2d");
  };
  const std::string diff = e.op("Sub", {index(1, 0), index(0, 1)}, "col_minus_row");
  std::string mask;
  if (to == DType::UInt64) {
    const std::string nonneg = e.op("GreaterOrEqual", {diff, c.scalar(DType::Int64, 0)}, "nonnegative");
    const std::string as_u = c.cast(e.op("Max", {diff, c.scalar(DType::Int64, 0)}, "clamped"), DType::Int64,
                                    DType::UInt64);
    mask = e.op("And", {nonneg, e.op("Equal", {as_u, c.in(2)}, "same_offset")}, "diagonal");
  } else {
    mask = e.op("Equal", {diff, c.cast(c.in(2), to, DType::Int64)}, "diagonal");
  }
  portable::where(c, mask, c.cast(c.in(1), c.in_dtype(1), t), c.in(0), t, c.out());
}

const ConverterRegistrar kFillDiagonal("FillDiagonal", 13, convert_fill_diagonal);
const ConverterRegistrar kFillDiagonalOffset("FillDiagonalOffset", 13, convert_fill_diagonal_offset);

}  // namespace
}  // namespace ptonnx
