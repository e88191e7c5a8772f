// Oracle kernel of Eig (pytensor rel-3.3.0
// pytensor/tensor/linalg/decomposition/eigen.py Eig.perform):
// numpy.linalg.eig(x) cast to promote_types(x, complex64), in the IR's
// (real, imaginary) pairs (lib/graph/ops/linalg_eigen.cpp). numpy.linalg:
// float16 raises TypeError; a non-square matrix raises LinAlgError; ints
// and bool compute in float64, float32 in float32 (_commonType); a NaN or
// inf raises LinAlgError ("Array must not contain infs or NaNs"); geev
// failing to converge raises. Otherwise ?geev with jobvr 'V': eigenvalues
// in LAPACK's order, each eigenvector of unit 2-norm with its largest
// component real; a complex pair (w_j, w_j+1 = conj w_j) has v_j = vr_j +
// i vr_j+1 and v_j+1 = vr_j - i vr_j+1. The result is cast to the declared
// component dtype.
#include <lapacke.h>

#include <cmath>
#include <vector>

#include "oracles/kernel.h"
#include "oracles/numeric.h"
#include "oracles/oracle.h"

namespace ptonnx::oracle {
namespace {

template <typename T>
std::vector<Tensor> geev(const Tensor& a, DType out) {
  const int64_t n = a.shape()[0];
  Tensor wr(out, {n}), wi(out, {n}), vr(out, {n, n}), vi(out, {n, n});
  if (n == 0) return {wr, wi, vr, vi};
  Tensor work = a;
  std::vector<T> re(static_cast<size_t>(n)), im(static_cast<size_t>(n)), vecs(static_cast<size_t>(n * n));
  const int ni = static_cast<int>(n);
  lapack_int info;
  if constexpr (std::is_same_v<T, float>)
    info = LAPACKE_sgeev(LAPACK_ROW_MAJOR, 'N', 'V', ni, work.data<float>().data(), ni, re.data(), im.data(), nullptr,
                         ni, vecs.data(), ni);
  else
    info = LAPACKE_dgeev(LAPACK_ROW_MAJOR, 'N', 'V', ni, work.data<double>().data(), ni, re.data(), im.data(), nullptr,
                         ni, vecs.data(), ni);
  if (info > 0) throw PyTensorRaises("Eigenvalues did not converge");
  if (info < 0) throw Error("oracle: Eig: illegal argument to geev");
  for (int64_t j = 0; j < n; ++j) {
    wr.set_from_double(j, static_cast<double>(re[j]));
    wi.set_from_double(j, static_cast<double>(im[j]));
  }
  for (int64_t j = 0; j < n; ++j) {
    const bool first_of_pair = im[j] > 0 && j + 1 < n, second_of_pair = j > 0 && im[j] < 0;
    for (int64_t i = 0; i < n; ++i) {
      double real = static_cast<double>(vecs[i * n + j]), imag = 0;
      if (first_of_pair) imag = static_cast<double>(vecs[i * n + j + 1]);
      if (second_of_pair) {
        real = static_cast<double>(vecs[i * n + j - 1]);
        imag = -static_cast<double>(vecs[i * n + j]);
      }
      vr.set_from_double(i * n + j, real);
      vi.set_from_double(i * n + j, imag);
    }
  }
  return {wr, wi, vr, vi};
}

std::vector<Tensor> eig_kernel(const Node& node, const std::vector<Tensor>& in) {
  const Tensor& x = in[0];
  if (x.dtype() == DType::Float16) throw PyTensorRaises("array type float16 is unsupported in linalg");
  if (x.rank() != 2 || x.shape()[0] != x.shape()[1])
    throw PyTensorRaises("Last 2 dimensions of the array must be square");
  for (int64_t i = 0; i < x.numel(); ++i)
    if (!std::isfinite(x.get_as_double(i))) throw PyTensorRaises("Array must not contain infs or NaNs");
  const DType out = out_dtype(node);
  // numpy's _commonType: float32 stays single, everything else double.
  if (x.dtype() == DType::Float32) return geev<float>(x, out);
  return geev<double>(to_loop_dtype(x, DType::Float64), out);
}

const KernelRegistrar kEig("Eig", eig_kernel);

}  // namespace
}  // namespace ptonnx::oracle
