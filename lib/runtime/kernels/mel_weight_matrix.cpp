// MelWeightMatrix (opset 17): the [dft_length/2 + 1, num_mel_bins] matrix
// of triangular filters that maps a linear-frequency spectrum to the mel
// scale. The spec's prose leaves the bin edges loose; this follows its
// reference implementation (which produced the conformance data): mel
// points spaced (high - low) / (num_mel_bins + 2) apart, mapped to bins by
// floor((dft_length + 1) * hz / sample_rate).
#include <cmath>

#include "runtime/kernels/common.h"

namespace ptonnx::runtime::kernels {

namespace {

std::vector<Tensor> mel_weight_matrix(KernelContext& ctx) {
  const int64_t mels = scalar_as_int64(ctx.input(0), "num_mel_bins");
  const int64_t dft_length = scalar_as_int64(ctx.input(1), "dft_length");
  const int64_t rate = scalar_as_int64(ctx.input(2), "sample_rate");
  const double low = scalar_as_double(ctx.input(3), "lower_edge_hertz");
  const double high = scalar_as_double(ctx.input(4), "upper_edge_hertz");
  if (mels < 1 || dft_length < 1 || rate < 1)
    throw ValidationError("num_mel_bins, dft_length and sample_rate must be >= 1");
  if (!(low >= 0 && high > low)) throw ValidationError("need 0 <= lower_edge_hertz < upper_edge_hertz");
  const int64_t code = ctx.attrs().get_int("output_datatype", 1);
  const auto out = dtype_from_onnx(static_cast<int32_t>(code));
  if (!out || *out == DType::Bool)
    throw UnsupportedError("output_datatype " + std::to_string(code) +
                           " is not supported; the runtime's numeric types are");
  const int64_t bins = dft_length / 2 + 1;
  ctx.check_elements(bins * mels, *out);
  Tensor y = ctx.alloc(*out, {bins, mels});
  auto to_mel = [](double hz) { return 2595 * std::log10(1 + hz / 700); };
  const double low_mel = to_mel(low), step = (to_mel(high) - low_mel) / static_cast<double>(mels + 2);
  std::vector<int64_t> edge(static_cast<size_t>(mels + 2));
  for (int64_t i = 0; i < mels + 2; ++i) {
    const double hz = 700 * (std::pow(10.0, (static_cast<double>(i) * step + low_mel) / 2595) - 1);
    const double b = std::floor(static_cast<double>(dft_length + 1) * hz / static_cast<double>(rate));
    if (!(b >= 0 && b < static_cast<double>(bins)))
      throw ValidationError("upper_edge_hertz " + std::to_string(high) + " maps past the last of " +
                            std::to_string(bins) + " spectrogram bins (sample_rate " + std::to_string(rate) + ")");
    edge[static_cast<size_t>(i)] = static_cast<int64_t>(b);
  }
  for (int64_t i = 0; i < mels; ++i) {
    const int64_t l = edge[static_cast<size_t>(i)], c = edge[static_cast<size_t>(i + 1)],
                  r = edge[static_cast<size_t>(i + 2)];
    if (c == l) set_element(y, c * mels + i, 1.0);
    for (int64_t j = l; c > l && j <= c; ++j)
      set_element(y, j * mels + i, static_cast<double>(j - l) / static_cast<double>(c - l));
    for (int64_t j = c; r > c && j < r; ++j)
      set_element(y, j * mels + i, static_cast<double>(r - j) / static_cast<double>(r - c));
  }
  return one_output(std::move(y));
}

const KernelRegistrar regs[] = {
    {"MelWeightMatrix", 17, mel_weight_matrix},
};

}  // namespace

}  // namespace ptonnx::runtime::kernels
