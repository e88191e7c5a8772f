// Oracle kernel of ExtractDiag: np.diagonal(x, offset, axis1, axis2)
// (ExtractDiag.perform, tensor/basic.py), written out from NumPy's
// definition: out[..., i] = x[..., i, ..., i + offset, ...] over the other
// axes in order, with the axes sorted as ExtractDiag.__init__ sorts them
// (the offset negated on a swap). Its own reading of the attributes: it
// shares nothing with the converter.
#include "oracles/kernel.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

std::vector<Tensor> extract_diag_kernel(const Node& node, const std::vector<Tensor>& in) {
  const Tensor& x = in[0];
  const auto get = [&](const char* k, int64_t dflt) {
    return has_attr(node.attrs, k) ? attr_int(node.attrs, k) : dflt;
  };
  int64_t offset = get("offset", 0), a1 = get("axis1", 0), a2 = get("axis2", 1);
  if (a1 > a2) {
    std::swap(a1, a2);
    offset = -offset;
  }
  const Shape& s = x.shape();
  const int64_t nd = x.rank(), n1 = s[a1], n2 = s[a2];
  // np.diagonal: rows from max(0, -offset), columns from max(0, offset).
  const int64_t r0 = offset < 0 ? -offset : 0, c0 = offset > 0 ? offset : 0;
  const int64_t len = std::max<int64_t>(0, std::min(n1 - r0, n2 - c0));
  Shape other, out_shape;
  for (int64_t i = 0; i < nd; ++i)
    if (i != a1 && i != a2) other.push_back(i);
  for (int64_t i : other) out_shape.push_back(s[i]);
  out_shape.push_back(len);
  Tensor out(x.dtype(), out_shape);
  std::vector<int64_t> stride(static_cast<size_t>(nd), 1);
  for (int64_t i = nd - 1; i > 0; --i) stride[i - 1] = stride[i] * s[i];
  const size_t esize = dtype_size(x.dtype());
  const int64_t outer = shape_numel(out_shape) / std::max<int64_t>(len, 1);
  std::vector<int64_t> idx(other.size(), 0);
  int64_t o = 0;
  for (int64_t b = 0; b < (len == 0 ? 0 : outer); ++b) {
    int64_t base = 0;
    for (size_t j = 0; j < other.size(); ++j) base += idx[j] * stride[other[j]];
    for (int64_t i = 0; i < len; ++i, ++o) {
      const int64_t src = base + (r0 + i) * stride[a1] + (c0 + i) * stride[a2];
      std::copy_n(x.raw() + src * static_cast<int64_t>(esize), esize, out.raw() + o * static_cast<int64_t>(esize));
    }
    for (size_t j = other.size(); j-- > 0;) {
      if (++idx[j] < s[other[j]]) break;
      idx[j] = 0;
    }
  }
  return {out};
}

const KernelRegistrar kExtractDiag("ExtractDiag", extract_diag_kernel);

}  // namespace
}  // namespace ptonnx::oracle
